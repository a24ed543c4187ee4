"""The Filter as WHERE clauses, one set per kind of record, so every view selects alike."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select
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
from tracker.queries.filters import Filter, FilterError
from tracker.records.vocab import NON_PARTY_ROLES

LIST_PAGES = {"commodity": "/commodities", "party": "/parties"}


def check_known(session: Session, f: Filter) -> None:
    """Refuse commodity and party slugs the tracker does not know."""
    for name, model in (("commodity", Commodity), ("party", Party)):
        wanted = set(getattr(f, name))
        if not wanted:
            continue
        found = set(session.scalars(select(model.slug).where(model.slug.in_(wanted))))
        missing = sorted(wanted - found)
        if missing:
            raise FilterError(
                name, f"unknown {name} {missing[0]!r}; {LIST_PAGES[name]} lists the known ones"
            )


def _like(column, q: str) -> ColumnElement[bool]:
    escaped = q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


def _commodity_ids(slugs):
    return select(Commodity.id).where(Commodity.slug.in_(slugs))


def _party_ids(f: Filter):
    """Parties named by slug."""
    return select(Party.id).where(Party.slug.in_(f.party))


def _country_party_ids(codes):
    """Countries with these codes, and every party based in them."""
    return select(Party.id).where(or_(Party.iso3.in_(codes), Party.country_iso3.in_(codes)))


def _deal_party(party_ids) -> ColumnElement[bool]:
    return exists().where(
        DealParty.deal_id == Deal.id,
        DealParty.party_id.in_(party_ids),
        DealParty.role.not_in(NON_PARTY_ROLES),
    )


def _date_range(f: Filter, start_col, end_col) -> list[ColumnElement[bool]]:
    clauses = []
    if f.date_from:
        clauses.append(end_col >= f.date_from.start)
    if f.date_to:
        clauses.append(start_col <= f.date_to.end)
    return clauses


def deal_conditions(f: Filter) -> list[ColumnElement[bool]]:
    """Deals the Filter selects: they cover the commodity, involve the country or party as a
    party (not a critic or witness), and their span of dates overlaps the range."""
    c: list[ColumnElement[bool]] = [Deal.deleted == false()]
    if f.commodity:
        c.append(
            exists().where(
                DealCommodity.deal_id == Deal.id,
                DealCommodity.commodity_id.in_(_commodity_ids(f.commodity)),
            )
        )
    if f.country:
        c.append(_deal_party(_country_party_ids(f.country)))
    if f.party:
        c.append(_deal_party(_party_ids(f)))
    if f.kind:
        c.append(Deal.kind.in_(f.kind))
    if f.status:
        c.append(Deal.status.in_(f.status))
    if f.event_kind:
        c.append(
            exists().where(
                Event.deal_id == Deal.id, Event.kind.in_(f.event_kind), Event.deleted == false()
            )
        )
    c += _date_range(f, Deal.first_date, Deal.last_date)
    if f.q:
        c.append(or_(_like(Deal.title, f.q), _like(Deal.summary, f.q)))
    return c


def _deal_ids(f: Filter, **only) -> ColumnElement:
    """Ids of deals matching the deal-level parts of the Filter."""
    sub = Filter(**{k: getattr(f, k) for k in only})
    return select(Deal.id).where(*deal_conditions(sub))


def shipment_conditions(f: Filter) -> list[ColumnElement[bool]]:
    """Shipments the Filter selects: an item of the commodity, the country or party at either
    end (or a party of their deal), a deal of the kind and status, dispatched in the range."""
    c: list[ColumnElement[bool]] = [Shipment.deleted == false()]
    if f.commodity:
        # IN over the item index, not a correlated EXISTS: the database then starts from the
        # commodity's items (a few thousand) instead of testing every one of a million shipments.
        c.append(
            Shipment.id.in_(
                select(ShipmentItem.shipment_id).where(
                    ShipmentItem.commodity_id.in_(_commodity_ids(f.commodity))
                )
            )
        )
    if f.country:
        ids = _country_party_ids(f.country)
        c.append(or_(Shipment.origin_id.in_(ids), Shipment.destination_id.in_(ids)))
    if f.party:
        ids = _party_ids(f)
        c.append(
            or_(
                Shipment.origin_party_id.in_(ids),
                Shipment.destination_party_id.in_(ids),
                Shipment.deal_id.in_(_deal_ids(f, party=f.party)),
            )
        )
    if f.kind or f.status:
        c.append(Shipment.deal_id.in_(_deal_ids(f, kind=f.kind, status=f.status)))
    if f.event_kind:
        c.append(exists().where(Event.shipment_id == Shipment.id, Event.kind.in_(f.event_kind)))
    when = func.coalesce(Shipment.dispatched_on, Shipment.arrived_on)
    c += _date_range(f, when, when)
    if f.q:
        c.append(_like(Shipment.description, f.q))
    return c


def event_conditions(f: Filter) -> list[ColumnElement[bool]]:
    """Events the Filter selects: of the event kind, in the range, and concerning a deal or
    shipment the Filter selects (or naming the party or country themselves)."""
    c: list[ColumnElement[bool]] = [Event.deleted == false()]
    if f.event_kind:
        c.append(Event.kind.in_(f.event_kind))
    if f.date_from:
        c.append(Event.date >= f.date_from.start)
    if f.date_to:
        c.append(Event.date <= f.date_to.end)
    if f.q:
        c.append(_like(Event.summary, f.q))
    if f.commodity:
        c.append(
            or_(
                Event.deal_id.in_(_deal_ids(f, commodity=f.commodity)),
                _event_shipment(Filter(commodity=f.commodity)),
            )
        )
    for name, ids in (("country", _country_party_ids(f.country)), ("party", _party_ids(f))):
        if getattr(f, name):
            sub = Filter(**{name: getattr(f, name)})
            c.append(
                or_(
                    Event.deal_id.in_(_deal_ids(f, **{name: getattr(f, name)})),
                    _event_shipment(sub),
                    exists().where(EventParty.event_id == Event.id, EventParty.party_id.in_(ids)),
                )
            )
    if f.kind or f.status:
        c.append(Event.deal_id.in_(_deal_ids(f, kind=f.kind, status=f.status)))
    return c


def _event_shipment(f: Filter) -> ColumnElement[bool]:
    """The event's shipment is one the Filter selects. Correlated (EXISTS through the shipment's
    primary key), not IN (SELECT ...): an IN would list every matching shipment, a million
    rows, before looking at the first event."""
    # Correlated to the event only: the outer query may itself join shipment.
    return (
        exists().where(Shipment.id == Event.shipment_id, *shipment_conditions(f)).correlate(Event)
    )


def all_of(conditions: list[ColumnElement[bool]]) -> ColumnElement[bool]:
    """One clause from several."""
    return and_(*conditions)
