"""Browser fixtures: the app served on a free port of 127.0.0.1, driven by Debian's chromium
through Playwright (executable_path; Playwright never downloads a browser here)."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from werkzeug.serving import make_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
RESULTS_DIR = Path(__file__).resolve().parents[2] / "test-results"
# Flags that keep chromium quiet on a machine with no outside network (see the env notes).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def databases(sqlite_databases):
    """SQLite only: every page's SQL already runs on both backends in the HTTP tests, and a
    browser page load costs seconds."""
    return sqlite_databases


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the session, or a skip (a failure when CI requires it)."""
    if not Path(CHROMIUM).exists():
        message = "Debian's chromium is not installed (make chromium installs it)"
        if os.environ.get("TRACKER_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class LiveServer:
    """The app served by werkzeug in a thread."""

    def __init__(self, app):
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)


@pytest.fixture
def live_server(seeded_app) -> Iterator[LiveServer]:
    """The seeded app on a free port of 127.0.0.1."""
    server = LiveServer(seeded_app)
    yield server
    server.stop()


class PageWatch:
    """What a page did that a test must know: console errors and requests leaving 127.0.0.1."""

    def __init__(self, page):
        self.console_errors: list[str] = []
        self.outside_requests: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))
        page.on("request", self._request)

    def _console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def _request(self, request) -> None:
        host = urlparse(request.url).hostname
        if request.url.startswith(("data:", "blob:", "about:")):
            return
        if host not in ("127.0.0.1", "localhost"):
            self.outside_requests.append(request.url)


@pytest.fixture
def page(browser):
    """A fresh browser page (its own context), with a watch on console and network."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.watch = PageWatch(pg)
    yield pg
    context.close()


def save_screenshot(page, name: str) -> Path:
    """Save a full-page screenshot with the test results."""
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
