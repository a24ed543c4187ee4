"""Commodity matching against the reference list (names, aliases, symbols, expansions)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .reference import Reference
from .sentences import Span

# Symbols this short are ordinary words or initials in running text ("In", "As", "W", "Pr"),
# so they only count inside a parenthesised symbol list such as "(Ga, Ge)".
MAX_SYMBOL_LEN = 2
_SYMBOL_LIST = re.compile(r"\(\s*([A-Z][a-z]?(?:\s*(?:,|/|and)\s*[A-Z][a-z]?)*)\s*\)")
# A word after an element name that makes the pair a compound ("gallium nitride").
_COMPOUND_TAIL = re.compile(r"^(?:[\s-]+[a-z]+ium)*[\s-]+[a-z]*(?:ide|ate|ite)s?\b")
# Material named as the source a metal is recovered from ("by-product of alumina refining").
_SOURCE_BEFORE = re.compile(
    r"(?:by-?products?\s+of|recovered\s+from|from)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)
_SOURCE_AFTER = re.compile(
    r"^(?:\s+and\s+\w+)?\s+(?:refining|processing|smelting|tailings|slag|waste|ash)\b",
    re.IGNORECASE,
)
# A product that contains the elements is traded for them ("a carbonate containing neodymium
# and praseodymium"), unlike a material that merely "contains some cobalt".
_PRODUCT_CONTAINING = re.compile(
    r"\b(?:concentrates?|carbonates?|oxides?|ores?|precipitates?|hydroxides?|products?|sands?)\s+"
    r"containing\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# A material named only for its exchange price ("Copper traded at $10,900 a tonne on the LME").
_PRICE_AFTER = re.compile(
    r"^\s+(?:traded|was\s+trading|is\s+trading|prices?|futures)\b[^.;]{0,40}?(?:[$€£¥]\s?\d|"
    r"\d[\d,.]*\s+(?:a|per)\s+(?:tonne|ton|kg|kilogram|pound|lb))",
    re.IGNORECASE,
)
# Material named only as a comparison ("more valuable than gold").
_COMPARISON_BEFORE = re.compile(
    r"\b(?:than|like|unlike|compared\s+(?:with|to))\s+$|"
    # "its second-largest export after crude oil": a ranking's leader
    r"\b(?:[\w]+-)?(?:largest|biggest)\s+(?:[\w-]+\s+){0,2}after\s+$|"
    # "better known for iron ore and gold": what a place is otherwise known for
    r"\b(?:better|best|mainly|mostly)\s+known\s+for\s+(?:[\w-]+\s+){0,3}$|"
    # "plus some gold", "with small amounts of silver": a by-product of the output
    r"\b(?:plus|and)\s+(?:some|small\s+amounts\s+of|minor\s+amounts\s+of)\s+$",
    re.IGNORECASE,
)
# End uses that contain a commodity word ("lithium-ion batteries"), and commodity words that
# only describe an industry's actors ("copper-cobalt producers"), not a traded material.
_END_USE_AFTER = re.compile(
    r"^(?:-ion\b|(?:-[a-z]+)*\s+(?:producers?|miners?|compan(?:y|ies)|firms?|stocks|shares|sector|"
    r"industry|majors?|giants?|research|analysts?|strategists?|desk)\b)",
    re.IGNORECASE,
)


# Material named as a content of something else ("MHP, which also contains some cobalt").
_CONTENT_BEFORE = re.compile(
    r"\b(?:contains?|containing|contained|traces?\s+of)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)
# A bare "gas" that is not the traded fuel: emissions, industrial and process gases.
_OTHER_GAS = re.compile(
    r"(?:greenhouse|tear|exhaust|flue|waste|nerve|inert|noble|industrial|process|carrier|"
    r"fluorinated|specialty|electronic|rare|toxic|poison)\s+$",
    re.IGNORECASE,
)
_OTHER_GAS_AFTER = re.compile(
    r"^\s+(?:emissions?|turbines?|stations?|masks?|chromatography|leaks?|cylinders?|stoves?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CommodityMatch:
    """A commodity mention: canonical names it stands for and its offsets in the text."""

    names: tuple[str, ...]
    start: int
    end: int
    text: str


def _needs_case(alias: str) -> bool:
    """All-caps or mixed-case aliases (REE, NdPr, LNG) are matched case-sensitively."""
    return any(c.isupper() for c in alias[1:]) or alias.isupper()


class CommodityMatcher:
    """Finds tracked commodities in text; reusable across articles and feed entries."""

    def __init__(self, reference: Reference) -> None:
        self._names: dict[str, tuple[str, ...]] = {}  # lowercased phrase -> canonical names
        self._cased: dict[str, tuple[str, ...]] = {}  # exact phrase -> canonical names
        self._symbols: dict[str, str] = {}  # short symbol -> canonical name
        self._element_names: dict[str, str] = {}
        for c in reference.commodities:
            canon = (c.canonical,)
            self._names[c.name.lower()] = canon
            self._element_names[c.name.lower()] = c.canonical
            for alias in c.aliases + ((c.symbol,) if c.symbol else ()):
                if len(alias) <= MAX_SYMBOL_LEN:
                    self._symbols[alias] = c.canonical
                elif _needs_case(alias):
                    self._cased[alias] = canon
                else:
                    self._names[alias.lower()] = canon
        for phrase, slugs in reference.expansions.items():
            names = tuple(c.canonical for s in slugs if (c := reference.by_slug(s)) is not None)
            target = self._cased if _needs_case(phrase) else self._names
            target[phrase if _needs_case(phrase) else phrase.lower()] = names
        self._rx_names = _alternation(self._names, re.IGNORECASE)
        self._rx_cased = _alternation(self._cased, 0)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[CommodityMatch]:
        """All commodity mentions in text[start:end], excluding compounds, sources, comparisons."""
        end = len(text) if end is None else end
        raw: list[CommodityMatch] = []
        for rx, table, fold in (
            (self._rx_names, self._names, True),
            (self._rx_cased, self._cased, False),
        ):
            if rx is None:
                continue
            for m in rx.finditer(text, start, end):
                key = m.group(0).lower() if fold else m.group(0)
                raw.append(CommodityMatch(table[key], m.start(), m.end(), m.group(0)))
        raw.extend(self._symbol_lists(text, start, end))
        kept = _longest(raw)
        return [m for m in kept if not self._excluded(text, m, end)]

    def names(self, text: str) -> list[str]:
        """Distinct canonical names mentioned in text, in order of first mention."""
        out: list[str] = []
        for m in self.find(text):
            out.extend(n for n in m.names if n not in out)
        return out

    def mentions_any(self, text: str) -> bool:
        """True when text mentions at least one tracked commodity (for feed filtering)."""
        return bool(self.find(text))

    def _symbol_lists(self, text: str, start: int, end: int) -> list[CommodityMatch]:
        found = []
        for m in _SYMBOL_LIST.finditer(text, start, end):
            items = [s for s in re.split(r"\s*(?:,|/|and)\s*", m.group(1)) if s]
            if not all(s in self._symbols for s in items):
                continue
            before = re.search(r"(\w+)\s*$", text[max(0, m.start() - 40) : m.start()])
            # A lone symbol counts only right after its element's name: "antimony (Sb)".
            if len(items) == 1 and not (
                before
                and self._element_names.get(before.group(1).lower()) == self._symbols[items[0]]
            ):
                continue
            for sm in re.finditer(r"[A-Z][a-z]?", m.group(1)):
                s = m.start(1) + sm.start()
                found.append(
                    CommodityMatch(
                        (self._symbols[sm.group(0)],),
                        s,
                        s + len(sm.group(0)),
                        sm.group(0),
                    )
                )
        return found

    def _excluded(self, text: str, m: CommodityMatch, end: int) -> bool:
        before = text[max(0, m.start - 40) : m.start]
        after = text[m.end : min(end, m.end + 40)]
        if m.text.lower() in self._element_names and _COMPOUND_TAIL.match(after):
            return True
        if _SOURCE_BEFORE.search(before) and _SOURCE_AFTER.match(after):
            return True
        if _COMPARISON_BEFORE.search(before) or _END_USE_AFTER.match(after):
            return True
        if _CONTENT_BEFORE.search(before) and not _PRODUCT_CONTAINING.search(before):
            return True
        if _PRICE_AFTER.match(after):
            return True
        if m.text.lower() == "gas" and (_OTHER_GAS.search(before) or _OTHER_GAS_AFTER.match(after)):
            return True
        # The first element of a compound name: "indium gallium arsenide".
        nxt = re.match(r"^[\s-]+(\w+)", after)
        if (
            nxt
            and nxt.group(1).lower() in self._element_names
            and m.text.lower() in self._element_names
        ):
            return bool(_COMPOUND_TAIL.match(after))
        return False


def _alternation(table: dict[str, tuple[str, ...]], flags: int) -> re.Pattern | None:
    if not table:
        return None
    parts = sorted(table, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"[\s-]+") for p in parts)
    return re.compile(rf"(?<![\w$])(?:{body})(?!\w)", flags)


def _longest(matches: list[CommodityMatch]) -> list[CommodityMatch]:
    """Drop matches overlapping a longer one ("copper concentrate" hides "copper")."""
    matches.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[CommodityMatch] = []
    for m in matches:
        if kept and m.start < kept[-1].end:
            continue
        kept.append(m)
    return kept


# Goals and plans ("aimed to triple copper output by 2031") are not deals, shipments or controls.
_PLAN = re.compile(
    r"\b(?:aim(?:s|ed|ing)?\s+to|plans?\s+to|planned\s+to|targets?|targeting|goal|ambitions?|"
    r"would\s+like|hopes?\s+to|seeks?\s+to)\b",
    re.IGNORECASE,
)


def without_plan_only(
    found: dict[str, list[Span]], top: list[Span], event_sentences: set[int]
) -> dict[str, list[Span]]:
    """Drop commodities named only in goal or plan sentences outside headline and events, or
    only in the headline as a short form of one the article names in full."""

    def plan_only(spans: list[Span]) -> bool:
        return all(
            s not in top and s.start not in event_sentences and _PLAN.search(s.text) for s in spans
        )

    def headline_short_form(name: str, spans: list[Span]) -> bool:
        # Headlines shorten: "Copper train leaves" over a body about copper concentrate.
        longer = any(k != name and re.search(rf"\b{re.escape(name)}\b", k) for k in found)
        return longer and all(s in top for s in spans)

    return {k: v for k, v in found.items() if not plan_only(v) and not headline_short_form(k, v)}
