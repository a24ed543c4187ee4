"""The OpenAPI 3.1 document of /api/v1, built from the same column list as the CSV files."""

from __future__ import annotations

from typing import Any

import pycountry

from tracker.api.records import COMMODITY_FIELDS, ITEM_FIELDS, PARTY_FIELDS, SHIPMENT_FIELDS
from tracker.export.columns import BOOLEAN, CITATIONS, DATE, INTEGER, KINDS, NUMBER, Column
from tracker.export.package import LICENCE
from tracker.queries import sorting
from tracker.queries.filters import MAX_PER_PAGE, MAX_QUERY_CHARS
from tracker.queries.paging import CURSOR_KINDS
from tracker.records import vocab

API_VERSION = "1.0.0"
PREFIX = "/api/v1"
# Record ids are PostgreSQL integers; a larger number cannot name a record.
MAX_RECORD_ID = 2**31 - 1
FILTERED = ("deals", "shipments", "events", "sources")
REFERENCE = ("commodities", "parties")
SLUG = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$", "maxLength": 160}
DECIMAL = {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?$"}
# YYYY, YYYY-QN and YYYY-MM by pattern; YYYY-MM-DD as a real calendar date.
PARTIAL_DATE = {
    "anyOf": [
        {"type": "string", "pattern": "^[1-9][0-9]{3}(-Q[1-4]|-(0[1-9]|1[0-2]))?$"},
        {"type": "string", "format": "date"},
    ]
}
NULLABLE_TEXT = {"type": ["string", "null"]}
TEXT_LIST = {"type": "array", "items": {"type": "string"}}


def column_schema(column: Column) -> dict[str, Any]:
    """The JSON Schema of one exported column's value."""
    base: dict[str, Any] = {
        INTEGER: {"type": "integer"},
        NUMBER: dict(DECIMAL),
        BOOLEAN: {"type": "boolean"},
        DATE: {"type": "string", "format": "date"},
    }.get(column.type, {"type": "string"})
    base["description"] = column.description
    if column.allowed:
        base["enum"] = list(column.allowed)
    if not column.required:
        base["type"] = [base["type"], "null"]
        if "enum" in base:
            base["enum"] = [*base["enum"], None]
    return base


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _columns(columns) -> dict[str, Any]:
    return {c.name: column_schema(c) for c in columns}


def schemas() -> dict[str, Any]:
    """Components: one item schema per list, one record schema per single record."""
    citation = _object(_columns(CITATIONS))
    shipment = _columns(SHIPMENT_FIELDS) | {
        "items": {"type": "array", "items": _object(_columns(ITEM_FIELDS))}
    }
    commodity = {f: NULLABLE_TEXT for f in COMMODITY_FIELDS} | {
        "slug": {"type": "string"},
        "name": {"type": "string"},
        "group": {"type": "string"},
        "hs_codes": TEXT_LIST,
        "aliases": TEXT_LIST,
        "critical": TEXT_LIST,
    }
    party = {f: NULLABLE_TEXT for f in PARTY_FIELDS} | {
        "slug": {"type": "string"},
        "name": {"type": "string"},
        "kind": {"type": "string", "enum": list(vocab.PARTY_KINDS)},
        "aliases": TEXT_LIST,
    }
    items = {
        "deals": _columns(KINDS["deals"]),
        "shipments": shipment,
        "events": _columns(KINDS["events"]),
        "sources": _columns(KINDS["sources"]),
        "commodities": commodity,
        "parties": party,
    }
    out: dict[str, Any] = {"Citation": citation, "Error": _error()}
    for kind, props in items.items():
        out[f"{kind}_item"] = _object(props)
        cites = {"type": "array", "items": {"$ref": "#/components/schemas/Citation"}}
        out[f"{kind}_record"] = _object(props | {"citations": cites})
        out[f"{kind}_page"] = _page(kind)
    return out


def _error() -> dict[str, Any]:
    detail = {
        "type": "object",
        "properties": {
            "status": {"type": "integer"},
            "message": {"type": "string"},
            "parameter": {"type": "string", "description": "The query parameter refused"},
        },
        "required": ["status", "message"],
        "additionalProperties": False,
    }
    return _object({"error": detail})


def _page(kind: str) -> dict[str, Any]:
    link = {"type": ["string", "null"], "description": "URL of that page, null if none"}
    links = _object({"self": link, "first": link, "last": link, "prev": link, "next": link})
    page: dict[str, Any] = {"type": "integer", "minimum": 1}
    extra: dict[str, Any] = {}
    if kind in CURSOR_KINDS:
        page = {"type": ["integer", "null"], "minimum": 1, "description": "null when by cursor"}
        extra["next_cursor"] = {
            "type": ["string", "null"],
            "description": "Pass as cursor for the rows after this page; null at the end or"
            " when the rows are ordered by relevance",
        }
    return _object(
        {
            "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{kind}_item"}},
            "total": {"type": "integer", "minimum": 0, "description": "Rows in the whole list"},
            "page": page,
            "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
            "pages": {"type": "integer", "minimum": 1},
            "links": links,
            **extra,
        }
    )


