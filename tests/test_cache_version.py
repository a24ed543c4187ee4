"""The page cache and the data version: only writes to what pages show change the version, and
a restore can never make the cache serve numbers of other data."""

from __future__ import annotations

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session as OrmSession

from tests.dashboard_helpers import add_deals, count
from tests.helpers import PASSWORD, add_user, login
from tests.inbox_support import TIN_TEXT, paste
from tracker import db
from tracker.cache import EXTENSION, versioning
from tracker.jobs import job_specs, run
from tracker.jobs.runner import JobContext
from tracker.models import Deal


def version(app) -> int:
    with app.app_context(), db.unit_of_work(db.engine()) as session:
        return versioning.read(session)


def deals_in_database(app) -> int:
    with app.app_context(), db.unit_of_work(db.engine()) as session:
        return session.scalar(select(func.count()).select_from(Deal).where(~Deal.deleted))


def misses(app) -> int:
    return app.extensions[EXTENSION].misses


def test_listeners_sit_on_the_apps_session_factory_not_on_every_session(seeded_app):
    for name, listener in versioning.LISTENERS:
        assert event.contains(seeded_app.extensions["tracker.sessions"], name, listener)
        assert not event.contains(OrmSession, name, listener)


def test_a_record_write_changes_the_version_and_the_page(seeded_app):
    client = seeded_app.test_client()
    before_version, before = version(seeded_app), count(client.get("/").get_data(True), "deals")
    add_deals(seeded_app, 1, prefix="fresh")
    assert version(seeded_app) != before_version
    assert count(client.get("/").get_data(True), "deals") == before + 1


def test_a_failed_login_keeps_every_cached_page(seeded_app):
    add_user(seeded_app)
    client = seeded_app.test_client()
    client.get("/")
    before_version, before_misses = version(seeded_app), misses(seeded_app)
    assert login(client, password=PASSWORD + "wrong").status_code == 401
    assert version(seeded_app) == before_version
    client.get("/")
    assert misses(seeded_app) == before_misses  # served from the cache


def test_a_job_run_and_an_inbox_article_keep_the_version(seeded_app, editor):
    before = version(seeded_app)
    with seeded_app.app_context():
        ctx = JobContext.from_config(seeded_app.config, db.engine())
        record = run(job_specs(60)["backup"], ctx, trigger="manual")
    assert record.id is not None
    assert paste(editor, TIN_TEXT).status_code == 302
    assert version(seeded_app) == before


def test_the_commodity_and_party_lists_are_cached_until_a_deal_is_written(seeded_app, editor):
    from tests.helpers import post_form

    reader = seeded_app.test_client()
    urls = ("/commodities?sort=-deals", "/parties?sort=-deals")
    start = misses(seeded_app)
    before = [reader.get(url).text for url in urls]
    computed = misses(seeded_app)
    assert computed == start + 2  # each computed once, through the cache
    assert [reader.get(url).text for url in urls] == before
    assert misses(seeded_app) == computed  # read again from the cache
    deal = {"title": "Cached list gallium offtake", "kind": "offtake", "status": "signed",
            "parties": "lynas-rare-earths buyer", "commodities": ["gallium"]}  # fmt: skip
    assert post_form(editor, "/deals/new", deal).status_code == 302
    after = [reader.get(url).text for url in urls]
    assert misses(seeded_app) > computed
    for old, new in zip(before, after, strict=True):
        assert old != new


def test_the_source_list_is_cached_until_a_source_is_written(seeded_app, editor):
    from tests.helpers import post_form

    reader = seeded_app.test_client()
    url = "/sources?sort=-facts"
    start = misses(seeded_app)
    before = reader.get(url).text
    assert misses(seeded_app) == start + 1
    assert reader.get(url).text == before and misses(seeded_app) == start + 1
    source = {
        "url": "https://example.org/news/cached-list",
        "publisher": "Example News",
        "title": "Cached list source",
        "published": "2025-09-08",
        "language": "en",
    }
    assert post_form(editor, "/sources/new", source).status_code == 302
    after = reader.get(url).text
    assert "Cached list source" in after and "Cached list source" not in before


def test_the_deal_and_shipment_lists_are_cached_until_a_record_is_written(seeded_app, editor):
    from tests.helpers import post_form

    reader = seeded_app.test_client()
    urls = ("/deals?sort=title&q=antimony", "/shipments?commodity=antimony&sort=-date")
    before = [reader.get(url).text for url in urls]
    statements: list[str] = []
    engine = seeded_app.extensions["tracker.engine"]
    note = lambda _c, _cur, sql, *_rest: statements.append(sql)  # noqa: E731
    event.listen(engine, "before_cursor_execute", note)
    try:
        assert [reader.get(url).text for url in urls] == before
    finally:
        event.remove(engine, "before_cursor_execute", note)
    # Read again from the cache: each reads the data version, and the commodity slugs the
    # Filter names are checked; no count, facet or row is read.
    versions = [sql for sql in statements if "FROM data_version" in sql]
    names = [sql for sql in statements if "FROM commodity \nWHERE commodity.slug IN" in sql]
    assert len(versions) == 2 and len(versions) + len(names) == len(statements), statements
    deal = {"title": "Cached list antimony offtake", "kind": "offtake", "status": "signed",
            "commodities": ["antimony"]}  # fmt: skip
    assert post_form(editor, "/deals/new", deal).status_code == 302
    shipment = {"description": "Cached list antimony ingots", "origin": "PAK",
                "destination": "USA", "status": "dispatched", "dispatched": "2030-01-02",
                "items": "antimony; 3; t"}  # fmt: skip
    assert post_form(editor, "/shipments/new", shipment).status_code == 302
    after = [reader.get(url).text for url in urls]
    assert "Cached list antimony offtake" in after[0]
    assert "Cached list antimony offtake" not in before[0]
    assert "Cached list antimony ingots" in after[1]
    assert "Cached list antimony ingots" not in before[1]


def test_api_lists_are_cached_until_a_record_is_written(seeded_app, editor):
    from tests.helpers import post_form

    reader = seeded_app.test_client()
    urls = ("/api/v1/shipments?q=antimony", "/api/v1/deals?sort=-value", "/api/v1/deals?cursor=")
    before = [reader.get(url).get_json() for url in urls]
    statements: list[str] = []
    engine = seeded_app.extensions["tracker.engine"]
    note = lambda _c, _cur, sql, *_rest: statements.append(sql)  # noqa: E731
    event.listen(engine, "before_cursor_execute", note)
    try:
        assert [reader.get(url).get_json() for url in urls] == before
    finally:
        event.remove(engine, "before_cursor_execute", note)
    # From the cache: each reads the data version, nothing else.
    assert len(statements) == 3 and all("FROM data_version" in s for s in statements), statements
    deal = {"title": "Cached API antimony offtake", "kind": "offtake", "status": "signed",
            "commodities": ["antimony"], "value_amount": "900000000000",
            "value_currency": "USD"}  # fmt: skip
    assert post_form(editor, "/deals/new", deal).status_code == 302
    after = [reader.get(url).get_json() for url in urls]
    assert after[1]["total"] == before[1]["total"] + 1
    assert after[1]["items"][0]["title"] == "Cached API antimony offtake"
    assert after[2]["total"] == before[2]["total"] + 1
