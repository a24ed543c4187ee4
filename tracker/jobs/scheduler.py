"""APScheduler: building the schedule, one scheduler per data folder, and the dev-server hook."""

from __future__ import annotations

import atexit
import fcntl
import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from flask import Flask
from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from tracker.jobs import JobSpec, job_specs, run
from tracker.jobs.runner import JobContext

log = logging.getLogger(__name__)

# A run that starts this many seconds late (process busy or asleep) still runs; later it is
# skipped until the next fire time. An hour covers a laptop waking up after a nightly slot.
MISFIRE_GRACE_S = 3600
JOB_DEFAULTS = {
    # Runs missed while the process was down collapse into one, not a burst.
    "coalesce": True,
    # A slow poll never overlaps the next one: two would fetch and ingest the same entries.
    "max_instances": 1,
    "misfire_grace_time": MISFIRE_GRACE_S,
}


# pg_advisory_lock key of the scheduler: "tracker" in ASCII, unlikely to meet another app's.
ADVISORY_LOCK_KEY = int.from_bytes(b"tracker", "big")
# Seconds between two checks that the advisory lock is still held (a dropped connection loses
# it); each job checks before it runs too. A minute: a lost lock is noticed well before a poll.
LOCK_CHECK_S = 60
HEARTBEAT_JOB_ID = "scheduler_lock_check"
LOW_32 = 0xFFFFFFFF
# Whether this session holds the key (an advisory lock on a bigint shows as classid, objid).
_HOLDS_LOCK = text(
    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
    " AND pid = pg_backend_pid() AND classid = :high AND objid = :low AND objsubid = 1"
)


class SchedulerLocked(RuntimeError):
    """Another scheduler runs for this data folder; the message names the lock file."""


def scheduled_jobs(config: Mapping[str, Any]) -> list[JobSpec]:
    """The jobs this deployment schedules (backups only on SQLite: PostgreSQL uses pg_dump)."""
    sqlite = make_url(str(config["TRACKER_DATABASE_URL"])).get_backend_name() == "sqlite"
    specs = job_specs(config["TRACKER_POLL_MINUTES"]).values()
    return [spec for spec in specs if sqlite or not spec.sqlite_only]


def build(
    scheduler: BaseScheduler,
    ctx: JobContext,
    specs: list[JobSpec],
    triggers: Mapping[str, Mapping[str, Any]] | None = None,
    lock: SchedulerLock | None = None,
) -> BaseScheduler:
    """Add SPECS to SCHEDULER (TRIGGERS replace a job's schedule, e.g. in tests).

    With LOCK, every run first checks the lock is still held, and a heartbeat checks it every
    LOCK_CHECK_S: a scheduler that lost it runs nothing until it holds it again.
    """
    scheduler.configure(job_defaults=JOB_DEFAULTS, timezone="UTC")
    for spec in specs:
        trigger = dict((triggers or {}).get(spec.name, spec.trigger))
        scheduler.add_job(
            run_if_locked,
            args=(spec, ctx, lock),
            kwargs={"trigger": "scheduled"},
            id=spec.name,
            name=spec.description,
            replace_existing=True,
            **trigger,
        )
    if lock is not None and lock.on_database:
        scheduler.add_job(
            lock.ensure,
            "interval",
            seconds=LOCK_CHECK_S,
            id=HEARTBEAT_JOB_ID,
            name="check the scheduler still holds its lock",
            replace_existing=True,
        )
    scheduler.add_listener(_report, EVENT_JOB_ERROR | EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES)
    return scheduler


def run_if_locked(spec: JobSpec, ctx: JobContext, lock: SchedulerLock | None, **kwargs):
    """Run SPEC unless the scheduler lost its lock (then another scheduler may run it)."""
    if lock is not None and not lock.ensure():
        log.error("job %s not run: this scheduler does not hold its lock", spec.name)
        return None
    return run(spec, ctx, **kwargs)


def _report(event) -> None:
    """Log what the job log cannot show: runs skipped as missed or overlapping."""
    log.warning("job %s: APScheduler event %s", event.job_id, event.code)


