"""Lists and pages of records: deals, shipments, commodities, parties, sources."""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, abort, render_template
from sqlalchemy import bindparam, select

from tracker.charts import dashboards
from tracker.db import get_session
from tracker.models import Commodity, Party, Source
from tracker.queries import list_sorts
from tracker.queries.commitments import commitments_for, status_history
from tracker.queries.commodities import group_members, parent_of
from tracker.queries.controls import count_controls, list_controls
from tracker.queries.deals import citations_for, count_deals, deal_page, list_deals
from tracker.queries.disagreements import disagreements as find_disagreements
from tracker.queries.events import count_events, list_events
from tracker.queries.evidence import Evidence
from tracker.queries.facets import DealIds, deal_facets
from tracker.queries.filters import SELECTION, Filter
from tracker.queries.record_pages import event_page, shipment_page, source_claims
from tracker.queries.reference import get_by_slug, list_commodities, list_parties, list_sources
from tracker.queries.search import words
from tracker.queries.shipment_facets import SelectionIds, shipment_facets
from tracker.queries.shipments import count_shipments, count_shown, list_shipments
from tracker.views.cached import cached
from tracker.views.common import current_filter, page_count
from tracker.views.facet_cache import remembered

bp = Blueprint("records", __name__)
_S = Source.__table__
LINK_CHECK = select(_S.c.link_checked_at, _S.c.link_status, _S.c.link_error).where(
    _S.c.id == bindparam("id")
)
# A record page shows the first page of each related list (this many rows); the pager under
# it goes on in the full filtered list, so the page stays short at any size.
RELATED_LIMIT = 20
# The Filter parameters each page takes (the rest get a 400 naming them). Lists shown whole take
# the selection without paging; a record page takes what can narrow its own lists.
LIST_PAGE_PARAMETERS = SELECTION
# The lists shown whole also sort (tracker/queries/list_sorts).
SORTED_LIST_PARAMETERS = (*SELECTION, "sort")
# /parties and /sources hold hundreds of rows at scale (449 parties and 200 sources at a million
# items), shown a page at a time.
PAGED_LIST_PARAMETERS = (*SORTED_LIST_PARAMETERS, "page", "per_page")
# A deal's page narrows its timeline, and pages its shipments (about 100 a deal at a million).
DEAL_PAGE_PARAMETERS = ("event_kind", "from", "to", "page", "per_page")
COMMODITY_PAGE_PARAMETERS = tuple(p for p in SELECTION if p != "commodity")
PARTY_PAGE_PARAMETERS = tuple(p for p in SELECTION if p not in ("party", "country"))


@bp.get("/deals")
def deals():
    """Deals the Filter selects, a page at a time (kept until the next write, like /timeline:
    rendering 50 rows costs more than the queries at any size)."""
    f = current_filter()
    return cached("records/deals.html", f, lambda: _deals_page(get_session(), f))


def _deals_page(session, f: Filter) -> str:
    # Kept until the next write, like the facets: every page and sort of one selection shares
    # it (a word search counted 10,000 deals again on each page). A word search's deals are
    # read once, for the count and the facets.
    picked = DealIds(session, remembered)
    selection = replace(f, page=1, sort="")
    count = (lambda: len(picked.ids(f))) if words(f.q) else (lambda: count_deals(session, f))
    total = remembered("deal-count", selection, count)
    return render_template(
        "records/deals.html",
        f=f,
        sort_kind="deals",
        facets=deal_facets(session, f, remembered, picked),
        rows=list_deals(session, f),
        total=total,
        pages=page_count(total, f.per_page),
    )


@bp.get("/deals/<slug>")
def deal(slug: str):
    """One deal: parties, commodities, value, dates, commitments, status history, timeline,
    shipments (a page at a time: ?page=, ?per_page=), sources, conflicts; ?event_kind=, ?from=
    and ?to= narrow its timeline."""
    f = current_filter(DEAL_PAGE_PARAMETERS)
    compute = lambda: _deal_page(get_session(), slug, f)  # noqa: E731
    return cached("records/deal.html", f, compute, slug, record=("deal", slug))


