"""Fetching articles by URL from a real HTTP server on 127.0.0.1 serving our own fixture pages."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlmodel import select

from tests.inbox_support import (
    FIXTURES,
    REFRESH,
    TIN_TEXT,
    article_id,
    count,
    fetch_url,
    poll_article,
    read,
)
from tracker.inbox import fetch as fetching
from tracker.models import InboxArticle, InboxProposal


@pytest.fixture(autouse=True)
def _loopback_fetches(monkeypatch):
    """The pages here are served on 127.0.0.1: opted in, as a local setup would (before the app)."""
    monkeypatch.setenv("TRACKER_FETCH_ALLOW", "127.0.0.1/32")


ZINC = (FIXTURES / "zinc-article.html").read_bytes()
# Just over the cap, in the unit the cap is counted in.
OVERSIZE = b"<html><body><p>" + b"x" * fetching.MAX_FETCH_BYTES + b"</p></body></html>"
SLOW_SECONDS = 3


class Handler(BaseHTTPRequestHandler):
    """Fixture routes: an article, plain text, a PDF, oversize bodies, a redirect, a slow page."""

    def do_GET(self):  # noqa: N802 (http.server's name)
        path = self.path.split("?")[0]
        if path == "/news/zinc.html":
            self._send(200, "text/html; charset=utf-8", ZINC)
        elif path == "/news/tin.txt":
            self._send(200, "text/plain; charset=utf-8", TIN_TEXT.encode())
        elif path == "/report.pdf":
            self._send(200, "application/pdf", b"%PDF-1.4 not an article")
        elif path == "/big.html":
            self._send(200, "text/html", OVERSIZE)
        elif path == "/big-unsized.html":
            self._send(200, "text/html", OVERSIZE, length=False)
        elif path == "/old-address":
            self.send_response(301)
            self.send_header("Location", "/news/zinc.html?utm_campaign=x")
            self.end_headers()
        elif path == "/slow.html":
            time.sleep(SLOW_SECONDS)
            self._send(200, "text/html", ZINC)
        else:
            self._send(404, "text/plain", b"not here")

    def _send(self, status: int, ctype: str, body: bytes, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading at its cap, as it should

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site():
    """Base URL of the fixture server."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def _fetch(client, url: str):
    """Ask for URL and wait for its background fetch to end; the POST's redirect."""
    response = fetch_url(client, url)
    assert response.status_code == 302, response.status_code
    poll_article(client, response)
    return response


def test_url_is_fetched_and_main_text_taken(editor, seeded_app, site):
    response = _fetch(editor, f"{site}/news/zinc.html?utm_source=newsletter#top")
    assert response.status_code == 302
    aid = article_id(response)
    article = read(seeded_app, lambda s: s.get(InboxArticle, aid))
    assert article.url == f"{site}/news/zinc.html"
    assert article.origin == "url" and article.fetched_at is not None and article.error is None
    assert article.title == "Ruritania signs zinc concentrate deal with Acme Mining"
    assert "valued at about USD 120 million" in article.text and "Subscribe" not in article.text
    kinds = read(
        seeded_app,
        lambda s: {
            p.kind for p in s.exec(select(InboxProposal).where(InboxProposal.article_id == aid))
        },
    )
    assert {"commodity", "country", "money"} <= kinds


def test_plain_text_url_is_taken_as_is(editor, seeded_app, site):
    aid = article_id(_fetch(editor, f"{site}/news/tin.txt"))
    article = read(seeded_app, lambda s: s.get(InboxArticle, aid))
    assert article.text == TIN_TEXT.strip()


def test_same_url_and_redirect_are_recognised(editor, seeded_app, site):
    first = article_id(_fetch(editor, f"{site}/news/zinc.html"))
    assert article_id(_fetch(editor, f"{site}/news/zinc.html?utm_medium=email")) == first
    # The same text after a redirect: the arrival is linked to the first article.
    again = _fetch(editor, f"{site}/old-address")
    assert poll_article(editor, again).request.path == f"/inbox/{first}"
    assert count(seeded_app, InboxArticle, InboxArticle.status != "duplicate") == 1
    assert read(seeded_app, lambda s: s.get(InboxArticle, first).arrivals) == 3


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/report.pdf", "is application/pdf, not an HTML page or text"),
        ("/big.html", f"the inbox takes at most {fetching.MAX_FETCH_BYTES:,}"),
        ("/big-unsized.html", f"is larger than {fetching.MAX_FETCH_BYTES:,} bytes"),
        ("/missing", "answered HTTP 404"),
    ],
)
def test_refused_fetch_is_kept_with_its_error(editor, seeded_app, site, path, message):
    page = poll_article(editor, fetch_url(editor, f"{site}{path}"))
    assert page.status_code == 200
    assert "The fetch failed" in page.get_data(as_text=True)
    assert message in page.get_data(as_text=True)
    kept = read(seeded_app, lambda s: s.exec(select(InboxArticle)).one())
    assert kept.url == f"{site}{path}" and message in kept.error and kept.text == ""
    assert kept.status == "failed"
    assert count(seeded_app, InboxProposal) == 0


def test_slow_server_times_out(editor, seeded_app, site, monkeypatch):
    monkeypatch.setattr(fetching, "FETCH_TIMEOUT_SECONDS", SLOW_SECONDS / 4)
    page = poll_article(editor, fetch_url(editor, f"{site}/slow.html"))
    # As generic as a refused connection: timings and refusals must not map internal ports.
    assert "could not be fetched: no answer from a public web server" in page.get_data(as_text=True)


def test_a_slow_fetch_does_not_hold_the_request(editor, seeded_app, site, monkeypatch):
    """The POST answers at once while the host takes SLOW_SECONDS; the page polls for the end."""
    monkeypatch.setattr(fetching, "FETCH_TIMEOUT_SECONDS", SLOW_SECONDS * 3)
    started = time.monotonic()
    response = fetch_url(editor, f"{site}/slow.html")
    took = time.monotonic() - started

    assert response.status_code == 302 and took < 1.0, took
    waiting = editor.get(response.headers["Location"]).get_data(as_text=True)
    assert REFRESH in waiting and "Fetching" in waiting
    assert read(seeded_app, lambda s: s.get(InboxArticle, article_id(response)).status) == (
        "fetching"
    )
    done = poll_article(editor, response).get_data(as_text=True)
    assert REFRESH not in done and "zinc concentrate" in done
    assert read(seeded_app, lambda s: s.get(InboxArticle, article_id(response)).status) == (
        "pending"
    )


def test_failed_fetch_can_be_retried(editor, seeded_app, site, monkeypatch):
    monkeypatch.setattr(fetching, "FETCH_TIMEOUT_SECONDS", SLOW_SECONDS / 4)
    _fetch(editor, f"{site}/slow.html")
    monkeypatch.setattr(fetching, "FETCH_TIMEOUT_SECONDS", SLOW_SECONDS * 3)
    aid = article_id(_fetch(editor, f"{site}/slow.html"))
    article = read(seeded_app, lambda s: s.get(InboxArticle, aid))
    assert article.error is None and "zinc concentrate" in article.text
    assert count(seeded_app, InboxArticle) == 1


def test_unreachable_address_is_a_clear_error(editor):
    page = poll_article(editor, fetch_url(editor, "http://127.0.0.1:9/nothing"))
    assert "could not be fetched" in page.get_data(as_text=True)
