"""Sources (news articles, releases, filings) and the citations that tie facts to them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, DateTime
from sqlmodel import Field, SQLModel

from tracker.models.common import timestamp_column


class Source(SQLModel, table=True):
    """A published document the tracker's facts come from."""

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(max_length=2000, unique=True, index=True)
    publisher: str = Field(max_length=200)
    title: str = Field(max_length=500)
    author: str | None = Field(default=None, max_length=200)
    published_on: date | None = None
    published_precision: str | None = Field(default=None, max_length=8)
    retrieved_on: date | None = None
    language: str = Field(default="en", max_length=12)
    # The article itself, only where we may keep it (the seed article, fetched articles).
    text: str | None = None
    # Our own words on what the source states, where the text is not kept.
    summary: str | None = None
    content_hash: str | None = Field(default=None, max_length=64, index=True)
    # What kind of document it is (vocab.SOURCE_TYPES): readers weigh a filing above a blog.
    source_type: str | None = Field(default=None, max_length=20, index=True)
    synthetic: bool = Field(default=False, index=True)
    created_at: datetime = Field(sa_column=timestamp_column())
    # A copy that outlives the original (e.g. the Wayback Machine), kept by an editor.
    archive_url: str | None = Field(default=None, max_length=2000)
    # What the weekly link check last saw: HTTP status (None: no answer), when, and why dead.
    link_status: int | None = None
    link_checked_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    link_dead: bool = Field(default=False, index=True)
    link_error: str | None = Field(default=None, max_length=500)
    # Soft delete: gone from the pages, kept with its history (a revert restores it).
    deleted: bool = False


class Citation(SQLModel, table=True):
    """A source supporting one record (and optionally one field), with its verbatim quote."""

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id", index=True)
    record_type: str = Field(max_length=20)
    record_id: int = Field(index=True)
    field: str | None = Field(default=None, max_length=60)
    # The value as this source states it, normalised (2025-09-08, USD 500000000, samples).
    value: str | None = Field(default=None, max_length=500)
    # Exact text from the source's stored text; empty where the text is not kept.
    quote: str | None = None
