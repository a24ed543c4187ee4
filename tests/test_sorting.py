"""Lists sort by their columns, server-side, stably, and refuse sorts they do not offer."""

from __future__ import annotations

import csv
import io

import pytest

from tracker.config import REPO_ROOT
from tracker.queries.sorting import choices


def _deals(client, query: str) -> list[dict]:
    response = client.get(f"/api/v1/deals?per_page=500&{query}")
    assert response.status_code == 200, response.text
    return response.get_json()["items"]


def _usd(item) -> float | None:
    return float(item["value_usd"]) if item["value_usd"] is not None else None


def test_value_sorts_both_ways_with_unknown_values_last(seeded):
    up = [_usd(i) for i in _deals(seeded, "sort=value")]
    down = [_usd(i) for i in _deals(seeded, "sort=-value")]
    known_up = [v for v in up if v is not None]
    assert known_up == sorted(known_up) and len(known_up) >= 3
    assert up[: len(known_up)] == known_up  # unknown values come last either way
    assert [v for v in down if v is not None] == sorted(known_up, reverse=True)
    assert down[len(known_up) :] == [None] * (len(down) - len(known_up))


def test_title_sort_and_date_default(seeded):
    titles = [i["title"] for i in _deals(seeded, "sort=title")]
    assert titles == sorted(titles)
    default = _deals(seeded, "")
    dated = [i["last_date"] for i in default if i.get("last_date")]
    assert dated == sorted(dated, reverse=True)


def test_sort_is_stable_across_pages(seeded):
    whole = [i["slug"] for i in _deals(seeded, "sort=kind")]
    paged = []
    for page in range(1, len(whole) // 3 + 2):
        paged += [i["slug"] for i in _deals(seeded, f"sort=kind&per_page=3&page={page}")]
    assert paged == whole


@pytest.mark.parametrize(
    "url",
    [
        "/deals?sort=colour",
        "/shipments?sort=value",
        "/api/v1/deals?sort=nope",
        "/export/deals.csv?sort=nope",
        "/export/citations.csv?sort=date",
        "/timeline?sort=title",
    ],
)
def test_unknown_sort_is_a_400_naming_the_choices(seeded, url):
    response = seeded.get(url)
    assert response.status_code == 400
    assert "sort" in response.text
    if "citations" not in url:
        assert "-date" in response.text


def test_deals_header_links_sort_and_show_the_current_sort(seeded):
    page = seeded.get("/deals?sort=-value&commodity=antimony").text
    assert 'aria-sort="descending"' in page
    assert 'href="?commodity=antimony&amp;sort=value"' in page
    assert 'href="?commodity=antimony&amp;sort=title"' in page


def test_shipments_sort_by_date(seeded):
    rows = seeded.get("/api/v1/shipments?sort=date&per_page=500").get_json()["items"]
    dates = [r["dispatched_on"] for r in rows if r["dispatched_on"]]
    assert dates == sorted(dates)


def test_export_follows_the_sort(seeded):
    text = seeded.get("/export/deals.csv?sort=title").get_data(as_text=True)
    titles = [row["title"] for row in csv.DictReader(io.StringIO(text))]
    assert titles == sorted(titles) and len(titles) > 3


def test_reference_lists_sort_in_the_api(seeded):
    names = [
        i["name"] for i in seeded.get("/api/v1/parties?sort=-name&per_page=500").get_json()["items"]
    ]
    assert names == sorted(names, reverse=True)


def test_timeline_runs_newest_first_on_request(seeded):
    oldest = seeded.get("/timeline").text
    newest = seeded.get("/timeline?sort=-date").text
    assert "oldest first" in oldest and "newest first" in newest
    assert "sort=-date" in oldest  # the link that turns it round


def test_choices_are_documented():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    for kind in ("deals", "shipments", "events"):
        for choice in choices(kind):
            assert f"`{choice}`" in readme, (kind, choice)


def test_paging_has_first_numbers_and_last(seeded):
    page = seeded.get("/deals?per_page=2&page=3").text
    for rel in ("first", "prev", "next", "last"):
        assert f'rel="{rel}"' in page
    assert 'aria-current="page">3<' in page
