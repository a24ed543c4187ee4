"""Record pages for events, shipments and sources, and the citation markers on every record page."""

from __future__ import annotations

import re
from datetime import date

from tests.factories import make_commodity, make_country, make_deal, make_event, make_shipment
from tests.helpers import add_user, login, post_form
from tracker import db

DEAL = "/deals/ussm-fwo-critical-minerals-mou-2025"
EVENT = "/events/ussm-fwo-mou-signed"
SHIPMENT = "/shipments/pakistan-us-first-critical-minerals-consignment-2025"
SEED_QUOTE = "The agreement is valued at approximately USD 500 million"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def note(html: str, field: str) -> str:
    """The note that the marker on FIELD leads to (the marker's href is its anchor)."""
    m = re.search(rf'<a href="#(note-\d+)" data-note="\d+" data-cites="{field}"', html)
    assert m, f"no marker on {field}"
    start = html.index(f'<li id="{m.group(1)}"')
    return html[start : html.index("</ul>", start)]


def test_event_page_states_the_event_with_its_sources(seeded):
    html = seeded.get(EVENT).text
    page = text_of(html)
    assert "8 September 2025" in page and "(day precision)" in page
    assert 'href="/deals/ussm-fwo-critical-minerals-mou-2025"' in html
    assert 'href="/parties/us-strategic-metals"' in html
    # Three outlets give the day, one only the month; 8 against 9 September is a disagreement.
    assert "Where sources disagree" in page
    for publisher in ("Profit by Pakistan Today", "The Express Tribune", "Arab News Pakistan"):
        assert publisher in page
    assert "signed between US Strategic Metals (USSM) and Pakistan in September" in page
    assert "/events/ussm-fwo-mou-signed/history" in html


def test_an_event_of_no_deal_shows_its_sources(seeded):
    html = seeded.get("/events/military-sources-reject-pasni-port-claims").text
    assert "Military sources have pushed back" in html
    assert "India Today" in html


def test_shipment_page_and_its_cited_fields(seeded):
    html = seeded.get(SHIPMENT).text
    page = text_of(html)
    assert "Pakistan → United States: samples" in page
    assert "2 October 2025" in page and "Antimony" in page
    for field in ("destination", "status", "description", "arrived", "items"):
        assert "Education Post" in note(html, field) or "Arab News" in note(html, field)
    assert 'href="/deals/ussm-fwo-critical-minerals-mou-2025"' in html
    assert 'href="/events/pakistan-us-first-consignment-delivered"' in html


def test_source_page_lists_every_claim_it_supports(seeded):
    sources = seeded.get("/sources").text
    m = re.search(r'<a href="(/sources/\d+)">Pakistan dispatches first rare earth', sources)
    assert m, "the sources list links each source to its page"
    html = seeded.get(m.group(1)).text
    page = text_of(html)
    # 16 claims about deals, shipments and events, and 2 about the deal's commitments (issue 11).
    assert "What it supports (18)" in page
    assert html.count('<th scope="row">commitment:') == 2
    assert SEED_QUOTE in page
    assert 'href="/deals/ussm-fwo-critical-minerals-mou-2025"' in html
    assert 'href="/events/military-sources-reject-pasni-port-claims"' in html
    assert 'href="/shipments/pakistan-us-first-critical-minerals-consignment-2025"' in html
    assert "kept: quotes below are checked" in page


def test_unknown_and_deleted_records_are_404(seeded, editor):
    assert seeded.get("/events/no-such-event").status_code == 404
    assert seeded.get("/shipments/no-such-shipment").status_code == 404
    assert seeded.get("/sources/999999").status_code == 404
    url = "/events/munir-shows-trump-mineral-samples"
    assert post_form(editor, f"{url}/delete", {}, form_url=f"{url}/history").status_code == 302
    assert editor.get(url).status_code == 404


def test_a_figure_marker_leads_to_the_quote_behind_it(seeded):
    html = seeded.get(DEAL).text
    supporting = note(html, "value")
    assert SEED_QUOTE in supporting
    assert "Profit by Pakistan Today" in supporting  # the summary-only sources too
    assert "Our summary of the source" in supporting


