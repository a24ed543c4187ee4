"""Paging that walks indexes instead of sorting a million rows per request, and the API's
keyset (cursor) paging.

Shipments are listed latest first by their dispatch date, else arrival date. Sorting on that
expression sorts every shipment the Filter selects; instead the page is taken from two
index-ordered streams (dispatched, by the dispatched_on index; and the few without a
dispatch date, by arrival), each cut at the page's end, then merged."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache, partial
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    Float,
    Numeric,
    false,
    func,
    literal,
    or_,
    select,
    type_coerce,
    union,
    union_all,
)
from sqlmodel import Session

from tracker.models import Shipment
from tracker.queries import sorting, tallies
from tracker.queries.conditions import shipment_conditions, shipment_conditions_by_end
from tracker.queries.filters import Filter, FilterError
from tracker.queries.search import dialect_of, own_matches, words


def shipment_when():
    """The date shipments are listed by: dispatched, else arrived."""
    return func.coalesce(Shipment.dispatched_on, Shipment.arrived_on)


# How many index entries (a country's shipments at one end, migration 0023) are read and
# sorted in the time one shipment is tested along the date walk: 8,000 entries took about 1 ms,
# and the walk tested 6,300 shipments in 13 ms (SQLite, a million shipments).
INDEX_ENTRY_ADVANTAGE = 16


def _walk_the_dates(
    session: Session | Connection,
    f: Filter,
    depth: int,
    floor: Callable[[Filter], int] | None = None,
) -> bool:
    """Whether the page is found sooner by walking the date index and testing each shipment
    (about DEPTH x all / matching shipments tested) than by reading every matching shipment
    from the indexes and sorting them (about matching). Only for a selection the tally puts a
    floor under (tallies.at_least: a commodity, one country, a word of one commodity, party
    or deal; FLOOR: the same, kept for the selection): a common one's first pages, never a
    rare one's or a deep page."""
    if not (f.commodity or f.country or f.q):
        return False
    matching, every = _matching_and_every(session, f, floor)
    if not matching:
        return False
    # A country alone read from its ends' own indexes (SQLite) reads index entries only, each
    # about INDEX_ENTRY_ADVANTAGE times cheaper than a shipment tested along the walk.
    country_alone = {name for name, _ in f.to_args()} - {"sort"} == {"country"}
    by_end = country_alone and shipment_conditions_by_end(f, session) is not None
    weight = INDEX_ENTRY_ADVANTAGE if by_end else 1
    return depth * every * weight < matching * matching


def _matching_and_every(
    session: Session | Connection, f: Filter, floor: Callable[[Filter], int] | None
) -> tuple[int, int]:
    """The floor under F's selection (FLOOR, kept by the caller, or tallies.at_least) and the
    number of live shipments: how long a walk along the dates is."""
    matching = floor(f) if floor is not None else tallies.at_least(session, f)
    return matching, tallies.count_shipments(session, Filter()) or 0


# How many of a word's whole-word hits are listed (for the walk's IN list) in the time one
# shipment is looked up in the word index (search.own_text_holds): a million listed in 190 ms,
# a lookup about 9 us (2,250 shipments of the q=cobalt walk in 18 ms more), SQLite.
SEEK_COST_IN_HITS = 50


def seek_words(
    session: Session | Connection,
    f: Filter,
    depth: int,
    floor: Callable[[Filter], int] | None = None,
) -> frozenset[str]:
    """The words of F's search that a walk along the dates looks up shipment by shipment
    (SQLite): those with more whole-word hits in the descriptions than SEEK_COST_IN_HITS times
    the shipments the walk tests (about DEPTH x all / matching), counted only that far."""
    if not f.q or dialect_of(session) != "sqlite":
        return frozenset()
    matching, every = _matching_and_every(session, f, floor)
    bound = SEEK_COST_IN_HITS * depth * every // max(matching, 1)
    return frozenset(
        w
        for w in words(f.q)
        if own_matches(session, "shipment", w, bound, whole_words=True) >= bound
    )


