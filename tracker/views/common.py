"""What every filtered view does first: parse the Filter once and check its names exist."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

from flask import Flask, request
from werkzeug.routing import IntegerConverter, RequestRedirect

from tracker.db import get_session
from tracker.queries.conditions import check_known, resolve_names
from tracker.queries.filters import PARAMETERS, Filter, FilterError
from tracker.records.vocab import SOURCE_TYPES
from tracker.views.errors import audience

# What a query string without parameters parses to (a Filter is frozen: one serves all).
NO_FILTER = Filter()


def current_filter(accept: Iterable[str] = PARAMETERS, *, allow: tuple[str, ...] = ()) -> Filter:
    """The Filter of this request's query string, taking only the parameters in ACCEPT and the
    page's own in ALLOW, read from f.extra (FilterError -> a 400 page naming the parameter)."""
    if not request.args:
        # Most record pages come without a query string: nothing to parse, name or check (a
        # quarter of a cached page's time in the process went here).
        return NO_FILTER
    for name, value in request.args.items(multi=True):
        if "\x00" in value:  # PostgreSQL refuses NUL in text: a 400 here, not a 500 there
            raise FilterError(name, "must not contain NUL characters")
    f = Filter.from_args(request.args, accept=accept, allow=allow)
    named = resolve_names(get_session(), f)
    check_known(get_session(), named)
    check_source_types(v for k, v in named.extra if k == "source_type")
    _redirect_to_codes(f, named)
    return named


def _redirect_to_codes(parsed: Filter, resolved: Filter) -> None:
    """A page asked for with names or empty fields (a submitted form) answers with a redirect
    to the same view in codes and slugs, without the empty fields: the URL a person shares
    holds only what was chosen, in the stable form."""
    if request.method != "GET" or audience() != "html":
        return
    pairs = list(request.args.items(multi=True))
    canonical = resolved.to_args(paging=True) + list(resolved.extra)
    if any(not v.strip() for _, v in pairs) or resolved != parsed or _moved(parsed, pairs):
        qs = urlencode(canonical)
        raise RequestRedirect(request.path + (f"?{qs}" if qs else ""))


def _moved(parsed: Filter, pairs: list[tuple[str, str]]) -> bool:
    """Whether a country came as a name or a lower-case code (not as its alpha-3 code)."""
    given = [v.strip().upper() for k, v in pairs if k == "country" and v.strip()]
    return given != list(parsed.country)


def check_source_types(values) -> None:
    """Refuse a source_type that is not in the vocabulary."""
    for value in values:
        if value not in SOURCE_TYPES:
            raise FilterError("source_type", f"{value!r} is not one of: {', '.join(SOURCE_TYPES)}")


def page_count(total: int, per_page: int) -> int:
    """Pages needed for TOTAL rows (at least one, so an empty list still has page 1)."""
    return max(1, -(-total // per_page))


# Ids are BIGINT-sized at most: a larger number in a URL names nothing (404), and must never
# reach the database driver (an overflow there was a 500).
MAX_URL_ID = 2**63 - 1


class RecordIdConverter(IntegerConverter):
    """`<int:...>` in every route: 0 to MAX_URL_ID; anything larger does not match (404)."""

    def __init__(self, url_map, fixed_digits=0, min=None, max=MAX_URL_ID, signed=False):
        super().__init__(url_map, fixed_digits, min, max, signed)


def register_converters(app: Flask) -> None:
    """Install the bounded `int` converter (before any route is added)."""
    app.url_map.converters["int"] = RecordIdConverter
