"""Seed sections for commitments ([[commitments]]) and deal status history ([[status_history]]):
read and checked with the rest of the plan, written after the deals they belong to."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from tracker.models import Commitment, Commodity, DealStatusChange
from tracker.records import vocab
from tracker.records.money import money_fields
from tracker.seeding.parse import Checker

COMMITMENT_KEYS = {
    "slug", "deal", "kind", "from", "to", "commodity", "quantity", "unit", "value", "due",
    "summary",
}  # fmt: skip
STATUS_KEYS = {"deal", "status", "from", "source", "note"}


def collect(sections: dict, ck: Checker, plan) -> None:
    """Parse one file's commitments and status history into the plan."""
    for row in sections.get("commitments", []):
        _commitment(row, ck, plan)
    for i, row in enumerate(sections.get("status_history", [])):
        _status(row, ck, plan, i)


def _commitment(row: dict, ck: Checker, plan) -> None:
    rec = f"commitments[{row.get('slug', '?')}]"
    ck.unknown_keys(row, rec, COMMITMENT_KEYS)
    slug = ck.required(row, rec, "slug")
    item = {
        "deal": ck.required(row, rec, "deal"),
        "kind": ck.choice(row, rec, "kind", vocab.COMMITMENT_KINDS),
        "from": ck.required(row, rec, "from"),
        "to": ck.required(row, rec, "to"),
        "commodity": row.get("commodity"),
        "quantity": ck.decimal(row.get("quantity"), rec, "quantity"),
        "unit": row.get("unit"),
        "value": ck.money(row.get("value"), rec),
        "due": ck.date(row, rec, "due"),
        "summary": row.get("summary"),
    }
    if item["quantity"] is not None and not item["unit"]:
        ck.fail(rec, "unit", "is required with a quantity")
    if slug in plan.commitments:
        ck.fail(rec, "", "is defined twice")
    elif slug:
        plan.origin[rec] = ck.file
        plan.commitments[slug] = item


def _status(row: dict, ck: Checker, plan, index: int) -> None:
    rec = f"status_history[{index}]"
    ck.unknown_keys(row, rec, STATUS_KEYS)
    plan.origin[rec] = ck.file
    plan.status_history.append(
        {
            "rec": rec,
            "deal": ck.required(row, rec, "deal"),
            "status": ck.choice(row, rec, "status", vocab.DEAL_STATUSES),
            "from": ck.date(row, rec, "from"),
            "source": row.get("source"),
            "note": row.get("note"),
        }
    )


def check_references(plan, commodities: set[str], party_ok, fail) -> None:
    """Deals, parties, commodities and sources named must exist."""
    for slug, c in plan.commitments.items():
        rec = f"commitments[{slug}]"
        if c["deal"] and c["deal"] not in plan.deals:
            fail(rec, "deal", f"unknown deal {c['deal']!r}")
        for key in ("from", "to"):
            if c[key] and not party_ok(c[key]):
                fail(rec, key, f"unknown party {c[key]!r} (a party slug or ISO3 code)")
        if c["commodity"] and c["commodity"] not in commodities:
            fail(rec, "commodity", f"unknown commodity {c['commodity']!r}")
    for s in plan.status_history:
        if s["deal"] and s["deal"] not in plan.deals:
            fail(s["rec"], "deal", f"unknown deal {s['deal']!r}")
        if s["source"] and s["source"] not in plan.sources:
            fail(s["rec"], "source", f"unknown source {s['source']!r}")


def _money(value: dict | None) -> dict[str, Any]:
    if value is None:
        return money_fields()
    if value.get("undisclosed"):
        return money_fields(undisclosed=True)
    return money_fields(
        amount=value["amount"],
        currency=value["currency"],
        usd=value["usd"],
        rate_date=value["rate_date"].start if value.get("rate_date") else None,
        approximate=value["approximate"],
        up_to=value["up_to"],
        more_than=value["more_than"],
    )


def write(w, plan, ids: dict, source: dict) -> dict[str, int]:
    """Upsert the commitments (by slug) and make each seeded deal's status history exactly the
    plan's; returns {commitment slug: id} for citations."""
    commodity = {c.slug: c.id for c in w.session.exec(select(Commodity)).all()}
    out = {}
    for slug, c in plan.commitments.items():
        values = {
            "deal_id": ids["deal"][c["deal"]],
            "kind": c["kind"],
            "from_party_id": ids["party"][c["from"]],
            "to_party_id": ids["party"][c["to"]],
            "commodity_id": commodity.get(c["commodity"]),
            "quantity": c["quantity"],
            "unit": c["unit"],
            "due_on": c["due"].start if c["due"] else None,
            "due_precision": c["due"].precision.value if c["due"] else None,
            "summary": c["summary"],
        } | _money(c["value"])
        out[slug] = w.upsert(Commitment, {"slug": slug}, values).id
    wanted: dict[int, set[tuple]] = {deal_id: set() for deal_id in ids["deal"].values()}
    for s in plan.status_history:
        start = s["from"]
        wanted[ids["deal"][s["deal"]]].add(
            (
                s["status"],
                start.start if start else None,
                start.precision.value if start else None,
                source.get(s["source"]),
                s["note"],
            )
        )
    for deal_id, rows in wanted.items():
        w.sync_links(DealStatusChange, {"deal_id": deal_id}, rows)
    return out
