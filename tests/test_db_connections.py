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
