"""Byline dates in news formats and relative dates resolved against publication."""

from datetime import date

import pytest

from tracker.extract.dates import find_dates, parse_byline_date


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Fatima hasan 07 October 2025 06:05", date(2025, 10, 7)),
        ("Oct. 6, 2025", date(2025, 10, 6)),
        ("Monday 20 October 2025", date(2025, 10, 20)),
        ("2025-10-06T09:12:00Z", date(2025, 10, 6)),
        ("2025-10-06T23:50:00+09:00", date(2025, 10, 6)),
        ("Jul 4, 2023 07:02 AM", date(2023, 7, 4)),
        ("Mon 16 Jun 2025, 09:30 UTC", date(2025, 6, 16)),
        ("01/08/2023 11:20 AEST", date(2023, 8, 1)),
        ("Wednesday, October 1, 2025 - 10:14 PT", date(2025, 10, 1)),
        ("Monday, 27 October 2025 | 9:40 PM MYT", date(2025, 10, 27)),
        # local sites print their bylines in their own language
        ("Por / By Ana Ruiz | Lima | sábado 21 de noviembre de 2026", date(2026, 11, 21)),
        ("Publié le 3 décembre 2026 à 10h", date(2026, 12, 3)),
        ("Lisboa, 9 de março de 2026", date(2026, 3, 9)),
    ],
)
def test_byline_formats(line, expected):
    assert parse_byline_date(line) == expected


def test_byline_without_date():
    assert parse_byline_date("By Mining Desk") is None


PUB = date(2025, 10, 1)  # a Wednesday


@pytest.mark.parametrize(
    ("sentence", "value", "precision"),
    [
        ("The department announced it on Tuesday.", "2025-09-30", "day"),
        ("The department announced it on Wednesday.", "2025-10-01", "day"),
        ("It signed the deal on Thursday.", "2025-09-25", "day"),
        ("The ban began last month.", "2025-09", "month"),
        ("The MoU was signed in September.", "2025-09", "month"),
        ("Exports stopped in November.", "2024-11", "month"),
        ("In a letter dated June 12, the bank said so.", "2025-06-12", "day"),
        ("The letter was dated 12 June.", "2025-06-12", "day"),
        ("It agreed in June last year to buy the mine.", "2024-06", "month"),
        ("It secured the loan in October last year.", "2024-10", "month"),
        ("The award was announced in June 2022.", "2022-06", "month"),
        ("The moratorium has applied since January 2024.", "2024-01", "month"),
        ("Quotas were set earlier this month.", "2025-10", "month"),
        ("It invested $625 million last year.", "2024", "year"),
    ],
)
def test_relative_dates(sentence, value, precision):
    found = find_dates(sentence, PUB)
    assert [(d.value, d.precision) for d in found] == [(value, precision)]
    assert not found[0].future


def test_plans_and_future_dates_are_flagged():
    found = find_dates(
        "China will start controlling exports on August 1, it said on Monday.", date(2023, 7, 4)
    )
    assert [(d.value, d.future) for d in found] == [("2023-08-01", True), ("2023-07-03", False)]
    planned = find_dates("The draw was originally planned for early September.", PUB)
    assert planned[0].future
    assert find_dates("The rules take effect next month.", PUB)[0].future


ANCHOR_DAY = find_dates("The bill passed on 6 October.", date(2025, 11, 20))[0]
ANCHOR_MONTH = find_dates("Exports resumed in March.", date(2025, 11, 20))[0]


@pytest.mark.parametrize(
    ("sentence", "anchor", "expected"),
    [
        ("The upper house approved it a week later.", ANCHOR_DAY, [("2025-10-13", "day")]),
        ("A week earlier, the regulator cleared it.", ANCHOR_DAY, [("2025-09-29", "day")]),
        ("The cargo docked three weeks later.", ANCHOR_DAY, [("2025-10-27", "day")]),
        ("Two days later the partner signed.", ANCHOR_DAY, [("2025-10-08", "day")]),
        ("The next day, the buyer signed.", ANCHOR_DAY, [("2025-10-07", "day")]),
        ("The cargo arrived the following month.", ANCHOR_DAY, [("2025-11", "month")]),
        ("The cargo arrived the following month.", ANCHOR_MONTH, [("2025-04", "month")]),
        # A day counted from a month, or from nothing, names no date: dropped.
        ("A week later the partner signed.", ANCHOR_MONTH, []),
        ("A week later the partner signed.", None, []),
        # "before the meeting" names its own reference.
        ("Two days before the meeting, the firms signed.", ANCHOR_DAY, []),
        # An explicit date earlier in the sentence is the anchor.
        ("It left on 2 October and arrived the following month.", None, None),
    ],
)
def test_dates_counted_from_the_previous_date(sentence, anchor, expected):
    found = [(d.value, d.precision) for d in find_dates(sentence, date(2025, 11, 20), anchor)]
    if expected is None:
        expected = [("2025-10-02", "day"), ("2025-11", "month")]
    assert found == expected


