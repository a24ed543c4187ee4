"""The extraction pipeline: clean, split, match, and assemble the README's JSON shape."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .clean import Document, clean
from .commodities import CommodityMatcher, without_plan_only
from .countries import (
    PLACES,
    CountryMention,
    country_of_place,
    find_countries,
    is_based_mention,
)
from .events import Event, find_events
from .issuer import issuer_hits
from .money import Amount, find_amounts, refers_to
from .organisations import OrganisationFinder, OrgHit, merge_names
from .reference import Reference
from .sentences import Span, split_sentences

# "PERTH —", "RENO, Nev. —": the place a story was filed from, at the start of the body.
_DATELINE = re.compile(
    r"^([A-Z][A-Z .'-]+?(?:,\s+[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+)*)?)\s+[—–-]{1,2}\s+"
)
# "goes to smelters in China", "exported to Japan": the destination of the goods.
_DESTINATION = re.compile(
    r"\b(?:goes|go|went|shipped|exported|sold|delivered|sent|bound)\s+(?:on\s+)?to\s+"
    r"(?:[\w-]+\s+){0,3}?(?:in\s+)?(?:the\s+)?$"
)
# "China banned exports ...": the subject of a control verb.
_CONTROLLER = re.compile(
    r"\s+(?:has\s+|had\s+|also\s+)?(?:banned|restricted|imposed|suspended|halted|tightened|"
    r"introduced\s+export|added\s+\w+\s+to\s+its\s+export)\b"
)
# Countries named this often are a story's subject even without other signals.
FREQUENT_MENTIONS = 4


@dataclass
class Extraction:
    """Everything extracted from one article, with evidence offsets into the original text."""

    published: date | None
    commodities: dict[str, list[Span]] = field(default_factory=dict)
    countries: dict[str, list[Span]] = field(default_factory=dict)
    countries_mentioned: dict[str, list[Span]] = field(default_factory=dict)
    organisations: dict[str, list[Span]] = field(default_factory=dict)
    money: list[tuple[Amount, Span]] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The README's format, plus sentence/start/end evidence and money flags."""

        def ev(spans: list[Span]) -> list[dict[str, Any]]:
            return [{"sentence": s.text, "start": s.start, "end": s.end} for s in spans]

        money = []
        for a, sent in self.money:
            rel = a.start - sent.start
            money.append({
                "amount": _num(a.amount), "currency": a.currency,
                "usd": None if a.usd is None else _num(a.usd),
                "refers_to": refers_to(sent.text, rel, rel + len(a.text), a.flags),
                "text": a.text, "unit": a.unit,
                "approximate": "approximate" in a.flags, "up_to": "up_to" in a.flags,
                "more_than": "more_than" in a.flags, "less_than": "less_than" in a.flags,
                "sentence": sent.text, "start": sent.start, "end": sent.end,
            })  # fmt: skip
        return {
            "published": self.published.isoformat() if self.published else None,
            "commodities": list(self.commodities),
            "countries": list(self.countries),
            "countries_mentioned": list(self.countries_mentioned),
            "organisations": list(self.organisations),
            "money": money,
            "events": [
                {
                    "date": e.date,
                    "kind": e.kind,
                    "summary": e.summary,
                    "sentence": e.sentence.text,
                    "start": e.sentence.start,
                    "end": e.sentence.end,
                }
                for e in self.events
            ],  # fmt: skip
            "evidence": {
                "commodities": {k: ev(v) for k, v in self.commodities.items()},
                "countries": {k: ev(v) for k, v in self.countries.items()},
                "countries_mentioned": {k: ev(v) for k, v in self.countries_mentioned.items()},
                "organisations": {k: ev(v) for k, v in self.organisations.items()},
            },
        }


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


