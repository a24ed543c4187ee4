"""From one article's extraction to proposal rows: one per fact, each with its source sentence."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from tracker.extract import Extractor, Reference
from tracker.extract.clean import clean
from tracker.extract.countries import find_countries
from tracker.extract.roles import role_in, stated_role
from tracker.models import InboxProposal, Party

# A party's role is proposed only where a sentence states it (tracker.extract.roles); otherwise
# it is left empty and the editor chooses one before accepting.
NO_ROLE = ""


@functools.cache
def extractor_for(data_dir: Path) -> tuple[Extractor, Reference]:
    """The extractor over DATA_DIR's reference, built once per process (loading takes ~1 s)."""
    reference = Reference.load(Path(data_dir))
    return Extractor(reference), reference


@dataclass
class Proposed:
    """An article's proposals (not yet added to a session), its headline and byline date."""

    proposals: list[InboxProposal]
    headline: str | None
    published: date | None


def propose(session: Session, text: str, published: date | None, data_dir: Path) -> Proposed:
    """Proposals for TEXT in the order they appear, with what the extractor read of its head."""
    extractor, reference = extractor_for(Path(data_dir))
    extractor = _with_gazetteer(extractor, gazetteer(session))
    extraction = extractor.extract(text, published)
    found = extraction.to_json()
    slugs = {c.canonical: c.slug for c in reference.commodities}
    known = _known_parties(session)
    orgs = {o.name: o for o in reference.organisations}
    proposals: list[InboxProposal] = []
    for name, spans in found["evidence"]["commodities"].items():
        if name in slugs:
            proposals.append(_row("commodity", {"commodity": slugs[name], "name": name}, spans[0]))
    for iso3, spans in found["evidence"]["countries"].items():
        payload = {"iso3": iso3, "role": _country_role(iso3, spans)}
        proposals.append(_row("country", payload, spans[0]))
    for name, spans in found["evidence"]["organisations"].items():
        ref = orgs.get(name)
        names = [name, *(ref.aliases if ref else ())]
        payload = {
            "name": name,
            "party": known.get(name.lower()),
            "kind": ref.kind if ref else "company",
            "country": ref.country if ref else None,
            "role": role_in([s["sentence"] for s in spans], names) or NO_ROLE,
        }
        proposals.append(_row("organisation", payload, spans[0]))
    for m in found["money"]:
        proposals.append(_row("money", _money_payload(m), m))
    for e in found["events"]:
        payload = {"date": e["date"], "kind": e["kind"], "summary": e["summary"]}
        proposals.append(_row("event", payload, e))
    check_offsets(text, proposals)
    proposals.sort(key=lambda p: (p.start, p.kind))
    head = clean(text, published).headline
    return Proposed(proposals, head.text if head else None, extraction.published)


def _country_role(iso3: str, spans: list[dict[str, Any]]) -> str:
    """The role a sentence states for the country (as signatory, regulator...), else none."""
    for span in spans:
        sentence = span["sentence"]
        for m in find_countries(sentence):
            if m.iso3 == iso3:
                role = stated_role(sentence, m.start, m.end)
                if role:
                    return role
    return NO_ROLE


def _money_payload(m: dict[str, Any]) -> dict[str, Any]:
    keys = ("amount", "currency", "usd", "text", "approximate", "up_to", "more_than")
    payload = {k: m.get(k) for k in keys}
    for k in ("amount", "usd"):
        if payload[k] is not None:
            payload[k] = str(payload[k])
    return payload


def _row(kind: str, payload: dict[str, Any], evidence: dict[str, Any]) -> InboxProposal:
    return InboxProposal(
        kind=kind,
        payload=payload,
        sentence=evidence["sentence"],
        start=evidence["start"],
        end=evidence["end"],
    )


def check_offsets(text: str, proposals: list[InboxProposal]) -> None:
    """Every proposal's sentence must be exactly text[start:end]: it becomes a verbatim quote."""
    for p in proposals:
        if text[p.start : p.end] != p.sentence:
            raise ValueError(
                f"{p.kind} proposal offsets {p.start}-{p.end} do not hold its sentence"
            )


def gazetteer(session: Session) -> tuple[tuple[str, str | None, tuple[str, ...]], ...]:
    """Names the extractor should know besides its reference: every organisation party in the
    database with its aliases (parties editors accepted from the inbox among them), and names
    editors corrected in organisation proposals not yet accepted."""
    rows = session.execute(
        select(Party.name, Party.country_iso3, Party.aliases).where(Party.kind != "country")
    ).all()
    names = {(name, country, tuple(aliases or ())) for name, country, aliases in rows}
    edited = session.exec(
        select(InboxProposal.payload).where(
            InboxProposal.kind == "organisation", InboxProposal.status == "edited"
        )
    ).all()
    names |= {(p["name"], p.get("country"), ()) for p in edited if p.get("name")}
    return tuple(sorted(names, key=lambda n: (n[0], n[1] or "")))


@functools.lru_cache(maxsize=2)
def _with_gazetteer(extractor: Extractor, names: tuple) -> Extractor:
    """The extractor grown by NAMES, rebuilt only when the database's names change."""
    if not names:
        return extractor
    known = [{"name": n, "country": c, "aliases": a} for n, c, a in names]
    return extractor.with_known_parties(known)


def _known_parties(session: Session) -> dict[str, str]:
    """Lowercased name and aliases of every non-country party -> its slug."""
    rows = session.execute(
        select(Party.slug, Party.name, Party.aliases).where(Party.kind != "country")
    ).all()
    known: dict[str, str] = {}
    for slug, name, aliases in rows:
        for n in [name, *(aliases or [])]:
            known.setdefault(n.lower(), slug)
    return known
