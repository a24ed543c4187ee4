"""Lists and charts at phone and desktop width, on the seed and on synthetic data: no sideways
scroll, no legend over an axis; search, sort, facets and name filters in a real browser."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from tests.browser.conftest import LiveServer, PageWatch, save_screenshot
from tracker import db
from tracker.models import Deal, Shipment

WIDTHS = (380, 1366)
VIEWS = ("/", "/commodities/antimony", "/deals")
# Bounding boxes of each drawn chart's legend and axes that intersect (in px^2, > 1 counts).
OVERLAPS = """() => {
  const area = (a, b) => Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) *
                         Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
  const found = [];
  for (const chart of document.querySelectorAll('[data-chart][data-drawn]')) {
    const legend = chart.querySelector('g.legend');
    if (!legend) continue;
    const box = legend.getBoundingClientRect();
    for (const axis of chart.querySelectorAll('g.xaxislayer-above, g.yaxislayer-above')) {
      const overlap = area(box, axis.getBoundingClientRect());
      if (overlap > 1) found.push(chart.dataset.chart + ': ' + Math.round(overlap));
    }
  }
  return found;
}"""
# Row labels of each drawn chart that run into the next row's (a label wrapped onto two lines
# in a row one line high): pairs whose boxes intersect by more than 1 px^2.
CROWDED_LABELS = """() => {
  const found = [];
  for (const chart of document.querySelectorAll('[data-chart][data-drawn]')) {
    const boxes = [...chart.querySelectorAll('g.yaxislayer-above g.ytick text')]
      .map((t) => t.getBoundingClientRect()).filter((b) => b.height > 0)
      .sort((a, b) => a.top - b.top);
    for (let i = 1; i < boxes.length; i++) {
      const a = boxes[i - 1], b = boxes[i];
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = a.bottom - b.top;
      if (w > 0 && h > 1) found.push(chart.dataset.chart + ': ' + Math.round(h) + ' px');
    }
  }
  return found;
}"""
# Panel titles (Plotly annotations) that run past their chart's box or into each other.
TITLES_OUT = """() => {
  const found = [];
  for (const chart of document.querySelectorAll('[data-chart][data-drawn]')) {
    const frame = chart.getBoundingClientRect();
    const boxes = [...chart.querySelectorAll('g.annotation-text-g')]
      .map((g) => g.getBoundingClientRect()).filter((b) => b.width > 0);
    for (const b of boxes) {
      if (b.left < frame.left - 1 || b.right > frame.right + 1)
        found.push(chart.dataset.chart + ': title past the edge');
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
          Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1)
        found.push(chart.dataset.chart + ': titles overlap');
    }
  }
  return found;
}"""


@pytest.fixture
def demo_server(app, runner) -> Iterator[LiveServer]:
    """The app on a database holding only a small `tracker demo-data` output."""
    result = runner.invoke(args=["demo-data", "--deals", "300", "--shipments", "900"])
    assert result.exit_code == 0, result.output
    server = LiveServer(app)
    yield server
    server.stop()


def _check_views(browser, base: str, tag: str) -> None:
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        pg = context.new_page()
        pg.watch = PageWatch(pg)
        for path in VIEWS:
            assert pg.goto(base + path).status == 200
            pg.wait_for_load_state("networkidle")
            charts = pg.locator("[data-chart]").count()
            if charts:
                pg.wait_for_function(
                    f"document.querySelectorAll('[data-chart][data-drawn]').length === {charts}"
                )
            name = f"explore-{tag}-{path.strip('/').replace('/', '-') or 'dashboard'}-{width}"
            save_screenshot(pg, name)
            overflow = pg.evaluate("document.scrollingElement.scrollWidth - innerWidth")
            assert overflow <= 0, (name, overflow)
            assert pg.evaluate(OVERLAPS) == [], name
            assert pg.evaluate(CROWDED_LABELS) == [], name
            assert pg.evaluate(TITLES_OUT) == [], name
        assert pg.watch.console_errors == []
        context.close()


def test_views_fit_phone_and_desktop_on_the_seed(live_server, browser):
    _check_views(browser, live_server.url, "seed")


def test_views_fit_phone_and_desktop_on_demo_data(demo_server, browser):
    _check_views(browser, demo_server.url, "demo")


def test_value_column_is_in_view_on_a_phone(live_server, browser):
    context = browser.new_context(viewport={"width": 380, "height": 900})
    pg = context.new_page()
    pg.goto(live_server.url + "/deals")
    value = pg.locator("tbody td[data-label=Value]").first
    box = value.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 380
    context.close()


def test_search_sort_and_facets_in_the_browser(live_server, page):
    page.goto(live_server.url + "/deals")
    page.fill("input[name=q]", "pakistan antimony")
    page.click("button[type=submit]")
    page.wait_for_url("**/deals?q=pakistan+antimony")  # empty fields left out of the URL
    assert "US Strategic Metals" in page.locator("tbody").inner_text()
    page.click("thead >> text=Value")
    page.wait_for_url("**sort=value*")
    assert page.locator("th[aria-sort=ascending]").inner_text().startswith("Value")
    page.goto(live_server.url + "/deals")
    facet = page.locator(".facets section", has_text="Kind").locator("a").first
    count = facet.locator("xpath=following-sibling::span").inner_text()
    facet.click()
    page.wait_for_url("**kind=*")
    assert page.locator("p.count").inner_text().startswith(count)


def test_country_and_party_by_name(live_server, page):
    page.goto(live_server.url + "/deals")
    page.fill("input[name=country]", "United States")
    page.fill("input[name=party]", "US Strategic Metals")
    page.click("button[type=submit]")
    page.wait_for_url("**/deals?country=USA&party=us-strategic-metals")
    assert page.locator("input[name=country]").input_value() == "USA"
    assert "Frontier Works" in page.locator("tbody").inner_text()


def test_the_pager_goes_first_previous_numbered_next_and_last(demo_server, page):
    """/parties is paged by 50: a reader walks it by the pager's links, and each page says
    where it is."""
    page.goto(demo_server.url + "/parties")
    pager = page.locator("nav.pagination")
    last = int(pager.locator("a[rel=last]").get_attribute("href").rsplit("page=", 1)[1])
    assert last >= 2
    first_names = page.locator("tbody tr").all_inner_texts()
    pager.locator("a[rel=next]").click()
    page.wait_for_url("**/parties?page=2")
    assert pager.locator("[aria-current=page]").inner_text() == "2"
    assert page.locator("tbody tr").all_inner_texts() != first_names
    pager.locator("a[rel=last]").click()
    page.wait_for_url(f"**/parties?page={last}")
    assert f"Page {last} of {last}" in pager.inner_text()
    assert pager.locator("a[rel=next]").count() == 0
    pager.locator("a[rel=prev]").click()
    page.wait_for_url(f"**/parties?page={last - 1}" if last > 2 else "**/parties")
    pager.locator("a[rel=first]").click()
    page.wait_for_url("**/parties")
    assert page.locator("tbody tr").all_inner_texts() == first_names


def test_a_list_counted_only_so_far_pages_on_while_pages_are_full(demo_server, page, monkeypatch):
    """Where /shipments stops counting ("More than N"), the pager offers no last page and goes
    on while pages are full; the last full page's Next leads to the rest. (A search alone is
    counted whole from its ids; a date range is counted up to the cap.)"""
    from tracker.queries import shipment_facets, shipments

    query = "q=lithium&from=1900"
    every = demo_server_total(demo_server, query)
    monkeypatch.setattr(shipments, "COUNT_CAP", 40)
    monkeypatch.setattr(shipment_facets, "FACET_SAMPLE", 20)
    assert every > 60  # more than the cap, and more than one page of 50
    page.goto(f"{demo_server.url}/shipments?{query}")
    assert page.locator("p.count").inner_text().startswith("More than 40 shipments")
    pager = page.locator("nav.pagination")
    assert pager.locator("a[rel=last]").count() == 0
    seen = page.locator("tbody tr").count()
    while pager.locator("a[rel=next]").count():
        pager.locator("a[rel=next]").click()
        page.wait_for_load_state()
        seen += page.locator("tbody tr").count()
    assert seen == every


def demo_server_total(server: LiveServer, query: str) -> int:
    """How many shipments the API counts for QUERY (its total is exact)."""
    with urllib.request.urlopen(f"{server.url}/api/v1/shipments?{query}&per_page=1") as r:
        return json.load(r)["total"]


def test_a_deal_page_pages_its_shipments_on_a_phone(demo_server, app, browser):
    """A deal's shipments come a page at a time; at 380 px the pager fits and walks them."""
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        slug, total = s.execute(
            select(Deal.slug, func.count(Shipment.id))
            .join(Shipment, Shipment.deal_id == Deal.id)
            .where(Deal.deleted.is_(False), Shipment.deleted.is_(False))
            .group_by(Deal.id)
            .order_by(func.count(Shipment.id).desc(), Deal.id)
        ).first()
    assert total >= 3
    context = browser.new_context(viewport={"width": 380, "height": 900})
    pg = context.new_page()
    pg.watch = PageWatch(pg)
    assert pg.goto(f"{demo_server.url}/deals/{slug}?per_page=2").status == 200
    pager = pg.locator("nav[aria-label='Pages of shipments']")
    assert f"1–2 of {total}" in pg.locator("#shipments-h + p.count").inner_text()
    assert pg.locator("article.shipment").count() == 2
    first = pg.locator("article.shipment h3").all_inner_texts()
    pager.locator("a[rel=next]").click()
    pg.wait_for_url(f"**/deals/{slug}?per_page=2&page=2")
    assert pager.locator("[aria-current=page]").inner_text() == "2"
    assert pg.locator("article.shipment h3").all_inner_texts() != first
    pager.scroll_into_view_if_needed()
    save_screenshot(pg, "explore-deal-shipment-pager-380")
    assert pg.evaluate("document.scrollingElement.scrollWidth - innerWidth") <= 0
    assert pg.watch.console_errors == []
    context.close()


