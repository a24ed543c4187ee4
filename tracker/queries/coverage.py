"""What the data holds as a whole: how many records, the period covered, when it last changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import false, func, select
from sqlmodel import Session

from tracker.models import AuditEntry, Deal, Event, Source
from tracker.queries import tallies
from tracker.queries.filters import Filter


@dataclass(frozen=True)
class Coverage:
    """Counts over every record (not the filter), the dated span, and the latest write."""

    deals: int
    export_controls: int
    shipments: int
    sources: int
    first: date | None
    last: date | None
    changed: datetime | None


def coverage(session: Session) -> Coverage:
    """Five small aggregate queries over the whole data."""
    kinds = dict(
        session.execute(
            select(Deal.kind, func.count()).where(Deal.deleted == false()).group_by(Deal.kind)
        ).all()
    )
    controls = kinds.pop("export_control", 0)
    # From shipment_tally (one row per deal), not a count over a million shipments.
    shipments = tallies.count_shipments(session, Filter())
    sources = session.scalar(select(func.count()).select_from(Source))
    first, last = session.execute(
        select(func.min(Event.date), func.max(Event.date)).where(Event.deleted == false())
    ).one()
    changed = session.scalar(select(func.max(AuditEntry.at)))
    return Coverage(
        deals=sum(kinds.values()),
        export_controls=controls,
        shipments=shipments or 0,
        sources=sources or 0,
        first=first,
        last=last,
        changed=changed,
    )
