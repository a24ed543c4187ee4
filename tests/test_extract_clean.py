"""Cleaning drops site furniture but keeps offsets into the original text."""

from datetime import date

from tracker.extract.clean import clean, is_boilerplate
from tracker.extract.sentences import split_sentences

PAGE = """||

Connecting Communities, One Page at a Time.

METALS WIRE ASIA
Base metals · Minor metals · Policy

Zambia signs cobalt refinery MoU with Gulf investor
Deal covers a plant near Kitwe

Oct. 6, 2025
By Jane Phiri

Share this: LinkedIn | X | Email

Zambia signs cobalt refinery MoU with Gulf investor

LUSAKA — Zambia signed a memorandum on Friday. The plant would cost about $300 million.

Advertisement

Also Read: Explainer — cobalt

Officials said talks began in June.

Share this | Print | Comments (4)
Related: Zambia | Cobalt
"""


def test_parts_are_found_and_boilerplate_dropped():
    doc = clean(PAGE)
    assert doc.headline.text == "Zambia signs cobalt refinery MoU with Gulf investor"
    assert [s.text for s in doc.standfirst] == ["Deal covers a plant near Kitwe"]
    assert [s.text for s in doc.byline] == ["Oct. 6, 2025", "By Jane Phiri"]
    body = [p.text for p in doc.body]
    assert body == [
        "LUSAKA — Zambia signed a memorandum on Friday. The plant would cost about $300 million.",
        "Officials said talks began in June.",
    ]
    assert doc.published.isoformat() == "2025-10-06"


def test_every_kept_span_indexes_the_original():
    doc = clean(PAGE)
    for span in doc.kept():
        assert PAGE[span.start : span.end] == span.text
    for para in doc.body:
        for sent in split_sentences(PAGE, para.start, para.end):
            assert PAGE[sent.start : sent.end] == sent.text


def test_sentence_split_skips_abbreviations_and_initials():
    text = "RENO, Nev. — The U.S. deal was signed by Donald J. Trump on Monday. Shares rose."
    sents = [s.text for s in split_sentences(text, 0, len(text))]
    assert sents == [
        "RENO, Nev. — The U.S. deal was signed by Donald J. Trump on Monday.",
        "Shares rose.",
    ]


def test_boilerplate_lines():
    for line in [
        "Advertisement",
        "Also Read: Why cobalt",
        "Share this | Print",
        "||",
        "Tags: gold",
    ]:
        assert is_boilerplate(line), line
    for line in ["Monday, 27 October 2025 | 9:40 PM MYT", "China bans gallium exports"]:
        assert not is_boilerplate(line), line


def test_an_all_digit_byline_is_not_boilerplate():
    from tracker.extract.clean import clean

    doc = clean("SITE\n\nHeadline here\n\n05.11.2024 14:10\n\nBody sentence one.\n")
    assert doc.published.isoformat() == "2024-11-05"


def test_a_press_release_dateline_dates_the_release():
    from datetime import date as _date

    from tracker.extract.clean import clean

    text = (
        "ACME TIN S.A.A.\n\nAcme Tin reports third quarter results\n\n"
        "Lima, October 29, 2026 - Acme Tin S.A.A., a Peruvian tin producer, today announced "
        "its unaudited results for the quarter ended September 30, 2026, a record quarter for "
        "the company and its shareholders.\n\nOn July 14, the Company signed an agreement.\n"
    )
    doc = clean(text)
    assert doc.published == _date(2026, 10, 29)
    assert doc.body[0].text.startswith("Lima, October 29, 2026")


def test_a_dated_bullet_point_is_not_the_byline():
    text = (
        "Orla Graphite signs offtake with Kettle Valley Smelting\n\n"
        "Highlights\n"
        "- Offtake agreement signed on November 25, 2026\n"
        "- First delivery due in 2027\n\n"
        "By Mining Desk | November 27, 2026\n\n"
        "Orla Graphite said it had signed the offtake on Wednesday.\n"
    )
    doc = clean(text)
    assert doc.published == date(2026, 11, 27)
    assert any("Offtake agreement signed" in s.text for s in doc.kept())


def test_other_stories_listed_under_a_read_next_heading_are_dropped():
    text = (
        "Smelter signs copper offtake with Colombian miner\n\n"
        "By Desk | October 29, 2026\n\n"
        "Fundiciones del Odiel signed an eight-year offtake on Wednesday.\n\n"
        "Read Next\n"
        "Aurora Minerals cuts 2027 nickel guidance after flooding\n"
        "- Ministry holds workshop on the mining law (12/11/2026)\n\n"
        "© 2026 Newswire. All rights reserved.\n"
    )
    kept = " ".join(s.text for s in clean(text).kept())
    assert "Fundiciones del Odiel signed" in kept
    assert "Aurora Minerals" not in kept and "workshop" not in kept
