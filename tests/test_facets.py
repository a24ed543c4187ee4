"""Facet counts beside the filter: counts of the current selection, each a link that adds the
value to the filter (or removes it when chosen)."""

from __future__ import annotations

import re
import time
from contextlib import contextmanager

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from tracker import db
from tracker.queries import facets
from tracker.queries.deals import count_deals
from tracker.queries.facets import time_limited
from tracker.queries.filters import Filter


def _facet(page: str, title: str) -> str:
    aside = page.split('<aside class="facets"')[1].split("</aside>")[0]
    return aside.split(f"<h2>{title}</h2>")[1].split("</section>")[0]


def test_facets_count_the_selection_and_link_to_it(seeded):
    page = seeded.get("/deals?commodity=antimony").text
    total = int(re.search(r"(\d+) deals?\.", page).group(1))
    kinds = _facet(page, "Kind")
    counts = [int(n.replace(",", "")) for n in re.findall(r'class="n">([\d,]+)<', kinds)]
    assert sum(counts) == total  # every deal has one kind
    country = _facet(page, "Country")
    assert "?commodity=antimony&amp;country=PAK" in country
    chosen = _facet(page, "Commodity")
    assert 'aria-current="true"' in chosen
    assert 'href="/deals"' in chosen  # the chosen value's link takes it off again


def test_a_facet_link_gives_the_count_it_promised(seeded):
    page = seeded.get("/deals").text
    link, count = re.search(
        r'<a href="\?(country=[A-Z]{3})">[^<]+</a> <span class="n">(\d+)<', _facet(page, "Country")
    ).groups()
    followed = seeded.get(f"/deals?{link}").text
    assert f"{count} deal" in followed


SLOW = (
    "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 50000000) "
    "SELECT count(*) FROM c"
)


def test_time_limit_stops_a_slow_statement_and_the_session_goes_on(seeded_app):
    with seeded_app.app_context():
        session = db.get_session()
        started = time.monotonic()
        with pytest.raises(OperationalError), time_limited(session, 50):
            session.execute(text(SLOW)).scalar()
        assert time.monotonic() - started < 5
        with time_limited(session, 5000):
            assert session.execute(text("SELECT 2")).scalar() == 2


def test_time_limit_in_a_reading_request_stops_a_slow_statement_and_is_put_back(seeded_app):
    """A GET request's session (autocommit on PostgreSQL) has no transaction to scope the
    limit to: the limit stops the slow statement all the same, and is gone after it."""
    with seeded_app.test_request_context("/deals", method="GET"):
        session = db.get_session()
        with pytest.raises(OperationalError), time_limited(session, 50):
            session.execute(text(SLOW)).scalar()
        assert session.execute(text("SELECT 2")).scalar() == 2
        if session.connection().dialect.name == "postgresql":
            assert session.scalar(text("SHOW statement_timeout")) == "0"


def test_a_facet_out_of_time_is_named_not_fatal(seeded_app, monkeypatch):
    @contextmanager
    def always_late(_session, _ms):
        raise OperationalError("SELECT", {}, Exception("interrupted"))
        yield

    monkeypatch.setattr(facets, "time_limited", always_late)
    with seeded_app.app_context():
        result = facets.deal_facets(db.get_session(), Filter())
    assert result.facets == []
    assert result.timed_out == ["Commodity", "Country", "Kind", "Status", "Event"]


@pytest.mark.parametrize(
    "f",
    [
        Filter(q="antimony"),
        Filter(q="pakistan us"),
        Filter(q="USSM", commodity=("antimony",)),
        Filter(q="lithium", country=("USA",), kind=("mou", "offtake")),
        Filter(q="nothingatall"),
    ],
    ids=repr,
)
def test_a_word_searchs_facets_from_its_ids_equal_those_from_its_conditions(seeded_app, f):
    """/deals reads a word search's deals once and counts its facets among those ids (one
    parameter: a JSON array on SQLite, an array on PostgreSQL); the counts are the ones the
    search's conditions give, facet by facet, and the count is the selection's."""

    def counts(found: facets.Facets) -> dict:
        return {x.name: [(v.value, v.count) for v in x.values] for x in found.facets}

    with seeded_app.app_context():
        session = db.get_session()
        picked = facets.DealIds(session)
        by_ids = counts(facets.deal_facets(session, f, picked=picked))
        assert by_ids == counts(facets.deal_facets(session, f))
        assert len(picked.ids(f)) == count_deals(session, f)
        if f.q != "nothingatall":
            assert by_ids and picked.ids(f)
