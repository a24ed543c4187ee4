"""Asking about deals that have gone quiet: a "stalled?" review flag, never a status change."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy import func, select
from sqlmodel import Session

from tracker.db import unit_of_work
from tracker.jobs.runner import Counts, JobContext
from tracker.models import Deal, Event, ReviewFlag

STALLED_FLAG = "stalled?"
# Deals in these states are finished or already known to be stalled: silence is expected.
QUIET_STATUSES = ("completed", "cancelled", "stalled")


def months_before(day: date, months: int) -> date:
    """The same day MONTHS earlier (clamped to the month's end: 31 March - 1 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for dom in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, dom)
        except ValueError:
            continue
    raise AssertionError("every month has a 28th")


def quiet_deals(session: Session, cutoff: date) -> list[tuple[Deal, date | None]]:
    """Live deals whose latest event (or, without events, latest date) is before CUTOFF."""
    latest = (
        select(Event.deal_id, func.max(Event.date).label("last_event"))
        .where(Event.deal_id.is_not(None), Event.deleted.is_(False))
        .group_by(Event.deal_id)
        .subquery()
    )
    last = func.coalesce(latest.c.last_event, Deal.last_date)
    rows = session.execute(
        select(Deal, last)
        .outerjoin(latest, latest.c.deal_id == Deal.id)
        .where(Deal.deleted.is_(False), Deal.status.not_in(QUIET_STATUSES))
        .where(last.is_(None) | (last < cutoff))
        .order_by(Deal.id)
    )
    return [(deal, last_date) for deal, last_date in rows]


def _asked_already(session: Session, cutoff: date) -> set[int]:
    """Deals with an open "stalled?" flag, or one an editor dismissed after CUTOFF."""
    recent = datetime.combine(cutoff, time.min, tzinfo=UTC)
    return set(
        session.scalars(
            select(ReviewFlag.record_id).where(
                ReviewFlag.record_type == "deal",
                ReviewFlag.kind == STALLED_FLAG,
                ReviewFlag.resolved_at.is_(None) | (ReviewFlag.resolved_at > recent),
            )
        )
    )


def flag_stale_deals(ctx: JobContext, counts: Counts, *, today: date | None = None) -> None:
    """Flag every quiet deal once; a flag open, or dismissed less than N months ago, stands."""
    cutoff = months_before(today or date.today(), ctx.stale_months)
    with unit_of_work(ctx.engine) as session:
        flagged = _asked_already(session, cutoff)
        for deal, last in quiet_deals(session, cutoff):
            counts.seen += 1
            if deal.id in flagged:
                counts.skipped += 1
                continue
            since = f"since {last.isoformat()}" if last else "ever"
            months = f"{ctx.stale_months} month{'' if ctx.stale_months == 1 else 's'}"
            reason = f"no event {since} (more than {months}); status {deal.status}"
            session.add(
                ReviewFlag(record_type="deal", record_id=deal.id, kind=STALLED_FLAG, reason=reason)
            )
            counts.new += 1
