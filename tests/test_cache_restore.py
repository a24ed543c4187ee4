"""A restore can never make the cache serve numbers of other data. Backup and restore are
SQLite's (PostgreSQL deployments use pg_dump), so these run on SQLite only."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from tests.dashboard_helpers import add_deals, count
from tests.test_cache_version import deals_in_database, version
from tests.test_search_selecting_everything import _api, _live
from tests.test_word_hits import _write
from tracker.models import Shipment
from tracker.queries import word_hits


@pytest.fixture(scope="session")
def databases(sqlite_databases):
    return sqlite_databases


def test_restore_never_serves_pages_of_other_data(seeded_app, tmp_path):
    client, runner = seeded_app.test_client(), seeded_app.test_cli_runner()
    backup = tmp_path / "backup.db"
    assert runner.invoke(args=["backup", str(backup)]).exit_code == 0
    add_deals(seeded_app, 2, prefix="after")
    assert count(client.get("/").get_data(True), "deals") == deals_in_database(seeded_app)
    result = runner.invoke(args=["restore", str(backup)])
    assert result.exit_code == 0, result.output
    assert count(client.get("/").get_data(True), "deals") == deals_in_database(seeded_app)
    # One write after the restore: a counter would now be back at a number cached above.
    add_deals(seeded_app, 1, prefix="later")
    assert count(client.get("/").get_data(True), "deals") == deals_in_database(seeded_app)


def test_restored_versions_are_fresh_tokens(seeded_app, tmp_path):
    runner = seeded_app.test_cli_runner()
    backup = tmp_path / "backup.db"
    runner.invoke(args=["backup", str(backup)])
    seen = {version(seeded_app)}
    add_deals(seeded_app, 1, prefix="x")
    seen.add(version(seeded_app))
    assert runner.invoke(args=["restore", str(backup)]).exit_code == 0
    assert version(seeded_app) not in seen


def test_a_restore_brings_back_the_count_of_the_restored_text(app, tmp_path):
    """A word's count is kept under the descriptions' token (tracker.queries.word_hits).
    Restored: a text in which the word is missing from one shipment, while the count last made
    (before the restore) had it in every one; taking that count would list them all."""
    args = ["demo-data", "--deals", "8", "--shipments", "60", "--seed", "3"]
    assert app.test_cli_runner().invoke(args=args).exit_code == 0
    word_hits.forget()
    client, runner = app.test_client(), app.test_cli_runner()
    live = _live(app)
    _write(app, update(Shipment).where(Shipment.id == 4).values(description="kestrel"))
    backup = tmp_path / "backup.db"
    assert runner.invoke(args=["backup", str(backup)]).exit_code == 0
    _write(app, update(Shipment).where(Shipment.id == 4).values(description="consignment"))
    assert _api(client, "q=consignment")[0] == live
    assert runner.invoke(args=["restore", str(backup)]).exit_code == 0
    assert _api(client, "q=consignment")[0] == live - 1
