"""How the lists shown whole (/commodities, /parties, /sources) sort: `sort=NAME` ascending,
`sort=-NAME` descending, by a column or a count of the selected records.

These lists hold hundreds of rows, counted by GROUP BYs before they are shown, so they sort
in Python after counting: stably, ties in the order of the records' ids in either direction,
and rows without a value (no deals, no date) last in either direction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tracker.queries.filters import Filter, FilterError

# name -> the row's value; the rows are (record, counts...) as tracker/queries/reference gives
# (a source's record is a row of its listed columns, read with the same attribute names).
Key = Callable[[tuple], Any]


def _text(value: str | None) -> str | None:
    return value.casefold() if value else None


SORTS: dict[str, dict[str, Key]] = {
    "commodities": {
        "name": lambda r: _text(r[0].name),
        "group": lambda r: _text(r[0].group),
        "deals": lambda r: r[1],
        "shipments": lambda r: r[2],
        "value": lambda r: r[3],
    },
    "parties": {
        "name": lambda r: _text(r[0].name),
        "kind": lambda r: r[0].kind,
        "country": lambda r: r[0].iso3 or r[0].country_iso3,
        "deals": lambda r: r[1],
        "value": lambda r: r[2],
    },
    "sources": {
        "date": lambda r: r[0].published_on,
        "title": lambda r: _text(r[0].title),
        "publisher": lambda r: _text(r[0].publisher),
        "facts": lambda r: r[1],
    },
}
# The order each list had before it could be sorted (and the header shows): tracker/queries/
# sorting.DEFAULTS names the same, so the sortable headers of _sort.html read it alike.
DEFAULTS = {"commodities": "name", "parties": "name", "sources": "-date"}


def choices(kind: str) -> list[str]:
    """Every accepted value of sort for KIND, as the 400 and the README list them."""
    return [v for name in SORTS[kind] for v in (name, f"-{name}")]


def check(kind: str, f: Filter) -> None:
    """Refuse a sort KIND does not offer, naming the ones it does (a 400 page)."""
    if f.sort and f.sort not in choices(kind):
        names = ", ".join(choices(kind))
        raise FilterError("sort", f"{f.sort!r} is not a sort of {kind}; use one of: {names}")


def sort_rows(kind: str, f: Filter, rows: list[tuple]) -> list[tuple]:
    """ROWS in F's sort (or KIND's default), checked first."""
    check(kind, f)
    wanted = f.sort or DEFAULTS[kind]
    key = SORTS[kind][wanted.lstrip("-")]
    by_id = sorted(rows, key=lambda r: r[0].id)
    valued = [r for r in by_id if key(r) is not None]
    empty = [r for r in by_id if key(r) is None]
    # sorted() is stable with reverse=True too: equal keys keep their id order.
    return sorted(valued, key=key, reverse=wanted.startswith("-")) + empty
