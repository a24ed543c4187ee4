"""CLI: tracker jobs, scheduler, backup and restore."""

from __future__ import annotations

import logging
import signal
import sys
from dataclasses import replace
from pathlib import Path

import click
from apscheduler.schedulers.blocking import BlockingScheduler
from flask import current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy.exc import OperationalError, ProgrammingError

from tracker import db
from tracker.jobs import JobContext, job_specs, run
from tracker.jobs import backup as backups
from tracker.jobs.scheduler import SchedulerLocked, build, scheduled_jobs, take_lock
from tracker.models import JobRun

jobs_cli = AppGroup("jobs", help="Scheduled jobs: the schedule, and running one now.")


def _context() -> JobContext:
    return JobContext.from_config(current_app.config, db.engine())


@jobs_cli.command("list")
def jobs_list() -> None:
    """Print each scheduled job with its schedule (UTC)."""
    for spec in scheduled_jobs(current_app.config):
        when = ", ".join(f"{k}={v}" for k, v in spec.trigger.items() if k != "trigger")
        click.echo(f"{spec.name}\t{spec.trigger['trigger']} {when}\t{spec.description}")


@jobs_cli.command("run")
@click.argument("name")
def jobs_run(name: str) -> None:
    """Run job NAME once, now, and print its run record."""
    specs = job_specs(current_app.config["TRACKER_POLL_MINUTES"])
    if name not in specs:
        raise click.ClickException(
            f"no job named {name!r}; `tracker jobs list` shows them: {', '.join(specs)}"
        )
    ctx = _context()
    if sys.stderr.isatty():  # progress for a person watching; quiet in scripts and cron
        ctx = replace(ctx, progress=lambda line: click.echo(line, err=True))
    record = run(specs[name], ctx, trigger="manual")
    click.echo(format_run(record))
    if record.outcome != "ok":
        raise SystemExit(1)


def format_run(record: JobRun) -> str:
    """A run record as the CLI prints it: one summary line, then its message."""
    line = (
        f"run {record.id}: {record.job} ({record.trigger}) {record.outcome}; "
        f"seen {record.seen}, new {record.new}, skipped {record.skipped}, "
        f"errors {record.errors}; started {record.started_at:%Y-%m-%d %H:%M:%S}, "
        f"ended {record.ended_at:%H:%M:%S}"
    )
    return f"{line}\n{record.message}" if record.message else line


@click.command("scheduler")
@with_appcontext
def scheduler_command() -> None:
    """Run the scheduled jobs in this process until stopped (production: one, beside the web)."""
    try:
        lock = take_lock(Path(current_app.config["TRACKER_SCHEDULER_LOCK"]), db.engine())
    except SchedulerLocked as exc:
        raise click.ClickException(str(exc)) from exc
    # A service's log is its stderr: each run's start and end, and any job's traceback.
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    scheduler = build(
        BlockingScheduler(), _context(), scheduled_jobs(current_app.config), lock=lock
    )
    # SIGTERM (systemd, docker stop) ends the scheduler as cleanly as Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: scheduler.shutdown(wait=False))
    click.echo(f"scheduler: {len(scheduler.get_jobs())} jobs; Ctrl-C to stop", err=True)
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        lock.close()


@click.command("backup")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@with_appcontext
def backup_command(path: Path | None) -> None:
    """Copy the SQLite database to PATH (default: a new file in data/backups/)."""
    ctx = _context()
    try:
        if path is None:
            record = run(job_specs(current_app.config["TRACKER_POLL_MINUTES"])["backup"], ctx)
            if record.outcome != "ok":
                raise backups.BackupError(record.message or "the backup failed")
            path = max(ctx.backup_dir.glob(f"{backups.BACKUP_PREFIX}*.db"))
        else:
            backups.backup_to(ctx.database_url, path)
    except backups.BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"backed up to {path}")


@click.command("restore")
@click.argument("file", type=click.Path(path_type=Path))
@with_appcontext
def restore_command(file: Path) -> None:
    """Replace the SQLite database with backup FILE (the current one is kept beside the backups)."""
    ctx = _context()
    try:
        safety, revision = backups.restore_from(ctx.database_url, file, ctx.backup_dir)
    except backups.BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    _new_data_version()
    click.echo(f"restored {file}; the database as it was is in {safety}")
    if revision != backups.head_revision():
        click.echo(f"the backup is at schema revision {revision}: run `tracker db upgrade` now")


def _new_data_version() -> None:
    """Give the restored data a fresh version token and drop this process's pages. The token the
    backup brought back already names exactly its data; a fresh one also covers a backup file
    written by something that did not change the token."""
    from tracker import cache

    db.engine().dispose()  # pooled connections predate the copy
    try:
        with db.unit_of_work(db.engine()) as session:
            cache.versioning.bump(session)
    except (OperationalError, ProgrammingError):
        pass  # a backup older than the data version table: `tracker db upgrade` makes it
    cache.forget(current_app)


COMMANDS = (jobs_cli, scheduler_command, backup_command, restore_command)
