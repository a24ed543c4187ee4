"""Keyset (cursor) paging in /api/v1/deals, /shipments and /events: walking next_cursor from
the start gives every row of the list exactly once, in the numbered pages' order, even where
many rows tie on the sort column or have no value for it; a cursor taken from a numbered page
goes on from it; anything not a cursor of this list and sort is a 400; and totals stay right
after writes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import make_commodity, make_country, make_deal, make_event, make_shipment
from tests.helpers import post_form
from tests.test_summaries import SHIPMENT
from tracker import db
from tracker.records.money import money_fields

KEY = {"deals": "slug", "shipments": "shipment_slug", "events": "slug"}


def _build_ties(app) -> None:
    """Records that tie on every sort in groups, some with no value at all."""
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        pak, usa = make_country(s, "PAK", "Pakistan"), make_country(s, "USA", "United States")
        make_commodity(s)
        for n in range(13):
            value = None if n % 4 == 0 else Decimal(1_000_000 * (n % 3))
            deal = make_deal(
                s,
                kind=("mou", "offtake")[n % 2],
                signed_on=None if n % 5 == 0 else date(2025, 1 + n % 2, 1),
                **money_fields(amount=value, currency="USD" if value is not None else None),
            )
            make_shipment(
                s,
                origin=pak,
                destination=usa,
                deal_id=deal.id,
                status=("dispatched", "arrived")[n % 2],
                dispatched_on=None if n % 6 == 0 else date(2025, 10, 1 + n % 2),
                arrived_on=date(2025, 11, 1) if n % 6 == 0 else None,
            )
            make_event(s, deal_id=deal.id, date=date(2025, 9, 1 + n % 3))


def _walk(client, url: str) -> list[str]:
    """Every row's key, following next_cursor from the first page by cursor."""
    kind = url.split("?")[0].rsplit("/", 1)[1]
    keys: list[str] = []
    cursor = ""
    for _ in range(100):  # bounded: a loop here would be the bug under test
        body = client.get(f"{url}&cursor={cursor}").get_json()
        assert "items" in body, body
        keys += [item[KEY[kind]] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            assert body["links"]["next"] is None
            return keys
        assert body["links"]["next"].endswith(f"cursor={cursor}&per_page=2")
    raise AssertionError("next_cursor never ran out")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/deals?per_page=2",
        "/api/v1/deals?per_page=2&sort=kind",
        "/api/v1/deals?per_page=2&sort=-value",
        "/api/v1/deals?per_page=2&sort=value",
        "/api/v1/deals?per_page=2&sort=-signed",
        "/api/v1/shipments?per_page=2",
        "/api/v1/shipments?per_page=2&sort=-date",
        "/api/v1/shipments?per_page=2&sort=arrived",
        "/api/v1/shipments?per_page=2&sort=-status",
        "/api/v1/events?per_page=2",
        "/api/v1/events?per_page=2&sort=-date",
        "/api/v1/events?per_page=2&sort=kind",
    ],
)
def test_cursor_walk_gives_every_row_once_in_the_numbered_order(app, url):
    _build_ties(app)
    client = app.test_client()
    walked = _walk(client, url)
    kind = url.split("?")[0].rsplit("/", 1)[1]
    whole = client.get(url.replace("per_page=2", "per_page=500")).get_json()
    assert walked == [item[KEY[kind]] for item in whole["items"]]
    assert len(walked) == len(set(walked)) == whole["total"] == 13


def test_a_numbered_page_gives_the_cursor_that_goes_on_from_it(seeded):
    second = seeded.get("/api/v1/events?per_page=3&page=2&sort=-date").get_json()
    third = seeded.get("/api/v1/events?per_page=3&page=3&sort=-date").get_json()
    after = seeded.get(f"/api/v1/events?per_page=3&sort=-date&cursor={second['next_cursor']}")
    assert after.get_json()["items"] == third["items"]
    assert after.get_json()["page"] is None


