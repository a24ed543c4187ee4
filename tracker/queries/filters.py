"""The one Filter: a query string parsed once, used by every page, export and API call."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from tracker.records import vocab
from tracker.records.partial_dates import ACCEPTED_FORMS, PartialDate

# Lists page in steps a screen can show; exports ignore paging.
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500
# A search term longer than this is not a search but a mistake (or an attack on LIKE).
MAX_QUERY_CHARS = 200
MULTI = ("commodity", "country", "party", "kind", "status", "event_kind")
_DIGITS = re.compile(r"[0-9]{1,20}")
SINGLE = ("from", "to", "q", "sort", "page", "per_page")
# A sort key: a column name, '-' before it for descending (each list checks its own names).
SORT_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz_-")
PARAMETERS = MULTI + SINGLE
# What selects records, without paging: the pages that list everything at once take these.
SELECTION = MULTI + ("from", "to", "q")
# The Filter's fields that select (its names for SELECTION).
SELECTING = (*MULTI, "date_from", "date_to", "q")


class FilterError(ValueError):
    """A filter parameter has a value the tracker does not accept."""

    def __init__(self, parameter: str, message: str):
        self.parameter = parameter
        self.message = message
        super().__init__(f"{parameter}: {message}")


@dataclass(frozen=True)
class Filter:
    """What a view selects: every list is OR within a parameter and AND across parameters."""

    commodity: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    party: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    event_kind: tuple[str, ...] = ()
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None
    q: str = ""
    sort: str = ""
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    extra: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @classmethod
    def from_args(
        cls, args: Any, *, allow: Iterable[str] = (), accept: Iterable[str] = PARAMETERS
    ) -> Filter:
        """Parse a query string (a MultiDict); raise FilterError naming the bad parameter.

        ACCEPT declares which Filter parameters the page uses (all by default); ALLOW adds the
        page's own. Anything else is refused, so a typo such as ?comodity=, or a filter the
        page would silently ignore, is an error rather than a quietly wrong page.
        """
        accepted = [name for name in PARAMETERS if name in set(accept)]
        allowed = set(accepted) | set(allow)
        for name in args.keys():
            if name not in allowed:
                raise FilterError(name, _not_accepted(name, [*accepted, *allow]))
        values: dict[str, Any] = {}
        for name in MULTI:
            items = [v.strip() for v in args.getlist(name) if v.strip()]
            values[name] = tuple(dict.fromkeys(_check_multi(name, items)))
        values["date_from"] = _date(args.get("from"), "from")
        values["date_to"] = _date(args.get("to"), "to")
        if values["date_from"] and values["date_to"] and values["date_from"] > values["date_to"]:
            raise FilterError("to", "must not be before 'from'")
        q = (args.get("q") or "").strip()
        if len(q) > MAX_QUERY_CHARS:
            raise FilterError("q", f"at most {MAX_QUERY_CHARS} characters")
        values["q"] = q
        sort = (args.get("sort") or "").strip()
        if len(sort) > 40 or not set(sort) <= SORT_CHARS:
            raise FilterError("sort", f"{sort[:40]!r} is not a sort key such as date or -value")
        values["sort"] = sort
        values["page"] = _int(args.get("page"), "page", 1, 1, 10**6)
        values["per_page"] = _int(
            args.get("per_page"), "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE
        )
        values["extra"] = tuple((k, v) for k in allow for v in args.getlist(k))
        return cls(**values)

    def to_args(self, *, paging: bool = False) -> list[tuple[str, str]]:
        """The query string pairs that give this Filter back (for links and downloads)."""
        pairs = [(name, v) for name in MULTI for v in getattr(self, name)]
        if self.date_from:
            pairs.append(("from", self.date_from.iso()))
        if self.date_to:
            pairs.append(("to", self.date_to.iso()))
        if self.q:
            pairs.append(("q", self.q))
        if self.sort:
            pairs.append(("sort", self.sort))
        if paging:
            if self.page != 1:
                pairs.append(("page", str(self.page)))
            if self.per_page != DEFAULT_PER_PAGE:
                pairs.append(("per_page", str(self.per_page)))
        return pairs

    def with_page(self, page: int) -> Filter:
        """The same selection on another page."""
        return replace(self, page=page)

    def selection(self) -> Filter:
        """What the Filter selects, without its page, sort or page size: the key of what depends
        on the selection alone (facet counts, a selection's ids and floor)."""
        return replace(self, page=1, sort="", per_page=DEFAULT_PER_PAGE)

    @property
    def active(self) -> bool:
        """Whether anything narrows the selection (the sort order does not)."""
        return any(name != "sort" for name, _ in self.to_args())

    def selects_only(self, *names: str) -> bool:
        """Whether the Filter selects by nothing but the fields NAMES (such as 'q')."""
        return not any(getattr(self, name) for name in SELECTING if name not in names)

    @property
    def offset(self) -> int:
        """Rows to skip for this page."""
        return (self.page - 1) * self.per_page


# Names people type that ISO 3166 spells otherwise.
COMMON_COUNTRY_NAMES = {
    "russia": "RUS",
    "turkey": "TUR",
    "uk": "GBR",
    "britain": "GBR",
    "great britain": "GBR",
    "england": "GBR",
    "dr congo": "COD",
    "drc": "COD",
    "congo-kinshasa": "COD",
    "democratic republic of the congo": "COD",
    "south korea": "KOR",
    "north korea": "PRK",
    "iran": "IRN",
    "syria": "SYR",
    "laos": "LAO",
    "bolivia": "BOL",
    "venezuela": "VEN",
    "tanzania": "TZA",
    "vietnam": "VNM",
    "ivory coast": "CIV",
    "us": "USA",
    "america": "USA",
}


@cache
def country_names() -> dict[str, str]:
    """Every name, alias and code a country goes by (lowercased) -> its alpha-3 code."""
    from tracker.seeding.reference import countries

    names: dict[str, str] = {}
    for row in countries():
        for name in (row.name, *row.aliases, row.slug):
            names.setdefault(name.lower(), row.iso3)
    return names | COMMON_COUNTRY_NAMES


def country_code(item: str) -> str:
    """The alpha-3 code of a code or a name ("United States", "usa", "Pakistan"), or a
    FilterError with the closest names."""
    code = country_names().get(item.strip().lower())
    if code is not None:
        return code
    close = difflib.get_close_matches(item.lower(), list(country_names()), n=4, cutoff=0.6)
    hint = f"; did you mean {', '.join(_titled(c) for c in close)}?" if close else ""
    raise FilterError(
        "country", f"{item!r} is no country name or ISO 3166 alpha-3 code (e.g. PAK){hint}"
    )


def _titled(name: str) -> str:
    return name.upper() if len(name) <= 3 else name.title()


def _not_accepted(name: str, accepted: list[str]) -> str:
    """Why NAME is refused, and what the page takes instead."""
    takes = f"use {', '.join(accepted)}" if accepted else "this page takes no parameters"
    if name in PARAMETERS:
        return f"does not apply to this page; {takes}"
    return f"unknown parameter; {takes}"


def _check_multi(name: str, items: list[str]) -> list[str]:
    if name == "country":
        return [country_code(item) for item in items]
    allowed = {
        "kind": vocab.DEAL_KINDS,
        "status": vocab.DEAL_STATUSES,
        "event_kind": vocab.EVENT_KINDS,
    }.get(name)
    for item in items:
        if allowed is not None and item not in allowed:
            raise FilterError(name, f"{item!r} is not one of: {', '.join(allowed)}")
    return items


def _date(value: str | None, name: str) -> PartialDate | None:
    if not value or not value.strip():
        return None
    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        raise FilterError(name, f"{value!r} is not a date; use {ACCEPTED_FORMS}") from exc


def _int(value: str | None, name: str, default: int, low: int, high: int) -> int:
    if value is None or value == "":
        return default
    # ASCII digits only: int() also takes "١" (Arabic-Indic), " 5", "+5" and "1_0".
    if not _DIGITS.fullmatch(value):
        raise FilterError(name, f"{value!r} is not a whole number from {low} to {high}")
    number = int(value)
    if not low <= number <= high:
        raise FilterError(
            name, f"{number} is out of range: use a whole number from {low} to {high}"
        )
    return number
