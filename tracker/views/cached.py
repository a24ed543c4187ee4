"""Pages cached per data version: the same page and filter cost two small queries (the filter's
names and the version) until a write. The rendered HTML is what is kept: rendering tables of a
few hundred rows costs more than the lookup, and would make a cached page grow with the data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app, g

from tracker.cache import EXTENSION, versioning
from tracker.db import get_session
from tracker.queries.filters import Filter


def data_version() -> int | None:
    """The data version this request reads (once per request)."""
    if "data_version" not in g:
        g.data_version = versioning.read(get_session())
    return g.data_version


def cached(name: str, f: Filter, compute: Callable[[], Any], *extra: object) -> Any:
    """COMPUTE's result for page NAME and Filter F (the page's whole input, with the URL's
    path), reused until the data version changes."""
    version = data_version()
    if version is None:
        return compute()
    key = (version, name, tuple(f.to_args(paging=True)), f.per_page, *extra)
    return current_app.extensions[EXTENSION].get_or_compute(key, compute)
