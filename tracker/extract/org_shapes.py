"""Organisation names found by the shape of the sentence around them rather than by a suffix:
coordination with a found body, apposition ("X, a vehicle of A and B"), the subject of a deal
verb, public bodies named "Office of ...", and legislatures that vote on a deal."""

from __future__ import annotations

import functools
import re

import pycountry

from .countries import country_of_place, find_countries
from .sentences import UPPER

# One capitalised word of a name; accented letters and inner hyphens allowed.
# ("People's" is a word of names in several traditions: "Lai Chau Provincial People's Committee",
# "People's Bank of China"; other possessives mark an owner.)
# (with a French or Italian elision: "Société Générale Côte d'Ivoire")
# (not a currency's prefix: "US$", "A$")
_W = (
    rf"(?![{UPPER}]{{1,3}}\$)(?!(?!People['’]s\b)[{UPPER}][\w&.-]*['’]s\b)"
    rf"(?:[dl]['’])?[{UPPER}][\w&'’.-]*"
)
# An owner's possessive that starts a new name ("South Korea's X"), not "People's".
_OWNER_MARK = re.compile(r"(?<!^People)['’]s$")
# Offices whose possessive names a body of theirs ("the Attorney General's Chambers"): cut at the
# possessive, what is left is no body's whole name.
_OFFICE_OWNER = re.compile(r"\b(?:General|Minister|President|Secretary|Governor|Auditor)['’]s$")
# The owner in a possessive ("India's Ministry of Mines").
_OWNER = r"[A-Z][\w.]*(?:\s[A-Z][\w.]*)?"
# A name of up to six capitalised words joined by the small words names carry.
_SPAN = rf"{_W}(?:\s+(?:(?:of|de|del|y|for|the|la|da|do|du|des|di)\s+){{0,2}}{_W}){{0,5}}"
# Titles and role words before a person's name ("Prime Minister Narendra Modi").
_PERSON_BEFORE = re.compile(
    r"\b(?:President|Minister|Premier|Chancellor|Senator|Governor|Mr|Ms|Mrs|Dr|Hon|King|Queen|"
    r"Sheikh|Prince|Secretary|executive|chairman|chairwoman|director|officer|spokesperson|"
    r"spokesman|spokeswoman|CEO|founder|analyst|economist)\.?\s+$"
)
# Verbs that give their subject a part in a deal (signatory, investor, lender, buyer, seller).
_ROLE_VERB = (
    r"(?:also\s+|has\s+|have\s+|had\s+|on\s+\w+\s+)?(?:signed|agreed|invested|lent|bought|"
    r"acquired|secured|given|provided|committed|pledged|won|took|takes|will\s+buy|will\s+take|"
    r"shipped|exported|sold|supplied|paid|received|ratified|endorsed|"
    # "the District Mining Office granted the permit", "X and Y issued a commitment letter", "the
    # Council recommended the lease": a regulator's or a lender's act on the deal.
    r"granted|issued|recommended|"
    # "X is lending $420 million", "Y is covering a further tranche": a lender or insurer now.
    r"(?:is|are)\s+(?:lending|providing|covering|insuring|guaranteeing|financing|investing|buying)|"
    r"will\s+invest|will\s+lend|approved\s+(?:a|an)\s(?!(?:new\s+)?(?:bill|law|policy|resolution|decree|budget)\b))"
)
# "PowerCo, which signed ...": the subject of a relative clause's deal verb.
_WHICH_RX = re.compile(rf"({_SPAN}),\s+(?:which|who)\s+{_ROLE_VERB}")
# The same relative clause right after a name found another way.
ROLE_CLAUSE = re.compile(rf",\s+(?:which|who)\s+{_ROLE_VERB}")
_MONEY_VERB = re.compile(r"\s+(?:have\s+|has\s+|had\s+)?(?:given|provided|lent|invested|committed)")
# "Danantara, the sovereign wealth fund set up in February, agreed ...": an apposition between.
_APPOSITION = rf"(?:,\s+(?:(?:the|a|an|which|who|whose)\s+|{_OWNER}['’]s\s+)[^,;]{{1,70}},)?"
_BODY_NOUN = re.compile(
    rf",\s+(?:(?:the|a|an)\s+|{_OWNER}['’]s\s+)[^,;]{{0,50}}?\b(?:miner|company|firm|producer|bank|"
    r"lender|agency|refiner|trader|group|developer|operator|fund|insurer|smelter|maker|"
    r"conglomerate|parliament|legislature|senate|assembly)\b"
)
_SUBJECT_RX = re.compile(
    # "..., said X, Mexico's state development bank, had approved": reported speech's subject.
    rf"(?:^|(?<=[.;:]\s)|(?<=,\s)|(?<=\band\s)|(?<=\s[-—–]\s)|(?<=['’]s\s)|(?<=\bsaid\s)|"
    rf"(?<=\bthat\s)|(?<=\bthe\s))({_SPAN}){_APPOSITION}"
    rf"\s+{_ROLE_VERB}"
)
# "X, a joint venture of A and B": the vehicle and its owners are all parties.
# Descriptors between "and" and a name: "and Philippine miner X", "and the brine producer X".
_DESCRIBED = (
    # "Gabon's state-owned X": an ownership adjective before the name.
    rf"(?:{_OWNER}['’]s\s+)?(?:(?:state-owned|state-run|family-owned|listed)\s+)?"
    # ("the Belgian-Burundian investment group X": a demonym of two countries)
    rf"(?:(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+)?(?:[a-z-]+\s+){{0,2}}?(?:miner|producer|company|"
    rf"group|lender|bank|trader|firm|refiner|smelter|maker|fund|agency|insurer|developer|operator|"
    rf"investor|conglomerate|partner|house)\s+)?"
)
_VEHICLE_RX = re.compile(
    rf"(?:({_SPAN}),\s+)?(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}?(?:vehicle|joint\s+venture|venture)\s+"
    rf"(?:(?:owned|set\s+up|formed|created)\s+)?(?:of|by|between)\s+(?:the\s+)?{_DESCRIBED}({_SPAN})"
    rf"(?:\s+and\s+(?:the\s+)?{_DESCRIBED}({_SPAN}))?"
)
# "owned by X", "from X" after a purchase or a loan, "produced by X": the other side of the deal.
_COUNTERPART_RX = re.compile(
    # ("a company owned 51% by X and 49% by Y": a vehicle's owners, each with its share)
    rf"\b(?:owned\s+(?:\d+(?:\.\d+)?\s?(?:%|per\s?cent)\s+)?by|(?<=\d)(?:%|\s+per\s?cent)\s+by|"
    rf"produced\s+by|buy\s+.{{0,80}}?\bfrom|(?:loans?|facility|line|financing|"
    rf"credit|funding|prepayment)\s+from|(?:loans?|line|facility|financing|prepayment)\s+to|"
    # "an offtake for copper concentrate from X", "to buy the entire output of X": the seller.
    rf"(?:offtake|concentrate|ore|output|production)\s+(?:from|of)(?=\s+[A-Z])|"
    # "sold the cargo to X": the buyer.
    rf"\bsold\s+(?:the\s+|its\s+|a\s+)?(?:[\w,-]+\s+){{0,4}}?to(?=\s+[A-Z])|"
    # "was signed by the Cabinet", not "must be ratified by": a plan names no party yet.
    rf"(?<!\bbe\s)(?:signed|ratified|granted|issued|renewed|extended|approved|awarded|"
    # "five banks led by X", "a tranche insured by Y": a lender or guarantor.
    rf"led|arranged|underwritten|guaranteed|insured|financed|funded)"
    # "renewed in September by X": a date between the act and its author.
    rf"(?:\s+(?:in|on)\s+[A-Z][a-z]+(?:\s+\d{{1,4}})?)?\s+by|"
    # "a stake purchase in the plant by X", "14% of X": the buyer, the company bought into.
    rf"(?:purchases?|acquisitions?|takeovers?)\b[^.;]{{0,60}}?\bby|\d+(?:\.\d+)?(?:%|\s+per\s?cent)\s+(?:stake\s+)?(?:of|in))"
    # "a loan from Nordic lender X": the descriptor before the name is not part of it.
    rf"\s+(?:the\s+)?{_DESCRIBED}({_SPAN})"
)
# "a 40% stake in the Salar Blanco brine project": the name of a site, not of a body.
_SITE_AFTER = re.compile(
    r"(?:\s+[A-Z][\w-]*)*\s+(?:[a-z-]+\s+)?(?:project|mine|deposit|plant|field|concession|block|"
    r"refinery|smelter)s?\b"
)
# "The Minister of Mining of Chile signed": a minister acts for the ministry.
MINISTER_RX = re.compile(
    rf"\b(?:the\s+)?(?:({_OWNER})['’]s\s+)?Minister\s+(?:of|for)\s+({_W}(?:(?:,\s+|\s+and\s+|\s+)"
    rf"(?!of\b){_W}){{0,4}})(?:\s+of\s+({_W}(?:\s+{_W})?))?(?=[\s,][^.;]*?\b(?:signed|agreed|"
    rf"approved|inked|concluded)\b)"
)
# A comma inside a body's name only in a list that "and" closes ("Ministry of Lands, Housing and
# Urban Development"; not "Ministry of Mining, Government of Malawi").
_LIST_COMMA = rf",\s+(?=(?:{_W}\s+){{0,2}}{_W},?\s+and\s)"
# Public bodies named by an office word ("Office of Strategic Capital", "Secretariat of Mining").
_OFFICE_RX = re.compile(
    rf"(?:\b({_OWNER})['’]s\s+)?\b((?:Federal\s+|General\s+)?(?:Office|Secretariat|Bureau|Directorate|Ministry|"
    # "Directorate General of Mineral and Coal", "Directorate-General for Trade"
    rf"Department)(?:[- ]General)?\s+(?:of|for)\s+"
    rf"(?:the\s+)?{_W}(?:(?:{_LIST_COMMA}|\s+and\s+|\s+)(?!of\b){_W}){{0,4}}"
    # "... of New Brunswick": a place of up to three words closes the name ("... of the Republic
    # of Uzbekistan": a state's formal name, with its own "of").
    rf"(?:\s+of\s+(?:the\s+)?(?:(?:Republic|Kingdom|Federation|Sultanate|State)\s+of\s+(?:the\s+)?)?"
    rf"{_W}(?:\s+{_W}){{0,2}})?)"
)
# "Mongolia's Mineral Resources and Petroleum Authority": a public body by its head word, with its
# country in the possessive (named "X of Country").
_AUTHORITY_RX = re.compile(
    rf"\b({_OWNER})['’]s\s+((?:{_W}\s+(?:and\s+)?){{1,5}}(?:Authority|Agency|Commission|"
    r"Administration|Inspectorate|Regulator|Institute|Service|Survey))\b"
)
# "Madagascar's mines ministry", "Argentina's economy ministry": a ministry told by its country's
# possessive and its portfolio in lower case is labelled "Ministry of Mines of Madagascar".
_LOWER_MINISTRY_RX = re.compile(
    rf"\b({_OWNER})['’]s\s+((?!(?:own|new|former|local|state|federal)\b)[a-z]+)\s+ministry\b"
    # only as the author of an act ("said it would provide loans" is a plan, not a part)
    r"(?=\s+(?:has\s+|had\s+)?(?:approved|granted|signed|issued|imposed|announced|extended|put|"
    r"placed|banned|restricted|awarded|cleared|suspended|halted|renewed)\b)"
)
# Legislatures: their names, then a vote on a deal in the same clause.
_LEGISLATURE = (
    # A chamber named in Spanish, Portuguese, French or English, with its province or country
    # ("Cámara de Diputados de Catamarca", "Chamber of Deputies of Chile").
    # (a town's council: "the Municipal Chamber of Itinga", "Câmara Municipal de Itinga")
    # (its town or region before or after it: "the Poproč Municipal Council", "the Regional
    # Council of Central Greece")
    r"(?:(?:Cámara\s+de\s+(?:Diputados|Senadores)|(?:(?!The\b)"
    + _W
    + r"\s+)?(?:Municipal\s+(?:Chamber|Council)|City\s+Council)|"
    r"(?:Regional|Provincial|County|District)\s+Council|"
    r"Câmara\s+Municipal|Concejo\s+Municipal|Conseil\s+[Mm]unicipal|Câmara\s+dos\s+Deputados|Chambre\s+des\s+"
    r"[Dd]éputés|Chamber\s+of\s+Deputies|Asamblea\s+(?:Nacional|Legislativa)|Assemblée\s+"
    r"[Nn]ationale)(?:\s+(?:de|do|da|del|of)\s+(?:la\s+|the\s+)?"
    + _W
    + r"(?:\s+"
    + _W
    + r"){0,2})?|"
    r"National\s+Assembly|House\s+of\s+Representatives|Parliament(?:\s+of\s+" + _W + r")?|"
    r"Senate|Congress|Mazhilis|Duma|Storting|Riksdag|Bundestag|(?:" + _W + r"\s+){1,2}Assembly)"
)
# (a date's abbreviated month may stand between: "House of Representatives on Nov. 17 approved";
# an order or a waiver for the project is the deal's as much as its contract)
_NOT_STOP = r"(?:[^.;]|(?<=\b[A-Z][a-z]{2})\.(?=\s\d))"
_LEGISLATURE_RX = re.compile(
    rf"(?:\b({_OWNER})['’]s\s+)?(?:the\s+)?\b({_LEGISLATURE})\b(?!['’]){_NOT_STOP}{{0,100}}?\b"
    r"(?:ratified|approved|voted|passed)\b[^.;]{0,80}?\b(?:agreements?|memorand\w+|MoU|deal|"
    r"contract|lease|guarantee|arrangement|accord|pact|treaty|partnership|convention|order|"
    r"waiver|exemption)\b"
)
# "the ratification of the agreement by the Parliament of the United Republic of Tanzania":
# a legislature named after the act it did, in full.
_RATIFIED_BY_RX = re.compile(
    r"\b(?:ratification|approval|ratified|approved)\s+of\s+[^.;]{0,80}?\bby\s+(?:the\s+)?"
    rf"((?:National\s+Assembly|Parliament|Senate|Congress)(?:\s+of\s+(?:the\s+)?{_W}"
    rf"(?:\s+(?:of\s+)?{_W}){{0,4}})?)"
)
# "the District Mining Office in Košice, Obvodný banský úrad, gave us the permit", "the District
# Mining Office for the Karlovy Vary Region granted": a state office named by the district it
# serves, a party when it grants or approves the deal's permit.
_LOCAL_OFFICE_RX = re.compile(
    rf"\b((?:(?!The\b){_W}\s+){{1,3}}Office\s+(?:in|for)\s+(?:the\s+)?{_W}(?:\s+{_W}){{0,3}})"
    r"(?:,[^,.;]{1,60},)?\s+(?:has\s+|had\s+)?(?:granted|gave|issued|approved)\b"
)
# "Estonia's parliament, the Riigikogu, voted ...": a legislature's local name by apposition.
_LOCAL_LEGISLATURE_RX = re.compile(
    rf"\b(?:parliament|legislature|lower\s+house|upper\s+house|senate),\s+(?:the\s+)?({_W}(?:\s+{_W}){{0,2}}),"
    r"[^.;]{0,40}?\b(?:ratified|approved|voted|passed)\b"
)
# "the Majlisi namoyandagon, the lower house of Tajikistan's parliament, ratified ...": the local
# name first, the apposition after it (later words of a local name may be lower case).
_LEGISLATURE_FIRST_RX = re.compile(
    rf"\b((?!The\b){_W}(?:\s+(?:{_W}|[a-zà-ÿ]+)){{0,2}}),\s+(?:the|{_OWNER}['’]s)\s+(?:[\w'’]+\s+){{0,4}}?"
    r"(?:parliament|legislature|lower\s+house|upper\s+house|senate)\b[^,;.]{0,40},"
    r"[^.;]{0,40}?\b(?:ratified|approved|voted|passed)\b"
)
# A name's own-language form in brackets right after it.
# ("(Assemblée nationale)": later words of a local name may be lower case)
_LOCAL_NAME = re.compile(
    rf"\s*\(({_W}(?:\s+(?:(?:de|do|da|des|du|del|la|of)\s+)?(?:{_W}|[a-zà-ÿ]+)){{1,6}})\)"
)
_COORD_AFTER = re.compile(
    rf"(?:\s*\([A-Z][\w-]*\))?\s+(?:and|&)\s+(?:the\s+)?{_DESCRIBED}({_SPAN})"
)
# ("Proparco, the private-sector financing arm of X, and Y JSC signed": an apposition between)
_COORD_BEFORE = re.compile(
    rf"(?:^|[\s(])({_SPAN})(?:,\s+(?:the|an?)\s+[^,;()]{{1,70}},)?\s+and\s+(?:the\s+)?{_DESCRIBED}$"
)
# Words that start a capitalised span but are sentence furniture, not a name.
_NOT_NAMES = frozenset(
    (
        "The A An In On At For With By From And But Its Their It This That These Those Under "
        "After Before When While Separately Meanwhile Also Shares Analysts Officials Critics "
        "Investors Lawmakers Miners Traders Buyers Sellers Both Each Two Three Four Five Then "
        "Today Yesterday Pricing Hydroxide Congo "
        # pronouns and question words (an interview's questions and answers)
        "We You They I He She Our Your Us Who What Where Why How So Well Yes Now Exactly"
    ).split()
)
# Words that make a span a document, programme, event or place rather than a body.
_NOT_BODY = re.compile(
    r"\b(?:Act|Law|Policy|Programme|Program|Strategy|Plan|Initiative|Week|Summit|Forum|"
    r"Conference|Expo|Day|Agreement|MoUs?|Deal|Contract|Pact|Treaty|Memorandum|Framework|Project|Deposit|Mine|Region|Province|"
    r"Street|Road|Port|Bay|River|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
MAX_SPAN_WORDS = 7


def is_fragment(text: str, start: int, end: int) -> bool:
    """A candidate is the tail or head of a longer capitalised name: "Strategic Capital" in
    "Office of Strategic Capital", "Critical Raw Materials" in "... Act"."""
    if re.match(rf"\s+(?!(?:Inc|Ltd|LLC|Corp|Co|SA|AG|plc|PLC)\b){_W}", text[end : end + 40]):
        return True
    if re.match(r"\s*&\s*[A-Z]", text[end : end + 10]):
        return True  # "European Mining & Metals Weekly": the name goes on past "&"
    before = text[max(0, start - 60) : start]
    country_and = re.search(r"\s(?:of|for)\s+(?:the\s+)?([A-Z][\w -]*?)\s+and\s+$", before)
    if country_and and _is_country_name(country_and.group(1)):
        return False  # "The Government of Zambia and Orto Metals": a second body after a country
    # "Office of Strategic Capital", "Ministry of Energy and Natural Resources": a longer name.
    # ("on Wednesday for Alcántara Lithium's mine": a date, not a name, before "for").
    return bool(re.search(rf"\b(?!{_DAY_OR_MONTH}){_W}\s+(?:of|for)\s+(?:{_W}\s+and\s+)?$", before))


# Weekday and month names: words of a date, never the head of a longer name.
_DAY_OR_MONTH = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
    r"May|June|July|August|September|October|November|December)\b"
)


