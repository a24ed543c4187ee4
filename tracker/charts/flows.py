"""Flows: origin country -> commodity -> destination country, as a Sankey of shipments.

The three columns are fixed (every node gets its x), so a commodity never lands in the origin
column however the links are cut; each column shows its TOP_NODES largest nodes and folds the
rest into one "other" node, so labels never overprint at any size of selection.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import plotly.graph_objects as go

from tracker.charts.common import PALETTE, Chart, finish, plural, table_rows, text
from tracker.queries.flows import OTHER, TOP_NODES, Flows
from tracker.queries.flows import fold as fold_links

OUT, IN = "origin → commodity", "commodity → destination"
HOVER = "%{source.label} → %{target.label}: %{customdata}<extra></extra>"
NODE_HOVER = "%{label}: %{value:,} shipment links<extra></extra>"
COLUMN_X = {"o": 0.001, "c": 0.5, "d": 0.999}
# Pixels per node row: the figure grows with the fullest column so labels keep their room.
ROW_PX = 26


def fold(flows: Flows) -> tuple[list[tuple[str, str, str, str, int]], dict[str, int]]:
    """Links as (source column, source, target column, target, shipments) after folding the
    small nodes of each column into its "other" node (the query has folded them already; links
    built by hand are folded here); and how many names each "other" holds."""
    links, folded = fold_links(flows.outbound, flows.inbound)
    return links, {c: n + flows.folded.get(c, 0) for c, n in folded.items()}


def _nodes(links) -> dict[tuple[str, str], int]:
    """Node index per (column, name), each column by weight with its "other" node last."""
    weight: Counter = Counter()
    for a, source, b, target, n in links:
        weight[(a, source)] += n
        weight[(b, target)] += n
    order = sorted(weight, key=lambda k: ("ocd".index(k[0]), k[1] == OTHER[k[0]], -weight[k], k[1]))
    return {key: i for i, key in enumerate(order)}


def _positions(index: dict[tuple[str, str], int], links) -> tuple[list[float], list[float]]:
    """x by column; y the centre of each node's share of its column (a node is as tall as its
    shipments, so spacing by share keeps nodes from overlapping), with a small gap between."""
    weight: Counter = Counter()
    for a, source, b, target, n in links:
        weight[(a, source)] += n
        weight[(b, target)] += n
    columns: dict[str, list[tuple[str, str]]] = {}
    for key in index:
        columns.setdefault(key[0], []).append(key)
    centre: dict[tuple[str, str], float] = {}
    for keys in columns.values():
        gap = 0.02 if len(keys) > 1 else 0.0
        room = 1 - gap * (len(keys) - 1)
        total = sum(max(weight[k], 1) for k in keys)
        # Each node gets at least a row's share, so labels of small nodes never overprint.
        floor = 0.7 / len(keys)
        shares = {k: max(max(weight[k], 1) / total, floor) for k in keys}
        scale = room / sum(shares.values())
        top = 0.0
        for key in keys:
            share = shares[key] * scale
            centre[key] = round(top + share / 2, 4)
            top += share + gap
    return [COLUMN_X[k[0]] for k in index], [max(0.001, min(0.999, centre[k])) for k in index]


def _caption(folded: dict[str, int]) -> str:
    words = {"o": "origins", "c": "commodities", "d": "destinations"}
    cut = [f"{n} {words[c]}" for c, n in folded.items() if n]
    other = (
        f" Each column shows its {TOP_NODES} largest; " + ", ".join(cut) + " are counted in "
        "its \u201cother\u201d node."
        if cut
        else ""
    )
    return (
        "Link width: number of shipments recorded (not tonnes or value, which shipments report "
        "in different units or not at all); a shipment carrying several commodities counts once "
        "for each." + other
    )


def flows_chart(flows: Flows) -> Chart:
    """A Sankey whose link widths are numbers of shipments, in three fixed columns."""
    links, folded = fold(flows)
    # The links the chart draws, largest first: its text alternative.
    table = [(s, t, OUT if a == "o" else IN, str(n)) for a, s, _, t, n in links]
    chart = Chart(
        id="flows",
        title="Flows: origin → commodity → destination",
        caption=_caption(folded),
        headers=("From", "To", "Link", "Shipments"),
        **table_rows(table),
        rows_kind="shipments",
        empty="No shipments match this filter, so there are no flows to draw.",
    )
    if not links:
        return chart
    index = _nodes(links)
    xs, ys = _positions(index, links)
    values = [n for *_, n in links]
    fig = go.Figure(
        go.Sankey(
            arrangement="fixed",
            node={"label": [text(name) for _, name in index], "pad": 10, "thickness": 14,
                  "color": PALETTE[0], "x": xs, "y": ys, "hovertemplate": NODE_HOVER},
            link={"source": [index[(a, s)] for a, s, *_ in links],
                  "target": [index[(b, t)] for _, _, b, t, _ in links],
                  "value": values,
                  "color": "rgba(11, 92, 173, 0.25)",
                  "customdata": [plural(n, "shipment") for n in values],
                  "hovertemplate": HOVER},
        )
    )  # fmt: skip
    fullest = max(Counter(column for column, _ in index).values())
    height = max(360, fullest * ROW_PX + 40)
    return replace(chart, figure_json=finish(fig, height=height), traces=len(fig.data))
