"""Country mentions (names, short forms, demonyms, capitals) resolved to ISO 3166 alpha-3."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import pycountry

# Country names that are usually something else in English news text.
AMBIGUOUS_NAMES = frozenset({"Chad", "Jordan", "Georgia", "Jersey", "Guernsey", "Man", "Reunion"})
# Short forms, demonyms and adjectives pycountry does not carry.
EXTRA_FORMS: dict[str, str] = {
    "US": "USA", "U.S.": "USA", "USA": "USA", "U.S.A.": "USA", "America": "USA",
    "American": "USA", "Americans": "USA", "United States": "USA",
    "UK": "GBR", "U.K.": "GBR", "Britain": "GBR", "British": "GBR", "Great Britain": "GBR",
    "Chinese": "CHN", "Russia": "RUS", "Russian": "RUS", "South Korea": "KOR", "Korean": "KOR",
    # As "Korean" is, a bare "Korea" is the South; the North is named as such.
    "South Korean": "KOR", "Korea": "KOR", "North Korea": "PRK", "North Korean": "PRK",
    "Iran": "IRN",
    "Iranian": "IRN", "Vietnam": "VNM", "Vietnamese": "VNM", "Taiwan": "TWN", "Taiwanese": "TWN",
    "Bolivia": "BOL", "Bolivian": "BOL", "Venezuela": "VEN", "Tanzania": "TZA", "Laos": "LAO",
    "Syria": "SYR", "Moldova": "MDA", "Czech Republic": "CZE", "Turkey": "TUR", "Turkish": "TUR",
    "DR Congo": "COD", "DRC": "COD", "Democratic Republic of Congo": "COD",
    "Democratic Republic of the Congo": "COD", "Congolese": "COD",
    # In minerals news a bare "Congo" is the DRC; the other Congo is named in full.
    "Congo": "COD", "Republic of Congo": "COG", "Republic of the Congo": "COG",
    "Congo-Brazzaville": "COG",
    "Pakistani": "PAK", "Malaysian": "MYS", "Thai": "THA", "Australian": "AUS",
    "Danish": "DNK", "Canadian": "CAN", "Dutch": "NLD", "Netherlands": "NLD", "Japanese": "JPN",
    "Indian": "IND", "Indonesian": "IDN", "Filipino": "PHL", "Philippine": "PHL",
    "German": "DEU", "French": "FRA", "Italian": "ITA", "Spanish": "ESP", "Portuguese": "PRT",
    "Swedish": "SWE", "Norwegian": "NOR", "Finnish": "FIN", "Polish": "POL", "Belgian": "BEL",
    "Swiss": "CHE", "Austrian": "AUT", "Ukrainian": "UKR", "Kazakh": "KAZ", "Kazakhstani": "KAZ",
    "Uzbek": "UZB", "Tajik": "TJK", "Mongolian": "MNG", "Saudi": "SAU", "Saudi Arabian": "SAU",
    "Emirati": "ARE",
    "UAE": "ARE", "Qatari": "QAT", "Israeli": "ISR", "Egyptian": "EGY", "Moroccan": "MAR",
    "South African": "ZAF", "Nigerian": "NGA", "Ghanaian": "GHA", "Kenyan": "KEN",
    "Zambian": "ZMB", "Zimbabwean": "ZWE", "Namibian": "NAM", "Malagasy": "MDG",
    "Mozambican": "MOZ", "Rwandan": "RWA", "Ugandan": "UGA", "Ethiopian": "ETH",
    "Brazilian": "BRA", "Chilean": "CHL", "Argentine": "ARG", "Argentinian": "ARG",
    "Peruvian": "PER", "Mexican": "MEX", "Colombian": "COL", "Ecuadorian": "ECU",
    "Greenlandic": "GRL", "Greenlander": "GRL", "Icelandic": "ISL", "Irish": "IRL",
    "New Zealand": "NZL", "Singaporean": "SGP", "Burmese": "MMR", "Myanmar": "MMR",
    "Cambodian": "KHM", "Lao": "LAO", "Sri Lankan": "LKA", "Bangladeshi": "BGD", "Nepali": "NPL",
    "Afghan": "AFG", "Iraqi": "IRQ", "Omani": "OMN", "Kuwaiti": "KWT", "Bahraini": "BHR",
    "Guinean": "GIN", "Malian": "MLI", "Burkinabe": "BFA", "Gabonese": "GAB",
}  # fmt: skip
# Capitals and major cities (metonymy: "Beijing said"), and sub-national places.
PLACES: dict[str, str] = {
    "Washington": "USA", "New York": "USA", "Texas": "USA", "Nevada": "USA", "California": "USA",
    "Alaska": "USA", "New Mexico": "USA", "Arizona": "USA", "Utah": "USA", "Wyoming": "USA",
    "Idaho": "USA",
    "Montana": "USA", "Oklahoma": "USA", "Louisiana": "USA", "Tennessee": "USA", "Ohio": "USA",
    "Michigan": "USA", "Oregon": "USA", "Colorado": "USA", "North Carolina": "USA",
    "South Carolina": "USA", "Houston": "USA", "Chicago": "USA", "Denver": "USA",
    "Beijing": "CHN", "Shanghai": "CHN", "Shenzhen": "CHN", "Inner Mongolia": "CHN",
    "Jiangxi": "CHN", "Baotou": "CHN", "Hong Kong": "HKG",
    "Islamabad": "PAK", "Karachi": "PAK", "Lahore": "PAK", "Balochistan": "PAK",
    "Kuala Lumpur": "MYS", "Putrajaya": "MYS", "Pahang": "MYS", "Sarawak": "MYS",
    "Bangkok": "THA", "Tokyo": "JPN", "Seoul": "KOR", "New Delhi": "IND", "Mumbai": "IND",
    "Jakarta": "IDN", "Manila": "PHL", "Hanoi": "VNM", "Naypyidaw": "MMR",
    "Canberra": "AUS", "Sydney": "AUS", "Melbourne": "AUS", "Perth": "AUS", "Brisbane": "AUS",
    "Western Australia": "AUS", "Queensland": "AUS", "New South Wales": "AUS",
    "Northern Territory": "AUS", "Ottawa": "CAN", "Toronto": "CAN", "Vancouver": "CAN",
    "Montreal": "CAN", "Quebec": "CAN", "Ontario": "CAN", "British Columbia": "CAN",
    "Saskatchewan": "CAN", "Alberta": "CAN", "Nuuk": "GRL", "Copenhagen": "DNK",
    "London": "GBR", "Brussels": "BEL", "Berlin": "DEU", "Paris": "FRA", "The Hague": "NLD",
    "Amsterdam": "NLD", "Stockholm": "SWE", "Oslo": "NOR", "Kyiv": "UKR", "Moscow": "RUS",
    "Astana": "KAZ", "Almaty": "KAZ", "Tashkent": "UZB", "Ulaanbaatar": "MNG",
    "Riyadh": "SAU", "Abu Dhabi": "ARE", "Dubai": "ARE", "Doha": "QAT", "Kinshasa": "COD",
    "Lubumbashi": "COD", "Katanga": "COD", "Lusaka": "ZMB", "Harare": "ZWE", "Pretoria": "ZAF",
    "Johannesburg": "ZAF", "Nairobi": "KEN", "Kigali": "RWA", "Antananarivo": "MDG",
    "Santiago": "CHL", "Buenos Aires": "ARG", "Lima": "PER", "Brasilia": "BRA",
    "Sao Paulo": "BRA", "Mexico City": "MEX", "Bogota": "COL", "La Paz": "BOL",
}  # fmt: skip
# Names containing a country name that are not that country (longest match hides them).
BLOCKERS = (
    "South America", "Latin America", "North America", "Central America",
    # the adjectives too: "Latin American prepayments" names no country
    "South American", "Latin American", "North American", "Central American",
    "New England", "Georgia Tech", "Papua New Guinea",
)  # fmt: skip


@dataclass(frozen=True)
class CountryMention:
    """A country mention with offsets into the text."""

    iso3: str
    start: int
    end: int
    text: str


def _build_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(c, attr, None)
            if name and "," not in name and name not in AMBIGUOUS_NAMES:
                table[name] = c.alpha_3
    table.update(EXTRA_FORMS)
    table.update(PLACES)
    table["Papua New Guinea"] = "PNG"
    for b in BLOCKERS:
        table.setdefault(b, "")
    return table


_TABLE = _build_table()
_RX = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(k) for k in sorted(_TABLE, key=len, reverse=True))
    + r")(?![\w$])(?!-[a-z]+ium)"
)


def find_countries(text: str, start: int = 0, end: int | None = None) -> list[CountryMention]:
    """Country mentions in text[start:end] (case-sensitive: they are proper nouns)."""
    end = len(text) if end is None else end
    out = []
    for m in _RX.finditer(text, start, end):
        iso = _TABLE[m.group(0)]
        if iso and m.group(0) in PLACES and re.match(r"-listed\b", text[m.end() : m.end() + 8]):
            # "Toronto-listed": a city named for the exchange where shares trade, no country of
            # the deal ("an Australian-listed company" names the country itself)
            continue
        if iso:
            out.append(CountryMention(iso, m.start(), m.end(), m.group(0)))
    return out


def is_based_mention(text: str, mention: CountryMention) -> bool:
    """True for "Vancouver-based": a company's home, not a party to the deal."""
    return bool(re.match(r"-based\b", text[mention.end : mention.end + 8]))


