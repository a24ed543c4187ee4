"""/admin/jobs: admins see the schedule, the feeds and the runs, and can run a job now (with
CSRF); editors get a 403 page and strangers the login page."""

from __future__ import annotations

import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlmodel import select

from tests.helpers import post_form, token
from tests.jobs_support import scheduled_names
from tracker import db
from tracker.jobs import JobContext
from tracker.jobs.runner import Counts
from tracker.jobs.stale import flag_stale_deals, months_before
from tracker.models import AuditEntry, Event, Feed, ReviewFlag, Source


@pytest.fixture(autouse=True)
def _loopback_fetches(monkeypatch):
    """The slow host here is served on 127.0.0.1: opted in, as a local setup would (before the
    app is built)."""
    monkeypatch.setenv("TRACKER_FETCH_ALLOW", "127.0.0.1/32")


def test_strangers_are_sent_to_login(seeded):
    assert seeded.get("/admin/jobs").status_code == 302
    assert "/login" in seeded.get("/admin/jobs").headers["Location"]
    assert seeded.post("/admin/jobs/backup/run").status_code == 302


def test_admins_see_the_schedule_and_feeds(admin, seeded_app):
    runner = seeded_app.test_cli_runner()
    runner.invoke(args=["feeds", "add", "https://example.org/wire.xml", "--name", "Wire"])

    page = admin.get("/admin/jobs")

    html = page.get_data(as_text=True)
    assert page.status_code == 200
    for name in scheduled_names(seeded_app):
        assert f"<code>{name}</code>" in html
    assert "Wire: <code>https://example.org/wire.xml</code>" in html
    assert "No runs yet." in html


def test_run_now_needs_the_csrf_token(admin):
    response = admin.post("/admin/jobs/flag_stale_deals/run")

    assert response.status_code == 400
    assert "No runs yet." in admin.get("/admin/jobs").get_data(as_text=True)


def test_run_now_runs_the_job_and_the_page_shows_the_run(admin, seeded_app):
    csrf = token(admin, "/admin/jobs")

    response = admin.post("/admin/jobs/flag_stale_deals/run", data={"csrf_token": csrf})

    assert response.status_code == 303
    assert "flag_stale_deals started" in admin.get("/admin/jobs").get_data(as_text=True)
    page = poll_jobs(admin).get_data(as_text=True)
    assert "<td><code>flag_stale_deals</code></td><td>manual</td>" in page
    assert "<td>ok</td>" in page


def test_run_now_of_an_unknown_job_is_404(admin):
    csrf = token(admin, "/admin/jobs")

    assert admin.post("/admin/jobs/nope/run", data={"csrf_token": csrf}).status_code == 404


def test_admins_add_a_feed_from_the_page(admin, seeded_app):
    response = post_form(
        admin,
        "/admin/feeds",
        {"url": "https://example.org/metals.xml", "name": "Metals"},
        form_url="/admin/jobs",
    )

    assert response.status_code == 303
    listed = seeded_app.test_cli_runner().invoke(args=["feeds", "list"]).output
    assert listed == "Metals\thttps://example.org/metals.xml\n"


def test_a_feed_that_cannot_be_polled_is_refused_with_the_reason(admin, seeded_app):
    response = post_form(
        admin,
        "/admin/feeds",
        {"url": "ftp://example.org/x.xml", "name": ""},
        form_url="/admin/jobs",
    )

    assert response.status_code == 400
    assert "not an http(s) URL" in response.get_data(as_text=True)
    assert seeded_app.test_cli_runner().invoke(args=["feeds", "list"]).output == ""


def test_strangers_cannot_add_feeds(seeded, seeded_app):
    response = seeded.post("/admin/feeds", data={"url": "https://example.org/x.xml"})

    assert response.status_code == 302
    assert seeded_app.test_cli_runner().invoke(args=["feeds", "list"]).output == ""


def test_the_page_lists_stalled_deals_and_dead_links_for_review(admin, seeded_app):
    with seeded_app.app_context(), db.unit_of_work(db.engine()) as s:
        source = s.exec(select(Source).order_by(Source.id)).first()
        source.link_dead, source.link_error = True, "HTTP 404"
        dead_url = source.url
    seeded_app.config["TRACKER_STALE_MONTHS"] = 1
    seeded_app.test_cli_runner().invoke(args=["jobs", "run", "flag_stale_deals"])

    html = admin.get("/admin/jobs").get_data(as_text=True)

    assert f"<code>{dead_url}</code>: HTTP 404" in html
    assert 'class="stalled"><li><a href="/deals/' in html
    assert "(more than 1 month)" in html


def test_a_dismissed_flag_closes_and_is_asked_again_only_after_more_silence(admin, seeded_app):
    with seeded_app.app_context():
        ctx = JobContext.from_config(seeded_app.config, db.engine())
        with db.unit_of_work(ctx.engine) as s:
            latest = max(s.exec(select(Event.date)))
    later = months_before(latest, -7)
    flag_stale_deals(ctx, Counts(), today=later)
    with db.unit_of_work(ctx.engine) as s:
        flag = s.exec(select(ReviewFlag).order_by(ReviewFlag.id)).first()
    csrf = token(admin, "/admin/jobs")

    response = admin.post(f"/admin/flags/{flag.id}/dismiss", data={"csrf_token": csrf})

    assert response.status_code == 303
    with db.unit_of_work(ctx.engine) as s:
        assert s.get(ReviewFlag, flag.id).resolved_at is not None
        entry = s.exec(select(AuditEntry).where(AuditEntry.record_type == "review_flag")).one()
    assert (entry.actor, entry.record_id) == ("user:ada", flag.id)
    page = admin.get("/admin/jobs").get_data(as_text=True)
    assert f"/admin/flags/{flag.id}/dismiss" not in page
    # Dismissed today: the daily job does not ask again about this deal...
    again = Counts()
    flag_stale_deals(ctx, again, today=later)
    assert flag.record_id not in _open_flag_deals(ctx)
    # ...until another TRACKER_STALE_MONTHS (6) of silence have passed since the dismissal.
    flag_stale_deals(ctx, Counts(), today=months_before(date.today(), -7))
    assert flag.record_id in _open_flag_deals(ctx)


