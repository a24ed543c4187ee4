"""Deals by country for the map: how many selected deals each country takes part in (itself
or through a party based there, as country=CODE selects) and their USD value."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlmodel import Session

from tracker.models import Deal, DealParty, Party
from tracker.queries.conditions import deal_conditions
from tracker.queries.filters import Filter
from tracker.records.vocab import NON_PARTY_ROLES


def deals_by_country(session: Session, f: Filter) -> list[tuple[str, str, int, Decimal | None]]:
    """(ISO3, country name, deals, USD value of those deals) for every country with a
    selected deal, most deals first; a deal counts once per country however many of its
    parties are there."""
    code = func.coalesce(Party.iso3, Party.country_iso3).label("code")
    pairs = (
        select(DealParty.deal_id.label("deal_id"), code)
        .join(Party, Party.id == DealParty.party_id)
        .where(
            code.is_not(None),
            DealParty.role.not_in(NON_PARTY_ROLES),
            DealParty.deal_id.in_(select(Deal.id).where(*deal_conditions(f))),
        )
        .distinct()
        .subquery()
    )
    country = select(Party.iso3, Party.name).where(Party.kind == "country").subquery()
    rows = session.execute(
        select(pairs.c.code, country.c.name, func.count(), func.sum(Deal.value_usd))
        .join(Deal, Deal.id == pairs.c.deal_id)
        .outerjoin(country, country.c.iso3 == pairs.c.code)
        .group_by(pairs.c.code, country.c.name)
        .order_by(func.count().desc(), pairs.c.code)
    ).all()
    return [(iso3, name or iso3, int(n), usd) for iso3, name, n, usd in rows]
