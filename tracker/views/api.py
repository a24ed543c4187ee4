"""/api/v1: the records as JSON, with the pages' Filter, paging and an OpenAPI document."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, abort, jsonify, request
from sqlalchemy import select

from tracker.api import records
from tracker.api.openapi import FILTERED, MAX_RECORD_ID, REFERENCE, document
from tracker.db import engine
from tracker.models import Commodity, Party
from tracker.queries.filters import DEFAULT_PER_PAGE, Filter, FilterError
from tracker.views.common import current_filter, page_count

bp = Blueprint("api", __name__, url_prefix="/api/v1")
KINDS = FILTERED + REFERENCE
PAGING = ("page", "per_page")


def _strict() -> None:
    """Programs get no leniency: an empty or space-padded value is refused, not ignored."""
    for name, value in request.args.items(multi=True):
        if name != "q" and (not value.strip() or value != value.strip()):
            raise FilterError(name, f"{value!r} is empty or padded; give a value or leave it out")


def _reference_filter() -> Filter:
    """Commodities and parties are not filtered: only paging is accepted."""
    for name in request.args:
        if name not in PAGING:
            raise FilterError(name, "this list takes only page and per_page")
    return Filter.from_args(request.args)


def _link(f: Filter, page: int | None) -> str | None:
    if page is None:
        return None
    pairs = f.to_args() + [("page", str(page))]
    if f.per_page != DEFAULT_PER_PAGE:
        pairs.append(("per_page", str(f.per_page)))
    return f"{request.path}?{urlencode(pairs)}"


@bp.get("/<kind>")
def listing(kind: str):
    """A page of KIND, with totals and links to the other pages."""
    if kind not in KINDS:
        abort(404, f"There is no /api/v1/{kind}; the lists are {', '.join(KINDS)}.")
    _strict()
    f = current_filter() if kind in FILTERED else _reference_filter()
    with engine().connect() as conn:
        page = records.list_page(conn, kind, f)
    pages = page_count(page.total, f.per_page)
    links = {
        "self": _link(f, f.page),
        "first": _link(f, 1),
        "last": _link(f, pages),
        # Past the end, "prev" is the last page: never a page that is empty too.
        "prev": _link(f, min(f.page - 1, pages) if f.page > 1 else None),
        "next": _link(f, f.page + 1 if f.page < pages else None),
    }
    return jsonify(
        items=page.items,
        total=page.total,
        page=f.page,
        per_page=f.per_page,
        pages=pages,
        links=links,
    )


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
