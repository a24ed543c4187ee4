"""Template helpers: how dates, money and labels read on every page."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, g, url_for
from markupsafe import Markup

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


def register(app: Flask) -> None:
    """Make the helpers available to every template."""
    app.jinja_env.globals.update(
        human_date=human_date,
        iso_date=iso_date,
        money=money,
        usd=usd,
        query=query,
        vocab=vocab,
        label=vocab.label,
        format_human=format_human,
        format_iso=format_iso,
        script_json=script_json,
        rows_link=rows_link,
        field_label=field_label,
    )
    app.jinja_env.globals["commodity_choices"] = commodity_choices
    app.jinja_env.globals["key_dates"] = key_dates


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
