"""Backups of the SQLite database with SQLite's online backup API, and restoring one."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from tracker.jobs.runner import Counts, JobContext

BACKUP_PREFIX = "tracker-"
PG_DUMP_ADVICE = (
    "backups here use SQLite's backup API; on PostgreSQL use pg_dump instead, e.g. "
    "`pg_dump --format=custom --file=tracker.dump DBNAME` and restore with "
    "`pg_restore --clean --if-exists --dbname=DBNAME tracker.dump`"
)
# Tables every tracker database has, whatever its migration: a file without them is not ours.
REQUIRED_TABLES = frozenset({"alembic_version", "deal", "source", "event"})
SQLITE_MAGIC = b"SQLite format 3\x00"
# Copy every page in one step. In steps, any write to the source between two steps restarts
# the copy from the start (Python also sleeps 250 ms between steps), so a busy database might
# never finish. One step reads one WAL snapshot, which does not block writers, and is fast
# (DESIGN.md: 215 MB in about 0.5 s); as a restore's target it holds writers for that long.
BACKUP_PAGES_PER_STEP = -1


class BackupError(Exception):
    """A backup or restore could not be done; the message says what to do."""


def sqlite_path(database_url: str) -> Path:
    """The file of a SQLite URL; BackupError (with pg_dump advice) for any other database."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        raise BackupError(PG_DUMP_ADVICE)
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory database cannot be backed up; use a file database")
    return Path(url.database)


def backup_to(database_url: str, target: Path) -> Path:
    """Copy the live database to TARGET (which must not exist) without stopping writers."""
    source = sqlite_path(database_url)
    if target.exists():
        raise BackupError(f"{target} exists already; choose a new file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    _copy(source, partial)
    os.replace(partial, target)  # the backup appears whole or not at all
    return target


def backup_job(ctx: JobContext, counts: Counts) -> None:
    """Nightly: a timestamped backup into the backup folder, keeping the newest N."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    backup_to(ctx.database_url, ctx.backup_dir / f"{BACKUP_PREFIX}{stamp}.db")
    counts.new += 1
    backups = sorted(ctx.backup_dir.glob(f"{BACKUP_PREFIX}*.db"))
    counts.seen = len(backups)
    for old in backups[: max(0, len(backups) - ctx.backups_kept)]:
        old.unlink()
        counts.skipped += 1  # deleted: older than the newest backups_kept


def check_backup(path: Path) -> str:
    """PATH's schema revision; refuses anything but an intact SQLite tracker database."""
    if not path.is_file():
        raise BackupError(f"{path} is not a file; give the path of a backup (data/backups/)")
    with open(path, "rb") as fh:
        if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise BackupError(f"{path} is not a SQLite database; nothing was restored")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        revision = _revision(conn) if "alembic_version" in tables else None
        columns = table_columns(conn)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} cannot be read ({exc}); nothing was restored") from exc
    finally:
        conn.close()
    missing = REQUIRED_TABLES - tables
    if missing:
        raise BackupError(
            f"{path} is not a tracker database (no {', '.join(sorted(missing))}); nothing was "
            "restored"
        )
    if check != "ok":
        raise BackupError(f"{path} is damaged ({check}); try an older backup")
    if revision not in known_revisions():
        raise BackupError(
            f"{path} is at schema revision {revision!r}, which this version of the tracker does "
            "not know (a newer one made it); restore it with that version"
        )
    differences = schema_differences(schema_of(revision), columns)
    if differences:
        raise BackupError(
            f"{path} says schema revision {revision} but its tables differ from that "
            f"revision's: {'; '.join(differences)}; nothing was restored"
        )
    return revision


def table_columns(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """Each table's column names (SQLite's own tables left out)."""
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite\\_%' "
            "ESCAPE '\\'"
        )
    ]
    # pragma_table_info takes the name as a parameter: a hostile file's names are never SQL.
    return {
        name: {r[0] for r in conn.execute("SELECT name FROM pragma_table_info(?)", (name,))}
        for name in names
    }


def schema_of(revision: str) -> dict[str, set[str]]:
    """The tables and columns a database at REVISION has: an empty one migrated to it."""
    from tracker.db import migrate

    with tempfile.TemporaryDirectory(prefix="tracker-schema-") as folder:
        path = Path(folder) / "schema.db"
        migrate.upgrade(f"sqlite:///{path}", revision)
        conn = sqlite3.connect(path)
        try:
            return table_columns(conn)
        finally:
            conn.close()


def schema_differences(expected: dict[str, set[str]], found: dict[str, set[str]]) -> list[str]:
    """What FOUND lacks or has beyond EXPECTED, table by table, in words."""
    words = []
    for table in sorted(expected.keys() | found.keys()):
        if table not in found:
            words.append(f"no table {table}")
        elif table not in expected:
            words.append(f"unknown table {table}")
        else:
            lacking = sorted(expected[table] - found[table])
            extra = sorted(found[table] - expected[table])
            if lacking:
                words.append(f"{table} lacks {', '.join(lacking)}")
            if extra:
                words.append(f"{table} has unknown {', '.join(extra)}")
    return words


def _revision(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def _scripts():
    from alembic.script import ScriptDirectory

    from tracker.db.migrate import MIGRATIONS_DIR

    return ScriptDirectory(str(MIGRATIONS_DIR))


def known_revisions() -> set[str]:
    """Every schema revision in this version's migrations."""
    return {rev.revision for rev in _scripts().walk_revisions()}


def head_revision() -> str:
    """The newest schema revision this version knows."""
    return _scripts().get_current_head()


def restore_from(database_url: str, backup: Path, safety_dir: Path) -> tuple[Path, str]:
    """Replace the live database with BACKUP in one transaction: (safety copy, its revision)."""
    target = sqlite_path(database_url)
    revision = check_backup(backup)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    safety = backup_to(database_url, safety_dir / f"pre-restore-{stamp}.db")
    # The backup API writes the destination in one transaction: readers see old or new, never
    # half; it also goes through SQLite, so the live WAL file stays consistent (a file copy
    # over a WAL database would not).
    _copy(backup, target)
    return safety, revision


def _copy(source: Path, target: Path) -> None:
    """Copy database SOURCE into TARGET with the online backup API."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst, pages=BACKUP_PAGES_PER_STEP)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"copying {source} failed ({exc}); nothing was replaced") from exc
    finally:
        dst.close()
        src.close()
