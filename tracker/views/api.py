"""/api/v1: the records as JSON, with the pages' Filter, paging and an OpenAPI document."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, jsonify, request
from sqlalchemy import select

from tracker.api import records
from tracker.api.openapi import FILTERED, MAX_RECORD_ID, REFERENCE, document
from tracker.db import engine
from tracker.models import Commodity, Party
from tracker.queries import paging, sorting
from tracker.queries.filters import DEFAULT_PER_PAGE, Filter, FilterError
from tracker.views.cached import cached
from tracker.views.common import current_filter, page_count

bp = Blueprint("api", __name__, url_prefix="/api/v1")
KINDS = FILTERED + REFERENCE
PAGING = ("page", "per_page", "sort")
CURSOR_KINDS = paging.CURSOR_KINDS
# A cursor is a short base64 string; anything far longer is not one of ours.
MAX_CURSOR_CHARS = 400


def _strict(exempt: tuple[str, ...] = ("q",)) -> None:
    """Programs get no leniency: an empty or space-padded value is refused, not ignored (but for
    EXEMPT: a word search may hold spaces; an empty cursor asks for the first page by cursor)."""
    for name, value in request.args.items(multi=True):
        if name not in exempt and (not value.strip() or value != value.strip()):
            raise FilterError(name, f"{value!r} is empty or padded; give a value or leave it out")


def _reference_filter() -> Filter:
    """Commodities and parties are not filtered: only paging is accepted."""
    for name in request.args:
        if name not in PAGING:
            raise FilterError(name, "this list takes only page, per_page and sort")
    return Filter.from_args(request.args)


def _link(f: Filter, page: int | None, cursor: str | None = None) -> str | None:
    if page is None and cursor is None:
        return None
    # to_args carries sort too
    pairs = f.to_args() + ([("cursor", cursor)] if cursor is not None else [("page", str(page))])
    if f.per_page != DEFAULT_PER_PAGE:
        pairs.append(("per_page", str(f.per_page)))
    return f"{request.path}?{urlencode(pairs)}"


def _cursor() -> str | None:
    """The request's cursor ('' asks for the first page by cursor), or None for page numbers."""
    if "cursor" not in request.args:
        return None
    if "page" in request.args:
        raise FilterError("cursor", "give either page or cursor, not both")
    cursors = request.args.getlist("cursor")
    if len(cursors) > 1 or len(cursors[0]) > MAX_CURSOR_CHARS:
        raise FilterError("cursor", "one cursor, as a page's next_cursor gave it")
    return cursors[0]


@bp.get("/<kind>")
def listing(kind: str):
    """A page of KIND, with totals and links to the other pages."""
    if kind not in KINDS:
        abort(404, f"There is no /api/v1/{kind}; the lists are {', '.join(KINDS)}.")
    if kind in CURSOR_KINDS:
        return _keyed_listing(kind)
    _strict()
    f = current_filter() if kind in FILTERED else _reference_filter()
    sorting.check(kind, f)
    return _kept(kind, f, None, lambda page: _answer(f, page))


def _kept(kind: str, f: Filter, cursor: str | None, answer: Callable[[records.Page], dict]):
    """The JSON of ANSWER for KIND's page under F (or after CURSOR), kept in the page cache
    until the next write like the pages' lists: a word search's exact total counts every match
    (38 ms for q=cobalt's 22,450 shipments at a million), and a client polling one URL asked
    for it each time. Kept as encoded JSON, weighed by its length. Not kept: sources (a link
    check rewrites their link columns and leaves the data version), and cursor pages after the
    first (a client walking a whole list would fill the cache with pages no one asks again)."""

    def compute() -> bytes:
        with engine().connect() as conn:
            page = records.list_page(conn, kind, f, cursor)
        return current_app.json.response(answer(page)).get_data()  # as jsonify writes it

    keep = kind != "sources" and not cursor
    body = cached(f"api:{kind}", f, compute, cursor) if keep else compute()
    return current_app.response_class(body, mimetype=current_app.json.mimetype)


def _keyed_listing(kind: str):
    """A list that also pages by cursor: ?cursor= (empty for the first page) instead of ?page=."""
    _strict(exempt=("q", "cursor"))
    f = current_filter(allow=("cursor",))
    cursor = _cursor()
    if cursor is not None:
        paging.keyset(kind, f)  # refuses relevance before any query
        return _kept(kind, f, cursor, lambda page: _cursor_answer(f, cursor, page))
    return _kept(kind, f, None, lambda page: _answer(f, page))


def _cursor_answer(f: Filter, cursor: str, page) -> dict:
    """A page by cursor, with its links."""
    return {
        "items": page.items,
        "total": page.total,
        "page": None,
        "per_page": f.per_page,
        "pages": page_count(page.total, f.per_page),
        "next_cursor": page.next_cursor,
        "links": {
            "self": _link(f, None, cursor),
            "first": _link(f, 1),
            "last": _link(f, page_count(page.total, f.per_page)),
            "prev": None,
            "next": _link(f, None, page.next_cursor),
        },
    }


def _answer(f: Filter, page) -> dict:
    """A numbered page with its links (and the cursor that goes on from it, where there is one)."""
    pages = page_count(page.total, f.per_page)
    links = {
        "self": _link(f, f.page),
        "first": _link(f, 1),
        "last": _link(f, pages),
        # Past the end, "prev" is the last page: never a page that is empty too.
        "prev": _link(f, min(f.page - 1, pages) if f.page > 1 else None),
        "next": _link(f, f.page + 1 if f.page < pages else None),
    }
    return dict(
        items=page.items,
        total=page.total,
        page=f.page,
        per_page=f.per_page,
        pages=pages,
        links=links,
        **({"next_cursor": page.next_cursor} if _keyed() else {}),
    )


def _keyed() -> bool:
    return request.view_args is not None and request.view_args.get("kind") in CURSOR_KINDS


@bp.get("/<kind>/<key>")
def record(kind: str, key: str):
    """One record with its citations (sources by number, the rest by slug)."""
    if kind not in KINDS:
        abort(404, f"There is no /api/v1/{kind}; the lists are {', '.join(KINDS)}.")
    for name in request.args:
        raise FilterError(name, "a single record takes no parameters")
    if kind == "sources" and not (key.isdigit() and int(key) <= MAX_RECORD_ID):
        abort(404, f"Sources are numbered 1 to {MAX_RECORD_ID}; {key!r} is not one.")
    with engine().connect() as conn:
        found = records.one(conn, kind, key)
    if found is None:
        abort(404, f"No {kind} record is called {key!r}.")
    return jsonify(found)


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 document, with the commodity and party slugs the tracker knows."""
    with engine().connect() as conn:
        commodities = list(conn.scalars(select(Commodity.slug).order_by(Commodity.slug)))
        parties = list(conn.scalars(select(Party.slug).order_by(Party.slug)))
    return jsonify(document(commodities, parties))
