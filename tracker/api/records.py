"""The API's records: export rows typed for JSON, a page at a time or one with its citations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, false, func, select

from tracker.export import statements
from tracker.export.columns import BOOLEAN, CITATIONS, INTEGER, KINDS, SHIPMENTS, Column
from tracker.export.writer import disagreeing
from tracker.models import Citation, Commodity, Deal, Event, Party, Shipment, Source
from tracker.queries import paging, sorting, tallies
from tracker.queries.conditions import (
    deal_conditions,
    event_conditions,
    shipment_conditions,
    shipment_id_set,
)
from tracker.queries.filters import Filter
from tracker.queries.shipment_facets import SelectionIds

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


# Each list's model and conditions, for keyset paging and the next cursor.
KEYED = {
    "deals": (Deal, deal_conditions),
    "shipments": (Shipment, shipment_conditions),
    "events": (Event, event_conditions),
}


@dataclass(frozen=True)
class Page:
    """One page of a list, how many rows the whole list has, and the cursor of the page
    after it (None at the end, or where the order is not a column's)."""

    items: list[dict[str, Any]]
    total: int
    next_cursor: str | None = None


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


def _count(conn: Connection, kind: str, f: Filter, picked: SelectionIds | None = None) -> int:
    """Rows of KIND the Filter selects; shipments from shipment_tally when it can answer (PICKED:
    the shipment selection's floor, kept for the page)."""
    model, conditions = KEYED[kind]
    if kind == "shipments":
        f = (picked or SelectionIds(conn)).plain(f)  # without words every shipment holds
        counted = tallies.count_shipments(conn, f)
        if counted is not None:
            return counted
        as_set = shipment_id_set(f)
        if as_set is not None:
            return conn.scalar(select(func.count()).select_from(as_set.subquery()))
    return conn.scalar(select(func.count()).select_from(model).where(*conditions(f)))


def _page_of(conn: Connection, kind: str, f: Filter, cursor: str | None) -> Page:
    stmt = statements.statement(kind, sorting.settled(conn, kind, f), conn.dialect.name)
    total = _count(conn, kind, f)
    if cursor is None:
        items = [typed(KINDS[kind], r) for r in _numbered(conn, kind, f, stmt)]
        following = _cursor_after_slug(conn, kind, f, items[-1]["slug"]) if items else None
        return Page(items, total, following if len(items) == f.per_page else None)
    ks = paging.keyset(kind, f)
    keys = _keys_after(conn, kind, f, ks, cursor)
    model = KEYED[kind][0]
    found = {r.slug: r for r in conn.execute(stmt.where(model.id.in_([i for _, i in keys])))}
    slugs = _slugs(conn, model, [i for _, i in keys])
    items = [typed(KINDS[kind], found[slugs[i]]) for _, i in keys]
    return Page(items, total, _next(ks, keys, f.per_page))


def _numbered(conn: Connection, kind: str, f: Filter, stmt) -> list:
    """The rows of page F.page of STMT (KIND's export statement under F): the page's ids
    chosen first, in the statement's own order (which ends with the id, so it is one order),
    then only those rows read whole. An OFFSET over the statement itself built the per-row
    lists (parties, commodities) of every row it skipped: 4,950 events for page 100."""
    model, conditions = KEYED[kind]
    chosen = select(model.id).where(*conditions(f)).order_by(*stmt._order_by_clauses)
    ids = list(conn.scalars(chosen.offset(f.offset).limit(f.per_page)))
    if not ids:
        return []
    return conn.execute(stmt.where(model.id.in_(ids))).all()


def _slugs(conn: Connection, model, ids: list[int]) -> dict[int, str]:
    """{id: slug} of MODEL's records IDS."""
    return {
        i: slug for i, slug in conn.execute(select(model.id, model.slug).where(model.id.in_(ids)))
    }


def _keys_after(conn: Connection, kind: str, f: Filter, ks, cursor: str) -> list:
    """(sort value, id) of the page after CURSOR."""
    after = paging.decode(ks, cursor) if cursor else None
    where = KEYED[kind][1](f)
    return paging.keyset_ids(conn, ks, where, after, f.per_page)


def _next(ks, keys: list, per_page: int) -> str | None:
    """The cursor after the last of KEYS, or None when the page was the last."""
    if len(keys) < per_page:
        return None
    value, last_id = keys[-1]
    return paging.encode(ks, value, last_id)


def _cursor_after_slug(conn: Connection, kind: str, f: Filter, slug: str) -> str | None:
    """The cursor after the record SLUG (so that a client may go on from a numbered page by
    cursor), or None where the order is not a column's (relevance)."""
    if paging.api_order(kind, f) == sorting.RELEVANCE:  # asked for, or a search's default
        return None
    ks = paging.keyset(kind, f)
    model = KEYED[kind][0]
    key = paging.readable(ks.column, conn)
    value, record_id = conn.execute(select(key, model.id).where(model.slug == slug)).one()
    return paging.encode(ks, value, record_id)


def _shipments(conn: Connection, f: Filter, extra=(), cursor: str | None = None) -> Page:
    """Shipments with their items nested, a page of shipments (not items) at a time. They are
    chosen without the words every live shipment holds (SelectionIds.plain), and sorted by F."""
    following = None
    if extra:  # one shipment, by its id
        total = 1
        ids_stmt = select(Shipment.id).where(*shipment_conditions(f), *extra)
        chosen = conn.execute(ids_stmt.add_columns(Shipment.slug)).all()
    elif cursor is not None:
        picked = SelectionIds(conn)
        total = _count(conn, "shipments", f, picked)
        ks = paging.keyset("shipments", f)
        keys = _keys_after(conn, "shipments", picked.plain(f), ks, cursor)
        slugs = _slugs(conn, Shipment, [i for _, i in keys])
        chosen = [(i, slugs[i]) for _, i in keys]
        following = _next(ks, keys, f.per_page)
    else:
        picked = SelectionIds(conn)
        total = _count(conn, "shipments", f, picked)
        ordered = sorting.settled(conn, "shipments", f)
        plain = picked.plain(ordered)
        if (f.sort or f.q) and sorting.current("shipments", ordered) == "-date":
            # Latest first, as the /shipments page lists them: read along the date index.
            latest = paging.latest_shipment_ids(conn, plain, picked.floor)
            slugs = _slugs(conn, Shipment, latest)
            chosen = [(i, slugs[i]) for i in latest]
        else:
            order = sorting.order_by("shipments", ordered) if f.sort or f.q else [Shipment.id]
            chosen = conn.execute(
                select(Shipment.id, Shipment.slug)
                .where(*shipment_conditions(plain))
                .order_by(*order)
                .offset(f.offset)
                .limit(f.per_page)
            ).all()
        if len(chosen) == f.per_page:
            following = _cursor_after_slug(conn, "shipments", f, chosen[-1][1])
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
    return Page(list(by_slug.values()), total, following)


def list_page(conn: Connection, kind: str, f: Filter, cursor: str | None = None) -> Page:
    """One page of KIND the Filter selects: page F.page, or the page after CURSOR ('' for
    the first page by cursor)."""
    if kind == "shipments":
        return _shipments(conn, f, cursor=cursor)
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
    if kind in KEYED:
        return _page_of(conn, kind, f, cursor)
    return _page_of_export(conn, kind, f)


def _page_of_export(conn: Connection, kind: str, f: Filter) -> Page:
    """A numbered page of a list read straight from its export statement (sources)."""
    stmt = statements.statement(kind, f, conn.dialect.name)
    total = conn.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = conn.execute(stmt.offset(f.offset).limit(f.per_page)).all()
    return Page([typed(KINDS[kind], r) for r in rows], total)


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