def test_markers_number_in_page_order_and_each_has_its_note(seeded):
    html = seeded.get(DEAL).text
    numbers = [int(n) for n in re.findall(r'data-note="(\d+)"', html)]
    assert numbers and numbers == sorted(numbers) and numbers[0] == 1
    for n in set(numbers):
        assert f'<li id="note-{n}" value="{n}">' in html


def test_no_source_yet_shows_to_editors_only(seeded, editor):
    # The USSM deal's status has no citation.
    assert "no source yet" not in seeded.get(DEAL).text
    html = editor.get(DEAL).text
    assert '<small class="no-source" data-cites="status">no source yet</small>' in html


def test_lists_link_every_row_to_its_page(seeded):
    assert 'href="/events/ussm-fwo-mou-signed"' in seeded.get("/timeline").text
    assert re.search(r'href="/events/[^"]+"', seeded.get("/").text)
    assert f'href="{SHIPMENT}"' in seeded.get("/shipments").text
    assert f'href="{DEAL}"' in seeded.get("/deals").text


def test_timeline_hover_names_the_sources_and_a_click_target_is_the_record(seeded):
    from tests.dashboard_helpers import charts

    figure = charts(seeded.get("/timeline").text)["timeline"]
    marks = [p for t in figure["data"] if t.get("mode") == "markers" for p in t["customdata"]]
    signed = next(p for p in marks if p[-1] == "/events/ussm-fwo-mou-signed")
    assert "Arab News Pakistan" in signed[-2] and "The Express Tribune" in signed[-2]
    spans = figure["data"][0]["customdata"]
    assert ["/deals/ussm-fwo-critical-minerals-mou-2025"] == [
        p[-1] for p in spans if p[-1].endswith("ussm-fwo-critical-minerals-mou-2025")
    ]
    assert "Sources: %{customdata[3]}" in figure["data"][0]["hovertemplate"]


def test_disagreements_lists_each_disputed_field_with_values_and_sources(seeded):
    html = seeded.get("/disagreements").text
    page = text_of(html)
    assert "Where sources disagree" in page
    # The USSM signing day: 8 September (Profit, Tribune) against 9 September (Arab News).
    assert 'data-record="deal:ussm-fwo-critical-minerals-mou-2025"' in html
    assert 'data-record="event:ussm-fwo-mou-signed"' in html
    assert "2025-09-09" in page and "Arab News Pakistan" in page
    assert 'href="/shipments/pakistan-us-first-critical-minerals-consignment-2025"' in html
    assert re.search(r'href="/sources/\d+">Arab News Pakistan</a>', html)


def test_disagreements_take_the_filter(seeded):
    html = seeded.get("/disagreements?commodity=gallium").text
    assert "ussm-fwo" not in html
    assert seeded.get("/disagreements?commodity=antimony").text.count("ussm-fwo") >= 2
    refused = seeded.get("/disagreements?colour=red")
    assert refused.status_code == 400 and "colour" in refused.text


def test_every_value_bar_leads_to_its_deals(seeded):
    from tests.dashboard_helpers import charts

    figures = charts(seeded.get("/").text)
    for chart_id in ("value-country", "value-commodity", "delivery"):
        for point in figures[chart_id]["data"][0]["customdata"]:
            target = point[-1]
            assert target.startswith("/deals"), (chart_id, target)
            page = seeded.get(target)
            assert page.status_code == 200 and 'href="/deals/' in page.text


def test_a_party_page_lists_the_sources_on_the_party(seeded):
    html = seeded.get("/parties/critical-metals-corp").text
    notes = html[html.index('id="sources"') :]
    assert "New York-based" in notes and "Project Finance International" in notes


def _fact(html: str, term: str) -> str:
    """The text of the record page's fact TERM (its <dd>), or '' when the page has none."""
    m = re.search(rf"<dt>{term}</dt><dd[^>]*>(.*?)</dd>", html, re.S)
    return m.group(1) if m else ""