class Extractor:
    """Holds matchers built from the reference so many articles can be extracted fast."""

    def __init__(self, reference: Reference, known_parties: Iterable[Mapping] = ()) -> None:
        self.reference = reference
        self.commodities = CommodityMatcher(reference)
        self.orgs = OrganisationFinder(reference, known_parties)

    def with_known_parties(self, known_parties: Iterable[Mapping]) -> Extractor:
        """This extractor with a gazetteer grown by KNOWN_PARTIES ({"name", "country",
        "aliases"}, e.g. the database's parties); the commodity matcher is shared, not rebuilt."""
        grown = copy.copy(self)
        grown.orgs = OrganisationFinder(self.reference, known_parties)
        return grown

    def extract(self, text: str, published: date | None = None) -> Extraction:
        """Extract one article."""
        doc = clean(text, published)
        head = _split(text, [doc.headline] if doc.headline else [])
        stand = _split(text, doc.standfirst)
        body = _split(text, doc.body)
        everything = head + stand + body
        out = Extraction(doc.published)

        lead = " ".join(s.text for s in head + stand + body[:1])
        out.events = find_events(body, doc.published, lead, body[0] if body else None)
        event_sentences = {e.sentence.start for e in out.events}
        named = self._organisations(text, head, stand, body) + issuer_hits(text, body)
        org_hits = [(h, s) for h, s in named if self.orgs.in_role(text, h, s.start, s.end)]
        org_hits = _pairs_split(org_hits)
        party_countries, mention_countries = _countries(
            doc, head + stand, body, org_hits, event_sentences
        )
        out.countries = party_countries
        out.countries_mentioned = {
            k: v for k, v in mention_countries.items() if k not in party_countries
        }
        for name, hits in merge_names([h for h, _ in org_hits]).items():
            spans = {id(s): s for h, s in org_hits if h in hits}
            out.organisations[name] = list(spans.values())

        out.commodities = self._commodities(text, everything, named, head + stand)
        out.commodities = without_plan_only(out.commodities, head + stand, event_sentences)

        all_countries = set(party_countries) | set(mention_countries)
        seen: dict[tuple[float, str], int] = {}
        for sent in everything:
            for a in find_amounts(text, sent.start, sent.end, all_countries):
                key = (a.amount, a.currency)
                if key in seen:
                    idx = seen[key]
                    if out.money[idx][1] in head + stand and sent in body:
                        out.money[idx] = (a, sent)  # prefer the body's fuller wording
                    continue
                seen[key] = len(out.money)
                out.money.append((a, sent))
        return out

    def _commodities(
        self, text: str, sentences: list[Span], org_hits: list[tuple[OrgHit, Span]], top: list[Span]
    ) -> dict[str, list[Span]]:
        """Commodities with their sentences; a word only inside a company name ("Gold Fields")
        is not a commodity, nor a secondary one named only to describe a facility."""
        # Every later use of a found name counts too ("Pavlodar Alumina said" after "... JSC").
        names = {h.name for h, _ in org_hits}
        org_spans = [(h.start, h.end) for h, _ in org_hits] + [
            (m.start(), m.end()) for n in names for m in re.finditer(re.escape(n), text)
        ]
        found: dict[str, list[Span]] = {}
        traded: set[str] = set()  # named at least once other than as a facility's descriptor
        material: set[str] = set()  # named at least once as the material itself
        for sent in sentences:
            for m in self.commodities.find(text, sent.start, sent.end):
                inside_org = any(s <= m.start and m.end <= e for s, e in org_spans)
                for name in m.names:
                    found.setdefault("\0" + name if inside_org else name, []).append(sent)
                    if not inside_org and not _FACILITY_AFTER.match(text, m.end):
                        traded.add(name)
                    if not inside_org and not _describes(text, m.start, m.end):
                        material.add(name)
        found = {k: v for k, v in found.items() if not k.startswith("\0")}
        # "copper concentrate" traded, "copper" only in "the copper project", "LME copper
        # quotations" or "Sohar Copper LLC": the metal's word describes, the concentrate is traded
        found = {
            k: v
            for k, v in found.items()
            if k in material or not any(o != k and o in traded and _word_of(k, o) for o in found)
        }
        headline_subject = any(s in top for spans in found.values() for s in spans)
        # "the Pavlodar alumina refinery", "the antimony-gold mine" beside a headline commodity.
        return {
            k: v
            for k, v in found.items()
            if k in traded or not headline_subject or any(s in top for s in v)
        }

    def _organisations(self, text, head, stand, body) -> list[tuple[OrgHit, Span]]:
        mentioned = {
            m.iso3 for s in head + stand + body for m in find_countries(text, s.start, s.end)
        }
        hits: list[tuple[OrgHit, Span]] = []
        for sent in head + stand + body:
            known = self.orgs.known(text, sent.start, sent.end, mentioned)
            found = list(known)
            if sent in body or sent in stand:
                found += self.orgs.unknown(text, sent.start, sent.end, known)
            hits.extend((h, sent) for h in found)
        return hits


