"""Scheduled jobs: the one place that lists every job, its schedule and how to run it once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tracker.jobs.backup import backup_job
from tracker.jobs.links import check_sources
from tracker.jobs.polling import poll_feeds
from tracker.jobs.runner import Counts, JobContext, JobFunction, run_job
from tracker.jobs.stale import flag_stale_deals
from tracker.models import JobRun


@dataclass(frozen=True)
class JobSpec:
    """A job: its function, what it does, and its APScheduler trigger arguments."""

    name: str
    func: JobFunction
    description: str
    trigger: Mapping[str, Any] = field(default_factory=dict)
    sqlite_only: bool = False


def job_specs(poll_minutes: float) -> dict[str, JobSpec]:
    """Every job by name, with its schedule (UTC)."""
    specs = [
        JobSpec(
            "poll_feeds",
            poll_feeds,
            "read the news feeds and put new articles on tracked commodities in the inbox",
            {"trigger": "interval", "minutes": poll_minutes},
        ),
        JobSpec(
            "check_sources",
            check_sources,
            "request every source URL and flag dead links",
            {"trigger": "cron", "day_of_week": "sun", "hour": 3, "minute": 0},
        ),
        JobSpec(
            "backup",
            backup_job,
            "copy the SQLite database into the backup folder, keeping the newest",
            {"trigger": "cron", "hour": 2, "minute": 30},
            sqlite_only=True,
        ),
        JobSpec(
            "flag_stale_deals",
            flag_stale_deals,
            "flag deals with no recent event as 'stalled?' for review",
            {"trigger": "cron", "hour": 4, "minute": 0},
        ),
    ]
    return {spec.name: spec for spec in specs}


def run(spec: JobSpec, ctx: JobContext, *, trigger: str = "manual") -> JobRun:
    """Run one job once now and return its recorded run."""
    return run_job(spec.name, spec.func, ctx, trigger=trigger)


__all__ = ["Counts", "JobContext", "JobSpec", "job_specs", "run"]
