"""Counts and sums read from shipment_tally equal the same figures computed over the records,
for every kind of Filter the tally answers (and the tally steps aside for the others)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from tracker import db
from tracker.models import Commodity, Party
from tracker.queries import tallies
from tracker.queries.delivery import delivery_overall
from tracker.queries.filters import Filter
from tracker.queries.flows import flows
from tracker.queries.shipments import count_shipments, count_shipments_scanning


@pytest.fixture
def demo(app):
    """Synthetic records where shipments carry two commodities each."""
    args = ["demo-data", "--deals", "40", "--shipments", "400", "--items-per-shipment", "2"]
    result = app.test_cli_runner().invoke(args=[*args, "--seed", "5"])
    assert result.exit_code == 0, result.output
    return app


def _filters(app) -> list[Filter]:
    with db.unit_of_work(app.extensions["tracker.engine"]) as s:
        commodity = s.scalar(select(Commodity.slug).order_by(Commodity.id))
        iso = s.scalar(select(Party.iso3).where(Party.kind == "country").order_by(Party.id))
        company = s.scalar(select(Party.slug).where(Party.kind == "company").order_by(Party.id))
    queries = [
        {},
        {"commodity": commodity},
        {"kind": "offtake"},
        {"status": ["signed", "delivering"]},
        {"commodity": commodity, "kind": ["offtake", "loan"]},
        # Answered over the records: the comparison then shows the fallback is taken.
        {"country": iso},
        {"party": company},
        {"from": "2019", "to": "2022-06"},
    ]
    return [Filter.from_args(MultiDict(q)) for q in queries]


def test_tally_figures_equal_the_records(demo):
    with db.unit_of_work(demo.extensions["tracker.engine"]) as s:
        for f in _filters(demo):
            assert count_shipments(s, f) == count_shipments_scanning(s, f), f
            assert flows(s, f) == flows(s, f, scan=True), f
            fast, slow = delivery_overall(s, f), delivery_overall(s, f, scan=True)
            assert (fast.shipments, fast.items, fast.items_with_usd) == (
                slow.shipments,
                slow.items,
                slow.items_with_usd,
            ), f
            assert fast.delivered_usd == pytest.approx(slow.delivered_usd), f


@pytest.mark.parametrize(
    "query",
    [{"q": "ore"}, {"event_kind": "statement"}, {"from": "2020-03-15"}, {"to": "2020-03-15"}],
)
def test_filters_the_tally_cannot_answer_go_to_the_records(query):
    assert not tallies.answerable(Filter.from_args(MultiDict(query)))
