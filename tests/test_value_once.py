"""Value counted once: every default value chart adds up to the total it states; several
commodities or countries go to one labelled bar; export controls leave the value charts and
have their own page; a disputed value is marked where it is drawn; dates read as the sources
give them; the dashboard states its coverage and links the methodology."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from tests.dashboard_helpers import charts
from tracker import db
from tracker.models import Citation, Deal, Source

VALUE_CHARTS = ("value-commodity", "value-country", "value-time")
PAGES = ("/", "/parties/pakistan", "/commodities/rare-earth-elements", "/?country=USA")


def _total(html: str, chart_id: str) -> float:
    return float(re.search(rf'id="chart-{chart_id}"[^>]*data-total="([^"]+)"', html).group(1))


def _bars(figure: dict) -> float:
    trace = figure["data"][0]
    return sum(trace.get("x") if trace.get("orientation") == "h" else trace["y"])


@pytest.mark.parametrize("path", PAGES)
def test_every_default_value_chart_adds_up_to_its_stated_total(seeded, path):
    html = seeded.get(path).get_data(as_text=True)
    figures = charts(html)
    drawn = [c for c in VALUE_CHARTS if c in figures]
    assert drawn
    for chart_id in drawn:
        assert _bars(figures[chart_id]) == pytest.approx(_total(html, chart_id)), chart_id


def test_the_pakistan_deal_counts_once_under_several_commodities(seeded):
    html = seeded.get("/parties/pakistan").get_data(as_text=True)
    trace = charts(html)["value-commodity"]["data"][0]
    # Once, not eight times: the logistics MoU without commodities has its own (empty) bar.
    assert trace["y"] == ["Several commodities", "No commodity recorded"]
    assert trace["x"] == [0.5, 0.0]
    assert "Antimony" in trace["customdata"][0][0] and "Tungsten" in trace["customdata"][0][0]
    assert "counted once" in html


def test_a_deal_between_several_countries_counts_once_under_them_together(seeded):
    figure = charts(seeded.get("/").get_data(as_text=True))["value-country"]
    trace = figure["data"][0]
    assert "Pakistan" not in trace["y"] and "United States" not in trace["y"]
    i = trace["y"].index("Pakistan + United States")
    assert trace["x"][i] == 0.5
    assert "covering Pakistan, United States" in trace["customdata"][i][0]


def test_export_controls_leave_the_value_charts_and_have_their_own_page(seeded):
    html = seeded.get("/?kind=export_control").get_data(as_text=True)
    figures = charts(html)
    assert "value-commodity" not in figures
    page = seeded.get("/export-controls").get_data(as_text=True)
    assert 'data-control="malaysia-raw-rare-earth-export-moratorium-2024"' in page
    assert 'data-control="china-antimony-export-controls-2024"' in page
    row = page.split('data-control="china-antimony-export-controls-2024"', 1)[1].split("</tr>")[0]
    assert "Antimony" in row and "15 September 2024" in row
    assert "ussm-fwo" not in page
    # Still listed among the deals.
    assert "malaysia-raw-rare-earth" in seeded.get("/deals?kind=export_control").text
    assert "No export control" in seeded.get("/export-controls?kind=mou").text


def test_export_controls_page_refuses_bad_filters(seeded):
    response = seeded.get("/export-controls?kind=nonsense")
    assert response.status_code == 400
    assert "kind" in response.get_data(as_text=True)


def test_deals_list_shows_what_each_date_is_at_its_precision(seeded):
    html = seeded.get("/deals").get_data(as_text=True)
    row = html.split("Malaysia moratorium on exports of unprocessed rare earths", 1)[1]
    row = row.split("</tr>", 1)[0]
    assert 'In force since <time datetime="2024-01">January 2024</time>' in row
    assert "2024-01-31" not in row
    body = html.split("<tbody>", 1)[1]  # the filter's suggestions name parties too
    assert "Signed <time" in body.split("US Strategic Metals", 1)[1].split("</tr>")[0]


def test_a_disputed_value_is_marked_on_the_charts_and_in_the_list(seeded_app, seeded):
    with db.unit_of_work(seeded_app.extensions["tracker.engine"]) as session:
        deal = session.scalar(select(Deal).where(Deal.slug.like("ussm-fwo%")))
        source = session.scalar(select(Source).where(Source.publisher.like("India Today%")))
        session.add(
            Citation(
                source_id=source.id,
                record_type="deal",
                record_id=deal.id,
                field="value",
                value="USD 600000000",
            )
        )
    html = seeded.get("/parties/pakistan").get_data(as_text=True)
    trace = charts(html)["value-commodity"]["data"][0]
    assert trace["y"][0] == "Several commodities \u26a0"
    assert "disputed value" in trace["customdata"][0][0]
    assert "disagree on" in html
    listing = seeded.get("/deals?party=us-strategic-metals").get_data(as_text=True)
    assert "data-disputed" in listing


def test_dashboard_states_coverage_and_links_methodology(seeded):
    html = seeded.get("/").get_data(as_text=True)
    assert "data-coverage" in html
    deals = int(re.search(r'data-coverage-count="deals">(\d+)<', html).group(1))
    sources = int(re.search(r'data-coverage-count="sources">(\d+)<', html).group(1))
    assert deals >= 10 and sources >= 20
    assert "data-coverage-changed" in html and 'href="/methodology"' in html
    page = seeded.get("/methodology").get_data(as_text=True)
    for heading in ("What is tracked", "Values and currencies", "Dates and precision",
                    "Commodity groups", "When sources disagree", "How to cite"):  # fmt: skip
        assert heading in page
