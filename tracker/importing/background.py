"""Imports too large for one request: checked and written in a background thread of the web
process, with their progress kept in job_run (job "import:KIND") for /import to show.

The import itself is the same as in a request: every row checked first, then every row written
in one transaction, or nothing. Only the phase ("checking", "writing") is written while it runs,
each in its own short transaction before the write lock is taken, so progress never waits on
the import's own lock."""

from __future__ import annotations

import logging
import threading

from sqlalchemy import Engine, select
from sqlmodel import Session

from tracker.db import unit_of_work
from tracker.importing.run import import_csv
from tracker.models import JobRun
from tracker.models.common import utcnow

log = logging.getLogger(__name__)

JOB_PREFIX = "import:"
# Problems written into a failed run's message; the rest are counted.
MAX_PROBLEMS_SHOWN = 50
# Runs /import lists.
RECENT_RUNS = 10


def rows_in(data: bytes) -> int:
    """About how many rows a CSV holds (its lines less the header); enough to pick the path."""
    return max(0, data.count(b"\n") - 1)


def start(engine: Engine, *, kind: str, data: bytes, actor: str) -> int:
    """Record a running import of DATA and run it in a background thread; returns its run id."""
    with unit_of_work(engine) as session:
        run = JobRun(
            job=JOB_PREFIX + kind,
            trigger="manual",
            started_at=utcnow(),
            seen=rows_in(data),
            message=f"queued by {actor}",
        )
        session.add(run)
        session.flush()
        assert run.id is not None  # the flush gave it one
        run_id = run.id
    thread = threading.Thread(
        target=_run, args=(engine, run_id, kind, data, actor), name=f"import-{run_id}", daemon=True
    )
    thread.start()
    return run_id


def _note(engine: Engine, run_id: int, **fields) -> None:
    """Write FIELDS into the run record in a transaction of their own."""
    with unit_of_work(engine) as session:
        run = session.get(JobRun, run_id)
        for name, value in fields.items():
            setattr(run, name, value)


def _run(engine: Engine, run_id: int, kind: str, data: bytes, actor: str) -> None:
    _note(engine, run_id, message="checking every row")
    try:
        with unit_of_work(engine) as session:
            report = import_csv(
                session, kind=kind, data=data, actor=actor, before_writing=_writing(engine, run_id)
            )
            if not report.ok:
                session.rollback()
    except Exception as exc:  # recorded on the run: nobody waits on this thread to raise
        log.exception("import run %s failed", run_id)
        _note(engine, run_id, outcome="error", ended_at=utcnow(), message=f"failed: {exc}")
        return
    if report.ok:
        c = report.counts
        message = f"{c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged"
        _note(engine, run_id, outcome="ok", ended_at=utcnow(), new=c["created"],
              skipped=c["unchanged"], message=message)  # fmt: skip
        return
    lines = [f"row {p.row or 'file'}, {p.column}: {p.message}" for p in report.problems]
    more = len(lines) - MAX_PROBLEMS_SHOWN
    message = "nothing was written; " + "\n".join(lines[:MAX_PROBLEMS_SHOWN])
    if more > 0:
        message += f"\n... and {more} more"
    _note(engine, run_id, outcome="error", ended_at=utcnow(), errors=len(lines), message=message)


def _writing(engine: Engine, run_id: int):
    """The hook import_csv calls once every row has passed, before its first write."""
    return lambda rows: _note(engine, run_id, message=f"writing {rows} records")


def recent(session: Session) -> list[JobRun]:
    """The latest import runs, newest first."""
    return list(
        session.scalars(
            select(JobRun)
            .where(JobRun.job.startswith(JOB_PREFIX))
            .order_by(JobRun.id.desc())
            .limit(RECENT_RUNS)
        )
    )
