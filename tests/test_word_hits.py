"""A word's hits in the shipments' descriptions are counted once per state of that text
(tracker.queries.word_hits, SQLite): a write elsewhere keeps the count, and every change to a
description, through the ORM, plain SQL or a restore, makes the next search count again."""

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

COUNTING = "SELECT count(*) FROM shipment_fts WHERE shipment_fts MATCH"


@pytest.fixture(scope="session")
def databases(sqlite_databases):
    return sqlite_databases  # the count is remembered on SQLite only


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
    return total, sum(COUNTING in s for s in counter.statements)


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


def test_a_restore_brings_back_the_count_of_the_restored_text(demo, tmp_path):
    """Restored: a text in which the word is missing from one shipment, while the count last
    made (before the restore) had it in every one; taking that count would list them all."""
    client, runner = demo.test_client(), demo.test_cli_runner()
    live = _live(demo)
    _write(demo, update(Shipment).where(Shipment.id == 4).values(description="kestrel"))
    backup = tmp_path / "backup.db"
    assert runner.invoke(args=["backup", str(backup)]).exit_code == 0
    _write(demo, update(Shipment).where(Shipment.id == 4).values(description="consignment"))
    assert _api(client, "q=consignment")[0] == live
    assert runner.invoke(args=["restore", str(backup)]).exit_code == 0
    assert _api(client, "q=consignment")[0] == live - 1


def test_the_revision_builds_the_triggers_the_app_describes():
    revision = importlib.import_module("tracker.migrations.versions.0026_shipment_text_token")
    assert revision.text_token_triggers() == search.text_token_triggers()


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
