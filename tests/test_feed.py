"""/feed.atom: new and changed records under the Filter, valid Atom that feed readers parse."""

from __future__ import annotations

import feedparser
from sqlalchemy import select

from tracker import db
from tracker.models import Deal, Party
from tracker.models.common import utcnow

ATOM_NS = "{http://www.w3.org/2005/Atom}"


def _parse(client, query: str = ""):
    response = client.get(f"/feed.atom{query}")
    assert response.status_code == 200, response.text
    assert response.content_type.startswith("application/atom+xml")
    parsed = feedparser.parse(response.data)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10"
    return parsed


def test_feed_is_valid_atom_with_the_required_elements(seeded):
    parsed = _parse(seeded)
    feed = parsed.feed
    for required in ("id", "title", "updated"):
        assert feed.get(required), required
    assert feed.get("author")
    assert any(link.rel == "self" for link in feed.links)
    assert parsed.entries
    for entry in parsed.entries:
        for required in ("id", "title", "updated", "link"):
            assert entry.get(required), (required, entry)
    ids = [e.id for e in parsed.entries]
    assert len(ids) == len(set(ids))


def test_feed_follows_the_filter(seeded):
    antimony = _parse(seeded, "?commodity=antimony")
    titles = " ".join(e.title for e in antimony.entries)
    assert "antimony" in titles.lower()
    assert "Tanbreez" not in titles
    assert "commodity=antimony" in antimony.feed.title
    assert _parse(seeded, "?q=zzzunknownword").entries == []


def test_a_changed_deal_comes_first_marked_changed(seeded_app):
    with seeded_app.app_context(), db.unit_of_work(db.engine()) as session:
        deal = session.scalars(select(Deal).where(Deal.slug.like("%tanbreez%"))).first()
        deal.summary = (deal.summary or "") + " <b>Updated</b> & checked."
        deal.updated_at = utcnow()
    client = seeded_app.test_client()
    first = _parse(client).entries[0]
    assert first.title.startswith("Changed deal:")
    assert "Tanbreez" in first.title
    raw = client.get("/feed.atom").text
    assert "&lt;b&gt;Updated&lt;/b&gt; &amp; checked." in raw  # text, escaped, never markup
    assert "<b>" not in raw


def test_feed_refuses_paging_and_bad_filters(seeded):
    assert seeded.get("/feed.atom?page=2").status_code == 400
    assert seeded.get("/feed.atom?commodity=nope").status_code == 400


def test_pages_link_the_feed_in_head_and_body(seeded):
    page = seeded.get("/deals?commodity=antimony").text
    head = page.split("</head>")[0]
    assert 'rel="alternate" type="application/atom+xml"' in head
    assert "/feed.atom?commodity=antimony" in head
    body = page.split("</head>")[1]
    assert "/feed.atom?commodity=antimony" in body
    assert "/export/deals.csv?commodity=antimony" in body
    assert "/api/v1/deals?commodity=antimony" in body


def test_every_list_and_chart_page_offers_this_view_for_download(seeded):
    for path, kinds in (
        ("/?commodity=antimony", ("deals", "shipments", "events")),
        ("/timeline?commodity=antimony", ("events",)),
        ("/shipments?commodity=antimony&sort=status", ("shipments",)),
        ("/commodities/antimony", ("deals", "shipments", "events")),
    ):
        page = seeded.get(path).text
        assert "Download this view" in page, path
        for kind in kinds:
            assert f"/export/{kind}.csv?commodity=antimony" in page, (path, kind)
            assert f"/api/v1/{kind}?commodity=antimony" in page, (path, kind)
    sorted_page = seeded.get("/shipments?commodity=antimony&sort=status").text
    assert "/export/shipments.csv?commodity=antimony&amp;sort=status" in sorted_page


def test_an_entry_without_a_deal_links_to_its_own_page(seeded_app):
    from tests.factories import make_event, make_shipment

    with seeded_app.app_context(), db.unit_of_work(db.engine()) as session:
        event = make_event(session, deal_id=None)
        party = {
            p.iso3: p for p in session.scalars(select(Party).where(Party.iso3.in_(["PAK", "USA"])))
        }
        ends = {"origin": party["PAK"], "destination": party["USA"]}
        shipment = make_shipment(session, deal_id=None, **ends)
        slugs = {"event": event.slug, "shipment": shipment.slug}
    client = seeded_app.test_client()
    links = {e.link for e in _parse(client).entries}
    for kind, slug in slugs.items():
        link = next(li for li in links if li.endswith(f"/{kind}s/{slug}"))
        assert client.get(link.removeprefix("http://localhost")).status_code == 200
