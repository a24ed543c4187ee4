"""The one writer: create, update, upsert, soft-delete and revert any record, each change
written to the audit history with its actor. Forms, imports, the seed and the inbox all write
through it (demo-data alone bulk-loads through the driver, under its own actor).

Data functions: they take the session and the actor, flush, and never commit (the request or
command that called them does, once)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import func, or_, select
from sqlmodel import Session, SQLModel

from tracker.models import (
    AuditEntry,
    Citation,
    Deal,
    DealParty,
    Event,
    EventParty,
    Party,
    Shipment,
    Source,
)
from tracker.models.common import utcnow
from tracker.records import audit
from tracker.records.derived import refresh_deal_ranges
from tracker.records.links import canonical_items, read_links, write_links

M = TypeVar("M", bound=SQLModel)

# Recomputed from other fields after every write (tracker.records.derived): never set by a revert.
DERIVED_FIELDS = frozenset({"first_date", "last_date"})


def create(
    session: Session,
    *,
    actor: str,
    model: type[M],
    values: dict[str, Any],
    links: dict[str, Any] | None = None,
    note: str | None = None,
) -> M:
    """A new record with VALUES and LINKS, audited as one create."""
    record = model(**values)
    session.add(record)
    session.flush()
    write_links(session, record, links or {}, new=True)
    _refresh_derived(session, record, None)
    changes = audit.snapshot(record) | read_links(session, record)
    audit.log(session, actor=actor, action="create", record=record, changes=changes, note=note)
    return record


def update(
    session: Session,
    *,
    actor: str,
    record: M,
    values: dict[str, Any],
    links: dict[str, Any] | None = None,
    note: str | None = None,
    action: str = "update",
) -> dict[str, list[Any]]:
    """Bring RECORD to VALUES and LINKS; audit what changed (nothing changed: no entry)."""
    old_deal = getattr(record, "deal_id", None)
    # The links are read before the fields change: reading after would flush the changed
    # fields on their own, and the flush below (with updated_at) would look up the pages they
    # show on and refresh the summaries a second time.
    before = read_links(session, record)
    changed = audit.apply_changes(record, values)
    wanted = {k: v for k, v in (links or {}).items() if k in before}
    if "items" in wanted:
        wanted["items"] = canonical_items(wanted["items"])
    moved = {k: v for k, v in wanted.items() if _norm(v) != _norm(before[k])}
    if moved:
        write_links(session, record, moved)
        after = read_links(session, record)
        changed |= {k: [before[k], after[k]] for k in moved if after[k] != before[k]}
    if not changed:
        return changed
    if hasattr(record, "updated_at"):
        record.updated_at = utcnow()
    session.add(record)
    session.flush()
    audit.log(session, actor=actor, action=action, record=record, changes=changed, note=note)
    _refresh_derived(session, record, old_deal)
    return changed


def upsert(
    session: Session,
    *,
    actor: str,
    model: type[M],
    key: dict[str, Any],
    values: dict[str, Any],
    links: dict[str, Any] | None = None,
    note: str | None = None,
) -> tuple[M, str]:
    """The record with KEY (its natural key), created or brought to VALUES and LINKS; with
    what happened: created, updated or unchanged."""
    record = session.scalars(select(model).filter_by(**key)).first()
    if record is None:
        record = create(
            session, actor=actor, model=model, values=key | values, links=links, note=note
        )
        return record, "created"
    changed = update(session, actor=actor, record=record, values=values, links=links, note=note)
    return record, "updated" if changed else "unchanged"


class DeleteRefused(ValueError):
    """The record is still referred to; the message says by what."""


def soft_delete(session: Session, *, actor: str, record: SQLModel, note: str | None) -> None:
    """Mark RECORD deleted; it stays in the database and keeps its history. A party in a live
    deal, shipment or event, or a source with citations, is refused (DeleteRefused)."""
    why = still_used(session, record)
    if why:
        raise DeleteRefused(why)
    old_deal = getattr(record, "deal_id", None)
    record.deleted = True
    session.add(record)
    session.flush()
    changes = audit.snapshot(record) | read_links(session, record)
    audit.log(session, actor=actor, action="delete", record=record, changes=changes, note=note)
    _refresh_derived(session, record, old_deal)


def remove(session: Session, *, actor: str, record: SQLModel, note: str | None) -> None:
    """Delete RECORD for good (a link-like record such as a citation); the history keeps it."""
    changes = audit.snapshot(record)
    audit.log(session, actor=actor, action="delete", record=record, changes=changes, note=note)
    session.delete(record)
    session.flush()


def history(session: Session, record: SQLModel) -> list[AuditEntry]:
    """Every audit entry of RECORD, oldest first."""
    return list(
        session.scalars(
            select(AuditEntry)
            .where(
                AuditEntry.record_type == audit.record_type(record),
                AuditEntry.record_id == record.id,
            )
            .order_by(AuditEntry.id)
        )
    )


def state_at(entries: list[AuditEntry], entry_id: int) -> dict[str, Any]:
    """The record's fields (as JSON values) just after audit entry ENTRY_ID."""
    state: dict[str, Any] = {}
    for entry in entries:
        if entry.action in ("create", "delete"):
            state.update(entry.changes)
        else:
            state.update({name: pair[1] for name, pair in entry.changes.items()})
        if entry.id == entry_id:
            return state
    raise LookupError(f"entry {entry_id} is not in this record's history")


