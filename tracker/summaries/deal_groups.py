"""deal_groups from the records: each deal's countries and commodities as the value charts
group them, the rebuild, and the upkeep on every write through the app's sessions.

A deal's row is recomputed whole (a few link rows read by index) after every flush that
writes one of its party or commodity links, the deal itself, or a party whose country codes
change. A bulk statement on those tables names the deal whose links it replaces
(LINKS_OWNER), or the whole table is rebuilt before commit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Connection, delete, distinct, func, insert, inspect, select
from sqlalchemy.orm import ORMExecuteState, sessionmaker
from sqlalchemy.orm import Session as OrmSession

from tracker.db.listening import listen_once
from tracker.models import Deal, DealCommodity, DealGroups, DealParty, Party
from tracker.records.vocab import NON_PARTY_ROLES
from tracker.summaries import LINKS_OWNER

G, DP, DC, P = (m.__table__ for m in (DealGroups, DealParty, DealCommodity, Party))
# Bulk statements that can change rows: any on the links, a party's codes, a deal's removal.
WATCHED = {DP.name: "insert update delete", DC.name: "insert update delete",
           P.name: "update delete", Deal.__table__.name: "delete"}  # fmt: skip
# session.info entries: deals named by bulk statements, and whether only a rebuild is safe.
PENDING, REBUILD = "tracker.groups_pending", "tracker.groups_rebuild"
IN_CHUNK = 500  # ids per IN list
SEPARATOR = "+"


def country_codes(connection: Connection, ids: list[int] | None = None) -> dict[int, set[str]]:
    """{deal id: ISO codes of the countries taking part} (only deals IDS, if given): a country
    takes part itself or through a party based there; critics and witnesses do not count."""
    code = func.coalesce(P.c.iso3, P.c.country_iso3)
    query = (
        select(DP.c.deal_id, code)
        .join(P, P.c.id == DP.c.party_id)
        .where(DP.c.role.not_in(NON_PARTY_ROLES), code.is_not(None))
        .distinct()
    )
    if ids is not None:
        query = query.where(DP.c.deal_id.in_(ids))
    codes: dict[int, set[str]] = defaultdict(set)
    for deal_id, iso in connection.execute(query):
        codes[deal_id].add(iso)
    return codes


def computed(connection: Connection, ids: list[int] | None = None) -> dict[int, tuple]:
    """{deal id: (countries, commodities, commodity_id)} from the records, for every deal with
    a country or a commodity (only deals IDS, if given)."""
    commodities = select(
        DC.c.deal_id, func.count(distinct(DC.c.commodity_id)), func.min(DC.c.commodity_id)
    ).group_by(DC.c.deal_id)
    if ids is not None:
        commodities = commodities.where(DC.c.deal_id.in_(ids))
    codes = country_codes(connection, ids)
    counted = {deal_id: (n, one) for deal_id, n, one in connection.execute(commodities)}
    rows = {}
    for deal_id in codes.keys() | counted.keys():
        n, one = counted.get(deal_id, (0, None))
        rows[deal_id] = (SEPARATOR.join(sorted(codes.get(deal_id, ()))), n, one if n == 1 else None)
    return rows


def _insert(connection: Connection, rows: dict[int, tuple]) -> None:
    if rows:
        connection.execute(
            insert(G),
            [
                {"id": i, "countries": c, "commodities": n, "commodity_id": one}
                for i, (c, n, one) in sorted(rows.items())
            ],
        )


def present(connection: Connection) -> bool:
    """Whether the database has the table (a database at a revision before 0016 has not)."""
    return inspect(connection).has_table(G.name)


def rebuild(connection: Connection) -> None:
    """Recompute every deal's row (after bulk loads that bypass the ORM)."""
    connection.execute(delete(G))
    _insert(connection, computed(connection))


def refresh(connection: Connection, deal_ids: Iterable[int]) -> None:
    """Recompute the rows of deals DEAL_IDS."""
    ids = sorted(set(deal_ids))
    for start in range(0, len(ids), IN_CHUNK):
        chunk = ids[start : start + IN_CHUNK]
        connection.execute(delete(G).where(G.c.id.in_(chunk)))
        _insert(connection, computed(connection, chunk))


def _changed(obj, *names: str) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


def _touched_deals(session: OrmSession) -> set[int]:
    """Deals whose row this flush may change: those of written links (old and new deal ids),
    written or removed deals, and those of parties whose country codes change."""
    ids: set[int] = set()
    parties: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, (DealParty, DealCommodity)):
            history = inspect(obj).attrs.deal_id.history
            ids.update(v for v in (obj.deal_id, *history.deleted) if v is not None)
        elif isinstance(obj, Deal) and obj.id is not None and obj in session.deleted:
            ids.add(obj.id)
        elif isinstance(obj, Party) and obj.id is not None and obj in session.dirty:
            if _changed(obj, "iso3", "country_iso3"):
                parties.add(obj.id)
    if parties:
        ids.update(
            session.connection().scalars(
                select(DP.c.deal_id).where(DP.c.party_id.in_(sorted(parties))).distinct()
            )
        )
    return ids


def _after_flush(session: OrmSession, _context) -> None:
    """The flush's rows are written; its new, dirty and deleted lists are still those it wrote.
    (Deals named by bulk statements wait for the commit: a statement's autoflush runs before
    the statement itself.)"""
    deals = _touched_deals(session)
    if deals:
        refresh(session.connection(), deals)


def _do_orm_execute(state: ORMExecuteState) -> None:
    """A bulk statement on a watched table: refresh the deals it names before commit, or
    rebuild the table when it names none (rare, and always right)."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    verb = "insert" if state.is_insert else "update" if state.is_update else "delete"
    table = getattr(state.statement, "table", None)
    if table is None or verb not in WATCHED.get(table.name, ""):
        return
    owner = state.execution_options.get(LINKS_OWNER)
    if owner is None or owner[0] != "deal_id":
        state.session.info[REBUILD] = True
    else:
        state.session.info.setdefault(PENDING, set()).add(owner[1])


def _before_commit(session: OrmSession) -> None:
    session.flush()
    if session.info.pop(REBUILD, False):
        rebuild(session.connection())
    pending = session.info.pop(PENDING, set())
    if pending:
        refresh(session.connection(), pending)


def _forget(session: OrmSession, _transaction=None) -> None:
    session.info.pop(REBUILD, None)
    session.info.pop(PENDING, None)


LISTENERS = (
    ("after_flush", _after_flush),
    ("do_orm_execute", _do_orm_execute),
    ("before_commit", _before_commit),
    ("after_soft_rollback", _forget),
)


def watch(factory: sessionmaker) -> None:
    """Keep deal_groups in step with every write through sessions made by FACTORY."""
    listen_once(factory, LISTENERS)
