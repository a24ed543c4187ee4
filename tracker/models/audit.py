"""The audit history: every change to a record, who made it and why."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel

from tracker.models.common import timestamp_column


class AuditEntry(SQLModel, table=True):
    """One create, update or delete of one record."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_record", "record_type", "record_id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=timestamp_column())
    actor: str = Field(max_length=120)
    action: str = Field(max_length=10)
    record_type: str = Field(max_length=20)
    record_id: int
    # {field: [old, new]} for updates; the full record for creates and deletes.
    changes: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    note: str | None = None
