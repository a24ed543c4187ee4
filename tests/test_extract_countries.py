"""Countries: forms and demonyms to ISO3, parties versus passing mentions."""

import pytest

from tracker.extract.countries import country_of_place, find_countries


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("the US said", "USA"), ("U.S. officials", "USA"), ("the United States", "USA"),
        ("American companies", "USA"), ("Chinese law", "CHN"), ("Beijing responded", "CHN"),
        ("Pakistani media", "PAK"), ("Malaysian goods", "MYS"), ("Thai officials", "THA"),
        ("Australian miner", "AUS"), ("southern Greenland", "GRL"), ("Danish territory", "DNK"),
        ("Canadian firm", "CAN"), ("Dutch rules", "NLD"), ("the Netherlands", "NLD"),
        ("Democratic Republic of Congo", "COD"), ("Western Australia", "AUS"),
    ],
)  # fmt: skip
def test_forms(text, iso):
    assert [m.iso3 for m in find_countries(text)] == [iso]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("costs US$258 million", []),
        ("across Latin America", []),
        ("us and them", []),
        ("a New Mexico plant", ["USA"]),
        ("Papua New Guinea", ["PNG"]),
    ],
)
def test_look_alikes(text, expected):
    assert [m.iso3 for m in find_countries(text)] == expected


def test_datelines():
    assert country_of_place("RENO, Nev.") == "USA"
    assert country_of_place("PERTH") == "AUS"
    assert country_of_place("ESPERANCE, Western Australia") == "AUS"


def test_parties_versus_mentions(extractor):
    text = (
        "China to require export licences for gallium\n\nJul 4, 2023 07:02 AM\n\n"
        "SHANGHAI — China will control exports of gallium, the ministry said on Monday.\n\n"
        "Analysts read it as a reply to curbs the United States pushed, with the Netherlands "
        "and Japan tightening their own rules.\n"
    )
    out = extractor.extract(text).to_json()
    assert out["countries"] == ["CHN"]
    assert sorted(out["countries_mentioned"]) == ["JPN", "NLD", "USA"]


def test_company_home_via_based_is_a_mention(extractor):
    text = (
        "Lithium loan reworked\n\nOct. 1, 2025\n\n"
        "RENO, Nev. — The US Department of Energy will take a stake in Lithium Americas.\n\n"
        "Vancouver-based Lithium Americas secured the loan in October last year.\n"
    )
    out = extractor.extract(text).to_json()
    assert out["countries"] == ["USA"]
    assert out["countries_mentioned"] == ["CAN"]


@pytest.mark.parametrize(
    ("place", "iso"),
    [("DAR ES SALAAM", "TZA"), ("MAPUTO", "MOZ"), ("POTOSI", "BOL"), ("Potosí", "BOL")],
)
def test_dateline_falls_back_to_unique_subdivisions(place, iso):
    assert country_of_place(place) == iso


def _countries(extractor, body):
    text = f"Cobalt news\n\n2025-09-22T08:15:00Z\n\n{body}\n"
    out = extractor.extract(text).to_json()
    return out["countries"], out["countries_mentioned"]


def test_bare_congo_is_the_drc_when_the_story_names_it(extractor):
    body = "The DR Congo halted cobalt exports on Saturday. Congo mines most of the world's cobalt."
    parties, mentioned = _countries(extractor, body)
    assert parties == ["COD"] and "COG" not in mentioned


def test_a_city_is_no_passing_mention_unless_a_home(extractor):
    body = (
        "The DR Congo set cobalt quotas on Saturday. Cobalt traded at $16 a pound in London. "
        "Vancouver-based Acme Mining holds a stake."
    )
    assert _countries(extractor, body)[1] == ["CAN"]


def test_route_countries_in_an_event_sentence_are_mentions(extractor):
    body = (
        "Acme signed a supply deal with a US buyer on Friday. A first consignment, sent by rail "
        "across Uzbekistan, Turkmenistan and Azerbaijan, arrived at the port on April 2."
    )
    parties, mentioned = _countries(extractor, body)
    assert {"UZB", "TKM", "AZE"} <= set(mentioned) and not {"UZB", "TKM", "AZE"} & set(parties)


def test_destination_of_the_goods_is_a_party(extractor):
    body = (
        "Peru's Las Bambas mine halted shipments on Thursday. "
        "Around 80% of its output goes to smelters in China."
    )
    assert "CHN" in _countries(extractor, body)[0]


def test_the_country_imposing_a_control_is_a_party_without_a_date(extractor):
    body = (
        "Hillgrove signed a supply contract on Monday. Prices doubled after China banned "
        "exports of the metal to the United States."
    )
    assert "CHN" in _countries(extractor, body)[0]


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Congo's cobalt export quotas lifted prices.", "COD"),
        ("The Democratic Republic of the Congo signed the deal.", "COD"),
        ("The Republic of the Congo signed the deal.", "COG"),
        ("Congo-Brazzaville exports potash.", "COG"),
    ],
)
def test_bare_congo_is_the_drc(text, iso3):
    assert [m.iso3 for m in find_countries(text, 0, len(text))] == [iso3]


def test_regions_adjectives_and_venues_are_not_parties(extractor):
    assert find_countries("a fund for Latin American and South American miners") == []
    assert [m.iso3 for m in find_countries("Korea's trade ministry signed")] == ["KOR"]
    body = (
        "Ostrava Metals signed a supply contract with Tanga Rare Earths on Monday. Prices "
        "rose in March 2025, when the two leaders met in Osaka, Japan, to discuss supply."
    )
    parties, mentioned = _countries(extractor, body)
    assert "JPN" in mentioned and "JPN" not in parties


def test_a_city_named_for_its_stock_exchange_is_no_country():
    # "Toronto-listed", "London-listed": where shares trade; the people's word names the country
    assert find_countries("a unit of Toronto-listed Andes Metals Corp") == []
    assert find_countries("The London-listed miner signed an offtake") == []
    assert [m.iso3 for m in find_countries("an Australian-listed company")] == ["AUS"]
    assert [m.iso3 for m in find_countries("the Toronto office of the bank")] == ["CAN"]


def test_a_country_in_an_undated_later_act_is_named_in_passing(extractor):
    body = (
        "Acme Metals signed a supply deal with a German buyer on Tuesday. China has required "
        "export licences for gallium since August 2023 and later barred shipments to the "
        "United States."
    )
    parties, mentioned = _countries(extractor, body)
    assert "USA" in mentioned and "USA" not in parties
    assert "CHN" in parties
    # dated, the act's target is a party to it
    body = (
        "Acme Metals signed a supply deal with a German buyer on Tuesday. China placed gallium "
        "under export licensing in August 2023 and then banned exports to the United States in "
        "December 2024."
    )
    parties, mentioned = _countries(extractor, body)
    assert "USA" in parties
