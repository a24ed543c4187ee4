"""Flows: origin country -> commodity -> destination country, as a Sankey of shipments."""

from __future__ import annotations

from dataclasses import replace

import plotly.graph_objects as go

from tracker.charts.common import PALETTE, Chart, finish, plural, text
from tracker.queries.aggregates import FlowRow


def _nodes(rows: list[FlowRow]) -> tuple[list[str], dict[tuple[str, str], int]]:
    """Node labels and their index: origins, commodities and destinations are separate columns."""
    labels: list[str] = []
    index: dict[tuple[str, str], int] = {}
    for column, attr in (("o", "origin"), ("c", "commodity"), ("d", "destination")):
        for row in rows:
            key = (column, getattr(row, attr))
            if key not in index:
                index[key] = len(labels)
                labels.append(text(key[1]))
    return labels, index


def _links(rows: list[FlowRow], index) -> dict[tuple[int, int], int]:
    links: dict[tuple[int, int], int] = {}
    for r in rows:
        c = index[("c", r.commodity)]
        for a, b in ((index[("o", r.origin)], c), (c, index[("d", r.destination)])):
            links[(a, b)] = links.get((a, b), 0) + r.shipments
    return links


def flows_chart(rows: list[FlowRow], total: int) -> Chart:
    """A Sankey whose link widths are numbers of shipments."""
    left_out = total - len(rows)
    chart = Chart(
        id="flows",
        title="Flows: origin → commodity → destination",
        caption=(
            "Link width: number of shipments recorded (not tonnes or value, which shipments "
            "report in different units or not at all); a shipment carrying several commodities "
            "counts once for each."
            + (f" The {len(rows)} largest of {total} flows are drawn." if left_out > 0 else "")
        ),
        headers=("Origin", "Commodity", "Destination", "Shipments"),
        rows=[(r.origin, r.commodity, r.destination, str(r.shipments)) for r in rows],
        rows_kind="shipments",
        empty="No shipments match this filter, so there are no flows to draw.",
    )
    if not rows:
        return chart
    labels, index = _nodes(rows)
    links = _links(rows, index)
    fig = go.Figure(
        go.Sankey(
            arrangement="snap",
            node={"label": labels, "pad": 12, "thickness": 14, "color": PALETTE[0]},
            link={
                "source": [a for a, _ in links],
                "target": [b for _, b in links],
                "value": list(links.values()),
                "color": "rgba(11, 92, 173, 0.25)",
                "customdata": [plural(n, "shipment") for n in links.values()],
                "hovertemplate": "%{source.label} → %{target.label}: %{customdata}<extra></extra>",
            },
        )
    )
    return replace(chart, figure_json=finish(fig, height=360), traces=len(fig.data))