class SchedulerLock:
    """The locks one scheduler holds for its life: the data folder's file, and on PostgreSQL
    an advisory lock, so schedulers on different hosts sharing the database exclude each other."""

    def __init__(self, handle, connection: Connection | None, engine: Engine | None = None):
        self._handle, self._connection, self._engine = handle, connection, engine
        self.held = True

    @property
    def on_database(self) -> bool:
        """Whether part of the lock lives in the database (PostgreSQL's advisory lock)."""
        return self._engine is not None

    def ensure(self) -> bool:
        """Whether the locks are still held, taking the advisory lock again if it was lost.

        The file lock lasts as long as the process. The advisory lock lasts as long as its
        connection: a dropped connection (database restart, idle timeout, a terminated backend)
        loses it, and another scheduler may take it. Until this one holds it again it schedules
        nothing, and says so in the log at every check.
        """
        if self._connection is None and self._engine is None:
            return True  # SQLite: the lock file alone, held for the life of the process
        if self._connection is not None and self._still_held():
            return True
        if self.held:
            log.error("scheduler lost its database advisory lock; no job runs until it is back")
        self.held = False
        self._drop_connection()
        try:
            self._connection = _lock_database(self._engine)
        except SchedulerLocked:
            log.error("scheduler paused: another scheduler holds the advisory lock now")
            return False
        except (SQLAlchemyError, OSError) as exc:
            log.error("scheduler paused: cannot reach the database to retake its lock (%s)", exc)
            return False
        log.warning("scheduler holds its database advisory lock again; jobs run again")
        self.held = True
        return True

    def _still_held(self) -> bool:
        try:
            count = self._connection.execute(
                _HOLDS_LOCK,
                {"high": ADVISORY_LOCK_KEY >> 32, "low": ADVISORY_LOCK_KEY & 0xFFFFFFFF},
            ).scalar()
            self._connection.commit()  # no transaction left open between checks
        except (SQLAlchemyError, OSError):
            return False
        return bool(count)

    def _drop_connection(self) -> None:
        if self._connection is not None:
            try:
                # Closing alone would return it to the pool with the lock still held.
                self._connection.invalidate()
                self._connection.close()
            except (SQLAlchemyError, OSError):
                pass  # already gone: that is why it is dropped
            self._connection = None

    def close(self) -> None:
        """Let both locks go (ending the connection ends its advisory lock)."""
        self._drop_connection()
        self._engine = None
        self._handle.close()


def take_lock(path: Path, engine: Engine | None = None) -> SchedulerLock:
    """Both scheduler locks; SchedulerLocked if another scheduler holds either."""
    handle = _lock_file(path)
    try:
        connection = _lock_database(engine) if engine is not None else None
    except SchedulerLocked:
        handle.close()
        raise
    return SchedulerLock(handle, connection, engine if connection is not None else None)


def _lock_file(path: Path):
    """An open file holding an exclusive lock on PATH, with our pid in it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+")  # noqa: SIM115  (held for the life of the scheduler)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise SchedulerLocked(
            f"another scheduler holds {path} (a `tracker scheduler` or a dev server with "
            "TRACKER_SCHEDULER=1); run only one per database"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    return handle


def _lock_database(engine: Engine) -> Connection | None:
    """On PostgreSQL, a connection holding the scheduler's advisory lock (None on SQLite)."""
    if engine.dialect.name != "postgresql":
        return None  # a SQLite file is on one host: the lock file beside it is enough
    connection = engine.connect()
    taken = connection.execute(
        text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY}
    ).scalar()
    # The lock belongs to the session and outlives the transaction; an open transaction held
    # for days would stop VACUUM from cleaning up.
    connection.commit()
    if not taken:
        connection.close()
        raise SchedulerLocked(
            "another scheduler holds this database's advisory lock (on this host or another); "
            "run only one per database"
        )
    return connection


def is_reloader_watcher(environ: Mapping[str, str]) -> bool:
    """Whether this is the reloader's watching process, which loads the app but never serves."""
    debug = environ.get("FLASK_DEBUG", "").lower() in ("1", "true", "yes", "on")
    return debug and environ.get("WERKZEUG_RUN_MAIN") != "true"


def init_app(app: Flask, environ: Mapping[str, str] | None = None) -> None:
    """With TRACKER_SCHEDULER on, run the jobs in this process (the development server)."""
    if not app.config.get("TRACKER_SCHEDULER"):
        return
    if is_reloader_watcher(os.environ if environ is None else environ):
        return  # the reloader's child process starts it
    try:
        lock = take_lock(
            Path(app.config["TRACKER_SCHEDULER_LOCK"]), app.extensions["tracker.engine"]
        )
    except SchedulerLocked as exc:
        log.warning("scheduler not started here: %s", exc)
        return
    ctx = JobContext.from_config(app.config, app.extensions["tracker.engine"])
    scheduler = build(BackgroundScheduler(daemon=True), ctx, scheduled_jobs(app.config), lock=lock)
    scheduler.start()
    app.extensions["tracker.scheduler"] = scheduler
    app.extensions["tracker.scheduler_lock"] = lock
    atexit.register(_stop, scheduler, lock)


def _stop(scheduler: BaseScheduler, lock: SchedulerLock) -> None:
    """Stop the scheduler without waiting for a running job, then let the lock go."""
    if scheduler.running:
        scheduler.shutdown(wait=False)
    lock.close()
