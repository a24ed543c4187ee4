"""Flows for the Sankey: shipments from origin country to commodity, and commodity to
destination country, each a GROUP BY over ids (a few thousand groups at most), named and cut
to the largest nodes of each column after."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import distinct, func, select
from sqlmodel import Session

from tracker.models import Party, Shipment
from tracker.queries import tallies
from tracker.queries.aggregates import Com, Item
from tracker.queries.conditions import shipment_conditions
from tracker.queries.filters import Filter

IN_CHUNK = 500  # ids per IN list

# Nodes each column of the Sankey shows; the rest of a column fold into its "other" node. Folded
# here, not in the chart, so a page at a million rows carries a few hundred links, not 22,000.
TOP_NODES = 15
OTHER = {"o": "Other origins", "c": "Other commodities", "d": "Other destinations"}


class FlowLink(NamedTuple):
    """Shipments between a country and a commodity (origin side) or the reverse (destination)."""

    source: str
    target: str
    shipments: int


@dataclass(frozen=True)
class Flows:
    """Both sides of the Sankey (each column cut to its TOP_NODES), how many links each side
    had before the cut, and how many names each column's "other" node holds ('o', 'c', 'd')."""

    outbound: list[FlowLink]
    inbound: list[FlowLink]
    outbound_total: int
    inbound_total: int
    folded: dict[str, int] = field(default_factory=dict)


def _kept(weights: Counter) -> set[str]:
    """The TOP_NODES heaviest names (ties by name, so the cut is stable)."""
    ranked = sorted(weights.items(), key=lambda item: (-item[1], item[0]))
    if len(ranked) <= TOP_NODES + 1:  # folding one node into "other" would hide, not help
        return {name for name, _ in ranked}
    return {name for name, _ in ranked[:TOP_NODES]}


def fold(outbound: list[FlowLink], inbound: list[FlowLink]):
    """Links as (source column, source, target column, target, shipments) after folding the
    small nodes of each column into its "other" node, largest first; and how many names each
    "other" holds."""
    weight: dict[str, Counter] = {"o": Counter(), "c": Counter(), "d": Counter()}
    for source, target, n in outbound:
        weight["o"][source] += n
        weight["c"][target] += n
    for source, target, n in inbound:
        weight["c"][source] += n
        weight["d"][target] += n
    kept = {column: _kept(w) for column, w in weight.items()}
    folded = {column: len(w) - len(kept[column]) for column, w in weight.items()}

    def name(column: str, value: str) -> str:
        return value if value in kept[column] else OTHER[column]

    links: Counter = Counter()
    for (a, b), side in ((("o", "c"), outbound), (("c", "d"), inbound)):
        for source, target, n in side:
            links[(a, name(a, source), b, name(b, target))] += n
    ordered = sorted(links.items(), key=lambda item: (-item[1], item[0]))
    return [(*key, n) for key, n in ordered], folded


def _grouped(session: Session, f: Filter, country_column, *, scan: bool = False):
    """(country, commodity, n shipments) from shipment_tally, or over the records when the
    tally cannot answer the Filter (or SCAN asks for it)."""
    from_tally = None if scan else tallies.flow_side(f, country_column.key, session)
    if from_tally is not None:
        return from_tally.subquery()
    n = func.count(distinct(Item.shipment_id)).label("n")
    return (
        select(country_column.label("country"), Item.commodity_id.label("commodity"), n)
        .join(Item, Item.shipment_id == Shipment.id)
        .where(*shipment_conditions(f))
        .group_by(country_column, Item.commodity_id)
        .subquery()
    )


def _pairs(session: Session, f: Filter, country_column, *, scan: bool) -> list[tuple]:
    """(country id, commodity id, n) of one side: ids only, named once for the whole side."""
    grouped = _grouped(session, f, country_column, scan=scan)
    # Through Core, not the ORM session: thousands of pairs, whose ORM handling cost more than
    # the query.
    query = select(grouped.c.country, grouped.c.commodity, grouped.c.n)
    return list(session.connection().execute(query).all())


def _names(session: Session, model, ids: set[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), IN_CHUNK):
        chunk = ordered[start : start + IN_CHUNK]
        found.update(session.execute(select(model.id, model.name).where(model.id.in_(chunk))).all())
    return found


def flows(session: Session, f: Filter, *, scan: bool = False) -> Flows:
    """Origin -> commodity and commodity -> destination, by number of shipments, each column
    cut to its TOP_NODES (SCAN: over the records even when shipment_tally could answer; the
    tests compare the two). The pairs stay ids until the cut: at a million items they are
    thousands, and only the links left after it are named and built."""
    out = _pairs(session, f, Shipment.origin_id, scan=scan)
    into = _pairs(session, f, Shipment.destination_id, scan=scan)
    countries = _names(session, Party, {r[0] for r in (*out, *into)})
    commodities = _names(session, Com, {r[1] for r in (*out, *into)})
    # A shipment with no country recorded at one end has no node on that side.
    out = [r for r in out if r[0] in countries and r[1] in commodities]
    into = [r for r in into if r[0] in countries and r[1] in commodities]
    weight: dict[str, Counter] = {"o": Counter(), "c": Counter(), "d": Counter()}
    for country_column, pairs in (("o", out), ("d", into)):
        for country, commodity, n in pairs:
            weight[country_column][countries[country]] += n
            weight["c"][commodities[commodity]] += n
    kept = {column: _kept(w) for column, w in weight.items()}

    def name(column: str, names: dict[int, str], key: int) -> str:
        value = names[key]
        return value if value in kept[column] else OTHER[column]

    outbound: Counter = Counter()
    for country, commodity, n in out:
        outbound[(name("o", countries, country), name("c", commodities, commodity))] += n
    inbound: Counter = Counter()
    for country, commodity, n in into:
        inbound[(name("c", commodities, commodity), name("d", countries, country))] += n
    links, _ = fold(
        [FlowLink(s, t, n) for (s, t), n in outbound.items()],
        [FlowLink(s, t, n) for (s, t), n in inbound.items()],
    )
    return Flows(
        [FlowLink(s, t, n) for a, s, _, t, n in links if a == "o"],
        [FlowLink(s, t, n) for a, s, _, t, n in links if a == "c"],
        len(out),
        len(into),
        {column: len(w) - len(kept[column]) for column, w in weight.items()},
    )
