"""Facet counts beside the filter on /shipments and /timeline: each value links to the view
with it chosen, and that view holds the number the facet showed; the counts read from
shipment_tally equal those counted over the records."""

from __future__ import annotations

import html
import re

import pytest

from tests.helpers import post_form
from tracker import db
from tracker.queries import shipment_facets as facets_module
from tracker.queries.event_facets import event_facets
from tracker.queries.filters import Filter
from tracker.queries.shipment_facets import shipment_facets

COUNT = {"/shipments": r"([\d,]+) shipments?\.", "/timeline": r"([\d,]+) events?,"}
TITLES = {
    "/shipments": ["Commodity", "Country", "Deal kind", "Deal status"],
    "/timeline": ["Event", "Commodity", "Country"],
}
PARAMETER = {
    "Commodity": "commodity",
    "Country": "country",
    "Deal kind": "kind",
    "Deal status": "status",
    "Event": "event_kind",
}
# A shipment that starts and ends in one country: counted once under it, not twice.
DOMESTIC = {
    "description": "Domestic antimony transfer",
    "origin": "PAK",
    "destination": "PAK",
    "status": "dispatched",
    "dispatched": "2025-10-02",
    "items": "antimony; 1; t; ; ;",
}


def _total(page: str, path: str) -> int:
    return int(re.search(COUNT[path], page).group(1).replace(",", ""))


def _facet_links(page: str) -> list[tuple[str, str, int, bool]]:
    """(facet title, link query, count, chosen) of every value in the page's facets."""
    aside = page.split('<aside class="facets"')[1].split("</aside>")[0]
    out = []
    for section in aside.split("<section>")[1:]:
        title = re.search(r"<h2>([^<]+)</h2>", section).group(1)
        for query, attrs, n in re.findall(
            r'<a href="[^"?]*\??([^"]*)"([^>]*)>.*?</a> <span class="n">([\d,]+)</span>', section
        ):
            out.append(
                (title, html.unescape(query), int(n.replace(",", "")), "aria-current" in attrs)
            )
    return out


@pytest.mark.parametrize("path", ["/shipments", "/timeline"])
@pytest.mark.parametrize("query", ["", "commodity=antimony", "country=PAK", "kind=mou"])
def test_every_facet_link_finds_the_count_it_showed(editor, path, query):
    assert post_form(editor, "/shipments/new", DOMESTIC).status_code == 302
    page = editor.get(f"{path}?{query}")
    assert page.status_code == 200
    links = _facet_links(page.text)
    titles = {t for t, *_ in links}
    if not query:
        assert set(TITLES[path]) <= titles, titles
    for title, link, n, chosen in links:
        followed = _total(editor.get(f"{path}?{link}").text, path)
        if chosen or PARAMETER[title] in query:
            # Values of one parameter are OR-ed: the link widens the view to at least N.
            assert followed >= n, (title, link)
        else:
            assert followed == n, (title, link)


def test_a_chosen_value_is_shown_and_removable(seeded):
    page = seeded.get("/shipments?commodity=antimony").text
    chosen = [(t, link) for t, link, _, c in _facet_links(page) if c]
    assert ("Commodity", "") in chosen  # its link is the view without it
    # The other commodities stay listed with what each would add (values are OR-ed).
    assert any(t == "Commodity" and not c for t, _, _, c in _facet_links(page))


def test_a_domestic_shipment_counts_once_under_its_country(editor):
    before = {link: n for _, link, n, _ in _facet_links(editor.get("/shipments").text)}
    assert post_form(editor, "/shipments/new", DOMESTIC).status_code == 302
    after = {link: n for _, link, n, _ in _facet_links(editor.get("/shipments").text)}
    assert after["country=PAK"] == before.get("country=PAK", 0) + 1


