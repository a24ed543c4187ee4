"""From every view to the sources behind it, in a real browser."""

from __future__ import annotations

import re

from tests.browser.conftest import save_screenshot

DEAL = "/deals/ussm-fwo-critical-minerals-mou-2025"
SEED_QUOTE = "The agreement is valued at approximately USD 500 million"


def test_dashboard_to_an_event_page_and_its_sources(live_server, page):
    page.goto(live_server.url + "/")
    latest = page.locator("section[aria-labelledby=latest-h] a.event-link").first
    summary = latest.inner_text()
    latest.click()
    page.wait_for_url(re.compile(r".*/events/[^/]+$"))
    assert page.locator(".lede").inner_text().startswith(summary[:40])
    assert page.locator("#sources").is_visible()
    assert page.locator("#sources .citations li").count() >= 1
    assert page.watch.console_errors == []


def test_a_figure_on_a_deal_page_leads_to_the_quote_behind_it(live_server, page):
    page.goto(live_server.url + DEAL)
    marker = page.locator("[data-field=value] sup.cite a")
    marker.click()
    page.wait_for_url(re.compile(r".*#note-\d+$"))
    anchor = page.url.rsplit("#", 1)[1]
    note = page.locator(f"li#{anchor}")
    assert note.is_visible()
    assert SEED_QUOTE in note.inner_text()
    assert page.evaluate("document.querySelector(':target').id") == anchor
    save_screenshot(page, "deal-value-note")


def test_disagreements_to_the_record(live_server, page):
    page.goto(live_server.url + "/disagreements")
    page.locator('a[data-record="deal:ussm-fwo-critical-minerals-mou-2025"]').click()
    page.wait_for_url(re.compile(r".*" + DEAL + "$"))
    assert page.locator("#conflicts").is_visible()


def test_a_click_on_a_timeline_mark_opens_its_event(live_server, page):
    page.goto(live_server.url + "/timeline")
    page.wait_for_selector("[data-chart=timeline][data-drawn=true]")
    target = page.evaluate(
        """() => {
          const el = document.querySelector('[data-chart=timeline]');
          const trace = el.data.find(t => t.mode === 'markers');
          const data = trace.customdata[0];
          el.emit('plotly_click', {points: [{customdata: data}]});
          return data[data.length - 1];
        }"""
    )
    assert target.startswith("/events/")
    page.wait_for_url(re.compile(".*" + re.escape(target) + "$"))
    assert page.locator("#sources").is_visible()
    assert page.watch.console_errors == []
