"""Reading an uploaded CSV and checking every row, collecting every problem before any write."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pycountry
from sqlalchemy import select
from sqlmodel import Session

from tracker.export.formulas import restore_row
from tracker.importing.columns import COLUMNS, DERIVED, LIST_SEPARATOR
from tracker.models import Commodity, Deal, Party, Shipment
from tracker.models.common import AMOUNT_DIGITS, AMOUNT_PLACES
from tracker.records.partial_dates import PartialDate, Precision, format_iso

# Longer than any real summary; a cell beyond it is a broken file, not prose.
MAX_CELL_CHARS = 20_000
# One import is a correction or a batch, not a bulk load (that is what the seed is for).
MAX_ROWS = 20_000
TRUE, FALSE = frozenset({"true", "1", "yes"}), frozenset({"false", "0", "no", ""})
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Problem:
    """One refused cell (or the whole file, row 0): where, and what to do about it."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row else "file"
        return (
            f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"
        )


@dataclass
class Checker:
    """Reference data for one import, and the problems found so far."""

    session: Session
    problems: list[Problem] = field(default_factory=list)
    row: int = 0

    def __post_init__(self) -> None:
        s = self.session
        self.commodities = set(s.scalars(select(Commodity.slug)))
        self.commodity_names = dict(s.execute(select(Commodity.name, Commodity.slug)).all())
        self.parties = dict(s.execute(select(Party.slug, Party.id)).all())
        self.party_names: dict[str, set[str]] = {}
        for name, slug in s.execute(select(Party.name, Party.slug)):
            self.party_names.setdefault(name, set()).add(slug)
        self.countries = dict(
            s.execute(select(Party.iso3, Party.id).where(Party.kind == "country")).all()
        )
        self.deals = dict(s.execute(select(Deal.slug, Deal.id)).all())
        self.shipments = dict(s.execute(select(Shipment.slug, Shipment.id)).all())

    def fail(self, column: str, message: str) -> None:
        """Record a problem in the current row."""
        self.problems.append(Problem(self.row, column, message))

    def text(
        self, row: dict, column: str, *, required: bool = False, max_len: int = MAX_CELL_CHARS
    ):
        """A text cell (None when empty)."""
        value = row.get(column) or ""
        if _BAD_CHARS.search(value):
            self.fail(column, "contains control characters; remove them")
        elif len(value) > max_len:
            self.fail(column, f"is {len(value)} characters; at most {max_len} fit")
        elif required and not value.strip():
            self.fail(column, "is required")
        return value or None

    def choice(self, row: dict, column: str, allowed) -> str | None:
        """A value from a vocabulary."""
        value = (row.get(column) or "").strip()
        if value not in allowed:
            self.fail(column, f"{value!r} is not one of: {', '.join(allowed)}")
            return None
        return value

    def date(self, row: dict, column: str, precision_column: str, *, required=False):
        """(start, precision) from an ISO date and its precision column."""
        text = (row.get(column) or "").strip()
        precision = (row.get(precision_column) or "").strip()
        if not text:
            if required:
                self.fail(column, "is required")
            return None, None
        try:
            if precision:
                start = PartialDate.parse(text).start
                pd = PartialDate.parse(format_iso(start, Precision(precision).value))
            else:
                pd = PartialDate.parse(text)
        except ValueError:
            self.fail(
                column,
                f"{text!r} with precision {precision!r} is not a date; use "
                "YYYY-MM-DD and day, month, quarter or year",
            )
            return None, None
        return pd.start, pd.precision.value

    def decimal(self, row: dict, column: str) -> Decimal | None:
        """A plain decimal (no thousands separators), within what the database holds."""
        text = (row.get(column) or "").strip()
        if not text:
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            self.fail(column, f"{text!r} is not a number; write plain digits like 1500000.50")
            return None
        if not value.is_finite() or value < 0 or value.as_tuple().exponent < -AMOUNT_PLACES - 2:
            self.fail(column, f"{text!r} is not a positive amount")
            return None
        if value >= Decimal(10) ** (AMOUNT_DIGITS - AMOUNT_PLACES):
            self.fail(column, f"{text!r} is too large")
            return None
        return value

    def currency(self, row: dict, column: str) -> str | None:
        """An ISO 4217 code."""
        code = (row.get(column) or "").strip().upper()
        if code and pycountry.currencies.get(alpha_3=code) is None:
            self.fail(column, f"{code!r} is not an ISO 4217 currency code")
            return None
        return code or None

    def flag(self, row: dict, column: str) -> bool:
        """true/false (also 1/0, yes/no; empty is false)."""
        value = (row.get(column) or "").strip().lower()
        if value not in TRUE | FALSE:
            self.fail(column, f"{value!r} is not true or false")
        return value in TRUE

    def ref(self, row: dict, column: str, known: dict, what: str) -> int | None:
        """The id of the record a slug cell names (empty: None)."""
        slug = (row.get(column) or "").strip()
        if not slug:
            return None
        if slug not in known:
            self.fail(column, f"unknown {what} {slug!r}")
        return known.get(slug)

    def party(self, column: str, text: str) -> str | None:
        """The slug of the party TEXT names, by slug or by its (unambiguous) name."""
        text = text.strip()
        if text in self.parties:
            return text
        slugs = self.party_names.get(text, set())
        if len(slugs) != 1:
            why = "several parties have this name; use the slug" if slugs else "unknown party"
            self.fail(column, f"{why}: {text!r}")
            return None
        return next(iter(slugs))

    def commodity(self, column: str, text: str) -> str | None:
        """The slug of the commodity TEXT names, by slug or name."""
        text = text.strip()
        slug = text if text in self.commodities else self.commodity_names.get(text)
        if slug is None:
            self.fail(column, f"unknown commodity {text!r}; see /commodities")
        return slug

    def listed(self, row: dict, column: str, resolve) -> list[str]:
        """A '; '-separated list of names or slugs, each resolved to a slug."""
        items = [s for s in (row.get(column) or "").split(LIST_SEPARATOR.strip()) if s.strip()]
        return sorted({r for r in (resolve(column, s) for s in items) if r})

    def party_ref(self, row: dict, column: str) -> int | None:
        """The id of the party a cell names by slug or name (empty: None)."""
        text = (row.get(column) or "").strip()
        slug = self.party(column, text) if text else None
        return self.parties.get(slug) if slug else None


def read_rows(data: bytes, kind: str, checker: Checker) -> list[dict[str, str]]:
    """The CSV's rows as dicts; problems for bad encoding, missing or unknown columns."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        checker.fail(
            "",
            f"is not UTF-8 (bad byte at position {exc.start}); save it as UTF-8 CSV and try again",
        )
        return []
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    expected = COLUMNS[kind]
    missing = [c for c in expected if c not in header and c not in DERIVED]
    unknown = [c for c in header if c not in expected]
    if missing or unknown or len(set(header)) != len(header):
        checker.fail(
            "",
            f"columns must be those of the {kind} export; missing: "
            f"{', '.join(missing) or 'none'}; unknown: {', '.join(unknown) or 'none'}",
        )
        return []
    rows = []
    for row in reader:
        if None in row or len(rows) >= MAX_ROWS:
            checker.row = reader.line_num
            checker.fail("", f"has more cells than columns, or the file passes {MAX_ROWS} rows")
            return rows
        rows.append(restore_row(row))  # the export's formula guard off again
    return rows
