"""Monetary amounts with ISO 4217 currency, USD pairing and hedges."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Currency markers written before the number, longest first so "US$" wins over "$".
PREFIXES: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "USD": "USD", "A$": "AUD", "AU$": "AUD", "AUD": "AUD",
    "C$": "CAD", "CA$": "CAD", "CAD": "CAD", "NZ$": "NZD", "NZD": "NZD", "HK$": "HKD",
    "HKD": "HKD", "S$": "SGD", "SGD": "SGD", "RM": "MYR", "MYR": "MYR", "PKR": "PKR",
    "INR": "INR", "₹": "INR", "SAR": "SAR", "KZT": "KZT", "₸": "KZT", "EUR": "EUR", "€": "EUR",
    "GBP": "GBP", "£": "GBP", "CNY": "CNY", "RMB": "CNY", "¥": "CNY", "JPY": "JPY",
    "THB": "THB", "IDR": "IDR", "Rp": "IDR", "ZAR": "ZAR", "BRL": "BRL", "R$": "BRL",
    "CHF": "CHF", "Rs.": "RUPEE", "Rs": "RUPEE", "$": "USD",
    # Codes and symbols of the producer countries the tracker covers (Africa, Latin America,
    # Central and East Asia); codes that are also English words (ALL, TOP) are left out.
    "TZS": "TZS", "ZMW": "ZMW", "CDF": "CDF", "MZN": "MZN", "AOA": "AOA", "Kz": "AOA",
    "NAD": "NAD", "N$": "NAD", "BWP": "BWP", "ZWL": "ZWL", "MGA": "MGA", "RWF": "RWF", "UGX": "UGX",
    "KES": "KES", "NGN": "NGN", "₦": "NGN", "GHS": "GHS", "GNF": "GNF", "XOF": "XOF",
    "XAF": "XAF", "MAD": "MAD", "EGP": "EGP", "BOB": "BOB", "Bs.": "BOB", "Bs": "BOB",
    "PEN": "PEN", "S/": "PEN", "CLP": "CLP", "ARS": "ARS", "COP": "COP", "MXN": "MXN",
    "UZS": "UZS", "KGS": "KGS", "TJS": "TJS", "MNT": "MNT", "₮": "MNT", "KRW": "KRW",
    "₩": "KRW", "VND": "VND", "PHP": "PHP", "TWD": "TWD", "RUB": "RUB", "₽": "RUB",
    "TRY": "TRY", "SEK": "SEK", "NOK": "NOK", "DKK": "DKK", "PLN": "PLN",
    "K": "KWACHA",
}  # fmt: skip
# Currency words written after the number ("633 billion ringgit").
SUFFIXES: dict[str, str] = {
    "US dollars": "USD", "dollars": "USD", "ringgit": "MYR", "yuan": "CNY", "renminbi": "CNY",
    "euros": "EUR", "euro": "EUR", "tenge": "KZT", "riyals": "SAR", "riyal": "SAR",
    "baht": "THB", "rupees": "RUPEE", "rupiah": "IDR", "yen": "JPY", "rand": "ZAR",
    "shillings": "SHILLING", "kwacha": "KWACHA", "bolivianos": "BOB", "pesos": "PESO",
    "CFA francs": "CFA", "CFA franc": "CFA", "soums": "UZS", "soum": "UZS",
    "soles": "PEN", "som": "SOM", "tugriks": "MNT", "tugrik": "MNT", "won": "KRW", "roubles": "RUB",
    "rubles": "RUB", "naira": "NGN", "cedis": "GHS", "meticais": "MZN", "kwanza": "AOA",
    "reais": "BRL",
}  # fmt: skip
# Currency names several countries share take the currency of the country the article is
# about; the first entry is the fallback.
SHARED_NAMES: dict[str, dict[str, str]] = {
    "RUPEE": {"IND": "INR", "PAK": "PKR", "LKA": "LKR", "NPL": "NPR"},
    "SHILLING": {"TZA": "TZS", "KEN": "KES", "UGA": "UGX", "SOM": "SOS"},
    "PESO": {"MEX": "MXN", "ARG": "ARS", "CHL": "CLP", "COL": "COP", "PHL": "PHP"},
    "SOM": {"KGZ": "KGS", "UZB": "UZS"},
    "KWACHA": {"ZMB": "ZMW", "MWI": "MWK"},
    # Central African (XAF) and West African (XOF) CFA francs.
    "CFA": {
        **dict.fromkeys(("GAB", "CMR", "COG", "TCD", "CAF", "GNQ"), "XAF"),
        **dict.fromkeys(("SEN", "CIV", "MLI", "BFA", "NER", "BEN", "TGO", "GNB"), "XOF"),
    },
}
# "K5 billion" is kwacha only in a Zambian or Malawian story, and only with a scale word.
KWACHA_COUNTRIES = frozenset(SHARED_NAMES["KWACHA"])
SCALES = {
    "trillion": 10**12, "tn": 10**12, "billion": 10**9, "bn": 10**9, "b": 10**9,
    "million": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6, "thousand": 10**3, "k": 10**3,
    "crore": 10**7, "lakh": 10**5,
}  # fmt: skip
HEDGES = {
    "about": "approximate", "around": "approximate", "approximately": "approximate",
    "roughly": "approximate", "nearly": "approximate", "almost": "approximate",
    "some": "approximate", "close to": "approximate", "an estimated": "approximate",
    "near": "approximate",
    "estimated": "approximate", "up to": "up_to", "as much as": "up_to",
    "more than": "more_than", "over": "more_than", "at least": "more_than",
    "in excess of": "more_than", "above": "more_than", "just over": "more_than",
    "less than": "less_than", "under": "less_than", "below": "less_than",
}  # fmt: skip
# How far before an amount a hedge word may sit ("up from the approximately US$120m").
HEDGE_WINDOW = 30
REFERS_TO_MAX = 160

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Headlines capitalise the scale ("$225 Million"); single letters keep their case ("5m", "5M").
_SCALE = (
    r"(?:\s?("
    + "|".join(w if len(w) < 3 else f"(?i:{w})" for w in sorted(SCALES, key=len, reverse=True))
    + r"))?(?![A-Za-z])"
)
_UNIT = r"(?:\s*(?:/|per\s+)(kg|kilogram|tonne|t|ton|lb|pound|oz|ounce|mtu|dmtu))?"
_PREFIX_RX = re.compile(
    r"(?<![A-Za-z$])("
    + "|".join(re.escape(p) for p in sorted(PREFIXES, key=len, reverse=True))
    + rf")\s?({_NUM}){_SCALE}{_UNIT}"
)
_SUFFIX_RX = re.compile(
    rf"(?<![\w$.,])({_NUM}){_SCALE}\s+("
    + "|".join(re.escape(s) for s in sorted(SUFFIXES, key=len, reverse=True))
    + r")\b"
)
_HEDGE_RX = re.compile(
    r"\b(" + "|".join(sorted(HEDGES, key=len, reverse=True)) + r")\s+(?:the\s+)?$", re.IGNORECASE
)


@dataclass
class Amount:
    """A stated amount; start/end index the original text."""

    amount: float
    currency: str
    start: int
    end: int
    text: str
    usd: float | None = None
    unit: str | None = None
    flags: set[str] = field(default_factory=set)


def find_amounts(
    text: str, start: int, end: int, countries: set[str] = frozenset()
) -> list[Amount]:
    """All monetary amounts in text[start:end], with hedges and USD pairing."""
    found: list[Amount] = []
    for m in _PREFIX_RX.finditer(text, start, end):
        if PREFIXES[m.group(1)] == "KWACHA" and not (countries & KWACHA_COUNTRIES and m.group(3)):
            continue
        found.append(
            _build(
                text,
                m,
                PREFIXES[m.group(1)],
                m.group(2),
                m.group(3),
                m.group(4),
                countries,
            )
        )
    for m in _SUFFIX_RX.finditer(text, start, end):
        if any(a.start <= m.start() < a.end for a in found):
            continue
        found.append(_build(text, m, SUFFIXES[m.group(3)], m.group(1), m.group(2), None, countries))
    found.sort(key=lambda a: a.start)
    _pair_restatements(text, found)
    return found


def _build(
    text: str,
    m: re.Match,
    currency: str,
    number: str,
    scale: str | None,
    unit: str | None,
    countries: set[str],
) -> Amount:
    """An Amount in full units, with the hedge written just before it."""
    if currency in SHARED_NAMES:
        table = SHARED_NAMES[currency]
        currency = next((table[c] for c in table if c in countries), next(iter(table.values())))
    value = float(number.replace(",", "")) * SCALES.get((scale or "").lower(), 1)
    a = Amount(value, currency, m.start(), m.end(), m.group(0), unit=unit)
    if currency == "USD":
        a.usd = value
    hedge = _HEDGE_RX.search(text[max(0, m.start() - HEDGE_WINDOW) : m.start()])
    if hedge:
        a.flags.add(HEDGES[hedge.group(1).lower()])
    return a


def _pair_restatements(text: str, amounts: list[Amount]) -> None:
    """Give a non-USD amount the USD figure it is restated as: "A$390m (US$258m)"."""
    for a, b in zip(amounts, amounts[1:], strict=False):
        between = text[a.end : b.start]
        if not re.fullmatch(r"\s*\(\s*(?:[a-z]+\s+)?", between):
            continue
        if a.currency == "USD" and b.currency != "USD":
            b.usd = a.usd
            b.flags |= a.flags
        elif b.currency == "USD" and a.currency != "USD":
            a.usd = b.usd


# A clause shorter than this ("which traded near $430") gets the clause before it for context.
MIN_CLAUSE = 60
_CLAUSE_SEP = re.compile(r",\s|;\s|\s[—–]\s")


def refers_to(sentence: str, rel_start: int, rel_end: int, flags: set[str]) -> str:
    """A short description of what the amount is: its clause, plus the hedge."""
    cuts = [0] + [m.end() for m in _CLAUSE_SEP.finditer(sentence)] + [len(sentence) + 2]
    i = max(k for k, c in enumerate(cuts[:-1]) if c <= rel_start)
    lo, hi = cuts[i], cuts[i + 1] - 2
    while i > 0 and hi - lo < MIN_CLAUSE:
        i -= 1
        lo = cuts[i]
    clause = sentence[lo:hi].strip(" ,.;—–")
    if len(clause) > REFERS_TO_MAX:
        clause = clause[:REFERS_TO_MAX].rsplit(" ", 1)[0] + "…"
    label = {"approximate": "approximate", "up_to": "up to", "more_than": "more than",
             "less_than": "less than"}  # fmt: skip
    tags = [label[f] for f in sorted(flags) if f in label]
    return clause + (f" ({', '.join(tags)})" if tags else "")
