"""Commodity matching: synonyms, expansions, symbols in safe contexts, exclusions."""

import pytest

from tracker.extract import CommodityMatcher


@pytest.fixture(scope="module")
def matcher(reference):
    return CommodityMatcher(reference)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("shipments of rare earth oxides", ["rare earth elements"]),
        ("heavy rare earths (HREE) such as terbium", ["rare earth elements", "terbium"]),
        ("NdPr oxide output", ["neodymium", "praseodymium"]),
        ("NdFeB magnets plant", ["rare earth magnets", "neodymium"]),
        ("permanent magnets for motors", ["rare earth magnets"]),
        ("battery-quality lithium carbonate", ["lithium"]),
        ("exports of gallium and germanium (Ga, Ge)", ["gallium", "germanium"]),
        ("dysprosium and gadolinium (Dy, Gd)", ["dysprosium", "gadolinium"]),
        (
            "antimony, copper concentrate and rare earth elements",
            ["antimony", "copper concentrate", "rare earth elements"],
        ),
        ("copper cathodes from the smelter", ["copper"]),
        ("crude oil and LNG cargoes", ["crude oil", "natural gas"]),
    ],
)
def test_synonyms(matcher, text, expected):
    assert matcher.names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "gallium antimonide and indium gallium arsenide wafers",  # compounds
        "In the US, As expected, Pr teams said W was fine.",  # short symbols in prose
        "recovered as a by-product of alumina refining and from zinc processing",
        "worth more than gold",
        "lithium-ion batteries",
        "copper-cobalt producers rallied",
    ],
)
def test_exclusions(matcher, text):
    assert matcher.names(text) == []


def test_lone_symbol_only_after_its_name(matcher):
    assert matcher.names("antimony (Sb) exports") == ["antimony"]
    assert matcher.names("the (Sb) label") == []


def test_feed_filter(matcher):
    assert matcher.mentions_any("Beijing tightens tungsten export rules")
    assert not matcher.mentions_any("Central bank holds rates steady")


@pytest.mark.parametrize(
    "text",
    [
        "nickel in MHP, which also contains some cobalt",  # a content, not the traded material
        "cuts in greenhouse gas output",
        "the plant runs gas turbines",
    ],
)
def test_contents_and_other_gases_excluded(matcher, text):
    assert not {"cobalt", "natural gas"} & set(matcher.names(text))


def test_gas_supply_still_counts(matcher):
    assert matcher.names("a deal to supply gas to Europe") == ["natural gas"]


def test_commodity_named_only_in_a_goal_is_dropped(extractor):
    text = (
        "Copper concentrate train leaves for Lobito\n\nPublished: 3 June 2025\n\n"
        "The miner dispatched its first copper concentrate train on Friday. "
        "The minister said the government aimed to triple copper output by 2031.\n"
    )
    assert extractor.extract(text).to_json()["commodities"] == ["copper concentrate"]


def test_state_copper_company_is_no_copper(matcher):
    assert matcher.names("Chile's state copper company signed a lithium deal") == ["lithium"]


def test_secondary_commodity_named_only_as_a_facility_is_dropped(extractor):
    text = (
        "Kazakhstan restarts gallium output\n\n2025-08-27T07:00:00Z\n\n"
        "Pavlodar dispatched its first gallium consignment on Tuesday. "
        "The gallium circuit at the Pavlodar alumina refinery was shut in 2013.\n"
    )
    assert extractor.extract(text).to_json()["commodities"] == ["gallium"]


def test_headline_commodity_named_as_a_mine_is_kept(extractor):
    text = (
        "EXIM signals loan for Greenland rare earth mine\n\nMon 16 Jun 2025, 09:30 UTC\n\n"
        "EXIM said on Thursday it could lend $120m to the Tanbreez rare earth mine.\n"
    )
    assert extractor.extract(text).to_json()["commodities"] == ["rare earth elements"]


def test_later_short_use_of_a_company_name_is_no_commodity(extractor):
    text = (
        "Kazakhstan restarts gallium output\n\n2025-08-27T07:00:00Z\n\n"
        "Pavlodar Alumina JSC dispatched its first gallium consignment on Tuesday. "
        "Pavlodar Alumina said it expects to produce 25 tonnes of gallium a year.\n"
    )
    assert extractor.extract(text).to_json()["commodities"] == ["gallium"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A product containing elements is traded for them; a material that merely contains
        # some of one is not.
        (
            "The buyer takes an oxide containing dysprosium and terbium.",
            ["dysprosium", "terbium"],
        ),
        ("The slag, which also contains some cobalt, is stockpiled.", []),
        # A material named only for its exchange price.
        ("Nickel traded at about $16,200 a tonne in London on Monday.", []),
        ("Tin prices rose to $31,000 a tonne.", []),
        # A source of a by-product named with another source before "refining".
        ("Germanium comes as a by-product of alumina and zinc refining.", ["germanium"]),
        # A commodity word naming an analyst's speciality.
        ("Her head of cobalt research at a bank said so.", []),
    ],
)
def test_seventh_round_exclusions(matcher, text, expected):
    assert matcher.names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "copper could become its second-largest export after crude oil",
        "a country better known for iron ore and gold",
        "about 40,000 tonnes a year, plus some gold",
    ],
)
def test_rankings_reputations_and_by_products_are_not_the_deal(matcher, text):
    assert "crude oil" not in matcher.names(text)
    assert "gold" not in matcher.names(text)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the concentrate is traded; the metal's word only describes a project, an activity, a
        # market quotation, deals, or is a word of a company's name
        (
            "Kanda Trading signed an offtake for copper concentrate from the Ruritania copper "
            "project. Ruritania has tried to revive copper mining. The price follows LME copper "
            "quotations. The seller is Hills Copper LLC.",
            ["copper concentrate"],
        ),
        # the metal named as a material of its own stays
        (
            "Kanda Trading signed an offtake for copper concentrate and copper cathodes from the "
            "Ruritania copper project.",
            ["copper concentrate", "copper"],
        ),
        (
            "The two ministers agreed to cooperate on lithium and copper. Kanda Trading signed "
            "an offtake for copper concentrate.",
            ["lithium", "copper", "copper concentrate"],
        ),
    ],
)
def test_the_metal_that_only_describes_beside_its_traded_concentrate_is_dropped(
    extractor, body, expected
):
    text = f"Minerals deal signed\n\nWednesday, October 1, 2025\n\n{body}\n"
    got = extractor.extract(text).to_json()["commodities"]
    assert sorted(got) == sorted(expected)
