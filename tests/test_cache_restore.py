"""A restore can never make the cache serve numbers of other data. Backup and restore are
SQLite's (PostgreSQL deployments use pg_dump), so these run on SQLite only."""

from __future__ import annotations

import pytest

from tests.dashboard_helpers import add_deals, count
from tests.test_cache_version import deals_in_database, version


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
