"""The timeline: deals as spans from first to latest dated event, events as marks by kind."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import plotly.graph_objects as go

from tracker.charts.common import Chart, finish, plural, short, text
from tracker.queries.timeline import MarkRow, TimelineRows
from tracker.records.partial_dates import PartialDate, format_human, format_iso
from tracker.records.vocab import EVENT_KINDS, label

# The row for events that concern no deal (export controls, statements...).
NO_DEAL_ROW = "(no deal)"
ROW_PX, BASE_PX = 26, 110
MS_PER_DAY = 86_400_000
PRECISION_WORDS = {
    "day": "the day",
    "month": "the month",
    "quarter": "the quarter",
    "year": "the year",
}
SPAN_HOVER = (
    "<b>%{customdata[0]}</b><br>%{customdata[1]} – %{customdata[2]}"
    "<br>Sources: %{customdata[3]}<br><i>click for the deal and its sources</i><extra></extra>"
)
# Pages a click on a bar or mark opens: charts.js follows the last customdata item (a path).
DEAL_PATH, EVENT_PATH = "/deals/{}", "/events/{}"
# Colour and shape per event kind: ten kinds need more than a palette's hues, and a shape tells
# kinds apart where colours do not (colour-vision deficiency, print).
KIND_STYLES = {
    "mou_signed": ("#0072B2", "circle"),
    "agreement_signed": ("#009E73", "square"),
    "shipment_dispatched": ("#E69F00", "triangle-right"),
    "shipment_arrived": ("#D55E00", "triangle-down"),
    "investment_announced": ("#CC79A7", "diamond"),
    "export_control": ("#56B4E9", "x"),
    "suspension": ("#882255", "hourglass"),
    "statement": ("#000000", "circle-open"),
    "denial": ("#999933", "cross"),
    "other": ("#888888", "star"),
}


def _period(mark: MarkRow) -> tuple[date, date]:
    pd = PartialDate.parse(format_iso(mark.on, mark.precision))
    return pd.start, pd.end


def _middle(start: date, end: date) -> str:
    """The middle of a period as a timestamp: a month-precision event sits mid-month."""
    moment = (
        datetime.combine(start, time())
        + (datetime.combine(end, time()) - datetime.combine(start, time()) + timedelta(days=1)) / 2
    )
    return moment.isoformat()


def _span_end(rows: TimelineRows, slug: str, on) -> str:
    """A span's end at the precision of the event that dated it ("September 2025", not "1
    September 2025" for an event known to the month); day precision when no event did."""
    precisions = [m.precision for m in rows.marks if m.deal_slug == slug and m.on == on]
    return format_human(on, precisions[0] if precisions else "day")


def _span_trace(rows: TimelineRows) -> go.Bar:
    return go.Bar(
        name="Deal: first to latest dated event",
        orientation="h",
        y=[s.slug for s in rows.spans],
        base=[s.first.isoformat() for s in rows.spans],
        x=[((s.last - s.first).days + 1) * MS_PER_DAY for s in rows.spans],
        marker={"color": "rgba(11, 92, 173, 0.18)", "line": {"width": 0}},
        customdata=[
            [
                text(s.title),
                _span_end(rows, s.slug, s.first),
                _span_end(rows, s.slug, s.last),
                text(s.publishers or "none cited on the deal itself"),
                DEAL_PATH.format(s.slug),
            ]
            for s in rows.spans
        ],
        hovertemplate=SPAN_HOVER,
    )


def _period_trace(marks: list[MarkRow]) -> go.Bar:
    periods = [_period(m) for m in marks]
    return go.Bar(
        name="Date known only to the month, quarter or year",
        orientation="h",
        y=[m.deal_slug or NO_DEAL_ROW for m in marks],
        base=[p[0].isoformat() for p in periods],
        x=[((p[1] - p[0]).days + 1) * MS_PER_DAY for p in periods],
        width=0.35,
        marker={"color": "rgba(90, 90, 90, 0.45)"},
        hoverinfo="skip",
    )


