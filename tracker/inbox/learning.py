"""Editors' decisions in the inbox as labelled examples, and the current extractor scored on them.

Every proposal an editor accepted, edited or rejected is a labelled example: the article's text,
the fact, and the verdict. Accepted and edited proposals (in their final, edited form) are facts
the article states; rejected ones are facts it does not. The inbox tables keep all of this (the
article text, each proposal's payload and status), so the examples are read from them.

Scoring re-extracts each decided article with the extractor as it is now: a fact it finds that an
editor kept is a true positive, one an editor rejected a false positive, a kept fact it misses a
false negative. Facts no editor judged (never proposed, or left pending) are counted apart as
unjudged: the editors' decisions say nothing about them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlmodel import Session, select

from tracker.extract import Extractor, Reference
from tracker.extract.evaluate import FieldScore
from tracker.models import InboxArticle, InboxProposal

DECIDED = ("accepted", "edited", "rejected")
# Proposal kinds, and the eval field each is scored under.
FIELD_OF_KIND = {
    "commodity": "commodities",
    "country": "countries",
    "organisation": "organisations",
    "money": "money",
    "event": "events",
}


@dataclass
class Example:
    """One editor decision: the fact's comparable key and whether the editor kept it."""

    field: str
    key: tuple
    kept: bool


@dataclass
class InboxScore:
    """Scores per field over the decided articles, plus facts no editor judged."""

    articles: int = 0
    examples: int = 0
    fields: dict[str, FieldScore] = field(
        default_factory=lambda: {f: FieldScore() for f in FIELD_OF_KIND.values()}
    )
    unjudged: int = 0


def key_of(kind: str, payload: dict[str, Any]) -> tuple | None:
    """A fact's comparable key, the same for a proposal payload and a fresh extraction."""
    if kind == "commodity":
        return (payload.get("commodity"),)
    if kind == "country":
        return (payload.get("iso3"),)
    if kind == "organisation":
        return ((payload.get("name") or "").casefold(),)
    if kind == "money":
        if payload.get("amount") is None:
            return None
        return (Decimal(str(payload["amount"])).normalize(), payload.get("currency"))
    if kind == "event":
        return (payload.get("date"), payload.get("kind"))
    return None


def examples(session: Session) -> Iterator[tuple[InboxArticle, list[Example]]]:
    """Each article with at least one decided proposal, and its decisions."""
    rows = session.exec(
        select(InboxArticle, InboxProposal)
        .join(InboxProposal, InboxProposal.article_id == InboxArticle.id)
        .where(InboxProposal.status.in_(DECIDED))
        .order_by(InboxArticle.id, InboxProposal.id)
    ).all()
    grouped: dict[int, tuple[InboxArticle, list[Example]]] = {}
    for article, p in rows:
        key = key_of(p.kind, p.payload or {})
        if key is None or p.kind not in FIELD_OF_KIND:
            continue
        example = Example(FIELD_OF_KIND[p.kind], key, p.status != "rejected")
        grouped.setdefault(article.id, (article, []))[1].append(example)
    yield from grouped.values()


def extracted_keys(extractor: Extractor, reference: Reference, article: InboxArticle) -> set:
    """(field, key) of every fact the extractor finds in the article now."""
    found = extractor.extract(article.text, article.published_on).to_json()
    slugs = {c.canonical: c.slug for c in reference.commodities}
    keys: set[tuple[str, tuple]] = set()
    for name in found["commodities"]:
        keys.add(("commodities", (slugs.get(name, name),)))
    for iso3 in found["countries"]:
        keys.add(("countries", (iso3,)))
    for name in found["organisations"]:
        keys.add(("organisations", key_of("organisation", {"name": name})))
    for m in found["money"]:
        keys.add(("money", key_of("money", m)))
    for e in found["events"]:
        keys.add(("events", key_of("event", e)))
    return keys


def score_inbox(session: Session, extractor: Extractor, reference: Reference) -> InboxScore:
    """The current extractor scored on every decision editors made in the inbox."""
    score = InboxScore()
    for article, decided in examples(session):
        score.articles += 1
        score.examples += len(decided)
        got = extracted_keys(extractor, reference, article)
        kept = {(e.field, e.key) for e in decided if e.kept}
        rejected = {(e.field, e.key) for e in decided if not e.kept} - kept
        for name, key in got:
            fs = score.fields[name]
            if (name, key) in kept:
                fs.tp += 1
            elif (name, key) in rejected:
                fs.fp += 1
            else:
                score.unjudged += 1
        for name, _key in kept - got:
            score.fields[name].fn += 1
    return score


def format_inbox_table(score: InboxScore) -> str:
    """The eval table for the editors' decisions."""
    lines = [
        f"inbox articles with decisions: {score.articles}, decisions: {score.examples}",
        f"{'field':<20} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}",
    ]
    for name, s in score.fields.items():
        scores = f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
        lines.append(f"{name:<20} {scores} {s.tp:>4} {s.fp:>4} {s.fn:>4}")
    lines.append(f"facts found that no editor judged: {score.unjudged}")
    return "\n".join(lines)
