"""facet_count (the facets of /deals and /timeline with no filter) stays equal to what the facet
queries count over the records after every kind of write, through the forms, imports, deletes
and restores; db check finds a wrong count and --fix mends it; revision 0018 fills it."""

from __future__ import annotations

import threading
import time
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from tests.factories import make_deal
from tests.helpers import post_form
from tests.inbox_support import read
from tests.test_import import _csv, _export, _rows
from tests.test_summaries import assert_in_step
from tracker import db
from tracker.models import Commodity, Deal, DealCommodity, DealParty, Event, FacetMember, Party
from tracker.queries import reference
from tracker.queries.event_facets import EVENT_FACETS
from tracker.queries.facets import DEAL_FACETS, _tallied
from tracker.queries.filters import Filter
from tracker.summaries import facet_tally

DEAL = {
    "title": "Faceted gallium offtake",
    "kind": "offtake",
    "status": "signed",
    "parties": "us-strategic-metals buyer\nfrontier-works-organisation seller",
    "commodities": ["antimony", "copper-concentrate"],
    "signed": "2025-09",
    "value_amount": "500000000",
    "value_currency": "usd",
}
URL = "/deals/faceted-gallium-offtake"
EVENT = {
    "date": "2025-10-02",
    "kind": "agreement_signed",
    "summary": "The offtake was signed.",
    "deal": "faceted-gallium-offtake",
    "parties": "china",
}
SHIPMENT = {
    "description": "Faceted concentrate",
    "origin": "PAK",
    "destination": "usa",
    "status": "dispatched",
    "dispatched": "2025-10-02",
    "items": "antimony; 2; t",
}


def _counts_agree(app) -> None:
    """Every facet of both lists: facet_count's rows equal the facet query's over the records."""

    def compare(session):
        for name, facets in (("deals", DEAL_FACETS), ("events", EVENT_FACETS)):
            for facet, (_title, build) in facets.items():
                plain = {v: int(n) for v, _label, n in session.execute(build(Filter()))}
                kept = {v: int(n) for v, _label, n in session.execute(_tallied(name, facet))}
                assert kept == plain, (name, facet)
                assert plain or facet == "event_kind" or name == "deals", (name, facet)

    read(app, compare)
    read(app, _commodity_values_agree)
    read(app, _party_values_agree)
    assert_in_step(app)


def _commodity_values_agree(session) -> None:
    """/commodities with no filter reads each commodity's deals and their USD sum from
    facet_count: they equal a sum over the live deals' commodity links."""
    over_links = select(
        Commodity.slug, func.count(), func.sum(func.round(Deal.value_usd * 100))
    ).select_from(DealCommodity)
    over_links = (
        over_links.join(Deal, Deal.id == DealCommodity.deal_id)
        .join(Commodity, Commodity.id == DealCommodity.commodity_id)
        .where(Deal.deleted.is_(False))
        .group_by(Commodity.slug)
    )
    expected = {
        slug: (n, None if cents is None else Decimal(int(cents)) / 100)
        for slug, n, cents in session.execute(over_links)
    }
    shown = {c.slug: (n, usd) for c, n, _shipments, usd in reference.list_commodities(session)}
    assert {slug: v for slug, v in shown.items() if v[0]} == expected
    assert any(usd for _n, usd in expected.values())


def _party_values_agree(session) -> None:
    """/parties with no filter reads each party's deals and their USD sum from facet_count:
    they equal a sum over the live deals each takes part in (a party with two roles in one
    deal counting it once; witnesses and critics not at all)."""
    pairs = (
        select(DealParty.party_id, DealParty.deal_id)
        .where(DealParty.role.not_in(("witness", "critic")))
        .distinct()
        .subquery()
    )
    over_links = (
        select(pairs.c.party_id, func.count(), func.sum(func.round(Deal.value_usd * 100)))
        .join(Deal, Deal.id == pairs.c.deal_id)
        .where(Deal.deleted.is_(False))
        .group_by(pairs.c.party_id)
    )
    expected = {
        party_id: (n, None if cents is None else Decimal(int(cents)) / 100)
        for party_id, n, cents in session.execute(over_links)
    }
    listed = reference.list_parties(session, include_idle_countries=True)
    shown = {p.id: (n, usd) for p, n, usd in listed if n}
    deleted = set(session.scalars(select(Party.id).where(Party.deleted.is_(True))))
    assert shown == {i: v for i, v in expected.items() if i not in deleted}
    assert any(usd for _n, usd in expected.values())