def _deal_page(session, slug: str, f: Filter) -> str:
    page = deal_page(session, slug, f.offset, f.per_page)
    if page is None:
        abort(404, f"No deal is called {slug!r}.")
    pages = page_count(page.shipment_total, f.per_page)
    if f.page > pages:
        abort(404, f"The deal's shipments end on page {pages}.")
    commitments = commitments_for(session, [page.deal.id])
    # The commitments' sources sit with the deal's: listed, and compared for disagreements.
    page.citations += citations_for(session, {("commitment", r.commitment.id) for r in commitments})
    titles = {("event", e.id): e.summary for e in page.events}
    titles |= {("shipment", s.id): s.description or s.slug for s, *_ in page.shipments}
    titles |= {
        ("commitment", r.commitment.id): r.commitment.summary or r.commitment.slug
        for r in commitments
    }
    ev = Evidence(page.citations, titles)
    disputed = {c.record_id for c in ev.conflicts if c.record_type == "commitment"}
    page.events = [e for e in page.events if _event_selected(e, f)]
    return render_template(
        "records/deal.html",
        p=page,
        d=page.deal,
        ev=ev,
        conflicts=ev.conflicts,
        f=f,
        disputed_commitments=disputed,
        commitments=commitments,
        statuses=status_history(session, page.deal.id),
        shipment_pages=pages,
    )


def _event_selected(event, f: Filter) -> bool:
    """Whether EVENT is of F's event kinds and in its date range."""
    if f.event_kind and event.kind not in f.event_kind:
        return False
    if f.date_from and event.date < f.date_from.start:
        return False
    return not (f.date_to and event.date > f.date_to.end)


@bp.get("/export-controls")
def export_controls():
    """Export controls the Filter selects: what, by whom, since when, suspended when."""
    f = current_filter()
    session = get_session()
    total = count_controls(session, f)
    return render_template(
        "records/export_controls.html",
        f=f,
        rows=list_controls(session, f),
        total=total,
        pages=page_count(total, f.per_page),
    )


@bp.get("/events/<slug>")
def event(slug: str):
    """One event: date, kind, summary, what it concerns, each with its sources."""
    return _record_page("records/event.html", event_page, "event", slug, short="e")


@bp.get("/shipments/<slug>")
def shipment(slug: str):
    """One shipment: where from and to, when, what it carried, each with its sources."""
    return _record_page("records/shipment.html", shipment_page, "shipment", slug, short="s")


def _record_page(template: str, lookup, noun: str, slug: str, *, short: str) -> str:
    """The cached page of the record LOOKUP finds by SLUG (its NOUN attribute given to TEMPLATE
    as SHORT), or a 404 naming what was asked for."""

    def page():
        p = lookup(get_session(), slug)
        if p is None:
            abort(404, f"No {noun} is called {slug!r}.")
        return render_template(template, p=p, ev=Evidence(p.citations), **{short: getattr(p, noun)})

    return cached(template, None, page, slug, record=(noun, slug))


@bp.get("/sources/<int:source_id>")
def source(source_id: int):
    """One source: what it is, where to read it (or its archived copy), every claim it supports."""

    def page():
        session = get_session()
        record = session.get(Source, source_id)
        if record is None or record.deleted:
            abort(404, f"No source has the number {source_id}.")
        claims = source_claims(session, record)
        return render_template("records/source.html", s=record, claims=claims)

    return cached("records/source.html", None, page, source_id, *link_check(source_id))


def link_check(source_id: int) -> tuple:
    """The source's last link check, which its page shows and keys on: the check's writes
    leave the data version alone (cache/versioning.OWN_PAGE_COLUMNS)."""
    row = get_session().connection().execute(LINK_CHECK, {"id": source_id}).first()
    return tuple(row) if row is not None else ()


@bp.get("/shipments")
def shipments():
    """Shipments the Filter selects, a page at a time (kept until the next write, as /deals)."""
    f = current_filter()
    return cached("records/shipments.html", f, lambda: _shipments_page(get_session(), f))


def _shipments_page(session, f: Filter) -> str:
    picked = SelectionIds(session, remembered)
    selection = replace(f, page=1, sort="")
    total, more = remembered("shipment-count", selection, lambda: count_shown(session, f, picked))
    rows = list_shipments(session, f, picked)
    pages = page_count(total, f.per_page)
    if more:  # the count stopped at COUNT_CAP: the pager goes on while pages are full
        pages = max(pages, f.page + (len(rows) == f.per_page))
    return render_template(
        "records/shipments.html",
        f=f,
        sort_kind="shipments",
        facets=shipment_facets(session, f, remembered, picked),
        rows=rows,
        total=total,
        more=more,
        pages=pages,
    )


@bp.get("/commodities")
def commodities():
    """Every commodity the tracker knows, with its deal and shipment counts (with a filter: those
    of the selected deals and shipments)."""
    f = current_filter(SORTED_LIST_PARAMETERS)

    def page():
        rows = list_sorts.sort_rows("commodities", f, list_commodities(get_session(), f))
        return render_template("records/commodities.html", rows=rows, f=f)

    # Cached until the next write: its counts sum every deal and shipment the filter selects.
    return cached("records/commodities.html", f, page)


