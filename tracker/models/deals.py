"""Deals (MoUs, agreements, investments, export controls) with their parties and commodities."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from tracker.models.common import MoneyFields, timestamp_column


class Deal(MoneyFields, table=True):
    """One deal as reported, with its headline value and key dates at their precision."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=160, unique=True, index=True)
    title: str = Field(max_length=300)
    kind: str = Field(max_length=40, index=True)
    status: str = Field(max_length=40, index=True)
    summary: str | None = None
    announced_on: date | None = None
    announced_precision: str | None = Field(default=None, max_length=8)
    signed_on: date | None = None
    signed_precision: str | None = Field(default=None, max_length=8)
    effective_on: date | None = None
    effective_precision: str | None = Field(default=None, max_length=8)
    ended_on: date | None = None
    ended_precision: str | None = Field(default=None, max_length=8)
    # First and latest dated thing known of the deal (its dates and events): for ranges and sorting.
    first_date: date | None = Field(default=None, index=True)
    last_date: date | None = Field(default=None, index=True)
    synthetic: bool = Field(default=False, index=True)
    deleted: bool = False
    created_at: datetime = Field(sa_column=timestamp_column())
    updated_at: datetime = Field(sa_column=timestamp_column())


class DealParty(SQLModel, table=True):
    """A party's role in a deal; one row per (deal, party, role)."""

    __tablename__ = "deal_party"
    __table_args__ = (UniqueConstraint("deal_id", "party_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    deal_id: int = Field(foreign_key="deal.id", index=True, ondelete="CASCADE")
    party_id: int = Field(foreign_key="party.id", index=True)
    role: str = Field(max_length=40)


class DealCommodity(SQLModel, table=True):
    """A commodity the deal covers."""

    __tablename__ = "deal_commodity"
    __table_args__ = (UniqueConstraint("deal_id", "commodity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    deal_id: int = Field(foreign_key="deal.id", index=True, ondelete="CASCADE")
    commodity_id: int = Field(foreign_key="commodity.id", index=True)
