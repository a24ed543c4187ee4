"""Which record pages show a row. A write to the row changes those pages' own tokens
(tracker/cache/versioning) and leaves every other record page cached: an editor changing one
deal's value must not make ten thousand deal pages, or four hundred party pages, cold.

Scoped pages are those of deals, shipments and events (one record each) and of parties and
commodities (every deal, shipment and event of one party, country or commodity group). A
write names the deals, shipments and events it shows on; the parties and commodities whose
pages select those records follow from them, and from the links the write itself removed
(a party taken off a deal still had the deal on its page). Dashboards, lists and source pages
key on the data version, which every write changes. A row of a table not named here, or one
this module cannot place, answers None: the caller then changes the token every scoped page
keys on, which is always safe."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import Connection, inspect, or_, select

from tracker.models import (
    Commitment,
    Commodity,
    DealCommodity,
    DealParty,
    Event,
    EventParty,
    Party,
    Shipment,
    ShipmentItem,
)
from tracker.records.vocab import MAX_COMMODITY_DEPTH

# The pages keyed on their own token.
SCOPED = ("deal", "shipment", "event", "party", "commodity")
Scope = tuple[str, int]

_EVENT, _SHIPMENT, _COMMITMENT = Event.__table__, Shipment.__table__, Commitment.__table__
_DEAL_PARTY, _DEAL_COMMODITY = DealParty.__table__, DealCommodity.__table__
_EVENT_PARTY, _ITEM = EventParty.__table__, ShipmentItem.__table__
_PARTY, _COMMODITY = Party.__table__, Commodity.__table__
# What a shipment's or an event's page shows of its deal (or of its shipment's deal): a link
# with its title (and nothing once the deal is deleted). An edit of any other column of a deal
# shows on its own page only.
DEAL_SHOWN_ELSEWHERE = ("title", "slug", "deleted")
# The columns of a shipment that name parties (countries at its ends, companies optionally).
SHIPMENT_PARTIES = ("origin_id", "destination_id", "origin_party_id", "destination_party_id")


def pages_showing(connection: Connection, rows: Iterable) -> set[Scope] | None:
    """The (kind, id) of every scoped page that shows one of ROWS (ORM objects written in one
    flush), before or after the write; None when one may show on pages this module cannot
    name. The party and commodity pages are found once for all of them."""
    placed: set[Scope] = set()
    for row in rows:
        place = _PLACES.get(getattr(getattr(row, "__table__", None), "name", None))
        if place is None:
            return None
        placed |= place(connection, row)
    return with_aggregates(connection, placed)


def _values(obj, attribute: str) -> set[int]:
    """ATTRIBUTE's value now and before this flush (a shipment moved to another deal shows on
    both deals' pages)."""
    history = inspect(obj).attrs[attribute].history
    return {v for v in (getattr(obj, attribute), *history.deleted) if v is not None}


def _ids(connection: Connection, column, where, values: Iterable[int]) -> set[int]:
    values = list(values)
    if not values:
        return set()
    # all(), not iteration: one fetch instead of a call per row.
    return {
        v for v in connection.execute(select(column).where(where.in_(values))).scalars().all() if v
    }


def _deal(connection: Connection, deal) -> set[Scope]:
    # Its shipments' and events' pages name and link the deal, and so do the pages of its
    # shipments' events (an event of no deal of its own shows its shipment's).
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
    events |= _ids(connection, _EVENT.c.id, _EVENT.c.shipment_id, shipments)
    return {("deal", deal.id)} | _each("shipment", shipments) | _each("event", events)


def _shipment(connection: Connection, shipment) -> set[Scope]:
    # Its deal's page lists it; its events' pages link it; the parties at its ends (before and
    # after the write) list it.
    events = _ids(connection, _EVENT.c.id, _EVENT.c.shipment_id, {shipment.id})
    deals = _values(shipment, "deal_id")
    parties = {p for column in SHIPMENT_PARTIES for p in _values(shipment, column)}
    scopes = {("shipment", shipment.id)} | _each("deal", deals) | _each("event", events)
    return scopes | _each("party", parties)


def _shipment_item(connection: Connection, item) -> set[Scope]:
    scopes = _shipments_and_deals(connection, _values(item, "shipment_id"))
    return scopes | _each("commodity", _values(item, "commodity_id"))


def _shipments_and_deals(connection: Connection, shipments: set[int]) -> set[Scope]:
    deals = _ids(connection, _SHIPMENT.c.deal_id, _SHIPMENT.c.id, shipments)
    return _each("shipment", shipments) | _each("deal", deals)


def _event(connection: Connection, event) -> set[Scope]:
    # Its deal's and its shipment's pages list it.
    deals, shipments = _values(event, "deal_id"), _values(event, "shipment_id")
    return {("event", event.id)} | _each("deal", deals) | _each("shipment", shipments)


def _event_party(connection: Connection, row) -> set[Scope]:
    scopes = _events_with_theirs(connection, _values(row, "event_id"))
    return scopes | _each("party", _values(row, "party_id"))


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
    """Rows only their deal's page shows of it (statuses), and the parties and commodities a
    link or commitment names, before and after the write."""
    scopes = _each("deal", _values(row, "deal_id"))
    for column, kind in (
        ("party_id", "party"),
        ("from_party_id", "party"),
        ("to_party_id", "party"),
        ("commodity_id", "commodity"),
    ):
        if column in row.__table__.c:
            scopes |= _each(kind, _values(row, column))
    return scopes


