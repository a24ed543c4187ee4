"""facet_member and facet_count from the records: what each live deal and event counts under in
its whole list, the counts, the rebuild, and the upkeep on every write through the app's
sessions.

Members are what the facets of /deals and /timeline count with no filter (tracker/queries/
facets and event_facets): a deal under its kind, status, commodities, countries and the kinds
of its live events; an event under its kind, the commodities and countries of its live deal,
the commodities and both ends of its live shipment, and the countries of the parties it names.
A deal also counts under each party taking part (facet 'party', the party's id: no facet of the
lists shows it, /parties reads it). A deal's rows carry its USD value in whole cents, and the
counts sum them per value (the deal value of a commodity on /commodities, of a party on
/parties).

Upkeep: after a flush, the deals and events whose members the written rows may change are
recomputed; the difference between their stored and new members is added to facet_count, so
the counts never need a rescan; a party's new country codes recompute the records that name it.
A write this module cannot place (a bulk statement, a commodity's slug changed, a party or
commodity removed) rebuilds both tables before commit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from sqlalchemy import Connection, delete, false, func, insert, inspect, select, tuple_
from sqlalchemy.orm import ORMExecuteState, sessionmaker
from sqlalchemy.orm import Session as OrmSession

from tracker.db import upsert_into
from tracker.db.listening import listen_once
from tracker.models import (
    Commodity,
    Deal,
    DealCommodity,
    DealParty,
    Event,
    EventParty,
    FacetCount,
    FacetMember,
    Party,
    Shipment,
    ShipmentItem,
)
from tracker.records.vocab import NON_PARTY_ROLES
from tracker.summaries import LINKS_OWNER
from tracker.summaries.deal_groups import country_codes

M, C = FacetMember.__table__, FacetCount.__table__
D, DC, DP, E, EP = (m.__table__ for m in (Deal, DealCommodity, DealParty, Event, EventParty))
S, SI, P, COM = (m.__table__ for m in (Shipment, ShipmentItem, Party, Commodity))
DEALS, EVENTS = "deals", "events"
# Tables whose bulk statements can change members: any write rebuilds both tables at commit.
WATCHED = {t.name for t in (D, DC, DP, E, EP, S, SI, P, COM)}
# session.info entry: a write in this transaction means only a rebuild is safe.
REBUILD = "tracker.facets_rebuild"
IN_CHUNK = 500  # ids per IN list
# {record id: (its USD value in whole cents, None without one or for an event; {(facet, value)})}
Members = dict[int, tuple[int | None, set[tuple[str, str]]]]
# {(list, facet, value): [records, records with a USD value, the sum of their cents]}
Totals = dict[tuple[str, str, str], list[int]]


def _chunks(ids: Iterable[int]):
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), IN_CHUNK):
        yield ordered[start : start + IN_CHUNK]


def _where_in(column, ids: list[int] | None) -> list:
    return [] if ids is None else [column.in_(ids)]


def _cents(column):
    """A USD amount in whole cents, rounded as SQL rounds it: sums of cents are exact on both
    databases (SQLite keeps amounts as binary floats)."""
    return func.round(column * 100)


def _whole(cents) -> int | None:
    return None if cents is None else int(cents)


def _commodity_slugs(connection: Connection, deal_ids: list[int] | None) -> dict[int, set[str]]:
    found: dict[int, set[str]] = defaultdict(set)
    query = select(DC.c.deal_id, COM.c.slug).join(COM, COM.c.id == DC.c.commodity_id)
    for deal_id, slug in connection.execute(query.where(*_where_in(DC.c.deal_id, deal_ids))):
        found[deal_id].add(slug)
    return found


def deal_members(connection: Connection, ids: list[int] | None = None) -> Members:
    """{deal id: (cents, {(facet, value)})} of the live deals IDS (every live deal if None)."""
    members: Members = {}
    live = connection.execute(
        select(D.c.id, D.c.kind, D.c.status, _cents(D.c.value_usd)).where(
            D.c.deleted == false(), *_where_in(D.c.id, ids)
        )
    ).all()
    if not live:
        return members
    scope = None if ids is None else [r[0] for r in live]
    commodities = _commodity_slugs(connection, scope)
    countries = country_codes(connection, scope)
    parties: dict[int, set[str]] = defaultdict(set)
    taking_part = select(DP.c.deal_id, DP.c.party_id).where(
        DP.c.role.not_in(NON_PARTY_ROLES), *_where_in(DP.c.deal_id, scope)
    )
    for deal_id, party_id in connection.execute(taking_part):
        parties[deal_id].add(str(party_id))
    kinds: dict[int, set[str]] = defaultdict(set)
    events = select(E.c.deal_id, E.c.kind).where(
        E.c.deleted == false(), E.c.deal_id.is_not(None), *_where_in(E.c.deal_id, scope)
    )
    for deal_id, kind in connection.execute(events.distinct()):
        kinds[deal_id].add(kind)
    for deal_id, kind, status, cents in live:
        members[deal_id] = (
            _whole(cents),
            {
                ("kind", kind),
                ("status", status),
                *(("commodity", slug) for slug in commodities.get(deal_id, ())),
                *(("country", code) for code in countries.get(deal_id, ())),
                *(("party", party) for party in parties.get(deal_id, ())),
                *(("event_kind", k) for k in kinds.get(deal_id, ())),
            },
        )
    return members


def event_members(connection: Connection, ids: list[int] | None = None) -> Members:
    """{event id: (None, {(facet, value)})} of the live events IDS (every live event if None)."""
    live = connection.execute(
        select(E.c.id, E.c.kind, E.c.deal_id, E.c.shipment_id).where(
            E.c.deleted == false(), *_where_in(E.c.id, ids)
        )
    ).all()
    members: Members = {event_id: (None, {("event_kind", kind)}) for event_id, kind, _, _ in live}
    if not live:
        return members
    whole = ids is None
    deal_ids = sorted({d for _, _, d, _ in live if d is not None})
    live_deals = set(
        connection.scalars(
            select(D.c.id).where(
                D.c.deleted == false(), *_where_in(D.c.id, None if whole else deal_ids)
            )
        )
    )
    scope = None if whole else sorted(live_deals)
    commodities = _commodity_slugs(connection, scope)
    countries = country_codes(connection, scope)
    shipment_ids = sorted({s for _, _, _, s in live if s is not None})
    carried, ends = _shipments(connection, None if whole else shipment_ids)
    named: dict[int, set[str]] = defaultdict(set)
    code = func.coalesce(P.c.iso3, P.c.country_iso3)
    for event_id, iso in connection.execute(
        select(EP.c.event_id, code)
        .join(P, P.c.id == EP.c.party_id)
        .where(code.is_not(None), *_where_in(EP.c.event_id, None if whole else list(members)))
    ):
        named[event_id].add(iso)
    for event_id, _kind, deal_id, shipment_id in live:
        own = members[event_id][1]
        if deal_id in live_deals:
            own.update(("commodity", slug) for slug in commodities.get(deal_id, ()))
            own.update(("country", c) for c in countries.get(deal_id, ()))
        if shipment_id is not None:
            own.update(("commodity", slug) for slug in carried.get(shipment_id, ()))
            own.update(("country", c) for c in ends.get(shipment_id, ()))
        own.update(("country", c) for c in named.get(event_id, ()))
    return members


def _shipments(connection: Connection, ids: list[int] | None):
    """{shipment id: commodity slugs carried} and {shipment id: codes of both ends}, of the
    live shipments IDS (every live shipment if None: only those events name are read)."""
    carried: dict[int, set[str]] = defaultdict(set)
    ends: dict[int, set[str]] = defaultdict(set)
    if ids is None:
        ids = sorted(
            connection.scalars(
                select(E.c.shipment_id).where(E.c.shipment_id.is_not(None)).distinct()
            )
        )
    code = func.coalesce(P.c.iso3, P.c.country_iso3)
    for chunk in _chunks(ids):
        for shipment_id, slug in connection.execute(
            select(SI.c.shipment_id, COM.c.slug)
            .join(COM, COM.c.id == SI.c.commodity_id)
            .join(S, S.c.id == SI.c.shipment_id)
            .where(SI.c.shipment_id.in_(chunk), S.c.deleted == false())
            .distinct()
        ):
            carried[shipment_id].add(slug)
        for end in (S.c.origin_id, S.c.destination_id):
            for shipment_id, iso in connection.execute(
                select(S.c.id, code)
                .join(P, P.c.id == end)
                .where(S.c.id.in_(chunk), S.c.deleted == false(), code.is_not(None))
            ):
                ends[shipment_id].add(iso)
    return carried, ends


def _rows(name: str, members: Members) -> Iterator[tuple[str, str, str, int | None]]:
    """(list, facet, value, cents) per member row of MEMBERS."""
    for cents, pairs in members.values():
        for facet, value in sorted(pairs):
            yield name, facet, value, cents


def _add(totals: Totals, rows: Iterable[tuple[str, str, str, int | None]], sign: int = 1) -> None:
    """Count ROWS (list, facet, value, cents) into TOTALS, or take them out (SIGN -1)."""
    for name, facet, value, cents in rows:
        total = totals.setdefault((name, facet, value), [0, 0, 0])
        total[0] += sign
        if cents is not None:
            total[1] += sign
            total[2] += sign * cents


def counted(connection: Connection) -> dict[tuple[str, str, str], tuple[int, int, int]]:
    """{(list, facet, value): (records, with USD, cents)} computed from the records."""
    totals: Totals = {}
    _add(totals, _rows(DEALS, deal_members(connection)))
    _add(totals, _rows(EVENTS, event_members(connection)))
    return {key: (n, w, c) for key, (n, w, c) in totals.items()}


def stored(connection: Connection) -> dict[tuple[str, str, str], tuple[int, int, int]]:
    """{(list, facet, value): (records, with USD, cents)} as facet_count holds it."""
    columns = (C.c.list, C.c.facet, C.c.value, C.c.count, C.c.with_usd, C.c.usd_cents)
    return {(a, b, c): (n, w, int(s)) for a, b, c, n, w, s in connection.execute(select(*columns))}


def present(connection: Connection) -> bool:
    """Whether the database has the tables as this code keeps them (revision 0018 made them,
    0021 added the USD sums)."""
    found = inspect(connection)
    return found.has_table(C.name) and "usd_cents" in {c["name"] for c in found.get_columns(C.name)}


def rebuild(connection: Connection) -> None:
    """Recompute both tables from the records (after bulk loads that bypass the ORM)."""
    connection.execute(delete(M))
    connection.execute(delete(C))
    totals: Totals = {}
    for name, members in ((DEALS, deal_members(connection)), (EVENTS, event_members(connection))):
        rows = _member_rows(name, members)
        _add(totals, ((r["list"], r["facet"], r["value"], r["usd_cents"]) for r in rows))
        for start in range(0, len(rows), 5000):
            connection.execute(insert(M), rows[start : start + 5000])
    if totals:
        connection.execute(
            insert(C),
            [
                {"list": a, "facet": b, "value": c, "count": n, "with_usd": w, "usd_cents": s}
                for (a, b, c), (n, w, s) in sorted(totals.items())
            ],
        )


def _member_rows(name: str, members: Members) -> list[dict]:
    return [
        {"list": name, "record_id": record_id, "facet": facet, "value": value, "usd_cents": cents}
        for record_id, (cents, pairs) in members.items()
        for facet, value in sorted(pairs)
    ]


def refresh(connection: Connection, name: str, ids: Iterable[int]) -> None:
    """Recompute the members of records IDS of list NAME and add the difference to the counts."""
    compute = deal_members if name == DEALS else event_members
    delta: Totals = {}
    for chunk in _chunks(ids):
        old = connection.execute(
            select(M.c.list, M.c.facet, M.c.value, M.c.usd_cents).where(
                M.c.list == name, M.c.record_id.in_(chunk)
            )
        ).all()
        new = compute(connection, chunk)
        _add(delta, old, sign=-1)
        _add(delta, _rows(name, new))
        connection.execute(delete(M).where(M.c.list == name, M.c.record_id.in_(chunk)))
        rows = _member_rows(name, new)
        if rows:
            connection.execute(insert(M), rows)
    _apply(connection, {key: change for key, change in delta.items() if any(change)})


def _apply(connection: Connection, delta: Totals) -> None:
    """Add DELTA to the counts: new values get a row, rows that reach zero records go.

    The additions are made by the database (`count = count + n`), not read, added here and
    written back: on PostgreSQL two transactions changing one value at once would otherwise both
    start from the same old total and the later would undo the earlier, and two adding the same
    new value would collide on its key. An upsert locks the row until commit, so the second waits
    and adds to what the first left. Keys go in one order so that two writers cannot deadlock.
    Cents are whole numbers, so the sums stay exact on SQLite too."""
    if not delta:
        return
    upsert = upsert_into(connection, C)
    added = upsert.excluded
    connection.execute(
        upsert.on_conflict_do_update(
            index_elements=[C.c.list, C.c.facet, C.c.value],
            set_={name: C.c[name] + added[name] for name in ("count", "with_usd", "usd_cents")},
        ),
        [
            {"list": a, "facet": b, "value": c, "count": n, "with_usd": w, "usd_cents": s}
            for (a, b, c), (n, w, s) in sorted(delta.items())
        ],
    )
    fewer = [key for key, change in delta.items() if change[0] <= 0]
    for start in range(0, len(fewer), IN_CHUNK):
        keys = fewer[start : start + IN_CHUNK]
        connection.execute(
            delete(C).where(tuple_(C.c.list, C.c.facet, C.c.value).in_(keys), C.c.count <= 0)
        )


# session.info entries: the (owner column, id) of links replaced by bulk statements, and the
# (deals, events, shipments) flushes touched; both refreshed before commit.
PENDING = "tracker.facets_pending"
TOUCHED = "tracker.facets_touched"


def _old_and_new(obj, attribute: str) -> set[int]:
    history = inspect(obj).attrs[attribute].history
    return {v for v in (getattr(obj, attribute), *history.deleted) if v is not None}


def _changed(obj, *names: str) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


# The fields of a deal, an event and a shipment that members read.
DEAL_FIELDS = ("kind", "status", "deleted", "value_usd")
EVENT_FIELDS = ("kind", "deleted", "deal_id", "shipment_id")
SHIPMENT_FIELDS = ("deleted", "origin_id", "destination_id")


def _touched(session: OrmSession) -> tuple[set[int], set[int], set[int], bool]:
    """(deals, events, shipments) whose members this flush's rows may change, and whether a
    change reaches too far to place (a commodity's slug, a removal of a party or commodity).
    A party's new country codes are placed through the records that name it."""
    deals: set[int] = set()
    events: set[int] = set()
    shipments: set[int] = set()
    moved: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        # A record merely edited counts only when a field its members read changes.
        edited = obj in session.dirty
        if isinstance(obj, Deal) and obj.id is not None:
            if not edited or _changed(obj, *DEAL_FIELDS):
                deals.add(obj.id)
        elif isinstance(obj, (DealParty, DealCommodity)):
            deals |= _old_and_new(obj, "deal_id")
        elif isinstance(obj, Event) and obj.id is not None:
            if not edited or _changed(obj, *EVENT_FIELDS):
                events.add(obj.id)
                deals |= _old_and_new(obj, "deal_id")
        elif isinstance(obj, EventParty):
            events |= _old_and_new(obj, "event_id")
        elif isinstance(obj, Shipment) and obj.id is not None:
            if not edited or _changed(obj, *SHIPMENT_FIELDS):
                shipments.add(obj.id)
        elif isinstance(obj, ShipmentItem):
            shipments |= _old_and_new(obj, "shipment_id")
        elif isinstance(obj, Party) and obj.id is not None:
            if obj in session.deleted:
                return deals, events, shipments, True
            if obj in session.dirty and _changed(obj, "iso3", "country_iso3"):
                moved.add(obj.id)
        elif isinstance(obj, Commodity) and obj.id is not None:
            if obj in session.deleted or _changed(obj, "slug"):
                return deals, events, shipments, True
    if moved:
        more = _records_naming(session.connection(), sorted(moved))
        deals, events, shipments = deals | more[0], events | more[1], shipments | more[2]
    return deals, events, shipments, False


def _records_naming(connection: Connection, parties: list[int]) -> tuple[set, set, set]:
    """(deals, events, shipments) whose members read these parties' country codes: the deals
    they take part in, the events naming them, the shipments with them at an end. A party
    moving country changes those alone (a rebuild took 1.6 s at a million items)."""
    deals = set(connection.scalars(select(DP.c.deal_id).where(DP.c.party_id.in_(parties))))
    events = set(connection.scalars(select(EP.c.event_id).where(EP.c.party_id.in_(parties))))
    shipments: set[int] = set()
    for end in (S.c.origin_id, S.c.destination_id):
        shipments.update(connection.scalars(select(S.c.id).where(end.in_(parties))))
    return deals, events, shipments


def _refresh_around(connection: Connection, deals: set[int], events: set[int],
                    shipments: set[int]) -> None:  # fmt: skip
    """Refresh DEALS, EVENTS, and the events of those deals and SHIPMENTS (an event counts
    its deal's and its shipment's commodities and countries)."""
    found = set(events)
    for chunk in _chunks(deals):
        found.update(connection.scalars(select(E.c.id).where(E.c.deal_id.in_(chunk))))
    for chunk in _chunks(shipments):
        found.update(connection.scalars(select(E.c.id).where(E.c.shipment_id.in_(chunk))))
    if deals:
        refresh(connection, DEALS, deals)
    if found:
        refresh(connection, EVENTS, found)


def _after_flush(session: OrmSession, _context) -> None:
    """The flush's rows are written; its new, dirty and deleted lists are still those it wrote:
    the records they touch are noted here and refreshed once, before commit (a new deal is
    flushed once for its id and again with its links; refreshing at each flush read and wrote
    its members twice)."""
    deals, events, shipments, too_far = _touched(session)
    if too_far:
        session.info[REBUILD] = True
    elif deals or events or shipments:
        touched = session.info.setdefault(TOUCHED, (set(), set(), set()))
        for noted, found in zip(touched, (deals, events, shipments), strict=True):
            noted |= found


def _do_orm_execute(state: ORMExecuteState) -> None:
    """A bulk statement on a watched table: refresh the record it names before commit, or
    rebuild both tables (rare, and always right)."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if table is None or table.name not in WATCHED:
        return
    owner = state.execution_options.get(LINKS_OWNER)
    if owner is None:
        state.session.info[REBUILD] = True
    else:
        state.session.info.setdefault(PENDING, set()).add(tuple(owner))


def _before_commit(session: OrmSession) -> None:
    session.flush()
    info = session.info
    if info.get(REBUILD):
        rebuild(session.connection())
    else:
        deals, events, shipments = (set(ids) for ids in info.get(TOUCHED, ((), (), ())))
        for column, record_id in info.get(PENDING, ()):
            {"deal_id": deals, "event_id": events, "shipment_id": shipments}[column].add(record_id)
        if deals or events or shipments:
            _refresh_around(session.connection(), deals, events, shipments)
    # Forgotten only once refreshed: a commit tried again after a failed refresh refreshes.
    _forget(session)


def _forget(session: OrmSession, transaction=None) -> None:
    # Only the outermost transaction's end forgets: a savepoint's rollback, or a failed flush's,
    # leaves what the transaction around it wrote before still to be refreshed (refreshing a
    # record whose write was undone recomputes it as it is).
    if transaction is not None and transaction.parent is not None:
        return
    for entry in (REBUILD, PENDING, TOUCHED):
        session.info.pop(entry, None)


LISTENERS = (
    ("after_flush", _after_flush),
    ("do_orm_execute", _do_orm_execute),
    ("before_commit", _before_commit),
    ("after_soft_rollback", _forget),
)


def watch(factory: sessionmaker) -> None:
    """Keep facet_member and facet_count in step with every write through sessions made by
    FACTORY (on a database that has them)."""
    listen_once(factory, LISTENERS)
