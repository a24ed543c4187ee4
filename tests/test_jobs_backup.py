"""Backups: the online backup API, keeping the newest N, and a restore that refuses strangers."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing

import pytest
from sqlmodel import select

from tracker import db
from tracker.db import migrate
from tracker.models import Deal

# Writes the writer thread makes at most; it stops early once the backup is done.
WRITES = 500


@pytest.fixture(scope="session")
def databases(sqlite_databases):
    """SQLite's online backup API is what these tests are about; on PostgreSQL the commands
    point to pg_dump, which the last test shows."""
    return sqlite_databases


def deal_titles(app) -> list[str]:
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        return list(s.exec(select(Deal.title).order_by(Deal.id)))


def rename_first_deal(app, title: str) -> None:
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        deal = s.exec(select(Deal).order_by(Deal.id)).first()
        deal.title = title


def test_backup_then_restore_brings_the_data_back(seeded_app, tmp_path):
    runner = seeded_app.test_cli_runner()
    before = deal_titles(seeded_app)
    backup = tmp_path / "before.db"

    made = runner.invoke(args=["backup", str(backup)])
    rename_first_deal(seeded_app, "Changed after the backup")
    restored = runner.invoke(args=["restore", str(backup)])

    assert made.exit_code == 0, made.output
    assert restored.exit_code == 0, restored.output
    assert deal_titles(seeded_app) == before
    # The database as it was before the restore is kept, so a wrong restore can be undone.
    safety = next((tmp_path / "backups").glob("pre-restore-*.db"))
    with closing(sqlite3.connect(safety)) as conn:
        titles = [r[0] for r in conn.execute("SELECT title FROM deal ORDER BY id")]
    assert titles[0] == "Changed after the backup"


def test_restore_refuses_a_file_that_is_not_a_tracker_database(seeded_app, tmp_path):
    runner = seeded_app.test_cli_runner()
    text = tmp_path / "notes.db"
    text.write_text("not a database")
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE things (id INTEGER)")
        conn.commit()
    before = deal_titles(seeded_app)

    for path, reason in [
        (text, "is not a SQLite database"),
        (other, "is not a tracker database"),
        (tmp_path / "missing.db", "is not a file"),
    ]:
        result = runner.invoke(args=["restore", str(path)])
        assert result.exit_code != 0
        assert reason in result.output

    assert deal_titles(seeded_app) == before


def test_the_backup_job_keeps_the_newest_n(app, tmp_path):
    app.config["TRACKER_BACKUPS_KEPT"] = 2
    backups = tmp_path / "backups"
    backups.mkdir()
    for stamp in ("20250101-000000", "20250102-000000", "20250103-000000"):
        (backups / f"tracker-{stamp}.db").write_bytes(b"old")
    runner = app.test_cli_runner()

    result = runner.invoke(args=["jobs", "run", "backup"])

    assert result.exit_code == 0, result.output
    assert "backup (manual) ok; seen 4, new 1, skipped 2" in result.output
    kept = sorted(p.name for p in backups.glob("tracker-*.db"))
    assert kept[0] == "tracker-20250103-000000.db" and len(kept) == 2
    with closing(sqlite3.connect(backups / kept[1])) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def test_backup_refuses_to_overwrite(app, tmp_path):
    target = tmp_path / "exists.db"
    target.write_bytes(b"keep me")

    result = app.test_cli_runner().invoke(args=["backup", str(target)])

    assert result.exit_code != 0 and "exists already" in result.output
    assert target.read_bytes() == b"keep me"


def test_on_postgresql_backup_and_restore_say_use_pg_dump(app, tmp_path):
    app.config["TRACKER_DATABASE_URL"] = "postgresql+psycopg://u@127.0.0.1:5432/tracker"
    runner = app.test_cli_runner()

    for args in (["backup"], ["restore", str(tmp_path / "x.db")]):
        result = runner.invoke(args=args)
        assert result.exit_code != 0
        assert "use pg_dump" in result.output


def test_restore_refuses_a_backup_from_a_newer_schema_and_asks_to_upgrade_an_older_one(
    seeded_app, tmp_path
):
    runner = seeded_app.test_cli_runner()
    newer, older = tmp_path / "newer.db", tmp_path / "older.db"
    assert runner.invoke(args=["backup", str(newer)]).exit_code == 0
    with closing(sqlite3.connect(newer)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
    migrate.upgrade(f"sqlite:///{older}", "0001")  # a real backup from the first schema

    refused = runner.invoke(args=["restore", str(newer)])
    restored = runner.invoke(args=["restore", str(older)])

    assert refused.exit_code != 0
    assert "revision '9999', which this version of the tracker does not know" in refused.output
    assert restored.exit_code == 0, restored.output
    assert "run `tracker db upgrade` now" in restored.output


def test_a_backup_taken_while_a_writer_writes_is_whole_and_the_writer_never_fails(
    seeded_app, tmp_path
):
    errors: list[str] = []
    writing = threading.Event()
    stop = threading.Event()

    def write() -> None:
        for i in range(WRITES):
            try:
                rename_first_deal(seeded_app, f"Renamed {i}")
            except Exception as exc:
                errors.append(repr(exc))
            writing.set()
            if stop.is_set():
                return

    writer = threading.Thread(target=write)
    writer.start()
    writing.wait(30)
    result = seeded_app.test_cli_runner().invoke(args=["backup", str(tmp_path / "busy.db")])
    stop.set()
    writer.join(60)

    assert result.exit_code == 0, result.output
    assert errors == []
    with closing(sqlite3.connect(tmp_path / "busy.db")) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert (
            conn.execute("SELECT title FROM deal ORDER BY id").fetchone()[0].startswith("Renamed")
        )


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("ALTER TABLE deal DROP COLUMN ended_precision", "deal lacks ended_precision"),
        ("ALTER TABLE source ADD COLUMN smuggled TEXT", "source has unknown smuggled"),
        ("CREATE TABLE stowaway (id INTEGER)", "unknown table stowaway"),
        ("DROP TABLE job_run", "no table job_run"),
        # A backup of the newest schema labelled with the first revision: tables of 0001 differ.
        ("UPDATE alembic_version SET version_num = '0001'", "says schema revision 0001"),
    ],
)
def test_restore_compares_columns_with_the_backups_revision(seeded_app, tmp_path, change, reason):
    runner = seeded_app.test_cli_runner()
    backup = tmp_path / "altered.db"
    assert runner.invoke(args=["backup", str(backup)]).exit_code == 0
    with closing(sqlite3.connect(backup)) as conn:
        conn.execute(change)
        conn.commit()
    rename_first_deal(seeded_app, "Kept: the restore was refused")

    result = runner.invoke(args=["restore", str(backup)])

    assert result.exit_code != 0
    assert reason in result.output and "nothing was restored" in result.output
    assert deal_titles(seeded_app)[0] == "Kept: the restore was refused"
