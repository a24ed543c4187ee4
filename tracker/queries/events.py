"""Events: the timeline, filtered."""

from __future__ import annotations

from sqlalchemy import and_, false, func, select
from sqlmodel import Session

from tracker.models import Deal, Event, Shipment
from tracker.queries import sorting
from tracker.queries.conditions import event_conditions
from tracker.queries.filters import Filter


def count_events(session: Session, f: Filter) -> int:
    """How many events the Filter selects."""
    return session.scalar(select(func.count()).select_from(Event).where(*event_conditions(f)))


def list_events(session: Session, f: Filter, *, newest_first: bool = True) -> list[dict]:
    """One page of events with the deal or shipment each concerns: None for one deleted, as on
    the event's own page, so that no list names a deleted deal as if it were live."""
    f = sorting.settled(session, "events", f)
    if f.sort or f.q:
        order = sorting.order_by("events", f)
    else:
        order = (Event.date.desc(), Event.id.desc()) if newest_first else (Event.date, Event.id)
    rows = session.execute(
        select(Event, Deal, Shipment)
        .outerjoin(Deal, and_(Deal.id == Event.deal_id, Deal.deleted == false()))
        .outerjoin(Shipment, and_(Shipment.id == Event.shipment_id, Shipment.deleted == false()))
        .where(*event_conditions(f))
        .order_by(*order)
        .offset(f.offset)
        .limit(f.per_page)
    ).all()
    return [{"event": e, "deal": d, "shipment": s} for e, d, s in rows]
