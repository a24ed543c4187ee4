"""shipment_tally from the records: the SELECTs that compute it (whole or for some groups),
the rebuild, and the upkeep on every write through the app's sessions.

Upkeep recomputes whole groups, never adds deltas: before each flush it notes the groups the
touched shipments were in, after it the shipments' ids, and before commit it recomputes every
group they were or now are in (a group is a handful of shipments, read through the indexes)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import (
    Connection,
    Select,
    and_,
    delete,
    distinct,
    event,
    false,
    func,
    insert,
    inspect,
    literal,
    null,
    select,
)
from sqlalchemy.orm import ORMExecuteState, sessionmaker
from sqlalchemy.orm import Session as OrmSession

from tracker.models import Shipment, ShipmentItem, ShipmentTally

S, IT, T = Shipment.__table__, ShipmentItem.__table__, ShipmentTally.__table__
KEY = ("deal_id", "origin_id", "destination_id", "origin_party_id", "destination_party_id")
COUNTS = ("shipments", "items", "items_with_usd", "value_usd")
COLUMNS = (*KEY, "period", "among_id", "commodity_id", *COUNTS)
# session.info entries: groups to recompute, shipment ids whose groups to recompute, and
# whether a bulk statement touched shipments so that only a rebuild is safe.
GROUPS, IDS, REBUILD = "tracker.tally_groups", "tracker.tally_ids", "tracker.tally_rebuild"


def period(dialect: str):
    """YYYY-MM of a shipment's dispatch (else arrival) date, '' when it has neither."""
    when = func.coalesce(S.c.dispatched_on, S.c.arrived_on)
    month = (
        func.to_char(when, "YYYY-MM") if dialect == "postgresql" else func.strftime("%Y-%m", when)
    )
    return func.coalesce(month, literal(""))


def selects(dialect: str, scope=None) -> tuple[Select, Select]:
    """The tally's rows computed from the records: whole groups, then commodity pairs.
    SCOPE (a condition on shipment) limits them to some groups."""
    key, month = [S.c[k] for k in KEY], period(dialect)
    live = [S.c.deleted == false(), *([scope] if scope is not None else [])]
    sums = (
        func.count(distinct(S.c.id)),
        func.count(IT.c.id),
        func.count(IT.c.value_usd),
        func.coalesce(func.sum(IT.c.value_usd), 0),
    )
    whole = (
        select(*key, month, null(), null(), *sums)
        .select_from(S.outerjoin(IT, IT.c.shipment_id == S.c.id))
        .where(*live)
        .group_by(*key, month)
    )
    carried = select(IT.c.shipment_id, IT.c.commodity_id.label("among_id")).distinct()
    if scope is not None:
        carried = carried.where(IT.c.shipment_id.in_(select(S.c.id).where(*live)))
    carried = carried.subquery()
    pairs = (
        select(*key, month, carried.c.among_id, IT.c.commodity_id, *sums)
        .select_from(
            S.join(carried, carried.c.shipment_id == S.c.id).join(IT, IT.c.shipment_id == S.c.id)
        )
        .where(*live)
        .group_by(*key, month, carried.c.among_id, IT.c.commodity_id)
    )
    return whole, pairs


def rebuild(connection: Connection) -> None:
    """Recompute the whole tally (after bulk loads that bypass the ORM)."""
    connection.execute(delete(T))
    for query in selects(connection.dialect.name):
        connection.execute(insert(T).from_select(list(COLUMNS), query))


def _group_scope(dialect: str, group: tuple):
    """Shipments in GROUP (the KEY values and the period)."""
    *values, month = group
    same = [S.c[k].is_not_distinct_from(v) for k, v in zip(KEY, values, strict=True)]
    return and_(*same, period(dialect) == month)


def recompute(connection: Connection, groups: Iterable[tuple]) -> None:
    """Replace the tally rows of GROUPS by their values computed from the records."""
    dialect = connection.dialect.name
    for group in groups:
        *values, month = group
        same = [T.c[k].is_not_distinct_from(v) for k, v in zip(KEY, values, strict=True)]
        connection.execute(delete(T).where(*same, T.c.period == month))
        for query in selects(dialect, _group_scope(dialect, group)):
            connection.execute(insert(T).from_select(list(COLUMNS), query))


def groups_of(connection: Connection, shipment_ids: Iterable[int]) -> set[tuple]:
    """The groups (KEY values and period) the shipments with these ids are in now."""
    ids = sorted(set(shipment_ids))
    out: set[tuple] = set()
    for start in range(0, len(ids), 500):  # bounded IN lists
        chunk = ids[start : start + 500]
        query = select(*(S.c[k] for k in KEY), period(connection.dialect.name)).where(
            S.c.id.in_(chunk)
        )
        out.update(tuple(row) for row in connection.execute(query.distinct()))
    return out


def _touched_ids(session: OrmSession) -> set[int]:
    """Ids of shipments this flush changes, or whose items it changes (old and new)."""
    ids: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Shipment) and obj.id is not None:
            ids.add(obj.id)
        elif isinstance(obj, ShipmentItem):
            history = inspect(obj).attrs.shipment_id.history
            ids.update(v for v in (obj.shipment_id, *history.deleted) if v is not None)
    return ids


def _before_flush(session: OrmSession, _context, _instances) -> None:
    ids = _touched_ids(session)
    if ids:
        session.info.setdefault(GROUPS, set()).update(groups_of(session.connection(), ids))


def _after_flush(session: OrmSession, _context) -> None:
    ids = _touched_ids(session)
    if ids:
        session.info.setdefault(IDS, set()).update(ids)


def _do_orm_execute(state: ORMExecuteState) -> None:
    """A bulk statement on shipments or items: rebuild before commit (rare, and always right)."""
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if table is not None and table.name in (S.name, IT.name):
            state.session.info[REBUILD] = True


def _before_commit(session: OrmSession) -> None:
    session.flush()
    groups, ids = session.info.pop(GROUPS, set()), session.info.pop(IDS, set())
    connection = session.connection()
    if session.info.pop(REBUILD, False):
        rebuild(connection)
    elif groups or ids:
        recompute(connection, groups | groups_of(connection, ids))


def _forget(session: OrmSession, _transaction=None) -> None:
    for name in (GROUPS, IDS, REBUILD):
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
    for name, listener in LISTENERS:
        if not event.contains(factory, name, listener):
            event.listen(factory, name, listener)
