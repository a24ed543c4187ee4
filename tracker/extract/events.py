"""Dated events (signings, announcements, shipments, controls) from sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import find_dates
from .sentences import Span

KINDS = (
    "mou_signed", "agreement_signed", "shipment_dispatched", "shipment_arrived",
    "investment_announced", "export_control", "suspension", "other",
)  # fmt: skip
# Verbs and nouns that make a dated sentence report something that happened, by class.
TRIGGERS: list[tuple[str, re.Pattern]] = [
    ("sign", re.compile(r"\b(?:signed|inked|signing)\b", re.IGNORECASE)),
    (
        "agree",
        re.compile(
            r"\b(?:agreed|secured|awarded|concluded|finali[sz]ed|acquired|bought|struck|closed)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "ship",
        re.compile(
            r"\b(?:dispatch(?:ed|es)|shipped|ships|sent|loaded|exported|left|departed|sailed)\b",
            re.IGNORECASE,
        ),
    ),
    ("arrive", re.compile(r"\b(?:arrived|landed|docked|received)\b", re.IGNORECASE)),
    (
        "control",
        re.compile(
            r"\b(?:moratorium|export\s+(?:controls?|licen[cs]es?|permits?|bans?|curbs?|restrictions?)|"
            r"controlling\s+exports|banned|imposed|restricted|quotas?|ban)\b",
            re.IGNORECASE,
        ),
    ),
    ("suspend", re.compile(r"\b(?:suspended|halted|paused|froze)\b", re.IGNORECASE)),
    (
        "announce",
        re.compile(
            r"\b(?:announced|announcement|unveiled|pledged|committed|approved|confirmed|offered|"
            r"dated|notice|statement|launched)\b",
            re.IGNORECASE,
        ),
    ),
    ("other", re.compile(r"\b(?:ratified|met|held\s+talks)\b", re.IGNORECASE)),
]
MOU = re.compile(r"\bMoUs?\b|\bmemorand(?:um|a)\s+of\s+understanding\b", re.IGNORECASE)
AGREEMENT = re.compile(
    r"\b(?:agreements?|contracts?|deals?|accords?|pacts?|treat(?:y|ies))\b", re.IGNORECASE
)
CONTROL = re.compile(
    r"\b(?:export\s+(?:controls?|licen[cs]es?|permits?|bans?|curbs?|restrictions?|quotas?)|"
    r"controlling\s+exports|moratorium|ban\s+on\s+exports|restrict\w*\s+exports)\b",
    re.IGNORECASE,
)
SHIPMENT = re.compile(
    r"\b(?:shipments?|consignments?|cargo(?:es)?|batch|tonnes|tons|vessel)\b", re.IGNORECASE
)
SUSPEND = re.compile(r"\b(?:suspen\w+|halt\w*|pause\w*)\b", re.IGNORECASE)
INVEST = re.compile(
    r"\b(?:invest\w*|loans?|lend\w*|stakes?|equity|financ\w+|funding|grants?|letter\s+of\s+interest)\b",
    re.IGNORECASE,
)
SUMMARY_MAX = 200


@dataclass(frozen=True)
class Event:
    """An event with its date, kind and the sentence it came from."""

    date: str
    kind: str
    summary: str
    sentence: Span


def lead_kind(text: str) -> str:
    """The kind of the article's main story, from headline, standfirst and lead sentence."""
    if CONTROL.search(text):
        return "export_control"
    if SUSPEND.search(text):
        return "suspension"
    if MOU.search(text):
        return "mou_signed"
    if SHIPMENT.search(text) and TRIGGERS[2][1].search(text):
        return "shipment_dispatched"
    if re.search(r"\b(?:signed|agreed|contract|acquir\w+)\b", text, re.IGNORECASE):
        return "agreement_signed"
    if INVEST.search(text):
        return "investment_announced"
    return "other"


def _kinds(cls: str, sentence: str, fallback: str) -> list[str]:
    if cls == "sign":
        kinds = (["mou_signed"] if MOU.search(sentence) else []) + (
            ["agreement_signed"] if AGREEMENT.search(MOU.sub("", sentence)) else []
        )
        return kinds or ["agreement_signed"]
    if cls == "ship":
        return ["shipment_dispatched"] if SHIPMENT.search(sentence) else []
    if cls == "arrive":
        return ["shipment_arrived"] if SHIPMENT.search(sentence) else []
    if cls == "announce":
        if CONTROL.search(sentence):
            return ["export_control"]
        if INVEST.search(sentence):
            return ["investment_announced"]
        return [fallback]
    return {
        "agree": ["agreement_signed"], "control": ["export_control"],
        "suspend": ["suspension"], "other": ["other"],
    }[cls]  # fmt: skip


