"""shipment_tally from the records: the SELECTs that compute it (whole, or the part some
shipments contribute), the rebuild, and the upkeep on every write through the app's sessions.

Upkeep adds differences, never rescans: before a flush first touches a shipment (or one of its
items) in a transaction, what that shipment contributed is subtracted; before commit, what every
touched shipment contributes now is added. Each shipment adds one to the shipments of each row
it falls in, so the sums stay exact however the writes were split into flushes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import (
    Connection,
    Select,
    delete,
    distinct,
    false,
    func,
    insert,
    inspect,
    literal,
    null,
    select,
    update,
)
from sqlalchemy.orm import ORMExecuteState, sessionmaker
from sqlalchemy.orm import Session as OrmSession

from tracker.db.listening import listen_once
from tracker.models import Party, Shipment, ShipmentItem, ShipmentTally

S, IT, T = Shipment.__table__, ShipmentItem.__table__, ShipmentTally.__table__
KEY = ("side", "deal_id", "country_id", "among_id", "commodity_id")
COUNTS = ("shipments", "items", "items_with_usd", "value_usd")
COLUMNS = (*KEY, *COUNTS)
SIDES = {"origin": S.c.origin_id, "destination": S.c.destination_id}
# The shipment columns the tally reads: an edit of anything else (a description, a date, a
# status) leaves the shipment's rows as they were, and is not recounted.
TALLIED = ("deleted", "deal_id", "origin_id", "destination_id")
# The side of rows counting shipments whose two ends have one country code (country_id: the
# origin): the same party at both ends, or two parties of one country.
SAME = "same"
# The side of rows over every shipment whatever its deal or countries: one whole row, and one
# per pair (a commodity's count reads one row, not one per country or deal).
ALL = "all"
P = Party.__table__
# session.info entries: the running difference per row key, the shipments already
# subtracted in this transaction, and whether a bulk statement means only a rebuild is safe.
DELTA, SEEN, REBUILD = "tracker.tally_delta", "tracker.tally_seen", "tracker.tally_rebuild"
IN_CHUNK = 500  # ids per IN list


CENT = Decimal("0.01")


def _sums(in_dollars: bool = False):
    """The counts, and the USD sum in whole cents: each item rounded to the cent it holds, the
    sum then exact on both databases (SQLite keeps amounts as binary floats, and float sums
    taken and given back over thousands of writes drifted from a recomputation)."""
    cents = func.coalesce(func.sum(func.round(IT.c.value_usd * 100)), 0)
    return (
        func.count(distinct(S.c.id)),
        func.count(IT.c.id),
        func.count(IT.c.value_usd),
        cents / 100 if in_dollars else cents,
    )


def dollars(cents) -> Decimal:
    """A sum in cents, as the driver gives it (int, float or Decimal), as exact dollars."""
    return Decimal(int(round(Decimal(str(cents or 0))))) / 100


def selects(ids: list[int] | None = None, in_dollars: bool = False) -> list[Select]:
    """The tally's rows computed from the records (only what shipments IDS contribute, if
    given): per deal whole, per deal commodity pairs, pairs per country on each side, all
    shipments whole and per pair, then the per-country wholes and the 'same' rows;
    the USD sum in cents (IN_DOLLARS: in dollars, as the table keeps it)."""
    live = [S.c.deleted == false()]
    if ids is not None:
        live.append(S.c.id.in_(ids))
    carried = select(IT.c.shipment_id, IT.c.commodity_id.label("among_id")).distinct()
    if ids is not None:
        carried = carried.where(IT.c.shipment_id.in_(ids))
    carried = carried.subquery()
    with_pairs = S.join(carried, carried.c.shipment_id == S.c.id).join(
        IT, IT.c.shipment_id == S.c.id
    )
    pair = (carried.c.among_id, IT.c.commodity_id)
    queries = [
        select(null(), S.c.deal_id, null(), null(), null(), *_sums(in_dollars))
        .select_from(S.outerjoin(IT, IT.c.shipment_id == S.c.id))
        .where(*live)
        .group_by(S.c.deal_id),
        select(null(), S.c.deal_id, null(), *pair, *_sums(in_dollars))
        .select_from(with_pairs)
        .where(*live)
        .group_by(S.c.deal_id, *pair),
    ]
    for side, column in SIDES.items():
        queries.append(
            select(literal(side), null(), column, *pair, *_sums(in_dollars))
            .select_from(with_pairs)
            .where(*live)
            .group_by(column, *pair)
        )
    queries += [
        # HAVING: no row at all when no shipment counts (an aggregate alone gives one of zeros).
        select(literal(ALL), null(), null(), null(), null(), *_sums(in_dollars))
        .select_from(S.outerjoin(IT, IT.c.shipment_id == S.c.id))
        .where(*live)
        .having(func.count(distinct(S.c.id)) > 0),
        select(literal(ALL), null(), null(), *pair, *_sums(in_dollars))
        .select_from(with_pairs)
        .where(*live)
        .group_by(*pair),
    ]
    return queries + _country_wholes(live, with_pairs, pair, in_dollars)


def _code(party):
    """A party's country code, as the facets and country=CODE read it."""
    return func.coalesce(party.c.iso3, party.c.country_iso3)


