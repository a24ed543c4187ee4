"""Every connection the app opens is set up for short page queries: WAL, foreign keys and a busy
timeout on SQLite; no JIT compilation on PostgreSQL (it cost 0.67 s of a 0.70 s count)."""

from __future__ import annotations

from sqlalchemy import text

from tracker import db
from tracker.db import SQLITE_BUSY_TIMEOUT_MS


def test_each_connection_is_set_up_for_its_database(app):
    with app.app_context(), db.engine().connect() as connection:
        if connection.dialect.name == "postgresql":
            assert connection.scalar(text("SHOW jit")) == "off"
        else:
            assert connection.scalar(text("PRAGMA journal_mode")) == "wal"
            assert connection.scalar(text("PRAGMA foreign_keys")) == 1
            assert connection.scalar(text("PRAGMA busy_timeout")) == SQLITE_BUSY_TIMEOUT_MS