# Clause boundaries: a date belongs to the verb of its own clause.
_CLAUSE = re.compile(r",\s|;\s|\s[—–]\s")
# An attribution clause ("the companies said on Friday") dates the sentence's main clause.
_ATTRIBUTION = re.compile(r"\b(?:said|says|told|reported|confirmed)\b", re.IGNORECASE)


def _clause(sentence: str, pos: int) -> tuple[int, int]:
    """Start and end of the clause around pos."""
    start = max((m.end() for m in _CLAUSE.finditer(sentence, 0, pos)), default=0)
    nxt = _CLAUSE.search(sentence, pos)
    return start, nxt.start() if nxt else len(sentence)


def _nearest_trigger(sentence: str, pos: int, end: int | None = None) -> str | None:
    """The class of the trigger word closest to a date at pos..end, looked for in the date's
    clause (or the whole sentence when that clause is only an attribution)."""
    lo, hi = _clause(sentence, pos)
    if end is not None and not sentence[lo:hi].replace(sentence[pos:end], "").strip(" .,;"):
        # A date set off by commas ("In December, Beijing banned ...", "... signed an offtake
        # with X, in November.") belongs to its neighbouring clauses.
        lo, hi = 0, len(sentence)
    found = _closest(sentence, pos, lo, hi)
    if found is None and _ATTRIBUTION.search(sentence, lo, hi):
        found = _closest(sentence, pos, 0, len(sentence))
    return found


def _closest(sentence: str, pos: int, lo: int, hi: int) -> str | None:
    best: tuple[int, str] | None = None
    for cls, rx in TRIGGERS:
        for m in rx.finditer(sentence, lo, hi):
            dist = pos - m.end() if m.end() <= pos else m.start() - pos
            if best is None or abs(dist) < best[0]:
                best = (abs(dist), cls)
    return best[1] if best else None


def _summary(sentence: str) -> str:
    s = re.sub(r"^[A-Z][A-Z .,'-]+(?:,\s+[A-Z][a-z]+\.)?\s+[—–-]\s+", "", sentence.strip())
    return s if len(s) <= SUMMARY_MAX else s[: SUMMARY_MAX - 1].rstrip() + "…"


def find_events(
    sentences: list[Span], published: date | None, lead: str, lead_sentence: Span | None
) -> list[Event]:
    """Events from body sentences; undated signings inherit the story's first event date."""
    events: list[Event] = []
    fallback = lead_kind(lead)
    undated_signings: list[Span] = []
    for sent in sentences:
        mentions = find_dates(sent.text, published)
        if not mentions:
            if re.search(r"\bsigned\b", sent.text) and (
                MOU.search(sent.text) or AGREEMENT.search(sent.text)
            ):
                undated_signings.append(sent)
            continue
        for dm in mentions:
            if dm.future or dm.precision == "year":
                continue
            cls = _nearest_trigger(sent.text, dm.start, dm.end)
            if cls is None:
                continue
            for kind in _kinds(cls, sent.text, fallback):
                events.append(Event(dm.value, kind, _summary(sent.text), sent))
    if events:
        main_date = events[0].date
        for sent in undated_signings:
            for kind in _kinds("sign", sent.text, fallback):
                events.append(Event(main_date, kind, _summary(sent.text), sent))
    if lead_sentence and published and not find_dates(lead_sentence.text, published):
        # The story itself, told in the present perfect without a date ("has sent its first
        # shipment"): date it to the publication month unless a dated event of that kind exists.
        cls = _nearest_trigger(lead_sentence.text, 0)
        if cls in ("sign", "agree", "ship", "arrive", "control", "suspend"):
            for kind in _kinds(cls, lead_sentence.text, fallback):
                if not any(e.kind == kind for e in events):
                    events.append(
                        Event(
                            published.strftime("%Y-%m"),
                            kind,
                            _summary(lead_sentence.text),
                            lead_sentence,
                        )
                    )
    seen: set[tuple[str, str]] = set()
    unique = []
    for e in events:
        if (e.date, e.kind) not in seen:
            seen.add((e.date, e.kind))
            unique.append(e)
    return unique
