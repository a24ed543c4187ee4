"""Field groups shared by several tables: money and timestamps."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import Column, DateTime
from sqlmodel import Field, SQLModel

# Up to 10^16 with cents: larger than any deal reported (USD 150 billion is 1.5e11).
AMOUNT_DIGITS, AMOUNT_PLACES = 20, 2
RATE_DIGITS, RATE_PLACES = 20, 10


def utcnow() -> datetime:
    """Now, timezone-aware UTC."""
    return datetime.now(UTC)


def timestamp_column() -> Column:
    """A timezone-aware timestamp column."""
    return Column(DateTime(timezone=True), nullable=False, default=utcnow)


class MoneyFields(SQLModel):
    """A value as reported: amount and currency, its USD equivalent, and how sure it is."""

    value_amount: Decimal | None = Field(
        default=None, max_digits=AMOUNT_DIGITS, decimal_places=AMOUNT_PLACES
    )
    value_currency: str | None = Field(default=None, max_length=3)
    value_usd: Decimal | None = Field(
        default=None, max_digits=AMOUNT_DIGITS, decimal_places=AMOUNT_PLACES, index=True
    )
    # USD per unit of value_currency (1 for USD); basis says where the rate came from.
    value_usd_rate: Decimal | None = Field(
        default=None, max_digits=RATE_DIGITS, decimal_places=RATE_PLACES
    )
    value_usd_rate_date: date | None = None
    value_usd_basis: str | None = Field(default=None, max_length=200)
    value_approximate: bool = False
    value_up_to: bool = False
    value_more_than: bool = False
    # A value exists but was not published; amount stays empty, never 0.
    value_undisclosed: bool = False
