"""Announced deal value: by commodity, by country (bars) and by quarter (with a running total)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from tracker.charts.common import (
    PALETTE,
    Chart,
    finish,
    names,
    plural,
    short,
    table_rows,
    text,
    usd,
    usd_bn,
)
from tracker.queries.aggregates import ValueRow
from tracker.records.partial_dates import EARLIEST, LATEST

# Bars a value chart draws; the table below it lists the largest groups (MAX_TABLE_ROWS).
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


# Marks a bar (and its table row) whose sum includes a value the sources disagree on.
DISPUTED_MARK = " \u26a0"
DISPUTED_NOTE = "\u26a0 marks a group including a deal whose value the sources disagree on."


def _label(r: ValueRow) -> str:
    return r.label + (DISPUTED_MARK if r.disputed else "")


def _table_row(r: ValueRow) -> tuple[str, ...]:
    return (
        _label(r),
        usd(r.usd) if r.with_usd else "—",
        str(r.with_usd),
        str(r.undisclosed),
        str(r.unconverted),
        str(r.without_value),
        str(r.deals),
        str(r.disputed),
        ", ".join(r.members),
    )


def _table(rows: list[ValueRow]) -> list[tuple[str, ...]]:
    return [_table_row(r) for r in rows]


def _fold(rows: list[ValueRow], group: str, rest: ValueRow | None) -> list[ValueRow]:
    """At most MAX_BARS bars that still add up: the smallest groups (and REST, the groups past
    ROWS already added up) fold into one."""
    if rest is None and len(rows) <= MAX_BARS:
        return rows
    unnamed = rest.unnamed if rest is not None else 0
    tail = rows[MAX_BARS - 1 :]
    added = [*tail, rest] if rest is not None else tail
    folded = ValueRow(
        "other",
        f"{len(tail) + unnamed:,} other {group} groups",
        sum((r.usd for r in added), Decimal(0)),
        *(sum(getattr(r, a) for r in added) for a in COUNTS),
        members=tuple(r.label for r in tail),
        unnamed=unnamed,
    )
    return [*rows[: MAX_BARS - 1], folded]


COUNTS = ("with_usd", "undisclosed", "unconverted", "deals", "disputed")


def _hover(r: ValueRow) -> str:
    parts = [f"{usd(r.usd)} from {plural(r.with_usd, 'deal')}"]
    if r.members:
        parts.append("covering " + text(names(r.members, unnamed=r.unnamed)))
    if r.disputed:
        parts.append(f"{plural(r.disputed, 'deal')} with a disputed value")
    return "<br>".join(parts) + (LIST_HINT if r.key in UNSPECIFIC else CLICK_HINT)


# Groups that no one filter of /deals selects: their bars open the whole list of deals.
UNSPECIFIC = ("several", "none", "other", "all")
CLICK_HINT = "<br><i>click for these deals and their sources</i>"
LIST_HINT = "<br><i>click for the list of deals</i>"


def _path(r: ValueRow, group: str) -> str:
    """The /deals list a click on the bar opens (charts.js): filtered to the group where one
    filter selects it (a combined country bar "CHN+USA" opens the deals of either country)."""
    if r.key in UNSPECIFIC:
        return "/deals"
    return "/deals?" + "&".join(f"{group}={key}" for key in r.key.split("+"))


def total_text(total: ValueRow) -> str:
    """'In all: USD 1,200,000,000 from 5 deals with a USD figure (of 9 deals).'"""
    return (
        f"In all: {usd(total.usd)} from {plural(total.with_usd, 'deal')} with a USD figure "
        f"(of {plural(total.deals, 'deal')}); each deal is counted once, so the bars add up to it."
    )


def value_bars(
    rows: list[ValueRow],
    bases: list[tuple[str, int]],
    *,
    chart_id: str,
    group: str,
    note: str,
    total: ValueRow | None = None,
    rest: ValueRow | None = None,
) -> Chart:
    """Horizontal bars of USD value per group, beside the count of deals the sum leaves out.
    REST: the groups past ROWS added up, when only the largest were read (aggregates.Ranked)."""
    total_note = f" {total_text(total)}" if total is not None else ""
    unread = rest.unnamed if rest is not None else 0
    counted = [*rows, rest] if rest is not None else rows
    disputed = f" {DISPUTED_NOTE}" if any(r.disputed for r in counted) else ""
    table = table_rows(rows, _table_row)
    chart = Chart(
        id=chart_id,
        title=f"Announced value by {group}",
        caption=f"{basis_text(bases)}. {note}{total_note} Deals without a USD figure are counted "
        f"on the right, not added as zero. Export controls have no value and are not counted."
        f"{disputed}",
        headers=(
            group.capitalize(),
            *VALUE_HEADERS[1:],
            "Deals whose value sources dispute",
            "Covers",
        ),
        rows=table["rows"],
        rows_left=table["rows_left"] + unread,
        rows_kind="deals",
        empty=f"No deals match this filter, so there is no value by {group} to show.",
        total=usd_bn(total.usd) if total is not None else None,
    )
    if not rows:
        return chart
    shown = _fold(rows, group, rest)
    labels = [short(text(_label(r))) for r in shown]
    # The right panel counts deals with no USD figure; when there are none it would be an
    # empty -1..1 axis, so the figure is then the value bars alone.
    missing = any(getattr(r, attr) for r in shown for attr, _, _ in MISSING)
    fig = make_subplots(
        rows=1,
        cols=2 if missing else 1,
        shared_yaxes=True,
        column_widths=[0.7, 0.3] if missing else None,
        horizontal_spacing=0.03,
        # Two short lines: one line ran into the value panel's title on a phone.
        subplot_titles=("USD bn (nominal)", "Deals with<br>no USD figure")
        if missing
        else ("USD bn (nominal)",),
    )
    fig.add_trace(
        go.Bar(
            name="Announced value, USD bn",
            orientation="h",
            y=labels,
            x=[usd_bn(r.usd) for r in shown],
            marker={"color": PALETTE[0]},
            customdata=[[_hover(r), _path(r, group)] for r in shown],
            hovertemplate="%{y}: %{customdata[0]}<extra></extra>",
        ),
        row=1,
        col=1,
    )
    for attr, name, colour in MISSING if missing else ():
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
    if missing:
        # The right panel is a third of a phone's plot (about 70 px): a few counts fit across
        # it, and the titles sit at the plot's two ends (centred, the right one ran past the
        # figure's edge, and moved in, it ran into the left one).
        fig.update_xaxes(nticks=3, row=1, col=2)
        left, right = fig.layout.annotations
        left.update(x=0, xanchor="left", align="left")
        right.update(x=1, xanchor="right", align="right")
    fig.update_layout(legend_traceorder="normal")
    # _fold hands ROWS back, the same list, when nothing folds.
    folded = len(rows[MAX_BARS - 1 :]) + unread if shown is not rows else 0
    notes = [f"The {folded:,} smallest groups are one bar."] if folded else []
    height = BASE_PX + ROW_PX * len(shown)
    json_text = finish(fig, height=height, top=40)  # room for the panel titles
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
    dated_total = sum((r.usd for r in dated.values()), Decimal(0))
    note += (
        f" In all: {usd(dated_total)} announced by dated deals, each counted once in its quarter."
    )
    if any(r.disputed for r in rows):
        note += f" {DISPUTED_NOTE}"
    chart = Chart(
        id=chart_id,
        title="Announced value over time",
        caption=f"{basis_text(bases)}. By quarter of the announcement (else signing, else first "
        f"date), with the running total.{note} Undisclosed values are counted in the table, not "
        "added as zero.",
        headers=("Quarter", *VALUE_HEADERS[1:], "Deals whose value sources dispute", "Covers"),
        rows=_table(rows),
        rows_kind="deals",
        empty="No dated deals match this filter, so there is no value over time to show.",
        total=usd_bn(dated_total),
    )
    if not dated:
        return chart
    if not any(r.usd for r in dated.values()):
        # Nothing to draw but a flat zero on an empty -1..1 axis: say so; the table counts.
        return replace(
            chart,
            empty="No deal in this selection has a USD figure, so there is no value over time "
            "to draw; the data table counts the deals by quarter.",
        )
    quarters = _quarters(list(dated))
    values = [dated[q].usd if q in dated else Decimal(0) for q in quarters]
    running, total = [], Decimal(0)
    for v in values:
        total += v
        running.append(usd_bn(total))
    undisclosed = [dated[q].undisclosed if q in dated else 0 for q in quarters]
    # Quarters written as on every page ("Q3 2025"); a quarter with a disputed value marked.
    labels = [
        f"{q[-2:]} {q[:4]}" + (DISPUTED_MARK if q in dated and dated[q].disputed else "")
        for q in quarters
    ]
    fig = go.Figure(
        [
            go.Bar(
                name="Announced in the quarter, USD bn",
                x=labels,
                y=[usd_bn(v) for v in values],
                marker={"color": PALETTE[0]},
                customdata=[[usd(v), n] for v, n in zip(values, undisclosed, strict=True)],
                hovertemplate=QUARTER_HOVER,
            ),
            go.Scatter(
                name="Running total, USD bn",
                x=labels,
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
