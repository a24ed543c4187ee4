"""The CSV columns of deals, shipments and events, shared by import and (for the round trip)
a record's row. The export branch (issue 4) defines the published columns; until it lands
these mirror the record fields and that issue: ISO dates with a precision column, amounts as
plain decimals, flags as true/false, lists as slugs joined by "; ". Reconcile here at merge."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from tracker.curation.links import ITEM_KEYS, read_links
from tracker.models import Deal, Event, Party, Shipment

LIST_SEPARATOR = "; "
MONEY = [
    "value_amount",
    "value_currency",
    "value_usd",
    "value_usd_rate",
    "value_usd_rate_date",
    "value_usd_basis",
    "value_approximate",
    "value_up_to",
    "value_more_than",
    "value_undisclosed",
]
DEAL_DATES = ("announced", "signed", "effective", "ended")
DEAL_COLUMNS = [
    "slug",
    "title",
    "kind",
    "status",
    "summary",
    *[f"{d}_{s}" for d in DEAL_DATES for s in ("on", "precision")],
    *MONEY,
    "commodities",
    "parties",
]
SHIPMENT_COLUMNS = [
    "slug",
    "deal",
    "origin",
    "destination",
    "origin_party",
    "destination_party",
    "dispatched_on",
    "dispatched_precision",
    "arrived_on",
    "arrived_precision",
    "status",
    "description",
    *[f"item_{k}" for k in ITEM_KEYS],
]
EVENT_COLUMNS = ["slug", "date", "date_precision", "kind", "summary", "deal", "shipment", "parties"]
COLUMNS = {"deals": DEAL_COLUMNS, "shipments": SHIPMENT_COLUMNS, "events": EVENT_COLUMNS}
# Derived on import from the amount, currency and stated USD value (tracker.money).
DERIVED = frozenset({"value_usd_rate", "value_usd_basis"})


def cell(value: Any) -> str:
    """A value as a CSV cell: '' for none, true/false, plain decimals, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "normalize"):
        return format(value.normalize(), "f")
    return str(value)


def deal_row(session: Session, deal: Deal) -> dict[str, str]:
    """One deal as a CSV row."""
    links = read_links(session, deal)
    row = {c: cell(getattr(deal, c)) for c in DEAL_COLUMNS if c in Deal.model_fields}
    row["commodities"] = LIST_SEPARATOR.join(links["commodities"])
    row["parties"] = LIST_SEPARATOR.join(f"{p}:{r}" for p, r in links["parties"])
    return row


def _slug(session: Session, model, id_: int | None) -> str:
    return session.get(model, id_).slug if id_ else ""


def shipment_rows(session: Session, s: Shipment) -> list[dict[str, str]]:
    """One shipment as CSV rows, one per item (one row with empty item cells if none)."""
    head = {
        "slug": s.slug,
        "deal": _slug(session, Deal, s.deal_id),
        "origin": session.get(Party, s.origin_id).iso3,
        "destination": session.get(Party, s.destination_id).iso3,
        "origin_party": _slug(session, Party, s.origin_party_id),
        "destination_party": _slug(session, Party, s.destination_party_id),
    }
    for c in SHIPMENT_COLUMNS[6:12]:
        head[c] = cell(getattr(s, c))
    items = read_links(session, s)["items"] or [dict.fromkeys(ITEM_KEYS)]
    return [head | {f"item_{k}": cell(i[k]) for k in ITEM_KEYS} for i in items]


def event_row(session: Session, e: Event) -> dict[str, str]:
    """One event as a CSV row."""
    return {
        "slug": e.slug,
        "date": cell(e.date),
        "date_precision": e.date_precision,
        "kind": e.kind,
        "summary": e.summary,
        "deal": _slug(session, Deal, e.deal_id),
        "shipment": _slug(session, Shipment, e.shipment_id),
        "parties": LIST_SEPARATOR.join(read_links(session, e)["parties"]),
    }
