"""An editor in the real browser: log in, create a deal with two cited sources, edit its
value, see the change in its history and revert it; and pages work under the CSP."""

from __future__ import annotations

from tests.browser.conftest import save_screenshot
from tests.helpers import PASSWORD, add_user


def _log_in(page, base: str) -> None:
    page.goto(base + "/login")
    page.fill("#username", "ed")
    page.fill("#password", PASSWORD)
    page.click("main form.edit-form button[type=submit]")
    assert page.locator(".account").inner_text().find("ed") >= 0


def _add_source(page, base: str, n: int) -> None:
    page.goto(base + "/sources/new")
    page.fill("#url", f"https://example.org/lithium-{n}")
    page.fill("#publisher", f"Publisher {n}")
    page.fill("#title", f"Lithium report {n}")
    page.fill("#published", "2025-10")
    page.click("main form.edit-form button[type=submit]")
    assert f"Created Lithium report {n}" in page.locator(".flash").inner_text()


def _cite(page, n: int) -> None:
    page.click("text=Cite a source")
    page.select_option("#source", label=f"Lithium report {n}")
    page.fill("#field", "value")
    page.fill("#value", "USD 250000000")
    page.click("main form.edit-form button[type=submit]")
    assert "Citation added" in page.locator(".flash").inner_text()


def test_editor_creates_edits_and_reverts_a_deal(live_server, page, seeded_app):
    add_user(seeded_app)
    base = live_server.url
    _log_in(page, base)
    _add_source(page, base, 1)
    _add_source(page, base, 2)
    page.click("text=New deal")
    page.fill("#title", "Browser lithium offtake")
    page.select_option("#kind", "offtake")
    page.select_option("#status", "signed")
    page.fill("#parties", "us-strategic-metals buyer")
    page.select_option("#commodities", ["lithium"])
    page.fill("#signed", "2025-10-02")
    page.fill("#value_amount", "250000000")
    page.fill("#value_currency", "USD")
    page.click("main form.edit-form button[type=submit]")
    assert page.url.endswith("/deals/browser-lithium-offtake")
    assert "USD 250,000,000" in page.locator("[data-field=value]").inner_text()
    _cite(page, 1)
    _cite(page, 2)
    assert page.locator("text=Lithium report 1").count() >= 1
    assert page.locator("text=Lithium report 2").count() >= 1

    page.click("text=Edit deal")
    page.fill("#value_amount", "300000000")
    page.fill("#note", "corrected from the second report")
    page.click("main form.edit-form button[type=submit]")
    assert "USD 300,000,000" in page.locator("[data-field=value]").inner_text()

    page.click("text=History of this deal")
    latest = page.locator("li.change").first
    assert "corrected from the second report" in latest.inner_text()
    assert latest.locator("[data-role=old]").first.inner_text() == "USD 250,000,000"
    assert latest.locator("[data-role=new]").first.inner_text() == "USD 300,000,000"
    save_screenshot(page, "deal-history")
    page.locator("li.change").nth(1).locator("text=Revert to this version").click()
    assert "Reverted: value_amount" in page.locator(".flash").inner_text()
    assert "revert" in page.locator("li.change").first.inner_text()
    page.click("text=Back to the deal")
    assert "USD 250,000,000" in page.locator("[data-field=value]").inner_text()
    assert page.watch.console_errors == []
    assert page.watch.outside_requests == []


def test_plotly_draws_under_the_content_security_policy(live_server, page):
    response = page.goto(live_server.url + "/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_function("() => window.Plotly !== undefined")
    page.evaluate(
        """() => {
            const div = document.createElement('div');
            div.id = 'csp-check';
            document.body.appendChild(div);
            return Plotly.newPlot(div, [{x: [1, 2, 3], y: [2, 1, 3], type: 'bar'}]);
        }"""
    )
    assert page.locator("#csp-check .main-svg").count() >= 1
    assert page.watch.console_errors == []
