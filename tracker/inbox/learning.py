"""Editors' decisions in the inbox as labelled examples, and the current extractor scored on them.

Every proposal an editor accepted, edited or rejected is a labelled example: the article's text,
the fact, and the verdict. Accepted and edited proposals (in their final, edited form) are facts
the article states; rejected ones are facts it does not, and so is the extractor's original of an
edited proposal when the edit changed it (kept under `proposed` in the payload, see
tracker.inbox.review). The inbox tables keep all of this (the article text, each proposal's
payload and status), so the examples are read from them.

Scoring re-extracts each decided article with the extractor as it is now and compares it with the
editors' final version through the eval scorer (tracker.extract.evaluate.tally): a fact it finds
that an editor kept is a true positive, one an editor rejected or replaced a false positive, a
kept fact it misses a false negative. Facts no editor judged (never proposed, or left pending)
are counted apart as unjudged: the editors' decisions say nothing about them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlmodel import Session, select

from tracker.extract import Extractor, Reference
from tracker.extract.evaluate import TABLE_HEADER, FieldScore, field_line, tally
from tracker.inbox.review import PROPOSED, final_values
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
    # The extractor's original of an edited proposal, which the edit replaced.
    replaced: bool = False


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
        payload = p.payload or {}
        key = key_of(p.kind, final_values(payload))
        if key is None or p.kind not in FIELD_OF_KIND:
            continue
        decided = grouped.setdefault(article.id, (article, []))[1]
        decided.append(Example(FIELD_OF_KIND[p.kind], key, p.status != "rejected"))
        original = key_of(p.kind, payload.get(PROPOSED) or {})
        if original is not None and original != key:
            # The editor replaced what the extractor proposed: the original is a wrong fact.
            decided.append(Example(FIELD_OF_KIND[p.kind], original, False, replaced=True))
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
        score.examples += sum(not e.replaced for e in decided)
        got = extracted_keys(extractor, reference, article)
        judged = {(e.field, e.key) for e in decided}
        score.unjudged += len(got - judged)
        for name, fs in score.fields.items():
            kept = Counter({e.key: 1 for e in decided if e.field == name and e.kept})
            found = Counter({key: 1 for f, key in got & judged if f == name})
            tally(fs, kept, found)
    return score


def format_inbox_table(score: InboxScore) -> str:
    """The eval table for the editors' decisions."""
    lines = [
        f"inbox articles with decisions: {score.articles}, decisions: {score.examples}",
        TABLE_HEADER,
    ]
    lines += [field_line(name, s) for name, s in score.fields.items()]
    lines.append(f"facts found that no editor judged: {score.unjudged}")
    return "\n".join(lines)
