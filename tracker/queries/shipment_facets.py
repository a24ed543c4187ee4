"""Facet counts of the shipments a Filter selects: commodity, country (either end), and the
kind and status of their deals, each linking to the list with that value chosen.

When shipment_tally can answer the Filter exactly (tracker/queries/tallies.answerable), the
counts are sums over its rows, not a pass over a million shipments. Otherwise the selection's
ids are read once, at most FACET_SAMPLE + 1 of them in id order, and each facet is a GROUP BY
over those ids: the selection's conditions (a search's UNION of index reads, a country's ORs)
run once, not once per facet. A selection of more than FACET_SAMPLE shipments is counted over
its first FACET_SAMPLE (the oldest recorded), and the page says so: exact counts would read
every one of them four times (a word such as "cobalt" selects 22,000 of a million shipments,
and its four facets took 700 ms after a write)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    case,
    distinct,
    func,
    or_,
    select,
    union,
)
from sqlalchemy.orm import aliased
from sqlmodel import Session

from tracker.models import Commodity, Deal, Party, Shipment, ShipmentItem, ShipmentTally
from tracker.queries import tallies
from tracker.queries.conditions import (
    deleted_shipments,
    shipment_conditions,
    shipment_conditions_by_end,
    shipment_id_paths,
    shipment_id_set,
)
from tracker.queries.facets import Facets, Memo, Sampled, collect
from tracker.queries.filters import Filter
from tracker.queries.id_lists import among
from tracker.queries.search import dialect_of
from tracker.summaries.tallies import ALL, SAME

T = ShipmentTally
CODE = func.coalesce(Party.iso3, Party.country_iso3)
# The most shipments a facet counts over the records; a larger selection is sampled.
FACET_SAMPLE = 1000


class SelectionIds:
    """The first FACET_SAMPLE + 1 ids of each Filter's shipments (first_ids), the floor under
    them (floor) and the Filter without the words every live shipment holds (plain), each read
    at most once per request for the count, the facets and the page, and kept by MEMO (the page
    cache's facet memo) until the data changes: they depend on the selection alone."""

    def __init__(self, session: Session, memo: Memo | None = None):
        self.session, self.memo = session, memo
        self.found: dict[Filter, list[int]] = {}
        self.floors: dict[Filter, int] = {}
        self.plains: dict[Filter, str] = {}  # the words kept of each selection's search
        self.held: dict[str, int] = {}  # tallies.live_descriptions_holding of each word

    def ids(self, f: Filter) -> list[int]:
        key = f.selection()
        if key not in self.found:
            compute = partial(first_ids, self.session, self.plain(key))
            self.found[key] = self.memo("shipment-ids", key, compute) if self.memo else compute()
        return self.found[key]

    def floor(self, f: Filter) -> int:
        """tallies.at_least for F's selection, kept like the ids (a warm page asks no more)."""
        key = f.selection()
        if key not in self.floors:
            compute = partial(tallies.at_least, self.session, key, self.holding)
            self.floors[key] = self.memo("shipment-floor", key, compute) if self.memo else compute()
        return self.floors[key]

    def plain(self, f: Filter) -> Filter:
        """tallies.without_search for F (on the floor kept here), its words kept like the ids."""
        if not f.q:
            return f
        key = f.selection()
        if key not in self.plains:

            def compute() -> str:
                return tallies.without_search(self.session, key, self.floor, self.holding).q

            self.plains[key] = self.memo("shipment-words", key, compute) if self.memo else compute()
        return replace(f, q=self.plains[key])

    def holding(self, word: str) -> int:
        """tallies.live_descriptions_holding for WORD, read once per request."""
        if word not in self.held:
            self.held[word] = tallies.live_descriptions_holding(self.session, word)
        return self.held[word]

    def whole(self, f: Filter) -> list[int] | None:
        """Every id F selects, when there are at most FACET_SAMPLE; else None."""
        ids = self.ids(f)
        return ids if len(ids) <= FACET_SAMPLE else None


def shipment_facets(
    session: Session, f: Filter, memo: Memo | None = None, picked: SelectionIds | None = None
) -> Facets:
    """Facets of the shipments F selects (page and sort kept, page back to 1); PICKED shares
    the selection's ids with the count and the page."""
    picked = picked or SelectionIds(session)
    dialect = dialect_of(session)

    def tallied(tally: Callable, scan: Callable, *, by_deal: bool) -> Callable:
        def build(g: Filter) -> Select | Sampled:
            g = picked.plain(g)
            if tallies.answerable(g, by_deal=by_deal, session=session):
                return tally(g)
            ids = picked.ids(g)
            # The ids bound as one parameter: a thousand expanded into an IN cost 8 ms of a
            # 55 ms page in binding alone (cobalt's sample at a million).
            chosen = among(Shipment.id, ids[:FACET_SAMPLE], dialect)
            if len(ids) > FACET_SAMPLE:
                return Sampled(scan(g, chosen), FACET_SAMPLE)
            return scan(g, chosen)

        return build

    queries = {
        "commodity": ("Commodity", tallied(_tally_commodities, _commodities, by_deal=False)),
        "country": ("Country", tallied(_tally_countries, _countries, by_deal=False)),
    }
    for name, title in (("kind", "Deal kind"), ("status", "Deal status")):
        column = getattr(Deal, name)
        queries[name] = (
            title,
            tallied(
                partial(_tally_deals, column=column),
                lambda g, chosen, column=column: _deals(g, column, chosen),
                by_deal=True,
            ),
        )
    return collect(session, f, queries, memo, "shipments")


def _tally_commodities(f: Filter) -> Select:
    """Shipments carrying each commodity (and the chosen one): the pair rows over all
    shipments, which hold every shipment once per commodity it carries."""
    chosen = tallies.chosen_commodity_id(f) if f.commodity else T.commodity_id
    among = [T.among_id == chosen]
    return (
        select(Commodity.slug, Commodity.name, func.sum(T.shipments))
        .join(Commodity, Commodity.id == T.commodity_id)
        .where(T.side == ALL, *among)
        .group_by(Commodity.slug, Commodity.name)
    )


def _tally_countries(f: Filter) -> Select:
    """Shipments with each country at either end: origin + destination - both (the 'same'
    rows), which is what country=CODE selects."""
    if f.commodity:
        shape = [T.among_id == tallies.chosen_commodity_id(f), T.commodity_id == T.among_id]
    else:
        shape = [T.among_id.is_(None), T.commodity_id.is_(None)]
    signed = case((T.side == SAME, -T.shipments), else_=T.shipments)
    return (
        select(CODE, CODE, func.sum(signed))
        .join(Party, Party.id == T.country_id)
        .where(T.side.in_(("origin", "destination", SAME)), CODE.is_not(None), *shape)
        .group_by(CODE)
    )


def _tally_deals(f: Filter, column) -> Select:
    """Shipments under deals of each kind (or status), from the per-deal rows. The deal's
    choice is tested on the joined deal row: an IN over the chosen deals' ids made the
    database walk all ten thousand deals and look each one up twice (8.7 -> 5.5 ms for all
    shipments at a million items, 17 -> 9 ms for antimony's)."""
    if f.commodity:
        once = [T.among_id == tallies.chosen_commodity_id(f), T.commodity_id == T.among_id]
    else:
        once = [T.among_id.is_(None)]
    return (
        select(column, column, func.sum(T.shipments))
        .join(Deal, Deal.id == T.deal_id)
        .where(T.side.is_(None), *_deal_choice(f), *once)
        .group_by(column)
    )


def _deal_choice(f: Filter) -> list[ColumnElement[bool]]:
    c = [Deal.deleted.is_(False)]
    if f.kind:
        c.append(Deal.kind.in_(f.kind))
    if f.status:
        c.append(Deal.status.in_(f.status))
    return c


def first_ids(session: Session, f: Filter) -> list[int]:
    """Ids of the first FACET_SAMPLE + 1 shipments F selects, by id (one more than the sample,
    to know whether the selection is larger)."""
    limit = FACET_SAMPLE + 1
    sets = shipment_id_paths(f)
    if sets is not None:
        return _first_of_sets(session, f, sets, limit)
    by_end = shipment_conditions_by_end(f, session)
    if by_end is None:
        query = select(Shipment.id).where(*shipment_conditions(f))
        return list(session.scalars(query.order_by(Shipment.id).limit(limit)))
    # A country: each end's first ids from its own index, merged. The OR of the two ends read
    # every shipment of both and sorted them (14 ms for a country's 8,000 at a million; 4 here).
    ends = [
        select(Shipment.id).where(*c).order_by(Shipment.id).limit(limit).subquery().select()
        for c in by_end
    ]
    merged = union(*ends).subquery()
    return list(session.scalars(select(merged.c.id).order_by(merged.c.id).limit(limit)))


def _first_of_sets(session: Session, f: Filter, sets: list[list[Select]], limit: int) -> list[int]:
    """The first LIMIT ids of F's id SETS (conditions.shipment_id_paths); for one word
    alone, each of its paths read only up to an id bound. Whole, the set of a word in every
    shipment ("synthetic") held a million ids, and reading, merging and sorting them took
    1.3 s for its first thousand at a million items.

    Each path's K-th id, K = LIMIT + the deleted shipments, tells the set exactly up to the
    smallest K-th id among its paths (a path with fewer ids is whole), and the set holds
    LIMIT live ids up to there. Several sets are read whole: their intersection's first ids
    may lie past every bound, and finding each path's K-th id sorts a common commodity's
    items (q=pakistan+antimony: 46 -> 81 ms). On PostgreSQL the set is read whole too: an
    `ORDER BY id LIMIT` over a text match there can walk the whole table (sorting.settled)."""
    if len(sets) > 1 or dialect_of(session) != "sqlite":
        return _first(session, shipment_id_set(f), limit)
    per_path = limit + deleted_shipments(session)
    told = [k for k in (_kth(session, path, per_path) for path in sets[0]) if k is not None]
    return _first(session, shipment_id_set(f, up_to=min(told) if told else None), limit)


def _kth(session: Session, path: Select, k: int) -> int | None:
    """The K-th smallest id PATH selects, None when it selects fewer."""
    column = path.selected_columns[0]
    return session.scalar(path.order_by(column).offset(k - 1).limit(1))


def _first(session: Session, ids: CompoundSelect, limit: int) -> list[int]:
    found = ids.subquery()
    return list(session.scalars(select(found.c.id).order_by(found.c.id).limit(limit)))


def _selected(f: Filter, chosen: ColumnElement[bool] | None = None) -> list[ColumnElement[bool]]:
    """The shipments to count: CHOSEN when given (a test of the id against the ids read from
    F's selection, id_lists.among), else F's conditions."""
    if chosen is None:
        return list(shipment_conditions(f))
    return [chosen]


def _commodities(f: Filter, chosen: ColumnElement[bool] | None = None) -> Select:
    shipments = select(Shipment.id).where(*_selected(f, chosen))
    return (
        select(Commodity.slug, Commodity.name, func.count(distinct(ShipmentItem.shipment_id)))
        .join(ShipmentItem, ShipmentItem.commodity_id == Commodity.id)
        .where(ShipmentItem.shipment_id.in_(shipments))
        .group_by(Commodity.slug, Commodity.name)
    )


def _countries(f: Filter, chosen: ColumnElement[bool] | None = None) -> Select:
    at_either_end = or_(Party.id == Shipment.origin_id, Party.id == Shipment.destination_id)
    return (
        select(CODE, CODE, func.count(distinct(Shipment.id)))
        .join(Party, at_either_end)
        .where(CODE.is_not(None), *_selected(f, chosen))
        .group_by(CODE)
    )


def _deals(f: Filter, column, chosen: ColumnElement[bool] | None = None) -> Select:
    """Selected shipments under deals of each kind (or status): the Filter's conditions on the
    shipment rows themselves, each joined to its one deal (so a plain count counts each
    shipment once), not an IN over a second pass of them (three times the time at 20,000
    matches). The deal is an alias: the conditions' own subqueries over deal stay their own."""
    deal = aliased(Deal)
    value = getattr(deal, column.key)
    return (
        select(value, value, func.count())
        .select_from(Shipment)
        .join(deal, deal.id == Shipment.deal_id)
        .where(*_selected(f, chosen))
        .group_by(value)
    )
