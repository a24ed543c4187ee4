"""Running a job once and recording the run in job_run, whatever happens inside it."""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracker.db import unit_of_work
from tracker.models import JobRun
from tracker.models.common import utcnow

log = logging.getLogger(__name__)

# A run's message lists what went wrong; past this many characters the rest is counted only.
MAX_MESSAGE_CHARS = 4000
# A run still "running" after this long died with its process (killed, power cut): ignore it.
MAX_RUN_HOURS = 6


@dataclass
class Counts:
    """What a run saw, added, skipped, and the errors it recorded and went past."""

    seen: int = 0
    new: int = 0
    skipped: int = 0
    errors: int = 0
    problems: list[str] = field(default_factory=list)

    def error(self, where: str, problem: object) -> None:
        """Record one error (a feed's, an entry's, a link's) and go on."""
        self.errors += 1
        self.problems.append(f"{where}: {problem}")


class HostRateLimit:
    """Waits so that two requests to one host are at least DELAY_S apart."""

    def __init__(self, delay_s: float) -> None:
        self.delay_s = delay_s
        self._last: dict[str, float] = defaultdict(lambda: float("-inf"))

    def wait(self, url: str) -> None:
        """Sleep until URL's host may be asked again, then note the request."""
        host = (urlsplit(url).hostname or "").lower()
        pause = self._last[host] + self.delay_s - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        self._last[host] = time.monotonic()


@dataclass(frozen=True)
class JobContext:
    """Everything a job needs, injected: no app, no globals."""

    engine: Engine
    database_url: str
    data_dir: Path
    backup_dir: Path
    backups_kept: int
    stale_months: int
    host_delay_s: float
    fetch_timeout_s: float
    # Networks fetched although not public (TRACKER_FETCH_ALLOW); empty: public addresses only.
    fetch_allow: tuple = ()
    # Called with a line of progress ("feed X: 12 entries"); the CLI shows it on a terminal.
    progress: Callable[[str], None] = lambda _line: None

    @classmethod
    def from_config(cls, config: Mapping[str, object], engine: Engine) -> JobContext:
        """The context for an app's config and engine."""
        return cls(
            engine=engine,
            database_url=str(config["TRACKER_DATABASE_URL"]),
            data_dir=Path(config["TRACKER_DATA_DIR"]),
            backup_dir=Path(config["TRACKER_BACKUP_DIR"]),
            backups_kept=int(config["TRACKER_BACKUPS_KEPT"]),
            stale_months=int(config["TRACKER_STALE_MONTHS"]),
            host_delay_s=float(config["TRACKER_HOST_DELAY_S"]),
            fetch_timeout_s=float(config["TRACKER_FETCH_TIMEOUT_S"]),
            fetch_allow=tuple(config.get("TRACKER_FETCH_ALLOW") or ()),
        )


JobFunction = Callable[[JobContext, Counts], None]


def run_job(name: str, func: JobFunction, ctx: JobContext, *, trigger: str) -> JobRun:
    """Run FUNC once as job NAME, recording start, end, outcome and counts.

    The job's own failure is recorded, not raised. A run of NAME still going in any process
    (say a scheduled poll while an editor clicks "Run now") makes this one an error run.
    """
    with unit_of_work(ctx.engine) as session:
        running = _running(session, name)
        run = JobRun(job=name, trigger=trigger, started_at=utcnow())
        session.add(run)
    counts = Counts()
    outcome, failure = "ok", None
    if running is not None:
        failure = (
            f"not run: run {running.id} of {name} is still going (started "
            f"{running.started_at:%Y-%m-%d %H:%M} UTC); try again when it ends"
        )
        return _finish(ctx.engine, run.id, "error", counts, failure)
    try:
        func(ctx, counts)
    except Exception as exc:  # a job's failure is recorded, never allowed to stop the scheduler
        log.exception("job %s failed", name)
        outcome, failure = "error", f"{type(exc).__name__}: {exc}"
    return _finish(ctx.engine, run.id, outcome, counts, failure)


def _running(session: Session, name: str) -> JobRun | None:
    """The run of NAME still going, if one started within MAX_RUN_HOURS (older: it crashed)."""
    since = utcnow() - timedelta(hours=MAX_RUN_HOURS)
    return session.exec(
        select(JobRun)
        .where(JobRun.job == name, JobRun.outcome == "running", JobRun.started_at > since)
        .order_by(JobRun.id.desc())
    ).first()


def _finish(engine: Engine, run_id: int, outcome: str, counts: Counts, failure: str | None):
    """Write the run's end in its own short transaction and return the record."""
    with unit_of_work(engine) as session:
        run = session.get(JobRun, run_id)
        run.ended_at = utcnow()
        run.outcome = outcome
        run.seen, run.new, run.skipped, run.errors = (
            counts.seen,
            counts.new,
            counts.skipped,
            counts.errors,
        )
        run.message = _message(failure, counts.problems)
    return run


def _message(failure: str | None, problems: list[str]) -> str | None:
    """The failure first, then recorded problems, cut at MAX_MESSAGE_CHARS with a count."""
    lines = ([failure] if failure else []) + problems
    if not lines:
        return None
    text, shown = "", 0
    for line in lines:
        if len(text) + len(line) + 1 > MAX_MESSAGE_CHARS:
            break
        text, shown = text + line + "\n", shown + 1
    if shown < len(lines):
        text += f"... and {len(lines) - shown} more\n"
    return text.rstrip("\n")
