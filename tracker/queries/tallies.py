"""Shipment counts and sums read from shipment_tally (a few hundred rows) instead of the
shipment and item tables (a million), whenever the tally can answer the Filter exactly.

It can when the Filter names at most one commodity, no event kind and no search text, and its
dates fall on month boundaries; otherwise every function here returns None and the caller
runs its query over the records."""

from __future__ import annotations

import calendar

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlmodel import Session

from tracker.models import Commodity, ShipmentTally
from tracker.queries.conditions import _country_party_ids, _deal_ids, _party_ids
from tracker.queries.filters import Filter

T = ShipmentTally


def answerable(f: Filter) -> bool:
    """Whether shipment_tally can answer the Filter's shipment conditions exactly."""
    if f.event_kind or f.q or len(f.commodity) > 1:
        return False
    if f.date_from and f.date_from.start.day != 1:
        return False
    if f.date_to:
        end = f.date_to.end
        if end.day != calendar.monthrange(end.year, end.month)[1]:
            return False
    return True


def conditions(f: Filter) -> list[ColumnElement[bool]]:
    """The Filter's shipment conditions on tally rows (commodity aside: see rows())."""
    c: list[ColumnElement[bool]] = []
    if f.country:
        ids = _country_party_ids(f.country)
        c.append(or_(T.origin_id.in_(ids), T.destination_id.in_(ids)))
    if f.party:
        ids = _party_ids(f)
        c.append(
            or_(
                T.origin_party_id.in_(ids),
                T.destination_party_id.in_(ids),
                T.deal_id.in_(_deal_ids(f, party=f.party)),
            )
        )
    if f.kind or f.status:
        c.append(T.deal_id.in_(_deal_ids(f, kind=f.kind, status=f.status)))
    if f.date_from:
        c += [T.period >= f"{f.date_from.start:%Y-%m}", T.period != ""]
    if f.date_to:
        c += [T.period <= f"{f.date_to.end:%Y-%m}", T.period != ""]
    return c


def _among(f: Filter) -> ColumnElement:
    """The commodity the Filter names (as a scalar subquery), which rows are 'among'."""
    return select(Commodity.id).where(Commodity.slug == f.commodity[0]).scalar_subquery()


def whole_rows(f: Filter) -> list[ColumnElement[bool]]:
    """Rows that count each selected shipment once, with all its items."""
    if f.commodity:
        return [T.among_id == _among(f), T.commodity_id.is_not(None)]
    return [T.among_id.is_(None)]


def shipment_rows(f: Filter) -> list[ColumnElement[bool]]:
    """Rows whose shipments column counts each selected shipment exactly once."""
    if f.commodity:
        return [T.among_id == _among(f), T.commodity_id == T.among_id]
    return [T.among_id.is_(None)]


def flow_rows(f: Filter) -> list[ColumnElement[bool]]:
    """Rows per commodity carried by the selected shipments (a shipment once per commodity)."""
    if f.commodity:
        return [T.among_id == _among(f), T.commodity_id.is_not(None)]
    return [T.among_id.is_not(None), T.commodity_id == T.among_id]


def count_shipments(session: Session, f: Filter) -> int | None:
    """How many shipments the Filter selects, or None when the tally cannot say."""
    if not answerable(f):
        return None
    query = select(func.coalesce(func.sum(T.shipments), 0)).where(*conditions(f), *shipment_rows(f))
    return int(session.scalar(query))


def flow_side(f: Filter, country_column: str) -> Select | None:
    """(country, commodity, shipments) grouped from the tally, or None when it cannot say."""
    if not answerable(f):
        return None
    country = getattr(T, country_column)
    n = func.sum(T.shipments)
    return (
        select(country.label("country"), T.commodity_id.label("commodity"), n.label("n"))
        .where(*conditions(f), *flow_rows(f))
        .group_by(country, T.commodity_id)
    )


def delivered(session: Session, f: Filter, deal_ids) -> tuple[int, int, object, int] | None:
    """(shipments, items, USD sum, items with USD) of the selected shipments under the deals
    DEAL_IDS (a subquery), or None when the tally cannot say."""
    if not answerable(f):
        return None
    under = [*conditions(f), T.deal_id.in_(deal_ids)]
    shipments = session.scalar(select(func.sum(T.shipments)).where(*under, *shipment_rows(f)))
    items, usd, with_usd = session.execute(
        select(func.sum(T.items), func.sum(T.value_usd), func.sum(T.items_with_usd)).where(
            *under, *whole_rows(f)
        )
    ).one()
    return int(shipments or 0), int(items or 0), usd, int(with_usd or 0)
