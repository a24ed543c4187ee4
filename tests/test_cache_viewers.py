"""Cached pages never carry one viewer's page to another: an editor's edit links, name and
CSRF token stay with the editor (and another editor gets their own from the same cached page);
a flashed message reaches only its reader; and a page computed while a write commits is kept
under the version read before it, never the newer one."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from tests.dashboard_helpers import add_deals, count
from tests.helpers import add_user, login
from tests.test_cache_version import deals_in_database, misses, version
from tracker import db
from tracker.cache import EXTENSION
from tracker.models import Source
from tracker.views import pages

CACHED_PAGES = (
    "/",
    "/timeline",
    "/shipments?commodity=antimony",
    "/commodities/antimony",
    "/parties/china",
    "/parties/us-strategic-metals",
    "/deals/ussm-fwo-critical-minerals-mou-2025",
    "/shipments/pakistan-us-first-critical-minerals-consignment-2025",
    "/events/ussm-fwo-mou-signed",
    "/sources/{source}",
)
# What only a signed-in editor's page holds.
EDITOR_MARKS = ("Log out", 'name="csrf_token"', "New deal", "/edit", ">ed<")


def a_source_id(app) -> int:
    with db.unit_of_work(app.extensions["tracker.engine"]) as session:
        return session.scalar(select(Source.id).order_by(Source.id).limit(1))


@pytest.mark.parametrize("path", CACHED_PAGES)
def test_an_editors_visit_leaves_no_editor_links_for_an_anonymous_reader(seeded_app, path):
    path = path.format(source=a_source_id(seeded_app))
    add_user(seeded_app)
    editor = seeded_app.test_client()
    assert login(editor).status_code == 302
    editor_html = editor.get(path).get_data(as_text=True)
    assert "Log out" in editor_html and "/edit" in editor_html

    reader = seeded_app.test_client()
    first = reader.get(path)
    assert first.status_code == 200
    before = misses(seeded_app)
    again = reader.get(path).get_data(as_text=True)
    assert misses(seeded_app) == before  # the anonymous page is served from the cache
    for html in (first.get_data(as_text=True), again):
        assert not [mark for mark in EDITOR_MARKS if mark in html], path
        assert "Editor login" in html

    # And the other way round: the cached anonymous page is not what the editor gets.
    assert "Log out" in editor.get(path).get_data(as_text=True)


@pytest.mark.parametrize("path", ("/", "/deals/ussm-fwo-critical-minerals-mou-2025"))
def test_editors_share_a_cached_page_but_each_gets_their_own_name_and_token(seeded_app, path):
    add_user(seeded_app, "ed")
    add_user(seeded_app, "eve")
    ed, eve = seeded_app.test_client(), seeded_app.test_client()
    assert login(ed, "ed").status_code == 302 and login(eve, "eve").status_code == 302
    ed_html = ed.get(path).get_data(as_text=True)
    before = misses(seeded_app)
    eve_html = eve.get(path).get_data(as_text=True)
    assert misses(seeded_app) == before  # the same role's cached page
    assert "<span>ed</span>" in ed_html and "<span>eve</span>" not in ed_html
    assert "<span>eve</span>" in eve_html and "<span>ed</span>" not in eve_html
    assert csrf(ed_html) != csrf(eve_html)
    assert "/edit" in eve_html  # the editor's links are in the shared page
    # The log-out form's token is the reader's own: it logs them out.
    assert eve.post("/logout", data={"csrf_token": csrf(eve_html)}).status_code == 302
    assert "Editor login" in eve.get(path).get_data(as_text=True)


def csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_a_flashed_message_reaches_only_its_reader(seeded_app):
    anonymous = seeded_app.test_client()
    anonymous.get("/")  # the page is cached before the message exists
    flashed = seeded_app.test_client()
    with flashed.session_transaction() as state:
        state["_flashes"] = [("message", "A note for one reader")]
    before = misses(seeded_app)
    assert "A note for one reader" in flashed.get("/").get_data(as_text=True)
    assert misses(seeded_app) == before  # filled into the cached page
    assert "A note for one reader" not in anonymous.get("/").get_data(as_text=True)
    assert "A note for one reader" not in flashed.get("/").get_data(as_text=True)


def test_a_write_committed_while_a_page_is_computed_is_shown_next(seeded_app, monkeypatch):
    """The write lands after the page's queries: the page (older data) must be kept under the
    version read before them, so the next request, reading the newer version, recomputes."""
    computed = pages._dashboard_data
    writes = []

    def then_a_write(session, f):
        data = computed(session, f)
        if not writes:
            writes.append(True)
            add_deals(seeded_app, 1, prefix="racing")
        return data

    monkeypatch.setattr(pages, "_dashboard_data", then_a_write)
    client = seeded_app.test_client()
    stale = count(client.get("/").get_data(as_text=True), "deals")
    assert stale == deals_in_database(seeded_app) - 1
    assert count(client.get("/").get_data(as_text=True), "deals") == deals_in_database(seeded_app)


def _check_link(app, source_id: int, **fields) -> None:
    """What the link-check job writes for one source, through the app's sessions."""
    with db.unit_of_work(app.extensions["tracker.engine"]) as session:
        source = session.get(Source, source_id)
        for name, value in fields.items():
            setattr(source, name, value)


