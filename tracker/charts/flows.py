"""Flows: origin country -> commodity -> destination country, as a Sankey of shipments."""

from __future__ import annotations

from dataclasses import replace

import plotly.graph_objects as go

from tracker.charts.common import PALETTE, Chart, finish, plural, text
from tracker.queries.flows import Flows

OUT, IN = "origin → commodity", "commodity → destination"
HOVER = "%{source.label} → %{target.label}: %{customdata}<extra></extra>"


def _nodes(flows: Flows) -> dict[tuple[str, str], int]:
    """Node index per (column, name): origins, commodities and destinations stay apart, so a
    country that both sends and receives appears once on each side."""
    index: dict[tuple[str, str], int] = {}
    keys = [("o", link.source) for link in flows.outbound]
    keys += [("c", link.target) for link in flows.outbound]
    keys += [("c", link.source) for link in flows.inbound]
    keys += [("d", link.target) for link in flows.inbound]
    for key in keys:
        index.setdefault(key, len(index))
    return index


def _caption(flows: Flows) -> str:
    cut = ""
    if len(flows.outbound) < flows.outbound_total or len(flows.inbound) < flows.inbound_total:
        cut = (
            f" The largest {len(flows.outbound)} of {flows.outbound_total} origin links and "
            f"{len(flows.inbound)} of {flows.inbound_total} destination links are drawn."
        )
    return (
        "Link width: number of shipments recorded (not tonnes or value, which shipments report "
        "in different units or not at all); a shipment carrying several commodities counts once "
        "for each." + cut
    )


def flows_chart(flows: Flows) -> Chart:
    """A Sankey whose link widths are numbers of shipments."""
    table = [(a.source, a.target, OUT, str(a.shipments)) for a in flows.outbound]
    table += [(a.source, a.target, IN, str(a.shipments)) for a in flows.inbound]
    chart = Chart(
        id="flows",
        title="Flows: origin → commodity → destination",
        caption=_caption(flows),
        headers=("From", "To", "Link", "Shipments"),
        rows=table,
        rows_kind="shipments",
        empty="No shipments match this filter, so there are no flows to draw.",
    )
    if not flows.outbound and not flows.inbound:
        return chart
    index = _nodes(flows)
    sources = [index[("o", a.source)] for a in flows.outbound]
    sources += [index[("c", a.source)] for a in flows.inbound]
    targets = [index[("c", a.target)] for a in flows.outbound]
    targets += [index[("d", a.target)] for a in flows.inbound]
    values = [a.shipments for a in (*flows.outbound, *flows.inbound)]
    fig = go.Figure(
        go.Sankey(
            arrangement="snap",
            node={"label": [text(name) for _, name in index], "pad": 12, "thickness": 14,
                  "color": PALETTE[0]},
            link={"source": sources, "target": targets, "value": values,
                  "color": "rgba(11, 92, 173, 0.25)",
                  "customdata": [plural(n, "shipment") for n in values],
                  "hovertemplate": HOVER},
        )
    )  # fmt: skip
    return replace(chart, figure_json=finish(fig, height=360), traces=len(fig.data))
