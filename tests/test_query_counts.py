"""Pages run a fixed number of SQL queries, however many rows they show (no N+1)."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event


@contextmanager
def counting(app):
    """Count the SQL statements the app's engine runs inside the block."""
    statements: list[str] = []
    engine = app.extensions["tracker.engine"]

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


@pytest.mark.parametrize(
    "path",
    [
        "/deals?per_page=100",
        "/shipments?per_page=100",
        "/timeline?per_page=100",
        "/",
        "/commodities",
        "/parties",
    ],
)
def test_queries_per_page_do_not_grow_with_rows(app, runner, client, path):
    runner.invoke(args=["demo-data", "--deals", "5", "--shipments", "5", "--seed", "1"])
    with counting(app) as small:
        assert client.get(path).status_code == 200
    runner.invoke(
        args=["demo-data", "--deals", "60", "--shipments", "80", "--seed", "2"],
        catch_exceptions=False,
    )
    with counting(app) as large:
        assert client.get(path).status_code == 200
    assert len(large) == len(small), large
