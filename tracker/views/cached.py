"""Pages cached per data version: the same page and filter cost two small queries (the filter's
names and the version) until a write. The rendered HTML is what is kept: rendering tables of a
few hundred rows costs more than the lookup, and would make a cached page grow with the data.

What differs between viewers never enters the cache. The key names the viewer's role (a
signed-in editor's page has edit links; an anonymous reader's must not), and the page is kept
as a shell: base.html leaves a marker where the viewer's own links, name and CSRF token go, and
one where flashed messages go; each request fills them in for its own viewer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app, g, render_template, session
from sqlalchemy import and_, bindparam, select

from tracker.cache import EXTENSION, versioning
from tracker.db import get_session
from tracker.models import Commodity, DataVersion, Deal, Event, PageToken, Party, Shipment
from tracker.models.version import DATA_VERSION_ID
from tracker.queries.filters import Filter

# Where base.html, rendered for the cache, leaves each viewer's own parts.
ACCOUNT_MARK, FLASHES_MARK = "<!--tracker:account-->", "<!--tracker:flashes-->"
# Where the app keeps the anonymous reader's header links, and where Flask keeps flashes.
ANONYMOUS_ACCOUNT, FLASHES = "tracker.cache.anonymous_account", "_flashes"


def data_version() -> tuple[int, int] | None:
    """The data version and records-wide token this request reads (once per request, before any
    page query)."""
    if "data_version" not in g:
        g.data_version = versioning.read(get_session())
    return g.data_version


def _token_lookup(model) -> object:
    """The data version and records-wide token, with the record's id and page token by slug
    (no record: id empty; no token row: token 0, never written since), in one statement: a
    cached record page then costs one round trip to the database, not two."""
    table, pages, versions = model.__table__, PageToken.__table__, DataVersion.__table__
    kind = table.name
    record = table.outerjoin(pages, and_(pages.c.kind == kind, pages.c.record_id == table.c.id))
    return (
        select(versions.c.version, versions.c.records_version, table.c.id, pages.c.token)
        .select_from(versions.outerjoin(record, table.c.slug == bindparam("slug")))
        .where(versions.c.id == DATA_VERSION_ID)
    )


# Built once per kind, like versioning's read: they run on every cached scoped page.
_PAGE_TOKENS = {
    model.__table__.name: _token_lookup(model)
    for model in (Deal, Shipment, Event, Party, Commodity)
}


def _record_versions(kind: str, slug: str) -> tuple[tuple[int, int] | None, tuple]:
    """(data_version(), the record's (id, page token), or () for no such record). The version
    comes with the token, unless this request has read it already (then that one stands: it
    was read before any page query)."""
    row = get_session().connection().execute(_PAGE_TOKENS[kind], {"slug": slug}).first()
    if "data_version" not in g:
        g.data_version = None if row is None else (row[0], row[1])
    token = () if row is None or row[2] is None else (row[2], row[3] or 0)
    return g.data_version, token


def viewer_role() -> str | None:
    """The signed-in viewer's role, None for an anonymous reader."""
    user = g.get("user")
    return None if user is None else user.role


def cached(
    name: str,
    f: Filter | None,
    compute: Callable[[], Any],
    *extra: object,
    record: tuple[str, str] | None = None,
) -> Any:
    """COMPUTE's result for page NAME and Filter F (the page's whole input, with EXTRA such as a
    record's slug), reused until the data version changes. The page of RECORD, a (kind, slug)
    of a deal, shipment, event, party or commodity, is reused instead until a write to what it shows
    (tracker/cache/scopes) changes its own token or the records-wide one.

    The version is read before COMPUTE runs any query, and the result is stored under that
    version: a page computed while a write commits may then hold the newer data under the older
    version (gone at the next request, which reads the newer one), never older data under the
    newer version (which would be served until the next write)."""
    if record is None:
        versions = data_version()
        token: tuple = ()
    else:
        versions, token = _record_versions(*record)
    if versions is None:
        return compute()
    version = (versions[0],) if record is None else (versions[1], *token)
    args = () if f is None else (tuple(f.to_args(paging=True)), f.per_page)
    key = (*version, viewer_role(), name, *args, *extra)
    page = current_app.extensions[EXTENSION].get_or_compute(key, lambda: _shell(compute))
    return _fill(page)


def _shell(compute: Callable[[], Any]) -> Any:
    """COMPUTE's page with markers where each viewer's own parts go."""
    outer = g.get("cache_shell", False)  # a cached part inside a cached page keeps the markers
    g.cache_shell = True
    try:
        return compute()
    finally:
        g.cache_shell = outer


def _fill(page: Any) -> Any:
    """PAGE with this request's viewer links and flashed messages in place of the markers."""
    if not isinstance(page, str):
        return page
    return page.replace(ACCOUNT_MARK, _account(), 1).replace(FLASHES_MARK, _flashes(), 1)


def _account() -> str:
    """This viewer's header links; an anonymous reader's are the same for all, rendered once."""
    if g.get("user") is not None:
        return render_template("_account.html")
    kept = current_app.extensions.setdefault(ANONYMOUS_ACCOUNT, {})
    if "html" not in kept:
        kept["html"] = render_template("_account.html")
    return kept["html"]


def _flashes() -> str:
    """This viewer's flashed messages (most requests have none: nothing to render)."""
    return render_template("_flashes.html") if session.get(FLASHES) else ""
