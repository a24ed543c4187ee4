"""An editor in the real browser takes a new article from paste to accepted, cited records."""

from __future__ import annotations

from tests.browser.conftest import save_screenshot
from tests.helpers import PASSWORD, add_user

ARTICLE = """Example Metals agrees tin offtake with Bolivia

By a staff writer, 12 May 2025

Bolivia and Example Metals Ltd signed an offtake agreement on Friday for tin concentrate from a \
mine in the Potosí region, the energy ministry said.

The contract is worth up to USD 80 million over five years, officials said.
"""
MONEY_SENTENCE = "The contract is worth up to USD 80 million over five years, officials said."


def _log_in(page, base: str) -> None:
    page.goto(base + "/login")
    page.fill("#username", "ed")
    page.fill("#password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "ed" in page.locator(".account").inner_text()


def test_editor_takes_an_article_from_paste_to_accepted_records(live_server, page, seeded_app):
    add_user(seeded_app)
    base = live_server.url
    _log_in(page, base)
    page.click("header >> text=Inbox")
    page.fill("#paste-form textarea[name=text]", ARTICLE)
    page.fill("#paste-form input[name=url]", "https://example.org/news/tin-offtake")
    page.click("#paste-form button[type=submit]")
    page.wait_for_url("**/inbox/*")
    assert page.locator("h1").inner_text() == "Example Metals agrees tin offtake with Bolivia"
    marked = page.locator(".article-text mark")
    assert marked.count() >= 2
    assert MONEY_SENTENCE in " ".join(marked.all_inner_texts())
    assert page.locator(".proposal[data-kind=money]").is_visible()
    save_screenshot(page, "inbox-article")

    page.fill("#accept-form input[name=title]", "Bolivia tin offtake with Example Metals")
    page.select_option("#accept-form select[name=kind]", "offtake")
    page.select_option("#accept-form select[name=status]", "signed")
    page.click("#accept-form button[type=submit]")
    page.wait_for_url("**/deals/bolivia-tin-offtake-with-example-metals")
    assert "Accepted" in page.locator(".flash").inner_text()
    assert "up to USD 80,000,000" in page.locator("[data-field=value]").inner_text()
    sources = page.locator("#sources-h + *, section[aria-labelledby=sources-h]").first
    assert MONEY_SENTENCE in sources.inner_text()
    assert page.watch.console_errors == []
    assert page.watch.outside_requests == []
    save_screenshot(page, "inbox-accepted-deal")

    page.goto(base + "/inbox")
    row = page.locator("tr", has_text="Example Metals agrees tin offtake")
    assert row.get_attribute("data-status") == "accepted"


NO_ROLE_ARTICLE = """Harbour Tide agrees to buy rare earth oxide from Lynas Rare Earths

May 14, 2026 | By Jo Park

Reno-based Harbour Tide agreed on Tuesday to buy 500 tonnes a year of rare earth oxide \
from Lynas Rare Earths for its magnet plant in Nevada, in the United States.
"""


def test_an_edit_keeps_no_role_where_none_is_stated(live_server, page, seeded_app):
    add_user(seeded_app)
    _log_in(page, live_server.url)
    page.click("header >> text=Inbox")
    page.fill("#paste-form textarea[name=text]", NO_ROLE_ARTICLE)
    page.click("#paste-form button[type=submit]")
    page.wait_for_url("**/inbox/*")
    # The United States is only the buyer's home: its proposal says "no role".
    usa = page.locator(".proposal[data-kind=country]", has_text="USA")
    assert "as no role" in usa.inner_text()
    usa.locator("summary", has_text="Edit").click()
    role = usa.locator("select[name=role]")
    assert role.input_value() == ""
    usa.locator("button", has_text="Save edit").click()
    page.wait_for_load_state()
    usa = page.locator(".proposal[data-kind=country]", has_text="USA")
    assert usa.get_attribute("data-status") == "edited"
    assert "as no role" in usa.inner_text()
    assert page.watch.console_errors == []
