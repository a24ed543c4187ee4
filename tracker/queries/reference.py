"""Commodities, parties and sources: lists with counts, and one record's page."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session

from tracker.models import (
    Citation,
    Commodity,
    DealCommodity,
    DealParty,
    Party,
    ShipmentItem,
    Source,
)
from tracker.records.vocab import NON_PARTY_ROLES


def list_commodities(session: Session) -> list[tuple[Commodity, int, int]]:
    """Every commodity with how many deals and shipment items name it (two GROUP BYs)."""
    deals = dict(
        session.execute(
            select(DealCommodity.commodity_id, func.count()).group_by(DealCommodity.commodity_id)
        ).all()
    )
    items = dict(
        session.execute(
            select(
                ShipmentItem.commodity_id, func.count(func.distinct(ShipmentItem.shipment_id))
            ).group_by(ShipmentItem.commodity_id)
        ).all()
    )
    commodities = session.execute(
        select(Commodity).order_by(Commodity.group, Commodity.name)
    ).scalars()
    return [(c, deals.get(c.id, 0), items.get(c.id, 0)) for c in commodities]


def get_by_slug(session: Session, model, slug: str):
    """The record of MODEL with SLUG, or None."""
    return session.scalars(select(model).where(model.slug == slug)).one_or_none()


def list_parties(
    session: Session, *, include_idle_countries: bool = False
) -> list[tuple[Party, int]]:
    """Parties with the number of deals they are party to; countries only where they have one."""
    counts = dict(
        session.execute(
            select(DealParty.party_id, func.count(func.distinct(DealParty.deal_id)))
            .where(DealParty.role.not_in(NON_PARTY_ROLES))
            .group_by(DealParty.party_id)
        ).all()
    )
    mentioned = set(session.scalars(select(DealParty.party_id).distinct()))
    parties = session.execute(
        select(Party).where(Party.deleted.is_(False)).order_by(Party.kind, Party.name)
    ).scalars()
    return [
        (p, counts.get(p.id, 0))
        for p in parties
        if include_idle_countries or p.kind != "country" or p.id in mentioned
    ]


def list_sources(session: Session, types: tuple[str, ...] = ()) -> list[tuple[Source, int]]:
    """Every source (of TYPES, if given) with its number of citations, newest first."""
    counts = dict(
        session.execute(select(Citation.source_id, func.count()).group_by(Citation.source_id)).all()
    )
    query = (
        select(Source)
        .where(Source.deleted.is_(False))
        .order_by(Source.published_on.desc().nulls_last(), Source.id)
    )
    if types:
        query = query.where(Source.source_type.in_(types))
    sources = session.execute(query).scalars()
    return [(s, counts.get(s.id, 0)) for s in sources]
