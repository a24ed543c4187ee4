"""Checks for commitments and status-history entries, alike for every input path (seed, CSV):
raw values in, clean column values, references and problems out (see kinds.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tracker.models import Commitment, DealStatusChange
from tracker.records import vocab
from tracker.records.checks.fields import Checker, Refs
from tracker.records.checks.kinds import Checked, max_chars


def check_commitment(raw: Mapping[str, Any], refs: Refs | None = None) -> Checked:
    """A commitment: slug, deal, kind, from_party and to_party (slugs), commodity (slug; none:
    not specified), quantity with its unit, value, due date and summary."""
    c = Checker(raw, refs)
    kind = c.choice("kind", vocab.COMMITMENT_KINDS)
    quantity = c.quantity("quantity")
    unit = c.text("unit", max_chars=max_chars(Commitment, "unit"))
    if quantity is not None and unit is None:
        c.fail("unit", "a quantity needs its unit (t, kg, t/yr...)")
    values = {
        "slug": c.slug(),
        "kind": kind,
        "quantity": quantity,
        "unit": unit,
        "summary": c.text("summary"),
    }
    values |= c.money() | c.dates("due")
    commodity = c.ref("commodity", "commodity")
    if kind in ("investment", "loan") and commodity is not None and quantity is not None:
        c.fail("quantity", f"an {kind} is a value, not a quantity of a commodity")
    found = {
        "deal_id": ("deal", c.ref("deal", "deal", required=True)),
        "from_party_id": ("party", c.ref("from_party", "party", required=True)),
        "to_party_id": ("party", c.ref("to_party", "party", required=True)),
        "commodity_id": ("commodity", commodity),
    }
    if raw.get("from_party") and raw.get("from_party") == raw.get("to_party"):
        c.fail("to_party", "a party does not commit to itself")
    return Checked(values, {}, found, c.problems)


def check_status_change(raw: Mapping[str, Any], refs: Refs | None = None) -> Checked:
    """A status a deal had: deal (slug), status, from (a date at its precision), source and
    note."""
    c = Checker(raw, refs)
    values = {
        "status": c.choice("status", vocab.DEAL_STATUSES),
        "note": c.text("note", max_chars=max_chars(DealStatusChange, "note")),
    } | c.dates("from")
    found = {
        "deal_id": ("deal", c.ref("deal", "deal", required=True)),
        "source_id": ("source", c.ref("source", "source")),
    }
    return Checked(values, {}, found, c.problems)
