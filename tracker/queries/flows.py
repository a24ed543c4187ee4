"""Flows for the Sankey: shipments from origin country to commodity, and commodity to
destination country, each a GROUP BY over ids (a few thousand groups at most), named after."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from tracker.models import Party, Shipment
from tracker.queries import tallies
from tracker.queries.aggregates import Com, Item
from tracker.queries.conditions import shipment_conditions
from tracker.queries.filters import Filter

# Links per side (origin->commodity, commodity->destination) a Sankey can show readably; the
# smallest are left out, and the caption says how many there were.
MAX_FLOW_LINKS = 30


@dataclass(frozen=True)
class FlowLink:
    """Shipments between a country and a commodity (origin side) or the reverse (destination)."""

    source: str
    target: str
    shipments: int


@dataclass(frozen=True)
class Flows:
    """Both sides of the Sankey and how many links each side had before the cut."""

    outbound: list[FlowLink]
    inbound: list[FlowLink]
    outbound_total: int
    inbound_total: int


def _grouped(f: Filter, country_column, *, scan: bool = False):
    """(country, commodity, n shipments) from shipment_tally, or over the records when the
    tally cannot answer the Filter (or SCAN asks for it)."""
    from_tally = None if scan else tallies.flow_side(f, country_column.key)
    if from_tally is not None:
        return from_tally.subquery()
    n = func.count(distinct(Item.shipment_id)).label("n")
    return (
        select(country_column.label("country"), Item.commodity_id.label("commodity"), n)
        .join(Item, Item.shipment_id == Shipment.id)
        .where(*shipment_conditions(f))
        .group_by(country_column, Item.commodity_id)
        .subquery()
    )


def _side(session: Session, f: Filter, country_column, *, country_first: bool, scan=False):
    """The largest links between COUNTRY_COLUMN's country and the commodity, with the total."""
    grouped = _grouped(f, country_column, scan=scan)
    country = aliased(Party)
    names = (country.name, Com.name) if country_first else (Com.name, country.name)
    rows = session.execute(
        select(*names, grouped.c.n, func.count().over())
        .join(country, country.id == grouped.c.country)
        .join(Com, Com.id == grouped.c.commodity)
        .order_by(grouped.c.n.desc(), *names)
        .limit(MAX_FLOW_LINKS)
    ).all()
    total = rows[0][3] if rows else 0
    return [FlowLink(a, b, n) for a, b, n, _ in rows], total


def flows(session: Session, f: Filter, *, scan: bool = False) -> Flows:
    """Origin -> commodity and commodity -> destination, by number of shipments (SCAN: over
    the records even when shipment_tally could answer; the tests compare the two)."""
    out, out_total = _side(session, f, Shipment.origin_id, country_first=True, scan=scan)
    into, in_total = _side(session, f, Shipment.destination_id, country_first=False, scan=scan)
    return Flows(out, into, out_total, in_total)