def test_form_writes_keep_the_counts_without_a_rebuild(editor, seeded_app, monkeypatch):
    _counts_agree(seeded_app)

    def rebuild(_connection):
        raise AssertionError("a form write rebuilt the facet tables")

    monkeypatch.setattr(facet_tally, "rebuild", rebuild)
    assert post_form(editor, "/deals/new", DEAL).status_code == 302
    _counts_agree(seeded_app)
    edited = DEAL | {"kind": "mou", "status": "mou_signed", "commodities": ["gallium"],
                     "parties": "us-strategic-metals buyer\nchina host_government"}  # fmt: skip
    assert post_form(editor, f"{URL}/edit", edited).status_code == 302
    _counts_agree(seeded_app)
    # Only the value changes: the deal's rows carry its new USD, its commodities' sums follow.
    revalued = edited | {"value_amount": "123456789.45"}
    assert post_form(editor, f"{URL}/edit", revalued).status_code == 302
    _counts_agree(seeded_app)
    assert post_form(editor, "/events/new", EVENT).status_code == 302
    _counts_agree(seeded_app)
    # Only the parties it names change: the event itself is not written.
    event = read(
        seeded_app,
        lambda s: s.scalar(select(Event.slug).where(Event.summary == EVENT["summary"])),
    )
    renamed = EVENT | {"parties": "thailand"}
    assert post_form(editor, f"/events/{event}/edit", renamed).status_code == 302
    _counts_agree(seeded_app)
    shipment = SHIPMENT | {"deal": "faceted-gallium-offtake"}
    assert post_form(editor, "/shipments/new", shipment).status_code == 302
    _counts_agree(seeded_app)
    # An event of the shipment: its items and ends count for the event, on top of its deal's.
    with_shipment = EVENT | {"summary": "It left.", "kind": "shipment_dispatched",
                             "shipment": "faceted-concentrate", "parties": ""}  # fmt: skip
    assert post_form(editor, "/events/new", with_shipment).status_code == 302
    _counts_agree(seeded_app)
    moved = shipment | {"origin": "AUS", "items": "copper-concentrate; 5; t"}
    assert post_form(editor, "/shipments/faceted-concentrate/edit", moved).status_code == 302
    _counts_agree(seeded_app)
    history = f"{URL}/history"
    assert post_form(editor, f"{URL}/delete", {}, form_url=history).status_code == 302
    _counts_agree(seeded_app)


def test_a_rolled_back_savepoint_keeps_the_refresh_of_what_came_before_it(seeded_app):
    """Flushes note the records they touch and one refresh runs before commit: a savepoint
    that fails (a flush refused by the database, then rolled back) must not make the commit
    forget the deal flushed before it."""
    with seeded_app.app_context(), db.unit_of_work(db.engine()) as session:
        deal = make_deal(session, kind="offtake", status="signed", slug="kept-after-savepoint")
        session.flush()
        with pytest.raises(IntegrityError), session.begin_nested():
            session.add(Deal(slug="kept-after-savepoint", title="Same slug", kind="mou"))
            session.flush()
        assert deal.id is not None
    _counts_agree(seeded_app)
    kept = read(seeded_app, lambda s: s.scalars(select(FacetMember.record_id)).all())
    assert deal.id in kept


def test_a_party_moving_country_recomputes_what_names_it_without_a_rebuild(
    editor, seeded_app, monkeypatch
):
    def rebuild(_connection):
        raise AssertionError("a party's move rebuilt the facet tables")

    monkeypatch.setattr(facet_tally, "rebuild", rebuild)
    # The company takes part in seed deals, and an event names it: both count its country.
    naming = EVENT | {"summary": "The company signed.", "parties": "us-strategic-metals",
                      "deal": "ussm-fwo-critical-minerals-mou-2025"}  # fmt: skip
    assert post_form(editor, "/events/new", naming).status_code == 302
    _counts_agree(seeded_app)
    party = {"name": "US Strategic Metals", "kind": "company", "country_iso3": "AUS"}
    assert post_form(editor, "/parties/us-strategic-metals/edit", party).status_code == 302
    _counts_agree(seeded_app)
    countries = read(
        seeded_app,
        lambda s: set(
            s.scalars(
                select(facet_tally.C.c.value).where(
                    facet_tally.C.c.list == "events", facet_tally.C.c.facet == "country"
                )
            )
        ),
    )
    assert "AUS" in countries


