"""Pages cached per data version: the same page and filter cost two small queries (the filter's
names and the version) until a write. The rendered HTML is what is kept: rendering tables of a
few hundred rows costs more than the lookup, and would make a cached page grow with the data.

Only pages for anonymous readers are kept. A signed-in editor's page carries edit links, their
name and a CSRF token in the header: kept, it would be served to the next anonymous reader. And
a page that shows a flashed message is computed, not kept, so the message reaches only its
reader. The key still names the viewer's role, so no future change can mix the two up."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app, g, session

from tracker.cache import EXTENSION, versioning
from tracker.db import get_session
from tracker.queries.filters import Filter

# Flask keeps pending flashed messages under this session key.
FLASHES = "_flashes"


def data_version() -> int | None:
    """The data version this request reads (once per request, before any page query)."""
    if "data_version" not in g:
        g.data_version = versioning.read(get_session())
    return g.data_version


def viewer_role() -> str | None:
    """The signed-in viewer's role, None for an anonymous reader."""
    user = g.get("user")
    return None if user is None else user.role


def cacheable() -> bool:
    """Whether this request's page may be served from and kept in the cache."""
    return viewer_role() is None and not session.get(FLASHES)


def cached(name: str, f: Filter | None, compute: Callable[[], Any], *extra: object) -> Any:
    """COMPUTE's result for page NAME and Filter F (the page's whole input, with EXTRA such as a
    record's slug), reused until the data version changes.

    The version is read before COMPUTE runs any query, and the result is stored under that
    version: a page computed while a write commits may then hold the newer data under the older
    version (gone at the next request, which reads the newer one), never older data under the
    newer version (which would be served until the next write)."""
    version = data_version()
    if version is None or not cacheable():
        return compute()
    args = () if f is None else (tuple(f.to_args(paging=True)), f.per_page)
    key = (version, viewer_role(), name, *args, *extra)
    return current_app.extensions[EXTENSION].get_or_compute(key, compute)
