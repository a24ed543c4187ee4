"""Flows for the Sankey: shipments from origin country to commodity, and commodity to
destination country, each a GROUP BY over ids (a few thousand groups at most), named after."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from tracker.models import Party, Shipment
from tracker.queries.aggregates import Com, Item
from tracker.queries.conditions import shipment_conditions
from tracker.queries.filters import Filter

# Links per side read from the database: every country-commodity pair there is (about 250 x
# 60 at most); the chart folds all but the largest nodes of each column into "other".
MAX_FLOW_LINKS = 20_000


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


def _side(session: Session, f: Filter, country_column, *, country_first: bool):
    """The largest links between COUNTRY_COLUMN's country and the commodity, with the total."""
    n = func.count(distinct(Item.shipment_id)).label("n")
    grouped = (
        select(country_column.label("country"), Item.commodity_id.label("commodity"), n)
        .join(Item, Item.shipment_id == Shipment.id)
        .where(*shipment_conditions(f))
        .group_by(country_column, Item.commodity_id)
        .subquery()
    )
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


def flows(session: Session, f: Filter) -> Flows:
    """Origin -> commodity and commodity -> destination, by number of shipments."""
    out, out_total = _side(session, f, Shipment.origin_id, country_first=True)
    into, in_total = _side(session, f, Shipment.destination_id, country_first=False)
    return Flows(out, into, out_total, in_total)
