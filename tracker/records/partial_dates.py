"""Dates as news states them: a day, a month, a quarter or a year ("in September")."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Precision(StrEnum):
    """How much of a date is known."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


_FORMS = [
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), Precision.DAY),
    (re.compile(r"^(\d{4})-(\d{2})$"), Precision.MONTH),
    (re.compile(r"^(\d{4})-Q([1-4])$"), Precision.QUARTER),
    (re.compile(r"^(\d{4})$"), Precision.YEAR),
]
ACCEPTED_FORMS = "YYYY, YYYY-QN, YYYY-MM or YYYY-MM-DD"
# The dates a record may carry. News of critical-minerals deals starts well after 1900 and
# plans reach decades ahead, not centuries: year 1 or 9999 is a typo, and a chart would draw
# every quarter in between (a deal dated 9999 made the dashboard draw ~32,000 quarters).
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)
DATE_RANGE = f"{EARLIEST.year} to {LATEST.year}"


@dataclass(frozen=True, order=True)
class PartialDate:
    """The first day of the period that is known, and how long that period is."""

    start: date
    precision: Precision

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read YYYY, YYYY-QN, YYYY-MM or YYYY-MM-DD; the form gives the precision."""
        text = str(text).strip()
        for pattern, precision in _FORMS:
            m = pattern.match(text)
            if not m:
                continue
            year = int(m.group(1))
            if precision is Precision.DAY:
                return cls(date(year, int(m.group(2)), int(m.group(3))), precision)
            if precision is Precision.MONTH:
                return cls(date(year, int(m.group(2)), 1), precision)
            if precision is Precision.QUARTER:
                return cls(date(year, 3 * int(m.group(2)) - 2, 1), precision)
            return cls(date(year, 1, 1), precision)
        raise ValueError(f"{text!r} is not a date; use {ACCEPTED_FORMS}")

    @property
    def end(self) -> date:
        """The last day of the period."""
        y, m = self.start.year, self.start.month
        if self.precision is Precision.DAY:
            return self.start
        if self.precision is Precision.MONTH:
            return date(y, m, calendar.monthrange(y, m)[1])
        if self.precision is Precision.QUARTER:
            last = m + 2
            return date(y, last, calendar.monthrange(y, last)[1])
        return date(y, 12, 31)

    @property
    def in_range(self) -> bool:
        """Whether the whole period lies between EARLIEST and LATEST."""
        return EARLIEST <= self.start and self.end <= LATEST

    def iso(self) -> str:
        """The machine form: 2025-09-08, 2025-09, 2025-Q3 or 2025."""
        return format_iso(self.start, self.precision)

    def human(self) -> str:
        """The reader's form: 8 September 2025, September 2025, Q3 2025 or 2025."""
        return format_human(self.start, self.precision)


def format_iso(start: date | None, precision: str | None) -> str:
    """ISO-like text of a date at its precision ('' for no date)."""
    if start is None:
        return ""
    p = Precision(precision or Precision.DAY)
    if p is Precision.DAY:
        return start.isoformat()
    if p is Precision.MONTH:
        return f"{start.year:04d}-{start.month:02d}"
    if p is Precision.QUARTER:
        return f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
    return f"{start.year:04d}"


def format_human(start: date | None, precision: str | None) -> str:
    """Readable text of a date at its precision ('' for no date)."""
    if start is None:
        return ""
    p = Precision(precision or Precision.DAY)
    if p is Precision.DAY:
        return f"{start.day} {calendar.month_name[start.month]} {start.year}"
    if p is Precision.MONTH:
        return f"{calendar.month_name[start.month]} {start.year}"
    if p is Precision.QUARTER:
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    return str(start.year)


def compatible(a: str, b: str) -> bool:
    """Whether two ISO partial dates can both be true (2025-09 and 2025-09-08 can)."""
    pa, pb = PartialDate.parse(a), PartialDate.parse(b)
    return pa.start <= pb.end and pb.start <= pa.end
