"""A search whose words are in every live shipment selects them all, and the lists answer it as
they answer no search (tallies.without_search): the same total, rows, facets and pages, from
the tally and the unfiltered indexes. One live shipment without the word, and the search is
answered over its own matches again, leaving that shipment out."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tests.factories import make_shipment
from tests.test_facet_sample import _facets
from tracker import db
from tracker.cache import versioning
from tracker.models import Party, Shipment
from tracker.queries import tallies
from tracker.queries.filters import Filter

# Every demo description reads "synthetic consignment"; every demo deal's title holds
# "synthetic" (some demo shipments have no deal: only their own text holds it).
EVERYWHERE = ("consignment", "synthetic")


@pytest.fixture
def demo(app):
    """Demo data with one shipment deleted."""
    args = ["demo-data", "--deals", "12", "--shipments", "150", "--seed", "5"]
    assert app.test_cli_runner().invoke(args=args).exit_code == 0
    with app.app_context():
        session = db.get_session()
        session.get(Shipment, 1).deleted = True
        versioning.bump(session)
        session.commit()
    return app


def _add_shipment(app, *, deleted: bool = False) -> str:
    """A shipment of no deal whose text holds no demo word; its slug."""
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        pak, usa = (s.scalars(select(Party).where(Party.iso3 == c)).one() for c in ("PAK", "USA"))
        shipment = make_shipment(s, origin=pak, destination=usa, description="kestrel ore")
        shipment.deleted = deleted
        versioning.bump(s)
        s.flush()
        return shipment.slug


def _live(app) -> int:
    with app.app_context():
        session = db.get_session()
        return session.scalar(select(func.count()).where(Shipment.deleted.is_(False)))


def _api(client, query: str) -> tuple[int, list[str]]:
    body = client.get(f"/api/v1/shipments?{query}").get_json()
    return body["total"], [s["shipment_slug"] for s in body["items"]]


def _page(client, query: str) -> tuple[str, list[str], dict]:
    text = client.get(f"/shipments?{query}").text
    count = re.search(r'<p class="count">([^<]+)</p>', text).group(1)
    slugs = re.findall(r'href="/shipments/([^"?/]+)"', text)
    # Facet links differ by the search they keep: compared by their values and counts.
    facets = {
        title: sorted((re.sub(r"(^|&)q=[^&]*", "", q).lstrip("&"), n) for q, n in links.items())
        for title, links in _facets(text).items()
    }
    return count, slugs, facets


def _without_search(app, word: str) -> Filter:
    with app.app_context():
        return tallies.without_search(db.get_session(), Filter(q=word))


@pytest.mark.parametrize("word", EVERYWHERE)
def test_a_word_in_every_live_shipment_lists_them_all(demo, word):
    client = demo.test_client()
    live = _live(demo)
    assert live == 149
    total, slugs = _api(client, f"q={word}&per_page=200")
    assert total == live and len(slugs) == live
    assert sorted(slugs) == sorted(_api(client, "per_page=200")[1])
    # The list page: its count, its facets and its pages latest first, as with no search.
    for page in (1, 3):
        searched = _page(client, f"q={word}&sort=-date&per_page=20&page={page}")
        assert searched == _page(client, f"sort=-date&per_page=20&page={page}")
        assert searched[0] == f"{live} shipments." and len(searched[1]) == 20
    # The API's pages latest first, by number and by cursor.
    unfiltered = _api(client, "sort=-date&per_page=30&page=2")
    assert _api(client, f"q={word}&sort=-date&per_page=30&page=2") == unfiltered
    first = client.get(f"/api/v1/shipments?q={word}&sort=-date&per_page=30&cursor=").get_json()
    after = client.get(
        f"/api/v1/shipments?q={word}&sort=-date&per_page=30&cursor={first['next_cursor']}"
    )
    assert [s["shipment_slug"] for s in after.get_json()["items"]] == unfiltered[1]
    # Known from the word's own hits among the live shipments, on either database.
    assert _without_search(demo, word) == Filter()


def test_a_deleted_shipment_without_the_word_changes_nothing(demo):
    _add_shipment(demo, deleted=True)
    live = _live(demo)
    assert _api(demo.test_client(), "q=consignment&per_page=1")[0] == live
    # SQLite looks the deleted shipments up in the word's index; PostgreSQL counts the live
    # shipments' hits alone.
    assert _without_search(demo, "consignment") == Filter()
    with demo.app_context():  # the floor: the live hits exactly
        floor = tallies.at_least(db.get_session(), Filter(q="consignment"))
    assert floor == live


@pytest.mark.parametrize("word", EVERYWHERE)
def test_one_live_shipment_without_the_word_is_left_out(demo, word):
    client = demo.test_client()
    _api(client, f"q={word}")  # kept in the page cache until the write below
    outsider = _add_shipment(demo)
    live = _live(demo)
    assert _without_search(demo, word) == Filter(q=word)
    total, slugs = _api(client, f"q={word}&per_page=200")
    assert total == live - 1 and len(slugs) == live - 1 and outsider not in slugs
    assert outsider in _api(client, "per_page=200")[1]
    count, latest, _ = _page(client, f"q={word}&sort=-date&per_page=200")
    assert count == f"{live - 1} shipments." and outsider not in latest
    # A prefix of the word finds the same (it is never taken for the whole word).
    assert _api(client, f"q={word[:-2]}&per_page=200")[0] == live - 1


@pytest.mark.parametrize(
    ("searched", "same_as"),
    [("q=synthetic+cobalt", "q=cobalt"), ("q=synthetic&commodity=antimony", "commodity=antimony")],
)
def test_beside_other_words_or_a_commodity_the_word_everywhere_changes_nothing(
    demo, searched, same_as
):
    client = demo.test_client()
    total, slugs = _api(client, f"{searched}&per_page=200")
    expected_total, expected = _api(client, f"{same_as}&per_page=200")
    assert total == expected_total and sorted(slugs) == sorted(expected)
    assert 0 < total < _live(demo)
    page = _page(client, f"{searched}&sort=-date&per_page=20")
    assert page[:2] == _page(client, f"{same_as}&sort=-date&per_page=20")[:2]


def test_a_shipment_with_the_other_word_only_is_left_out(demo):
    """A live shipment that says "cobalt" and not "synthetic": "synthetic cobalt" must not
    find it, though "cobalt" does (the word is no longer in every live shipment)."""
    client = demo.test_client()
    _api(client, "q=synthetic+cobalt")  # kept in the page cache until the write below
    with demo.app_context(), db.unit_of_work(db.engine()) as s:
        pak, usa = (s.scalars(select(Party).where(Party.iso3 == c)).one() for c in ("PAK", "USA"))
        outsider = make_shipment(s, origin=pak, destination=usa, description="cobalt ore").slug
        versioning.bump(s)
    total, slugs = _api(client, "q=synthetic+cobalt&per_page=200")
    assert outsider not in slugs and outsider in _api(client, "q=cobalt&per_page=200")[1]
    assert total == _api(client, "q=cobalt&per_page=1")[0] - 1
    assert outsider not in _page(client, "q=synthetic+cobalt&sort=-date&per_page=200")[1]