@pytest.mark.parametrize("f", [Filter(), Filter(commodity=("antimony",)), Filter(kind=("mou",))])
def test_tally_counts_equal_counts_over_the_records(editor, seeded_app, monkeypatch, f):
    assert post_form(editor, "/shipments/new", DOMESTIC).status_code == 302

    def shown(result):
        return {(x.name, v.value, v.count) for x in result.facets for v in x.values}

    with seeded_app.app_context():
        session = db.get_session()
        from_tally = shown(shipment_facets(session, f))
        monkeypatch.setattr(facets_module.tallies, "answerable", lambda *a, **k: False)
        counted = shown(shipment_facets(session, f))
    assert from_tally == counted and from_tally


def test_timeline_facets_follow_the_filter(seeded_app):
    """Other facets count the chosen kind's events; the kind facet keeps every kind."""

    def counts(result, name):
        return {
            v.value: (v.count, v.selected)
            for x in result.facets
            if x.name == name
            for v in x.values
        }

    with seeded_app.app_context():
        session = db.get_session()
        everything = event_facets(session, Filter())
        narrowed = event_facets(session, Filter(event_kind=("mou_signed",)))
    assert everything.facets and not everything.timed_out
    kinds = counts(narrowed, "event_kind")
    assert kinds["mou_signed"] == (counts(everything, "event_kind")["mou_signed"][0], True)
    mous = kinds["mou_signed"][0]
    assert all(n <= mous for n, _ in counts(narrowed, "country").values())
    assert sum(n for n, _ in counts(narrowed, "country").values()) < sum(
        n for n, _ in counts(everything, "country").values()
    )


def test_revision_0013_fills_the_country_rows_of_a_populated_tally(editor, seeded_app):
    assert post_form(editor, "/shipments/new", DOMESTIC).status_code == 302
    runner = seeded_app.test_cli_runner()
    seeded_app.extensions["tracker.engine"].dispose()
    assert runner.invoke(args=["db", "downgrade", "0012"]).exit_code == 0
    assert runner.invoke(args=["db", "check"]).exit_code == 1
    # Every difference (the command shows the first 20; later revisions' rows sort first).
    from tracker.summaries.check import differences

    with seeded_app.extensions["tracker.engine"].connect() as connection:
        assert any("side=same" in line for line in differences(connection))
    seeded_app.extensions["tracker.engine"].dispose()
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    result = runner.invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output


def test_counts_are_kept_until_the_data_changes(editor, monkeypatch):
    """Every page and sort of a list shares its counts; a write counts again."""
    from tracker.queries import facets

    first = _facet_links(editor.get("/shipments").text)
    monkeypatch.setattr(facets, "_counts", lambda *a: pytest.fail("counted again"))
    assert _facet_links(editor.get("/shipments?sort=status").text) == [
        (t, q + "&sort=status" if q else "sort=status", n, c) for t, q, n, c in first
    ]
    monkeypatch.undo()
    assert post_form(editor, "/shipments/new", DOMESTIC).status_code == 302
    counted = []
    real = facets._counts
    monkeypatch.setattr(facets, "_counts", lambda *a: counted.append(1) or real(*a))
    editor.get("/shipments?sort=status")
    assert counted


