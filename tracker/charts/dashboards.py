"""Which charts each page shows: queries in, Chart objects out (no Flask; the views cache them)."""

from __future__ import annotations

from sqlmodel import Session

from tracker.charts.common import MAX_TABLE_ROWS, Chart
from tracker.charts.delivery import delivery_chart
from tracker.charts.flows import flows_chart
from tracker.charts.timeline import timeline_chart
from tracker.charts.values import basis_text, value_bars, value_over_time
from tracker.queries import aggregates as agg
from tracker.queries.delivery import commitment_totals, delivery_rows
from tracker.queries.filters import Filter
from tracker.queries.flows import flows as flow_links
from tracker.queries.timeline import COMPACT_TIMELINE_DEALS, timeline_rows

COMMODITY_NOTE = (
    "A deal covering several commodities is counted once, under \u201cSeveral commodities\u201d "
    "(hover or the table lists them)."
)
COUNTRY_NOTE = (
    "A country takes part itself or through a party based there (critics and witnesses do not "
    "count); a deal between several countries is counted once, under those countries together "
    "(\u201cPakistan + United States\u201d)."
)


def timeline(session: Session, f: Filter, *, compact: bool = False) -> Chart:
    """The timeline, full or (on the dashboard) the latest few deals."""
    if compact:
        return timeline_chart(timeline_rows(session, f, max_deals=COMPACT_TIMELINE_DEALS))
    return timeline_chart(timeline_rows(session, f))


def by_commodity(
    session: Session, f: Filter, bases, disputed: list[int], total: agg.ValueRow | None = None
) -> Chart:
    """Announced value per commodity (DISPUTED: the selection's disputed_value_deals; TOTAL: its
    value_total, if already read)."""
    ranked = agg.Ranked(agg.values_by_commodity(session, f, disputed))
    return _value_chart(session, f, ranked, bases, disputed, total, "commodity", COMMODITY_NOTE)


def by_country(
    session: Session, f: Filter, bases, disputed: list[int], total: agg.ValueRow | None = None
) -> Chart:
    """Announced value per country (as by_commodity): the groups its table lists are read, the
    rest only added up."""
    ranked = agg.values_by_country(session, f, disputed, largest=MAX_TABLE_ROWS)
    return _value_chart(session, f, ranked, bases, disputed, total, "country", COUNTRY_NOTE)


def _value_chart(session, f, ranked, bases, disputed, total, group: str, note: str) -> Chart:
    return value_bars(
        ranked.rows,
        bases,
        rest=ranked.rest,
        chart_id=f"value-{group}",
        group=group,
        note=note,
        total=total or agg.value_total(session, f, disputed),
    )


def over_time(session: Session, f: Filter, bases, disputed: list[int]) -> Chart:
    """Announced value per quarter with its running total."""
    return value_over_time(agg.values_by_quarter(session, f, disputed), bases)


def delivery(session: Session, f: Filter, bases) -> Chart:
    """Each commitment against what was delivered under it, and the totals per kind."""
    rows = delivery_rows(session, f)
    return delivery_chart(rows, commitment_totals(session, f), basis=basis_text(bases))


def flows(session: Session, f: Filter) -> Chart:
    """Origin -> commodity -> destination."""
    return flows_chart(flow_links(session, f))


def dashboard_charts(session: Session, f: Filter) -> list[Chart]:
    """The dashboard: a compact timeline, value by commodity, country and quarter, promised vs
    delivered, and flows."""
    bases, disputed = agg.value_bases(session, f), agg.disputed_value_deals(session, f)
    total = agg.value_total(session, f, disputed)
    return [
        timeline(session, f, compact=True),
        by_commodity(session, f, bases, disputed, total),
        by_country(session, f, bases, disputed, total),
        over_time(session, f, bases, disputed),
        delivery(session, f, bases),
        flows(session, f),
    ]


def commodity_charts(session: Session, f: Filter) -> list[Chart]:
    """One commodity: its timeline, value over time and by country, and its flows."""
    bases, disputed = agg.value_bases(session, f), agg.disputed_value_deals(session, f)
    return [
        timeline(session, f),
        over_time(session, f, bases, disputed),
        by_country(session, f, bases, disputed),
        flows(session, f),
    ]


def party_charts(session: Session, f: Filter) -> list[Chart]:
    """One party or country: its timeline, value over time and by commodity, promised vs
    delivered."""
    bases, disputed = agg.value_bases(session, f), agg.disputed_value_deals(session, f)
    return [
        timeline(session, f),
        over_time(session, f, bases, disputed),
        by_commodity(session, f, bases, disputed),
        delivery(session, f, bases),
    ]
