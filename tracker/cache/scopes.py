"""Which record pages show a row. A write to the row changes those pages' own tokens
(tracker/cache/versioning) and leaves every other deal, shipment and event page cached: an
editor changing one deal's value must not make ten thousand deal pages cold.

Only deal, shipment and event pages are scoped this way; the rest (dashboards, lists, party,
commodity and source pages) sum or list many records and key on the data version, which every
write changes. A row of a table not named here, or one this module cannot place, answers None:
the caller then changes the token every record page keys on, which is always safe."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import Connection, inspect, select

from tracker.models import Commitment, Event, Shipment

# The record pages keyed on their own token.
SCOPED = ("deal", "shipment", "event")
Scope = tuple[str, int]

_EVENT, _SHIPMENT, _COMMITMENT = Event.__table__, Shipment.__table__, Commitment.__table__
# What a shipment's or an event's page shows of its deal: a link with its title (and nothing
# once the deal is deleted). An edit of any other column of a deal shows on its own page only.
DEAL_SHOWN_ELSEWHERE = ("title", "slug", "deleted")


def pages_showing(connection: Connection, obj) -> set[Scope] | None:
    """The (kind, id) of every deal, shipment and event page that shows OBJ's row, before or
    after the write; None when the write may show on pages this module cannot name."""
    name = getattr(getattr(obj, "__table__", None), "name", None)
    place = _PLACES.get(name)
    return None if place is None else place(connection, obj)


def _values(obj, attribute: str) -> set[int]:
    """ATTRIBUTE's value now and before this flush (a shipment moved to another deal shows on
    both deals' pages)."""
    history = inspect(obj).attrs[attribute].history
    return {v for v in (getattr(obj, attribute), *history.deleted) if v is not None}


def _ids(connection: Connection, column, where, values: Iterable[int]) -> set[int]:
    values = list(values)
    if not values:
        return set()
    return {v for v in connection.execute(select(column).where(where.in_(values))).scalars() if v}


def _deal(connection: Connection, deal) -> set[Scope]:
    # Its shipments' and events' pages name and link the deal.
    state = inspect(deal)
    if (
        state.persistent
        and not state.deleted
        and not any(state.attrs[name].history.has_changes() for name in DEAL_SHOWN_ELSEWHERE)
    ):
        return {("deal", deal.id)}
    ids = {deal.id}
    shipments = _ids(connection, _SHIPMENT.c.id, _SHIPMENT.c.deal_id, ids)
    events = _ids(connection, _EVENT.c.id, _EVENT.c.deal_id, ids)
    return {("deal", deal.id)} | _each("shipment", shipments) | _each("event", events)


def _shipment(connection: Connection, shipment) -> set[Scope]:
    # Its deal's page lists it; its events' pages link it.
    events = _ids(connection, _EVENT.c.id, _EVENT.c.shipment_id, {shipment.id})
    deals = _values(shipment, "deal_id")
    return {("shipment", shipment.id)} | _each("deal", deals) | _each("event", events)


def _shipment_item(connection: Connection, item) -> set[Scope]:
    return _shipments_and_deals(connection, _values(item, "shipment_id"))


def _shipments_and_deals(connection: Connection, shipments: set[int]) -> set[Scope]:
    deals = _ids(connection, _SHIPMENT.c.deal_id, _SHIPMENT.c.id, shipments)
    return _each("shipment", shipments) | _each("deal", deals)


def _event(connection: Connection, event) -> set[Scope]:
    # Its deal's and its shipment's pages list it.
    deals, shipments = _values(event, "deal_id"), _values(event, "shipment_id")
    return {("event", event.id)} | _each("deal", deals) | _each("shipment", shipments)


def _event_party(connection: Connection, row) -> set[Scope]:
    return _events_with_theirs(connection, _values(row, "event_id"))


def _events_with_theirs(connection: Connection, events: set[int]) -> set[Scope]:
    """The events' pages and the pages of the deals and shipments that list them."""
    scopes = _each("event", events)
    if events:
        rows = connection.execute(
            select(_EVENT.c.deal_id, _EVENT.c.shipment_id).where(_EVENT.c.id.in_(events))
        )
        for deal_id, shipment_id in rows:
            scopes |= _each("deal", {deal_id} - {None})
            scopes |= _each("shipment", {shipment_id} - {None})
    return scopes


def _of_deal(_connection: Connection, row) -> set[Scope]:
    """Rows only their deal's page shows: its parties, commodities, commitments, statuses."""
    return _each("deal", _values(row, "deal_id"))


def _citation(connection: Connection, citation) -> set[Scope]:
    """The cited record's page, and the deal page that lists the cited record with its sources
    (a deal page shows the citations of its events, shipments and commitments too)."""
    scopes: set[Scope] = set()
    for kind in {citation.record_type, *inspect(citation).attrs.record_type.history.deleted}:
        ids = _values(citation, "record_id")
        if kind == "deal":
            scopes |= _each("deal", ids)
        elif kind == "shipment":
            scopes |= _shipments_and_deals(connection, ids)
        elif kind == "event":
            scopes |= _events_with_theirs(connection, ids)
        elif kind == "commitment":
            deals = _ids(connection, _COMMITMENT.c.deal_id, _COMMITMENT.c.id, ids)
            scopes |= _each("deal", deals)
        # Citations of parties, commodities and sources show on pages keyed on the data version.
    return scopes


def pages_of_links(connection: Connection, table_name: str, owner_id: int) -> set[Scope] | None:
    """The pages that show the link rows of TABLE_NAME (deal_party, deal_commodity, event_party)
    owned by OWNER_ID: what a statement replacing them all at once names as its pages."""
    if table_name in ("deal_party", "deal_commodity"):
        return {("deal", owner_id)}
    if table_name == "event_party":
        return _events_with_theirs(connection, {owner_id})
    return None


def _each(kind: str, ids: Iterable[int]) -> set[Scope]:
    return {(kind, i) for i in ids}


_PLACES: dict[str, Callable[[Connection, object], set[Scope]]] = {
    "deal": _deal,
    "shipment": _shipment,
    "shipment_item": _shipment_item,
    "event": _event,
    "event_party": _event_party,
    "deal_party": _of_deal,
    "deal_commodity": _of_deal,
    "commitment": _of_deal,
    "deal_status_change": _of_deal,
    "citation": _citation,
}
