"""The database engine (one per app) and the session (one per request or command)."""

from __future__ import annotations

import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import Connection, Engine, Table, create_engine, event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import InvalidatePoolError
from sqlalchemy.orm import ORMExecuteState, sessionmaker
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from tracker.db.listening import listen_once

# How long a SQLite writer waits for another writer before "database is locked".
SQLITE_BUSY_TIMEOUT_MS = 5000
# PostgreSQL's JIT compiles a query whose estimated cost is high; our filtered counts are
# estimated at millions and run in milliseconds, and compiling them took 0.67 s of a 0.70 s
# event count at a million items (EXPLAIN ANALYZE: "JIT ... Total 670 ms"). Pages are short
# queries: JIT is off for the app's connections unless the URL sets its own options.
POSTGRESQL_OPTIONS = "-c jit=off"


# A pooled connection to a server is pinged before use only when it has sat idle this long: a
# server restart or an idle timeout drops connections while they wait in the pool, but under
# load they come back within milliseconds, and pool_pre_ping's ping on every checkout was a
# second round trip for each cached page (PostgreSQL record pages: 0.24 ms of 1.17).
IDLE_PING_S = 1.0
_CHECKED_IN = "tracker.checked_in_at"


def make_engine(url: str) -> Engine:
    """An engine for URL; SQLite gets WAL, foreign keys and a busy timeout on every connection."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        postgresql = parsed.get_backend_name() == "postgresql"
        own = "options" in parsed.query
        options = {"options": POSTGRESQL_OPTIONS} if postgresql and not own else {}
        engine = create_engine(url, connect_args=options)
        event.listen(engine, "checkin", _note_checkin)
        event.listen(engine, "checkout", _pinger(engine.dialect))
        return engine
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _note_checkin(_dbapi_connection, record) -> None:
    record.info[_CHECKED_IN] = time.monotonic()


def _pinger(dialect):
    """The checkout listener: ping a connection that waited in the pool IDLE_PING_S or more (a
    new one has not waited); if the ping fails, the pool throws away the connection and those
    older than it, and connects afresh."""

    def ping_if_idle(dbapi_connection, record, _proxy) -> None:
        since = record.info.get(_CHECKED_IN)
        if since is None or time.monotonic() - since < IDLE_PING_S:
            return
        try:
            ping(dialect, dbapi_connection)
        except Exception as exc:
            # As pool_pre_ping does: the pool also drops every connection older than this one
            # (a server restart ended them all), so each does not pay its own failed ping.
            raise InvalidatePoolError(f"the pooled connection was dropped: {exc}") from exc

    return ping_if_idle


def ping(dialect, dbapi_connection) -> None:
    """One round trip on DBAPI_CONNECTION (the dialect's own ping, as pool_pre_ping uses)."""
    dialect.do_ping(dbapi_connection)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL lets readers go on while one writer writes; SQLite leaves foreign keys off by default."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


# A GET or HEAD request only reads. On PostgreSQL its session uses the engine in autocommit:
# each statement already sees the data committed before it under READ COMMITTED, so the
# transaction added nothing but a BEGIN and a ROLLBACK around a cached page's one statement.
# Its session refuses to write (READS_ONLY_GUARDS), so no write can commit piecemeal outside a
# transaction. SQLite's driver opens no transaction for reads: nothing to save there.
READING = "tracker.reading_engine"
READS_ONLY = "tracker.reads_only"
SAFE_METHODS = frozenset({"GET", "HEAD"})


class WriteInReadingRequest(RuntimeError):
    """A GET or HEAD request tried to write (a programming error: writes are POSTs)."""


def _refuse_flush(session: OrmSession, _context, _instances) -> None:
    if session.info.get(READS_ONLY) and (session.new or session.dirty or session.deleted):
        raise WriteInReadingRequest("a GET or HEAD request may not write; make it a POST")


def _refuse_bulk_write(state: ORMExecuteState) -> None:
    if state.session.info.get(READS_ONLY) and (
        state.is_insert or state.is_update or state.is_delete
    ):
        raise WriteInReadingRequest("a GET or HEAD request may not write; make it a POST")


READS_ONLY_GUARDS = (("before_flush", _refuse_flush), ("do_orm_execute", _refuse_bulk_write))


# One session factory per engine: the data version and the summary tables listen on these
# factories (not on every SQLAlchemy session in the process), so every write through them
# keeps both in step.
_FACTORIES: weakref.WeakKeyDictionary[Engine, sessionmaker] = weakref.WeakKeyDictionary()


def sessions(bind: Engine) -> sessionmaker:
    """The session factory of engine BIND (made on first use, with the data version watching)."""
    factory = _FACTORIES.get(bind)
    if factory is None:
        from tracker.cache import versioning
        from tracker.summaries import deal_groups, facet_tally, shipment_words, tallies

        factory = sessionmaker(bind, class_=Session, expire_on_commit=False)
        listen_once(factory, READS_ONLY_GUARDS)
        versioning.watch(factory)
        tallies.watch(factory)  # summary tables change in the same transaction as the records
        shipment_words.watch(factory)
        deal_groups.watch(factory)
        facet_tally.watch(factory)
        _FACTORIES[bind] = factory
    return factory


def init_app(app: Flask) -> None:
    """Give the app its engine and session factory; close the request's session at teardown."""
    engine_ = make_engine(app.config["TRACKER_DATABASE_URL"])
    app.extensions["tracker.engine"] = engine_
    if engine_.dialect.name == "postgresql":
        app.extensions[READING] = engine_.execution_options(isolation_level="AUTOCOMMIT")
    app.extensions["tracker.sessions"] = sessions(engine_)
    app.teardown_appcontext(_close_session)


def engine() -> Engine:
    """The current app's engine."""
    return current_app.extensions["tracker.engine"]


def get_session() -> Session:
    """The session of this request or command, opened on first use. A GET or HEAD request's
    reads on PostgreSQL run without BEGIN and ROLLBACK (see READING)."""
    if "db_session" not in g:
        factory = current_app.extensions["tracker.sessions"]
        reading = current_app.extensions.get(READING)
        if reading is not None and has_request_context() and request.method in SAFE_METHODS:
            g.db_session = factory(bind=reading, info={READS_ONLY: True})
        else:
            g.db_session = factory()
    return g.db_session


def _close_session(exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        if exc is not None:
            session.rollback()
        session.close()


@contextmanager
def unit_of_work(bind: Engine) -> Iterator[Session]:
    """A session that commits once at the end, or rolls everything back on error."""
    with sessions(bind)() as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def advance_sequences(connection: Connection, tables: list[str]) -> None:
    """On PostgreSQL, move each table's id sequence past its highest id: rows inserted with
    explicit ids (bulk loads, COPY) leave the sequence behind, and the next ordinary insert would
    then collide with them. SQLite takes max(id) + 1 by itself."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        connection.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:t, 'id'), coalesce(max(id), 1), "
                f'max(id) IS NOT NULL) FROM "{table}"'
            ),
            {"t": f'"{table}"'},
        )


def upsert_into(connection: Connection, table: Table):
    """An INSERT into TABLE that takes ON CONFLICT DO UPDATE (on_conflict_do_update, with
    .excluded for the row that was refused), in the dialect of CONNECTION's database."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)
