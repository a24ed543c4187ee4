"""Each kind's row: CSV syntax (names or slugs, '; ' lists, 'Name (Role)', one item per row,
a date and its precision in two columns) translated into the raw mapping of the record check,
whose problems come back on the columns they came from."""

from __future__ import annotations

import re
from typing import Any

from tracker.importing.check import Checker
from tracker.importing.columns import DEAL_DATES, LIST_SEPARATOR
from tracker.records import vocab
from tracker.records.checks import check_commitment, check_deal, check_event, check_shipment
from tracker.records.checks.kinds import DEAL_FIELDS
from tracker.records.lookup import column_values
from tracker.records.money import MONEY_COLUMNS

# (slug, column values, links) of a row, or None where its key itself was refused.
Checked = tuple[str | None, dict[str, Any], dict[str, Any]]

KEY_COLUMN = {"deals": "slug", "events": "slug", "shipments": "shipment_slug"}
KEY_COLUMN["commitments"] = "slug"
_PARTY_ROLE = re.compile(r"^(.*) \(([^()]*)\)$")
ROLE_BY_LABEL = {label: key for key, label in vocab.ROLES.items()}
# Read by the import as the check's raw money fields (the rate and basis are derived again).
MONEY_READ = [c for c in MONEY_COLUMNS if c not in ("value_usd_rate", "value_usd_basis")]


def _date(row: dict, name: str) -> tuple[str, str]:
    return (row.get(f"{name}_on") or "").strip(), (row.get(f"{name}_precision") or "").strip()


def party_roles(ck: Checker, row: dict) -> list[list[str]]:
    """'Name (Role)' items (the export's form; slugs and role keys work too)."""
    pairs = []
    for text in (row.get("parties") or "").split(LIST_SEPARATOR.strip()):
        if not text.strip():
            continue
        m = _PARTY_ROLE.match(text.strip())
        if not m:
            ck.fail("parties", f"{text.strip()[:60]!r} is not 'Party name (Role)'")
            continue
        party = ck.party("parties", m.group(1))
        if party is not None:
            pairs.append([party, ROLE_BY_LABEL.get(m.group(2), m.group(2))])
    return pairs


def _result(ck: Checker, checked, columns: dict[str, str]) -> Checked:
    ck.report(checked, columns)
    slug = checked.values.get("slug")
    return slug, column_values(ck.refs, checked), checked.links


def deal(ck: Checker, row: dict) -> Checked:
    """A deal row."""
    raw: dict[str, Any] = {}
    for name in DEAL_FIELDS:  # every field the deal check reads, from its column(s)
        if f"{name}_on" in row:
            raw[name] = _date(row, name)
        elif name in row and name not in ("parties", "commodities"):
            raw[name] = row.get(name)
    raw |= {
        "parties": party_roles(ck, row),
        "commodities": ck.listed(row, "commodities", ck.commodity),
    }
    columns = {name: f"{name}_on" for name in DEAL_DATES}
    return _result(ck, check_deal(raw, ck.refs), columns)


def event(ck: Checker, row: dict) -> Checked:
    """An event row."""
    raw = {k: row.get(k) for k in ("slug", "kind", "summary")} | {
        "date": _date(row, "date"),
        "deal": row.get("deal_slug"),
        "shipment": row.get("shipment_slug"),
        "parties": ck.listed(row, "parties", ck.party),
    }
    columns = {"date": "date_on", "deal": "deal_slug", "shipment": "shipment_slug"}
    return _result(ck, check_event(raw, ck.refs), columns)


SHIPMENT_COLUMNS = {
    "slug": "shipment_slug",
    "deal": "deal_slug",
    "origin": "origin_iso3",
    "destination": "destination_iso3",
    "dispatched": "dispatched_on",
    "arrived": "arrived_on",
}


def shipment(ck: Checker, row: dict) -> Checked:
    """A shipment row: the shipment's columns and its one item (none without a commodity)."""
    raw = {k: row.get(c) for k, c in SHIPMENT_COLUMNS.items()} | {
        "status": row.get("status"),
        "description": row.get("description"),
        "dispatched": _date(row, "dispatched"),
        "arrived": _date(row, "arrived"),
        "items": item(ck, row),
    }
    for name in ("origin_party", "destination_party"):
        text = (row.get(name) or "").strip()
        raw[name] = ck.party(name, text) if text else None
    return _result(ck, check_shipment(raw, ck.refs), SHIPMENT_COLUMNS)


def item(ck: Checker, row: dict) -> list[dict[str, Any]]:
    """The row's shipment item ([] when it has no commodity: a shipment with no items)."""
    text = (row.get("commodity") or "").strip()
    if not text:
        return []
    raw = {k: row.get(k) for k in ("quantity", "unit", "grade", *MONEY_READ)}
    return [raw | {"commodity": ck.commodity("commodity", text)}]


def commitment(ck: Checker, row: dict) -> Checked:
    """A commitment row (the columns of commitments.csv; party names are read from slugs)."""
    raw: dict[str, Any] = {
        k: row.get(k) for k in ("slug", "kind", "summary", "quantity", "unit", *MONEY_READ)
    }
    commodity = (row.get("commodity") or "").strip()
    raw |= {
        "deal": row.get("deal_slug"),
        "due": _date(row, "due"),
        "commodity": ck.commodity("commodity", commodity) if commodity else None,
    }
    for name in ("from_party", "to_party"):
        text = (row.get(name) or "").strip()
        raw[name] = ck.party(name, text) if text else None
    columns = {"deal": "deal_slug", "due": "due_on"}
    return _result(ck, check_commitment(raw, ck.refs), columns)


CHECKS = {"deals": deal, "events": event, "shipments": shipment, "commitments": commitment}
