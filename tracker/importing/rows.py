"""Each kind's row check: a CSV row into (slug, values, links) for the curation service."""

from __future__ import annotations

import re
from typing import Any

from tracker.curation.forms import RESERVED_SLUGS, SLUG_RE
from tracker.importing.check import Checker
from tracker.importing.columns import DEAL_DATES, LIST_SEPARATOR
from tracker.records import vocab
from tracker.records.money import money_fields

Checked = tuple[str, dict[str, Any], dict[str, Any]]


KEY_COLUMN = {"deals": "slug", "events": "slug", "shipments": "shipment_slug"}
_PARTY_ROLE = re.compile(r"^(.*) \(([^()]*)\)$")
ROLE_BY_LABEL = {label: key for key, label in vocab.ROLES.items()}


def slug(ck: Checker, row: dict, column: str = "slug") -> str | None:
    """The row's slug: its natural key."""
    value = (row.get(column) or "").strip()
    if not SLUG_RE.match(value) or len(value) > 160 or value in RESERVED_SLUGS:
        ck.fail(column, f"{value[:60]!r} is not a slug: lowercase letters, digits, hyphens")
        return None
    return value


def party_roles(ck: Checker, row: dict) -> list[list[str]]:
    """'Name (Role)' items (the export's form; slugs and role keys work too)."""
    pairs = []
    for text in (row.get("parties") or "").split(LIST_SEPARATOR.strip()):
        if not text.strip():
            continue
        m = _PARTY_ROLE.match(text.strip())
        role = m and ROLE_BY_LABEL.get(m.group(2), m.group(2))
        if not m or role not in vocab.ROLES:
            ck.fail("parties", f"{text.strip()!r} is not 'Party name (Role)' with a known role")
            continue
        party = ck.party("parties", m.group(1))
        if party:
            pairs.append([party, role])
    return sorted(pairs)


def money(ck: Checker, row: dict, prefix: str = "value_") -> dict[str, Any]:
    """The MoneyFields columns from amount, currency, stated USD value and flags."""
    amount = ck.decimal(row, f"{prefix}amount")
    currency = ck.currency(row, f"{prefix}currency")
    if amount is not None and currency is None:
        ck.fail(f"{prefix}currency", "an amount needs its ISO 4217 currency")
    rate_date, _ = ck.date(row, f"{prefix}usd_rate_date", "(none)")
    return money_fields(
        amount=amount,
        currency=currency,
        usd=ck.decimal(row, f"{prefix}usd"),
        rate_date=rate_date,
        approximate=ck.flag(row, f"{prefix}approximate"),
        up_to=ck.flag(row, f"{prefix}up_to"),
        more_than=ck.flag(row, f"{prefix}more_than"),
        undisclosed=ck.flag(row, f"{prefix}undisclosed"),
    )


def deal(ck: Checker, row: dict) -> Checked:
    """A deal row."""
    values: dict[str, Any] = {
        "title": ck.text(row, "title", required=True, max_len=300),
        "kind": ck.choice(row, "kind", vocab.DEAL_KINDS),
        "status": ck.choice(row, "status", vocab.DEAL_STATUSES),
        "summary": ck.text(row, "summary"),
    }
    for name in DEAL_DATES:
        start, precision = ck.date(row, f"{name}_on", f"{name}_precision")
        values |= {f"{name}_on": start, f"{name}_precision": precision}
    values |= money(ck, row)
    links = {
        "parties": party_roles(ck, row),
        "commodities": ck.listed(row, "commodities", ck.commodity),
    }
    return slug(ck, row), values, links


def event(ck: Checker, row: dict) -> Checked:
    """An event row."""
    start, precision = ck.date(row, "date_on", "date_precision", required=True)
    values = {
        "date": start,
        "date_precision": precision,
        "kind": ck.choice(row, "kind", vocab.EVENT_KINDS),
        "summary": ck.text(row, "summary", required=True),
        "deal_id": ck.ref(row, "deal_slug", ck.deals, "deal"),
        "shipment_id": ck.ref(row, "shipment_slug", ck.shipments, "shipment"),
    }
    return slug(ck, row), values, {"parties": ck.listed(row, "parties", ck.party)}


def shipment(ck: Checker, row: dict) -> Checked:
    """A shipment row (the shipment's columns; its item is read by item())."""
    values: dict[str, Any] = {
        "deal_id": ck.ref(row, "deal_slug", ck.deals, "deal"),
        "origin_id": ck.ref(row, "origin_iso3", ck.countries, "country code"),
        "destination_id": ck.ref(row, "destination_iso3", ck.countries, "country code"),
        "origin_party_id": ck.party_ref(row, "origin_party"),
        "destination_party_id": ck.party_ref(row, "destination_party"),
        "status": ck.choice(row, "status", vocab.SHIPMENT_STATUSES),
        "description": ck.text(row, "description"),
    }
    for c in ("origin_iso3", "destination_iso3"):
        if not (row.get(c) or "").strip():
            ck.fail(c, "is required (ISO 3166 alpha-3, e.g. PAK)")
    for name in ("dispatched", "arrived"):
        start, precision = ck.date(row, f"{name}_on", f"{name}_precision")
        values |= {f"{name}_on": start, f"{name}_precision": precision}
    return slug(ck, row, "shipment_slug"), values, {"items": item(ck, row)}


def item(ck: Checker, row: dict) -> list[dict[str, Any]]:
    """The row's shipment item ([] when it has no commodity: a shipment with no items)."""
    text = (row.get("commodity") or "").strip()
    if not text:
        return []
    commodity = ck.commodity("commodity", text)
    currency = ck.currency(row, "value_currency")
    amount = ck.decimal(row, "value_amount")
    if amount is not None and currency is None:
        ck.fail("value_currency", "an amount needs its ISO 4217 currency")
    item = {
        "commodity": commodity,
        "quantity": ck.decimal(row, "quantity"),
        "unit": ck.text(row, "unit", max_len=20),
        "grade": ck.text(row, "grade", max_len=200),
        "value_amount": amount,
        "value_currency": currency,
    }
    return [item]


CHECKS = {"deals": deal, "events": event, "shipments": shipment}
