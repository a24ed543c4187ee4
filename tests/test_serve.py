"""`tracker serve`: gunicorn with threaded workers answers pages and streams an export whole."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tracker.commands.serve import WORKER_CLASS, freeze_long_lived_objects, gunicorn_options

# Upper bound on start-up; the test goes on as soon as /healthz answers.
START_LIMIT_S = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(base: str, process: subprocess.Popen, log) -> None:
    deadline = time.monotonic() + START_LIMIT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"tracker serve exited: {log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail("tracker serve did not answer /healthz")


def test_serve_uses_threaded_workers():
    options = gunicorn_options("127.0.0.1:1", 2, 4, 120)
    assert options["worker_class"] == WORKER_CLASS == "gthread"
    assert options["threads"] == 4 and options["workers"] == 2


def test_a_worker_freezes_plotly_and_the_app_out_of_the_collectors_sight():
    import gc

    import plotly.graph_objects as go

    try:
        freeze_long_lived_objects()
        frozen = gc.get_freeze_count()
        # The chart validators it loads are frozen with everything else: a later collection
        # walks only what requests allocate.
        assert frozen > 50_000
        assert all(obj is not go.Sankey for obj in gc.get_objects())
    finally:
        gc.unfreeze()  # the test process goes on collecting as before


def test_tracker_serve_answers_pages_and_streams_an_export(seeded_app, tmp_path):
    port = _free_port()
    env = os.environ | {"TRACKER_DATABASE_URL": seeded_app.config["TRACKER_DATABASE_URL"]}
    command = [sys.executable, "-m", "tracker", "serve", "--bind", f"127.0.0.1:{port}"]
    log = tmp_path / "serve.log"
    with log.open("wb") as err:
        process = subprocess.Popen(command, env=env, stderr=err)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process, log)
        with urllib.request.urlopen(f"{base}/", timeout=60) as page:
            assert page.status == 200
            assert b"<html" in page.read()
        with urllib.request.urlopen(f"{base}/export/shipments.csv", timeout=60) as export:
            body = export.read().decode()
        assert len(body.splitlines()) > 1
        assert "gthread" in log.read_text()
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
