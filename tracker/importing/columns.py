"""The CSV columns the import reads: those of the export (tracker/export/columns.py), in its
order. The row builders write a record as that export does, for the round-trip tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from tracker.export import columns as export_columns
from tracker.models import Commodity, Deal, Event, Party, Shipment, ShipmentItem
from tracker.records import vocab
from tracker.records.links import read_links
from tracker.records.money import MONEY_COLUMNS
from tracker.records.vocab import NON_PARTY_ROLES

LIST_SEPARATOR = "; "
DEAL_DATES = ("announced", "signed", "effective", "ended")
# The import reads exactly the export's columns, in its order (tracker/export/columns.py), so a
# column added to the export is one the import takes: exporting and importing changes nothing.
DEAL_COLUMNS = [c.name for c in export_columns.DEALS]
SHIPMENT_COLUMNS = [c.name for c in export_columns.SHIPMENTS]
EVENT_COLUMNS = [c.name for c in export_columns.EVENTS]
COMMITMENT_COLUMNS = [c.name for c in export_columns.COMMITMENTS]
COLUMNS = {"deals": DEAL_COLUMNS, "shipments": SHIPMENT_COLUMNS, "events": EVENT_COLUMNS}
COLUMNS["commitments"] = COMMITMENT_COLUMNS
# Written by the export for readers, derived again on import (names from codes, the USD rate
# from the amounts): an import reads them only to check they are there.
DERIVED = frozenset(
    {"value_usd_rate", "value_usd_basis", "origin", "destination", "commodity_name", "item_id"}
    | {"from_party_name", "to_party_name"}
)


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


def _names(session: Session, model, slugs) -> dict[str, str]:
    rows = session.execute(select(model.slug, model.name).where(model.slug.in_(list(slugs))))
    return dict(rows.all())


def deal_row(session: Session, deal: Deal) -> dict[str, str]:
    """One deal as the export writes it: commodity names, 'Name (Role)' without critics."""
    links = read_links(session, deal)
    row = {c: cell(getattr(deal, c)) for c in DEAL_COLUMNS if c in Deal.model_fields}
    commodity = _names(session, Commodity, links["commodities"])
    row["commodities"] = LIST_SEPARATOR.join(sorted(commodity.values()))
    party = _names(session, Party, {p for p, _ in links["parties"]})
    row["parties"] = LIST_SEPARATOR.join(
        f"{party[p]} ({vocab.ROLES[r]})" for p, r in links["parties"] if r not in NON_PARTY_ROLES
    )
    return row


def _get(session: Session, model, id_: int | None, attr: str = "slug") -> str:
    return getattr(session.get(model, id_), attr) if id_ else ""


def shipment_rows(session: Session, s: Shipment) -> list[dict[str, str]]:
    """One shipment as the export writes it, one row per item (one empty item if none)."""
    head = {
        "shipment_slug": s.slug,
        "deal_slug": _get(session, Deal, s.deal_id),
        "origin_iso3": _get(session, Party, s.origin_id, "iso3"),
        "origin": _get(session, Party, s.origin_id, "name"),
        "origin_party": _get(session, Party, s.origin_party_id, "name"),
        "destination_iso3": _get(session, Party, s.destination_id, "iso3"),
        "destination": _get(session, Party, s.destination_id, "name"),
        "destination_party": _get(session, Party, s.destination_party_id, "name"),
    }
    for c in SHIPMENT_COLUMNS[8:14]:
        head[c] = cell(getattr(s, c))
    items = session.scalars(
        select(ShipmentItem).where(ShipmentItem.shipment_id == s.id).order_by(ShipmentItem.id)
    ).all()
    if not items:
        return [head | dict.fromkeys(SHIPMENT_COLUMNS[14:], "")]
    return [head | _item_row(session, i) for i in items]


def _item_row(session: Session, item: ShipmentItem) -> dict[str, str]:
    row = {c: cell(getattr(item, c)) for c in ("quantity", "unit", "grade", *MONEY_COLUMNS)}
    commodity = session.get(Commodity, item.commodity_id)
    return row | {
        "item_id": str(item.id),
        "commodity": commodity.slug,
        "commodity_name": commodity.name,
    }


def event_row(session: Session, e: Event) -> dict[str, str]:
    """One event as the export writes it (parties by name)."""
    party = _names(session, Party, read_links(session, e)["parties"])
    return {
        "slug": e.slug,
        "date_on": cell(e.date),
        "date_precision": e.date_precision,
        "kind": e.kind,
        "summary": e.summary,
        "deal_slug": _get(session, Deal, e.deal_id),
        "shipment_slug": _get(session, Shipment, e.shipment_id),
        "parties": LIST_SEPARATOR.join(sorted(party.values())),
    }
