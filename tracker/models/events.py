"""The timeline: dated things that happened to deals and shipments."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from tracker.models.common import timestamp_column


class Event(SQLModel, table=True):
    """Something that happened on a date (a signing, a shipment, a control, a statement)."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=160, unique=True, index=True)
    date: dt.date = Field(index=True)
    date_precision: str = Field(max_length=8)
    kind: str = Field(max_length=40, index=True)
    summary: str
    deal_id: int | None = Field(default=None, foreign_key="deal.id", index=True)
    shipment_id: int | None = Field(default=None, foreign_key="shipment.id", index=True)
    synthetic: bool = Field(default=False, index=True)
    deleted: bool = False
    created_at: dt.datetime = Field(sa_column=timestamp_column())
    updated_at: dt.datetime = Field(sa_column=timestamp_column())


class EventParty(SQLModel, table=True):
    """A party an event concerns."""

    __tablename__ = "event_party"
    __table_args__ = (UniqueConstraint("event_id", "party_id"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", index=True, ondelete="CASCADE")
    party_id: int = Field(foreign_key="party.id", index=True)