def latest_shipment_ids(
    session: Session | Connection, f: Filter, floor: Callable[[Filter], int] | None = None
) -> list[int]:
    """Ids of the Filter's page of shipments, latest first (ties: higher id first); FLOOR:
    tallies.at_least kept for the selection (SelectionIds.floor). Words that every live
    shipment holds are best left out of F first (SelectionIds.plain)."""
    depth = f.offset + f.per_page
    if floor is None:  # read once for both choices below (the walk, then its lookups)
        floor = cache(partial(tallies.at_least, session))
    walk = _walk_the_dates(session, f, depth, floor)
    seek = seek_words(session, f, depth, floor) if walk else frozenset()
    where = shipment_conditions(f, test_each=walk, seek=seek)
    by_end = None if walk else shipment_conditions_by_end(f, session)
    dispatched = (
        select(Shipment.id.label("id"), Shipment.dispatched_on.label("on"))
        .where(*where, Shipment.dispatched_on.is_not(None))
        .order_by(Shipment.dispatched_on.desc(), Shipment.id.desc())
        if by_end is None
        else _newest_by_end(by_end, depth)
    )
    undated = (
        select(Shipment.id.label("id"), Shipment.arrived_on.label("on"))
        .where(*where, Shipment.dispatched_on.is_(None))
        .order_by(Shipment.arrived_on.desc().nulls_last(), Shipment.id.desc())
        .limit(depth)
    )
    # Asked of all shipments, not the Filter's: the index answers at once, where asking under
    # the Filter would evaluate a search's or commodity's conditions once more.
    any_undated = select(Shipment.id).where(
        Shipment.deleted == false(), Shipment.dispatched_on.is_(None)
    )
    if session.scalar(select(any_undated.exists())) is False:
        # Nothing to merge (the usual case): the page is an OFFSET along one index, which
        # ix_shipment_live_dispatched covers, so a deep page reads index entries only.
        page = dispatched.offset(f.offset).limit(f.per_page)
        return [row.id for row in session.execute(page)]
    both = union_all(
        dispatched.limit(depth).subquery().select(), undated.subquery().select()
    ).subquery()
    return list(
        session.scalars(
            select(both.c.id)
            .order_by(both.c.on.desc().nulls_last(), both.c.id.desc())
            .offset(f.offset)
            .limit(f.per_page)
        )
    )


def _newest_by_end(by_end: list[list], depth: int):
    """The dispatched shipments of a country's selection split by end (BY_END), latest first:
    each end's first DEPTH from its own index (migration 0023), merged (UNION: a shipment with
    the country at both ends is one row). The OR of both ends read all of their shipments and
    sorted them (8,000 a country at a million; 13 ms where this takes 1)."""
    newest = (Shipment.dispatched_on.desc(), Shipment.id.desc())
    ends = [
        select(Shipment.id.label("id"), Shipment.dispatched_on.label("on"))
        .where(*conditions, Shipment.dispatched_on.is_not(None))
        .order_by(*newest)
        .limit(depth)
        .subquery()
        .select()
        for conditions in by_end
    ]
    merged = union(*ends).subquery()
    return select(merged.c.id, merged.c.on).order_by(merged.c.on.desc(), merged.c.id.desc())


# Keyset ("cursor") paging for the API: a page starts after the sort key of the previous page's
# last row, so page 20,000 costs what page 1 does (an OFFSET walks every row before it).
CURSOR_KINDS = ("deals", "shipments", "events")
# The API's order when no sort is given, as in the CSV: by id; events by date, then id.
API_DEFAULTS = {"deals": "", "shipments": "", "events": "date"}


@dataclass(frozen=True)
class Keyset:
    """The order a cursor walks: a sort column (None: the id alone), its direction, the id."""

    sort: str
    column: Any
    descending: bool
    ident: Any


def api_order(kind: str, f: Filter) -> str:
    """The order an API list of KIND comes in under F: its sort, relevance for a word search
    without one, or the list's default."""
    return f.sort or (sorting.RELEVANCE if f.q else API_DEFAULTS[kind])


