"""The job log and review flags that scheduled jobs leave for editors."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime, Index
from sqlmodel import Field, SQLModel

from tracker.models.common import timestamp_column


class JobRun(SQLModel, table=True):
    """One run of one job: when, how it was started, how it ended and what it counted."""

    __tablename__ = "job_run"
    __table_args__ = (Index("ix_job_run_job_started", "job", "started_at"),)

    id: int | None = Field(default=None, primary_key=True)
    job: str = Field(max_length=60)
    trigger: str = Field(max_length=10)  # manual or scheduled
    started_at: datetime = Field(sa_column=timestamp_column())
    ended_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    outcome: str = Field(default="running", max_length=10)  # running, ok, error
    seen: int = 0
    new: int = 0
    skipped: int = 0
    errors: int = 0
    # The job's own failure, or the per-feed/per-entry errors it recorded and went past.
    message: str | None = None


class ReviewFlag(SQLModel, table=True):
    """A question for an editor about a record ("stalled?"); it never changes the record."""

    __tablename__ = "review_flag"
    __table_args__ = (Index("ix_review_flag_record", "record_type", "record_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    record_type: str = Field(max_length=20)
    record_id: int
    kind: str = Field(max_length=20)
    reason: str = Field(max_length=500)
    created_at: datetime = Field(sa_column=timestamp_column())
    resolved_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
