"""The scheduler: it fires jobs, survives their faults, and runs exactly once per data folder."""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

import pytest
from apscheduler.events import EVENT_JOB_EXECUTED
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import text
from sqlmodel import select

from tests.jobs_support import ANTIMONY_PAGE, FixtureServer, Route, add_feed, rss, scheduled_names
from tracker import create_app, db
from tracker.jobs import JobContext, job_specs
from tracker.jobs.scheduler import (
    HEARTBEAT_JOB_ID,
    LOCK_CHECK_S,
    SchedulerLocked,
    build,
    is_reloader_watcher,
    run_if_locked,
    scheduled_jobs,
    take_lock,
)
from tracker.models import InboxArticle, JobRun
from tracker.models.common import utcnow


@pytest.fixture(autouse=True)
def _loopback_fetches(monkeypatch):
    """The pages here are served on 127.0.0.1: opted in, as a local setup would (before the app)."""
    monkeypatch.setenv("TRACKER_FETCH_ALLOW", "127.0.0.1/32")


# Upper bound on waiting for the scheduler; the test ends as soon as the runs are recorded.
WAIT_LIMIT_S = 60


def test_the_scheduler_fires_poll_feeds_and_keeps_running_past_a_broken_feed(seeded_app):
    with FixtureServer() as server:
        server.routes["/broken.xml"] = Route(b"down", status=500, content_type="text/plain")
        server.routes["/a/antimony.html"] = Route(ANTIMONY_PAGE)
        items = [("Antimony offtake signed", server.url("/a/antimony.html"), "")]
        server.routes["/good.xml"] = Route(rss(items), content_type="application/rss+xml")
        add_feed(seeded_app, server.url("/broken.xml"), "Broken")
        add_feed(seeded_app, server.url("/good.xml"), "Good")
        with seeded_app.app_context():
            ctx = JobContext.from_config(seeded_app.config, db.engine())
        executed = threading.Semaphore(0)
        scheduler = build(
            BackgroundScheduler(),
            ctx,
            [job_specs(30)["poll_feeds"]],
            triggers={"poll_feeds": {"trigger": "interval", "seconds": 1}},
        )
        scheduler.add_listener(lambda _event: executed.release(), EVENT_JOB_EXECUTED)
        scheduler.start()
        try:
            fired = [executed.acquire(timeout=WAIT_LIMIT_S) for _ in range(2)]
            still_running = scheduler.running
        finally:
            scheduler.shutdown(wait=True)

    assert fired == [True, True]
    assert still_running
    with seeded_app.app_context(), db.unit_of_work(db.engine()) as s:
        runs = list(s.exec(select(JobRun).order_by(JobRun.id)))
        urls = list(s.exec(select(InboxArticle.url)))
    assert [(r.job, r.trigger, r.outcome) for r in runs[:2]] == [
        ("poll_feeds", "scheduled", "ok"),
        ("poll_feeds", "scheduled", "ok"),
    ]
    assert (runs[0].new, runs[0].errors, runs[1].new, runs[1].skipped) == (1, 1, 0, 1)
    assert "feed Broken: HTTP 500" in runs[0].message
    assert urls == [server.url("/a/antimony.html")]


def test_backups_are_scheduled_on_sqlite_only(app):
    on_sqlite = [
        s.name for s in scheduled_jobs(app.config | {"TRACKER_DATABASE_URL": "sqlite:////tmp/x.db"})
    ]
    on_postgres = [
        s.name
        for s in scheduled_jobs(
            app.config | {"TRACKER_DATABASE_URL": "postgresql+psycopg://u@127.0.0.1/x"}
        )
    ]
    assert on_sqlite == ["poll_feeds", "check_sources", "backup", "flag_stale_deals"]
    assert on_postgres == ["poll_feeds", "check_sources", "flag_stale_deals"]


def test_jobs_list_prints_the_schedule(runner):
    result = runner.invoke(args=["jobs", "list"])

    assert result.exit_code == 0
    names = [line.split("\t")[0] for line in result.output.splitlines()]
    assert names == scheduled_names(runner.app)
    assert "interval minutes=30" in result.output


def test_one_scheduler_per_lock_file(tmp_path):
    lock = take_lock(tmp_path / "scheduler.lock")
    try:
        with pytest.raises(SchedulerLocked, match="run only one per database"):
            take_lock(tmp_path / "scheduler.lock")
    finally:
        lock.close()
    take_lock(tmp_path / "scheduler.lock").close()  # free again once the holder is gone


@pytest.mark.parametrize(
    ("environ", "watcher"),
    [
        ({}, False),  # `tracker run` without the reloader: one process, it runs the jobs
        ({"FLASK_DEBUG": "1"}, True),  # the reloader's watcher: loads the app, never serves
        ({"FLASK_DEBUG": "1", "WERKZEUG_RUN_MAIN": "true"}, False),  # the reloader's server
    ],
)
def test_only_the_serving_process_of_the_reloader_starts_the_scheduler(environ, watcher):
    assert is_reloader_watcher(environ) is watcher


