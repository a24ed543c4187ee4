"""Money as reported: amounts, currencies, USD equivalents and their basis."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

RATE_QUANTUM = Decimal("0.0000000001")
BASIS_USD = "reported in USD"
BASIS_STATED = "USD equivalent stated by the source"
BASIS_NONE = "no USD equivalent stated; not converted"
# No deal, shipment or commitment is worth USD 10 trillion (about a tenth of the world's yearly
# output): a larger USD figure is a slip of digits or currency. The bound also keeps the sums of
# whole cents the summary tables keep (facet_count) far inside a 64-bit integer.
USD_CEILING = Decimal(10) ** 13
# The money columns of a record, in the order the export writes them and the history groups them
# (the keys money_fields() returns); one list, so a money column added here reaches both.
MONEY_COLUMNS = (
    "value_amount",
    "value_currency",
    "value_usd",
    "value_usd_rate",
    "value_usd_rate_date",
    "value_usd_basis",
    "value_approximate",
    "value_up_to",
    "value_more_than",
    "value_undisclosed",
)


def money_fields(
    *,
    amount: Decimal | None = None,
    currency: str | None = None,
    usd: Decimal | None = None,
    rate_date: date | None = None,
    approximate: bool = False,
    up_to: bool = False,
    more_than: bool = False,
    undisclosed: bool = False,
) -> dict[str, Any]:
    """The MoneyFields columns for a value; the USD rate is derived, never looked up."""
    fields: dict[str, Any] = dict.fromkeys(MONEY_COLUMNS)
    fields.update(
        value_approximate=approximate,
        value_up_to=up_to,
        value_more_than=more_than,
        value_undisclosed=undisclosed,
    )
    if undisclosed or amount is None:
        return fields
    fields.update(value_amount=amount, value_currency=currency, value_usd_rate_date=rate_date)
    if currency == "USD":
        fields.update(value_usd=amount, value_usd_rate=Decimal(1), value_usd_basis=BASIS_USD)
    elif usd is not None and amount:
        rate = (usd / amount).quantize(RATE_QUANTUM)
        fields.update(value_usd=usd, value_usd_rate=rate, value_usd_basis=BASIS_STATED)
    else:
        fields.update(value_usd_basis=BASIS_NONE)
    return fields


def format_amount(amount: Decimal | None, currency: str | None) -> str:
    """USD 500,000,000 (cents shown only when there are any)."""
    if amount is None:
        return ""
    text = f"{amount:,.2f}"
    if text.endswith(".00"):
        text = text[:-3]
    return f"{currency} {text}" if currency else text


def hedge(record: Any) -> str:
    """The words that qualify a value: 'approximately', 'up to', 'more than'."""
    words = []
    if getattr(record, "value_approximate", False):
        words.append("approximately")
    if getattr(record, "value_up_to", False):
        words.append("up to")
    if getattr(record, "value_more_than", False):
        words.append("more than")
    return ", ".join(words)