# A commodity word describing a facility ("alumina refinery", "antimony-gold mine").
_FACILITY_AFTER = re.compile(
    r"(?:-[a-z]+)*\s+(?:refiner(?:y|ies)|mines?|smelters?|deposits?|concentrators?)\b"
)


# A commodity word describing a site, an activity, a market or a deal rather than naming the
# material traded ("the copper project", "copper mining", "LME copper quotations", "copper deals").
_DESCRIBES_AFTER = re.compile(
    r"(?:-[a-z]+)*\s+(?:refiner(?:y|ies)|mines?|mining|smelt(?:ers?|ing)|deposits?|concentrators?|"
    r"projects?|belts?|portfolios?|quotations?|prices?|deals?|output|production|industry|sector|"
    r"districts?|exploration|assets?)\b"
)


def _word_of(short: str, name: str) -> bool:
    """SHORT is a word of the longer commodity NAME ("copper" of "copper concentrate")."""
    return bool(re.search(rf"\b{re.escape(short)}\b", name))


def _describes(text: str, start: int, end: int) -> bool:
    """The commodity word at START..END describes something else, or is a word of a name
    ("Sohar Hills Copper LLC": capitalised after a capitalised word)."""
    if _DESCRIBES_AFTER.match(text, end):
        return True
    before = re.search(r"([A-Z][\w'’-]*)[ \t]+$", text[max(0, start - 30) : start])
    return bool(before and text[start].isupper())


def _pairs_split(org_hits: list[tuple[OrgHit, Span]]) -> list[tuple[OrgHit, Span]]:
    """ "A and B" found as one name where the article also names A and B apart ("an agreement
    between A and B"): two bodies, not one."""
    names = {h.name for h, _ in org_hits}
    out = []
    for h, sent in org_hits:
        first, sep, second = h.name.partition(" and ")
        if sep and " and " not in second and first in names and second in names:
            out.append((OrgHit(first, h.start, h.start + len(first)), sent))
            out.append((OrgHit(second, h.end - len(second), h.end), sent))
        else:
            out.append((h, sent))
    return out


def _split(text: str, spans: list[Span]) -> list[Span]:
    return [s for p in spans for s in split_sentences(text, p.start, p.end)]


def _countries(
    doc: Document,
    top: list[Span],
    body: list[Span],
    org_hits: list[tuple[OrgHit, Span]],
    event_sentences: set[int],
) -> tuple[dict[str, list[Span]], dict[str, list[Span]]]:
    """Split countries into parties (headline, dateline, lead, party bodies' homes, event
    sentences, frequent subjects) and passing mentions."""
    text = doc.text
    parties: dict[str, list[Span]] = {}
    mentions: dict[str, list[Span]] = {}
    found = [(sent, m) for sent in top + body for m in find_countries(text, sent.start, sent.end)]
    # A story that names the DR Congo means it by a bare "Congo" too.
    drc = any(m.iso3 == "COD" for _, m in found)
    for sent, m in found:
        if _CURRENCY_AFTER.match(text, m.end):
            continue  # "120 million US dollars": a currency's name, not the country
        iso = "COD" if drc and m.text == "Congo" else m.iso3
        is_lead = bool(body) and sent is body[0]
        has_event = sent.start in event_sentences
        # A city names a country in passing only as a company's home ("Vancouver-based"),
        # not as where something happened ("traded ... in London").
        if m.text not in PLACES or is_based_mention(text, m):
            mentions.setdefault(iso, []).append(sent)
        if _is_party(text, m, sent, sent in top or is_lead, has_event):
            parties.setdefault(iso, []).append(sent)
    if body:
        dl = _DATELINE.match(body[0].text)
        iso = country_of_place(dl.group(1)) if dl else None
        if iso:
            parties.setdefault(iso, []).append(body[0])
    for hit, sent in org_hits:
        if hit.country:
            parties.setdefault(hit.country, []).append(sent)
    for iso, spans in mentions.items():
        if len(spans) >= FREQUENT_MENTIONS and iso not in parties:
            parties[iso] = spans
    return parties, mentions


