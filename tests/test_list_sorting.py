"""/commodities, /parties and /sources sort by their columns and counts (sort=NAME or -NAME),
stably, refuse unknown sorts with a 400 naming the choices, show the sort in the header, and
keep taking the Filter's parameters."""

from __future__ import annotations

import re

import pytest

from tests.helpers import post_form
from tracker.queries.list_sorts import choices

ROW = re.compile(r'<tr><th scope="row"><a href="([^"]+)">')
CELLS = re.compile(r"<td[^>]*>([^<]*)</td>")


def _rows(page: str) -> list[str]:
    return ROW.findall(page.split("<tbody>")[1])


def _column(page: str, index: int) -> list[str]:
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    return [CELLS.findall(tr)[index] for tr in body.split("<tr>")[1:]]


@pytest.mark.parametrize(
    "path,kind", [("/commodities", "commodities"), ("/parties", "parties"), ("/sources", "sources")]
)
def test_every_sort_answers_and_its_reverse_reverses_the_valued_rows(seeded, path, kind):
    for name in choices(kind):
        page = seeded.get(f"{path}?sort={name}")
        assert page.status_code == 200, name
        assert 'aria-sort="ascending"' in page.text or 'aria-sort="descending"' in page.text
    assert _rows(seeded.get(f"{path}?sort=-{choices(kind)[0]}").text)


def test_unknown_sort_is_a_400_naming_the_choices(seeded):
    page = seeded.get("/commodities?sort=weight")
    assert page.status_code == 400
    assert "-deals" in page.text and "value" in page.text and "shipments" in page.text


@pytest.mark.parametrize("column,index", [("deals", 4), ("shipments", 5)])
def test_commodities_sort_by_counts_largest_first(seeded, column, index):
    page = seeded.get(f"/commodities?sort=-{column}").text
    counts = [int(n) for n in _column(page, index)]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    assert 'aria-sort="descending"' in page and "▼" in page


def test_parties_sort_by_value_with_no_value_last_either_way(seeded):
    values = _column(seeded.get("/parties?sort=-value&per_page=500").text, 4)
    numbers = [int(v.replace(",", "")) for v in values if v]
    assert numbers == sorted(numbers, reverse=True) and numbers
    assert values[: len(numbers)] == [f"{n:,}" for n in numbers]  # blanks only after them
    ascending = _column(seeded.get("/parties?sort=value&per_page=500").text, 4)
    shown = [int(v.replace(",", "")) for v in ascending if v]
    assert shown == sorted(numbers)
    assert ascending[-1] == "" and ascending[0] != ""


def test_ties_keep_one_order_in_both_directions(seeded):
    """Many parties have the same number of deals: their order must not shuffle."""
    up = _rows(seeded.get("/parties?sort=deals&per_page=500").text)
    again = _rows(seeded.get("/parties?sort=deals&per_page=500").text)
    assert up == again
    down = _rows(seeded.get("/parties?sort=-deals&per_page=500").text)
    assert sorted(up) == sorted(down) and up != down


def test_sort_keeps_the_filter_and_the_header_links_keep_both(seeded):
    page = seeded.get("/parties?commodity=antimony&sort=-deals")
    assert page.status_code == 200
    assert "Narrowed by the filter" in page.text
    assert 'href="?commodity=antimony&amp;sort=name"' in page.text
    everyone = _rows(seeded.get("/parties").text)
    assert set(_rows(page.text)) < set(everyone)


def test_sources_sort_keeps_the_source_type(seeded):
    page = seeded.get("/sources?source_type=news&sort=title")
    assert page.status_code == 200
    assert "&amp;source_type=news" in page.text
    titles = [t.casefold() for t in re.findall(r'<th scope="row"><a [^>]+>([^<]+)</a>', page.text)]
    assert titles == sorted(titles)


@pytest.mark.parametrize("query", ["sort=-deals", "sort=name", "sort=-value", "commodity=lithium"])
def test_parties_pages_hold_the_whole_sorted_list_in_turn(seeded, query):
    """/parties shows a page at a time (449 parties at a million items): its pages, in
    turn, are the whole list in the same sort and filter, and the pager keeps both."""
    whole = _rows(seeded.get(f"/parties?{query}&per_page=500").text)
    assert len(whole) > 3
    first = seeded.get(f"/parties?{query}&per_page=3").text
    assert f"{len(whole)} parties." in first
    assert f'rel="next" href="?{query}&amp;per_page=3&amp;page=2"' in first
    paged = []
    for page in range(1, -(-len(whole) // 3) + 1):
        paged += _rows(seeded.get(f"/parties?{query}&per_page=3&page={page}").text)
    assert paged == whole


@pytest.mark.parametrize("query", ["sort=title", "sort=-facts", "source_type=news&sort=date"])
def test_sources_pages_hold_the_whole_sorted_list_in_turn(seeded, query):
    """/sources shows a page at a time too (200 sources at a million items): its pages, in
    turn, are the whole list, and the pager keeps the sort and the source types."""
    whole = _rows(seeded.get(f"/sources?{query}&per_page=500").text)
    assert len(whole) > 3
    first = seeded.get(f"/sources?{query}&per_page=3").text
    assert f"{len(whole)} sources" in first
    assert len(_rows(first)) == 3
    # The Filter's pairs, its paging, the page's own (source_type), then the page asked for.
    own = [p for p in query.split("&") if p.startswith("source_type")]
    filtered = [p for p in query.split("&") if p not in own]
    kept = "&amp;".join([*filtered, "per_page=3", *own, "page=2"])
    assert f'rel="next" href="?{kept}"' in first
    paged = []
    for page in range(1, -(-len(whole) // 3) + 1):
        paged += _rows(seeded.get(f"/sources?{query}&per_page=3&page={page}").text)
    assert paged == whole


def _party_row(client, slug: str) -> tuple[int, int]:
    """(deals, USD value) of SLUG's row in /parties."""
    page = client.get("/parties?per_page=500").text
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    row = next(tr for tr in body.split("<tr>")[1:] if f'href="/parties/{slug}"' in tr)
    cells = CELLS.findall(row)
    return int(cells[3]), int(cells[4].replace(",", "") or 0)


def test_a_party_with_two_roles_in_one_deal_counts_its_value_once(editor):
    deals, value = _party_row(editor, "us-strategic-metals")
    deal = {
        "title": "Two-role antimony offtake",
        "kind": "offtake",
        "status": "signed",
        "parties": "us-strategic-metals buyer\nus-strategic-metals signatory",
        "commodities": ["antimony"],
        "value_amount": "1000000",
        "value_currency": "USD",
    }
    assert post_form(editor, "/deals/new", deal).status_code == 302
    assert _party_row(editor, "us-strategic-metals") == (deals + 1, value + 1_000_000)
