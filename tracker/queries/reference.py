"""Commodities, parties and sources: lists with counts, and one record's page."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlmodel import Session

from tracker.models import (
    Citation,
    Commodity,
    Deal,
    DealCommodity,
    DealParty,
    Event,
    Party,
    Shipment,
    ShipmentItem,
    Source,
)
from tracker.queries.conditions import deal_conditions, event_conditions, shipment_conditions
from tracker.queries.filters import Filter
from tracker.records.vocab import NON_PARTY_ROLES

# These lists read a Filter as "the records it selects": with one, they show only commodities,
# parties or sources of the selected deals (and shipments and events), counting those alone.
EVERYTHING = Filter()


def _deal_ids(f: Filter):
    return select(Deal.id).where(*deal_conditions(f))


def list_commodities(session: Session, f: Filter = EVERYTHING) -> list[tuple[Commodity, int, int]]:
    """Commodities with how many selected deals and shipments name them (two GROUP BYs); with
    an active F, only those named by a selected deal or shipment."""
    deal_counts = select(DealCommodity.commodity_id, func.count()).group_by(
        DealCommodity.commodity_id
    )
    item_counts = select(
        ShipmentItem.commodity_id, func.count(func.distinct(ShipmentItem.shipment_id))
    ).group_by(ShipmentItem.commodity_id)
    if f.active:
        deal_counts = deal_counts.where(DealCommodity.deal_id.in_(_deal_ids(f)))
        shipment_ids = select(Shipment.id).where(*shipment_conditions(f))
        item_counts = item_counts.where(ShipmentItem.shipment_id.in_(shipment_ids))
    deals = dict(session.execute(deal_counts).all())
    items = dict(session.execute(item_counts).all())
    commodities = session.execute(
        select(Commodity).order_by(Commodity.group, Commodity.name)
    ).scalars()
    rows = [(c, deals.get(c.id, 0), items.get(c.id, 0)) for c in commodities]
    return [r for r in rows if r[1] or r[2]] if f.active else rows


def get_by_slug(session: Session, model, slug: str):
    """The record of MODEL with SLUG, or None."""
    return session.scalars(select(model).where(model.slug == slug)).one_or_none()


def list_parties(
    session: Session, f: Filter = EVERYTHING, *, include_idle_countries: bool = False
) -> list[tuple[Party, int]]:
    """Parties with the number of (selected) deals they are party to; countries only where they
    have one; with an active F, only parties of a selected deal."""
    counts_query = (
        select(DealParty.party_id, func.count(func.distinct(DealParty.deal_id)))
        .where(DealParty.role.not_in(NON_PARTY_ROLES))
        .group_by(DealParty.party_id)
    )
    if f.active:
        counts_query = counts_query.where(DealParty.deal_id.in_(_deal_ids(f)))
    counts = dict(session.execute(counts_query).all())
    mentioned = set(session.scalars(select(DealParty.party_id).distinct()))
    parties = session.execute(
        select(Party).where(Party.deleted.is_(False)).order_by(Party.kind, Party.name)
    ).scalars()
    if f.active:
        return [(p, counts[p.id]) for p in parties if p.id in counts]
    return [
        (p, counts.get(p.id, 0))
        for p in parties
        if include_idle_countries or p.kind != "country" or p.id in mentioned
    ]


def list_sources(
    session: Session, f: Filter = EVERYTHING, types: tuple[str, ...] = ()
) -> list[tuple[Source, int]]:
    """Sources with their number of citations, newest first; with an active F, only sources
    citing a selected deal, shipment or event, counting those citations; TYPES keeps sources of
    those types (vocab.SOURCE_TYPES)."""
    counts_query = select(Citation.source_id, func.count()).group_by(Citation.source_id)
    if f.active:
        counts_query = counts_query.where(_cites_selected(f))
    counts = dict(session.execute(counts_query).all())
    query = (
        select(Source)
        .where(Source.deleted.is_(False))
        .order_by(Source.published_on.desc().nulls_last(), Source.id)
    )
    if types:
        query = query.where(Source.source_type.in_(types))
    sources = session.execute(query).scalars()
    if f.active:
        return [(s, counts[s.id]) for s in sources if s.id in counts]
    return [(s, counts.get(s.id, 0)) for s in sources]


def _cites_selected(f: Filter) -> ColumnElement[bool]:
    """A citation of a deal, shipment or event that F selects."""
    kinds = (
        ("deal", _deal_ids(f)),
        ("shipment", select(Shipment.id).where(*shipment_conditions(f))),
        ("event", select(Event.id).where(*event_conditions(f))),
    )
    return or_(
        *(and_(Citation.record_type == kind, Citation.record_id.in_(ids)) for kind, ids in kinds)
    )