_CURRENCY_AFTER = re.compile(r"\s+dollars?\b")


def _is_party(text: str, m: CountryMention, sent: Span, up_top: bool, has_event: bool) -> bool:
    """A country in headline, standfirst or lead, an actor in an event sentence, or where the
    goods go (README: parties include origin and destination)."""
    if is_based_mention(text, m) or text[max(0, m.start - 4) : m.start].lower() == "non-":
        return False  # a company's home, or a negation ("non-Chinese supply")
    if up_top or has_event and _is_actor(text, m, sent):
        return True
    if _CONTROLLER.match(text, m.end, sent.end):
        return True  # the country imposing a control is a party, dated or not
    return bool(_DESTINATION.search(text, max(sent.start, m.start - 50), m.start))


# A city and a comma before the country: the country of a venue.
_VENUE_BEFORE = re.compile(
    r"\b(?:met|meeting|summit|talks)\s+in\s+[A-Z][\w-]+(?:\s[A-Z][\w-]+)?,\s+$"
)


# An act told as coming later, at no stated time ("and later barred shipments to ...").
_LATER_ACT = re.compile(r"\band\s+(?:later|subsequently|afterwards)\s+\w+ed\b")
_DATE_WORD = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|yesterday|today)\b\.?|\b\d{4}\b"
)


def _is_actor(text: str, m: CountryMention, sent: Span) -> bool:
    """A country in an event sentence is a party unless it is a comparison or a foil."""
    # Route countries ("by rail across Uzbekistan, Turkmenistan and ...") are passed through,
    # not parties; the words before a list cover each name in it.
    before = text[max(sent.start, m.start - 80) : m.start]
    if _VENUE_BEFORE.search(before):
        return False  # "met in Busan, South Korea": where it happened, named in passing
    later = _LATER_ACT.search(text, sent.start, m.start)
    if later and not _DATE_WORD.search(text, later.start(), sent.end):
        return False  # "... since 2023 and later barred shipments to the US": no act of a date
    return not re.search(
        r"\b(?:than|outside|unlike|against|competing with|rivals?|including|across|via|through|"
        r"transit(?:ing)?)\s+(?:the\s+)?(?:[A-Z][\w-]+(?:\s[A-Z][\w-]+)?(?:,\s+|\s+and\s+))*$",
        before,
    )


def extract(
    text: str,
    *,
    published: date | None = None,
    reference: Reference,
    known_parties: Iterable[Mapping] = (),
) -> Extraction:
    """Extract commodities, countries, organisations, money and events from one article."""
    parties = tuple(known_parties)
    if parties:
        return Extractor(reference, parties).extract(text, published)
    # Building the matchers costs more than extracting; reuse them per loaded reference.
    cached = _CACHE.get(id(reference))
    if cached is None or cached[0] is not reference:
        if len(_CACHE) >= MAX_CACHED_REFERENCES:
            _CACHE.clear()
        cached = _CACHE[id(reference)] = (reference, Extractor(reference))
    return cached[1].extract(text, published)


MAX_CACHED_REFERENCES = 4
_CACHE: dict[int, tuple[Reference, Extractor]] = {}
