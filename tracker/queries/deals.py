"""Deals: the filtered list and everything one deal page shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import false, func, or_, select
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
from tracker.queries import sorting
from tracker.queries.aggregates import disputed_among
from tracker.queries.conditions import deal_conditions
from tracker.queries.filters import Filter
from tracker.queries.shipments import items_by_shipment
from tracker.records.vocab import NON_PARTY_ROLES


@dataclass
class DealRow:
    """A deal with the names a list shows beside it."""

    deal: Deal
    commodities: list[Commodity] = field(default_factory=list)
    parties: list[tuple[Party, str]] = field(default_factory=list)
    # The sources disagree on its value (marked wherever the value is shown).
    disputed_value: bool = False

    def named_parties(self) -> list[Party]:
        """The deal's parties, each once, leaving out critics and witnesses."""
        seen: dict[int, Party] = {}
        for party, role in self.parties:
            if role not in NON_PARTY_ROLES:
                seen.setdefault(party.id, party)
        return list(seen.values())


def count_deals(session: Session, f: Filter) -> int:
    """How many deals the Filter selects."""
    return session.scalar(select(func.count()).select_from(Deal).where(*deal_conditions(f)))


def list_deals(session: Session, f: Filter) -> list[DealRow]:
    """One page of deals in the Filter's sort (latest first by default), with their
    commodities and parties (three queries)."""
    f = sorting.settled(session, "deals", f)
    deals = (
        session.execute(
            select(Deal)
            .where(*deal_conditions(f))
            .order_by(*sorting.order_by("deals", f))
            .offset(f.offset)
            .limit(f.per_page)
        )
        .scalars()
        .all()
    )
    rows = {d.id: DealRow(d) for d in deals}
    if rows:
        for deal_id, commodity in session.execute(
            select(DealCommodity.deal_id, Commodity)
            .join(Commodity)
            .where(DealCommodity.deal_id.in_(rows))
            .order_by(Commodity.name)
        ).all():
            rows[deal_id].commodities.append(commodity)
        for deal_id, party, role in session.execute(
            select(DealParty.deal_id, Party, DealParty.role)
            .join(Party)
            .where(DealParty.deal_id.in_(rows))
            .order_by(Party.name)
        ).all():
            rows[deal_id].parties.append((party, role))
        for deal_id in disputed_among(session, list(rows)):
            rows[deal_id].disputed_value = True
    return list(rows.values())


@dataclass
class DealPage:
    """Everything the page of one deal shows."""

    deal: Deal
    commodities: list[Commodity]
    parties: list[tuple[Party, str]]
    events: list[Event]
    shipments: list[tuple[Shipment, list[tuple[ShipmentItem, Commodity]], Party, Party]]
    citations: list[tuple[Citation, Source]]
    shipment_total: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def roles_by_party(self) -> list[tuple[Party, list[str]]]:
        """Each party once with all its roles, leaving out critics and witnesses."""
        grouped: dict[int, tuple[Party, list[str]]] = {}
        for party, role in self.parties:
            if role not in NON_PARTY_ROLES:
                grouped.setdefault(party.id, (party, []))[1].append(role)
        return list(grouped.values())


def deal_page(
    session: Session, slug: str, offset: int = 0, limit: int | None = None
) -> DealPage | None:
    """The deal with SLUG and its parties, commodities, events, its shipments from OFFSET (LIMIT
    of them, all if None; shipment_total counts all), and the citations of what it shows."""
    deal = session.execute(
        select(Deal).where(Deal.slug == slug, Deal.deleted == false())
    ).scalar_one_or_none()
    if deal is None:
        return None
    commodities = (
        session.execute(
            select(Commodity)
            .join(DealCommodity)
            .where(DealCommodity.deal_id == deal.id)
            .order_by(Commodity.name)
        )
        .scalars()
        .all()
    )
    parties = session.execute(
        select(Party, DealParty.role)
        .join(DealParty)
        .where(DealParty.deal_id == deal.id)
        .order_by(Party.name, DealParty.role)
    ).all()
    events = (
        session.execute(
            select(Event)
            .where(Event.deal_id == deal.id, Event.deleted == false())
            .order_by(Event.date, Event.id)
        )
        .scalars()
        .all()
    )
    shipments = _shipments(session, deal.id, offset, limit)
    total = session.scalar(
        select(func.count())
        .select_from(Shipment)
        .where(Shipment.deal_id == deal.id, Shipment.deleted == false())
    )
    record_ids = {("deal", deal.id)} | {("event", e.id) for e in events}
    record_ids |= {("shipment", s[0].id) for s in shipments}
    citations = citations_for(session, record_ids)
    return DealPage(
        deal,
        list(commodities),
        [tuple(p) for p in parties],
        list(events),
        shipments,
        citations,
        shipment_total=total or 0,
    )


def _shipments(session: Session, deal_id: int, offset: int, limit: int | None):
    origin, destination = Party.__table__.alias("o"), Party.__table__.alias("d")
    rows = session.execute(
        select(Shipment, origin.c.name, destination.c.name)
        .join(origin, origin.c.id == Shipment.origin_id)
        .join(destination, destination.c.id == Shipment.destination_id)
        .where(Shipment.deal_id == deal_id, Shipment.deleted == false())
        # Undated shipments last on both databases (SQLite sorts NULL first by default).
        .order_by(Shipment.dispatched_on.nulls_last(), Shipment.id)
        .offset(offset)
        .limit(limit)
    ).all()
    items = items_by_shipment(session, [r[0].id for r in rows])
    return [(s, items.get(s.id, []), o, d) for s, o, d in rows]


def citations_for(session: Session, records: set[tuple[str, int]]) -> list[tuple[Citation, Source]]:
    """Citations of the given (record_type, record_id) pairs with their sources, by date."""
    if not records:
        return []
    by_type: dict[str, set[int]] = {}
    for kind, rid in records:
        by_type.setdefault(kind, set()).add(rid)
    clause = or_(
        *(
            (Citation.record_type == kind) & Citation.record_id.in_(ids)
            for kind, ids in by_type.items()
        )
    )
    return [
        tuple(r)
        for r in session.execute(
            select(Citation, Source)
            .join(Source)
            .where(clause)
            .order_by(Source.published_on, Source.id, Citation.id)
        ).all()
    ]
