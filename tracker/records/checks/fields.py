"""Shared checkers: one raw value (text from a form or CSV cell, or an already-typed value from
TOML or JSON) into a clean value, or a problem naming the field. Pure: no Flask, no session.

Every input path (forms, CSV import, seed files, inbox proposals) goes through these, so a rule
(the date range, what an amount may be) is written once and holds everywhere."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

import pycountry

from tracker.models.common import AMOUNT_DIGITS, AMOUNT_PLACES, RATE_DIGITS, RATE_PLACES
from tracker.records.money import USD_CEILING, money_fields
from tracker.records.partial_dates import (
    ACCEPTED_FORMS,
    DATE_RANGE,
    PartialDate,
    Precision,
    format_iso,
)

# Summaries and descriptions are paragraphs, not articles; longer text is refused, not cut.
LONG_TEXT_MAX = 20_000
# Shipment quantities: Numeric(20, 4) in the database.
QUANTITY_DIGITS, QUANTITY_PLACES = 20, 4
SLUG_MAX = 160
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# /deals/new is the form: a record called "new" could never be reached.
RESERVED_SLUGS = frozenset({"new"})
# NUL cannot be stored by PostgreSQL; other control characters are never meant in prose.
BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TRUE = frozenset({"true", "1", "yes", "y", "on"})
FALSE = frozenset({"false", "0", "no", "n", "off", ""})
# A derived USD rate must fit its column (Numeric(RATE_DIGITS, RATE_PLACES)): a cent stated as
# a trillion dollars is a slip, and PostgreSQL would refuse the row with a bare error.
RATE_LIMIT = Decimal(10) ** (RATE_DIGITS - RATE_PLACES)


@dataclass(frozen=True)
class Problem:
    """One refused value: the field it was given as, and what to do about it."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class Refs(Protocol):
    """Which referenced records exist: kind is deal, shipment, party, commodity, country or
    source; key is its slug (a country's ISO 3166 alpha-3 code, a source's id)."""

    def has(self, kind: str, key: str) -> bool: ...


