"""Facet counts: for the rows a Filter selects, how many have each commodity, country, kind,
status and event kind, each with the Filter that adds (or, when chosen, removes) that value.

As in Datasette, each facet is one GROUP BY over the current selection, largest first, cut at
FACET_SIZE values (one more is read to know whether the list was cut), and each facet runs
under a time limit: a facet that takes too long is left out and named, so the page still
answers at any size.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from sqlalchemy import ColumnElement, Select, distinct, false, func, select
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from tracker.db import READS_ONLY
from tracker.models import Commodity, Deal, DealCommodity, DealParty, Event, FacetCount, Party
from tracker.queries.conditions import deal_conditions
from tracker.queries.filters import Filter
from tracker.queries.id_lists import among
from tracker.queries.search import dialect_of, words
from tracker.records import vocab
from tracker.records.vocab import NON_PARTY_ROLES

# A facet's query, from the Filter it counts over to SELECT value, label, count.
Build = Callable[[Filter], "Select | Sampled"]
# Keeps a list's counts: (kind of list, the selection, compute) -> counts.
Memo = Callable[[str, Filter, Callable[[], Any]], Any]
FACET_SIZE = 10
FACET_TIME_LIMIT_MS = 400


@dataclass(frozen=True)
class Sampled:
    """A facet's query that counts over a sample of its selection, not all of it: the first
    SIZE rows by id of a selection that holds more (a Build may return one instead of a
    Select; the page then says the counts are a sample's)."""

    query: Select
    size: int


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    toggled: Filter  # the Filter with this value added, or removed when selected


@dataclass
class Facet:
    name: str  # the Filter parameter
    title: str
    values: list[FacetValue] = field(default_factory=list)
    truncated: bool = False
    sample: int = 0  # counted over the first SAMPLE rows of a larger selection (0: all)


@dataclass
class Facets:
    facets: list[Facet]
    timed_out: list[str]


def deal_facets(
    session: Session, f: Filter, memo: Memo | None = None, picked: DealIds | None = None
) -> Facets:
    """Facets of the deals F selects; paging and sort stay as they are, page goes back to 1.
    PICKED shares a word search's deal ids with the count."""
    queries = DEAL_FACETS
    if picked is not None:
        queries = {
            name: (title, partial(build, within=picked.within))
            for name, (title, build) in DEAL_FACETS.items()
        }
    return collect(session, f, queries, memo, "deals", tally="deals")


# From a column of deal ids and a Filter to the condition that the deal is one F selects.
Within = Callable[[Any, Filter], ColumnElement[bool]]


def _selected_deals(column, f: Filter) -> ColumnElement[bool]:
    return column.in_(select(Deal.id).where(*deal_conditions(f)))


class DealIds:
    """The ids of the deals of each word search, read once per selection and kept by MEMO (the
    page cache's facet memo) until the data changes. A word is looked up in five full-text
    indexes and their links (12 ms for "synthetic lithium" at a million items); as a subquery
    that ran again in each of the five facets and in the count."""

    def __init__(self, session: Session, memo: Memo | None = None):
        self.session, self.memo = session, memo

    def ids(self, f: Filter) -> list[int]:
        key = f.selection()
        compute = partial(_deal_ids, self.session, key)
        return self.memo("deal-ids", key, compute) if self.memo else compute()

    def within(self, column, f: Filter) -> ColumnElement[bool]:
        """COLUMN is a deal F selects: among F's ids for a word search, else F's conditions
        (and for a q of no searchable word, which selects as if it were not there)."""
        if not words(f.q):
            return _selected_deals(column, f)
        return among(column, self.ids(f), dialect_of(self.session))


def _deal_ids(session: Session, f: Filter) -> list[int]:
    return list(session.scalars(select(Deal.id).where(*deal_conditions(f)).order_by(Deal.id)))


def _deal_commodities(f: Filter, within: Within = _selected_deals) -> Select:
    # A deal holds a commodity once (a unique link), so its rows are counted, not distinct ids.
    return (
        select(Commodity.slug, Commodity.name, func.count())
        .join(DealCommodity, DealCommodity.commodity_id == Commodity.id)
        .where(within(DealCommodity.deal_id, f))
        .group_by(Commodity.slug, Commodity.name)
    )


def _deal_countries(f: Filter, within: Within = _selected_deals) -> Select:
    """A deal counts under a country when the country, or a party based there, takes part in
    it: what country=CODE selects."""
    code = func.coalesce(Party.iso3, Party.country_iso3)
    return (
        select(code, code, func.count(distinct(DealParty.deal_id)))
        .join(DealParty, DealParty.party_id == Party.id)
        .where(
            code.is_not(None),
            DealParty.role.not_in(NON_PARTY_ROLES),
            within(DealParty.deal_id, f),
        )
        .group_by(code)
    )


def _deal_column(f: Filter, column, within: Within = _selected_deals) -> Select:
    # One row per deal: counted, not distinct ids.
    return select(column, column, func.count()).where(within(Deal.id, f)).group_by(column)


def _deal_events(f: Filter, within: Within = _selected_deals) -> Select:
    return (
        select(Event.kind, Event.kind, func.count(distinct(Event.deal_id)))
        .where(within(Event.deal_id, f), Event.deleted == false())
        .group_by(Event.kind)
    )


# {Filter parameter: (title, build)} of /deals.
DEAL_FACETS: dict[str, tuple[str, Build]] = {
    "commodity": ("Commodity", _deal_commodities),
    "country": ("Country", _deal_countries),
    "kind": ("Kind", partial(_deal_column, column=Deal.kind)),
    "status": ("Status", partial(_deal_column, column=Deal.status)),
    "event_kind": ("Event", _deal_events),
}

LABELS = {
    "kind": vocab.DEAL_KINDS,
    "status": vocab.DEAL_STATUSES,
    "event_kind": vocab.EVENT_KINDS,
}


def collect(
    session: Session,
    f: Filter,
    queries: dict[str, tuple[str, Build]],
    memo: Memo | None = None,
    kind: str = "",
    tally: str | None = None,
) -> Facets:
    """Run each facet's query ({Filter parameter: (title, build)}, build(F) giving SELECT
    value, label, count) under the time limit, largest first, and link each value to the view
    with it toggled. MEMO(KIND, selection, compute) may keep the counts (they depend on the
    selection alone, not on the page or sort) until the data changes.

    A facet counts over F without its own parameter (disjunctive facets): values within a
    parameter are OR-ed, so beside a chosen commodity the others show what each would add,
    and with nothing chosen in it a link finds exactly the count it showed.

    TALLY names the list in facet_count (tracker/summaries/facet_tally): a facet whose Filter,
    once its own parameter is taken out, selects the whole list reads its counts there."""
    selection = f.selection()

    def compute() -> list[tuple[str, str, list[tuple[str, str, int]], bool] | str]:
        return _counts(session, selection, queries, tally)

    counted = memo(kind, selection, compute) if memo else compute()
    facets, timed_out = [], []
    for entry in counted:
        if isinstance(entry, str):
            timed_out.append(entry)
            continue
        name, title, rows, truncated, sample = entry
        values = [_value(f, name, value, label, n) for value, label, n in rows]
        if values:
            facets.append(Facet(name, title, values, truncated, sample))
    return Facets(facets, timed_out)


def _counts(
    session: Session, f: Filter, queries: dict[str, tuple[str, Build]], tally: str | None = None
) -> list:
    """[(name, title, [(value, label, count)], truncated, sample)] per facet (sample: the rows
    counted when the counts are a sample's, else 0), or the title of a facet that ran out of
    time."""
    out: list = []
    for name, (title, build) in queries.items():
        toggled = replace(f, **{name: ()})
        whole = tally is not None and toggled == Filter()
        try:
            with time_limited(session, FACET_TIME_LIMIT_MS):
                stmt = _tallied(tally, name) if whole else build(toggled)
        except OperationalError:
            out.append(title)
            continue
        sample = 0
        if isinstance(stmt, Sampled):
            stmt, sample = stmt.query, stmt.size
        count, value = stmt.selected_columns[2], stmt.selected_columns[0]
        stmt = stmt.order_by(count.desc(), value).limit(FACET_SIZE + 1)
        try:
            with time_limited(session, FACET_TIME_LIMIT_MS):
                rows = session.execute(stmt).all()
        except OperationalError:
            out.append(title)
            continue
        truncated = len(rows) > FACET_SIZE
        rows = [r for r in rows[:FACET_SIZE] if r[0] is not None and r[2]]
        labels = LABELS.get(name, {})
        if name == "country":
            labels = _country_names(session, [r[0] for r in rows])
        counted = [(v, labels.get(v, label), int(n)) for v, label, n in rows]
        out.append((name, title, counted, truncated, sample))
    return out


def _tallied(tally: str | None, facet: str) -> Select:
    """SELECT value, label, count of FACET over the whole list TALLY, from facet_count."""
    counts = FacetCount.__table__
    where = (counts.c.list == tally, counts.c.facet == facet)
    if facet == "commodity":
        return (
            select(Commodity.slug, Commodity.name, counts.c.count)
            .join(counts, counts.c.value == Commodity.slug)
            .where(*where)
        )
    return select(counts.c.value, counts.c.value, counts.c.count).where(*where)


def _country_names(session: Session, codes: list[str]) -> dict[str, str]:
    rows = session.execute(select(Party.iso3, Party.name).where(Party.iso3.in_(codes)))
    return dict(rows.all())


def _value(f: Filter, name: str, value: str, label: str, count: int) -> FacetValue:
    chosen = getattr(f, name)
    selected = value in chosen
    values = tuple(v for v in chosen if v != value) if selected else (*chosen, value)
    return FacetValue(value, label, count, selected, replace(f, **{name: values}, page=1))


@contextmanager
def time_limited(session: Session, ms: int) -> Iterator[None]:
    """Stop a statement that runs longer than MS (OperationalError on either database)."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        before = session.scalar(select(func.current_setting("statement_timeout")))
        if session.info.get(READS_ONLY):
            # A reading request's connection is in autocommit (tracker/db.READING): no
            # transaction to make the setting local to, so it is set for the connection and put
            # back.
            session.execute(select(func.set_config("statement_timeout", str(ms), False)))
            try:
                yield
            finally:
                session.execute(select(func.set_config("statement_timeout", before, False)))
        else:
            with session.begin_nested():
                session.execute(select(func.set_config("statement_timeout", str(ms), True)))
                yield
                session.execute(select(func.set_config("statement_timeout", before, True)))
        return
    raw = connection.connection.driver_connection
    deadline = time.monotonic() + ms / 1000
    # Called every N virtual-machine steps; a true answer interrupts the statement.
    raw.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
    try:
        yield
    finally:
        raw.set_progress_handler(None, 0)
