"""The news feeds the poll_feeds job reads: rows in the database, so backups and the audit
history cover them and every host sees the same list."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from tracker.models.common import timestamp_column


class Feed(SQLModel, table=True):
    """One RSS or Atom feed to poll."""

    __tablename__ = "feed"

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(max_length=2000, unique=True)
    # A label for people: any text (emoji and quotes included), the URL when none is given.
    name: str = Field(max_length=200)
    created_at: datetime = Field(sa_column=timestamp_column())
