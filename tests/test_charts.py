"""Chart builders as pure functions: rows in, figure and text alternative out, no app needed."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from tracker.charts.flows import flows_chart
from tracker.charts.timeline import timeline_chart
from tracker.charts.values import value_bars, value_over_time
from tracker.queries.aggregates import ValueRow
from tracker.queries.flows import FlowLink, Flows
from tracker.queries.timeline import MarkRow, SpanRow, TimelineRows

BASES = [("reported in USD", 2)]


def _value(key: str, usd: str, with_usd: int, undisclosed: int = 0, deals: int = 1) -> ValueRow:
    return ValueRow(key, key, Decimal(usd), with_usd, undisclosed, 0, deals)


def test_value_bars_count_undisclosed_beside_the_sum_not_as_zero():
    rows = [_value("Antimony", "500000000", 1, undisclosed=2, deals=3)]
    chart = value_bars(rows, BASES, chart_id="v", group="commodity", note="")
    data = json.loads(chart.figure_json)["data"]
    assert chart.caption.startswith("USD, nominal, converted at: reported in USD (2 deals)")
    assert data[0]["x"] == [0.5]
    assert next(t for t in data if t["name"] == "Value undisclosed")["x"] == [2]
    assert chart.rows == [("Antimony", "USD 500,000,000", "1", "2", "0", "0", "3", "0", "")]


def test_value_over_time_fills_empty_quarters_and_runs_a_total():
    rows = [_value("2024-Q4", "1000000000", 1), _value("2025-Q2", "2000000000", 1)]
    data = json.loads(value_over_time(rows, BASES).figure_json)["data"]
    assert data[0]["x"] == ["Q4 2024", "Q1 2025", "Q2 2025"]
    assert data[0]["y"] == [1.0, 0.0, 2.0]
    assert data[1]["y"] == [1.0, 1.0, 3.0]


def test_timeline_spans_and_marks_by_kind_with_periods_for_imprecise_dates():
    span = SpanRow("d", "A <deal>", "mou", "signed", date(2025, 9, 1), date(2025, 10, 2))
    marks = [
        MarkRow("e1", "d", "mou_signed", "Signed", date(2025, 9, 1), "month", 2),
        MarkRow("e2", None, "statement", "Said", date(2025, 10, 2), "day", 1),
    ]
    chart = timeline_chart(TimelineRows([span], marks, 1, 2))
    data = json.loads(chart.figure_json)["data"]
    assert [t["name"] for t in data][2:] == ["MoU signed", "Statement"]
    assert data[1]["base"] == ["2025-09-01"] and data[1]["x"] == [30 * 86_400_000]
    assert data[2]["x"] == ["2025-09-16T00:00:00"]
    assert data[3]["y"] == ["(no deal)"]
    assert data[0]["customdata"][0][0] == "A &lt;deal&gt;"
    assert chart.traces == 4


def test_empty_rows_give_an_empty_state_not_a_figure():
    chart = timeline_chart(TimelineRows([], [], 0, 0))
    assert chart.figure_json is None and chart.rows == []
    assert flows_chart(Flows([], [], 0, 0)).figure_json is None


def test_flows_keep_origin_and_destination_columns_apart():
    flows = Flows(
        outbound=[FlowLink("Pakistan", "Antimony", 2), FlowLink("United States", "Antimony", 1)],
        inbound=[FlowLink("Antimony", "United States", 2), FlowLink("Antimony", "Pakistan", 1)],
        outbound_total=2,
        inbound_total=2,
    )
    sankey = json.loads(flows_chart(flows).figure_json)["data"][0]
    assert sankey["node"]["label"] == [
        "Pakistan", "United States", "Antimony", "United States", "Pakistan",
    ]  # fmt: skip
    assert sankey["node"]["x"] == [0.001, 0.001, 0.5, 0.999, 0.999]
    link = sankey["link"]
    assert set(zip(link["source"], link["target"], link["value"], strict=True)) == {
        (0, 2, 2), (1, 2, 1), (2, 3, 2), (2, 4, 1),
    }  # fmt: skip


def test_flows_fold_all_but_the_top_15_of_each_column_into_other():
    # 40 origins and 30 commodities; the commodity "Zinc" only ever goes out (no origin link),
    # which is what once put commodities in the origin column.
    outbound = [FlowLink(f"Origin {i:02}", f"Commodity {i % 30:02}", 40 - i) for i in range(40)]
    inbound = [FlowLink(f"Commodity {i:02}", f"Destination {i:02}", 30 - i) for i in range(30)]
    inbound.append(FlowLink("Zinc", "Destination 00", 1))
    chart = flows_chart(Flows(outbound, inbound, len(outbound), len(inbound)))
    sankey = json.loads(chart.figure_json)["data"][0]
    labels, xs = sankey["node"]["label"], sankey["node"]["x"]
    by_column = {
        x: [label for label, lx in zip(labels, xs, strict=True) if lx == x] for x in set(xs)
    }
    assert sorted(by_column) == [0.001, 0.5, 0.999]
    assert all(len(names) == 16 for names in by_column.values())  # 15 and "other"
    assert by_column[0.001][-1] == "Other origins"
    assert all(name.startswith(("Commodity", "Other commodities")) for name in by_column[0.5])
    assert "Zinc" not in labels  # folded into Other commodities, in the middle column
    assert "25 origins" in chart.caption
    assert sum(sankey["link"]["value"]) == sum(link.shipments for link in outbound + inbound)
