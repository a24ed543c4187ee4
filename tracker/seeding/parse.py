"""Reading seed files into checked plans; every problem is collected, none is raised early."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from tracker.records.partial_dates import PartialDate
from tracker.seeding.errors import Problem
from tracker.seeding.reference import is_country, is_currency

SECTIONS = ("sources", "parties", "deals", "shipments", "events", "citations")
CITABLE = {"deal": "deals", "shipment": "shipments", "event": "events", "party": "parties"}


@dataclass
class SeedFile:
    """The records of one seed file, still as plain dicts, with where each came from."""

    path: Path
    sections: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


class Checker:
    """Collects problems for one file; each check returns the parsed value or None."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def fail(self, record: str, fld: str, message: str) -> None:
        """Note a problem."""
        self.problems.append(Problem(self.file, record, fld, message))

    def required(self, row: dict, record: str, name: str) -> Any:
        """A field that must be present and non-empty."""
        value = row.get(name)
        if value in (None, "", []):
            self.fail(record, name, "is required")
        return value

    def choice(self, row: dict, record: str, name: str, allowed: dict, need: bool = True) -> Any:
        """A field whose value must come from a vocabulary."""
        value = row.get(name)
        if value is None and not need:
            return None
        if value not in allowed:
            self.fail(record, name, f"{value!r} is not one of: {', '.join(allowed)}")
            return None
        return value

    def date(self, row: dict, record: str, name: str, need: bool = False) -> PartialDate | None:
        """A partial date field (YYYY, YYYY-QN, YYYY-MM, YYYY-MM-DD)."""
        value = row.get(name)
        if value is None:
            if need:
                self.fail(record, name, "is required")
            return None
        try:
            return PartialDate.parse(str(value))
        except ValueError as exc:
            self.fail(record, name, str(exc))
            return None

    def decimal(self, value: Any, record: str, name: str) -> Decimal | None:
        """A non-negative decimal written as a string ("500000000")."""
        if value is None:
            return None
        if not isinstance(value, str):
            self.fail(record, name, f'write decimals as strings, e.g. "{value}"')
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            self.fail(record, name, f"{value!r} is not a decimal number")
            return None
        if not number.is_finite() or number < 0:
            self.fail(record, name, f"{value!r} must be a finite number >= 0")
            return None
        return number

    def money(self, value: Any, record: str, name: str = "value") -> dict | None:
        """A value: 'undisclosed', or a table with amount and currency and optional hedges."""
        if value is None:
            return None
        if value == "undisclosed":
            return {"undisclosed": True}
        if not isinstance(value, dict):
            self.fail(record, name, 'must be a table {amount, currency} or "undisclosed"')
            return None
        known = {"amount", "currency", "usd", "rate_date", "approximate", "up_to", "more_than"}
        for extra in sorted(set(value) - known):
            self.fail(record, f"{name}.{extra}", f"unknown key; use {', '.join(sorted(known))}")
        amount = self.decimal(value.get("amount"), record, f"{name}.amount")
        if value.get("amount") is None:
            self.fail(record, f"{name}.amount", "is required")
        currency = value.get("currency")
        if not is_currency(currency):
            self.fail(record, f"{name}.currency", f"{currency!r} is not an ISO 4217 currency")
        usd = self.decimal(value.get("usd"), record, f"{name}.usd")
        rate_date = None
        if "rate_date" in value:
            rate_date = self.date({"d": value["rate_date"]}, record, f"{name}.rate_date")
        return {
            "amount": amount,
            "currency": currency,
            "usd": usd,
            "rate_date": rate_date,
            "approximate": bool(value.get("approximate", False)),
            "up_to": bool(value.get("up_to", False)),
            "more_than": bool(value.get("more_than", False)),
        }

    def country(self, value: Any, record: str, name: str) -> str | None:
        """An ISO 3166 alpha-3 country code."""
        if not is_country(value):
            self.fail(record, name, f"{value!r} is not an ISO 3166 alpha-3 country code")
            return None
        return value

    def unknown_keys(self, row: dict, record: str, allowed: set[str]) -> None:
        """Flag keys the format does not have (a typo would otherwise be ignored)."""
        for key in sorted(set(row) - allowed):
            self.fail(record, key, f"unknown key; this record takes {', '.join(sorted(allowed))}")


def read_file(path: Path, checker: Checker) -> SeedFile:
    """Parse one TOML seed file into its sections."""
    seed_file = SeedFile(path)
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        checker.fail("(file)", "", f"is not valid TOML: {exc}")
        return seed_file
    for key in sorted(set(data) - set(SECTIONS)):
        checker.fail(key, "", f"unknown section; use {', '.join(SECTIONS)}")
    for section in SECTIONS:
        rows = data.get(section, [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            checker.fail(section, "", "must be an array of tables ([[...]])")
            continue
        seed_file.sections[section] = rows
    return seed_file
