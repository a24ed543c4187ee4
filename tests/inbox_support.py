"""Helpers for the inbox tests: fixture texts, posting inbox forms, reading the database."""

from __future__ import annotations

import re
from pathlib import Path

from sqlmodel import func, select

from tests.helpers import post_form
from tracker import db

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "inbox"
SEED_ARTICLE = Path(__file__).resolve().parents[1] / "seeds" / "000_05e9ca41f59a7bf7.txt"
TIN_TEXT = (FIXTURES / "tin-article.txt").read_text(encoding="utf-8")


def paste(client, text: str, **fields):
    """POST the paste form (CSRF token from /inbox)."""
    return post_form(client, "/inbox/paste", {"text": text, **fields}, form_url="/inbox")


def article_id(response) -> int:
    """The inbox article id a redirect points at."""
    m = re.search(r"/inbox/(\d+)$", response.headers["Location"])
    assert m, response.headers.get("Location")
    return int(m.group(1))


def read(app, fn):
    """FN(session) in its own unit of work on the app's database."""
    with app.app_context(), db.unit_of_work(db.engine()) as session:
        return fn(session)


def count(app, model, *where) -> int:
    """Rows of MODEL matching WHERE."""
    return read(app, lambda s: s.exec(select(func.count()).select_from(model).where(*where)).one())


REFRESH = 'http-equiv="refresh"'


def fetch_url(client, url: str):
    """POST the fetch-an-address form (CSRF token from /inbox)."""
    return post_form(client, "/inbox/url", {"url": url}, form_url="/inbox")


def poll_article(client, response, timeout_s: float = 20.0):
    """Follow a fetch's redirect and reload the article page, as a browser does on its meta
    refresh, until the background fetch has ended; returns the last page."""
    import time

    location = response.headers["Location"]
    deadline = time.monotonic() + timeout_s
    while True:
        page = client.get(location)
        if page.status_code in (301, 302, 303):  # a duplicate sends on to its article
            location = page.headers["Location"]
            continue
        if REFRESH not in page.get_data(as_text=True):
            return page
        assert time.monotonic() < deadline, f"{location} still fetching after {timeout_s} s"
        time.sleep(0.1)
