"""What the pages of one event, one shipment and one source show (a few queries each)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import false, select
from sqlmodel import Session

from tracker.models import (
    Citation,
    Commodity,
    Deal,
    Event,
    EventParty,
    Party,
    Shipment,
    Source,
)
from tracker.queries.deals import citations_for
from tracker.queries.shipments import items_by_shipment

# The tables a citation's record_type names, and the column a page URL uses for each.
RECORD_MODELS = {
    "deal": Deal,
    "shipment": Shipment,
    "event": Event,
    "party": Party,
    "commodity": Commodity,
}


@dataclass
class EventPage:
    """One event with what it concerns and its citations. DEAL is the event's own deal, or,
    when it has none (live), its shipment's: DEAL_VIA_SHIPMENT says which."""

    event: Event
    deal: Deal | None
    shipment: Shipment | None
    parties: list[Party]
    citations: list
    deal_via_shipment: bool = False


@dataclass
class ShipmentPage:
    """One shipment with its places, items, deal, events and citations."""

    shipment: Shipment
    origin: Party
    destination: Party
    origin_party: Party | None
    destination_party: Party | None
    deal: Deal | None
    items: list  # (ShipmentItem, Commodity)
    events: list[Event]
    citations: list


@dataclass
class Claim:
    """One citation a source makes, with the record it is about."""

    citation: Citation
    record_type: str
    slug: str | None
    title: str
    live: bool


def _live(model, slug: str):
    return select(model).where(model.slug == slug, model.deleted == false())


def event_page(session: Session, slug: str) -> EventPage | None:
    """The event with SLUG (not deleted), or None."""
    event = session.execute(_live(Event, slug)).scalar_one_or_none()
    if event is None:
        return None
    deal = _live_by_id(session, Deal, event.deal_id)
    shipment = _live_by_id(session, Shipment, event.shipment_id)
    # An event of a shipment under a deal concerns that deal too: its page leads there.
    via_shipment = deal is None and shipment is not None and shipment.deal_id is not None
    if via_shipment:
        deal = _live_by_id(session, Deal, shipment.deal_id)
    parties = session.scalars(
        select(Party)
        .join(EventParty, EventParty.party_id == Party.id)
        .where(EventParty.event_id == event.id)
        .order_by(Party.name)
    ).all()
    records = {("event", event.id)}
    return EventPage(
        event,
        deal,
        shipment,
        list(parties),
        citations_for(session, records),
        deal_via_shipment=via_shipment and deal is not None,
    )


def _live_by_id(session: Session, model, record_id: int | None):
    """The record of MODEL with RECORD_ID, or None when there is none or it is deleted."""
    record = session.get(model, record_id) if record_id is not None else None
    return record if record is not None and not record.deleted else None


def shipment_page(session: Session, slug: str) -> ShipmentPage | None:
    """The shipment with SLUG (not deleted), or None."""
    shipment = session.execute(_live(Shipment, slug)).scalar_one_or_none()
    if shipment is None:
        return None

    def party(pid):
        return session.get(Party, pid) if pid else None

    deal = session.get(Deal, shipment.deal_id) if shipment.deal_id else None
    events = session.scalars(
        select(Event)
        .where(Event.shipment_id == shipment.id, Event.deleted == false())
        .order_by(Event.date, Event.id)
    ).all()
    return ShipmentPage(
        shipment,
        party(shipment.origin_id),
        party(shipment.destination_id),
        party(shipment.origin_party_id),
        party(shipment.destination_party_id),
        deal if deal and not deal.deleted else None,
        items_by_shipment(session, [shipment.id]).get(shipment.id, []),
        list(events),
        citations_for(session, {("shipment", shipment.id)}),
    )


def source_claims(session: Session, source: Source) -> list[Claim]:
    """Every citation of SOURCE with the slug and title of its record (one query per type)."""
    citations = session.scalars(
        select(Citation).where(Citation.source_id == source.id).order_by(Citation.id)
    ).all()
    names: dict[tuple[str, int], tuple[str, str, bool]] = {}
    by_type: dict[str, set[int]] = {}
    for c in citations:
        by_type.setdefault(c.record_type, set()).add(c.record_id)
    for kind, ids in by_type.items():
        model = RECORD_MODELS.get(kind)
        if model is None:
            continue
        title = {"deal": Deal.title, "shipment": Shipment.description, "event": Event.summary}
        name = title.get(kind, getattr(model, "name", None))
        deleted = getattr(model, "deleted", None)
        columns = [model.id, model.slug, name if name is not None else model.slug]
        columns.append(deleted if deleted is not None else false())
        for rid, slug, text, gone in session.execute(select(*columns).where(model.id.in_(ids))):
            names[(kind, rid)] = (slug, text or slug, not gone)
    claims = []
    for c in citations:
        slug, title, live = names.get((c.record_type, c.record_id), (None, "", False))
        claims.append(Claim(c, c.record_type, slug, title, live))
    return claims