def test_an_event_of_a_shipment_shows_the_shipment_and_its_deal(app):
    """An event tied to a shipment and no deal of its own leads to the shipment, and to the
    shipment's deal while that deal is live (its cached page follows the deal's deletion)."""

    def build(s):
        pak, usa = make_country(s, "PAK", "Pakistan"), make_country(s, "USA", "United States")
        deal = make_deal(s, title="Quokka offtake")
        under_deal = make_shipment(
            s, origin=pak, destination=usa, deal_id=deal.id, description="Quokka ore"
        )
        alone = make_shipment(s, origin=pak, destination=usa, description="Wombat ore")
        landed = make_event(s, shipment_id=under_deal.id, summary="Quokka ore landed.")
        held = make_event(s, shipment_id=alone.id, summary="Wombat ore held at port.")
        return deal.slug, under_deal.slug, alone.slug, landed.slug, held.slug

    with app.app_context(), db.unit_of_work(db.engine()) as session:
        deal, under_deal, alone, landed, held = build(session)
    reader = app.test_client()

    html = reader.get(f"/events/{landed}").text
    assert f'href="/shipments/{under_deal}">Quokka ore</a>' in _fact(html, "Shipment")
    assert f'href="/deals/{deal}">Quokka offtake</a>' in _fact(html, "Deal")
    html = reader.get(f"/events/{held}").text
    assert f'href="/shipments/{alone}">Wombat ore</a>' in _fact(html, "Shipment")
    assert "href" not in _fact(html, "Deal")

    add_user(app)
    editor = app.test_client()
    assert login(editor).status_code == 302
    response = post_form(editor, f"/deals/{deal}/delete", {}, form_url=f"/deals/{deal}/history")
    assert response.status_code == 302
    html = reader.get(f"/events/{landed}").text  # cached above, emptied by the deletion
    assert f'href="/shipments/{under_deal}"' in _fact(html, "Shipment")
    assert "Quokka offtake" not in html and f'href="/deals/{deal}"' not in html


def test_a_deal_page_pages_its_shipments_earliest_first(app):
    """A deal's shipments come a page at a time (about 100 a deal at a million items): the
    pager keeps the page size and the list's name, a page past the last is a 404."""
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        pak, usa = make_country(s, "PAK", "Pakistan"), make_country(s, "USA", "United States")
        make_commodity(s)
        deal = make_deal(s, title="Numbat offtake")
        # A whole quantity with trailing zeros: shown as 4,880 t, never 4.88E+3 t.
        items = {"items": [{"commodity": "antimony", "quantity": "4880.000", "unit": "t"}]}
        for day, name in ((3, "Third"), (1, "First"), (2, "Second")):
            lot = {"description": f"{name} numbat lot", "dispatched_on": date(2025, 10, day)}
            make_shipment(s, origin=pak, destination=usa, deal_id=deal.id, links=items, **lot)
        # Undated: last on either database, after the dated ones.
        undated = {"description": "Undated numbat lot", "dispatched_on": None,
                   "dispatched_precision": None, "status": "planned"}  # fmt: skip
        make_shipment(s, origin=pak, destination=usa, deal_id=deal.id, links=items, **undated)
        url = f"/deals/{deal.slug}"
    reader = app.test_client()
    whole = text_of(reader.get(url).text)
    order = [whole.index(f"{n} numbat") for n in ("First", "Second", "Third", "Undated")]
    assert order == sorted(order)
    assert 'rel="next"' not in reader.get(url).text
    first = reader.get(f"{url}?per_page=2").text
    assert "1–2 of 4" in text_of(first) and "Third numbat" not in first
    assert "4,880 t" in first and "E+" not in first
    assert "4,880 t" in reader.get("/shipments").text
    assert 'aria-label="Pages of shipments"' in first
    assert 'rel="next" href="?per_page=2&amp;page=2"' in first
    second = reader.get(f"{url}?page=2&per_page=2").text
    assert "3–4 of 4" in text_of(second) and "Third numbat" in second
    assert "First numbat" not in second and 'rel="prev"' in second
    assert reader.get(f"{url}?page=3&per_page=2").status_code == 404
    assert reader.get(f"{url}?per_page=0").status_code == 400
