"""Promised against delivered: each deal's headline value beside the shipments recorded under it."""

from __future__ import annotations

from dataclasses import replace

import plotly.graph_objects as go

from tracker.charts.common import PALETTE, Chart, finish, plural, short, text, usd, usd_bn
from tracker.queries.delivery import DeliveryRow

# A click on a deal's bars opens its page, where its sources are (static/charts.js).
DEAL_PATH = "/deals/{}"
CLICK_HINT = "<br><i>click for the deal and its sources</i><extra></extra>"

ROW_PX, BASE_PX = 44, 110


def _promised(r: DeliveryRow) -> str:
    if r.promised_usd is not None:
        return usd(r.promised_usd)
    return "undisclosed" if r.promised_undisclosed else "not reported"


def _delivered(r: DeliveryRow) -> str:
    if not r.shipments:
        return "no shipment recorded"
    value = usd(r.delivered_usd) if r.items_with_usd else "value not reported"
    if r.items_with_usd and r.items_with_usd < r.items:
        value += f" ({r.items - r.items_with_usd} of {r.items} items without value)"
    return f"{plural(r.shipments, 'shipment')}, {value}"


def _quantities(r: DeliveryRow) -> str:
    return "; ".join(f"{q:,f} {unit} {name}".replace("  ", " ") for name, unit, q in r.quantities)


def delivery_chart(rows: list[DeliveryRow], overall: DeliveryRow, *, basis: str) -> Chart:
    """Paired bars per deal: headline USD value and the USD value of shipments recorded."""
    table = [
        (r.title, _promised(r), _delivered(r), _quantities(r) or "—") for r in [overall, *rows]
    ]
    chart = Chart(
        id="delivery",
        title="Promised vs delivered",
        caption=(
            f"{basis}. Promised: the deal's headline value. Delivered: the USD value of the "
            "shipments recorded under it, where reported; the text beside each pair counts the "
            f"shipments. In all: {_promised(overall)} promised; {_delivered(overall)}."
        ),
        headers=(
            "Deal",
            "Promised (headline value)",
            "Delivered (shipments recorded)",
            "Quantities",
        ),
        rows=table,
        rows_kind="deals",
        empty="No deal in this selection has a value or a shipment: nothing to compare.",
    )
    if not rows:
        return chart
    labels = [short(text(r.title)) for r in rows]
    fig = go.Figure(
        [
            go.Bar(
                name="Promised (headline value), USD bn",
                orientation="h",
                y=labels,
                x=[usd_bn(r.promised_usd) for r in rows],
                marker={"color": PALETTE[0]},
                customdata=[[_promised(r), DEAL_PATH.format(r.slug)] for r in rows],
                hovertemplate="%{y}<br>Promised: %{customdata[0]}" + CLICK_HINT,
            ),
            go.Bar(
                name="Delivered (shipments recorded), USD bn",
                orientation="h",
                y=labels,
                x=[usd_bn(r.delivered_usd) for r in rows],
                marker={"color": PALETTE[2]},
                text=[_delivered(r) for r in rows],
                textposition="outside",
                cliponaxis=False,
                customdata=[[_delivered(r), DEAL_PATH.format(r.slug)] for r in rows],
                hovertemplate="%{y}<br>Delivered: %{customdata[0]}" + CLICK_HINT,
            ),
        ]
    )
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed", type="category")
    # No axis title: it hits the legend on narrow screens, and the trace names say "USD bn".
    height = BASE_PX + ROW_PX * len(rows)
    return replace(chart, figure_json=finish(fig, height=height), traces=len(fig.data))