@functools.lru_cache(maxsize=4096)
def _clean_span(span: str) -> str | None:
    words = span.split()
    # "Toronto-based X", "Nasdaq-listed X", "South Korea's X": descriptors, not the name.
    marked = [i for i, w in enumerate(words) if re.search(r"-[a-z]+$", w) or _OWNER_MARK.search(w)]
    if marked:
        if _OFFICE_OWNER.search(words[marked[-1]]):
            return None
        words = words[marked[-1] + 1 :]
    while words and words[0] in _NOT_NAMES:
        words.pop(0)
    while words and words[-1].lower() in ("of", "and", "the", "for", "de", "del", "y"):
        words.pop()
    if not words or len(words) > MAX_SPAN_WORDS:
        return None
    name = " ".join(words).rstrip(".,;:'’")
    # "9.9 per cent of Norrsken for SEK 310 million": a currency code ends the name before it.
    name = re.sub(r"\s+(?:for|of)\s+[A-Z]{3}$", "", name)
    if _NOT_BODY.search(name) or name.isupper() and len(name) < 3:
        return None
    found = find_countries(name)
    if found and found[0].start == 0 and found[0].end == len(name):
        return None  # a bare country
    if country_of_place(name):
        return None  # a city or region
    return name


@functools.lru_cache(maxsize=4096)
def _is_country_name(words: str) -> bool:
    found = find_countries(words)
    return bool(found) and found[0].start == 0 and found[0].end == len(words)


