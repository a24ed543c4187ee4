"""Writing the audit history: every create, update and delete, with who and why."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session, SQLModel

from tracker.models import AuditEntry

SKIPPED_FIELDS = frozenset({"id", "created_at", "updated_at"})


def jsonable(value: Any) -> Any:
    """A value as JSON can hold it (decimals as strings, dates as ISO)."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def snapshot(record: SQLModel) -> dict[str, Any]:
    """The record's fields as JSON-ready values."""
    return {
        name: jsonable(getattr(record, name))
        for name in type(record).model_fields
        if name not in SKIPPED_FIELDS
    }


def record_type(record: SQLModel) -> str:
    """The audit name of a record's table."""
    return str(type(record).__tablename__)


def log(
    session: Session,
    *,
    actor: str,
    action: str,
    record: SQLModel,
    changes: dict[str, Any],
    note: str | None = None,
) -> None:
    """Add one audit entry for RECORD (which must have an id: flush first)."""
    session.add(
        AuditEntry(
            actor=actor,
            action=action,
            record_type=record_type(record),
            record_id=record.id,
            changes=changes,
            note=note,
        )
    )


def apply_changes(record: SQLModel, values: dict[str, Any]) -> dict[str, list[Any]]:
    """Set VALUES on RECORD; return {field: [old, new]} for what really changed."""
    changed = {}
    for name, new in values.items():
        old = getattr(record, name)
        if _same(old, new):
            continue
        changed[name] = [jsonable(old), jsonable(new)]
        setattr(record, name, new)
    return changed


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        if old is None or new is None:
            return old is new
        return Decimal(old) == Decimal(new)
    return old == new
