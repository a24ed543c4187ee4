"""Word search behind the Filter's q: all words in any order, any case or accent, ranked,
over the records' own text and the names and aliases of the records tied to them."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from tracker import db
from tracker.models import Deal, Party
from tracker.queries.deals import count_deals, list_deals
from tracker.queries.filters import Filter

USSM_DEAL = "ussm-fwo-critical-minerals-mou-2025"


def _deal_slugs(client, query: str) -> list[str]:
    response = client.get(f"/api/v1/deals?{query}&per_page=100")
    assert response.status_code == 200, response.text
    return [item["slug"] for item in response.get_json()["items"]]


@pytest.mark.parametrize(
    "q",
    [
        "USSM",
        "ussm",
        "pakistan antimony",
        "antimony pakistan",
        "PAKISTAN Antimony",
        "strateg metal",
    ],
)
def test_words_find_the_ussm_deal_through_aliases_and_any_order(seeded, q):
    assert USSM_DEAL in _deal_slugs(seeded, f"q={q}")


def test_all_words_must_be_found(seeded):
    assert _deal_slugs(seeded, "q=pakistan gallium") == []
    assert _deal_slugs(seeded, "q=zzzunknownword") == []


def test_the_deals_page_shows_what_the_search_finds(seeded):
    response = seeded.get("/deals?q=USSM")
    table = response.text.split("<tbody>")[1]
    assert "US Strategic Metals" in table
    assert "Tanbreez" not in table


def test_punctuation_and_operators_are_words_not_syntax(seeded):
    for q in ['"', "NEAR(", "a:*", "-ussm", "ussm OR", "'; drop table deal; --", "*"]:
        response = seeded.get("/api/v1/deals", query_string={"q": q})
        assert response.status_code == 200, (q, response.text)


def test_accents_are_ignored_both_ways(seeded_app):
    with seeded_app.app_context(), db.unit_of_work(db.engine()) as session:
        session.execute(
            update(Party)
            .where(Party.slug == "us-strategic-metals")
            .values(aliases=["USSM", "Société Minière Stratégique"])
        )
    client = seeded_app.test_client()
    assert USSM_DEAL in _deal_slugs(client, "q=societe miniere")
    assert USSM_DEAL in _deal_slugs(client, "q=Strátegic Métals")


def test_search_is_in_step_with_writes_in_the_same_transaction(seeded_app):
    with seeded_app.app_context():
        session = db.get_session()
        deal = session.scalars(select(Deal).where(Deal.slug == USSM_DEAL)).one()
        deal.title = "Quixotic refinery memorandum"
        session.flush()
        assert count_deals(session, Filter(q="quixotic")) == 1
        session.rollback()
        assert count_deals(session, Filter(q="quixotic")) == 0
        added = Deal(
            slug="zebra-deal", title="Zebra lithium offtake", kind="offtake", status="signed"
        )
        session.add(added)
        session.flush()
        assert count_deals(session, Filter(q="zebra")) == 1
        session.delete(added)
        session.flush()
        assert count_deals(session, Filter(q="zebra")) == 0
        session.rollback()


def test_own_text_ranks_first(seeded_app):
    with seeded_app.app_context():
        rows = list_deals(db.get_session(), Filter(q="antimony"))
    titles = [r.deal.title.lower() for r in rows]
    assert len(titles) >= 2
    assert "antimony" in titles[0]
    own = [("antimony" in t) for t in titles]
    assert own == sorted(own, reverse=True)


def test_shipments_and_events_search_too(seeded):
    shipments = seeded.get("/api/v1/shipments?q=ussm").get_json()
    assert shipments["total"] >= 1
    events = seeded.get("/api/v1/events?q=ussm").get_json()
    assert events["total"] >= 1
    assert seeded.get("/api/v1/events?q=zzzunknownword").get_json()["total"] == 0
