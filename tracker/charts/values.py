"""Announced deal value: by commodity, by country (bars) and by quarter (with a running total)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from tracker.charts.common import PALETTE, Chart, finish, plural, short, text, usd, usd_bn
from tracker.queries.aggregates import ValueRow
from tracker.records.partial_dates import EARLIEST, LATEST

# Bars a value chart draws; the table below it lists every group.
MAX_BARS = 15
ROW_PX, BASE_PX = 24, 120
QUARTER_HOVER = "%{x}: %{customdata[0]}; %{customdata[1]} undisclosed not included<extra></extra>"
VALUE_HEADERS = (
    "Group",
    "Announced value",
    "Deals with a USD figure",
    "Undisclosed",
    "Stated in another currency, not converted",
    "No value reported",
    "Deals",
)
# The stacked counts beside the USD bars: what the sum leaves out, never counted as zero.
MISSING = (
    ("undisclosed", "Value undisclosed", PALETTE[1]),
    ("unconverted", "Other currency, no USD stated", PALETTE[4]),
    ("without_value", "No value reported", "#b8bec8"),
)


def basis_text(bases: list[tuple[str, int]]) -> str:
    """'USD, nominal, converted at: reported in USD (6 deals)' from the basis counts."""
    if not bases:
        return "USD, nominal; no deal in the selection has a USD figure"
    parts = "; ".join(f"{basis} ({plural(n, 'deal')})" for basis, n in bases)
    return f"USD, nominal, converted at: {parts}; no exchange rate is looked up by the tracker"


def _table(rows: list[ValueRow]) -> list[tuple[str, ...]]:
    return [
        (
            r.label,
            usd(r.usd) if r.with_usd else "—",
            str(r.with_usd),
            str(r.undisclosed),
            str(r.unconverted),
            str(r.without_value),
            str(r.deals),
        )
        for r in rows
    ]


def value_bars(
    rows: list[ValueRow], bases: list[tuple[str, int]], *, chart_id: str, group: str, note: str
) -> Chart:
    """Horizontal bars of USD value per group, beside the count of deals the sum leaves out."""
    chart = Chart(
        id=chart_id,
        title=f"Announced value by {group}",
        caption=f"{basis_text(bases)}. {note} Deals without a USD figure are counted on the right, "
        "not added as zero.",
        headers=(group.capitalize(), *VALUE_HEADERS[1:]),
        rows=_table(rows),
        rows_kind="deals",
        empty=f"No deals match this filter, so there is no value by {group} to show.",
    )
    if not rows:
        return chart
    shown = rows[:MAX_BARS]
    labels = [short(text(r.label)) for r in shown]
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        column_widths=[0.7, 0.3],
        horizontal_spacing=0.03,
        subplot_titles=("USD bn (nominal)", "Deals, no USD figure"),
    )
    fig.add_trace(
        go.Bar(
            name="Announced value, USD bn",
            orientation="h",
            y=labels,
            x=[usd_bn(r.usd) for r in shown],
            marker={"color": PALETTE[0]},
            customdata=[
                [usd(r.usd), plural(r.with_usd, "deal"), f"/deals?{group}={r.key}"] for r in shown
            ],
            hovertemplate="%{y}: %{customdata[0]} from %{customdata[1]}"
            "<br><i>click for these deals and their sources</i><extra></extra>",
        ),
        row=1,
        col=1,
    )
    for attr, name, colour in MISSING:
        fig.add_trace(
            go.Bar(
                name=name,
                orientation="h",
                y=labels,
                x=[getattr(r, attr) for r in shown],
                marker={"color": colour},
                hovertemplate=f"%{{y}}: %{{x}} deals, {name.lower()}<extra></extra>",
            ),
            row=1,
            col=2,
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_annotations(font_size=12)
    fig.update_layout(legend_traceorder="normal")
    notes = (
        []
        if len(rows) <= MAX_BARS
        else [f"The chart shows the {MAX_BARS} largest of {len(rows)}; the table lists all."]
    )
    height = BASE_PX + ROW_PX * len(shown)
    json_text = finish(fig, height=height, top=28)  # room for the two panel titles
    return replace(chart, figure_json=json_text, traces=len(fig.data), notes=notes)


def _quarters(keys: list[str]) -> list[str]:
    """KEYS ('2024-Q3') with the empty quarters between them, so gaps show as empty; only
    within the dates records may carry (a stray year 9999 stored before dates were checked
    would otherwise draw ~32,000 empty quarters)."""
    inside = sorted(k for k in keys if EARLIEST.year <= int(k[:4]) <= LATEST.year)
    out = set(keys)
    if inside:
        y, q = int(inside[0][:4]), int(inside[0][-1])
        while f"{y:04d}-Q{q}" <= inside[-1]:
            out.add(f"{y:04d}-Q{q}")
            y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return sorted(out)


def value_over_time(
    rows: list[ValueRow], bases: list[tuple[str, int]], *, chart_id: str = "value-time"
) -> Chart:
    """USD announced per quarter (bars) and the running total (line)."""
    dated = {r.key: r for r in rows if r.key}
    undated = next((r for r in rows if not r.key), None)
    note = f" {plural(undated.deals, 'deal')} with no date are left out." if undated else ""
    chart = Chart(
        id=chart_id,
        title="Announced value over time",
        caption=f"{basis_text(bases)}. By quarter of the announcement (else signing, else first "
        f"date), with the running total.{note} Undisclosed values are counted in the table, not "
        "added as zero.",
        headers=("Quarter", *VALUE_HEADERS[1:]),
        rows=_table(rows),
        rows_kind="deals",
        empty="No dated deals match this filter, so there is no value over time to show.",
    )
    if not dated:
        return chart
    quarters = _quarters(list(dated))
    values = [dated[q].usd if q in dated else Decimal(0) for q in quarters]
    running, total = [], Decimal(0)
    for v in values:
        total += v
        running.append(usd_bn(total))
    undisclosed = [dated[q].undisclosed if q in dated else 0 for q in quarters]
    fig = go.Figure(
        [
            go.Bar(
                name="Announced in the quarter, USD bn",
                x=quarters,
                y=[usd_bn(v) for v in values],
                marker={"color": PALETTE[0]},
                customdata=[[usd(v), n] for v, n in zip(values, undisclosed, strict=True)],
                hovertemplate=QUARTER_HOVER,
            ),
            go.Scatter(
                name="Running total, USD bn",
                x=quarters,
                y=running,
                mode="lines+markers",
                line={"color": PALETTE[3], "shape": "hv"},
                hovertemplate="%{x}: USD %{y:,.3f} bn in all<extra></extra>",
            ),
        ]
    )
    fig.update_xaxes(type="category")
    fig.update_yaxes(title_text="USD billion (nominal)")
    return replace(chart, figure_json=finish(fig, height=360), traces=len(fig.data))