@functools.lru_cache(maxsize=4096)
def _ends_in_country(body: str) -> bool:
    found = find_countries(body)
    return bool(found) and found[-1].end == len(body)


@functools.lru_cache(maxsize=4096)
def _possessive_country(owner: str | None) -> str | None:
    if not owner:
        return None
    found = find_countries(owner)
    return owner if found and found[0].end == len(owner) else None


# A public body's name by its head word ("Ministry of Mining", "State Committee on Investments").
_PUBLIC_HEAD = re.compile(
    r"(?:State\s+|National\s+|Federal\s+)?(?:Ministry|Department|Office|Secretariat|Bureau|"
    r"Directorate|Committee|Commission|Agency|Authority|Inspectorate|Administration)\b"
)
_OWNER_BEFORE = re.compile(rf"\b({_OWNER})['’]s\s+$")


def with_possessive_country(text: str, start: int, name: str) -> str:
    """ "Chile's Ministry of Mining" (a name found without its owner, split from a pair, say):
    a public body with its country in the possessive is named "X of Country" (README)."""
    led = re.match(r"([A-Z][a-z]+)\s+(?=(?:Ministry|Department)\s+of\s)", name)
    if led and _ADJECTIVE_BEFORE.search(led.group(0)) and _country_of_adjective(led.group(1)):
        # "Ethiopian Ministry of Mines" found whole: the adjective is the country's
        if not _ends_in_country(name[led.end() :]):
            return f"{name[led.end() :]} of {_country_of_adjective(led.group(1))}"
    if not _PUBLIC_HEAD.match(name) or _ends_in_country(name):
        return name
    owner = _OWNER_BEFORE.search(text, max(0, start - 40), start)
    country = _possessive_country(owner.group(1)) if owner else None
    if not country:
        # "The Ethiopian Ministry of Mines": a people's adjective is labelled like a possessive.
        adjective = _ADJECTIVE_BEFORE.search(text, max(0, start - 30), start)
        country = _country_of_adjective(adjective.group(1)) if adjective else None
    return f"{name} of {country}" if country else name


