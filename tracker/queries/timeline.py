"""The timeline chart's rows: deals as spans and events as dated marks, both bounded."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlmodel import Session

from tracker.models import Citation, Deal, Event, Shipment, Source
from tracker.queries.conditions import deal_conditions, event_conditions
from tracker.queries.filters import Filter

# Rows a timeline can show and still be read; the most recent deals win, and the page says so.
MAX_TIMELINE_DEALS = 60
COMPACT_TIMELINE_DEALS = 12
# Markers per chart: a browser draws thousands of SVG points slowly, and nobody reads them.
MAX_TIMELINE_EVENTS = 600


@dataclass(frozen=True)
class SpanRow:
    """A deal drawn from its first to its latest dated thing."""

    slug: str
    title: str
    kind: str
    status: str
    first: date
    last: date
    # Who states it: the publishers of the deal's sources, for the hover.
    publishers: str = ""


@dataclass(frozen=True)
class MarkRow:
    """An event at its date and precision, on its deal's row (or none), with its source count."""

    slug: str
    deal_slug: str | None
    kind: str
    summary: str
    on: date
    precision: str
    sources: int
    publishers: str = ""


@dataclass(frozen=True)
class TimelineRows:
    """What a timeline chart draws, and how many deals and events it had to leave out."""

    spans: list[SpanRow]
    marks: list[MarkRow]
    deals_total: int
    events_total: int


def timeline_rows(
    session: Session, f: Filter, *, max_deals: int = MAX_TIMELINE_DEALS
) -> TimelineRows:
    """The latest MAX_DEALS dated deals the Filter selects, and their (or unattached) events."""
    dated = [*deal_conditions(f), Deal.first_date.is_not(None)]
    deals_total = session.scalar(select(func.count()).select_from(Deal).where(*dated)) or 0
    spans = [
        SpanRow(*r)
        for r in session.execute(
            select(Deal.slug, Deal.title, Deal.kind, Deal.status, Deal.first_date, Deal.last_date)
            .where(*dated)
            .order_by(Deal.last_date.desc(), Deal.id.desc())
            .limit(max_deals)
        ).all()
    ]
    marks, events_total = _marks(session, f, [s.slug for s in spans])
    spans = _named(session, "deal", Deal, spans)
    marks = _named(session, "event", Event, marks)
    return TimelineRows(spans, marks, deals_total, events_total)


def _named(session: Session, record_type: str, model, rows: list) -> list:
    """ROWS with the publishers of their sources (one query for all of them)."""
    if not rows:
        return rows
    found: dict[str, list[str]] = {}
    for slug, publisher in session.execute(
        select(model.slug, Source.publisher)
        .distinct()
        .join(Citation, (Citation.record_id == model.id) & (Citation.record_type == record_type))
        .join(Source, Source.id == Citation.source_id)
        .where(model.slug.in_([r.slug for r in rows]))
        .order_by(model.slug, Source.publisher)
    ):
        found.setdefault(slug, []).append(publisher)
    return [replace(r, publishers=", ".join(found.get(r.slug, []))) for r in rows]


def _marks(session: Session, f: Filter, slugs: list[str]) -> tuple[list[MarkRow], int]:
    """Events of the deals shown (directly or through a shipment), and events of no deal."""
    # Correlated to the outer event explicitly: nested in deal_slug below, SQLAlchemy would
    # otherwise put a second, uncorrelated event into its FROM (a scan of every event per row).
    ship_deal = (
        select(Shipment.deal_id)
        .where(Shipment.id == Event.shipment_id)
        .correlate(Event)
        .scalar_subquery()
    )
    deal_id = func.coalesce(Event.deal_id, ship_deal)
    shown = select(Deal.id).where(Deal.slug.in_(slugs))
    # coalesce(deal_id, ship_deal) in SHOWN or null, written so that the event's own deal_id
    # is looked up in its index (a few hundred events) instead of testing every selected event.
    of_shown = or_(
        Event.deal_id.in_(shown),
        and_(Event.deal_id.is_(None), or_(ship_deal.in_(shown), ship_deal.is_(None))),
    )
    sources = (
        select(func.count(func.distinct(Citation.source_id)))
        .where(Citation.record_type == "event", Citation.record_id == Event.id)
        .scalar_subquery()
    )
    where = [*event_conditions(f), of_shown]
    total = session.scalar(select(func.count()).select_from(Event).where(*where)) or 0
    deal_slug = select(Deal.slug).where(Deal.id == deal_id).scalar_subquery()
    rows = session.execute(
        select(
            Event.slug,
            deal_slug,
            Event.kind,
            Event.summary,
            Event.date,
            Event.date_precision,
            sources,
        )
        .where(*where)
        .order_by(Event.date.desc(), Event.id.desc())
        .limit(MAX_TIMELINE_EVENTS)
    ).all()
    return [MarkRow(*r) for r in reversed(rows)], total
