"""Facet counts of the events a Filter selects (the timeline): event kind, commodity and
country, each counted the way the Filter selects events, so a facet link finds the number it
showed. Events number a few per deal (30,000 beside a million shipment items): GROUP BYs over
the selection, under the facets' time limit."""

from __future__ import annotations

from sqlalchemy import Select, distinct, exists, false, func, select, union, union_all
from sqlalchemy.orm import aliased
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
    return collect(session, f, EVENT_FACETS, memo, "events", tally="events")


def _selected(f: Filter) -> Select:
    return select(Event.id).where(*event_conditions(f))


def _kinds(f: Filter) -> Select:
    return (
        select(Event.kind, Event.kind, func.count())
        .where(Event.id.in_(_selected(f)))
        .group_by(Event.kind)
    )


# Aliases for the tables the facets join: the Filter's own subqueries use the plain tables, and
# would otherwise correlate with the outer query.
E, D, DC, S, SI = (aliased(m) for m in (Event, Deal, DealCommodity, Shipment, ShipmentItem))
DP, P = aliased(DealParty), aliased(Party)
E_CODE = func.coalesce(P.iso3, P.country_iso3)


def _per_deal(f: Filter):
    """(deal_id, n): how many selected events each live deal has. Most events reach their
    commodities and countries through their deal: counted once per deal, then multiplied, not
    once per event and link."""
    return (
        select(E.deal_id.label("deal_id"), func.count().label("n"))
        .join(D, D.id == E.deal_id)
        .where(E.id.in_(_selected(f)), D.deleted == false())
        .group_by(E.deal_id)
        .subquery()
    )


def _commodities(f: Filter) -> Select:
    """An event counts under a commodity its deal covers or its shipment carries (what
    commodity=SLUG selects): its deal's commodities, counted per deal, plus those only its
    shipment carries."""
    per = _per_deal(f)
    through_deal = (
        select(DC.commodity_id.label("commodity_id"), func.sum(per.c.n).label("n"))
        .join(per, per.c.deal_id == DC.deal_id)
        .group_by(DC.commodity_id)
    )
    deal_covers = (
        exists()
        .where(
            DealCommodity.deal_id == E.deal_id,
            DealCommodity.commodity_id == SI.commodity_id,
            Deal.id == DealCommodity.deal_id,
            Deal.deleted == false(),
        )
        .correlate(E, SI)
    )
    # Joined through the shipment's primary key, never IN (all live shipments): a million ids.
    only_shipment = (
        select(SI.commodity_id, func.count(distinct(E.id)))
        .join(S, S.id == E.shipment_id)
        .join(SI, SI.shipment_id == E.shipment_id)
        .where(E.id.in_(_selected(f)), S.deleted == false(), ~deal_covers)
        .group_by(SI.commodity_id)
    )
    both = union_all(through_deal, only_shipment).subquery()
    return (
        select(Commodity.slug, Commodity.name, func.sum(both.c.n))
        .join(both, both.c.commodity_id == Commodity.id)
        .group_by(Commodity.slug, Commodity.name)
    )


def _countries(f: Filter) -> Select:
    """An event counts under a country when a party of its deal, either end of its shipment,
    or a party it names is that country or based there (what country=CODE selects): its
    deal's countries, counted per deal, plus those only its shipment or its own parties add."""
    per = _per_deal(f)
    # (deal, country, n) once per country, however many of the deal's parties it holds.
    deal_countries = (
        select(per.c.deal_id, E_CODE.label("code"), per.c.n)
        .join(DP, DP.deal_id == per.c.deal_id)
        .join(P, P.id == DP.party_id)
        .where(DP.role.not_in(NON_PARTY_ROLES), E_CODE.is_not(None))
        .distinct()
        .subquery()
    )
    through_deal = select(
        deal_countries.c.code.label("code"), func.sum(deal_countries.c.n).label("n")
    ).group_by(deal_countries.c.code)
    selected = _selected(f)
    others = union(
        *(
            select(E.id.label("event_id"), end.label("party_id"))
            .join(S, S.id == E.shipment_id)
            .where(E.id.in_(selected), S.deleted == false())
            for end in (S.origin_id, S.destination_id)
        ),
        select(EventParty.event_id, EventParty.party_id).where(EventParty.event_id.in_(selected)),
    ).subquery()
    deal_has = (
        exists()
        .where(
            DealParty.deal_id == E.deal_id,
            DealParty.role.not_in(NON_PARTY_ROLES),
            Party.id == DealParty.party_id,
            CODE == E_CODE,
            Deal.id == DealParty.deal_id,
            Deal.deleted == false(),
        )
        .correlate(E, P)
    )
    only_others = (
        select(E_CODE.label("code"), func.count(distinct(others.c.event_id)).label("n"))
        .join(P, P.id == others.c.party_id)
        .join(E, E.id == others.c.event_id)
        .where(E_CODE.is_not(None), ~deal_has)
        .group_by(E_CODE)
    )
    both = union_all(through_deal, only_others).subquery()
    return select(both.c.code, both.c.code, func.sum(both.c.n)).group_by(both.c.code)


# {Filter parameter: (title, build)} of /timeline.
EVENT_FACETS = {
    "event_kind": ("Event", _kinds),
    "commodity": ("Commodity", _commodities),
    "country": ("Country", _countries),
}
