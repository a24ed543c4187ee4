"""In the real browser: an editor meets the 403 page on /admin/jobs, an admin runs a job and the
page reloads itself until the run ends, and a slow inbox fetch is waited for by the page, not by
the request (meta refresh: CSP allows no inline script)."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import save_screenshot
from tests.helpers import PASSWORD, add_user
from tests.jobs_support import ANTIMONY_PAGE, FixtureServer, Route

SLOW_S = 3


@pytest.fixture(autouse=True)
def _loopback_fetches(monkeypatch):
    """The slow host here is served on 127.0.0.1: opted in, as a local setup would (before the
    app is built)."""
    monkeypatch.setenv("TRACKER_FETCH_ALLOW", "127.0.0.1/32")


def _log_in(page, base: str, username: str) -> None:
    page.goto(base + "/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert username in page.locator(".account").inner_text()


def test_an_editor_gets_the_admins_only_page(live_server, page, seeded_app):
    add_user(seeded_app)
    _log_in(page, live_server.url, "ed")
    assert page.locator("header >> text=Jobs").count() == 0

    response = page.goto(live_server.url + "/admin/jobs")

    assert response.status == 403
    assert page.locator("h1").inner_text() == "Admins only"
    assert page.watch.console_errors == [] or all("403" in e for e in page.watch.console_errors)


def test_an_admin_runs_a_job_and_the_page_follows_it(live_server, page, seeded_app):
    add_user(seeded_app, "ada", role="admin")
    _log_in(page, live_server.url, "ada")
    page.click("header >> text=Jobs")
    row = page.locator("tr", has_text="flag_stale_deals")
    row.locator("button", has_text="Run now").click()
    page.wait_for_load_state()

    runs = page.locator("table.job-runs")
    runs.locator("td", has_text="flag_stale_deals").first.wait_for(timeout=15_000)
    expect(page.locator("meta[http-equiv=refresh]")).to_have_count(0, timeout=15_000)
    assert "ok" in runs.locator("tbody tr").first.inner_text()
    assert page.watch.console_errors == []


def test_a_slow_fetch_is_waited_for_by_the_page(live_server, page, seeded_app):
    add_user(seeded_app)
    with FixtureServer() as server:
        server.routes["/slow.html"] = Route(ANTIMONY_PAGE, delay_s=SLOW_S)
        _log_in(page, live_server.url, "ed")
        page.goto(live_server.url + "/inbox")
        page.fill("#url-form input[name=url]", server.url("/slow.html"))
        started = time.monotonic()
        page.click("#url-form button[type=submit]")
        page.wait_for_url("**/inbox/*")
        assert time.monotonic() - started < SLOW_S
        assert "Fetching" in page.locator("main").inner_text()
        save_screenshot(page, "inbox-fetching")

        expect(page.locator("meta[http-equiv=refresh]")).to_have_count(0, timeout=20_000)
    assert (
        page.locator("h1").inner_text() == "Northfield Metals signs antimony offtake with Valdoria"
    )
    assert page.locator("[data-article-status]").inner_text() == "pending"
    assert page.watch.console_errors == []