def test_a_link_check_keeps_every_other_page_and_shows_on_its_source_page(seeded_app):
    source_id = a_source_id(seeded_app)
    client = seeded_app.test_client()
    client.get("/")
    assert "not checked yet" in client.get(f"/sources/{source_id}").get_data(as_text=True)
    before_version, before_misses = version(seeded_app), misses(seeded_app)
    checked = datetime(2025, 3, 4, 5, 6, tzinfo=UTC)
    _check_link(seeded_app, source_id, link_checked_at=checked, link_status=200, link_error=None)
    assert version(seeded_app) == before_version
    client.get("/")
    assert misses(seeded_app) == before_misses  # the dashboard is still cached
    page = client.get(f"/sources/{source_id}").get_data(as_text=True)
    assert "answering (HTTP 200), checked 2025-03-04" in page


def test_a_link_found_dead_changes_the_version(seeded_app):
    source_id = a_source_id(seeded_app)
    before = version(seeded_app)
    _check_link(seeded_app, source_id, link_dead=True, link_status=404)
    assert version(seeded_app) != before


def test_a_link_check_shows_at_once_in_the_sources_api_list(seeded_app):
    """The API's source rows carry the link check, which leaves the data version alone: that
    list is never kept."""
    source_id = a_source_id(seeded_app)
    client = seeded_app.test_client()

    def status() -> object:
        rows = client.get("/api/v1/sources?per_page=500").get_json()["items"]
        return next(r["link_status"] for r in rows if r["id"] == source_id)

    assert status() is None
    checked = datetime(2025, 3, 4, 5, 6, tzinfo=UTC)
    _check_link(seeded_app, source_id, link_checked_at=checked, link_status=503, link_error=None)
    assert status() == 503


def test_an_api_walk_by_cursor_keeps_only_its_first_page(seeded_app):
    """A client walking a whole list by cursor would fill the cache with pages asked once."""
    client = seeded_app.test_client()
    first = client.get("/api/v1/events?sort=date&per_page=2&cursor=").get_json()
    kept = len(seeded_app.extensions[EXTENSION]._data)
    after = client.get(f"/api/v1/events?sort=date&per_page=2&cursor={first['next_cursor']}")
    assert after.status_code == 200 and after.get_json()["items"]
    assert len(seeded_app.extensions[EXTENSION]._data) == kept
    again = client.get("/api/v1/events?sort=date&per_page=2&cursor=").get_json()
    assert again == first and len(seeded_app.extensions[EXTENSION]._data) == kept
