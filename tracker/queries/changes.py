"""Records the Filter selects, most recently written first: what a feed reader is told of."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from tracker.models import Deal, Event, Shipment
from tracker.queries.conditions import deal_conditions, event_conditions, shipment_conditions
from tracker.queries.filters import Filter

# A feed reader wants the latest changes, not the archive.
FEED_ENTRIES = 50


@dataclass(frozen=True)
class Change:
    """One record as a feed entry: what it is, when it was written, and whether it is new."""

    kind: str  # deal, shipment or event
    slug: str
    title: str
    summary: str
    created_at: datetime
    updated_at: datetime
    deal_slug: str | None

    @property
    def is_new(self) -> bool:
        return self.updated_at <= self.created_at


def recent_changes(session: Session, f: Filter, limit: int = FEED_ENTRIES) -> list[Change]:
    """The LIMIT most recently written deals, shipments and events the Filter selects."""
    changes: list[Change] = []
    for deal in session.scalars(_latest(Deal, deal_conditions(f), limit)):
        changes.append(
            Change("deal", deal.slug, deal.title, deal.summary or "", *_stamps(deal), deal.slug)
        )
    for shipment, deal_slug in session.execute(
        _latest(Shipment, shipment_conditions(f), limit)
        .add_columns(Deal.slug)
        .outerjoin(Deal, Deal.id == Shipment.deal_id)
    ):
        title = shipment.description or shipment.slug
        changes.append(Change("shipment", shipment.slug, title, "", *_stamps(shipment), deal_slug))
    for event, deal_slug in session.execute(
        _latest(Event, event_conditions(f), limit)
        .add_columns(Deal.slug)
        .outerjoin(Deal, Deal.id == Event.deal_id)
    ):
        changes.append(Change("event", event.slug, event.summary, "", *_stamps(event), deal_slug))
    changes.sort(key=lambda c: (c.updated_at, c.kind, c.slug), reverse=True)
    return changes[:limit]


def _latest(model, conditions, limit: int):
    return (
        select(model)
        .where(*conditions)
        .order_by(model.updated_at.desc(), model.id.desc())
        .limit(limit)
    )


def _stamps(record) -> tuple[datetime, datetime]:
    return _aware(record.created_at), _aware(record.updated_at)


def _aware(moment: datetime) -> datetime:
    """SQLite hands timestamps back without their zone; they were written in UTC."""
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
