"""Facet counts of the events a Filter selects (the timeline): event kind, commodity and
country, each counted the way the Filter selects events, so a facet link finds the number it
showed. Events number a few per deal (30,000 beside a million shipment items): GROUP BYs over
the selection, under the facets' time limit."""

from __future__ import annotations

from sqlalchemy import Select, distinct, false, func, select, union
from sqlmodel import Session

from tracker.models import (
    Commodity,
    Deal,
    DealCommodity,
    DealParty,
    Event,
    EventParty,
    Party,
    Shipment,
    ShipmentItem,
)
from tracker.queries.conditions import event_conditions
from tracker.queries.facets import Facets, Memo, collect
from tracker.queries.filters import Filter
from tracker.records.vocab import NON_PARTY_ROLES

CODE = func.coalesce(Party.iso3, Party.country_iso3)


def event_facets(session: Session, f: Filter, memo: Memo | None = None) -> Facets:
    """Facets of the events F selects (page and sort kept, page back to 1)."""
    queries = {
        "event_kind": ("Event", _kinds),
        "commodity": ("Commodity", _commodities),
        "country": ("Country", _countries),
    }
    return collect(session, f, queries, memo, "events")


def _selected(f: Filter) -> Select:
    return select(Event.id).where(*event_conditions(f))


def _kinds(f: Filter) -> Select:
    return (
        select(Event.kind, Event.kind, func.count())
        .where(Event.id.in_(_selected(f)))
        .group_by(Event.kind)
    )


def _commodities(f: Filter) -> Select:
    """An event counts under a commodity its deal covers or its shipment carries (what
    commodity=SLUG selects)."""
    selected = _selected(f)
    pairs = union(
        select(Event.id.label("event_id"), DealCommodity.commodity_id.label("commodity_id"))
        .join(Deal, Deal.id == Event.deal_id)
        .join(DealCommodity, DealCommodity.deal_id == Event.deal_id)
        .where(Event.id.in_(selected), Deal.deleted == false()),
        # Joined through the shipment's primary key, never IN (all live shipments): a
        # million ids.
        select(Event.id, ShipmentItem.commodity_id)
        .join(Shipment, Shipment.id == Event.shipment_id)
        .join(ShipmentItem, ShipmentItem.shipment_id == Event.shipment_id)
        .where(Event.id.in_(selected), Shipment.deleted == false()),
    ).subquery()
    return (
        select(Commodity.slug, Commodity.name, func.count(distinct(pairs.c.event_id)))
        .join(pairs, pairs.c.commodity_id == Commodity.id)
        .group_by(Commodity.slug, Commodity.name)
    )


def _countries(f: Filter) -> Select:
    """An event counts under a country when a party of its deal, either end of its shipment,
    or a party it names is that country or based there (what country=CODE selects)."""
    ends = (Shipment.origin_id, Shipment.destination_id)
    selected = _selected(f)
    pairs = union(
        select(Event.id.label("event_id"), DealParty.party_id.label("party_id"))
        .join(Deal, Deal.id == Event.deal_id)
        .join(DealParty, DealParty.deal_id == Event.deal_id)
        .where(
            Event.id.in_(selected),
            DealParty.role.not_in(NON_PARTY_ROLES),
            Deal.deleted == false(),
        ),
        *(
            select(Event.id, end)
            .join(Shipment, Shipment.id == Event.shipment_id)
            .where(Event.id.in_(selected), Shipment.deleted == false())
            for end in ends
        ),
        select(EventParty.event_id, EventParty.party_id).where(EventParty.event_id.in_(selected)),
    ).subquery()
    return (
        select(CODE, CODE, func.count(distinct(pairs.c.event_id)))
        .join(pairs, pairs.c.party_id == Party.id)
        .where(CODE.is_not(None))
        .group_by(CODE)
    )