def test_the_dev_server_starts_one_scheduler_and_a_second_app_does_not(app, tmp_path):
    overrides = {
        "TESTING": True,
        "TRACKER_DATABASE_URL": app.config["TRACKER_DATABASE_URL"],
        "TRACKER_SCHEDULER": True,
        "TRACKER_SCHEDULER_LOCK": tmp_path / "scheduler.lock",
        "TRACKER_FEEDS_FILE": tmp_path / "feeds.toml",
        "TRACKER_BACKUP_DIR": tmp_path / "backups",
    }
    first = create_app(overrides)
    second = create_app(overrides)
    try:
        scheduler = first.extensions.get("tracker.scheduler")
        assert scheduler is not None and scheduler.running
        jobs = [job for job in scheduler.get_jobs() if job.id != HEARTBEAT_JOB_ID]
        assert sorted(job.id for job in jobs) == sorted(scheduled_names(app))
        # A slow run never overlaps the next; runs missed while down collapse into one.
        assert {(job.max_instances, job.coalesce) for job in jobs} == {(1, True)}
        assert "tracker.scheduler" not in second.extensions
    finally:
        first.extensions["tracker.scheduler"].shutdown(wait=False)
        first.extensions["tracker.scheduler_lock"].close()
        for a in (first, second):
            a.extensions["tracker.engine"].dispose()


def test_without_tracker_scheduler_the_app_runs_no_jobs(app):
    assert "tracker.scheduler" not in app.extensions


def test_a_job_does_not_start_while_another_run_of_it_is_going(app):
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        s.add(JobRun(job="flag_stale_deals", trigger="scheduled", started_at=utcnow()))
        s.add(JobRun(job="backup", trigger="scheduled", started_at=utcnow() - timedelta(hours=7)))
    runner = app.test_cli_runner()

    blocked = runner.invoke(args=["jobs", "run", "flag_stale_deals"])
    after_a_crash = runner.invoke(args=["jobs", "run", "check_sources"])

    assert blocked.exit_code == 1
    assert "error; seen 0" in blocked.output
    assert "not run: run 1 of flag_stale_deals is still going" in blocked.output
    # A "running" row older than MAX_RUN_HOURS is a crashed process, not a run in progress.
    assert after_a_crash.exit_code == 0, after_a_crash.output


def test_two_hosts_sharing_a_database_run_one_scheduler(app, tmp_path):
    with app.app_context():
        engine = db.engine()
    first = take_lock(tmp_path / "host-a" / "scheduler.lock", engine)
    try:
        if engine.dialect.name == "postgresql":
            # Different lock files (different hosts): the database's advisory lock decides.
            with pytest.raises(SchedulerLocked, match="advisory lock"):
                take_lock(tmp_path / "host-b" / "scheduler.lock", engine)
        else:
            # One SQLite file lives on one host; its lock file is the guard.
            take_lock(tmp_path / "host-b" / "scheduler.lock", engine).close()
    finally:
        first.close()
    take_lock(tmp_path / "host-b" / "scheduler.lock", engine).close()


def test_a_scheduler_that_loses_its_advisory_lock_runs_nothing_until_it_is_back(
    app, tmp_path, caplog
):
    """The lock's connection is dropped (a database restart); another host takes the lock."""
    with app.app_context():
        engine = db.engine()
    if engine.dialect.name != "postgresql":
        lock = take_lock(tmp_path / "scheduler.lock", engine)
        assert lock.ensure()  # SQLite: the lock file is held for the life of the process
        lock.close()
        return
    first = take_lock(tmp_path / "host-a" / "scheduler.lock", engine)
    ctx = JobContext.from_config(app.config, engine)
    spec = job_specs(30)["flag_stale_deals"]
    try:
        assert first.ensure()
        pid = first._connection.execute(text("SELECT pg_backend_pid()")).scalar()
        first._connection.commit()
        with engine.connect() as admin:
            admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            admin.commit()
            # pg_terminate_backend only signals: the lock goes when the backend has exited.
            gone = text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid")
            deadline = time.monotonic() + 10
            while admin.execute(gone, {"pid": pid}).scalar() and time.monotonic() < deadline:
                admin.commit()
                time.sleep(0.05)
        second = take_lock(tmp_path / "host-b" / "scheduler.lock", engine)  # takes it over
        with caplog.at_level(logging.ERROR, logger="tracker.jobs.scheduler"):
            assert run_if_locked(spec, ctx, first, trigger="scheduled") is None
            assert not first.ensure()  # still paused, and still saying so
        assert "lost its database advisory lock" in caplog.text
        assert caplog.text.count("another scheduler holds the advisory lock") >= 2
        with app.app_context(), db.unit_of_work(db.engine()) as s:
            assert s.exec(select(JobRun)).all() == []  # nothing ran while the lock was away
        second.close()
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="tracker.jobs.scheduler"):
            record = run_if_locked(spec, ctx, first, trigger="scheduled")
        assert record is not None and record.outcome == "ok"
        assert "holds its database advisory lock again" in caplog.text
    finally:
        first.close()


def test_the_schedule_checks_its_lock_on_a_heartbeat(app, tmp_path):
    with app.app_context():
        engine = db.engine()
    lock = take_lock(tmp_path / "scheduler.lock", engine)
    try:
        ctx = JobContext.from_config(app.config, engine)
        scheduler = build(BackgroundScheduler(), ctx, scheduled_jobs(app.config), lock=lock)
        heartbeat = scheduler.get_job(HEARTBEAT_JOB_ID)
        if engine.dialect.name == "postgresql":
            assert heartbeat.trigger.interval.total_seconds() == LOCK_CHECK_S
        else:
            assert heartbeat is None  # the lock file cannot be lost while the process lives
        jobs = [job for job in scheduler.get_jobs() if job.id != HEARTBEAT_JOB_ID]
        assert jobs and all(job.func is run_if_locked for job in jobs)
    finally:
        lock.close()