def test_sources_page_by_type_on_a_phone(live_server, browser):
    """/sources pages too: at 380 px a reader picks a type of source, and the pager's links
    keep it (and the page fits the screen)."""
    context = browser.new_context(viewport={"width": 380, "height": 900})
    pg = context.new_page()
    pg.watch = PageWatch(pg)
    assert pg.goto(f"{live_server.url}/sources?per_page=3").status == 200
    pg.check("input[name=source_type][value=news]")
    pg.click("form.filter button[type=submit]")
    pg.wait_for_url("**/sources?per_page=3&source_type=news")
    count = pg.locator("p.count").inner_text()
    assert "of the chosen types" in count
    shown = int(count.split()[0])
    assert shown > 3
    first = pg.locator("tbody tr").all_inner_texts()
    pager = pg.locator("nav.pagination")
    pager.locator("a[rel=next]").click()
    pg.wait_for_url("**/sources?per_page=3&source_type=news&page=2")
    assert pager.locator("[aria-current=page]").inner_text() == "2"
    assert pg.locator("tbody tr").count() == 3
    assert pg.locator("tbody tr").all_inner_texts() != first
    assert f"{shown} sources of the chosen types" in pg.locator("p.count").inner_text()
    pager.scroll_into_view_if_needed()
    save_screenshot(pg, "explore-sources-pager-380")
    assert pg.evaluate("document.scrollingElement.scrollWidth - innerWidth") <= 0
    assert pg.watch.console_errors == []
    context.close()