def _wait_until_waiting_on_a_lock(engine, thread: threading.Thread) -> None:
    """PostgreSQL: until another session is blocked on a lock (the second writer has reached
    the row the first holds). SQLite shows no such thing: there the second writer waits for the
    write lock, and a short pause lets it get there."""
    if engine.dialect.name != "postgresql":
        time.sleep(0.3)
        return
    waiting = text(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    deadline = time.monotonic() + 20
    with engine.connect() as watcher:
        while thread.is_alive() and time.monotonic() < deadline:
            if watcher.execute(waiting).scalar():
                return
            watcher.rollback()
            time.sleep(0.02)
    raise AssertionError("the second writer never waited for the first")


def test_two_writers_changing_one_count_at_once_both_count(seeded_app):
    """The additions to the counts do not rely on the app's writers queueing elsewhere (each
    locks the data version row first; the members a refresh reads and rewrites still do): the
    second of two open transactions adds to what the first committed, on a value both already
    count and on one neither had."""
    known, new = ("deals", "commodity", "antimony"), ("deals", "commodity", "unobtainium")
    with seeded_app.app_context():
        engine = db.engine()
    with engine.connect() as connection:
        before = facet_tally.stored(connection)[known]
    failures: list[BaseException] = []

    def second_writer() -> None:
        try:
            with engine.begin() as connection:
                facet_tally._apply(connection, {known: [1, 1, 700], new: [1, 0, 0]})
        except BaseException as error:  # reported by the main thread
            failures.append(error)

    first = engine.connect()
    try:
        with first.begin():
            facet_tally._apply(first, {known: [2, 1, 50], new: [1, 1, 9]})
            thread = threading.Thread(target=second_writer)
            thread.start()
            _wait_until_waiting_on_a_lock(engine, thread)
        thread.join(30)
    finally:
        first.close()
    assert not failures, failures
    with engine.connect() as connection:
        after = facet_tally.stored(connection)
    assert after[known] == (before[0] + 3, before[1] + 2, before[2] + 750)
    assert after[new] == (2, 1, 9)


@pytest.mark.parametrize("kind", ["deals", "events"])
def test_imports_keep_the_counts(seeded_app, tmp_path, kind):
    rows = _rows(_export(seeded_app, kind))
    copy = rows[0] | {"slug": rows[0]["slug"] + "-copy"}
    path = tmp_path / f"{kind}.csv"
    path.write_bytes(_csv(kind, [*rows, copy]))
    result = seeded_app.test_cli_runner().invoke(args=["import", kind, str(path)])
    assert result.exit_code == 0, result.output
    _counts_agree(seeded_app)


@pytest.mark.parametrize("facet,column", [("kind", "count"), ("commodity", "usd_cents")])
def test_check_finds_a_wrong_count_and_fix_mends_it(seeded_app, facet, column):
    C = facet_tally.C
    with seeded_app.app_context(), db.unit_of_work(db.engine()) as s:
        s.connection().execute(
            C.update()
            .where(C.c.list == "deals", C.c.facet == facet)
            .values({column: C.c[column] + 1})
        )
    runner = seeded_app.test_cli_runner()
    result = runner.invoke(args=["db", "check"])
    assert result.exit_code == 1 and f"facet_count deals/{facet}/" in result.output
    assert runner.invoke(args=["db", "check", "--fix"]).exit_code == 0
    _counts_agree(seeded_app)


def test_revision_0018_fills_the_counts_of_a_populated_database(seeded_app):
    runner = seeded_app.test_cli_runner()
    seeded_app.extensions["tracker.engine"].dispose()
    assert runner.invoke(args=["db", "downgrade", "0017"]).exit_code == 0
    seeded_app.extensions["tracker.engine"].dispose()
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    _counts_agree(seeded_app)


@pytest.mark.parametrize("before", ["0020", "0021"])
def test_revisions_0021_and_0022_fill_the_usd_sums_and_parties_of_a_populated_database(
    seeded_app, before
):
    runner = seeded_app.test_cli_runner()
    seeded_app.extensions["tracker.engine"].dispose()
    assert runner.invoke(args=["db", "downgrade", before]).exit_code == 0
    seeded_app.extensions["tracker.engine"].dispose()
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    _counts_agree(seeded_app)