def _open_flag_deals(ctx) -> set[int]:
    with db.unit_of_work(ctx.engine) as s:
        query = select(ReviewFlag.record_id).where(ReviewFlag.resolved_at.is_(None))
        return set(s.exec(query))


def poll_jobs(client, timeout_s: float = 20.0):
    """Reload /admin/jobs, as its meta refresh does, until no run is going; the last page."""
    deadline = time.monotonic() + timeout_s
    while True:
        page = client.get("/admin/jobs")
        if 'http-equiv="refresh"' not in page.get_data(as_text=True):
            return page
        assert time.monotonic() < deadline, f"a run is still going after {timeout_s} s"
        time.sleep(0.1)


ADMIN_ONLY_POSTS = [
    "/admin/jobs/flag_stale_deals/run",
    "/admin/feeds",
    "/admin/feeds/1/remove",
    "/admin/flags/1/dismiss",
]


def test_editors_get_a_403_page_for_every_admin_page(editor, seeded_app):
    page = editor.get("/admin/jobs")
    assert page.status_code == 403
    assert "Only an admin may do this" in page.get_data(as_text=True)
    csrf = token(editor, "/inbox")  # an editor's own valid token: the role refuses, not CSRF
    for url in ADMIN_ONLY_POSTS:
        response = editor.post(url, data={"csrf_token": csrf, "url": "https://example.org/f.xml"})
        assert response.status_code == 403, url
    assert seeded_app.test_cli_runner().invoke(args=["feeds", "list"]).output == ""
    assert "/admin/jobs" not in editor.get("/").get_data(as_text=True)  # no Jobs link either


def test_editors_get_json_403_when_they_ask_for_json(editor):
    response = editor.get("/admin/jobs", headers={"Accept": "application/json"})
    assert response.status_code == 403 and response.json["error"] == "admin role required"


def test_a_promoted_editor_becomes_admin_on_the_next_request(editor, seeded_app):
    runner = seeded_app.test_cli_runner()
    assert editor.get("/admin/jobs").status_code == 403
    result = runner.invoke(args=["users", "set-role", "ed", "admin"])
    assert result.exit_code == 0 and "ed is now admin" in result.output
    assert editor.get("/admin/jobs").status_code == 200
    assert runner.invoke(args=["users", "set-role", "nobody", "admin"]).exit_code != 0


def test_admins_remove_a_feed_and_the_audit_history_keeps_it(admin, seeded_app):
    runner = seeded_app.test_cli_runner()
    runner.invoke(args=["feeds", "add", "https://example.org/a.xml", "--name", "A wire"])
    with seeded_app.app_context(), db.unit_of_work(db.engine()) as s:
        feed_id = s.exec(select(Feed.id)).one()

    response = post_form(admin, f"/admin/feeds/{feed_id}/remove", {}, form_url="/admin/jobs")

    assert response.status_code == 303
    assert runner.invoke(args=["feeds", "list"]).output == ""
    with seeded_app.app_context(), db.unit_of_work(db.engine()) as s:
        entries = s.exec(select(AuditEntry).where(AuditEntry.record_type == "feed")).all()
    assert [(e.action, e.actor) for e in entries] == [
        ("create", "cli:feeds"),
        ("delete", "user:ada"),
    ]
    assert entries[1].changes["url"] == "https://example.org/a.xml"


class _SlowFeed(BaseHTTPRequestHandler):
    """A feed host that takes SLOW_SECONDS to answer."""

    def do_GET(self):  # noqa: N802 (http.server's name)
        time.sleep(SLOW_SECONDS)
        body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


SLOW_SECONDS = 3


def test_run_now_returns_at_once_and_the_page_polls_until_the_run_ends(admin, seeded_app):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowFeed)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/slow.xml"
        seeded_app.test_cli_runner().invoke(args=["feeds", "add", url, "--name", "Slow"])
        csrf = token(admin, "/admin/jobs")
        started = time.monotonic()
        response = admin.post("/admin/jobs/poll_feeds/run", data={"csrf_token": csrf})
        took = time.monotonic() - started
        assert response.status_code == 303 and took < 1.0, took

        waiting = admin.get("/admin/jobs").get_data(as_text=True)
        assert 'http-equiv="refresh"' in waiting and "A run is going" in waiting
        done = poll_jobs(admin).get_data(as_text=True)
    finally:
        server.shutdown()
        server.server_close()
    assert "<td><code>poll_feeds</code></td><td>manual</td>" in done
    assert "<td>ok</td>" in done


def test_a_feed_name_with_emoji_quotes_and_markup_is_kept_and_shown_escaped(admin, seeded_app):
    name = '🪨 "Rock" <b>wire</b>'
    response = post_form(
        admin,
        "/admin/feeds",
        {"url": "https://example.org/rock.xml", "name": name},
        form_url="/admin/jobs",
    )

    assert response.status_code == 303
    listed = seeded_app.test_cli_runner().invoke(args=["feeds", "list"]).output
    assert listed == f"{name}\thttps://example.org/rock.xml\n"
    html = admin.get("/admin/jobs").get_data(as_text=True)
    assert "🪨 &#34;Rock&#34; &lt;b&gt;wire&lt;/b&gt;" in html and "<b>wire</b>" not in html