def cursor_parameter() -> dict[str, Any]:
    """cursor: keyset paging, instead of page."""
    return _query(
        "cursor",
        {"type": "string", "maxLength": 400},
        "Rows after this cursor (a page's next_cursor; empty for the first page), in place of"
        " page: as quick deep in the list as at its start. Needs a column sort, not relevance",
    )


def _query(name: str, schema: dict, description: str, *, many: bool = False) -> dict[str, Any]:
    if many:
        schema = {"type": "array", "items": schema}
    parameter = {"name": name, "in": "query", "required": False, "schema": schema}
    parameter["description"] = description
    if many:
        parameter.update(style="form", explode=True)
    return parameter


def paging_parameters() -> list[dict[str, Any]]:
    """page and per_page."""
    return [
        _query("page", {"type": "integer", "minimum": 1, "maximum": 10**6}, "Page, from 1"),
        _query(
            "per_page",
            {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": 50},
            f"Rows per page, 1 to {MAX_PER_PAGE}",
        ),
    ]


def filter_parameters(commodities: list[str], parties: list[str]) -> list[dict[str, Any]]:
    """The Filter's parameters, with the values the tracker knows as enums."""
    countries = sorted(c.alpha_3 for c in pycountry.countries)
    enum = lambda values: {"type": "string", "enum": list(values)}  # noqa: E731
    return [
        _query("commodity", enum(commodities), "Commodity slug (OR when repeated)", many=True),
        _query("country", enum(countries), "ISO 3166 alpha-3 code", many=True),
        _query("party", enum(parties), "Party slug", many=True),
        _query("kind", enum(vocab.DEAL_KINDS), "Deal kind", many=True),
        _query("status", enum(vocab.DEAL_STATUSES), "Deal status", many=True),
        _query("event_kind", enum(vocab.EVENT_KINDS), "Event kind", many=True),
        _query("from", PARTIAL_DATE, "Start: YYYY, YYYY-QN, YYYY-MM or YYYY-MM-DD"),
        _query("to", PARTIAL_DATE, "End (not before from): same forms as from"),
        _query(
            "q",
            {"type": "string", "maxLength": MAX_QUERY_CHARS, "pattern": "^[^\\u0000]*$"},
            "Words (all of them, any order, any case or accent) in titles, summaries,"
            " descriptions, and the names and aliases of parties, commodities and sources",
        ),
    ]


def _responses(ok: str, *, missing: bool) -> dict[str, Any]:
    def error(text: str) -> dict[str, Any]:
        content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        return {"description": text, "content": content}

    out = {
        "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ok}"}}},
        },
        "400": error("A parameter was refused; the error names it and what it accepts"),
    }
    if missing:
        out["404"] = error("No such record")
    return out


def document(commodities: list[str], parties: list[str]) -> dict[str, Any]:
    """The whole OpenAPI 3.1 document; COMMODITIES and PARTIES are the known slugs."""
    paths: dict[str, Any] = {}
    filters = filter_parameters(commodities, parties)
    for kind in (*FILTERED, *REFERENCE):
        parameters = (filters if kind in FILTERED else []) + paging_parameters()
        if kind in CURSOR_KINDS:
            parameters.append(cursor_parameter())
        parameters.append(
            _query("sort", {"type": "string", "enum": sorting.choices(kind)}, "Order of the rows")
        )
        paths[f"{PREFIX}/{kind}"] = {
            "get": {
                "operationId": f"list_{kind}",
                "summary": f"A page of {kind}"
                + (" the filter selects" if kind in FILTERED else ""),
                "parameters": parameters,
                "responses": _responses(f"{kind}_page", missing=False),
            }
        }
        key = {"type": "integer", "minimum": 1, "maximum": MAX_RECORD_ID}
        key = key if kind == "sources" else SLUG
        name = "id" if kind == "sources" else "slug"
        paths[f"{PREFIX}/{kind}/{{{name}}}"] = {
            "get": {
                "operationId": f"get_{kind}",
                "summary": f"One of the {kind}, with the citations that support it",
                "parameters": [{"name": name, "in": "path", "required": True, "schema": key}],
                "responses": _responses(f"{kind}_record", missing=True),
            }
        }
    paths[f"{PREFIX}/openapi.json"] = {
        "get": {
            "operationId": "openapi",
            "summary": "This document",
            "responses": {
                "200": {
                    "description": "OK",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                }
            },
        }
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Critical-minerals deal tracker API",
            "version": API_VERSION,
            "description": "Deals, shipments, events and sources with the same filter as the "
            "pages and the CSV files. Decimals are exact strings; dates carry a precision.",
            "license": {"name": LICENCE["title"], "identifier": LICENCE["name"]},
        },
        "paths": paths,
        "components": {"schemas": schemas()},
    }
