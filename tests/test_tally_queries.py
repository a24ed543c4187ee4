"""Counts and sums read from shipment_tally equal the same figures computed over the records,
for every kind of Filter the tally answers (and the tally steps aside for the others)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from tracker import db
from tracker.models import Commodity, Party
from tracker.queries import tallies
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


def test_a_commodity_group_is_answered_over_the_records(demo, app):
    with db.unit_of_work(demo.extensions["tracker.engine"]) as s:
        for slug in ("rare-earth-elements", "light-rare-earths", "copper-all-forms"):
            f = Filter(commodity=(slug,))
            assert not tallies.answerable(f, session=s)
            assert count_shipments(s, f) == count_shipments_scanning(s, f)
            assert flows(s, f) == flows(s, f, scan=True)
        assert tallies.answerable(Filter(commodity=("neodymium",)), session=s)


@pytest.mark.parametrize(
    "query",
    [{"q": "ore"}, {"event_kind": "statement"}, {"from": "2020-03-15"}, {"to": "2020-03-15"}],
)
def test_filters_the_tally_cannot_answer_go_to_the_records(query):
    assert not tallies.answerable(Filter.from_args(MultiDict(query)))


def test_commodity_counts_from_the_rows_over_all_shipments_equal_the_records(demo, monkeypatch):
    """/commodities counts each commodity's shipments from the tally's 'all' rows (one per
    pair): the same numbers as over the items, with and without a commodity chosen."""
    from tracker.queries import reference

    with db.unit_of_work(demo.extensions["tracker.engine"]) as s:
        chosen = s.scalar(select(Commodity.slug).order_by(Commodity.id))
        for f in (Filter(), Filter(commodity=(chosen,))):
            assert tallies.answerable(f, by_deal=False, session=s)
            fast = reference._shipment_counts(s, f)
            with monkeypatch.context() as m:
                m.setattr(reference.tallies, "answerable", lambda *_a, **_k: False)
                assert fast == reference._shipment_counts(s, f) and fast, f


def test_revision_0020_fills_the_rows_over_all_shipments(demo):
    runner = demo.test_cli_runner()
    demo.extensions["tracker.engine"].dispose()
    assert runner.invoke(args=["db", "downgrade", "0019"]).exit_code == 0
    before = runner.invoke(args=["db", "check"])
    assert before.exit_code == 1 and "side=all" in before.output, before.output
    demo.extensions["tracker.engine"].dispose()
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    result = runner.invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output