@bp.get("/commodities/<slug>")
def commodity(slug: str):
    """One commodity: its deals, shipments and events."""
    narrowing = current_filter(COMMODITY_PAGE_PARAMETERS)

    def page():
        session = get_session()
        record = get_by_slug(session, Commodity, slug)
        if record is None:
            abort(404, f"No commodity is called {slug!r}.")
        f = replace(narrowing, commodity=(slug,))
        extra = {
            "members": group_members(session, record),
            "parent": parent_of(session, record),
        }
        return _related(
            "records/commodity.html", record, f, dashboards.commodity_charts, "commodity", extra
        )

    return cached("records/commodity.html", narrowing, page, slug, record=("commodity", slug))


@bp.get("/parties")
def parties():
    """Companies, agencies and the countries that take part in deals (with a filter: in the
    selected deals), a page at a time: every party is counted and sorted, one page rendered."""
    f = current_filter(PAGED_LIST_PARAMETERS)

    def page():
        rows = list_sorts.sort_rows("parties", f, list_parties(get_session(), f))
        return render_template(
            "records/parties.html",
            rows=rows[f.offset : f.offset + f.per_page],
            f=f,
            total=len(rows),
            pages=page_count(len(rows), f.per_page),
        )

    # Cached until the next write: its counts sum every deal the filter selects.
    return cached("records/parties.html", f, page)


@bp.get("/parties/<slug>")
def party(slug: str):
    """One party: its deals (with its roles), shipments and events."""
    narrowing = current_filter(PARTY_PAGE_PARAMETERS)

    def page():
        record = get_by_slug(get_session(), Party, slug)
        if record is None or record.deleted:
            abort(404, f"No party is called {slug!r}.")
        if record.kind == "country":
            f = replace(narrowing, country=(record.iso3,))
        else:
            f = replace(narrowing, party=(slug,))
        return _related("records/party.html", record, f, dashboards.party_charts, "party")

    return cached("records/party.html", narrowing, page, slug, record=("party", slug))


def _related(template: str, record, f: Filter, charts, record_type: str, extra: dict | None = None):
    session = get_session()
    ev = Evidence(citations_for(session, {(record_type, record.id)}))
    data = _related_data(session, f, charts)
    return render_template(template, record=record, f=f, ev=ev, **(extra or {}), **data)


def _related_data(session, f: Filter, charts) -> dict:
    limited = replace(f, per_page=RELATED_LIMIT)
    return {
        "deals": list_deals(session, limited),
        "deal_total": count_deals(session, f),
        "shipments": list_shipments(session, limited),
        "shipment_total": count_shipments(session, f),
        "events": list_events(session, limited, newest_first=False),
        "event_total": count_events(session, f),
        "related_per_page": RELATED_LIMIT,
        "charts": charts(session, f),
    }


@bp.get("/sources")
def sources():
    """Every source with the number of facts it supports (with a filter: the sources of the
    selected deals, shipments and events; ?source_type= keeps sources of those types), a page
    at a time: every source is counted and sorted, one page rendered."""
    f = current_filter(PAGED_LIST_PARAMETERS, allow=("source_type",))
    types = tuple(dict.fromkeys(v for k, v in f.extra if k == "source_type"))

    def page():
        rows = list_sorts.sort_rows("sources", f, list_sources(get_session(), f, types))
        # The download holds the same sources: the filter and the types (this list's own
        # sorts, such as by facts cited, are not columns of the CSV).
        download = [(k, v) for k, v in f.to_args() if k != "sort"]
        download += [("source_type", t) for t in types]
        return render_template(
            "records/sources.html",
            rows=rows[f.offset : f.offset + f.per_page],
            total=len(rows),
            pages=page_count(len(rows), f.per_page),
            f=f,
            types=types,
            download=download,
        )

    # Cached until the next write: its counts go through every citation (10,000 at 1M items).
    return cached("records/sources.html", f, page, types)


@bp.get("/disagreements")
def disagreements():
    """Every field on which sources disagree, for the records the Filter selects."""
    f = current_filter()
    rows = find_disagreements(get_session(), f)
    return render_template(
        "records/disagreements.html",
        f=f,
        rows=rows[f.offset : f.offset + f.per_page],
        total=len(rows),
        pages=page_count(len(rows), f.per_page),
    )