def test_the_last_page_has_no_cursor(seeded):
    body = seeded.get("/api/v1/deals?per_page=500").get_json()
    assert body["next_cursor"] is None
    assert seeded.get("/api/v1/deals?q=antimony").get_json()["next_cursor"] is None  # relevance


@pytest.mark.parametrize("kind", ["deals", "shipments", "events"])
def test_a_numbered_page_by_relevance_asked_for_by_name_has_no_cursor(seeded, kind):
    """sort=relevance is a search's default said out loud: a page, with no cursor to give."""
    response = seeded.get(f"/api/v1/{kind}?q=pakistan&sort=relevance&per_page=1")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["next_cursor"] is None
    assert body["items"] == seeded.get(f"/api/v1/{kind}?q=pakistan&per_page=1").get_json()["items"]


@pytest.mark.parametrize(
    "query",
    [
        "cursor=not-a-cursor",
        "cursor=e30",  # base64 of {}
        "cursor=&page=2",
        "cursor=&q=antimony",  # ordered by relevance: no column to resume from
        "cursor=&cursor=",
    ],
)
def test_what_is_not_a_cursor_of_this_list_is_a_400(seeded, query):
    response = seeded.get(f"/api/v1/deals?{query}")
    assert response.status_code == 400
    assert response.get_json()["error"]["parameter"] == "cursor"


def test_a_cursor_of_another_sort_is_a_400(seeded):
    by_value = seeded.get("/api/v1/deals?per_page=1&sort=-value").get_json()["next_cursor"]
    response = seeded.get(f"/api/v1/deals?per_page=1&sort=title&cursor={by_value}")
    assert response.status_code == 400
    assert "start again" in response.get_json()["error"]["message"]


def _slugs_in_csv(client, kind: str) -> set[str]:
    body = client.get(f"/export/{kind}.csv").get_data(as_text=True)
    return {line.split(",", 1)[0] for line in body.splitlines()[1:]}


def test_shipment_totals_follow_writes_and_reverts(editor):
    def total() -> int:
        return editor.get("/api/v1/shipments").get_json()["total"]

    before = total()
    assert before == len(_slugs_in_csv(editor, "shipments"))
    assert post_form(editor, "/shipments/new", SHIPMENT).status_code == 302
    assert total() == before + 1 == len(_slugs_in_csv(editor, "shipments"))
    url = "/shipments/tally-concentrate"
    history = f"{url}/history"
    assert post_form(editor, f"{url}/delete", {}, form_url=history).status_code == 302
    assert total() == before == len(_slugs_in_csv(editor, "shipments"))
    page = editor.get("/shipments").get_data(as_text=True)
    assert f'<p class="count">{before} shipment' in page


def test_a_numbered_page_chosen_by_its_ids_is_the_plain_offset_page(app, monkeypatch):
    """Deals and events pages are read by choosing the page's ids first, then those rows: the
    same JSON as an OFFSET over the whole export statement, under every sort (ties, values
    missing) and a search, page after page."""
    from tracker.api import records

    _build_ties(app)
    client = app.test_client()

    def plain(conn, kind, f, stmt):
        return conn.execute(stmt.offset(f.offset).limit(f.per_page)).all()

    compared = 0
    for kind, sorts in (("deals", ["", "&sort=-date", "&sort=value", "&sort=-kind"]),
                        ("events", ["", "&sort=-date", "&sort=kind", "&sort=-kind"])):  # fmt: skip
        for sort in [*sorts, "&q=test", "&q=test&sort=-date"]:
            for page in (1, 2, 3, 9):
                url = f"/api/v1/{kind}?per_page=4&page={page}{sort}"
                chosen = client.get(url).get_json()
                with monkeypatch.context() as m:
                    m.setattr(records, "_numbered", plain)
                    assert client.get(url).get_json() == chosen, url
                assert "items" in chosen, (url, chosen)
                compared += len(chosen["items"])
    assert compared > 40
