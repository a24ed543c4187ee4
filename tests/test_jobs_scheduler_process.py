"""`tracker scheduler` as its own process puts new feed articles in the inbox on schedule."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import create_engine, text

from tests.jobs_support import ANTIMONY_PAGE, GALLIUM_PAGE, FixtureServer, Route, add_feed, rss
from tracker.config import REPO_ROOT

# Poll every 3 s (0.05 min) so the test sees two runs quickly.
POLL_MINUTES = "0.05"
# Upper bounds only: the test goes on as soon as the runs are in the job log.
WAIT_LIMIT_S = 120
FINISHED_POLLS = text(
    "SELECT count(*) FROM job_run WHERE job = 'poll_feeds' AND ended_at IS NOT NULL"
)


@pytest.fixture(autouse=True)
def _loopback_fetches(monkeypatch):
    """The pages here are served on 127.0.0.1: opted in, as a local setup would (before the app)."""
    monkeypatch.setenv("TRACKER_FETCH_ALLOW", "127.0.0.1/32")


STOP_LIMIT_S = 30


def _wait_for_runs(url: str, runs: int, process: subprocess.Popen, log) -> None:
    """Return once RUNS finished poll_feeds runs are logged; fail if the process dies first."""
    engine = create_engine(url)
    try:
        for _ in range(WAIT_LIMIT_S):
            if process.poll() is not None:
                pytest.fail(f"the scheduler exited: {log.read_text()}")
            with engine.connect() as conn:
                count = conn.execute(FINISHED_POLLS).scalar()
            if count >= runs:
                return
            time.sleep(1)  # look at the log once a second; not a timing assertion
        pytest.fail(f"fewer than {runs} poll_feeds runs within {WAIT_LIMIT_S} s")
    finally:
        engine.dispose()


def test_tracker_scheduler_polls_on_schedule_and_a_second_one_refuses(seeded_app, tmp_path):
    url = seeded_app.config["TRACKER_DATABASE_URL"]
    env = os.environ | {
        "TRACKER_DATABASE_URL": url,
        "TRACKER_POLL_MINUTES": POLL_MINUTES,
        "TRACKER_FEEDS_FILE": str(tmp_path / "feeds.toml"),
        "TRACKER_SCHEDULER_LOCK": str(tmp_path / "scheduler.lock"),
        "TRACKER_BACKUP_DIR": str(tmp_path / "backups"),
        "TRACKER_HOST_DELAY_S": "0",
    }
    command = [sys.executable, "-m", "tracker", "scheduler"]
    with FixtureServer() as server:
        server.routes["/a/antimony.html"] = Route(ANTIMONY_PAGE)
        server.routes["/a/gallium.html"] = Route(GALLIUM_PAGE)
        items = [
            ("Antimony offtake signed", server.url("/a/antimony.html"), ""),
            ("Gallium line planned", server.url("/a/gallium.html"), ""),
        ]
        server.routes["/wire.xml"] = Route(rss(items), content_type="application/rss+xml")
        add_feed(url, server.url("/wire.xml"), "Wire")
        log = tmp_path / "scheduler.log"
        with open(log, "w") as stderr:
            process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stderr=stderr)
        try:
            _wait_for_runs(url, 2, process, log)
            second = subprocess.run(
                command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=60
            )
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(STOP_LIMIT_S)

    assert second.returncode != 0
    assert "another scheduler holds" in second.stderr
    assert process.returncode == 0
    engine = create_engine(url)
    with engine.connect() as conn:
        runs = conn.execute(
            text("SELECT trigger, outcome, new, skipped FROM job_run ORDER BY id LIMIT 2")
        ).all()
        inbox = conn.execute(text("SELECT url FROM inbox_article ORDER BY id")).scalars().all()
    engine.dispose()
    assert [tuple(r) for r in runs] == [("scheduled", "ok", 2, 0), ("scheduled", "ok", 0, 2)]
    assert inbox == [server.url("/a/antimony.html"), server.url("/a/gallium.html")]
