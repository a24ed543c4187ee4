"""The database engine (one per app) and the session (one per request or command)."""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask, current_app, g
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

# How long a SQLite writer waits for another writer before "database is locked".
SQLITE_BUSY_TIMEOUT_MS = 5000
# PostgreSQL's JIT compiles a query whose estimated cost is high; our filtered counts are
# estimated at millions and run in milliseconds, and compiling them took 0.67 s of a 0.70 s
# event count at a million items (EXPLAIN ANALYZE: "JIT ... Total 670 ms"). Pages are short
# queries: JIT is off for the app's connections unless the URL sets its own options.
POSTGRESQL_OPTIONS = "-c jit=off"


def make_engine(url: str) -> Engine:
    """An engine for URL; SQLite gets WAL, foreign keys and a busy timeout on every connection."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        options = {} if "options" in parsed.query else {"options": POSTGRESQL_OPTIONS}
        return create_engine(url, pool_pre_ping=True, connect_args=options)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL lets readers go on while one writer writes; SQLite leaves foreign keys off by default."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


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
    app.extensions["tracker.sessions"] = sessions(engine_)
    app.teardown_appcontext(_close_session)


def engine() -> Engine:
    """The current app's engine."""
    return current_app.extensions["tracker.engine"]


def get_session() -> Session:
    """The session of this request or command, opened on first use."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["tracker.sessions"]()
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