def _country_wholes(live: list, with_pairs, pair: tuple, in_dollars: bool) -> list[Select]:
    """Per country whole (among and commodity empty) on each side, and the 'same' rows of
    shipments whose two ends have one country code, whole and in pairs: the facets count
    shipments at either end of a country as origin + destination - same, without a pass over
    them. A shipment from a country to a party based there is one of the country's shipments,
    once, though its two ends are different parties."""
    whole = S.outerjoin(IT, IT.c.shipment_id == S.c.id)
    origin, destination = P.alias("origin"), P.alias("destination")

    def ends(joined):
        return joined.join(origin, origin.c.id == S.c.origin_id).join(
            destination, destination.c.id == S.c.destination_id
        )

    same = _code(origin) == _code(destination)
    queries = [
        select(literal(side), null(), column, null(), null(), *_sums(in_dollars))
        .select_from(whole)
        .where(*live)
        .group_by(column)
        for side, column in SIDES.items()
    ]
    queries.append(
        select(literal(SAME), null(), S.c.origin_id, null(), null(), *_sums(in_dollars))
        .select_from(ends(whole))
        .where(*live, same)
        .group_by(S.c.origin_id)
    )
    queries.append(
        select(literal(SAME), null(), S.c.origin_id, *pair, *_sums(in_dollars))
        .select_from(ends(with_pairs))
        .where(*live, same)
        .group_by(S.c.origin_id, *pair)
    )
    return queries


def rebuild(connection: Connection) -> None:
    """Recompute the whole tally (after bulk loads that bypass the ORM)."""
    connection.execute(delete(T))
    for query in selects(in_dollars=True):
        connection.execute(insert(T).from_select(list(COLUMNS), query))


def contributions(connection: Connection, ids: Iterable[int]) -> dict[tuple, list]:
    """{row key: [shipments, items, items with USD, USD]} that shipments IDS add now."""
    out: dict[tuple, list] = defaultdict(lambda: [0, 0, 0, Decimal(0)])
    ids = sorted(set(ids))
    for start in range(0, len(ids), IN_CHUNK):
        for query in selects(ids[start : start + IN_CHUNK]):
            for *key, n, items, with_usd, cents in connection.execute(query):
                acc = out[tuple(key)]
                acc[0] += n
                acc[1] += items
                acc[2] += with_usd
                acc[3] += dollars(cents)
    return out


def _add(delta: dict, parts: dict[tuple, list], sign: int) -> None:
    for key, values in parts.items():
        acc = delta.setdefault(key, [0, 0, 0, Decimal(0)])
        for i, v in enumerate(values):
            acc[i] += sign * v


