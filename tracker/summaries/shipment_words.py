"""deal_shipment_words from the records: the SELECT that computes a deal's row, the rebuild,
and the upkeep on every write through the app's sessions. Deleted shipments leave a deal's row
(a search must not find a deal through a shipment the pages no longer show); deleting or
restoring one is a write like any other, so its deal's row follows.

A deal's row is recomputed whole (its shipments' distinct descriptions, a few hundred rows
read through the index on shipment.deal_id) after every flush that writes one of its
shipments, for every deal a written shipment was under or is under now: a search later in
the same transaction already finds the new words."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, Select, delete, false, insert, inspect, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import ORMExecuteState, sessionmaker
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import Text

from tracker.db.listening import listen_once
from tracker.models import DealShipmentWords, Shipment

S, W = Shipment.__table__, DealShipmentWords.__table__
# session.info entry: a bulk statement in this transaction means only a rebuild is safe.
REBUILD = "tracker.words_rebuild"
IN_CHUNK = 500  # ids per IN list


class _Lines(FunctionElement):
    """The aggregate of a text column's values, one a line, in their order in the group."""

    inherit_cache = True
    type = Text()
    name = "lines"


@compiles(_Lines)
def _lines_sqlite(element: _Lines, compiler, **kw) -> str:
    return f"group_concat({compiler.process(element.clauses, **kw)}, char(10))"


@compiles(_Lines, "postgresql")
def _lines_pg(element: _Lines, compiler, **kw) -> str:
    column = compiler.process(element.clauses, **kw)
    return f"string_agg({column}, chr(10) ORDER BY {column})"


def words_select(ids: list[int] | None = None) -> Select:
    """(deal id, its live shipments' distinct descriptions one a line) for every deal with a
    described live shipment (only deals IDS, if given)."""
    distinct = select(S.c.deal_id, S.c.description).where(
        S.c.deal_id.is_not(None), S.c.description.is_not(None), S.c.deleted == false()
    )
    if ids is not None:
        distinct = distinct.where(S.c.deal_id.in_(ids))
    distinct = distinct.distinct().order_by(S.c.deal_id, S.c.description).subquery()
    return select(distinct.c.deal_id, _Lines(distinct.c.description)).group_by(distinct.c.deal_id)


def present(connection: Connection) -> bool:
    """Whether the database has the table (a database at a revision before 0015 has not)."""
    return inspect(connection).has_table(W.name)


def rebuild(connection: Connection) -> None:
    """Recompute every deal's row (after bulk loads that bypass the ORM)."""
    connection.execute(delete(W))
    connection.execute(insert(W).from_select(["id", "descriptions"], words_select()))


def refresh(connection: Connection, deal_ids: Iterable[int]) -> None:
    """Recompute the rows of deals DEAL_IDS."""
    ids = sorted(set(deal_ids))
    for start in range(0, len(ids), IN_CHUNK):
        chunk = ids[start : start + IN_CHUNK]
        connection.execute(delete(W).where(W.c.id.in_(chunk)))
        connection.execute(insert(W).from_select(["id", "descriptions"], words_select(chunk)))


def _touched_deals(session: OrmSession) -> set[int]:
    """Deals a shipment this flush writes was under, or is under now."""
    ids: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Shipment):
            history = inspect(obj).attrs.deal_id.history
            ids.update(v for v in (obj.deal_id, *history.deleted) if v is not None)
    return ids


def _after_flush(session: OrmSession, _context) -> None:
    """The flush's rows are written; its new, dirty and deleted lists are still those it wrote."""
    deals = _touched_deals(session)
    if deals:
        refresh(session.connection(), deals)


def _do_orm_execute(state: ORMExecuteState) -> None:
    """A bulk statement on shipments: rebuild before commit (rare, and always right)."""
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if table is not None and table.name == S.name:
            state.session.info[REBUILD] = True


def _before_commit(session: OrmSession) -> None:
    session.flush()
    if session.info.pop(REBUILD, False):
        rebuild(session.connection())


def _forget(session: OrmSession, _transaction=None) -> None:
    session.info.pop(REBUILD, None)


LISTENERS = (
    ("after_flush", _after_flush),
    ("do_orm_execute", _do_orm_execute),
    ("before_commit", _before_commit),
    ("after_soft_rollback", _forget),
)


def watch(factory: sessionmaker) -> None:
    """Keep deal_shipment_words in step with every write through sessions made by FACTORY."""
    listen_once(factory, LISTENERS)
