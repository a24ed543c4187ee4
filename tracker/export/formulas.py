"""CSV formula injection: text a spreadsheet would run as a formula is written inert, and read back.

Excel, LibreOffice and Google Sheets run a cell that begins with =, +, -, @ (or a tab or carriage
return before one) as a formula: `=HYPERLINK(...)` in a deal title would run on a researcher's
machine. The export writes such a text cell with a leading apostrophe, which spreadsheets show
as plain text; the import takes the apostrophe off again, so export -> import changes nothing.

The rule is exactly invertible: a text that already begins with apostrophes followed by one of
these characters gets one more, and the import removes exactly one from such a cell.
"""

from __future__ import annotations

import re

from sqlalchemy import case, func, literal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PREFIX = "'"
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")
_RISKY = re.compile(r"'*[=+\-@\t\r]")


def neutralise(text: str) -> str:
    """TEXT as the export writes it: one apostrophe added when it could run as a formula."""
    return PREFIX + text if _RISKY.match(text) else text


def restore(cell: str) -> str:
    """A cell as the import reads it: the export's apostrophe taken off again."""
    return cell[1:] if _NEUTRALISED.match(cell) else cell


def restore_row(row: dict[str, str | None]) -> dict[str, str | None]:
    """Every cell of a CSV row through restore (numbers and dates never carry the apostrophe)."""
    return {name: restore(value) if value else value for name, value in row.items()}


def neutralised_sql(value):
    """neutralise as a SQL expression, for the CSV the database builds (SQLite and PostgreSQL)."""
    first_after_apostrophes = func.substr(func.ltrim(value, PREFIX), 1, 1)
    return case(
        (first_after_apostrophes.in_(FORMULA_STARTS), literal(PREFIX) + value),
        else_=value,
    )