@pytest.mark.parametrize(
    ("sentence", "future"),
    [
        ("The mine will supply ore under a contract signed on Wednesday.", False),
        ("The plant will process ore under terms agreed in May.", False),
        ("The contract will be signed on Wednesday.", True),
        ("The mine will ship ore on Wednesday.", True),
    ],
)
def test_a_participle_before_the_date_is_the_dates_act(sentence, future):
    assert find_dates(sentence, PUB)[0].future is future


@pytest.mark.parametrize(
    ("sentence", "anchor", "expected"),
    [
        # Counted from publication (2025-11-20).
        ("The buyer signed two weeks ago.", None, [("2025-11-06", "day")]),
        ("The buyer signed a month ago.", None, [("2025-10", "month")]),
        ("The licence was granted this morning.", None, [("2025-11-20", "day")]),
        ("The licence was granted earlier today.", None, [("2025-11-20", "day")]),
        # A fortnight is two weeks.
        ("The cargo left a fortnight later.", ANCHOR_DAY, [("2025-10-20", "day")]),
        # "in the first week of May": the month.
        ("They signed in the first week of May.", None, [("2025-05", "month")]),
        # A weekday before its date only names that date.
        ("They signed on Monday, 3 November.", None, [("2025-11-03", "day")]),
        # "in June that year": the year of the date counted from.
        ("Prices fell in March 2023 and in June that year.", None, None),
        # "came a week after X": X is counted back from the anchor (the deal's date).
        ("The deal came a week after the bank approved it.", ANCHOR_DAY, [("2025-09-29", "day")]),
        ("The deals come a month after the state approved it.", ANCHOR_DAY, [("2025-09", "month")]),
    ],
)
def test_seventh_round_relative_dates(sentence, anchor, expected):
    found = [(d.value, d.precision) for d in find_dates(sentence, date(2025, 11, 20), anchor)]
    if expected is None:
        expected = [("2023-03", "month"), ("2023-06", "month")]
    assert found == expected


@pytest.mark.parametrize(
    ("sentence", "anchor", "expected"),
    [
        # Numeric dates in running text are day-first, as in bylines.
        ("The decision was made on 18.11.2025.", None, [("2025-11-18", "day")]),
        ("It bought the stake on 3/2/2025.", None, [("2025-02-03", "day")]),
        # A decimal is no date.
        ("The grade was 12.5 per cent in 2024.", None, [("2024", "year")]),
        # "on the 4th": the month last named, else the publication's (20 Nov), else the one before.
        ("We signed in Frankfurt on the 4th.", None, [("2025-11-04", "day")]),
        ("The bank paid on the 28th.", None, [("2025-10-28", "day")]),
        (
            "They met in March and signed on the 12th.",
            None,
            [("2025-03", "month"), ("2025-03-12", "day")],
        ),
        # A month named in an earlier sentence (the anchor) is another act's.
        ("The lender came in on the 12th.", ANCHOR_MONTH, [("2025-11-12", "day")]),
        ("It arrived on the 4th of May.", None, [("2025-05-04", "day")]),
    ],
)
def test_numeric_and_ordinal_day_dates(sentence, anchor, expected):
    found = [(d.value, d.precision) for d in find_dates(sentence, date(2025, 11, 20), anchor)]
    assert found == expected


def test_plan_as_a_noun_is_no_schedule():
    # "our closure plan in August" was accepted; "plans to ... in August" is a schedule.
    assert not find_dates("The ministry accepted our closure plan in August.", PUB)[0].future
    assert find_dates("The company plans to ship ore in August.", PUB)[0].future


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Ulaanbaatar, 2026.11.16 | Press release No. 11/2026", date(2026, 11, 16)),
        ("Seoul 2026/03/05 09:14 KST", date(2026, 3, 5)),
        ("Release 2026.13.40 | Statistics", None),  # no such day: no date, not a crash
    ],
)
def test_a_year_first_byline_with_dots_or_slashes_is_the_publication_date(line, expected):
    assert parse_byline_date(line) == expected
