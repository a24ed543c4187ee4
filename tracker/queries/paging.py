"""Paging that walks indexes instead of sorting a million rows per request.

Shipments are listed latest first by their dispatch date, else arrival date. Sorting on that
expression sorts every shipment the Filter selects; instead the page is taken from two
index-ordered streams (dispatched, by the dispatched_on index; and the few without a
dispatch date, by arrival), each cut at the page's end, then merged."""

from __future__ import annotations

from sqlalchemy import func, select, union_all
from sqlmodel import Session

from tracker.models import Shipment
from tracker.queries.conditions import shipment_conditions
from tracker.queries.filters import Filter


def shipment_when():
    """The date shipments are listed by: dispatched, else arrived."""
    return func.coalesce(Shipment.dispatched_on, Shipment.arrived_on)


def latest_shipment_ids(session: Session, f: Filter) -> list[int]:
    """Ids of the Filter's page of shipments, latest first (ties: higher id first)."""
    depth = f.offset + f.per_page
    where = shipment_conditions(f)
    dispatched = (
        select(Shipment.id.label("id"), Shipment.dispatched_on.label("on"))
        .where(*where, Shipment.dispatched_on.is_not(None))
        .order_by(Shipment.dispatched_on.desc(), Shipment.id.desc())
        .limit(depth)
    )
    undated = (
        select(Shipment.id.label("id"), Shipment.arrived_on.label("on"))
        .where(*where, Shipment.dispatched_on.is_(None))
        .order_by(Shipment.arrived_on.desc().nulls_last(), Shipment.id.desc())
        .limit(depth)
    )
    both = union_all(dispatched.subquery().select(), undated.subquery().select()).subquery()
    return list(
        session.scalars(
            select(both.c.id)
            .order_by(both.c.on.desc().nulls_last(), both.c.id.desc())
            .offset(f.offset)
            .limit(f.per_page)
        )
    )
