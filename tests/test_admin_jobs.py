"""/admin/jobs: editors see the schedule and the runs, and can run a job now (with CSRF)."""

from __future__ import annotations

from tests.helpers import token
from tests.jobs_support import scheduled_names


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
