"""check_sources records each link's answer politely; flag_stale_deals asks, never changes."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from tests.jobs_support import FixtureServer, Route
from tracker import db
from tracker.fetching.web import USER_AGENT
from tracker.jobs import JobContext, job_specs, run
from tracker.jobs.runner import Counts
from tracker.jobs.stale import STALLED_FLAG, flag_stale_deals, months_before
from tracker.models import Deal, Event, ReviewFlag, Source


@pytest.fixture(autouse=True)
def _loopback_fetches(monkeypatch):
    """The pages here are served on 127.0.0.1: opted in, as a local setup would (before the app)."""
    monkeypatch.setenv("TRACKER_FETCH_ALLOW", "127.0.0.1/32")


def add_sources(app, urls: list[str]) -> None:
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        for url in urls:
            s.add(Source(url=url, publisher="Test Wire", title=url))
        s.add(Source(url="http://192.0.2.1/demo", publisher="x", title="x", synthetic=True))


def test_check_sources_records_status_and_flags_dead_links(app):
    app.config["TRACKER_FETCH_TIMEOUT_S"] = 5.0
    with FixtureServer() as server:
        server.routes["/live.html"] = Route(b"<p>here</p>")
        server.routes["/broken.html"] = Route(b"oops", status=500)
        urls = [server.url(p) for p in ("/live.html", "/gone.html", "/broken.html")]
        add_sources(app, urls)

        result = app.test_cli_runner().invoke(args=["jobs", "run", "check_sources"])
        requested = list(server.requests)

    assert result.exit_code == 0, result.output
    assert "seen 3, new 1, skipped 2, errors 0" in result.output
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        rows = {
            src.url: (src.link_status, src.link_dead, src.link_error)
            for src in s.exec(select(Source).where(Source.synthetic.is_(False)))
        }
        checked = list(s.exec(select(Source.link_checked_at).where(Source.url.in_(urls))))
    assert rows == {
        urls[0]: (200, False, None),
        urls[1]: (404, True, "HTTP 404"),
        urls[2]: (500, False, "HTTP 500"),  # a bad day, not a dead page
    }
    assert all(checked)
    # Synthetic demo sources are never requested; every request names the project.
    assert [path for path, _ in requested] == ["/live.html", "/gone.html", "/broken.html"]
    assert {agent for _, agent in requested} == {USER_AGENT}


def test_a_host_that_does_not_answer_is_an_error_and_dead(app):
    app.config["TRACKER_FETCH_TIMEOUT_S"] = 5.0
    # Port 9 (discard) on 127.0.0.1 has nothing listening: the connection is refused.
    add_sources(app, ["http://127.0.0.1:9/article"])
    with app.app_context():
        record = run(
            job_specs(30)["check_sources"], JobContext.from_config(app.config, db.engine())
        )

    assert (record.outcome, record.seen, record.new, record.errors) == ("ok", 1, 1, 1)
    assert "no answer" in record.message


def test_months_before_clamps_to_the_month_end():
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 6) == date(2025, 7, 15)


def test_stale_deals_get_a_review_flag_once_and_keep_their_status(seeded_app):
    with seeded_app.app_context():
        ctx = JobContext.from_config(seeded_app.config, db.engine())
        with db.unit_of_work(ctx.engine) as s:
            statuses = {d.id: d.status for d in s.exec(select(Deal))}
            latest = max(s.exec(select(Event.date)))
        # Seven months after the newest event in the seeds: every open deal has gone quiet.
        today = months_before(latest, -7)
        first, second = Counts(), Counts()
        flag_stale_deals(ctx, first, today=today)
        flag_stale_deals(ctx, second, today=today)
        early = Counts()
        flag_stale_deals(ctx, early, today=latest)
        with db.unit_of_work(ctx.engine) as s:
            flags = list(s.exec(select(ReviewFlag)))
            after = {d.id: d.status for d in s.exec(select(Deal))}

    assert first.new > 0 and first.new == len(flags)
    assert (second.new, second.skipped) == (0, first.new)
    assert {f.kind for f in flags} == {STALLED_FLAG}
    assert all("more than 6 months" in f.reason for f in flags)
    assert after == statuses
    quiet = {d for d, status in statuses.items() if status not in ("completed", "cancelled")}
    assert {f.record_id for f in flags} <= quiet
    assert early.seen < first.seen  # on the day of the newest event that deal is not quiet
