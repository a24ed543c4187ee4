"""Events: kinds from triggers, dates resolved, plans and year-only dates excluded."""

from datetime import date

import pytest


def events(extractor, body, published=date(2025, 10, 1), headline="Minerals news"):
    text = f"{headline}\n\nWednesday, October 1, 2025\n\n{body}\n"
    return {(e["date"], e["kind"]) for e in extractor.extract(text, published).to_json()["events"]}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The two governments signed an MoU on Tuesday.", {("2025-09-30", "mou_signed")}),
        ("The miner signed a supply contract in August.", {("2025-08", "agreement_signed")}),
        (
            "In December, Beijing banned exports of antimony to the United States.",
            {("2024-12", "export_control")},
        ),
        (
            "The company agreed in June last year to buy the project.",
            {("2024-06", "agreement_signed")},
        ),
        (
            "Kinshasa suspended cobalt exports in February to prop up prices.",
            {("2025-02", "suspension")},
        ),
        (
            "Its first shipment of concentrate had left the port, the company said on Saturday.",
            {("2025-09-27", "shipment_dispatched")},
        ),
        ("The cargo arrived in Rotterdam last month.", {("2025-09", "shipment_arrived")}),
        ("The bank announced a $50m loan on Monday.", {("2025-09-29", "investment_announced")}),
    ],
)
def test_kinds_and_dates(extractor, body, expected):
    assert events(extractor, body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "The company plans to sign an offtake in December.",  # plan
        "A second cargo is scheduled for December.",  # scheduled
        "GM invested $625 million in the project last year.",  # year only
        "The minister said on Monday the text had been reviewed.",  # a remark
        "Prices rose to $410 after the announcement, from around $340 in January, traders said.",
    ],
)
def test_non_events(extractor, body):
    assert events(extractor, body) == set()


def test_undated_signing_takes_the_story_date_and_dedupes(extractor):
    body = (
        "The United States signed memoranda of understanding with Malaysia and Thailand on "
        "Sunday. Anwar and Trump signed the MoU together with an Agreement on Reciprocal Trade. "
        "Thailand's leader signed a similar MoU at the same summit."
    )
    assert events(extractor, body, date(2025, 10, 27)) == {
        ("2025-10-26", "mou_signed"),
        ("2025-10-26", "agreement_signed"),
    }
