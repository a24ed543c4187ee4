"""Template helpers: how dates, money and labels read on every page."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, g
from sqlalchemy import select

from tracker import vocab
from tracker.money import format_amount, hedge
from tracker.partial_dates import format_human, format_iso


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
    )
    app.jinja_env.globals["commodity_choices"] = commodity_choices


def commodity_choices() -> list[tuple[str, str]]:
    """(slug, name) of every commodity, for the filter form; one query per request."""
    if "commodity_choices" not in g:
        from tracker.db import get_session
        from tracker.models import Commodity

        rows = get_session().execute(
            select(Commodity.slug, Commodity.name).order_by(Commodity.name)
        )
        g.commodity_choices = [tuple(r) for r in rows.all()]
    return g.commodity_choices
