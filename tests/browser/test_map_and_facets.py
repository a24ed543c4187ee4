"""The country map and the facets of /shipments and /timeline in a real browser, at phone and
desktop width: the map draws its countries from the app's own geometry with no request leaving
127.0.0.1; facets sit beside the lists without overflow or overlap; sorted reference lists fit."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PageWatch, save_screenshot
from tracker.config import DEFAULT_DATA_DIR
from tracker.geo.fetch import FILE_NAME

WIDTHS = (380, 1366)
GEOMETRY = DEFAULT_DATA_DIR / "geo" / FILE_NAME
# Pairs of boxes that must not intersect (px^2 > 1 counts): facets and the list beside them,
# a map's colour bar and its countries.
OVERLAP = """([a, b]) => {
  const first = document.querySelector(a), second = document.querySelector(b);
  if (!first || !second) return -1;
  const p = first.getBoundingClientRect(), q = second.getBoundingClientRect();
  return Math.max(0, Math.min(p.right, q.right) - Math.max(p.left, q.left)) *
         Math.max(0, Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top));
}"""


def _page(browser, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900})
    pg = context.new_page()
    pg.watch = PageWatch(pg)
    return context, pg


def _fits(pg, name: str) -> None:
    save_screenshot(pg, name)
    overflow = pg.evaluate("document.scrollingElement.scrollWidth - innerWidth")
    assert overflow <= 0, (name, overflow)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_map_draws_countries_from_the_apps_own_geometry(live_server, browser, width):
    if not GEOMETRY.exists():
        pytest.fail(f"{GEOMETRY} is missing: run `tracker geo fetch` (make test does)")
    context, pg = _page(browser, width)
    geometry_requests = []
    pg.on("request", lambda r: geometry_requests.append(r.url) if "/geo/" in r.url else None)
    assert pg.goto(live_server.url + "/map?commodity=antimony").status == 200
    pg.wait_for_function("document.querySelectorAll('[data-map][data-drawn]').length === 2")
    pg.wait_for_load_state("networkidle")
    paths = pg.locator("#chart-map-deals path.choroplethlocation").count()
    assert paths >= 3  # Pakistan, the United States and the others of the antimony deals
    # The land and the borders, drawn from world_110m.json: long paths, not empty ones.
    outline = (
        "e => Math.min(...[...e.querySelectorAll('.land path, .countries path')]"
        ".map(p => (p.getAttribute('d') || '').length))"
    )
    assert pg.locator("#chart-map-deals .geo").first.evaluate(outline) > 10_000
    assert geometry_requests and all(u.startswith(live_server.url) for u in geometry_requests)
    assert pg.watch.outside_requests == []
    assert pg.watch.console_errors == []
    for chart in ("map-deals", "map-value"):
        bar = f"#chart-{chart} .colorbar"
        assert pg.evaluate(OVERLAP, [bar, f"#chart-{chart} .geolayer .bglayer"]) <= 1
        box = pg.locator(f"#chart-{chart} .main-svg").first.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width
    _fits(pg, f"map-antimony-{width}")
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["/shipments", "/timeline", "/shipments?commodity=antimony"])
def test_facets_fit_beside_the_lists(live_server, browser, width, path):
    context, pg = _page(browser, width)
    assert pg.goto(live_server.url + path).status == 200
    pg.wait_for_load_state("networkidle")
    assert pg.locator(".facets section").count() >= 3
    assert pg.evaluate(OVERLAP, [".facets", "table"]) <= 1
    assert pg.evaluate(OVERLAP, [".facets", "p.count"]) <= 1
    name = path.strip("/").replace("?", "-").replace("=", "-")
    _fits(pg, f"facets-{name}-{width}")
    assert pg.watch.console_errors == [] and pg.watch.outside_requests == []
    context.close()


def test_a_shipment_facet_link_gives_its_count(live_server, page):
    page.goto(live_server.url + "/shipments")
    facet = page.locator(".facets section", has_text="Country").locator("a").first
    count = facet.locator("xpath=following-sibling::span").inner_text()
    facet.click()
    page.wait_for_url("**country=*")
    assert page.locator("p.count").inner_text().startswith(count)
    assert page.locator(".facets li.selected").count() == 1


@pytest.mark.parametrize("width", WIDTHS)
def test_sorted_reference_lists_fit_and_sort_by_header(live_server, browser, width):
    context, pg = _page(browser, width)
    for path in ("/commodities", "/parties", "/sources"):
        assert pg.goto(live_server.url + path).status == 200
        _fits(pg, f"sorted{path.replace('/', '-')}-{width}")
    pg.goto(live_server.url + "/commodities")
    pg.click("thead >> text=Deals")
    pg.wait_for_url("**sort=deals")
    pg.click("thead >> text=Deals")
    pg.wait_for_url("**sort=-deals")
    assert pg.locator("th[aria-sort=descending]").inner_text().startswith("Deals")
    context.close()
