"""How each list may be sorted: `sort=NAME` ascending, `sort=-NAME` descending.

Every order ends with the record's id, so rows that tie keep one order from page to page.
With a search (`q`) and no sort, the best fits come first (`sort=relevance`).
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func

from tracker.models import Commodity, Deal, Event, Party, Shipment, Source
from tracker.queries.filters import Filter, FilterError
from tracker.queries.search import own_matches, rank, words

RELEVANCE = "relevance"
# A search whose words are in the own text of more records than this is not ranked: the list
# comes in its default order (newest first). Every match is scored before the first page is
# known, and such scores barely differ: "synthetic", in each of a million shipment
# descriptions, took 2.9 s to rank on SQLite and 18 s on PostgreSQL, so 5,000 scores should
# cost about 15 and 90 ms (scaled from those, not timed).
RANK_CAP = 5_000
# Expression indexes behind sorts (migration 0011): a shipment's date is dispatched, else
# arrived, and the default newest-first list reads it from this index instead of sorting
# every row; ix_shipment_live_dispatched (migration 0012) lets a deep page's OFFSET walk index
# entries only; ix_shipment_item_commodity_shipment finds a commodity's shipments from the
# index alone; ix_shipment_live_{origin,destination}_dispatched (migration 0023) give a
# country's newest shipments at each end; ix_shipment_deleted (migration 0024) lists the
# deleted shipments that a search's id sets leave out. They are SQL of their own, so the model
# comparison leaves them out.
SORT_INDEXES = frozenset(
    {
        "ix_shipment_shipped",
        "ix_shipment_live_dispatched",
        "ix_shipment_item_commodity_shipment",
        "ix_shipment_live_origin_dispatched",
        "ix_shipment_live_destination_dispatched",
        "ix_shipment_deleted",
    }
)
_SHIPPED = func.coalesce(Shipment.dispatched_on, Shipment.arrived_on)

# name -> column, per list; the first column is shown sorted in the list's header.
SORTS = {
    "deals": {
        "date": Deal.last_date,
        "first_date": Deal.first_date,
        "signed": Deal.signed_on,
        "value": Deal.value_usd,
        "title": Deal.title,
        "kind": Deal.kind,
        "status": Deal.status,
    },
    "shipments": {
        "date": _SHIPPED,
        "arrived": Shipment.arrived_on,
        "status": Shipment.status,
        "description": Shipment.description,
    },
    "events": {"date": Event.date, "kind": Event.kind},
    "commodities": {"name": Commodity.name, "group": Commodity.group},
    "parties": {"name": Party.name, "kind": Party.kind, "country": Party.country_iso3},
    "sources": {"date": Source.published_on, "publisher": Source.publisher, "title": Source.title},
}
DEFAULTS = {
    "deals": "-date",
    "shipments": "-date",
    "events": "-date",
    "commodities": "name",
    "parties": "name",
    "sources": "-date",
}
IDS = {
    "deals": Deal.id,
    "shipments": Shipment.id,
    "events": Event.id,
    "commodities": Commodity.id,
    "parties": Party.id,
    "sources": Source.id,
}
# The table whose own text ranks a search of the list.
RANKED = {"deals": "deal", "shipments": "shipment", "events": "event"}


def choices(kind: str) -> list[str]:
    """Every accepted value of sort for KIND, as the 400 and the README list them."""
    names = list(SORTS[kind])
    extra = [RELEVANCE] if kind in RANKED else []
    return [v for n in names for v in (n, f"-{n}")] + extra


def check(kind: str, f: Filter) -> None:
    """Refuse a sort KIND does not offer, naming the ones it does."""
    if f.sort and kind not in SORTS:
        raise FilterError("sort", f"{kind} has one order (by id) and takes no sort")
    if f.sort and f.sort not in choices(kind):
        names = ", ".join(choices(kind))
        raise FilterError("sort", f"{f.sort!r} is not a sort of {kind}; use one of: {names}")


def current(kind: str, f: Filter) -> str:
    """The sort in force: the one asked for, else relevance under a search, else the default."""
    if f.sort:
        return f.sort
    return RELEVANCE if f.q and kind in RANKED else DEFAULTS[kind]


def settled(connection, kind: str, f: Filter) -> Filter:
    """F to select rows with: the same rows, and the default order that an index gives where
    a relevance order would rank every row alike (no record's own text holds a word of the
    search; "cobalt" finds shipments through their items only) or would have to score more
    than RANK_CAP texts before its first page (there the order changes, by design)."""
    if current(kind, f) != RELEVANCE or not words(f.q):
        return f
    table, unranked = RANKED[kind], replace(f, sort=DEFAULTS[kind])
    # Whole words first: past the cap they settle it without merging a prefix's hits.
    if own_matches(connection, table, f.q, RANK_CAP + 1, whole_words=True) > RANK_CAP:
        return unranked
    if 0 < own_matches(connection, table, f.q, RANK_CAP + 1) <= RANK_CAP:
        return f
    return unranked


def order_by(kind: str, f: Filter, id_column=None) -> list:
    """ORDER BY clauses for KIND under F (checked first: an unknown sort is a FilterError)."""
    check(kind, f)
    key = current(kind, f)
    ident = IDS[kind] if id_column is None else id_column
    if key == RELEVANCE:
        rest = order_by(kind, Filter(sort=DEFAULTS[kind]), ident)
        # A query of punctuation alone has no words to rank by.
        return [rank(RANKED[kind], ident, f.q), *rest] if words(f.q) else rest
    descending = key.startswith("-")
    column = SORTS[kind][key.lstrip("-")]
    if descending:
        return [column.desc().nulls_last(), ident.desc()]
    return [column.asc().nulls_last(), ident.asc()]


def header_link(kind: str, f: Filter, name: str) -> tuple[str, str]:
    """The sort a column header links to (ascending first, then flipped) and the arrow it
    shows now ('▲', '▼' or '')."""
    now = current(kind, f)
    if now == name:
        return f"-{name}", "▲"
    if now == f"-{name}":
        return name, "▼"
    return name, ""
