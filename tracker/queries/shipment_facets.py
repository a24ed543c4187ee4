"""Facet counts of the shipments a Filter selects: commodity, country (either end), and the
kind and status of their deals, each linking to the list with that value chosen.

When shipment_tally can answer the Filter exactly (tracker/queries/tallies.answerable), the
counts are sums over its rows (a few thousand at most), not a pass over a million shipments;
otherwise each facet is a GROUP BY over the selection, under the facets' time limit."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from sqlalchemy import ColumnElement, Select, case, distinct, func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from tracker.models import Commodity, Deal, Party, Shipment, ShipmentItem, ShipmentTally
from tracker.queries import tallies
from tracker.queries.conditions import shipment_conditions
from tracker.queries.facets import Facets, Memo, collect
from tracker.queries.filters import Filter
from tracker.summaries.tallies import SAME

T = ShipmentTally
CODE = func.coalesce(Party.iso3, Party.country_iso3)


def shipment_facets(session: Session, f: Filter, memo: Memo | None = None) -> Facets:
    """Facets of the shipments F selects (page and sort kept, page back to 1)."""

    def tallied(tally: Callable, scan: Callable, *, by_deal: bool) -> Callable:
        def build(g: Filter) -> Select:
            if tallies.answerable(g, by_deal=by_deal, session=session):
                return tally(g)
            return scan(g)

        return build

    queries = {
        "commodity": ("Commodity", tallied(_tally_commodities, _commodities, by_deal=False)),
        "country": ("Country", tallied(_tally_countries, _countries, by_deal=False)),
    }
    for name, title in (("kind", "Deal kind"), ("status", "Deal status")):
        column = getattr(Deal, name)
        queries[name] = (
            title,
            tallied(
                partial(_tally_deals, column=column), partial(_deals, column=column), by_deal=True
            ),
        )
    return collect(session, f, queries, memo, "shipments")


def _tally_commodities(f: Filter) -> Select:
    """Shipments carrying each commodity (and the chosen one): the origin side's pair rows,
    which hold every shipment once per commodity it carries."""
    chosen = tallies.chosen_commodity_id(f) if f.commodity else T.commodity_id
    among = [T.among_id == chosen]
    return (
        select(Commodity.slug, Commodity.name, func.sum(T.shipments))
        .join(Commodity, Commodity.id == T.commodity_id)
        .where(T.side == "origin", *among)
        .group_by(Commodity.slug, Commodity.name)
    )


def _tally_countries(f: Filter) -> Select:
    """Shipments with each country at either end: origin + destination - both (the 'same'
    rows), which is what country=CODE selects."""
    if f.commodity:
        shape = [T.among_id == tallies.chosen_commodity_id(f), T.commodity_id == T.among_id]
    else:
        shape = [T.among_id.is_(None), T.commodity_id.is_(None)]
    signed = case((T.side == SAME, -T.shipments), else_=T.shipments)
    return (
        select(CODE, CODE, func.sum(signed))
        .join(Party, Party.id == T.country_id)
        .where(T.side.in_(("origin", "destination", SAME)), CODE.is_not(None), *shape)
        .group_by(CODE)
    )


def _tally_deals(f: Filter, column) -> Select:
    """Shipments under deals of each kind (or status), from the per-deal rows."""
    if f.commodity:
        once = [T.among_id == tallies.chosen_commodity_id(f), T.commodity_id == T.among_id]
    else:
        once = [T.among_id.is_(None)]
    deals = select(Deal.id).where(*_deal_choice(f))
    return (
        select(column, column, func.sum(T.shipments))
        .join(Deal, Deal.id == T.deal_id)
        .where(T.side.is_(None), T.deal_id.in_(deals), *once)
        .group_by(column)
    )


def _deal_choice(f: Filter) -> list[ColumnElement[bool]]:
    c = [Deal.deleted.is_(False)]
    if f.kind:
        c.append(Deal.kind.in_(f.kind))
    if f.status:
        c.append(Deal.status.in_(f.status))
    return c


def _selected(f: Filter) -> Select:
    return select(Shipment.id).where(*shipment_conditions(f))


def _commodities(f: Filter) -> Select:
    return (
        select(Commodity.slug, Commodity.name, func.count(distinct(ShipmentItem.shipment_id)))
        .join(ShipmentItem, ShipmentItem.commodity_id == Commodity.id)
        .where(ShipmentItem.shipment_id.in_(_selected(f)))
        .group_by(Commodity.slug, Commodity.name)
    )


def _countries(f: Filter) -> Select:
    at_either_end = or_(Party.id == Shipment.origin_id, Party.id == Shipment.destination_id)
    return (
        select(CODE, CODE, func.count(distinct(Shipment.id)))
        .join(Party, at_either_end)
        .where(CODE.is_not(None), *shipment_conditions(f))
        .group_by(CODE)
    )


def _deals(f: Filter, column) -> Select:
    """Selected shipments under deals of each kind (or status): the Filter's conditions on the
    shipment rows themselves, each joined to its one deal (so a plain count counts each
    shipment once), not an IN over a second pass of them (three times the time at 20,000
    matches). The deal is an alias: the conditions' own subqueries over deal stay their own."""
    deal = aliased(Deal)
    value = getattr(deal, column.key)
    return (
        select(value, value, func.count())
        .select_from(Shipment)
        .join(deal, deal.id == Shipment.deal_id)
        .where(*shipment_conditions(f))
        .group_by(value)
    )
