"""The page of /shipments under a commodity: read along the date index testing each shipment's
items (a common commodity's first pages), or from the commodity's items then sorted (a rare
one, a deep page): both give the same shipments in the same order."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from tracker import db
from tracker.models import Commodity, Shipment
from tracker.queries import paging, shipment_facets, tallies
from tracker.queries.conditions import shipment_conditions, shipment_conditions_by_end
from tracker.queries.filters import Filter
from tracker.queries.search import dialect_of, words


@pytest.fixture
def demo(app):
    args = ["demo-data", "--deals", "12", "--shipments", "400", "--seed", "3"]
    assert app.test_cli_runner().invoke(args=args).exit_code == 0
    return app


def test_both_ways_of_reading_a_commodity_page_agree(demo, monkeypatch):
    with demo.app_context():
        session = db.get_session()
        slugs = list(session.scalars(select(Commodity.slug)))
        pages = 0
        for slug in slugs:
            for page in (1, 2, 5):
                f = replace(Filter(commodity=(slug,)), page=page, per_page=10)
                found = {}
                for walk in (True, False):
                    monkeypatch.setattr(paging, "_walk_the_dates", lambda *_a, w=walk: w)
                    found[walk] = paging.latest_shipment_ids(session, f)
                assert found[True] == found[False], (slug, page)
                pages += bool(found[True])
        assert pages > 10  # commodities with shipments, and pages past the first


def test_the_walk_is_chosen_for_a_common_commoditys_first_pages_only(monkeypatch):
    counts = {(): 1_000_000, ("antimony",): 22_000, ("tin",): 500}
    monkeypatch.setattr(paging.tallies, "count_shipments", lambda _session, f: counts[f.commodity])
    common, rare = Filter(commodity=("antimony",)), Filter(commodity=("tin",))
    assert paging._walk_the_dates(None, common, 50)
    assert not paging._walk_the_dates(None, common, 50_000)  # a deep page: read the items
    assert not paging._walk_the_dates(None, rare, 50)
    assert not paging._walk_the_dates(None, Filter(), 50)


# Selections the walk along the dates may now test shipment by shipment: one country or
# several, a word through each path (a commodity, a country, a company at either end, a
# deal's title, a description), words together, and with other conditions.
WALKED = [
    Filter(country=("PAK",)),
    Filter(country=("USA", "CHN")),
    Filter(q="antimony"),
    Filter(q="cobalt"),
    Filter(q="pakistan"),
    Filter(q="kestrel"),
    Filter(q="deal"),
    Filter(q="ore"),  # whole in "antimony ore", a prefix of "ores" (search.own_text_holds)
    Filter(q="consign"),  # a prefix only
    Filter(q="nothingatall"),
    Filter(q="pakistan antimony"),
    Filter(q="kestrel", country=("PAK",)),
    Filter(commodity=("antimony",), country=("USA",)),
    Filter(commodity=("cobalt",), q="synthetic"),
]


@pytest.fixture
def mixed(demo):
    """The demo data, and shipments from and to a company (Kestrel Mining, based in Pakistan)
    under a deal titled after it, with descriptions of their own."""
    from tests.factories import make_deal, make_party, make_shipment
    from tracker.models import Party

    with demo.app_context(), db.unit_of_work(db.engine()) as s:
        kestrel = make_party(s, slug="kestrel-mining", name="Kestrel Mining", country_iso3="PAK")
        deal = make_deal(s, title="Kestrel offtake")
        pak, usa = (s.scalars(select(Party).where(Party.iso3 == c)).one() for c in ("PAK", "USA"))
        items = {"items": [{"commodity": "antimony"}]}
        for day in (3, 9, 20):
            make_shipment(s, origin=pak, destination=usa, origin_party_id=kestrel.id,
                          dispatched_on=date(2024, 5, day), links=items)  # fmt: skip
        make_shipment(s, origin=usa, destination=pak, destination_party_id=kestrel.id,
                      description="antimony ore", links=items)  # fmt: skip
        make_shipment(s, origin=usa, destination=usa, deal_id=deal.id, description="tin ore")
        make_shipment(s, origin=usa, destination=usa, description="iron ores")
    return demo


@pytest.mark.parametrize("f", WALKED, ids=repr)
def test_both_ways_of_reading_a_searched_or_country_page_agree(mixed, monkeypatch, f):
    """The page read along the date index, each shipment tested (a country's ends against its
    parties, a word's paths one by one), equals the page read from the indexes and sorted."""
    with mixed.app_context():
        session = db.get_session()
        every = session.scalars(
            select(Shipment.id).where(*shipment_conditions(f)).order_by(
                paging.shipment_when().desc(), Shipment.id.desc()
            )
        ).all()  # fmt: skip
        # The walk with the words' descriptions listed once, and looked up for each shipment
        # (SQLite: paging.seek_words; small data never needs it, so it is forced here).
        seeks = [frozenset(), frozenset(words(f.q))] if dialect_of(session) == "sqlite" else []
        for page in (1, 2, 5):
            g = replace(f, page=page, per_page=10)
            monkeypatch.setattr(paging, "_walk_the_dates", lambda *_a: False)
            found = [paging.latest_shipment_ids(session, g)]
            monkeypatch.setattr(paging, "_walk_the_dates", lambda *_a: True)
            for seek in seeks or [None]:
                if seek is not None:
                    monkeypatch.setattr(paging, "seek_words", lambda *_a, s=seek: s)
                found.append(paging.latest_shipment_ids(session, g))
            assert all(ids == every[g.offset : g.offset + 10] for ids in found), page


@pytest.mark.parametrize("f", [*WALKED, Filter(), Filter(commodity=("antimony",))], ids=repr)
def test_the_tallys_floor_under_a_selection_holds(mixed, f):
    """tallies.at_least never says more than the selection holds, and is its count for one
    country or what the tally counts; a search of one word gets a floor from its paths."""
    with mixed.app_context():
        session = db.get_session()
        plain = session.scalar(
            select(func.count()).select_from(Shipment).where(*shipment_conditions(f))
        )
        floor = tallies.at_least(session, f)
        assert floor <= plain
        if len(f.country) == 1 and not (f.q or f.commodity) or not (f.q or f.country):
            assert floor == plain == tallies.count_shipments(session, f)
        if f.q in ("antimony", "pakistan", "deal"):
            assert floor > 0


def test_a_country_is_counted_over_the_records_when_a_party_of_it_has_another_code(mixed):
    """A party filed under Pakistan (country_iso3) whose own code is another is one of
    country=PAK's parties; the tally's rows by code cannot place it: no count from the tally."""
    from tests.factories import make_party

    with mixed.app_context(), db.unit_of_work(db.engine()) as s:
        make_party(s, slug="odd", name="Odd", kind="region", iso3="XKX", country_iso3="PAK")
    with mixed.app_context():
        session = db.get_session()
        assert tallies.count_shipments(session, Filter(country=("PAK",))) is None
        assert tallies.count_shipments(session, Filter(country=("USA",))) is not None


def test_the_walk_is_chosen_for_a_common_word_or_country(monkeypatch):
    floors = {"": 1_000_000, "cobalt": 22_000, "kestrel": 300}
    monkeypatch.setattr(paging.tallies, "at_least", lambda _s, f: floors[f.q])
    monkeypatch.setattr(paging.tallies, "count_shipments", lambda _s, f: floors[f.q])
    assert paging._walk_the_dates(None, Filter(q="cobalt"), 50)
    assert not paging._walk_the_dates(None, Filter(q="cobalt"), 50_000)
    assert not paging._walk_the_dates(None, Filter(q="kestrel"), 50)


def test_a_country_alone_is_read_from_its_ends_indexes_unless_it_is_very_common(app, monkeypatch):
    """SQLite: one country among many (8,000 of a million shipments) is read from its ends'
    indexes, index entries only, cheaper than testing 6,000 shipments along the walk; a country
    with another condition, whose rows must be read anyway, weighs as before. PostgreSQL reads
    a country's ends with an OR and weighs it as before too."""
    floors = {(): 1_000_000, ("PAK",): 8_000, ("CHN",): 400_000}
    monkeypatch.setattr(paging.tallies, "at_least", lambda _s, f: floors[f.country])
    monkeypatch.setattr(paging.tallies, "count_shipments", lambda _s, f: floors[f.country])
    with app.app_context():
        session = db.get_session()
        apart = session.get_bind().dialect.name == "sqlite"
        assert paging._walk_the_dates(session, Filter(country=("PAK",)), 50) is not apart
        f = Filter(country=("PAK",), sort="-date")
        assert paging._walk_the_dates(session, f, 50) is not apart
        assert paging._walk_the_dates(session, Filter(country=("PAK",), kind=("mou",)), 50)
        assert paging._walk_the_dates(session, Filter(country=("CHN",)), 50)


@pytest.mark.parametrize("f", [f for f in WALKED if f.country], ids=repr)
def test_a_countrys_first_ids_read_end_by_end_are_the_selections_first(mixed, monkeypatch, f):
    """The facets' sample of a country's shipments, each end read from its own index and
    merged (on SQLite), is the selection's first ids (a shipment with the country at both ends
    once)."""
    monkeypatch.setattr(shipment_facets, "FACET_SAMPLE", 6)
    with mixed.app_context():
        session = db.get_session()
        split = shipment_conditions_by_end(f, session) is not None
        assert split is (session.get_bind().dialect.name == "sqlite")
        plain = select(Shipment.id).where(*shipment_conditions(f)).order_by(Shipment.id)
        assert shipment_facets.first_ids(session, f) == list(session.scalars(plain.limit(7)))


@pytest.mark.parametrize("q", ["cobalt", "pakistan", "pakistan antimony", "kestrel"])
def test_the_apis_searched_shipments_come_latest_first_either_way(mixed, monkeypatch, q):
    """/api/v1/shipments?q=... (no word in a shipment's own text to rank by) lists latest
    first, as /shipments does, read along the date index or sorted: the same shipments in the
    same order, page by page."""
    f = Filter(q=q)
    with mixed.app_context():
        session = db.get_session()
        every = session.scalars(
            select(Shipment.slug)
            .where(*shipment_conditions(f))
            .order_by(paging.shipment_when().desc(), Shipment.id.desc())
        ).all()
    assert every
    client = mixed.test_client()
    for walk in (True, False):
        monkeypatch.setattr(paging, "_walk_the_dates", lambda *_a, w=walk: w)
        for page in (1, 2):
            got = client.get(f"/api/v1/shipments?q={q}&per_page=5&page={page}").get_json()
            slugs = [s["shipment_slug"] for s in got["items"]]
            assert slugs == every[(page - 1) * 5 : page * 5], (walk, page)


def test_the_walk_looks_up_only_words_common_in_the_descriptions(mixed, monkeypatch):
    """paging.seek_words: a word whose whole-word hits outnumber the lookups the walk would
    make ("synthetic", in every demo description) is looked up shipment by shipment; a word
    in no description ("cobalt") or only as a prefix ("consign") is listed once."""
    monkeypatch.setattr(paging, "SEEK_COST_IN_HITS", 1)
    with mixed.app_context():
        session = db.get_session()
        on_sqlite = dialect_of(session) == "sqlite"
        chosen = {
            q: paging.seek_words(session, Filter(q=q), 10)
            for q in ("synthetic", "cobalt", "consign")
        }
    looked_up = {"synthetic": {"synthetic"}} if on_sqlite else {}  # PostgreSQL lists them all
    assert chosen == {q: frozenset(looked_up.get(q, ())) for q in chosen}
