"""In the real browser: an editor's visit to a cached page leaves nothing of theirs for the
anonymous reader who comes next (no edit links, no name, no log-out form), and the editor still
gets their own links from the page the reader's visit cached."""

from __future__ import annotations

import pytest

from tests.helpers import PASSWORD, add_user

PAGES = ("/commodities/antimony", "/parties/china", "/deals/ussm-fwo-critical-minerals-mou-2025")


def _log_in(page, base: str, username: str) -> None:
    page.goto(base + "/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert username in page.locator(".account").inner_text()


@pytest.mark.parametrize("path", PAGES)
def test_an_anonymous_reader_after_an_editor_sees_no_editor_links(
    live_server, browser, page, seeded_app, path
):
    add_user(seeded_app)
    _log_in(page, live_server.url, "ed")
    page.goto(live_server.url + path)
    assert page.locator("a[href*='/edit']").count() > 0

    reader = browser.new_context().new_page()
    reader.goto(live_server.url + path)
    assert reader.locator("a[href*='/edit']").count() == 0
    assert reader.locator("form[action='/logout']").count() == 0
    assert "ed" not in reader.locator(".account").inner_text().split()
    assert reader.locator(".account a", has_text="Editor login").count() == 1
    reader.context.close()

    page.reload()
    assert page.locator("a[href*='/edit']").count() > 0
    assert page.locator("form[action='/logout']").count() == 1
