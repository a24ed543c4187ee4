"""The timeline chart's rows: the latest deals as spans, and as marks the events of those
deals (their own, or through their shipment) and the events of no deal at all."""

from __future__ import annotations

from datetime import date

from tests.factories import make_country, make_deal, make_event, make_shipment
from tracker import db
from tracker.queries.filters import Filter
from tracker.queries.timeline import timeline_rows


def test_marks_are_the_events_of_the_deals_shown_and_of_no_deal(app):
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        pak, usa = make_country(s), make_country(s, "USA", "United States")
        older = make_deal(s, signed_on=date(2024, 1, 1), first_date=date(2024, 1, 1),
                          last_date=date(2024, 1, 1))  # fmt: skip
        latest = make_deal(s, signed_on=date(2025, 9, 1), first_date=date(2025, 9, 1),
                           last_date=date(2025, 9, 1))  # fmt: skip
        of_latest = make_shipment(s, origin=pak, destination=usa, deal_id=latest.id)
        of_older = make_shipment(s, origin=pak, destination=usa, deal_id=older.id)
        of_none = make_shipment(s, origin=pak, destination=usa)
        expected = {
            make_event(s, deal_id=latest.id).slug,  # the shown deal's own
            make_event(s, shipment_id=of_latest.id).slug,  # through the shown deal's shipment
            make_event(s, shipment_id=of_none.id).slug,  # a shipment of no deal
            make_event(s).slug,  # nothing at all
        }
        make_event(s, deal_id=older.id)  # the deal left out: not drawn
        make_event(s, shipment_id=of_older.id)
        rows = timeline_rows(s, Filter(), max_deals=1)
    assert [span.slug for span in rows.spans] == [latest.slug]
    assert {mark.slug for mark in rows.marks} == expected
    assert rows.events_total == len(expected)
    assert {m.deal_slug for m in rows.marks} == {latest.slug, None}
