"""The weekly link check: does each source's URL still answer? Polite, and recorded per source."""

from __future__ import annotations

from sqlalchemy import select

from tracker.db import unit_of_work
from tracker.fetching.web import FetchError, status_of
from tracker.jobs.runner import Counts, HostRateLimit, JobContext
from tracker.models import Source
from tracker.models.common import utcnow

# Statuses that mean the page is gone, not that the server is having a bad day.
GONE_STATUSES = frozenset({404, 410})


def check_sources(ctx: JobContext, counts: Counts) -> None:
    """Request every real source's URL (rate-limited per host) and record what it answered."""
    with unit_of_work(ctx.engine) as session:
        # Read the list and let go of the database: no transaction stays open across fetches.
        targets = session.execute(
            select(Source.id, Source.url, Source.link_dead)
            .where(Source.synthetic.is_(False))
            .order_by(Source.id)
        ).all()
    limit = HostRateLimit(ctx.host_delay_s)
    for number, (source_id, url, was_dead) in enumerate(targets, start=1):
        ctx.progress(f"source {number}/{len(targets)}: {url[:120]}")
        counts.seen += 1
        limit.wait(url)
        try:
            status, error = (
                status_of(url, timeout_s=ctx.fetch_timeout_s, allow=ctx.fetch_allow),
                None,
            )
        except FetchError as exc:
            status, error = None, str(exc)
            counts.error(url, exc)
        dead = status in GONE_STATUSES or status is None
        if status is not None and status >= 400:
            error = f"HTTP {status}"
        _record(ctx, source_id, status=status, dead=dead, error=error)
        if dead and not was_dead:
            counts.new += 1  # newly dead: an editor should look for an archive copy
        elif not dead:
            counts.skipped += 1


def _record(ctx: JobContext, source_id: int, *, status: int | None, dead: bool, error: str | None):
    """Write one source's result in its own short transaction."""
    with unit_of_work(ctx.engine) as session:
        source = session.get(Source, source_id)
        if source is None:  # deleted while we were checking
            return
        source.link_status = status
        source.link_checked_at = utcnow()
        source.link_dead = dead
        source.link_error = error[:500] if error else None
