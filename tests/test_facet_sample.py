"""Shipment facets the tally cannot answer are counted over the selection's ids, read once:
the same counts as the plain GROUP BY over the Filter's conditions while the selection is
small, and, beyond FACET_SAMPLE shipments, the counts of the first FACET_SAMPLE by id, with
the page saying that they are a sample's."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from tracker import db
from tracker.models import Deal, Shipment
from tracker.queries import shipment_facets
from tracker.queries.conditions import shipment_conditions
from tracker.queries.filters import Filter
from tracker.queries.id_lists import among
from tracker.queries.search import dialect_of

# Filters the tally cannot answer (a search, a country, a party, dates, two commodities).
QUERIES = [
    "q=cobalt",
    "q=synthetic",
    "q=pakistan+antimony",
    "country=PAK",
    "country=USA&country=CHN",
    "commodity=antimony&commodity=cobalt",
    "from=2025-01&to=2025-12",
    "status=signed&q=antimony",
]
SCANS = {
    "commodity": shipment_facets._commodities,
    "country": shipment_facets._countries,
    "kind": lambda f, chosen=None: shipment_facets._deals(f, Deal.kind, chosen),
    "status": lambda f, chosen=None: shipment_facets._deals(f, Deal.status, chosen),
}


def _demo(app) -> None:
    args = ["demo-data", "--deals", "12", "--shipments", "150", "--seed", "5"]
    assert app.test_cli_runner().invoke(args=args).exit_code == 0


def _filter(query: str) -> Filter:
    return Filter.from_args(MultiDict([p.split("=") for p in query.split("&") if p]))


def _rows(session, stmt) -> list[tuple]:
    return sorted((a, b, int(n)) for a, b, n in session.execute(stmt) if n)


def test_counts_over_the_ids_equal_the_plain_queries(app):
    _demo(app)
    with app.app_context():
        session = db.get_session()
        found = 0
        for query in QUERIES:
            f = _filter(query)
            ids = shipment_facets.first_ids(session, f)
            assert len(ids) <= shipment_facets.FACET_SAMPLE  # small data: never a sample
            chosen = among(Shipment.id, ids, dialect_of(session))
            for name, scan in SCANS.items():
                expected = _rows(session, scan(f))  # the selection's own conditions
                assert _rows(session, scan(f, chosen)) == expected, (query, name)
                found += len(expected)
        assert found


def _facets(page: str) -> dict[str, dict[str, int]]:
    """{facet title: {link query: count}} of the page's facets."""
    aside = page.split('<aside class="facets"')[1].split("</aside>")[0]
    out = {}
    for section in aside.split("<section>")[1:]:
        title = re.search(r"<h2>([^<]+)</h2>", section).group(1)
        links = re.findall(r'<a href="\?([^"]*)"[^>]*>.*?</a> <span class="n">([\d,]+)</span>',
                           section)  # fmt: skip
        out[title] = {html.unescape(q): int(n.replace(",", "")) for q, n in links}
    return out


# A search that selects every shipment ("synthetic") is counted from the tally, not sampled.
@pytest.mark.parametrize("query", ["q=antimony", "country=PAK"])
def test_a_large_selection_is_counted_over_a_labelled_sample(app, monkeypatch, query):
    _demo(app)
    client = app.test_client()
    exact = client.get(f"/shipments?{query}").text
    assert "A sample:" not in exact
    with app.app_context():
        session = db.get_session()
        f = _filter(query)
        every = list(session.scalars(select(Shipment.id).where(*shipment_conditions(f))))
        size = len(every) // 2
        assert size > 1
        first = sorted(every)[:size]
        chosen = among(Shipment.id, first, dialect_of(session))
        expected = {name: _rows(session, scan(f, chosen)) for name, scan in SCANS.items()}
    # The same list after a write (the counts are kept until the data changes), sampled.
    monkeypatch.setattr(shipment_facets, "FACET_SAMPLE", size)
    with app.app_context():
        session = db.get_session()
        session.execute(Deal.__table__.update().where(Deal.id == 1).values(title=Deal.title))
        from tracker.cache import versioning

        versioning.bump(session)
        session.commit()
    page = client.get(f"/shipments?{query}").text
    assert f"A sample: counted over the first {size:,} recorded of more than {size:,}" in page
    shown = _facets(page)
    for title, name in (("Commodity", "commodity"), ("Deal kind", "kind")):
        counts = {value: n for value, _, n in expected[name]}
        on_page = {parse_qs(q)[name][-1]: n for q, n in shown[title].items()}
        assert on_page == {v: n for v, n in counts.items() if v in on_page}, title
        assert len(on_page) == min(len(counts), 10), title


def _slugs(page: str) -> list[str]:
    return re.findall(r'href="/shipments/([^"?/]+)"', page)


def _write(app) -> None:
    """A change of the data version: nothing kept from an earlier request is reused."""
    from tracker.cache import versioning

    with app.app_context():
        session = db.get_session()
        versioning.bump(session)
        session.commit()


@pytest.mark.parametrize("sort", ["", "&sort=status", "&sort=-arrived", "&sort=description"])
def test_a_page_ordered_from_the_selections_ids_is_the_plain_page(app, monkeypatch, sort):
    """A small selection's page is ordered from its ids; the same page as the plain query
    (FACET_SAMPLE set to 0, so that no selection is small), page after page."""
    _demo(app)
    client = app.test_client()
    found = 0
    for query in QUERIES:
        for page in (1, 2):
            path = f"/shipments?{query}{sort}&per_page=10&page={page}"
            shown = {}
            for sample in (1000, 0):
                monkeypatch.setattr(shipment_facets, "FACET_SAMPLE", sample)
                _write(app)
                text = client.get(path).text
                shown[sample] = (_slugs(text), re.search(r"(\d+) shipments?\.", text).group(1))
            assert shown[1000] == shown[0], path
            found += len(shown[0][0])
    assert found


def _one_shipment_without_the_demo_words(app) -> None:
    """A shipment of no deal whose text holds no demo word: "synthetic" then selects all but
    one shipment, which the tally cannot count (a word in every one is counted there)."""
    from tests.factories import make_shipment
    from tracker.models import Party

    with app.app_context(), db.unit_of_work(db.engine()) as s:
        pak, usa = (s.scalars(select(Party).where(Party.iso3 == c)).one() for c in ("PAK", "USA"))
        make_shipment(s, origin=pak, destination=usa, description="kestrel ore")


def test_a_count_past_the_cap_says_more_than_and_the_pager_goes_on(app, monkeypatch):
    from tracker.queries import shipments

    _demo(app)
    _one_shipment_without_the_demo_words(app)
    client = app.test_client()
    with app.app_context():
        every = db.get_session().scalar(
            select(func.count())
            .select_from(Shipment)
            .where(*shipment_conditions(Filter(q="synthetic")))
        )
    assert f"{every} shipments." in client.get("/shipments?q=synthetic").text
    monkeypatch.setattr(shipment_facets, "FACET_SAMPLE", 5)
    monkeypatch.setattr(shipments, "COUNT_CAP", 20)
    _write(app)
    page = client.get("/shipments?q=synthetic&per_page=10").text
    assert "More than 20 shipments (the count stops there)." in page
    assert "Page 1 of more than 2" in page and 'rel="last"' not in page
    deep = client.get("/shipments?q=synthetic&per_page=10&page=3").text
    assert len(_slugs(deep)) == 10 and 'rel="next"' in deep
