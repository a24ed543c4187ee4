"""A word's hits in the shipments' descriptions are counted once per state of that text
(tracker.queries.word_hits), on SQLite and PostgreSQL: a write elsewhere keeps the count, and
every change to a description, through the ORM or plain SQL, makes the next search count again
(a restore too: tests/test_cache_restore.py, SQLite's)."""

from __future__ import annotations

import importlib

import pytest
from sqlalchemy import select, text, update

from tests.dashboard_helpers import QueryCounter
from tests.test_search_selecting_everything import _api, _live
from tracker import db
from tracker.cache import versioning
from tracker.models import DataVersion, Deal, Shipment
from tracker.queries import search, word_hits

# The statement that counts a word's hits in the descriptions, on each database.
COUNTING = (
    "SELECT count(*) FROM shipment_fts WHERE shipment_fts MATCH",
    "SELECT count(*) FROM shipment WHERE deleted = false AND",
)


@pytest.fixture
def demo(app):
    args = ["demo-data", "--deals", "8", "--shipments", "60", "--seed", "3"]
    assert app.test_cli_runner().invoke(args=args).exit_code == 0
    word_hits.forget()
    return app


def _counts(app, client, query: str) -> tuple[int, int]:
    """(the API's total for QUERY, how many times the request counted a word's hits); the page
    must have been computed, not read from the page cache (where nothing is counted either)."""
    with QueryCounter(app.extensions["tracker.engine"]) as counter:
        total = _api(client, query)[0]
    assert any("FROM shipment_tally" in s for s in counter.statements), "served from the cache"
    return total, sum(s.startswith(COUNTING) for s in counter.statements)


def _write(app, statement) -> None:
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        s.execute(statement)
        versioning.bump(s)


def test_a_deal_write_keeps_the_count_a_description_write_does_not(demo):
    client = demo.test_client()
    live = _live(demo)
    assert _counts(demo, client, "q=consignment+cobalt")[1] >= 1
    _write(demo, update(Deal).where(Deal.id == 1).values(title="Renamed deal"))
    total, counted = _counts(demo, client, "q=consignment+cobalt")
    assert counted == 0 and total == _api(client, "q=cobalt")[0]
    # The ORM changes one description: "consignment" is no longer in every live shipment.
    with demo.app_context(), db.unit_of_work(db.engine()) as s:
        s.get(Shipment, 2).description = "kestrel ore"
        versioning.bump(s)
    total, counted = _counts(demo, client, "q=consignment")
    assert counted >= 1 and total == live - 1


def test_plain_sql_on_the_descriptions_changes_the_token(demo):
    client = demo.test_client()
    live = _live(demo)
    assert _api(client, "q=consignment")[0] == live
    with demo.app_context():
        before = db.get_session().scalar(text("SELECT shipment_text FROM data_version"))
    # Past the ORM and its events: only the triggers see this write.
    with demo.app_context(), db.engine().begin() as connection:
        connection.exec_driver_sql("UPDATE shipment SET description = 'kestrel' WHERE id = 3")
        connection.execute(update(DataVersion).values(version=versioning.new_token()))
    with demo.app_context():
        assert db.get_session().scalar(text("SELECT shipment_text FROM data_version")) != before
    assert _api(client, "q=consignment")[0] == live - 1


def test_the_revision_builds_the_triggers_the_app_describes():
    sqlite = importlib.import_module("tracker.migrations.versions.0026_shipment_text_token")
    assert sqlite.text_token_triggers() == search.text_token_triggers()
    pg = importlib.import_module("tracker.migrations.versions.0027_pg_shipment_text_token")
    assert pg.pg_text_token_trigger() == search.pg_text_token_trigger()


def test_a_shipment_inserted_or_deleted_changes_the_token(demo):
    def token() -> int:
        with demo.app_context():
            return db.get_session().scalar(select(DataVersion.shipment_text))

    seen = [token()]
    with demo.app_context(), db.engine().begin() as connection:
        connection.exec_driver_sql("DELETE FROM shipment_item WHERE shipment_id = 5")
        connection.exec_driver_sql("DELETE FROM shipment WHERE id = 5")
    seen.append(token())
    assert len(set(seen)) == 2


def test_postgresql_draws_the_token_as_the_transaction_commits(demo):
    """PostgreSQL draws the token at the commit, when the page cache's own bump already holds
    the data_version row (drawn at each statement, it took that row before the rest of the
    flush's writes: search.pg_text_token_trigger); SQLite's triggers draw it at once (one
    writer at a time). Either way it has changed once the transaction is committed."""
    with demo.app_context():
        before = db.get_session().scalar(select(DataVersion.shipment_text))
        with db.engine().begin() as connection:
            deferred = connection.dialect.name == "postgresql"
            connection.exec_driver_sql("UPDATE shipment SET description = 'kestrel' WHERE id = 3")
            connection.exec_driver_sql("UPDATE shipment SET deleted = true WHERE id = 4")
            inside = connection.execute(select(DataVersion.shipment_text)).scalar()
            assert (inside == before) == deferred
        after = db.get_session().scalar(select(DataVersion.shipment_text))
    assert after not in (before, 0)
