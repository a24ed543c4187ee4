"""Template helpers: how dates, money and labels read on every page."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, g, request, url_for
from markupsafe import Markup

from tracker.queries import sorting
from tracker.queries.evidence import field_label
from tracker.records import vocab
from tracker.records.money import format_amount, hedge
from tracker.records.partial_dates import format_human, format_iso


def human_date(record, name: str) -> str:
    """A record's NAME date at its precision ('8 September 2025', 'September 2025')."""
    return format_human(getattr(record, f"{name}_on"), getattr(record, f"{name}_precision"))


def iso_date(record, name: str) -> str:
    """A record's NAME date in ISO form at its precision."""
    return format_iso(getattr(record, f"{name}_on"), getattr(record, f"{name}_precision"))


def money(record) -> str:
    """A record's value as read: 'approximately USD 500,000,000', 'undisclosed', or ''."""
    if getattr(record, "value_undisclosed", False):
        return "undisclosed"
    text = format_amount(record.value_amount, record.value_currency)
    words = hedge(record)
    return f"{words} {text}" if text and words else text


def usd(record) -> str:
    """The USD equivalent, when the value is in another currency and one is known."""
    if record.value_currency in (None, "USD") or record.value_usd is None:
        return ""
    return format_amount(record.value_usd, "USD")


def query(pairs, **changes) -> str:
    """A query string from PAIRS with CHANGES applied (None removes a key)."""
    kept = [(k, v) for k, v in pairs if k not in changes]
    kept += [(k, str(v)) for k, v in changes.items() if v is not None]
    return urlencode(kept)


def here(pairs, **changes) -> str:
    """A link to this page with query(PAIRS, **CHANGES): the bare path when nothing is left,
    so that "First" or a facet taken off leads to /parties, not /parties?."""
    qs = query(pairs, **changes)
    return f"?{qs}" if qs else request.path


# Where the rows behind a chart live: the CSV export once it exists, else the filtered list page.
# The CSV export behind each kind of chart (one row per deal, shipment item or event).
ROWS_BEHIND = {"deals": "deals", "shipments": "shipments", "events": "events"}
# JSON inside <script>: these would end the block or start markup; JSON strings allow \uXXXX.
SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(json_text: str) -> Markup:
    """JSON text that is safe inside a <script type="application/json"> block."""
    return Markup(json_text.translate(str.maketrans(SCRIPT_ESCAPES)))


def rows_link(kind: str, f) -> str:
    """The CSV download of the rows behind a chart under Filter F."""
    base = url_for("export.csv_file", kind=ROWS_BEHIND[kind])
    qs = query(f.to_args())
    return f"{base}?{qs}" if qs else base


def sort_state(kind: str, f, name: str) -> dict:
    """What a sortable column header shows: the link's sort, the arrow and aria-sort."""
    target, arrow = sorting.header_link(kind, f, name)
    aria = {"▲": "ascending", "▼": "descending"}.get(arrow, "none")
    return {"query": query(f.to_args(), sort=target), "arrow": arrow, "aria": aria}


def page_numbers(page: int, pages: int, around: int = 2) -> list[int | None]:
    """Page numbers a pager shows: the first, the last and those near PAGE (None: a gap)."""
    shown = sorted({1, pages, *range(max(1, page - around), min(pages, page + around) + 1)})
    out: list[int | None] = []
    for number in shown:
        if out and number - out[-1] > 1:
            out.append(None)
        out.append(number)
    return out


def view_links(kind: str, f) -> dict[str, str]:
    """The CSV, JSON and Atom addresses of the rows a view shows (same filter and sort)."""
    pairs = f.to_args()
    feed_pairs = [(k, v) for k, v in pairs if k != "sort"]
    qs, feed_qs = query(pairs), query(feed_pairs)
    return {
        "csv": url_for("export.csv_file", kind=kind) + (f"?{qs}" if qs else ""),
        "json": url_for("api.listing", kind=kind) + (f"?{qs}" if qs else ""),
        "atom": url_for("feed.atom_feed") + (f"?{feed_qs}" if feed_qs else ""),
    }


# Top-bar pages that take the Filter, so their links keep the current one.
FILTERED_NAV = frozenset(
    {
        "pages.dashboard",
        "pages.timeline",
        "records.deals",
        "records.shipments",
        "records.commodities",
        "records.parties",
        "records.sources",
        "export.index",
    }
)


def register(app: Flask) -> None:
    """Make the helpers available to every template."""
    app.jinja_env.globals.update(
        human_date=human_date,
        iso_date=iso_date,
        money=money,
        usd=usd,
        query=query,
        here=here,
        vocab=vocab,
        label=vocab.label,
        format_human=format_human,
        format_iso=format_iso,
        script_json=script_json,
        rows_link=rows_link,
        sort_state=sort_state,
        page_numbers=page_numbers,
        view_links=view_links,
        filtered_nav=FILTERED_NAV,
        field_label=field_label,
    )
    app.jinja_env.globals["commodity_choices"] = commodity_choices
    app.jinja_env.globals["key_dates"] = key_dates
    app.jinja_env.globals["name_suggestions"] = name_suggestions


# A datalist longer than this weighs on every page; the rest are found by typing the name.
MAX_PARTY_SUGGESTIONS = 400


def name_suggestions() -> dict[str, list[str]]:
    """Country and party names for the filter form's <datalist>s (two queries a request)."""
    if "name_suggestions" not in g:
        from sqlalchemy import select

        from tracker.db import get_session
        from tracker.models import Party

        session = get_session()
        countries = session.scalars(
            select(Party.name).where(Party.kind == "country").order_by(Party.name)
        ).all()
        parties = session.scalars(
            select(Party.name)
            .where(Party.kind != "country")
            .order_by(Party.synthetic, Party.name)
            .limit(MAX_PARTY_SUGGESTIONS)
        ).all()
        g.name_suggestions = {"country": list(countries), "party": list(parties)}
    return g.name_suggestions


# What each of a deal's dates is, as lists and pages name it.
KEY_DATES = (
    ("announced", "Announced"),
    ("signed", "Signed"),
    ("effective", "In force since"),
    ("ended", "Ended"),
)


def key_dates(deal) -> list[tuple[str, str, str]]:
    """(what the date is, the date at its precision, its ISO form) for each date a deal has:
    "In force since January 2024", never a first-to-last-event span. A deal that has ended was
    in force *from* its effective date."""
    out = []
    for name, what in KEY_DATES:
        start = getattr(deal, f"{name}_on")
        if start is None:
            continue
        if name == "effective" and deal.ended_on is not None:
            what = "In force from"
        precision = getattr(deal, f"{name}_precision")
        out.append((what, format_human(start, precision), format_iso(start, precision)))
    return out


def commodity_choices() -> list[tuple[str, str]]:
    """(slug, label) of every commodity in tree order, a member indented under its group and a
    group saying it includes its members, for the filter form; one query per request."""
    if "commodity_choices" not in g:
        from tracker.db import get_session
        from tracker.queries.commodities import commodity_tree

        g.commodity_choices = [
            (node.slug, "\u2003" * node.depth + node.name + (" (all)" if node.members else ""))
            for node in commodity_tree(get_session())
        ]
    return g.commodity_choices
