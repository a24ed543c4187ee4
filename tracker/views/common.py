"""What every filtered view does first: parse the Filter once and check its names exist."""

from __future__ import annotations

from collections.abc import Iterable

from flask import request

from tracker.db import get_session
from tracker.queries.conditions import check_known
from tracker.queries.filters import PARAMETERS, Filter, FilterError


def current_filter(accept: Iterable[str] = PARAMETERS) -> Filter:
    """The Filter of this request's query string, taking only the parameters in ACCEPT
    (FilterError -> a 400 page naming the parameter)."""
    for name, value in request.args.items(multi=True):
        if "\x00" in value:  # PostgreSQL refuses NUL in text: a 400 here, not a 500 there
            raise FilterError(name, "must not contain NUL characters")
    f = Filter.from_args(request.args, accept=accept)
    check_known(get_session(), f)
    return f


def page_count(total: int, per_page: int) -> int:
    """Pages needed for TOTAL rows (at least one, so an empty list still has page 1)."""
    return max(1, -(-total // per_page))
