"""Export controls: not deals with a value but rules, listed with what they control, who
imposes them, since when, and when they were suspended or ended."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy import false, select
from sqlmodel import Session

from tracker.models import Event
from tracker.queries.deals import DealRow, count_deals, list_deals
from tracker.queries.filters import Filter

KIND = "export_control"
# Events that pause or lift a control.
SUSPENDING_EVENTS = ("suspension",)


@dataclass
class ControlRow:
    """One export control with the events that suspended it."""

    row: DealRow
    suspensions: list[Event] = field(default_factory=list)


def control_filter(f: Filter) -> Filter | None:
    """The Filter narrowed to export controls; None when it asks for other kinds only."""
    if f.kind and KIND not in f.kind:
        return None
    return replace(f, kind=(KIND,))


def count_controls(session: Session, f: Filter) -> int:
    """How many export controls the Filter selects."""
    narrowed = control_filter(f)
    return 0 if narrowed is None else count_deals(session, narrowed)


def list_controls(session: Session, f: Filter) -> list[ControlRow]:
    """One page of export controls with their suspension events (two more queries)."""
    narrowed = control_filter(f)
    if narrowed is None:
        return []
    rows = {r.deal.id: ControlRow(r) for r in list_deals(session, narrowed)}
    if rows:
        for event in session.scalars(
            select(Event)
            .where(Event.deal_id.in_(rows), Event.kind.in_(SUSPENDING_EVENTS))
            .where(Event.deleted == false())
            .order_by(Event.date)
        ):
            rows[event.deal_id].suspensions.append(event)
    return list(rows.values())