def country_of_place(name: str) -> str | None:
    """ISO3 for a dateline place or country name ("PERTH", "RENO, Nev."), else None."""
    key = name.strip().title()
    hit = _TABLE.get(key) or _TABLE.get(name.strip())
    if hit:
        return hit
    for part in re.split(r",\s*", name):
        hit = _TABLE.get(part.strip().title()) or _US_STATE_ABBR.get(part.strip())
        if hit:
            return hit
    # Datelines are often provinces or capital districts ISO 3166-2 lists ("DAR ES SALAAM").
    return _subdivisions().get(_fold(re.split(r",\s*", name)[0]))


def _fold(name: str) -> str:
    """Case- and accent-free form ("Potosí" and "POTOSI" meet)."""
    decomposed = unicodedata.normalize("NFKD", name.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache
def _subdivisions() -> dict[str, str]:
    """Subdivision name -> ISO3, for names that belong to one country only."""
    owners: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        owners.setdefault(_fold(sub.name), set()).add(sub.country_code)
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    return {
        n: alpha3[next(iter(cc))]
        for n, cc in owners.items()
        if len(cc) == 1 and cc <= alpha3.keys()
    }


# Postal-style state abbreviations used in US datelines ("RENO, Nev.").
_US_STATE_ABBR = {
    a: "USA"
    for a in [
        "Ala.",
        "Ariz.",
        "Ark.",
        "Calif.",
        "Colo.",
        "Conn.",
        "Del.",
        "Fla.",
        "Ga.",
        "Ill.",
        "Ind.",
        "Kan.",
        "Ky.",
        "La.",
        "Md.",
        "Mass.",
        "Mich.",
        "Minn.",
        "Miss.",
        "Mo.",
        "Mont.",
        "Neb.",
        "Nev.",
        "N.H.",
        "N.J.",
        "N.M.",
        "N.Y.",
        "N.C.",
        "N.D.",
        "Okla.",
        "Ore.",
        "Pa.",
        "R.I.",
        "S.C.",
        "S.D.",
        "Tenn.",
        "Tex.",
        "Vt.",
        "Va.",
        "Wash.",
        "W.Va.",
        "Wis.",
        "Wyo.",
    ]
}
