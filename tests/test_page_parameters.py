"""Every page parses its query string through the Filter: the lists shown whole and the record
pages take the parameters that apply to them and answer 400 naming any other."""

from __future__ import annotations

import pytest

MOU = "/deals/ussm-fwo-critical-minerals-mou-2025"


def _body(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("url", "parameter", "why"),
    [
        ("/parties?comodity=lithium", "comodity", "unknown parameter"),
        ("/commodities?page=2", "page", "does not apply to this page"),
        ("/commodities?per_page=5", "per_page", "does not apply to this page"),
        (f"{MOU}?commodity=lithium", "commodity", "does not apply to this page"),
        (f"{MOU}?x=1", "x", "unknown parameter; use event_kind, from, to"),
        ("/parties/lithium-americas?party=general-motors", "party", "does not apply"),
        ("/parties/pakistan?country=USA", "country", "does not apply"),
        ("/commodities/lithium?commodity=cobalt", "commodity", "does not apply"),
        ("/commodities/lithium?nonsense=1", "nonsense", "unknown parameter"),
    ],
)
def test_parameters_a_page_does_not_take_are_a_400_naming_them(seeded, url, parameter, why):
    response = seeded.get(url)

    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert parameter in html and why in html


@pytest.mark.parametrize(
    "url",
    [
        "/parties?status=bogus",
        "/commodities?country=XXX",
        "/sources?from=yesterday",
        f"{MOU}?event_kind=party",
        "/parties/lithium-americas?commodity=unobtainium",
    ],
)
def test_bad_values_are_a_400_on_these_pages_too(seeded, url):
    assert seeded.get(url).status_code == 400


def test_parties_lists_only_the_parties_of_the_selected_deals(seeded):
    everyone = _body(seeded.get("/parties"))
    lithium = _body(seeded.get("/parties?commodity=lithium&kind=equity"))

    assert "Lynas" in everyone and "Lynas" not in lithium
    assert "Lithium Americas" in lithium and "General Motors" in lithium
    assert "Narrowed by the filter" in lithium and "Narrowed by the filter" not in everyone


def test_commodities_and_sources_narrow_to_the_selected_records(seeded):
    commodities = _body(seeded.get("/commodities?country=CHN"))
    assert "Gallium" in commodities and "Lithium" not in commodities
    all_sources = _body(seeded.get("/sources")).count("<tr>")
    china_sources = _body(seeded.get("/sources?country=CHN")).count("<tr>")
    assert 0 < china_sources < all_sources


def test_a_deal_page_narrows_its_timeline(seeded):
    everything = _body(seeded.get(MOU))
    signed_only = _body(seeded.get(f"{MOU}?event_kind=mou_signed"))
    # The October shipment's arrival is on the full timeline and gone from the narrowed one.
    assert everything.count("2 October 2025") > signed_only.count("2 October 2025")
    assert "8 September 2025" in signed_only
    assert _body(seeded.get(f"{MOU}?from=2025-10&to=2025-10")).count("8 September 2025") < (
        everything.count("8 September 2025")
    )


def test_record_pages_narrow_their_related_lists(seeded):
    all_deals = _body(seeded.get("/parties/lithium-americas"))
    loans = _body(seeded.get("/parties/lithium-americas?kind=loan"))
    assert "doe-lithium-americas-equity-stake-2025" in all_deals
    assert "doe-lithium-americas-equity-stake-2025" not in loans
    assert "doe-lithium-americas-atvm-loan-2024" in loans
    rare_earths = _body(seeded.get("/commodities/rare-earth-elements?country=GRL"))
    assert "exim-tanbreez-letter-of-interest-2025" in rare_earths
    assert "lynas-seadrift-site-purchase-2023" not in rare_earths
