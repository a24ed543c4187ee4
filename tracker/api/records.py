"""The API's records: export rows typed for JSON, a page at a time or one with its citations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, false, func, select

from tracker.export import statements
from tracker.export.columns import BOOLEAN, CITATIONS, INTEGER, KINDS, SHIPMENTS, Column
from tracker.export.writer import disagreeing
from tracker.models import Citation, Commodity, Deal, Event, Party, Shipment, Source
from tracker.queries import sorting
from tracker.queries.conditions import shipment_conditions
from tracker.queries.filters import Filter

# Shipment fields; the rest of a shipments.csv row describes one item and goes under "items".
ITEM_START = next(i for i, c in enumerate(SHIPMENTS) if c.name == "item_id")
SHIPMENT_FIELDS, ITEM_FIELDS = SHIPMENTS[:ITEM_START], SHIPMENTS[ITEM_START:]
COMMODITY_FIELDS = ("slug", "name", "symbol", "group", "hs_codes", "aliases", "critical")
PARTY_FIELDS = ("slug", "name", "kind", "iso3", "country_iso3", "aliases", "description")
# Tables whose records the API finds by slug (sources by id), with the citation record type.
BY_SLUG = {"deals": (Deal, "deal"), "shipments": (Shipment, "shipment"), "events": (Event, "event")}
REFERENCE = {
    "commodities": (Commodity, COMMODITY_FIELDS, "commodity"),
    "parties": (Party, PARTY_FIELDS, "party"),
}


@dataclass(frozen=True)
class Page:
    """One page of a list and how many rows the whole list has."""

    items: list[dict[str, Any]]
    total: int


def typed(columns: tuple[Column, ...], row) -> dict[str, Any]:
    """An export row as JSON values; decimals stay exact strings ('500000000')."""
    out: dict[str, Any] = {}
    for column, value in zip(columns, row, strict=True):
        if value is not None and column.type == BOOLEAN:
            value = value == "true"
        elif value is not None and column.type == INTEGER:
            value = int(value)
        out[column.name] = value
    return out


def _page_of(conn: Connection, kind: str, f: Filter) -> Page:
    stmt = statements.statement(kind, f, conn.dialect.name)
    total = conn.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = conn.execute(stmt.offset(f.offset).limit(f.per_page)).all()
    return Page([typed(KINDS[kind], r) for r in rows], total)


def _shipments(conn: Connection, f: Filter, extra=()) -> Page:
    """Shipments with their items nested, a page of shipments (not items) at a time."""
    ids_stmt = select(Shipment.id).where(*shipment_conditions(f), *extra)
    total = conn.scalar(select(func.count()).select_from(ids_stmt.subquery()))
    order = sorting.order_by("shipments", f) if f.sort or f.q else [Shipment.id]
    chosen = conn.execute(
        ids_stmt.add_columns(Shipment.slug).order_by(*order).offset(f.offset).limit(f.per_page)
    ).all()
    ids = [r[0] for r in chosen]
    stmt = statements.statement("shipments", Filter(), conn.dialect.name)
    rows = conn.execute(stmt.where(Shipment.id.in_(ids))).all() if ids else []
    # The page keeps the order its shipments were chosen in.
    by_slug: dict[str, dict[str, Any]] = {r[1]: None for r in chosen}
    for row in rows:
        record = typed(SHIPMENTS, row)
        shipment = by_slug[record["shipment_slug"]]
        if shipment is None:
            shipment = {c.name: record[c.name] for c in SHIPMENT_FIELDS} | {"items": []}
            by_slug[record["shipment_slug"]] = shipment
        if record["item_id"] is not None:
            shipment["items"].append({c.name: record[c.name] for c in ITEM_FIELDS})
    return Page(list(by_slug.values()), total)


def list_page(conn: Connection, kind: str, f: Filter) -> Page:
    """One page of KIND the Filter selects."""
    if kind == "shipments":
        return _shipments(conn, f)
    if kind in REFERENCE:
        model, fields, _rtype = REFERENCE[kind]
        total = conn.scalar(select(func.count()).select_from(model))
        order = sorting.order_by(kind, f) if f.sort else [model.id]
        rows = conn.execute(
            select(*(getattr(model, n) for n in fields))
            .order_by(*order)
            .offset(f.offset)
            .limit(f.per_page)
        ).all()
        return Page([dict(zip(fields, r, strict=True)) for r in rows], total)
    return _page_of(conn, kind, f)


def citations_of(conn: Connection, *where) -> list[dict[str, Any]]:
    """Citations matching WHERE, each with whether its sources disagree."""
    flagged = disagreeing(conn, Filter())
    stmt = statements.statement("citations", Filter(), conn.dialect.name, disagreeing=flagged)
    return [typed(CITATIONS, r) for r in conn.execute(stmt.where(*where)).all()]


def _cited(conn: Connection, record_type: str, record_id: int) -> list[dict[str, Any]]:
    return citations_of(conn, Citation.record_type == record_type, Citation.record_id == record_id)


def _source(conn: Connection, source_id: int) -> dict[str, Any] | None:
    stmt = statements.statement("sources", Filter(), conn.dialect.name)
    row = conn.execute(stmt.where(Source.id == source_id)).first()
    if row is None:
        return None
    cites = citations_of(conn, Citation.source_id == source_id)
    return typed(KINDS["sources"], row) | {"citations": cites}


def _reference(conn: Connection, kind: str, slug: str) -> dict[str, Any] | None:
    model, fields, rtype = REFERENCE[kind]
    row = conn.execute(
        select(model.id, *(getattr(model, n) for n in fields)).where(model.slug == slug)
    ).first()
    if row is None:
        return None
    return dict(zip(fields, row[1:], strict=True)) | {"citations": _cited(conn, rtype, row[0])}


def one(conn: Connection, kind: str, key: str) -> dict[str, Any] | None:
    """The record of KIND with slug (or source id) KEY, with its citations, or None."""
    if kind == "sources":
        return _source(conn, int(key)) if key.isdigit() else None
    if kind in REFERENCE:
        return _reference(conn, kind, key)
    model, rtype = BY_SLUG[kind]
    record_id = conn.scalar(select(model.id).where(model.slug == key, model.deleted == false()))
    if record_id is None:
        return None
    if kind == "shipments":
        record = _shipments(conn, Filter(per_page=1), extra=(Shipment.id == record_id,)).items[0]
    else:
        stmt = statements.statement(kind, Filter(), conn.dialect.name)
        record = typed(KINDS[kind], conn.execute(stmt.where(model.id == record_id)).one())
    return record | {"citations": _cited(conn, rtype, record_id)}
