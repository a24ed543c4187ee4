"""A job writes while readers browse and an editor saves: nobody meets "database is locked"."""

from __future__ import annotations

import threading
import traceback

import pytest
from sqlmodel import select

from tests.helpers import post_form
from tests.jobs_support import FixtureServer, Route, add_feed, article_html, rss
from tracker import db
from tracker.jobs import JobContext, job_specs, run
from tracker.models import Deal, InboxArticle


@pytest.fixture(autouse=True)
def _loopback_fetches(monkeypatch):
    """The pages here are served on 127.0.0.1: opted in, as a local setup would (before the app)."""
    monkeypatch.setenv("TRACKER_FETCH_ALLOW", "127.0.0.1/32")


ARTICLES = 6
READERS = 2
# Each reader walks these pages this many times: enough to overlap the whole job run.
READER_ROUNDS = 15
READ_PAGES = ("/deals", "/sources", "/timeline", "/admin/jobs")
EDITOR_SAVES = 4
EDIT = {
    "kind": "offtake",
    "status": "signed",
    "parties": "us-strategic-metals buyer",
    "commodities": ["antimony"],
    "signed": "2025-09",
}
# Upper bound on any thread; the test ends when the work does.
JOIN_LIMIT_S = 300


def feed_of_articles(server: FixtureServer) -> None:
    items = []
    for i in range(ARTICLES):
        path = f"/a/{i}.html"
        server.routes[path] = Route(
            article_html(
                f"Antimony shipment {i} leaves Arlen",
                [
                    f"A cargo of {100 + i} tonnes of antimony concentrate left the port of "
                    f"Arlen on {i + 1} March 2026 for Northfield Metals, the company said.",
                    "The shipment is the first under an offtake signed last year.",
                ],
            )
        )
        items.append((f"Antimony shipment {i}", server.url(path), ""))
    server.routes["/wire.xml"] = Route(rss(items), content_type="application/rss+xml")


def test_job_readers_and_an_editor_together_on_one_database(seeded_app, editor):
    errors: list[str] = []
    start = threading.Barrier(READERS + 2)

    def guarded(work):
        def body():
            try:
                start.wait(JOIN_LIMIT_S)
                work()
            except Exception:
                errors.append(traceback.format_exc())

        return threading.Thread(target=body)

    def read():
        client = seeded_app.test_client()
        for _ in range(READER_ROUNDS):
            for page in READ_PAGES:
                status = client.get(page).status_code
                if status not in (200, 302):
                    errors.append(f"GET {page}: {status}")

    def save():
        for i in range(EDITOR_SAVES):
            answer = post_form(editor, "/deals/new", EDIT | {"title": f"Concurrent deal {i}"})
            if answer.status_code != 302:
                errors.append(f"save {i}: {answer.status_code}")

    with FixtureServer() as server:
        feed_of_articles(server)
        add_feed(seeded_app, server.url("/wire.xml"), "Wire")
        seeded_app.config["TRACKER_FETCH_TIMEOUT_S"] = 30.0
        with seeded_app.app_context():
            ctx = JobContext.from_config(seeded_app.config, db.engine())
        records = []
        job = guarded(lambda: records.append(run(job_specs(30)["poll_feeds"], ctx)))
        threads = [job, guarded(save)] + [guarded(read) for _ in range(READERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(JOIN_LIMIT_S)

    assert errors == []
    (record,) = records
    assert (record.outcome, record.new, record.errors) == ("ok", ARTICLES, 0), record.message
    with seeded_app.app_context(), db.unit_of_work(db.engine()) as s:
        assert len(list(s.exec(select(InboxArticle)))) == ARTICLES
        saved = s.exec(select(Deal.title).where(Deal.title.like("Concurrent deal %"))).all()
    assert len(saved) == EDITOR_SAVES