def revert(
    session: Session, *, actor: str, record: SQLModel, entry_id: int, note: str | None = None
) -> dict[str, list[Any]]:
    """Bring RECORD back to how it was after ENTRY_ID; the revert is itself audited."""
    state = state_at(history(session, record), entry_id)
    model = type(record)
    columns = model.__table__.columns
    values = {
        name: from_json(columns[name].type.python_type, value)
        for name, value in state.items()
        if name in columns and name not in audit.SKIPPED_FIELDS | DERIVED_FIELDS
    }
    links = {k: v for k, v in state.items() if k not in columns}
    why = f"revert to the version after change #{entry_id}" + (f": {note}" if note else "")
    return update(
        session, actor=actor, record=record, values=values, links=links, note=why, action="revert"
    )


def from_json(kind: type, value: Any) -> Any:
    """A JSON history value back as the column's Python type."""
    if value is None:
        return None
    if kind is Decimal:
        return Decimal(str(value))
    if kind is date:
        return date.fromisoformat(value)
    if kind is datetime:
        return datetime.fromisoformat(value)
    return value


def _norm(value: Any) -> Any:
    """Links compare as sorted lists: order on a form is not a change."""
    if isinstance(value, list):
        return sorted(repr(v) for v in value)
    return value


def _refresh_derived(session: Session, record: SQLModel, old_deal: int | None) -> None:
    """Deal date ranges follow their deal's dates and events."""
    if isinstance(record, Deal):
        refresh_deal_ranges(session, [record.id] if record.id is not None else [])
    elif isinstance(record, Event):
        ids = {i for i in (old_deal, record.deal_id) if i is not None}
        if ids:
            refresh_deal_ranges(session, ids)
    session.flush()


def still_used(session: Session, record: SQLModel) -> str:
    """What still refers to RECORD, in words ('' when nothing does)."""
    if isinstance(record, Party):
        deals = session.scalars(
            select(Deal.slug)
            .join(DealParty, DealParty.deal_id == Deal.id)
            .where(DealParty.party_id == record.id, Deal.deleted.is_(False))
            .distinct()
            .order_by(Deal.slug)
        ).all()
        ends: tuple[Any, ...] = (Shipment.origin_id, Shipment.destination_id)
        ends += (Shipment.origin_party_id, Shipment.destination_party_id)
        shipments = session.scalars(
            select(Shipment.slug).where(
                or_(*(c == record.id for c in ends)), Shipment.deleted.is_(False)
            )
        ).all()
        events = session.scalars(
            select(Event.slug)
            .join(EventParty, EventParty.event_id == Event.id)
            .where(EventParty.party_id == record.id, Event.deleted.is_(False))
        ).all()
        used = [("deal", deals), ("shipment", shipments), ("event", events)]
        named = [f"{kind}s {', '.join(slugs[:5])}" for kind, slugs in used if slugs]
        if named:
            return (
                f"{record.name} is still a party to live records ({'; '.join(named)}); "
                "remove it from them (or delete them) first"
            )
    if isinstance(record, Source):
        cited = session.scalar(
            select(func.count()).select_from(Citation).where(Citation.source_id == record.id)
        )
        if cited:
            return f"this source supports {cited} citation(s); remove them from their records first"
    return ""
