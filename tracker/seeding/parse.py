"""Reading seed files into checked plans; every problem is collected, none is raised early."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.seeding.errors import Problem

SECTIONS = ("sources", "parties", "deals", "shipments", "events", "citations")
# A value table's keys, and the check's value_* field each one is.
VALUE_TABLE = {
    "amount": "amount",
    "currency": "currency",
    "usd": "usd",
    "rate_date": "usd_rate_date",
    "approximate": "approximate",
    "up_to": "up_to",
    "more_than": "more_than",
}
CITABLE = {"deal": "deals", "shipment": "shipments", "event": "events", "party": "parties"}


@dataclass
class SeedFile:
    """The records of one seed file, still as plain dicts, with where each came from."""

    path: Path
    sections: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


class Checker:
    """Collects the seed syntax problems of one file (values are checked by the record checks)."""

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

    def money(self, value: Any, record: str, name: str = "value") -> dict[str, Any]:
        """A value table {amount, currency, usd, rate_date, hedges} or "undisclosed", as the
        record check's raw value_* fields. Decimals are written as strings in TOML: a float
        would already have lost digits."""
        if value is None:
            return {}
        if value == "undisclosed":
            return {"value_undisclosed": True}
        if not isinstance(value, dict):
            self.fail(record, name, 'must be a table {amount, currency} or "undisclosed"')
            return {}
        for extra in sorted(set(value) - set(VALUE_TABLE)):
            self.fail(record, f"{name}.{extra}", f"unknown key; use {', '.join(VALUE_TABLE)}")
        if value.get("amount") is None:
            self.fail(record, f"{name}.amount", "is required")
        for key in ("amount", "usd"):
            if value.get(key) is not None and not isinstance(value[key], str):
                self.fail(
                    record, f"{name}.{key}", f'write decimals as strings, e.g. "{value[key]}"'
                )
        return {f"value_{VALUE_TABLE[k]}": v for k, v in value.items() if k in VALUE_TABLE}

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
