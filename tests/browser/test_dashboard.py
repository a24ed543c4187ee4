"""Charts in a real browser: drawn by Plotly from the page's own JSON, with no console error and
nothing fetched from outside; a filter moves charts, counts and row links together."""

from __future__ import annotations

import pytest
from sqlalchemy import distinct, func, select

from tests.browser.conftest import save_screenshot
from tracker.db import make_engine
from tracker.models import Deal, Event
from tracker.queries.conditions import deal_conditions, event_conditions
from tracker.queries.filters import Filter

CHART_PAGES = ["/", "/timeline", "/commodities/antimony", "/parties/pakistan"]
# Each chart element, the traces Plotly drew (gd.data) and the SVG traces actually on screen.
DRAWN = """() => [...document.querySelectorAll('[data-chart]')].map(el => ({
  id: el.dataset.chart, expected: Number(el.dataset.traces), drawn: el.dataset.drawn === 'true',
  traces: el.data ? el.data.length : 0,
  svg: el.querySelectorAll('.main-svg .trace, .main-svg .sankey').length,
}))"""

# The chart boxes as the screen shows them: a Sankey wider than a phone scrolls inside its box.
WIDEST_CHART = """Math.max(...[...document.querySelectorAll('[data-chart]')]
  .map(el => el.getBoundingClientRect().right))"""


def _wait_for_charts(page) -> list[dict]:
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "[...document.querySelectorAll('[data-chart]')].every(el => el.dataset.drawn === 'true')"
    )
    return page.evaluate(DRAWN)


@pytest.mark.parametrize("path", CHART_PAGES)
def test_chart_pages_draw_every_chart_cleanly(live_server, page, path):
    response = page.goto(live_server.url + path)
    assert response.status == 200
    charts = _wait_for_charts(page)
    assert charts, "the page has charts"
    for chart in charts:
        assert chart["drawn"] and chart["traces"] == chart["expected"] > 0, chart
        assert chart["svg"] > 0, chart
    assert page.watch.console_errors == []
    assert page.watch.outside_requests == []


def _expected_timeline_traces(url: str, f: Filter) -> int:
    """One span trace, one for imprecise dates if any, one per event kind: from the database."""
    engine = make_engine(url)
    with engine.connect() as conn:
        kinds = conn.scalar(select(func.count(distinct(Event.kind))).where(*event_conditions(f)))
        imprecise = conn.scalar(
            select(func.count()).where(*event_conditions(f), Event.date_precision != "day")
        )
        deals = conn.scalar(select(func.count()).select_from(Deal).where(*deal_conditions(f)))
    engine.dispose()
    assert deals <= 12, "the seed fits the compact timeline, so every event kind is drawn"
    return 1 + (1 if imprecise else 0) + kinds


def test_filtering_the_dashboard_moves_charts_counts_and_links(live_server, page, seeded_app):
    url = seeded_app.config["TRACKER_DATABASE_URL"]
    page.goto(live_server.url + "/")
    before = {c["id"]: c for c in _wait_for_charts(page)}
    deals_before = page.locator("[data-count=deals]").inner_text()
    bars_before = page.evaluate("document.querySelector('[data-chart=timeline]').data[0].y.length")
    save_screenshot(page, "dashboard")

    page.select_option("select[name=commodity]", "antimony")
    page.click("button[type=submit]")
    page.wait_for_url("**/?*commodity=antimony*")
    after = {c["id"]: c for c in _wait_for_charts(page)}

    assert page.locator("[data-count=deals]").inner_text() != deals_before
    bars_after = page.evaluate("document.querySelector('[data-chart=timeline]').data[0].y.length")
    assert bars_after < bars_before
    assert after["timeline"]["traces"] == _expected_timeline_traces(
        url, Filter(commodity=("antimony",))
    )
    assert set(after) == set(before)
    links = page.locator("[data-download]")
    assert links.count() == len(after)
    for i in range(links.count()):
        assert "commodity=antimony" in links.nth(i).get_attribute("href")
    save_screenshot(page, "dashboard-antimony")
    assert page.watch.console_errors == []


def test_dashboard_on_a_narrow_screen(live_server, browser):
    context = browser.new_context(viewport={"width": 380, "height": 800})
    pg = context.new_page()
    pg.goto(live_server.url + "/")
    charts = _wait_for_charts(pg)
    overflow = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    widest = pg.evaluate(WIDEST_CHART)
    save_screenshot(pg, "dashboard-380px")
    context.close()
    assert all(c["drawn"] for c in charts)
    assert overflow <= 0 and widest <= 380


def test_dashboard_reads_without_javascript(live_server, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 380, "height": 800})
    pg = context.new_page()
    pg.goto(live_server.url + "/")
    fallbacks = pg.locator(".chart-fallback")
    tables = pg.locator(".chart-figure details table")
    assert fallbacks.count() == pg.locator("[data-chart]").count() > 0
    assert fallbacks.first.is_visible()
    assert tables.count() == fallbacks.count()
    pg.locator(".chart-figure summary").first.click()
    assert tables.first.locator("tbody tr").count() > 0 and tables.first.is_visible()
    context.close()