class Checker:
    """The raw values of one record, and the problems found in them so far."""

    def __init__(self, raw: Mapping[str, Any], refs: Refs | None = None):
        self.raw = raw
        self.refs = refs
        self.problems: list[Problem] = []

    def fail(self, field: str, message: str) -> None:
        """Note a problem with FIELD."""
        self.problems.append(Problem(field, message))

    def given(self, field: str) -> bool:
        """Whether FIELD holds something (not missing, None or blank text)."""
        value = self.raw.get(field)
        return not (value is None or (isinstance(value, str) and not value.strip()))

    def text(
        self, field: str, *, required: bool = False, max_chars: int = LONG_TEXT_MAX
    ) -> str | None:
        """Text without control characters, at most MAX_CHARS long; blank is None."""
        value = self.raw.get(field)
        if value is None or value == "":
            if required:
                self.fail(field, "is required")
            return None
        if not isinstance(value, str):
            self.fail(field, f"must be text, not {type(value).__name__}")
            return None
        if BAD_CHARS.search(value) or "\ufffd" in value:
            self.fail(field, "contains control characters or bad bytes; remove them")
            return None
        if len(value) > max_chars:
            self.fail(field, f"is {len(value):,} characters long; at most {max_chars:,} fit")
            return None
        value = value.strip()
        if required and not value:
            self.fail(field, "is required")
        return value or None

    def choice(self, field: str, allowed: Mapping[str, str], *, required: bool = True):
        """A value from a vocabulary (tracker.records.vocab)."""
        value = self.raw.get(field)
        value = value.strip() if isinstance(value, str) else value
        if value in (None, "") and not required:
            return None
        if value not in allowed:
            self.fail(field, f"{_show(value)} is not one of: {', '.join(allowed)}")
            return None
        return value

    def slug(self, field: str = "slug") -> str | None:
        """A record's natural key: lowercase words and digits joined by single hyphens."""
        value = self.text(field, required=True, max_chars=SLUG_MAX)
        if value is None:
            return None
        if not SLUG_RE.match(value):
            self.fail(field, f"{_show(value)} is not a slug: lowercase letters, digits, hyphens")
            return None
        if value in RESERVED_SLUGS:
            self.fail(field, f"{value!r} is a page of its own; choose another slug")
            return None
        return value

    def date(self, field: str, *, required: bool = False) -> PartialDate | None:
        """A date at its precision: text (2025, 2025-Q3, 2025-09, 2025-09-08), a PartialDate,
        a date (a day), or an (ISO day, precision) pair as the CSV files carry it."""
        value = self.raw.get(field)
        if value is None or value == "" or value == ("", ""):
            if required:
                self.fail(field, "is required")
            return None
        try:
            pd = _partial_date(value)
        except (ValueError, TypeError):
            self.fail(field, f"{_show(value)} is not a date; write {ACCEPTED_FORMS}")
            return None
        if not pd.in_range:
            self.fail(field, f"{pd.iso()} is outside the dates the tracker takes ({DATE_RANGE})")
            return None
        return pd

    def day(self, field: str) -> dt.date | None:
        """A date known to the day (the date of an exchange rate)."""
        pd = self.date(field)
        if pd is not None and pd.precision is not Precision.DAY:
            self.fail(field, f"{pd.iso()} must be a day (YYYY-MM-DD)")
            return None
        return pd.start if pd else None

    def decimal(
        self, field: str, *, digits: int = AMOUNT_DIGITS, places: int = AMOUNT_PLACES
    ) -> Decimal | None:
        """A finite number >= 0 that a Numeric(DIGITS, PLACES) column holds exactly."""
        value = self.raw.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        number = _number(value)
        if number is None or not number.is_finite():
            self.fail(field, f"{_show(value)} is not a number; write plain digits like 1500000.50")
            return None
        if number < 0:
            self.fail(field, f"{_show(value)} is negative; amounts and quantities are >= 0")
            return None
        if number >= Decimal(10) ** (digits - places):
            self.fail(field, f"{_show(value)} is too large (at most {digits - places} digits)")
            return None
        if number != number.quantize(Decimal(1).scaleb(-places), rounding="ROUND_DOWN"):
            self.fail(field, f"{_show(value)} has more than {places} decimals")
            return None
        return number

    def quantity(self, field: str) -> Decimal | None:
        """A shipped quantity."""
        return self.decimal(field, digits=QUANTITY_DIGITS, places=QUANTITY_PLACES)

    def currency(self, field: str) -> str | None:
        """An ISO 4217 currency code (USD, EUR, CNY)."""
        value = self.raw.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        code = value.strip().upper() if isinstance(value, str) else value
        if not isinstance(code, str) or pycountry.currencies.get(alpha_3=code) is None:
            self.fail(field, f"{_show(value)} is not an ISO 4217 currency code (USD, EUR, CNY)")
            return None
        return code

    def country(self, field: str, *, required: bool = False) -> str | None:
        """An ISO 3166 alpha-3 country code (PAK, USA, CHN)."""
        value = self.raw.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(field, "is required (an ISO 3166 alpha-3 code such as PAK)")
            return None
        code = value.strip().upper() if isinstance(value, str) else value
        if not isinstance(code, str) or pycountry.countries.get(alpha_3=code) is None:
            self.fail(field, f"{_show(value)} is not an ISO 3166 alpha-3 country code (PAK, USA)")
            return None
        if self.refs is not None and not self.refs.has("country", code):
            self.fail(field, f"the tracker has no country {code!r} (run tracker seed)")
            return None
        return code

    def flag(self, field: str) -> bool:
        """true/false (also 1/0, yes/no, on/off; empty is false)."""
        value = self.raw.get(field)
        if value is None or isinstance(value, bool):
            return bool(value)
        text = str(value).strip().lower()
        if text not in TRUE | FALSE:
            self.fail(field, f"{_show(value)} is not true or false")
        return text in TRUE

    def ref(self, field: str, kind: str, *, required: bool = False) -> str | None:
        """The key of an existing record of KIND (empty: None)."""
        value = self.text(field, required=required, max_chars=SLUG_MAX)
        if value is None:
            return None
        if self.refs is not None and not self.refs.has(kind, value):
            self.fail(field, f"no {kind} is called {value!r}")
            return None
        return value

    def refs_list(self, field: str, kind: str) -> list[str]:
        """Keys of existing records of KIND, each at most once (a repeat is refused)."""
        keys = [k.strip() if isinstance(k, str) else k for k in _listed(self.raw.get(field))]
        out: list[str] = []
        for key in keys:
            if not isinstance(key, str) or not key:
                self.fail(field, f"{_show(key)} is not a {kind} slug")
            elif key in out:
                self.fail(field, f"{key!r} is given twice; give each {kind} once")
            elif self.refs is not None and not self.refs.has(kind, key):
                self.fail(field, f"no {kind} is called {key!r}")
            else:
                out.append(key)
        return sorted(out)

    def money(self, prefix: str = "value_") -> dict[str, Any]:
        """The MoneyFields columns: amount and currency, the USD equivalent a source states
        (its rate derived, never looked up), the rate's date and the hedges."""
        amount = self.decimal(f"{prefix}amount")
        currency = self.currency(f"{prefix}currency")
        if amount is not None and currency is None and f"{prefix}currency" not in self._failed:
            self.fail(f"{prefix}currency", "an amount needs its ISO 4217 currency (USD, EUR...)")
        usd = self.decimal(f"{prefix}usd")
        undisclosed = self.flag(f"{prefix}undisclosed")
        if undisclosed and amount is not None:
            self.fail(f"{prefix}undisclosed", "an undisclosed value has no amount; leave it empty")
        fields = money_fields(
            amount=amount,
            currency=currency,
            usd=usd,
            rate_date=self.day(f"{prefix}usd_rate_date"),
            approximate=self.flag(f"{prefix}approximate"),
            up_to=self.flag(f"{prefix}up_to"),
            more_than=self.flag(f"{prefix}more_than"),
            undisclosed=undisclosed,
        )
        given = f"{prefix}amount" if currency == "USD" else f"{prefix}usd"
        self.usd_figure(given, fields["value_usd"])
        rate = fields["value_usd_rate"]
        if rate is not None and rate >= RATE_LIMIT and given not in self._failed:
            self.fail(
                given,
                f"USD {fields['value_usd']:,f} for {currency} {amount:,f} is USD {rate:,f} per "
                f"{currency}, more than any currency is worth; check the two figures",
            )
        return fields

    def usd_figure(self, field: str, usd: Decimal | None) -> None:
        """Refuse a USD value no record reaches (money.USD_CEILING), given in FIELD."""
        if usd is not None and usd >= USD_CEILING:
            self.fail(
                field,
                f"USD {usd:,f} must be below USD {USD_CEILING:,f}: no deal, commitment or "
                "shipment is worth that; check the digits and the currency",
            )

    def dates(self, *names: str, required: bool = False) -> dict[str, Any]:
        """NAME_on and NAME_precision columns for each partial-date field NAME."""
        out: dict[str, Any] = {}
        for name in names:
            pd = self.date(name, required=required)
            out[f"{name}_on"] = pd.start if pd else None
            out[f"{name}_precision"] = pd.precision.value if pd else None
        return out

    @property
    def _failed(self) -> set[str]:
        return {p.field for p in self.problems}


def _partial_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.date):
        return PartialDate(value, Precision.DAY)
    if isinstance(value, tuple):
        text, precision = value
        if not precision:
            return PartialDate.parse(text)
        start = PartialDate.parse(text).start
        return PartialDate.parse(format_iso(start, Precision(str(precision).strip()).value))
    if not isinstance(value, str):
        raise TypeError(value)
    return PartialDate.parse(value)


def _number(value: Any) -> Decimal | None:
    """VALUE as a Decimal, or None when it is not a number at all."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | float | str):
        try:
            return Decimal(str(value).strip())
        except InvalidOperation:
            return None
    return None


def _listed(value: Any) -> Iterable[Any]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


def _show(value: Any) -> str:
    """A raw value quoted for a message, cut short (a 100,000-character cell stays readable)."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
