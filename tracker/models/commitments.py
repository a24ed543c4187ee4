"""What one party undertakes towards another under a deal, and the statuses a deal has had."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlmodel import Field, SQLModel

from tracker.models.common import AMOUNT_DIGITS, AMOUNT_PLACES, MoneyFields


class Commitment(MoneyFields, table=True):
    """A promise under a deal: supply or offtake of a commodity (quantity and unit, or value),
    an investment or a loan (value), from one party to another, due at a date's precision."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=160, unique=True, index=True)
    deal_id: int = Field(foreign_key="deal.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=20)
    from_party_id: int = Field(foreign_key="party.id", index=True)
    to_party_id: int = Field(foreign_key="party.id", index=True)
    commodity_id: int | None = Field(default=None, foreign_key="commodity.id", index=True)
    quantity: Decimal | None = Field(
        default=None, max_digits=AMOUNT_DIGITS, decimal_places=AMOUNT_PLACES
    )
    unit: str | None = Field(default=None, max_length=20)
    due_on: date | None = None
    due_precision: str | None = Field(default=None, max_length=8)
    summary: str | None = None


class DealStatusChange(SQLModel, table=True):
    """One status a deal has had, from when, and the source that says so."""

    __tablename__ = "deal_status_change"

    id: int | None = Field(default=None, primary_key=True)
    deal_id: int = Field(foreign_key="deal.id", index=True, ondelete="CASCADE")
    status: str = Field(max_length=40)
    from_on: date | None = None
    from_precision: str | None = Field(default=None, max_length=8)
    source_id: int | None = Field(default=None, foreign_key="source.id", index=True)
    note: str | None = Field(default=None, max_length=500)
