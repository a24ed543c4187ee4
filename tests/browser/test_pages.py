"""Every page in a real browser: loads, no console error, nothing fetched from outside."""

from __future__ import annotations

import pytest

from tests.browser.conftest import save_screenshot

PAGES = [
    "/",
    "/timeline",
    "/deals",
    "/deals/ussm-fwo-critical-minerals-mou-2025",
    "/shipments",
    "/commodities",
    "/commodities/antimony",
    "/parties",
    "/parties/us-strategic-metals",
    "/parties/pakistan",
    "/sources",
    "/events/ussm-fwo-mou-signed",
    "/shipments/pakistan-us-first-critical-minerals-consignment-2025",
    "/disagreements",
    "/export",
    "/login",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly(live_server, page, path):
    response = page.goto(live_server.url + path)
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text().strip()
    assert page.watch.console_errors == []
    assert page.watch.outside_requests == []


def test_seed_deal_page_in_the_browser(live_server, page):
    page.goto(live_server.url + "/deals/ussm-fwo-critical-minerals-mou-2025")
    value = page.locator("[data-field=value]")
    assert "approximately USD 500,000,000" in value.inner_text()
    assert page.locator("#conflicts").is_visible()
    save_screenshot(page, "deal-ussm-fwo")


def test_filter_form_narrows_the_deal_list(live_server, page):
    page.goto(live_server.url + "/deals")
    all_rows = page.locator("table tbody tr").count()
    page.select_option("select[name=commodity]", "antimony")
    page.click("button[type=submit]")
    page.wait_for_url("**/deals?*commodity=antimony*")
    narrowed = page.locator("table tbody tr").count()
    assert 0 < narrowed < all_rows
    assert page.locator("select[name=commodity]").input_value() == "antimony"


def test_narrow_screen_has_no_sideways_scroll(live_server, browser):
    context = browser.new_context(viewport={"width": 380, "height": 800})
    pg = context.new_page()
    pg.goto(live_server.url + "/deals/ussm-fwo-critical-minerals-mou-2025")
    overflow = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0