def _kind_trace(kind: str, marks: list[MarkRow]) -> go.Scatter:
    colour, symbol = KIND_STYLES.get(kind, KIND_STYLES["other"])
    return go.Scatter(
        name=label(EVENT_KINDS, kind),
        mode="markers",
        y=[m.deal_slug or NO_DEAL_ROW for m in marks],
        x=[_middle(*_period(m)) for m in marks],
        marker={
            "color": colour,
            "symbol": symbol,
            "size": 10,
            "line": {"width": 1.5, "color": colour},
        },
        customdata=[
            [
                format_human(m.on, m.precision),
                PRECISION_WORDS.get(m.precision, m.precision),
                plural(m.sources, "source"),
                text(short(m.summary, 120)),
                text(m.publishers or "none yet"),
                EVENT_PATH.format(m.slug),
            ]
            for m in marks
        ],
        hovertemplate=(
            f"<b>{label(EVENT_KINDS, kind)}</b> · %{{customdata[0]}} (known to %{{customdata[1]}})"
            "<br>%{customdata[3]}<br>%{customdata[2]}: %{customdata[4]}"
            "<br><i>click for the event and its sources</i><extra></extra>"
        ),
    )


def timeline_chart(rows: TimelineRows, *, chart_id: str = "timeline") -> Chart:
    """The timeline figure with its table of events."""
    titles = {s.slug: s.title for s in rows.spans}
    table = [
        (
            format_human(m.on, m.precision),
            label(EVENT_KINDS, m.kind),
            m.summary,
            titles.get(m.deal_slug or "", ""),
            str(m.sources),
        )
        for m in rows.marks
    ]
    chart = Chart(
        id=chart_id,
        title="Timeline",
        caption=_caption(rows),
        headers=("Date", "Kind", "Event", "Deal", "Sources"),
        rows=table,
        rows_kind="events",
        empty="No deals or events match this filter, so there is no timeline to draw.",
    )
    if not rows.spans and not rows.marks:
        return chart
    return _with_figure(chart, rows)


def _with_figure(chart: Chart, rows: TimelineRows) -> Chart:
    fig = go.Figure([_span_trace(rows)])
    imprecise = [m for m in rows.marks if m.precision != "day"]
    if imprecise:
        fig.add_trace(_period_trace(imprecise))
    by_kind: dict[str, list[MarkRow]] = {}
    for m in rows.marks:
        by_kind.setdefault(m.kind, []).append(m)
    for kind in sorted(by_kind, key=list(EVENT_KINDS).index):
        fig.add_trace(_kind_trace(kind, by_kind[kind]))
    order = sorted(rows.spans, key=lambda s: (s.first, s.slug))
    slugs = [s.slug for s in order] + (
        [NO_DEAL_ROW] if any(not m.deal_slug for m in rows.marks) else []
    )
    ticks = [short(text(s.title)) for s in order] + [NO_DEAL_ROW] * (len(slugs) - len(order))
    fig.update_layout(barmode="overlay", showlegend=True)
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=slugs,
        tickvals=slugs,
        ticktext=ticks,
        autorange="reversed",
    )
    fig.update_xaxes(type="date")
    return replace(
        chart, figure_json=finish(fig, height=BASE_PX + ROW_PX * len(slugs)), traces=len(fig.data)
    )


def _caption(rows: TimelineRows) -> str:
    shown = (
        f"{plural(len(rows.spans), 'deal')} and {plural(len(rows.marks), 'event')}"
        f" of {plural(rows.deals_total, 'deal')} and {plural(rows.events_total, 'event')} selected"
    )
    return (
        f"Dates at the precision the sources give (UTC); a bar runs from a deal's first to its "
        f"latest dated event; a mark known only to the month, quarter or year sits mid-period on a "
        f"grey bar covering the whole period. Showing {shown}; the most recent deals come first "
        f"when there are more than fit."
    )
