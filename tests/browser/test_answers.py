"""The analysts' questions, answered in a real browser: rare earths in 2025 include the October
2025 consignment; every default value chart's drawn bars add up to the total it states; the
Pakistan deal keeps the investment and the supply commitments apart, with the consignment
against the supply; the deals list says Malaysia's ban is in force since January 2024."""

from __future__ import annotations

import pytest

from tests.browser.conftest import save_screenshot

RARE_EARTHS_2025 = "/?commodity=rare-earth-elements&from=2025&to=2025"
CONSIGNMENT = "pakistan-us-first-critical-minerals-consignment-2025"
VALUE_PAGES = ["/", "/parties/pakistan", "/commodities/rare-earth-elements", "/?country=USA"]
# Each additive value chart as Plotly drew it: the sum of the first trace's bars (gd.data, after
# drawing) and the total the page states for it.
DRAWN_SUMS = """() => [...document.querySelectorAll('figure[data-total]')].map(fig => {
  const el = fig.querySelector('[data-chart]');
  const bars = el && el.data ? el.data[0] : null;
  const values = bars ? (bars.orientation === 'h' ? bars.x : bars.y) : [];
  return {id: fig.id, total: Number(fig.dataset.total), drawn: el ? el.dataset.drawn : null,
          sum: values.reduce((a, b) => a + (b || 0), 0),
          caption: fig.querySelector('figcaption').textContent};
})"""


def _drawn(page) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "[...document.querySelectorAll('[data-chart]')].every(el => el.dataset.drawn === 'true')"
    )


def test_rare_earths_in_2025_include_the_october_consignment(live_server, page):
    page.goto(live_server.url + RARE_EARTHS_2025)
    _drawn(page)
    assert int(page.locator('[data-count="shipments"]').inner_text()) >= 1
    page.locator('[data-count="shipments"]').click()
    page.wait_for_load_state("networkidle")
    assert CONSIGNMENT in page.content()
    assert "October 2025" in page.content() or "2 October 2025" in page.content()
    # The form kept the group selected, so resubmitting keeps the question.
    selected = page.eval_on_selector_all(
        'select[name="commodity"] option:checked', "els => els.map(e => e.value)"
    )
    assert selected == ["rare-earth-elements"]
    assert page.watch.console_errors == []


def test_the_filter_form_takes_several_commodities(live_server, page):
    page.goto(live_server.url + "/deals")
    page.select_option('select[name="commodity"]', ["gallium", "antimony"])
    page.get_by_role("button", name="Apply").click()
    page.wait_for_load_state("networkidle")
    assert "commodity=antimony" in page.url and "commodity=gallium" in page.url
    content = page.content()
    assert "China antimony" in content or "antimony" in content.lower()
    selected = page.eval_on_selector_all(
        'select[name="commodity"] option:checked', "els => els.map(e => e.value)"
    )
    assert sorted(selected) == ["antimony", "gallium"]


@pytest.mark.parametrize("path", VALUE_PAGES)
def test_every_default_value_chart_adds_up_to_its_stated_total(live_server, page, path):
    page.goto(live_server.url + path)
    _drawn(page)
    charts = page.evaluate(DRAWN_SUMS)
    assert charts, "the page has additive value charts"
    for chart in charts:
        assert chart["drawn"] == "true", chart
        assert chart["sum"] == pytest.approx(chart["total"]), chart
        assert "In all:" in chart["caption"], chart


def test_pakistan_deal_keeps_investment_and_supply_apart(live_server, page):
    page.goto(live_server.url + "/deals/ussm-fwo-critical-minerals-mou-2025")
    section = page.locator("#commitments")
    investment = section.locator('[data-commitment="ussm-investment-in-pakistan-2025"]')
    supply = section.locator('[data-commitment="pakistan-mineral-supply-to-us-2025"]')
    assert investment.is_visible() and supply.is_visible()
    assert "US Strategic Metals → Frontier Works Organisation" in investment.inner_text()
    assert "disbursements not reported" in investment.inner_text()
    assert supply.locator(f'[data-shipment="{CONSIGNMENT}"]').count() == 1
    assert investment.locator("[data-shipment]").count() == 0
    assert "Frontier Works Organisation → US Strategic Metals" in supply.inner_text()
    save_screenshot(page, "pakistan-commitments")


def test_deals_list_shows_malaysias_ban_in_force_since_january_2024(live_server, page):
    page.goto(live_server.url + "/deals")
    row = page.locator("tr", has_text="Malaysia moratorium on exports of unprocessed rare earths")
    dates = row.locator("[data-dates]").inner_text()
    assert dates == "In force since January 2024"
    assert "2024-01-01" not in row.inner_text()
