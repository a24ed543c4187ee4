"""The pages over HTTP: what the seeded data shows, and how bad requests are answered."""

from __future__ import annotations

import re

import pytest

SEED_DEAL = "/deals/ussm-fwo-critical-minerals-mou-2025"
PAGES = [
    "/",
    "/timeline",
    "/deals",
    SEED_DEAL,
    "/shipments",
    "/commodities",
    "/commodities/antimony",
    "/parties",
    "/parties/pakistan",
    "/parties/us-strategic-metals",
    "/sources",
]


def text_of(html: str) -> str:
    """The page's text without tags, whitespace folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("path", PAGES)
def test_every_page_answers_html(seeded, path):
    response = seeded.get(path)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "<h1" in response.text
    assert "cdn." not in response.text and "unpkg" not in response.text


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_seed_deal_page_shows_the_facts_and_their_sources(seeded):
    page = text_of(seeded.get(SEED_DEAL).text)
    for commodity in ("Antimony", "Copper concentrate", "Neodymium", "Praseodymium"):
        assert commodity in page
    assert "approximately USD 500,000,000" in page
    assert "USD basis: reported in USD" in page
    assert "September 2025 (month precision)" in page
    # The day is disputed: 8 September (Tribune, Profit) against 9 September (Arab News).
    assert "Where sources disagree" in page
    assert "2025-09-08" in page and "2025-09-09" in page
    assert "Pakistan → United States: samples" in page
    assert "The agreement is valued at approximately USD 500 million" in page
    assert "Frontier Works Organisation" in page and "US Strategic Metals" in page


def test_critics_are_named_but_not_listed_as_parties(seeded):
    html = seeded.get(SEED_DEAL).text
    parties, _, also = html.partition("Also involved (not parties)")
    assert "Pakistan Tehreek-e-Insaf" in also
    assert "Pakistan Tehreek-e-Insaf" not in parties.split("Parties and roles")[1]


def test_antimony_page_lists_the_deal_the_shipment_and_chinas_controls(seeded):
    page = text_of(seeded.get("/commodities/antimony").text)
    assert "US Strategic Metals – Frontier Works Organisation critical minerals MoU" in page
    assert "Pakistan → United States" in page or "Pakistan" in page.split("Shipments")[1]
    assert "China export controls on antimony and superhard materials" in page
    assert "15 August 2024" in page  # the controls were announced on that day


def test_commodity_list_counts_deals(seeded):
    page = text_of(seeded.get("/commodities").text)
    assert re.search(r"Antimony Sb minor metal [\d., ]+ US, EU 2 1", page), page[:500]


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ("commodity=antimony", "China export controls on antimony", "Tanbreez"),
        ("country=GRL", "Tanbreez", "antimony"),
        ("country=pak", "Frontier Works", "Lynas"),
        ("party=lynas-rare-earths", "Lynas", "Tanbreez"),
        ("kind=export_control", "gallium", "Lithium Americas"),
        ("status=stalled", "Lynas", "Frontier Works"),
        ("from=2025-06&to=2025-06", "Tanbreez", "gallium"),
        ("q=lithium", "Lithium Americas", "Frontier Works"),
        ("commodity=antimony&commodity=lithium", "Lithium Americas", "Tanbreez"),
    ],
)
def test_deal_filters(seeded, query, present, absent):
    response = seeded.get(f"/deals?{query}")
    assert response.status_code == 200
    table = response.text.split("<tbody>")[1] if "<tbody>" in response.text else ""
    assert present.lower() in table.lower()
    assert absent.lower() not in table.lower()


def test_filter_that_matches_nothing_shows_an_empty_state(seeded):
    response = seeded.get("/deals?commodity=uranium")
    assert response.status_code == 200
    assert "No deals match this filter" in response.text


def test_pagination(seeded):
    first = seeded.get("/deals?per_page=3")
    assert "Page 1 of" in first.text and 'rel="next"' in first.text
    second = seeded.get("/deals?per_page=3&page=2")
    assert "Page 2 of" in second.text
    titles = lambda r: set(re.findall(r'<a href="/deals/([^"]+)"', r.text))  # noqa: E731
    assert titles(first).isdisjoint(titles(second))


@pytest.mark.parametrize(
    ("query", "parameter", "hint"),
    [
        ("commodity=unobtainium", "commodity", "/commodities lists the known ones"),
        ("country=XX", "country", "ISO 3166 alpha-3"),
        ("party=nobody", "party", "/parties lists the known ones"),
        ("kind=swap", "kind", "mou"),
        ("status=happy", "status", "in_force"),
        ("from=2025-13", "from", "YYYY-MM"),
        ("from=2025&to=2024", "to", "must not be before"),
        ("per_page=0", "per_page", "from 1 to 500"),
        ("page=x", "page", "whole number"),
        ("comodity=antimony", "comodity", "unknown parameter"),
    ],
)
def test_bad_filter_is_a_400_naming_the_parameter(seeded, query, parameter, hint):
    for path in ("/deals", "/", "/timeline", "/shipments"):
        response = seeded.get(f"{path}?{query}")
        assert response.status_code == 400
        assert f"<code>{parameter}</code>" in response.text
        assert hint in response.text


@pytest.mark.parametrize(
    "path", ["/deals/no-such-deal", "/commodities/kryptonite", "/parties/nobody", "/nowhere"]
)
def test_unknown_slug_is_404(seeded, path):
    response = seeded.get(path)
    assert response.status_code == 404
    assert "Not found" in response.text


def test_query_text_is_escaped(seeded):
    response = seeded.get('/deals?q=<script>alert("x")</script>')
    assert response.status_code == 200
    assert '<script>alert("x")</script>' not in response.text
    assert "&lt;script&gt;" in response.text


def test_plotly_is_served_by_the_app(client):
    with client.get("/static/plotly.min.js") as response:
        assert response.status_code == 200
        assert response.mimetype in ("text/javascript", "application/javascript")
        assert b"plotly" in response.data[:2000].lower()


def test_deal_page_lists_each_party_once_with_all_its_roles(seeded):
    page = text_of(seeded.get(SEED_DEAL).text)
    assert "Frontier Works Organisation Military enterprise Exporter, Seller, Signatory" in page
    assert page.count("US Strategic Metals Company Buyer, Investor, Signatory") == 1


def test_filter_form_keeps_every_value_of_a_repeated_parameter(seeded):
    html = seeded.get(
        "/deals?commodity=antimony&commodity=lithium&event_kind=mou_signed&event_kind=denial"
    ).text
    # Commodities are one multi-select: every chosen one stays selected.
    assert '<option value="antimony" selected>' in html
    assert '<option value="lithium" selected>' in html
    assert '<option value="mou_signed" selected>' in html
    assert '<input type="checkbox" name="event_kind" value="denial" checked>' in html
