"""Values derived from other records, kept up to date whenever those records are written."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlmodel import Session, select

from tracker.models import Deal, Event
from tracker.records.partial_dates import PartialDate, Precision, format_iso


def _span(start: date | None, precision: str | None) -> tuple[date, date] | None:
    if start is None:
        return None
    pd = PartialDate.parse(format_iso(start, precision or Precision.DAY))
    return pd.start, pd.end


def deal_range(deal: Deal, events) -> tuple[date | None, date | None]:
    """The first and last day of DEAL's key dates and of its EVENTS' (date, precision) pairs."""
    spans = [
        _span(getattr(deal, f"{n}_on"), getattr(deal, f"{n}_precision"))
        for n in ("announced", "signed", "effective", "ended")
    ]
    spans += [_span(d, p) for d, p in events]
    known = [s for s in spans if s is not None]
    first = min((s[0] for s in known), default=None)
    last = max((s[1] for s in known), default=None)
    return first, last


def refresh_deal_ranges(session: Session, deal_ids: Iterable[int] | None = None) -> None:
    """Set each deal's first and last date from its own key dates and its events."""
    query = select(Deal)
    if deal_ids is not None:
        query = query.where(Deal.id.in_(list(deal_ids)))
    for deal in session.exec(query).all():
        events = session.exec(
            select(Event.date, Event.date_precision).where(
                Event.deal_id == deal.id,
                Event.deleted == False,  # noqa: E712
            )
        ).all()
        first, last = deal_range(deal, events)
        if (deal.first_date, deal.last_date) != (first, last):
            deal.first_date, deal.last_date = first, last
            session.add(deal)
