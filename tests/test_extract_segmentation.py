"""Event segmentation and organisation shapes written from the blind23/blind24 round: acts listed
after a counted signing, acts told in order, procedural steps, and public bodies' names."""

from datetime import date

import pytest

from tracker.extract import Extractor


def _extract(extractor: Extractor, body: str, published=date(2026, 11, 25)) -> dict:
    text = f"Minerals news\n\nWednesday, November 25, 2026\n\n{body}\n"
    return extractor.extract(text, published).to_json()


def events(extractor, body, published=date(2026, 11, 25)):
    return sorted((e["date"], e["kind"]) for e in _extract(extractor, body, published)["events"])


def orgs(extractor, body):
    return set(_extract(extractor, body)["organisations"])


def test_acts_told_by_order_after_a_counted_signing(extractor):
    body = (
        "On 12 November 2026, three documents were signed in Bamako. The first was a mining "
        "convention between the Ministry of Mines and Alpha Lithium SA, the holder of the permit. "
        "The second was a ten-year offtake under which Beta Batteries will buy half the "
        "concentrate. The third was a subscription agreement by which Gamma Fund will take 20% "
        "of Alpha Lithium for $85 million.\n\n"
        "- Whether the offtake grows when the second phase is decided."
    )
    assert events(extractor, body) == [
        ("2026-11-12", "agreement_signed"),
        ("2026-11-12", "agreement_signed"),
        ("2026-11-12", "investment_announced"),
    ]


def test_sub_numbered_items_of_a_filing_are_one_act_each(extractor):
    body = (
        "Shareholders are advised that on 23 November 2026 the Company concluded three "
        "inter-conditional agreements with Korean parties:\n\n"
        "1.1 a binding offtake agreement with Daesung Magnetics;\n\n"
        "1.2 a joint venture agreement with Daesung in respect of the separation plant; and\n\n"
        "1.3 a subscription agreement with KOMIR for new shares.\n\n"
        "2. THE OFFTAKE AGREEMENT\n\n"
        "2.1 The total investment is estimated at Rs. 28.5 billion (about US$95 million)."
    )
    assert events(extractor, body) == [
        ("2026-11-23", "agreement_signed"),
        ("2026-11-23", "agreement_signed"),
        ("2026-11-23", "investment_announced"),
    ]


def test_acts_told_first_and_second_take_the_day_just_named(extractor):
    body = (
        "Last Thursday you were in Tokyo. What did you sign there?\n\n"
        "Two things. First, a five-year supply contract with Hokuriku Fine Chemicals. They will "
        "take the trioxide. Second, the trading house Tsurumi Shoji signed an agreement to buy "
        "ten per cent of our company for six million euros."
    )
    assert events(extractor, body) == [
        ("2026-11-19", "agreement_signed"),
        ("2026-11-19", "investment_announced"),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The transaction was notified to the Authority on 2 September 2026.",
            [("2026-09-02", "other")],
        ),
        ("The Authority approved the merger on 17 November 2026.", [("2026-11-17", "other")]),
        (
            "On 19 November the Regional Council approved, with 38 votes in favour, the programme "
            "contract, which the company will finance with 3.5 million euros.",
            [("2026-11-19", "other")],
        ),
        (
            "The Mining Convention was adopted by the Council of Ministers on 30 October 2026.",
            [("2026-10-30", "other")],
        ),
        (
            "In June 2023 the Cabinet prohibited the export of unprocessed ores.",
            [("2023-06", "export_control")],
        ),
        (
            "On 5 November 2026, the commission authorised the sale of the quota.",
            [("2026-11-05", "other")],
        ),
    ],
)
def test_procedural_steps_and_controls_in_other_words(extractor, body, expected):
    assert events(extractor, body) == expected


def test_same_day_and_day_before_the_signing(extractor):
    body = (
        "Gastrike signed the offtake with Varzob Volfram on 23 November 2026. Swedfund agreed on "
        "the same day to invest $12 million for 15% of Varzob Volfram. The day before the "
        "signing, the banks issued a commitment letter for a $300 million loan."
    )
    assert events(extractor, body) == [
        ("2026-11-22", "investment_announced"),
        ("2026-11-23", "agreement_signed"),
        ("2026-11-23", "investment_announced"),
    ]


def test_a_bare_month_before_a_share_is_still_a_month(extractor):
    body = (
        "DNB signed a $40 million term loan with the company in October, 90% of which is covered."
    )
    assert events(extractor, body) == [("2026-10", "investment_announced")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "In October, Slovenská sporiteľňa and Tatra banka gave us a joint financing commitment "
            "for 31 million euros.",
            {"Slovenská sporiteľňa", "Tatra banka"},
        ),
        (
            "The plant is financed by Národní rozvojová banka. NRB approved a loan in June.",
            {"Národní rozvojová banka"},
        ),
        (
            "The contract between Chile's Ministry of Mining and Litio Los Cuervos SpA was signed.",
            {"Ministry of Mining of Chile", "Litio Los Cuervos"},
        ),
        (
            "The Majlisi namoyandagon, the lower house of Tajikistan's parliament, ratified the "
            "investment agreement on Wednesday.",
            {"Majlisi namoyandagon"},
        ),
        (
            "Wassoulou Lithium, a company owned 45% by the Malian-Turkish investment group Groupe "
            "Keita Mines and 20% by the State, signed the convention.",
            {"Wassoulou Lithium", "Groupe Keita Mines"},
        ),
    ],
)
def test_public_bodies_lenders_and_owners(extractor, body, expected):
    assert orgs(extractor, body) == expected


def test_masthead_issuer_acts_under_its_handle(extractor):
    text = (
        "COMPETITION AND CONSUMER AUTHORITY\nRepublic of Botswana\n\nSummary of decision\n\n"
        "Date of decision: 17 November 2026\n\n"
        'The acquiring enterprise is Saurashtra Copper Smelters Limited ("the Acquirer"). The '
        'target is Ghanzi Copper Mining (Pty) Ltd ("GCM" or "the Target"), which holds 55% of '
        "the Target's licence.\n\n"
        "The Authority approved the merger on 17 November 2026.\n\n"
        "Sponsor: Etosha Capital Securities (Pty) Ltd\n"
    )
    found = set(Extractor.extract(extractor, text, date(2026, 11, 25)).to_json()["organisations"])
    assert "Competition and Consumer Authority" in found
    assert not found & {"Target", "Etosha Capital Securities"}
