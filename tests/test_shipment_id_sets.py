"""A search's shipments as set operations on id lists (conditions.shipment_id_set): the same
ids as the Filter's conditions, a deleted shipment left out, and the counts that the list and
the API show from them."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from tracker import db
from tracker.cache import versioning
from tracker.models import Shipment
from tracker.queries.conditions import shipment_conditions, shipment_id_set
from tracker.queries.filters import Filter

# Words found in descriptions ("synthetic" in every one), in commodity and country names, in
# none; with a commodity or a commodity group; two words.
SEARCHES = [
    "q=synthetic",
    "q=cobalt",
    "q=pakistan+antimony",
    "q=synthetic&commodity=antimony",
    "q=synthetic&commodity=rare-earth-elements",
    "q=nothing-is-called-this",
]


def _filter(query: str) -> Filter:
    return Filter.from_args(MultiDict([p.split("=") for p in query.replace("+", " ").split("&")]))


def _by_conditions(session, f: Filter) -> list[int]:
    return sorted(session.scalars(select(Shipment.id).where(*shipment_conditions(f))))


def _by_set(session, f: Filter) -> list[int]:
    found = shipment_id_set(f).subquery()
    return list(session.scalars(select(found.c.id).order_by(found.c.id)))


def test_the_id_sets_select_what_the_conditions_select(app):
    args = ["demo-data", "--deals", "12", "--shipments", "150", "--seed", "5"]
    assert app.test_cli_runner().invoke(args=args).exit_code == 0
    with app.app_context():
        session = db.get_session()
        gone = _by_conditions(session, _filter("q=cobalt"))[0]
        session.get(Shipment, gone).deleted = True
        versioning.bump(session)
        session.commit()
        matched = 0
        for query in SEARCHES:
            f = _filter(query)
            expected = _by_conditions(session, f)
            assert _by_set(session, f) == expected, query
            assert gone not in expected
            matched += len(expected)
        assert matched > 150  # "synthetic" alone is in every live shipment
        others = ("q=cobalt&country=PAK", "q=cobalt&party=pakistan", "q=cobalt&from=2025",
                  "commodity=antimony")  # fmt: skip
        for other in others:
            assert shipment_id_set(_filter(other)) is None, other

    client = app.test_client()
    for query in SEARCHES:
        with app.app_context():
            n = len(_by_conditions(db.get_session(), _filter(query)))
        assert client.get(f"/api/v1/shipments?{query}").get_json()["total"] == n, query
        listed = client.get(f"/shipments?{query}").get_data(as_text=True)
        assert f'<p class="count">{n} shipment' in listed, query


@pytest.mark.parametrize("query", ["q=synthetic", "q=synthetic&commodity=antimony"])
def test_a_search_past_the_sample_is_counted_whole(app, monkeypatch, query):
    """Beyond the sample and under the tally's floor, the list counts a search's ids whole (no
    "more than")."""
    from tracker.queries import shipment_facets

    args = ["demo-data", "--deals", "12", "--shipments", "150", "--seed", "5"]
    assert app.test_cli_runner().invoke(args=args).exit_code == 0
    monkeypatch.setattr(shipment_facets, "FACET_SAMPLE", 5)
    with app.app_context():
        n = len(_by_conditions(db.get_session(), _filter(query)))
    assert n > 5
    listed = app.test_client().get(f"/shipments?{query}").get_data(as_text=True)
    assert f'<p class="count">{n} shipments.' in listed