def apply(connection: Connection, delta: dict[tuple, list]) -> None:
    """Add DELTA to the tally rows, making missing rows and dropping emptied ones."""
    for key, (n, items, with_usd, usd) in delta.items():
        if not (n or items or with_usd or usd):
            continue
        same = [T.c[k].is_not_distinct_from(v) for k, v in zip(KEY, key, strict=True)]
        # Locked until commit (PostgreSQL): the sum is read, added to here and written back, so
        # two writers at once must not both add to the same old total. SQLite lets one writer in.
        row = connection.execute(
            select(T.c.id, T.c.value_usd).where(*same).with_for_update()
        ).first()
        if row is not None:
            # The new sum is worked out here in decimals and written whole: adding in SQL
            # would add in binary floats on SQLite, and the error would grow with every write.
            total = Decimal(str(row.value_usd or 0)).quantize(CENT) + usd
            connection.execute(
                update(T)
                .where(T.c.id == row.id)
                .values(
                    shipments=T.c.shipments + n,
                    items=T.c["items"] + items,
                    items_with_usd=T.c.items_with_usd + with_usd,
                    value_usd=total,
                )
            )
        else:
            connection.execute(
                insert(T).values(dict(zip(COLUMNS, (*key, n, items, with_usd, usd), strict=True)))
            )
    connection.execute(delete(T).where(T.c.shipments <= 0, T.c["items"] <= 0))


def _touched_ids(session: OrmSession) -> set[int]:
    """Ids of shipments this flush changes, or whose items it changes (old and new), and of
    the shipments at either end of a party whose country codes it changes (the 'same' rows
    compare the codes of the two ends)."""
    ids: set[int] = set()
    moved: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Shipment) and obj.id is not None:
            state = inspect(obj).attrs
            edited = any(state[column].history.has_changes() for column in TALLIED)
            if obj in session.new or obj in session.deleted or edited:
                ids.add(obj.id)
        elif isinstance(obj, ShipmentItem):
            history = inspect(obj).attrs.shipment_id.history
            ids.update(v for v in (obj.shipment_id, *history.deleted) if v is not None)
        elif isinstance(obj, Party) and obj.id is not None and obj not in session.new:
            state = inspect(obj).attrs
            if obj in session.deleted or any(
                state[name].history.has_changes() for name in ("iso3", "country_iso3")
            ):
                moved.add(obj.id)
    if moved:
        connection = session.connection()
        for end in SIDES.values():
            ids.update(connection.scalars(select(S.c.id).where(end.in_(sorted(moved)))))
    return ids


def _before_flush(session: OrmSession, _context, _instances) -> None:
    seen = session.info.setdefault(SEEN, set())
    first = _touched_ids(session) - seen
    if first:
        delta = session.info.setdefault(DELTA, {})
        _add(delta, contributions(session.connection(), first), -1)
        seen.update(first)


def _after_flush(session: OrmSession, _context) -> None:
    """New shipments have ids now; they contributed nothing before."""
    session.info.setdefault(SEEN, set()).update(_touched_ids(session))


def _do_orm_execute(state: ORMExecuteState) -> None:
    """A bulk statement on shipments or items: rebuild before commit (rare, and always right)."""
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if table is not None and table.name in (S.name, IT.name):
            state.session.info[REBUILD] = True


def _before_commit(session: OrmSession) -> None:
    session.flush()
    seen, delta = session.info.pop(SEEN, set()), session.info.pop(DELTA, {})
    connection = session.connection()
    if session.info.pop(REBUILD, False):
        rebuild(connection)
    elif seen:
        _add(delta, contributions(connection, seen), +1)
        apply(connection, delta)


def _forget(session: OrmSession, _transaction=None) -> None:
    for name in (DELTA, SEEN, REBUILD):
        session.info.pop(name, None)


LISTENERS = (
    ("before_flush", _before_flush),
    ("after_flush", _after_flush),
    ("do_orm_execute", _do_orm_execute),
    ("before_commit", _before_commit),
    ("after_soft_rollback", _forget),
)


def watch(factory: sessionmaker) -> None:
    """Keep shipment_tally in step with every write through sessions made by FACTORY."""
    listen_once(factory, LISTENERS)
