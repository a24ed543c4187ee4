"""Charts stay the same size at any scale: a data table lists the largest MAX_TABLE_ROWS rows
and says how many it leaves out, a folded bar's hover names a few groups, and the Sankey the
query hands over is already cut to the top nodes of each column."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from tests.dashboard_helpers import add_deals, charts
from tracker import db
from tracker.charts.common import MAX_HOVER_NAMES, MAX_TABLE_ROWS
from tracker.charts.flows import flows_chart
from tracker.charts.values import value_bars
from tracker.models import Deal, DealParty, Party
from tracker.queries.aggregates import ValueRow, values_by_country
from tracker.queries.filters import Filter
from tracker.queries.flows import TOP_NODES, FlowLink, Flows, flows
from tracker.records.money import money_fields

GROUPS = 3_000


def test_value_bars_list_the_largest_groups_and_count_the_rest():
    rows = [
        ValueRow(f"g{i}", f"Group {i:04}", Decimal(GROUPS - i), 1, 0, 0, 1) for i in range(GROUPS)
    ]
    chart = value_bars(rows, [("reported in USD", GROUPS)], chart_id="v", group="country", note="")
    assert len(chart.rows) == MAX_TABLE_ROWS
    assert chart.rows_left == GROUPS - MAX_TABLE_ROWS
    assert [r[0] for r in chart.rows[:2]] == ["Group 0000", "Group 0001"]
    bars = json.loads(chart.figure_json)["data"][0]
    other_hover = bars["customdata"][-1][0]
    assert f"and {GROUPS - 14 - MAX_HOVER_NAMES:,} more" in other_hover
    assert len(chart.figure_json) < 20_000  # not one name per folded group


def test_the_chart_page_says_how_many_table_rows_it_leaves_out(seeded_app):
    add_deals(seeded_app, 1, prefix="one")  # a fresh version, so the page is computed
    html = seeded_app.test_client().get("/").get_data(as_text=True)
    assert "data-rows-left" not in html  # the seed's tables are short: listed whole
    assert "Data table (" in html


def test_a_sankey_of_many_links_draws_and_lists_only_the_folded_ones():
    outbound = [FlowLink(f"Origin {i:03}", f"Commodity {i % 40:02}", 1 + i % 7) for i in range(900)]
    inbound = [FlowLink(f"Commodity {i % 40:02}", f"Dest {i:03}", 1 + i % 5) for i in range(900)]
    chart = flows_chart(Flows(outbound, inbound, len(outbound), len(inbound)))
    assert len(chart.rows) <= MAX_TABLE_ROWS
    assert chart.rows_left + len(chart.rows) <= 2 * (TOP_NODES + 1) ** 2
    sankey = json.loads(chart.figure_json)["data"][0]
    assert len(sankey["node"]["label"]) == 3 * (TOP_NODES + 1)
    assert sum(sankey["link"]["value"]) == sum(n for *_, n in outbound + inbound)


def test_flows_from_the_query_are_folded_and_keep_every_shipment(seeded_app):
    add_deals(seeded_app, 3, prefix="flow", shipments=2)
    with db.unit_of_work(seeded_app.extensions["tracker.engine"]) as session:
        got = flows(session, Filter())
        scanned = flows(session, Filter(), scan=True)
    assert got == scanned
    nodes = {"o": {s for s, _, _ in got.outbound}, "d": {t for _, t, _ in got.inbound}}
    assert all(len(names) <= TOP_NODES + 1 for names in nodes.values())
    assert sum(n for *_, n in got.outbound) == sum(n for *_, n in got.inbound) > 0


def _deals_in_many_country_groups(app, groups: int) -> None:
    """GROUPS deals, each with a country of its own (a group each), whose values repeat every
    five deals, so the largest groups tie and a cut between them has to read every tie."""
    with db.unit_of_work(app.extensions["tracker.engine"]) as session:
        for i in range(groups):
            country = Party(slug=f"land-{i}", name=f"Land {i:03}", kind="country", iso3=f"Q{i:02}")
            deal = Deal(
                slug=f"land-deal-{i}",
                title=f"Land deal {i}",
                kind="agreement",
                status="signed",
                **money_fields(amount=Decimal(1_000_000 * (1 + i % 5)), currency="USD"),
            )
            session.add_all([country, deal])
            session.flush()
            session.add(DealParty(deal_id=deal.id, party_id=country.id, role="party"))


def test_country_value_read_for_its_largest_groups_matches_the_whole_read(seeded_app):
    _deals_in_many_country_groups(seeded_app, 80)
    with db.unit_of_work(seeded_app.extensions["tracker.engine"]) as session:
        whole = values_by_country(session, Filter(), [])
        assert whole.rest is None and len(whole.rows) > 80
        for largest in (1, 7, MAX_TABLE_ROWS, 500):
            part = values_by_country(session, Filter(), [], largest=largest)
            read = len(part.rows)
            assert read >= min(largest, len(whole.rows))
            assert part.rows == whole.rows[:read]
            left = whole.rows[read:]
            if not left:
                assert part.rest is None
                continue
            assert part.rest.unnamed == len(left)
            assert part.rest.usd == sum(r.usd for r in left)
            assert part.rest.deals == sum(r.deals for r in left)


def test_the_dashboard_country_chart_folds_groups_it_did_not_read(seeded_app):
    _deals_in_many_country_groups(seeded_app, 80)
    html = seeded_app.test_client().get("/").get_data(as_text=True)
    with db.unit_of_work(seeded_app.extensions["tracker.engine"]) as session:
        groups = len(values_by_country(session, Filter(), []).rows)
    figure = charts(html)["value-country"]
    bars = figure["data"][0]
    assert bars["y"][-1] == f"{groups - 14} other country groups"
    hover = bars["customdata"][-1][0]
    assert f"and {groups - 14 - MAX_HOVER_NAMES:,} more" in hover
    figure_html = html.split('id="chart-value-country"')[1].split("</figure>")[0]
    left = re.search(r'data-rows-left="(\d+)"', figure_html)
    assert int(left.group(1)) == groups - MAX_TABLE_ROWS
    assert figure_html.count("<tr><td>") == MAX_TABLE_ROWS


def test_groups_left_unread_fold_into_one_bar_even_beside_few_rows():
    rows = [ValueRow(f"g{i}", f"Group {i}", Decimal(100 - i), 1, 0, 0, 1) for i in range(5)]
    rest = ValueRow("other", "", Decimal(30), 30, 0, 0, 30, unnamed=30)
    chart = value_bars(rows, [("reported in USD", 35)], chart_id="v", group="country", note="",
                       rest=rest)  # fmt: skip
    bars = json.loads(chart.figure_json)["data"][0]
    assert bars["y"][-1] == "30 other country groups" and len(bars["y"]) == 6
    assert sum(bars["x"]) * 1e9 == pytest.approx(sum(100 - i for i in range(5)) + 30)
    assert chart.rows_left == 30 and chart.notes == ["The 30 smallest groups are one bar."]
