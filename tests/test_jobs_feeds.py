"""poll_feeds over real HTTP on 127.0.0.1: new articles reach the inbox once; faults stay local."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlmodel import select

from tests.jobs_support import (
    ANTIMONY_PAGE,
    BILLION_LAUGHS,
    EXTERNAL_ENTITY,
    GALLIUM_PAGE,
    MALFORMED,
    FixtureServer,
    Route,
    add_feed,
    article_html,
    encoded,
    rss,
)
from tracker import db
from tracker.fetching.web import USER_AGENT
from tracker.jobs import JobContext, job_specs, run
from tracker.jobs.feeds import MAX_FEED_BYTES
from tracker.models import InboxArticle, InboxProposal, JobRun


@pytest.fixture(autouse=True)
def _loopback_fetches(monkeypatch):
    """The pages here are served on 127.0.0.1: opted in, as a local setup would (before the app)."""
    monkeypatch.setenv("TRACKER_FETCH_ALLOW", "127.0.0.1/32")


# Long enough for a busy 2-core machine to answer a small local page; the hang test waits it out.
TEST_FETCH_TIMEOUT_S = 5.0
RSS = "application/rss+xml"


@pytest.fixture
def server():
    with FixtureServer() as s:
        yield s


def good_feed(server: FixtureServer) -> None:
    """/good.xml: an antimony article, a gallium article and one about coffee."""
    server.routes["/a/antimony.html"] = Route(ANTIMONY_PAGE)
    server.routes["/a/gallium.html"] = Route(GALLIUM_PAGE)
    server.routes["/a/coffee.html"] = Route(article_html("Coffee prices", ["Beans rose."]))
    items = [
        ("Northfield signs antimony offtake", server.url("/a/antimony.html?utm_source=rss"), "x"),
        ("Gallium recovery line planned", server.url("/a/gallium.html"), "A refiner's plan."),
        ("Coffee prices climb", server.url("/a/coffee.html"), "Arabica futures rose."),
    ]
    server.routes["/good.xml"] = Route(rss(items), content_type=RSS)


def poll(app) -> JobRun:
    """Run poll_feeds once, as `tracker jobs run poll_feeds` does."""
    app.config["TRACKER_FETCH_TIMEOUT_S"] = TEST_FETCH_TIMEOUT_S
    with app.app_context():
        ctx = JobContext.from_config(app.config, db.engine())
        return run(job_specs(30)["poll_feeds"], ctx)


def inbox(app) -> list[InboxArticle]:
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        return list(s.exec(select(InboxArticle).order_by(InboxArticle.id)))


def test_new_articles_on_tracked_commodities_reach_the_inbox_once(seeded_app, server):
    good_feed(server)
    add_feed(seeded_app, server.url("/good.xml"), "Good wire")

    first = poll(seeded_app)

    counts = (first.outcome, first.seen, first.new, first.skipped, first.errors)
    assert counts == ("ok", 3, 2, 1, 0), first.message
    articles = inbox(seeded_app)
    assert [a.url for a in articles] == [
        server.url("/a/antimony.html"),  # canonical: the tracking parameter is gone
        server.url("/a/gallium.html"),
    ]
    assert all(a.status == "pending" and a.origin == "feed" for a in articles)
    assert articles[0].title == "Northfield signs antimony offtake"
    with seeded_app.app_context(), db.unit_of_work(db.engine()) as s:
        kinds = set(
            s.exec(select(InboxProposal.kind).where(InboxProposal.article_id == articles[0].id))
        )
    assert "commodity" in kinds
    assert "/a/coffee.html" not in [path for path, _ in server.requests]
    assert {agent for _, agent in server.requests} == {USER_AGENT}

    fetched_before = len(server.requests)
    second = poll(seeded_app)

    assert (second.outcome, second.seen, second.new, second.skipped) == ("ok", 3, 0, 3)
    assert len(inbox(seeded_app)) == 2
    # Only the feed itself was requested again: known articles are not fetched twice.
    assert [path for path, _ in server.requests[fetched_before:]] == ["/good.xml"]


def test_inbox_list_and_jobs_run_print_what_the_poll_did(seeded_app, server):
    good_feed(server)
    seeded_app.config["TRACKER_FETCH_TIMEOUT_S"] = TEST_FETCH_TIMEOUT_S
    runner = seeded_app.test_cli_runner()
    added = runner.invoke(args=["feeds", "add", server.url("/good.xml"), "--name", "Good wire"])
    assert added.exit_code == 0, added.output

    result = runner.invoke(args=["jobs", "run", "poll_feeds"])

    assert result.exit_code == 0, result.output
    # Not a terminal: the run record only, no progress lines.
    assert result.output.startswith("run 1: poll_feeds (manual) ok; seen 3, new 2, skipped 1,")
    assert len(result.output.splitlines()) == 1
    listed = runner.invoke(args=["inbox", "list"]).output.splitlines()
    assert [line.split("\t")[0] for line in listed] == [
        server.url("/a/antimony.html"),
        server.url("/a/gallium.html"),
    ]
    assert runner.invoke(args=["feeds", "list"]).output == f"Good wire\t{server.url('/good.xml')}\n"


@pytest.mark.parametrize(("codec", "name"), [("utf-16", "UTF-16"), ("utf-32", "UTF-32")])
def test_a_feed_in_utf16_or_utf32_without_entities_is_read(seeded_app, server, codec, name):
    good_feed(server)
    plain = server.routes["/good.xml"].body
    server.routes["/good.xml"] = Route(encoded(plain, codec, name), content_type=RSS)
    add_feed(seeded_app, server.url("/good.xml"), "Wide wire")
    record = poll(seeded_app)
    assert (record.outcome, record.errors, record.new) == ("ok", 0, 2), record.message


FEED_FAULTS = {
    "timeout": (Route(hang=True), "no answer"),
    "http-500": (Route(b"oops", status=500, content_type="text/plain"), "HTTP 500"),
    "malformed": (Route(MALFORMED, content_type=RSS), "malformed XML"),
    "billion-laughs": (Route(BILLION_LAUGHS, content_type=RSS), "hostile XML refused"),
    "external-entity": (Route(EXTERNAL_ENTITY, content_type=RSS), "hostile XML refused"),
    # A byte search for <!ENTITY misses these: each encoding is read as the parser will read it.
    "billion-laughs-utf16": (
        Route(encoded(BILLION_LAUGHS, "utf-16", "UTF-16"), content_type=RSS),
        "hostile XML refused",
    ),
    "external-entity-utf16le": (
        Route(encoded(EXTERNAL_ENTITY, "utf-16-le", "UTF-16LE"), content_type=RSS),
        "hostile XML refused",
    ),
    "external-entity-utf16be": (
        Route(encoded(EXTERNAL_ENTITY, "utf-16", "UTF-16"), content_type="text/xml"),
        "hostile XML refused",
    ),
    "billion-laughs-utf32": (
        Route(encoded(BILLION_LAUGHS, "utf-32", "UTF-32"), content_type=RSS),
        "hostile XML refused",
    ),
    "huge": (Route(stream_bytes=MAX_FEED_BYTES + 1, content_type=RSS), "too large"),
}


@pytest.mark.parametrize("fault", FEED_FAULTS)
def test_a_broken_feed_is_recorded_and_the_next_feed_still_read(seeded_app, server, fault):
    route, reason = FEED_FAULTS[fault]
    server.routes["/broken.xml"] = route
    good_feed(server)
    add_feed(seeded_app, server.url("/broken.xml"), f"Broken {fault}")
    add_feed(seeded_app, server.url("/good.xml"), "Good wire")

    record = poll(seeded_app)

    assert (record.outcome, record.errors, record.new) == ("ok", 1, 2)
    assert record.message.startswith(f"feed Broken {fault}: ")
    assert reason in record.message
    articles = inbox(seeded_app)
    assert len(articles) == 2
    assert not any("root:" in a.text or "aaaaaaaaaa" in a.title for a in articles)


def test_an_entry_that_is_not_html_is_that_entrys_error_and_nothing_of_it_is_kept(
    seeded_app, server
):
    server.routes["/a/report.pdf"] = Route(b"%PDF-1.7 antimony", content_type="application/pdf")
    server.routes["/a/huge.html"] = Route(stream_bytes=4 * 1024 * 1024)
    server.routes["/a/antimony.html"] = Route(ANTIMONY_PAGE)
    items = [
        ("Antimony report (PDF)", server.url("/a/report.pdf"), ""),
        ("Antimony market, the long read", server.url("/a/huge.html"), ""),
        ("Northfield signs antimony offtake", server.url("/a/antimony.html"), ""),
    ]
    server.routes["/mixed.xml"] = Route(rss(items), content_type=RSS)
    add_feed(seeded_app, server.url("/mixed.xml"), "Mixed")

    record = poll(seeded_app)

    assert (record.outcome, record.seen, record.new, record.errors) == ("ok", 3, 1, 2)
    lines = record.message.splitlines()
    assert lines[0] == f"entry {server.url('/a/report.pdf')}: not an HTML page (application/pdf)"
    assert lines[1].startswith(f"entry {server.url('/a/huge.html')}: too large")
    assert [a.url for a in inbox(seeded_app)] == [server.url("/a/antimony.html")]


def test_progress_names_each_feed(seeded_app, server):
    good_feed(server)
    add_feed(seeded_app, server.url("/good.xml"), "Good wire")
    lines: list[str] = []
    with seeded_app.app_context():
        ctx = JobContext.from_config(seeded_app.config, db.engine())
        run(job_specs(30)["poll_feeds"], replace(ctx, progress=lines.append))

    assert lines == ["feed Good wire: 3 entries"]


def test_a_missing_feed_list_is_an_empty_poll(app):
    record = poll(app)

    assert (record.outcome, record.seen, record.new, record.errors) == ("ok", 0, 0, 0)


def test_feeds_add_refuses_what_it_cannot_poll(runner):
    bad = runner.invoke(args=["feeds", "add", "file:///etc/passwd"])
    assert bad.exit_code != 0
    assert "not an http(s) URL" in bad.output
    assert runner.invoke(args=["feeds", "add", "https://example.org/feed.xml"]).exit_code == 0
    again = runner.invoke(args=["feeds", "add", "https://example.org/feed.xml"])
    assert "listed already" in again.output
