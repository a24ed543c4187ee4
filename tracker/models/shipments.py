"""Shipments from one country to another, and what they carried."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Field, SQLModel

from tracker.models.common import MoneyFields, timestamp_column


class Shipment(SQLModel, table=True):
    """A consignment, optionally under a deal."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=160, unique=True, index=True)
    deal_id: int | None = Field(default=None, foreign_key="deal.id", index=True)
    origin_id: int = Field(foreign_key="party.id", index=True)
    destination_id: int = Field(foreign_key="party.id", index=True)
    # Indexed so that a party's shipments (and a word search naming it) are read, not scanned.
    origin_party_id: int | None = Field(default=None, foreign_key="party.id", index=True)
    destination_party_id: int | None = Field(default=None, foreign_key="party.id", index=True)
    dispatched_on: date | None = Field(default=None, index=True)
    dispatched_precision: str | None = Field(default=None, max_length=8)
    arrived_on: date | None = None
    arrived_precision: str | None = Field(default=None, max_length=8)
    status: str = Field(max_length=40, index=True)
    description: str | None = None
    synthetic: bool = Field(default=False, index=True)
    deleted: bool = False
    created_at: datetime = Field(sa_column=timestamp_column())
    updated_at: datetime = Field(sa_column=timestamp_column())


class ShipmentItem(MoneyFields, table=True):
    """One commodity in a shipment: how much, what grade, what value."""

    __tablename__ = "shipment_item"

    id: int | None = Field(default=None, primary_key=True)
    shipment_id: int = Field(foreign_key="shipment.id", index=True, ondelete="CASCADE")
    commodity_id: int = Field(foreign_key="commodity.id", index=True)
    quantity: Decimal | None = Field(default=None, max_digits=20, decimal_places=4)
    unit: str | None = Field(default=None, max_length=20)
    grade: str | None = Field(default=None, max_length=200)
