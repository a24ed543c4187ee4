"""Every connection the app opens is set up for short page queries: WAL, foreign keys and a busy
timeout on SQLite; no JIT compilation on PostgreSQL (it cost 0.67 s of a 0.70 s count)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text, update

from tracker import db
from tracker.db import SQLITE_BUSY_TIMEOUT_MS
from tracker.models import Party


def test_each_connection_is_set_up_for_its_database(app):
    with app.app_context(), db.engine().connect() as connection:
        if connection.dialect.name == "postgresql":
            assert connection.scalar(text("SHOW jit")) == "off"
        else:
            assert connection.scalar(text("PRAGMA journal_mode")) == "wal"
            assert connection.scalar(text("PRAGMA foreign_keys")) == 1
            assert connection.scalar(text("PRAGMA busy_timeout")) == SQLITE_BUSY_TIMEOUT_MS


def test_a_reading_request_reads_without_a_transaction_on_postgresql(app):
    """GET and HEAD requests read on PostgreSQL in autocommit (no BEGIN, no ROLLBACK: two round
    trips of a cached page's three); every other method, and SQLite, as before."""
    for method, reading in (("GET", True), ("HEAD", True), ("POST", False)):
        with app.test_request_context("/deals", method=method):
            session = db.get_session()
            connection = session.connection()
            postgresql = connection.dialect.name == "postgresql"
            expected = reading and postgresql
            assert bool(session.info.get(db.READS_ONLY)) == expected, method
            if postgresql:
                assert connection.connection.driver_connection.autocommit == expected, method


@pytest.mark.parametrize("write", ["flush", "bulk"])
def test_a_reading_request_that_writes_is_refused_on_postgresql(app, write):
    """A write from a GET would commit statement by statement outside any transaction: its
    session refuses it (a programming error), and nothing is written."""
    with app.test_request_context("/deals", method="GET"):
        session = db.get_session()
        if session.connection().dialect.name != "postgresql":
            # SQLite's driver opens no transaction for reads: its GET sessions are ordinary.
            session.add(Party(slug="written", name="Written", kind="company"))
            session.flush()
            session.rollback()
            return
        with pytest.raises(db.WriteInReadingRequest):
            if write == "flush":
                session.add(Party(slug="written", name="Written", kind="company"))
                session.flush()
            else:
                session.execute(update(Party).values(name="Written"))
    with app.app_context():
        names = db.get_session().scalars(select(Party.name)).all()
        assert "Written" not in names


def _pings(monkeypatch) -> list[object]:
    pinged: list[object] = []
    real = db.ping
    monkeypatch.setattr(db, "ping", lambda dialect, c: (pinged.append(c), real(dialect, c)))
    return pinged


def test_a_pooled_connection_is_pinged_only_after_waiting_idle(app, monkeypatch):
    """A ping on every checkout was a second round trip for each cached page: a connection back
    from the pool within IDLE_PING_S is used as it is; one that waited longer is pinged first.
    SQLite's connections are in the process: nothing to ping."""
    pinged = _pings(monkeypatch)
    with app.app_context():
        engine = db.engine()
        for idle, expected in ((3600.0, 0), (0.0, 1)):
            monkeypatch.setattr(db, "IDLE_PING_S", idle)
            with engine.connect() as connection:
                connection.scalar(text("SELECT 1"))
            pinged.clear()
            with engine.connect() as connection:
                assert connection.scalar(text("SELECT 2")) == 2
            server = engine.dialect.name != "sqlite"
            assert len(pinged) == (expected if server else 0), (idle, engine.dialect.name)


def test_a_connection_the_server_dropped_in_the_pool_is_replaced(seeded_app, monkeypatch):
    """The server ends a connection while it waits in the pool (a restart, an idle timeout):
    the next request pings it, the ping fails, and the pool connects afresh; the reader sees
    the page, not an error."""
    client = seeded_app.test_client()
    with seeded_app.app_context():
        engine = db.engine()
        if engine.dialect.name != "postgresql":
            assert client.get("/deals").status_code == 200
            return
        engine.dispose()  # one connection in the pool: the request gets the dropped one
        with engine.connect() as connection:
            dropped = connection.scalar(text("SELECT pg_backend_pid()"))
        killer = db.make_engine(engine.url.render_as_string(hide_password=False))
        with killer.connect() as other:
            other.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": dropped})
        killer.dispose()
        monkeypatch.setattr(db, "IDLE_PING_S", 0.0)
        pinged = _pings(monkeypatch)
        assert client.get("/deals").status_code == 200
        assert pinged, "the dropped connection was not pinged"
        with engine.connect() as connection:
            assert connection.scalar(text("SELECT pg_backend_pid()")) != dropped
