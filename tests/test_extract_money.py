"""Monetary amounts: currencies, scales, hedges, USD restatements and non-amounts."""

import pytest

from tracker.extract.money import find_amounts, refers_to


def amounts(text, countries=frozenset()):
    return [(a.amount, a.currency, a.usd) for a in find_amounts(text, 0, len(text), countries)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a $500 million pact", [(5e8, "USD", 5e8)]),
        ("valued at US$211m.", [(2.11e8, "USD", 2.11e8)]),
        ("valued at approximately USD 500 million", [(5e8, "USD", 5e8)]),
        ("restructures $1.4bn loan", [(1.4e9, "USD", 1.4e9)]),
        ("a A$390 million grant", [(3.9e8, "AUD", None)]),
        ("an AUD 390 million grant", [(3.9e8, "AUD", None)]),
        ("deals worth RM633 billion", [(6.33e11, "MYR", None)]),
        ("deals worth MYR 633 billion", [(6.33e11, "MYR", None)]),
        ("a floor of $110/kg", [(110, "USD", 110)]),
        ("633 billion ringgit of deals", [(6.33e11, "MYR", None)]),
    ],
)
def test_forms(text, expected):
    assert amounts(text) == expected


def test_rupees_follow_the_article_country():
    assert amounts("a Rs 10 billion fund", {"PAK", "USA"}) == [(1e10, "PKR", None)]
    assert amounts("a PKR 10 billion fund") == [(1e10, "PKR", None)]


def test_usd_restatement_pairs_both_ways():
    assert amounts("about US$258 million (roughly A$390 million)") == [
        (2.58e8, "USD", 2.58e8),
        (3.9e8, "AUD", 2.58e8),
    ]
    assert amounts("A$390m (US$258m)") == [(3.9e8, "AUD", 2.58e8), (2.58e8, "USD", 2.58e8)]
    assert amounts("US$150 billion (RM633 billion)")[1] == (6.33e11, "MYR", 1.5e11)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("could lend up to $120 million", "up_to"),
        ("brings in more than $100 million", "more_than"),
        ("a first draw of about $435 million", "approximate"),
        ("up from the approximately US$120 million", "approximate"),
        ("at least $50m in equity", "more_than"),
        ("roughly $15/lb", "approximate"),
    ],
)
def test_hedges(text, flag):
    (a,) = find_amounts(text, 0, len(text))
    assert a.flags == {flag}
    assert refers_to(text, a.start, a.end, a.flags).endswith(f"({flag.replace('_', ' ')})")


@pytest.mark.parametrize(
    "text",
    ["reserves estimated in the trillions of dollars", "shares rose 6.5%", "a 19% tariff"],
)
def test_non_amounts(text):
    assert amounts(text) == []


def test_refers_to_takes_the_amounts_clause_with_context():
    text = (
        "Ambergau pays a premium of about 8% over the European benchmark, which traded near "
        "$430 per mtu in May."
    )
    (a,) = find_amounts(text, 0, len(text))
    assert (a.amount, a.unit, a.flags) == (430, "mtu", {"approximate"})
    assert refers_to(text, a.start, a.end, a.flags) == (
        "Ambergau pays a premium of about 8% over the European benchmark, which traded near "
        "$430 per mtu in May (approximate)"
    )


@pytest.mark.parametrize(
    ("text", "countries", "expected"),
    [
        (
            "costs of TZS 1.1 trillion ($425 million)",
            set(),
            [(1.1e12, "TZS", 4.25e8), (4.25e8, "USD", 4.25e8)],
        ),
        ("royalties of Bs 1.2 billion a year", set(), [(1.2e9, "BOB", None)]),
        ("a fee of 40 billion shillings", {"KEN"}, [(4e10, "KES", None)]),
        ("a fee of 40 billion shillings", {"TZA"}, [(4e10, "TZS", None)]),
        ("royalties of 900 million pesos", {"CHL"}, [(9e8, "CLP", None)]),
        ("a loan of 5 billion rupees", {"PAK"}, [(5e9, "PKR", None)]),
    ],
)
def test_producer_country_currencies(text, countries, expected):
    assert amounts(text, countries) == expected


def test_reais():
    assert amounts("320 million reais (about $58 million)") == [
        (3.2e8, "BRL", 5.8e7),
        (5.8e7, "USD", 5.8e7),
    ]


@pytest.mark.parametrize(
    ("text", "countries", "expected"),
    [
        # Kwacha and CFA francs follow the article's country; "K" is kwacha only in a Zambian
        # or Malawian story and only with a scale word.
        ("It will pay K3 billion into a fund.", {"MWI"}, [(3e9, "MWK")]),
        ("It will pay K3 billion into a fund.", {"ZMB"}, [(3e9, "ZMW")]),
        ("It will pay K3 billion into a fund.", set(), []),
        ("The climbers reached K2 last year.", {"MWI"}, []),
        ("Fees rose to 40 million kwacha.", {"MWI"}, [(4e7, "MWK")]),
        ("The site is valued at 12 billion CFA francs.", {"CMR"}, [(1.2e10, "XAF")]),
        ("The site is valued at 12 billion CFA francs.", {"SEN"}, [(1.2e10, "XOF")]),
        ("The land is valued at 1.5 trillion soums.", {"UZB"}, [(1.5e12, "UZS")]),
    ],
)
def test_shared_and_local_currency_names(text, countries, expected):
    found = find_amounts(text, 0, len(text), countries)
    assert [(a.amount, a.currency) for a in found] == expected
