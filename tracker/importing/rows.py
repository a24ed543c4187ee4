"""Each kind's row check: a CSV row into (slug, values, links) for the curation service."""

from __future__ import annotations

from typing import Any

from tracker import vocab
from tracker.curation.forms import RESERVED_SLUGS, SLUG_RE
from tracker.importing.check import Checker
from tracker.importing.columns import DEAL_DATES, LIST_SEPARATOR
from tracker.money import money_fields

Checked = tuple[str, dict[str, Any], dict[str, Any]]


def slug(ck: Checker, row: dict) -> str | None:
    """The row's slug: its natural key."""
    value = (row.get("slug") or "").strip()
    if not SLUG_RE.match(value) or len(value) > 160 or value in RESERVED_SLUGS:
        ck.fail("slug", f"{value[:60]!r} is not a slug: lowercase letters, digits, hyphens")
        return None
    return value


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
    parties = []
    for pair in (row.get("parties") or "").split(LIST_SEPARATOR.strip()):
        if not pair.strip():
            continue
        party, _, role = pair.strip().partition(":")
        if party not in ck.parties:
            ck.fail("parties", f"unknown party {party!r}")
        if role not in vocab.ROLES:
            ck.fail("parties", f"{role!r} is not a role; write party-slug:role")
        parties.append([party, role])
    links = {
        "parties": sorted(parties),
        "commodities": ck.slugs(row, "commodities", ck.commodities, "commodity"),
    }
    return slug(ck, row), values, links


def event(ck: Checker, row: dict) -> Checked:
    """An event row."""
    start, precision = ck.date(row, "date", "date_precision", required=True)
    values = {
        "date": start,
        "date_precision": precision,
        "kind": ck.choice(row, "kind", vocab.EVENT_KINDS),
        "summary": ck.text(row, "summary", required=True),
        "deal_id": ck.ref(row, "deal", ck.deals, "deal"),
        "shipment_id": ck.ref(row, "shipment", ck.shipments, "shipment"),
    }
    return slug(ck, row), values, {"parties": ck.slugs(row, "parties", ck.parties, "party")}


def shipment(ck: Checker, row: dict) -> Checked:
    """A shipment row (the shipment's columns; its item is read by item())."""
    values: dict[str, Any] = {
        "deal_id": ck.ref(row, "deal", ck.deals, "deal"),
        "origin_id": ck.ref(row, "origin", ck.countries, "country code"),
        "destination_id": ck.ref(row, "destination", ck.countries, "country code"),
        "origin_party_id": ck.ref(row, "origin_party", ck.parties, "party"),
        "destination_party_id": ck.ref(row, "destination_party", ck.parties, "party"),
        "status": ck.choice(row, "status", vocab.SHIPMENT_STATUSES),
        "description": ck.text(row, "description"),
    }
    for c in ("origin", "destination"):
        if not (row.get(c) or "").strip():
            ck.fail(c, "is required (ISO 3166 alpha-3, e.g. PAK)")
    for name in ("dispatched", "arrived"):
        start, precision = ck.date(row, f"{name}_on", f"{name}_precision")
        values |= {f"{name}_on": start, f"{name}_precision": precision}
    return slug(ck, row), values, {"items": item(ck, row)}


def item(ck: Checker, row: dict) -> list[dict[str, Any]]:
    """The row's shipment item ([] when its cells are empty)."""
    commodity = (row.get("item_commodity") or "").strip()
    if not commodity:
        return []
    if commodity not in ck.commodities:
        ck.fail("item_commodity", f"unknown commodity {commodity!r}; see /commodities")
    currency = ck.currency(row, "item_value_currency")
    amount = ck.decimal(row, "item_value_amount")
    if amount is not None and currency is None:
        ck.fail("item_value_currency", "an amount needs its ISO 4217 currency")
    return [
        {
            "commodity": commodity,
            "quantity": ck.decimal(row, "item_quantity"),
            "unit": ck.text(row, "item_unit", max_len=20),
            "grade": ck.text(row, "item_grade", max_len=200),
            "value_amount": amount,
            "value_currency": currency,
        }
    ]


CHECKS = {"deals": deal, "events": event, "shipments": shipment}