def _citation(connection: Connection, citation) -> set[Scope]:
    """The cited record's page, and the deal page that lists the cited record with its sources
    (a deal page shows the citations of its events, shipments and commitments too)."""
    scopes: set[Scope] = set()
    for kind in {citation.record_type, *inspect(citation).attrs.record_type.history.deleted}:
        ids = _values(citation, "record_id")
        if kind in ("deal", "party", "commodity"):
            scopes |= _each(kind, ids)
        elif kind == "shipment":
            scopes |= _shipments_and_deals(connection, ids)
        elif kind == "event":
            scopes |= _events_with_theirs(connection, ids)
        elif kind == "commitment":
            deals = _ids(connection, _COMMITMENT.c.deal_id, _COMMITMENT.c.id, ids)
            scopes |= _each("deal", deals)
        # Citations of sources show on source pages, keyed on the data version.
    return scopes


def with_aggregates(connection: Connection, scopes: set[Scope]) -> set[Scope]:
    """SCOPES with the party and commodity pages that select one of its deals, shipments or
    events: their parties (and the countries those are based in) and their commodities (and
    the groups above those), found through the links as they are now. A link the write removed
    is in SCOPES already (its placer names it)."""
    deals = {i for kind, i in scopes if kind == "deal"}
    shipments = {i for kind, i in scopes if kind == "shipment"}
    events = {i for kind, i in scopes if kind == "event"}
    # A deal's shipments and events are not looked up here: what they show of it (its title,
    # DEAL_SHOWN_ELSEWHERE) changes only through _deal, which names them. Looking them up for
    # every deal in SCOPES made a value edit visit a hundred shipments' parties at 1M items.
    events |= _ids(connection, _EVENT.c.id, _EVENT.c.shipment_id, shipments)
    # A page selects an event through its deal or its shipment, and a shipment through its
    # deal: the deal of an event's shipment may be another deal than the event's own.
    shipments |= _ids(connection, _EVENT.c.shipment_id, _EVENT.c.id, events)
    deals |= _ids(connection, _EVENT.c.deal_id, _EVENT.c.id, events)
    deals |= _ids(connection, _SHIPMENT.c.deal_id, _SHIPMENT.c.id, shipments)
    parties = {i for kind, i in scopes if kind == "party"}
    parties |= _ids(connection, _DEAL_PARTY.c.party_id, _DEAL_PARTY.c.deal_id, deals)
    for column in ("from_party_id", "to_party_id"):
        parties |= _ids(connection, _COMMITMENT.c[column], _COMMITMENT.c.deal_id, deals)
    for column in SHIPMENT_PARTIES:
        parties |= _ids(connection, _SHIPMENT.c[column], _SHIPMENT.c.id, shipments)
    parties |= _ids(connection, _EVENT_PARTY.c.party_id, _EVENT_PARTY.c.event_id, events)
    commodities = {i for kind, i in scopes if kind == "commodity"}
    column, where = _DEAL_COMMODITY.c.commodity_id, _DEAL_COMMODITY.c.deal_id
    commodities |= _ids(connection, column, where, deals)
    commodities |= _ids(connection, _COMMITMENT.c.commodity_id, _COMMITMENT.c.deal_id, deals)
    commodities |= _ids(connection, _ITEM.c.commodity_id, _ITEM.c.shipment_id, shipments)
    return (
        scopes
        | _each("party", parties | _countries_of(connection, parties))
        | _each("commodity", _with_groups(connection, commodities))
    )


def _countries_of(connection: Connection, parties: set[int]) -> set[int]:
    """The country parties whose pages select these parties' records: each party's own code
    and the country it is based in."""
    if not parties:
        return set()
    codes = select(_PARTY.c.iso3).where(_PARTY.c.id.in_(parties))
    based = select(_PARTY.c.country_iso3).where(_PARTY.c.id.in_(parties))
    query = select(_PARTY.c.id).where(
        or_(_PARTY.c.iso3.in_(codes.scalar_subquery()), _PARTY.c.iso3.in_(based.scalar_subquery()))
    )
    return set(connection.execute(query).scalars())


def _with_groups(connection: Connection, commodities: set[int]) -> set[int]:
    """The commodities and every group above them (a group's page selects its members')."""
    found, level = set(commodities), set(commodities)
    for _ in range(MAX_COMMODITY_DEPTH):
        level = _ids(connection, _COMMODITY.c.parent_id, _COMMODITY.c.id, level) - found
        if not level:
            break
        found |= level
    return found


def pages_of_links(connection: Connection, table_name: str, owner_id: int) -> set[Scope] | None:
    """The pages that show the link rows of TABLE_NAME (deal_party, deal_commodity, event_party)
    owned by OWNER_ID, read before a statement replaces them all at once: what it names as its
    pages."""
    if table_name == "deal_party":
        linked = _each(
            "party", _ids(connection, _DEAL_PARTY.c.party_id, _DEAL_PARTY.c.deal_id, {owner_id})
        )
        return with_aggregates(connection, {("deal", owner_id)} | linked)
    if table_name == "deal_commodity":
        column, where = _DEAL_COMMODITY.c.commodity_id, _DEAL_COMMODITY.c.deal_id
        linked = _each("commodity", _ids(connection, column, where, {owner_id}))
        return with_aggregates(connection, {("deal", owner_id)} | linked)
    if table_name == "event_party":
        column, where = _EVENT_PARTY.c.party_id, _EVENT_PARTY.c.event_id
        linked = _each("party", _ids(connection, column, where, {owner_id}))
        return with_aggregates(connection, _events_with_theirs(connection, {owner_id}) | linked)
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