def test_timeline_facets_count_each_event_once_whatever_routes_reach_a_value(blank_editor, app):
    """An event reaches a commodity or country through its deal, its shipment or its own
    parties: the facets count its deal's values per deal and add only what the other routes
    bring, so each count is the number of events its link finds."""
    from tests.factories import (
        make_commodity,
        make_country,
        make_deal,
        make_event,
        make_party,
        make_shipment,
    )

    with app.app_context(), db.unit_of_work(db.engine()) as s:
        antimony, copper = make_commodity(s), make_commodity(s, slug="copper", name="Copper")
        pak, usa = make_country(s), make_country(s, "USA", "United States")
        chn = make_country(s, "CHN", "China")
        buyer = make_party(s, country_iso3="USA")
        deal = make_deal(s, links={"parties": [(pak.slug, "seller"), (buyer.slug, "buyer"),
                                               (usa.slug, "host_government")],
                                   "commodities": [antimony.slug]})  # fmt: skip
        gone = make_deal(s, links={"parties": [(chn.slug, "buyer")], "commodities": [copper.slug]})
        both = [{"commodity": antimony.slug}, {"commodity": copper.slug}]
        shipped = make_shipment(s, origin=pak, destination=chn, deal_id=deal.id,
                                links={"items": both})  # fmt: skip
        alone = make_shipment(s, origin=usa, destination=usa, links={"items": both[1:]})
        make_event(s, deal_id=deal.id)
        make_event(s, deal_id=deal.id, shipment_id=shipped.id, links={"parties": [usa.slug]})
        make_event(s, deal_id=deal.id, links={"parties": [chn.slug, buyer.slug]})
        make_event(s, shipment_id=alone.id)
        make_event(s, deal_id=gone.id)
        make_event(s, deal_id=gone.id, shipment_id=alone.id)
        gone.deleted = True
    page = blank_editor.get("/timeline")
    links = [(t, q, n) for t, q, n, _ in _facet_links(page.text) if t in ("Commodity", "Country")]
    assert {(t, q) for t, q, _ in links} >= {
        ("Commodity", "commodity=antimony"), ("Commodity", "commodity=copper"),
        ("Country", "country=PAK"), ("Country", "country=USA"), ("Country", "country=CHN"),
    }  # fmt: skip
    for _title, query, n in links:
        assert _total(blank_editor.get(f"/timeline?{query}").text, "/timeline") == n, query


def _between_one_country(app) -> int:
    """Shipments from Pakistan to a region of Pakistan (two parties, one country code), from
    that region to the United States, and within the United States; the region's id."""
    from tests.factories import make_commodity, make_country, make_party, make_shipment

    with app.app_context(), db.unit_of_work(db.engine()) as s:
        antimony = make_commodity(s)
        pak, usa = make_country(s), make_country(s, "USA", "United States")
        region = make_party(s, kind="region", country_iso3="PAK")
        items = {"items": [{"commodity": antimony.slug}]}
        make_shipment(s, origin=pak, destination=region, links=items)
        make_shipment(s, origin=region, destination=usa, links=items)
        make_shipment(s, origin=usa, destination=usa, links=items)
        return region.id


def test_a_shipment_between_two_parties_of_one_country_counts_once_under_it(blank_editor, app):
    """A shipment from Pakistan to a party based in Pakistan (a different party with the same
    country code) is one of country=PAK's shipments: the tally's facet counts it once, as the
    list does, and after the party moves country the tally still equals the records."""
    from tracker.cache import versioning
    from tracker.models import Party

    region_id = _between_one_country(app)

    def check() -> dict[str, int]:
        assert app.test_cli_runner().invoke(args=["db", "check"]).exit_code == 0
        shown = {}
        for query in ("", "commodity=antimony"):
            page = blank_editor.get(f"/shipments?{query}").text
            for title, link, n, _ in _facet_links(page):
                if title == "Country":
                    listed = _total(blank_editor.get(f"/shipments?{link}").text, "/shipments")
                    assert listed == n, (query, link)
                    shown[link] = n
        return shown

    assert check()["country=PAK"] == 2
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        s.get(Party, region_id).country_iso3 = "USA"
        versioning.bump(s)
    counts = check()
    assert counts["country=PAK"] == 1 and counts["country=USA"] == 3


def test_revision_0019_counts_the_same_rows_by_country_code(app):
    _between_one_country(app)
    runner = app.test_cli_runner()
    app.extensions["tracker.engine"].dispose()
    assert runner.invoke(args=["db", "downgrade", "0018"]).exit_code == 0
    before = runner.invoke(args=["db", "check"])
    assert before.exit_code == 1 and "side=same" in before.output, before.output
    app.extensions["tracker.engine"].dispose()
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    result = runner.invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output
