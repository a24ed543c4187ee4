"""What every chart carries besides its figure: caption, data table, rows link, empty state."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from decimal import Decimal

import plotly.graph_objects as go
import plotly.io as pio

# Colours that stay distinguishable for the common colour-vision deficiencies (Okabe-Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
# Axis labels longer than this squeeze the plot off a 380 px screen; hover shows the full text.
MAX_LABEL_CHARS = 32
BILLION = Decimal(1_000_000_000)
# Rows a chart's data table lists (the largest first); past this the table says how many more
# there are and the chart's CSV and JSON links hold the rows behind them. Without it a page
# grew with the data: 8,468 country groups and 22,410 flow links made the dashboard 4 MB at a
# million shipment items, two seconds of it spent escaping table cells.
MAX_TABLE_ROWS = 50
# Names a hover lists for a bar that covers many (the folded "other" bar); the rest are counted.
MAX_HOVER_NAMES = 12


@dataclass(frozen=True)
class Chart:
    """One chart as a page places it: the figure as JSON, and its text alternative."""

    id: str
    title: str
    caption: str
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]
    rows_kind: str  # which list holds the rows behind it: deals, shipments or events
    figure_json: str | None = None  # None: nothing to draw, the page shows EMPTY instead
    traces: int = 0
    empty: str = "Nothing in the selection to chart."
    notes: list[str] = field(default_factory=list)
    # For an additive chart: the total its bars add up to, in the unit the bars are drawn in
    # (USD bn), stated on the page so a reader (and the browser test) can check the sum.
    total: float | None = None
    # Rows of the full table left out of ROWS (see MAX_TABLE_ROWS).
    rows_left: int = 0


def table_rows(rows: list, make=tuple) -> dict:
    """ROWS cut to MAX_TABLE_ROWS, as Chart's rows and rows_left; MAKE turns each row kept into
    its table row (only the rows shown are formatted)."""
    return {
        "rows": [make(r) for r in rows[:MAX_TABLE_ROWS]],
        "rows_left": max(0, len(rows) - MAX_TABLE_ROWS),
    }


def names(
    values: list[str] | tuple[str, ...], limit: int = MAX_HOVER_NAMES, *, unnamed: int = 0
) -> str:
    """'A, B, C' or, past LIMIT names (or with UNNAMED more not read), 'A, B, ... and 40 more'."""
    shown = ", ".join(values[:limit])
    more = max(0, len(values) - limit) + unnamed
    return f"{shown} and {more:,} more" if more else shown


def finish(fig: go.Figure, *, height: int, top: int = 8) -> str:
    """The figure's JSON after the layout every chart shares (readable on narrow screens)."""
    fig.update_layout(
        template="none",  # Plotly's default template adds ~10 kB of JSON to every chart
        height=height,
        margin={"l": 8, "r": 8, "t": top, "b": 8},
        font={"family": "system-ui, sans-serif", "size": 12},
        # Above the plot: below it, a short figure's legend ran into the date axis labels.
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        plot_bgcolor="#fff",
        paper_bgcolor="#fff",
        hoverlabel={"align": "left"},
    )
    fig.update_xaxes(automargin=True, gridcolor="#e6e9ee")
    fig.update_yaxes(automargin=True, gridcolor="#e6e9ee")
    return pio.to_json(fig, validate=False, pretty=False)


def text(value: object) -> str:
    """Record text made safe for Plotly's hover and tick labels, which read HTML tags."""
    return html.escape(str(value), quote=False)


def short(label: str, limit: int = MAX_LABEL_CHARS) -> str:
    """A label cut to LIMIT characters with an ellipsis."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def usd(amount: Decimal | None) -> str:
    """USD 1,234,000,000 for tables ('' for none)."""
    return "" if amount is None else f"USD {amount:,.0f}"


def usd_bn(amount: Decimal | None) -> float:
    """A USD amount in billions, as Plotly plots it."""
    return float((amount or Decimal(0)) / BILLION)


def plural(n: int, word: str) -> str:
    """'1 deal', '3 deals'."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"
