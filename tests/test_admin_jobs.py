"""/admin/jobs: editors see the schedule and the runs, and can run a job now (with CSRF)."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from tests.helpers import post_form, token
from tests.jobs_support import scheduled_names
from tracker import db
from tracker.jobs import JobContext
from tracker.jobs.runner import Counts
from tracker.jobs.stale import flag_stale_deals, months_before
from tracker.models import AuditEntry, Event, ReviewFlag, Source


def test_strangers_are_sent_to_login(seeded):
    assert seeded.get("/admin/jobs").status_code == 302
    assert "/login" in seeded.get("/admin/jobs").headers["Location"]
    assert seeded.post("/admin/jobs/backup/run").status_code == 302


def test_editors_see_the_schedule_and_feeds(editor, seeded_app):
    runner = seeded_app.test_cli_runner()
    runner.invoke(args=["feeds", "add", "https://example.org/wire.xml", "--name", "Wire"])

    page = editor.get("/admin/jobs")

    html = page.get_data(as_text=True)
    assert page.status_code == 200
    for name in scheduled_names(seeded_app):
        assert f"<code>{name}</code>" in html
    assert "Wire: <code>https://example.org/wire.xml</code>" in html
    assert "No runs yet." in html


def test_run_now_needs_the_csrf_token(editor):
    response = editor.post("/admin/jobs/flag_stale_deals/run")

    assert response.status_code == 400
    assert "No runs yet." in editor.get("/admin/jobs").get_data(as_text=True)


def test_run_now_runs_the_job_and_the_page_shows_the_run(editor, seeded_app):
    csrf = token(editor, "/admin/jobs")

    response = editor.post("/admin/jobs/flag_stale_deals/run", data={"csrf_token": csrf})
    seeded_app.extensions["tracker.manual_runs"]["flag_stale_deals"].join()

    assert response.status_code == 303
    page = editor.get("/admin/jobs").get_data(as_text=True)
    assert "flag_stale_deals started" in page
    assert "<td><code>flag_stale_deals</code></td><td>manual</td>" in page
    assert "<td>ok</td>" in page


def test_run_now_of_an_unknown_job_is_404(editor):
    csrf = token(editor, "/admin/jobs")

    assert editor.post("/admin/jobs/nope/run", data={"csrf_token": csrf}).status_code == 404


def test_editors_add_a_feed_from_the_page(editor, seeded_app):
    response = post_form(
        editor,
        "/admin/feeds",
        {"url": "https://example.org/metals.xml", "name": "Metals"},
        form_url="/admin/jobs",
    )

    assert response.status_code == 303
    listed = seeded_app.test_cli_runner().invoke(args=["feeds", "list"]).output
    assert listed == "Metals\thttps://example.org/metals.xml\n"


def test_a_feed_that_cannot_be_polled_is_refused_with_the_reason(editor, seeded_app):
    response = post_form(
        editor,
        "/admin/feeds",
        {"url": "ftp://example.org/x.xml", "name": ""},
        form_url="/admin/jobs",
    )

    assert response.status_code == 400
    assert "not an http(s) URL" in response.get_data(as_text=True)
    assert not seeded_app.config["TRACKER_FEEDS_FILE"].exists()


def test_strangers_cannot_add_feeds(seeded, seeded_app):
    response = seeded.post("/admin/feeds", data={"url": "https://example.org/x.xml"})

    assert response.status_code == 302
    assert not seeded_app.config["TRACKER_FEEDS_FILE"].exists()


def test_the_page_lists_stalled_deals_and_dead_links_for_review(editor, seeded_app):
    with seeded_app.app_context(), db.unit_of_work(db.engine()) as s:
        source = s.exec(select(Source).order_by(Source.id)).first()
        source.link_dead, source.link_error = True, "HTTP 404"
        dead_url = source.url
    seeded_app.config["TRACKER_STALE_MONTHS"] = 1
    seeded_app.test_cli_runner().invoke(args=["jobs", "run", "flag_stale_deals"])

    html = editor.get("/admin/jobs").get_data(as_text=True)

    assert f"<code>{dead_url}</code>: HTTP 404" in html
    assert 'class="stalled"><li><a href="/deals/' in html
    assert "(more than 1 month)" in html


def test_a_dismissed_flag_closes_and_is_asked_again_only_after_more_silence(editor, seeded_app):
    with seeded_app.app_context():
        ctx = JobContext.from_config(seeded_app.config, db.engine())
        with db.unit_of_work(ctx.engine) as s:
            latest = max(s.exec(select(Event.date)))
    later = months_before(latest, -7)
    flag_stale_deals(ctx, Counts(), today=later)
    with db.unit_of_work(ctx.engine) as s:
        flag = s.exec(select(ReviewFlag).order_by(ReviewFlag.id)).first()
    csrf = token(editor, "/admin/jobs")

    response = editor.post(f"/admin/flags/{flag.id}/dismiss", data={"csrf_token": csrf})

    assert response.status_code == 303
    with db.unit_of_work(ctx.engine) as s:
        assert s.get(ReviewFlag, flag.id).resolved_at is not None
        entry = s.exec(select(AuditEntry).where(AuditEntry.record_type == "review_flag")).one()
    assert (entry.actor, entry.record_id) == ("user:ed", flag.id)
    page = editor.get("/admin/jobs").get_data(as_text=True)
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