def keyset(kind: str, f: Filter) -> Keyset:
    """The keyset order of KIND under F; a FilterError for an order a cursor cannot resume
    (relevance: a rank is not a stable key)."""
    sorting.check(kind, f)
    sort = api_order(kind, f)
    if sort == sorting.RELEVANCE:
        raise FilterError("cursor", "cursor paging needs a column sort (e.g. sort=-date)")
    name = sort.lstrip("-")
    column = sorting.SORTS[kind][name] if name else None
    return Keyset(sort, column, sort.startswith("-"), sorting.IDS[kind])


def encode(ks: Keyset, value: Any, last_id: int) -> str:
    """The cursor after a row whose sort key is VALUE and id LAST_ID (opaque to clients)."""
    plain = None if value is None else str(value)
    raw = json.dumps([ks.sort, plain, last_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(ks: Keyset, cursor: str) -> tuple[Any, int]:
    """(sort value, id) from CURSOR; a FilterError if it is not one of ours for this order."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        sort, plain, last_id = json.loads(raw)
        if sort != ks.sort or type(last_id) is not int or not 0 <= last_id < 2**63:
            raise ValueError(sort)
        return (None if plain is None else _typed(ks.column, plain)), last_id
    except (ValueError, TypeError, binascii.Error) as exc:
        raise FilterError("cursor", "not a cursor of this list and sort; start again") from exc


def _typed(column: Any, plain: str) -> Any:
    """PLAIN (as the cursor keeps it) as a value of COLUMN's type: a date, a decimal or text."""
    if not isinstance(plain, str) or column is None:
        raise ValueError(plain)
    if isinstance(column.type, Date):
        return date.fromisoformat(plain)
    return Decimal(plain) if isinstance(column.type, Numeric) else plain


def readable(column: Any, session: Session | Connection) -> Any:
    """The sort column as the cursor stores it. SQLite keeps decimals as binary floats: read
    as floats, they round-trip exactly (read as 2-place decimals, a tie could be missed)."""
    if column is None:
        return literal(None)
    bind = session if isinstance(session, Connection) else session.get_bind()
    exact = isinstance(column.type, Numeric) and not isinstance(column.type, Float)
    if exact and bind.dialect.name == "sqlite":
        return type_coerce(column, Float)
    return column


def _order(ks: Keyset) -> list:
    tie = ks.ident.desc() if ks.descending else ks.ident.asc()
    if ks.column is None:
        return [tie]
    return [(ks.column.desc() if ks.descending else ks.column.asc()), tie]


def _beyond(ks: Keyset, value: Any, last_id: int) -> list:
    """WHERE clauses for the non-null rows after (VALUE, LAST_ID). A bound on the column
    alone stands first, unwrapped, so that the database seeks its index to it."""
    tie = ks.ident < last_id if ks.descending else ks.ident > last_id
    if ks.column is None:
        return [tie]
    if ks.descending:
        return [ks.column <= value, or_(ks.column < value, tie)]
    return [ks.column >= value, or_(ks.column > value, tie)]


def keyset_ids(
    session: Session | Connection, ks: Keyset, where: list, after: tuple[Any, int] | None, n: int
) -> list[tuple[Any, int]]:
    """(sort value, id) of the N rows matching WHERE that follow AFTER (None: from the start)
    in KS's order: rows with a value first, then those without it (nulls last), each read
    from an index in order."""
    value, last_id = after if after else (None, None)
    columns = [readable(ks.column, session), ks.ident]
    rows: list[tuple[Any, int]] = []
    if ks.column is None or after is None or value is not None:
        valued = [ks.column.is_not(None)] if ks.column is not None else []
        if after is not None:
            valued += _beyond(ks, value, last_id)
        stmt = select(*columns).where(*where, *valued).order_by(*_order(ks)).limit(n)
        rows = [tuple(r) for r in session.execute(stmt)]
    if ks.column is not None and len(rows) < n:
        empty = [ks.column.is_(None)]
        if after is not None and value is None:
            empty.append(ks.ident < last_id if ks.descending else ks.ident > last_id)
        tie = ks.ident.desc() if ks.descending else ks.ident.asc()
        stmt = select(*columns).where(*where, *empty).order_by(tie).limit(n - len(rows))
        rows += [tuple(r) for r in session.execute(stmt)]
    return rows
