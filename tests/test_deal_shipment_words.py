"""A deal search's path through its shipments reads deal_shipment_words (one row per deal)
instead of the shipments' own word index: the same deals, in the same order, with the same
counts, on the seed and on demo data; and the row follows every shipment write at once, and
leaves out deleted shipments."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import false, or_, select

from tests.factories import make_country, make_deal, make_shipment
from tests.test_summaries import assert_in_step
from tracker import db
from tracker.models import Deal, Shipment
from tracker.queries import conditions
from tracker.queries.deals import count_deals, list_deals
from tracker.queries.filters import Filter
from tracker.queries.search import hit_ids
from tracker.records import writer
from tracker.summaries.shipment_words import W

FAST_DEAL_WORD = conditions._deal_word
FEW_WORDS = ["antimony", "pakistan", "samples", "consign", "synthetic lithium", "ussm", "zzz"]


def _plain_deal_word(w: str):
    """The path as it was: the deals of every live shipment whose own text holds W."""
    kept = FAST_DEAL_WORD(w)
    key = Deal.id + 0
    through_shipments = key.in_(
        select(Shipment.deal_id).where(
            Shipment.deal_id.is_not(None),
            Shipment.deleted == false(),
            Shipment.id.in_(hit_ids("shipment", w)),
        )
    )
    return or_(*kept.clauses[:-1], through_shipments)  # the last path is the one replaced


def _shipment_words(session) -> list[str]:
    """Every word of every shipment description, and its first four letters (a prefix)."""
    found: set[str] = set()
    for text in session.scalars(select(Shipment.description).where(Shipment.description != "")):
        for word in re.findall(r"[^\W_]+", (text or "").lower()):
            found.update({word, word[:4]})
    return sorted(found)


def _answers(session, queries: list[str]) -> dict:
    out = {}
    for q in queries:
        for sort in ("", "-value", "title"):
            f = Filter(q=q, sort=sort, per_page=100)
            rows = [r.deal.id for r in list_deals(session, f)]
            out[q, sort] = (rows, count_deals(session, f))
    return out


def _same_as_plain(session, monkeypatch, queries: list[str]) -> None:
    fast = _answers(session, queries)
    monkeypatch.setattr(conditions, "_deal_word", _plain_deal_word)
    plain = _answers(session, queries)
    monkeypatch.undo()
    assert fast == plain
    assert any(rows for rows, _ in fast.values())


def test_the_seed_finds_the_same_deals_as_through_the_shipments_index(seeded_app, monkeypatch):
    with seeded_app.app_context():
        session = db.get_session()
        words = _shipment_words(session)
        assert words
        _same_as_plain(session, monkeypatch, words + FEW_WORDS)


def test_demo_data_finds_the_same_deals_as_through_the_shipments_index(app, monkeypatch):
    args = ["demo-data", "--deals", "12", "--shipments", "150", "--seed", "3"]
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output
    assert_in_step(app)
    with app.app_context():
        session = db.get_session()
        _same_as_plain(session, monkeypatch, _shipment_words(session)[:40] + FEW_WORDS)


def _found(session, q: str) -> set[str]:
    return {r.deal.slug for r in list_deals(session, Filter(q=q, per_page=100))}


def test_a_shipment_write_moves_the_words_in_the_same_transaction(seeded_app):
    with seeded_app.app_context():
        session = db.get_session()
        first, second = session.scalars(select(Deal).order_by(Deal.id).limit(2)).all()
        origin = session.scalar(select(Shipment.origin_id).limit(1))
        shipment = writer.create(
            session,
            actor="words test",
            model=Shipment,
            values={
                "slug": "quokka-shipment",
                "deal_id": first.id,
                "origin_id": origin,
                "destination_id": origin,
                "status": "dispatched",
                "description": "Quokka concentrate",
            },
            links={"items": []},
        )
        session.flush()
        assert _found(session, "quokka") == {first.slug}
        writer.update(
            session,
            actor="words test",
            record=shipment,
            values={"deal_id": second.id, "description": "Wombat concentrate"},
            links={"items": []},
        )
        session.flush()
        assert _found(session, "quokka") == set()
        assert _found(session, "wombat") == {second.slug}
        session.commit()
    assert_in_step(seeded_app)


@pytest.mark.parametrize("stale", ["missing", "extra", "changed"])
def test_db_check_names_a_deal_whose_words_differ(seeded_app, stale):
    engine = seeded_app.extensions["tracker.engine"]
    with engine.begin() as connection:
        deal_id = connection.scalar(select(W.c.id).limit(1))
        if stale == "missing":
            connection.execute(W.delete().where(W.c.id == deal_id))
        elif stale == "extra":
            connection.execute(W.insert().values(id=10**6, descriptions="ghost"))
            deal_id = 10**6
        else:
            connection.execute(W.update().where(W.c.id == deal_id).values(descriptions="other"))
    result = seeded_app.test_cli_runner().invoke(args=["db", "check"])
    assert result.exit_code == 1
    assert f"deal {deal_id}" in result.output
    fixed = seeded_app.test_cli_runner().invoke(args=["db", "check", "--fix"])
    assert fixed.exit_code == 0
    assert_in_step(seeded_app)


def test_revision_0016_leaves_out_the_words_of_deleted_shipments(app):
    """0015 filled the table from every shipment; 0016 refills it from live ones only, as the
    app keeps it, so db check agrees after the upgrade (and before it, names the deal)."""
    with app.app_context(), db.unit_of_work(db.engine()) as session:
        pak, usa = make_country(session, "PAK", "Pakistan"), make_country(session, "USA", "USA")
        deal = make_deal(session)
        gone = make_shipment(
            session, origin=pak, destination=usa, deal_id=deal.id, description="Quokka ore"
        )
        writer.soft_delete(session, actor="words test", record=gone, note=None)
        deal_id = deal.id
    assert_in_step(app)
    runner = app.test_cli_runner()
    app.extensions["tracker.engine"].dispose()
    assert runner.invoke(args=["db", "downgrade", "0015"]).exit_code == 0
    result = runner.invoke(args=["db", "check"])
    assert (
        result.exit_code == 1 and f"deal_shipment_words has extra deal {deal_id}" in result.output
    )
    app.extensions["tracker.engine"].dispose()
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert_in_step(app)
