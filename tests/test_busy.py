"""A write that meets a SQLite database locked by another writer waits, then answers 503
"busy, try again" (never a bare 500) and writes nothing."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from tests.helpers import post_form, token
from tracker import db
from tracker.models import Deal

DEAL = {
    "title": "A deal typed while the database was busy",
    "kind": "offtake",
    "status": "signed",
    "parties": "pakistan seller",
    "commodities": ["antimony"],
}


@pytest.fixture(scope="session")
def databases(sqlite_databases):
    """About SQLite's write lock; PostgreSQL locks rows, not the database."""
    return sqlite_databases


def deals(app) -> int:
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        return s.scalar(select(func.count()).select_from(Deal))


def test_a_form_write_during_another_writers_lock_gets_503_and_writes_nothing(seeded_app, editor):
    before = deals(seeded_app)
    csrf = token(editor, "/deals/new")
    path = make_url(seeded_app.config["TRACKER_DATABASE_URL"]).database
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")  # holds the write lock, as a long import would
        response = editor.post("/deals/new", data={"csrf_token": csrf, **DEAL})
        other.execute("ROLLBACK")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert "Busy, try again" in response.get_data(as_text=True)
    assert deals(seeded_app) == before
    again = post_form(editor, "/deals/new", DEAL)
    assert again.status_code == 302
    assert deals(seeded_app) == before + 1


def test_an_api_reader_is_not_held_up_by_a_writer(seeded_app):
    path = make_url(seeded_app.config["TRACKER_DATABASE_URL"]).database
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        response = seeded_app.test_client().get("/api/v1/deals")
        other.execute("ROLLBACK")
    assert response.status_code == 200