_ADJECTIVE_BEFORE = re.compile(r"(?:^|\s)([A-Z][a-z]+(?:an|ese|ish|i|ic|ch))[ \t]+$")


@functools.lru_cache(maxsize=1024)
def _country_of_adjective(word: str) -> str | None:
    """The country's common name for its people's adjective ("Ethiopian" -> "Ethiopia")."""
    found = find_countries(word)
    if not found or found[0].start or found[0].end != len(word):
        return None
    country = pycountry.countries.get(alpha_3=found[0].iso3)
    name = country and (getattr(country, "common_name", None) or country.name)
    return name if name and "," not in name and name != word else None


def shaped_names(text: str, start: int, end: int, found: list[str]) -> list[tuple[str, int, int]]:
    """(name, start, end) of bodies the sentence's shape marks as parties; `found` holds names
    already found in this sentence, whose coordinated neighbours are bodies too."""
    out: list[tuple[str, int, int]] = []

    def add(name: str | None, s: int) -> None:
        if name:
            out.append((name, s, s + len(name)))

    sentence = text[start:end]
    for m in _OFFICE_RX.finditer(sentence):
        body = m.group(2).rstrip(".,;: ")
        country = _possessive_country(m.group(1))
        name = f"{body} of {country}" if country and not _ends_in_country(body) else body
        if not _NOT_BODY.search(body):
            out.append((name, start + m.start(2), start + m.start(2) + len(body)))
    for m in _AUTHORITY_RX.finditer(sentence):
        country = _possessive_country(m.group(1))
        if country and not _ends_in_country(m.group(2)):
            out.append((f"{m.group(2)} of {country}", start + m.start(2), start + m.end(2)))
    for m in _LOWER_MINISTRY_RX.finditer(sentence):
        country = _possessive_country(m.group(1))
        if country:
            name = f"Ministry of {m.group(2).capitalize()} of {country}"
            out.append((name, start + m.start(2), start + m.end()))
    for m in MINISTER_RX.finditer(sentence):
        country = _possessive_country(m.group(1)) or _possessive_country(m.group(3))
        if country and not _NOT_BODY.search(m.group(2)):
            out.append(
                (f"Ministry of {m.group(2)} of {country}", start + m.start(), start + m.end())
            )
    for m in _LEGISLATURE_RX.finditer(sentence):
        country = _possessive_country(m.group(1))
        body = m.group(2)
        local = _LOCAL_NAME.match(sentence, m.end(2))
        if local:
            # "the Municipal Chamber of Itinga (Câmara Municipal de Itinga)": its local name
            add(local.group(1), start + local.start(1))
            continue
        add(
            f"{body} of {country}" if country and not _ends_in_country(body) else body,
            start + m.start(2),
        )
    for rx in (_LOCAL_LEGISLATURE_RX, _LEGISLATURE_FIRST_RX):
        for m in rx.finditer(sentence):
            add(m.group(1), start + m.start(1))
    for m in _RATIFIED_BY_RX.finditer(sentence):
        add(m.group(1), start + m.start(1))
    for m in _LOCAL_OFFICE_RX.finditer(sentence):
        add(m.group(1), start + m.start(1))
    for m in _VEHICLE_RX.finditer(sentence):
        for g in (1, 2, 3):
            if m.group(g):
                name = _clean_span(m.group(g))
                if name:
                    add(name, start + m.start(g) + m.group(g).find(name))
    for rx in (_SUBJECT_RX, _WHICH_RX, _COUNTERPART_RX):
        for m in rx.finditer(sentence):
            if _PERSON_BEFORE.search(sentence, 0, m.start(1)) or _SITE_AFTER.match(
                sentence, m.end(1)
            ):
                continue
            name = _clean_span(m.group(1))
            money_verb = _MONEY_VERB.match(sentence, m.end(1))
            # An owner or seller ("owned by X"), a money verb's subject and a name with a
            # descriptor ("State-owned X") are rarely people.
            described = bool(re.search(r"-(?:owned|based|listed|run)\b", m.group(1)))
            # "Kivu Minerais, the state miner, signed": the apposition says it is a body.
            described |= bool(_BODY_NOUN.match(sentence, m.end(1), m.end()))
            certain = money_verb or described or rx is _COUNTERPART_RX
            if name and _plural_noun(name, text, not sentence[: m.start(1)].strip()):
                continue  # "Firms invested ...": a common noun starting the sentence
            # "CMOC shipped ...": an acronym of three letters or more is a body, not "US" or "EU".
            acronym_ok = rx is _COUNTERPART_RX or not (name or "").isupper() or len(name or "") > 2
            if name and acronym_ok and (certain or not is_person(name, text)):
                add(name, start + m.start(1) + m.group(1).find(name))
    for name in [*found, *(n for n, _, _ in out)]:
        for m in re.finditer(re.escape(name), sentence):
            after = _COORD_AFTER.match(sentence, m.end())
            if after:
                n = _clean_span(after.group(1))
                if n:
                    add(n, start + after.start(1) + after.group(1).find(n))
            before = _COORD_BEFORE.search(sentence, 0, m.start())
            if before:
                n = _clean_span(before.group(1))
                if n:
                    add(n, start + before.start(1) + before.group(1).find(n))
    return out


def _plural_noun(name: str, text: str, opens_sentence: bool) -> bool:
    """ "Firms invested ...": a plural common noun opening the sentence, or one the text also
    writes in lower case (unlike "The following day, Gécamines, the state miner, signed")."""
    plural = " " not in name and name.endswith("s") and not name.endswith("ss")
    lower = re.search(rf"\b{re.escape(name.lower())}\b", text) is not None
    return plural and (opens_sentence or lower)


def is_person(name: str, text: str) -> bool:
    """Two plain capitalised words with no body word are as likely a person as a body; one
    word is a person's surname when the text also gives it after a first name or title."""
    words = name.split()
    if len(words) == 2 and all(w.isalpha() and w[1:].islower() for w in words):
        return True
    return len(words) == 1 and bool(
        # "Jane Sejm", "Mr. Sejm"; not "The Sejm": an article before the word makes it a thing.
        re.search(
            rf"(?:\b(?!(?:The|A|An|This|That|Its|Their|Our)\b)[A-Z][a-z]+|\b(?:Mr|Ms|Mrs|Dr)\.) "
            rf"{re.escape(name)}\b(?! [A-Z])",
            text,
        )
    )
