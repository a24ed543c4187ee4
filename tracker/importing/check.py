"""Reading an uploaded CSV and checking every row, collecting every problem before any write."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlmodel import Session

from tracker.export.formulas import restore_row
from tracker.importing.columns import COLUMNS, DERIVED, LIST_SEPARATOR
from tracker.models import Commodity, Party
from tracker.records.checks import Checked
from tracker.records.lookup import SessionRefs

# One import is a correction or a batch, not a bulk load (that is what the seed is for).
MAX_ROWS = 20_000
# Python's default csv cell limit; the record checks refuse far shorter text anyway. Set on
# every read because the limit is process-wide and libraries (frictionless) raise it.
MAX_CELL_CHARS = 131_072


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
    """One import's lookups (names to slugs, the Refs the record checks ask) and the problems
    found so far, each with its row and column."""

    session: Session
    problems: list[Problem] = field(default_factory=list)
    row: int = 0

    def __post_init__(self) -> None:
        s = self.session
        self.refs = SessionRefs(s)
        self.commodity_names: dict[str, str] = dict(
            s.execute(select(Commodity.name, Commodity.slug)).all()
        )
        self.party_names: dict[str, set[str]] = {}
        for name, slug in s.execute(select(Party.name, Party.slug)):
            self.party_names.setdefault(name, set()).add(slug)

    def fail(self, column: str, message: str) -> None:
        """Record a problem in the current row."""
        self.problems.append(Problem(self.row, column, message))

    def report(self, checked: Checked, columns: dict[str, str]) -> None:
        """The record check's problems, each on the CSV column its field came from."""
        for p in checked.problems:
            head, _, rest = p.field.partition("].")
            name = rest if head.startswith("items[") else p.field
            self.fail(columns.get(name, name), p.message)

    def party(self, column: str, text: str) -> str | None:
        """The slug of the party TEXT names, by slug or by its (unambiguous) name; TEXT itself
        when neither (the record check then says that no party is called that)."""
        text = text.strip()
        slugs = self.party_names.get(text, set())
        if self.refs.has("party", text) or not slugs:
            return text
        if len(slugs) > 1:
            self.fail(column, f"several parties are called {text!r}; use the slug")
            return None
        return next(iter(slugs))

    def commodity(self, _column: str, text: str) -> str:
        """The slug of the commodity TEXT names, by slug or name."""
        text = text.strip()
        return self.commodity_names.get(text, text)

    def listed(self, row: dict, column: str, resolve) -> list[str]:
        """A '; '-separated list of names or slugs, each resolved to a slug."""
        items = (row.get(column) or "").split(LIST_SEPARATOR.strip())
        slugs = [resolve(column, s) for s in items if s.strip()]
        return [s for s in slugs if s is not None]


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
    csv.field_size_limit(MAX_CELL_CHARS)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        checker.fail("", f"the header cannot be read as CSV: {_csv_error(exc)}")
        return []
    expected = COLUMNS[kind]
    twice = sorted(c for c, n in Counter(header).items() if n > 1)
    if twice:
        checker.fail("", f"columns appear more than once in the header: {', '.join(twice)}")
        return []
    missing = [c for c in expected if c not in header and c not in DERIVED]
    unknown = [c for c in header if c not in expected]
    if missing or unknown:
        checker.fail(
            "",
            f"columns must be those of the {kind} export; missing: "
            f"{', '.join(missing) or 'none'}; unknown: {', '.join(unknown) or 'none'}",
        )
        return []
    rows: list[dict[str, str]] = []
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return rows
        except csv.Error as exc:
            checker.row = reader.line_num + 1  # the line being read when it failed
            checker.fail("", f"{_csv_error(exc)}; nothing after this row was read")
            return rows
        if None in row or len(rows) >= MAX_ROWS:
            checker.row = reader.line_num
            checker.fail("", f"has more cells than columns, or the file passes {MAX_ROWS} rows")
            return rows
        rows.append(restore_row(row))  # the export's formula guard off again


def _csv_error(exc: csv.Error) -> str:
    """What the csv module refused, in words (its own message names an internal limit)."""
    if "field larger than field limit" in str(exc):
        return f"a cell is longer than {MAX_CELL_CHARS:,} characters"
    return f"not CSV ({exc})"
