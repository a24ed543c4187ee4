"""Accepting an article's proposals: source, records and citations written in one transaction.

Everything is checked before the first write; the writes go through the curation service, so
each record lands in the audit history with the editor as actor. The caller commits once (or
rolls back on any error, which leaves nothing behind)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from sqlmodel import Session, select

from tracker.inbox.review import FLAGS, ProposalError, check_payload
from tracker.models import Citation, Deal, Event, InboxArticle, InboxProposal, Party, Source
from tracker.models.common import utcnow
from tracker.records import writer as records
from tracker.records.checks import check_deal, check_party
from tracker.records.links import read_links
from tracker.records.partial_dates import PartialDate
from tracker.seeding.reference import slugify

OPEN_STATUSES = ("pending", "edited")
# Slugs stay readable in URLs; the title can be longer.
SLUG_CHARS = 120
PASTED_PUBLISHER = "pasted text"


class AcceptError(ValueError):
    """The accept cannot go ahead; nothing was written. The message says what to fix."""


@dataclass
class DealChoice:
    """Attach to the existing deal SLUG, or create a new deal with TITLE, KIND and STATUS."""

    slug: str | None = None
    title: str = ""
    kind: str = "agreement"
    status: str = "announced"


@dataclass
class Accepted:
    """What one accept wrote."""

    source: Source
    deal: Deal
    events: list[Event] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)


def accept(
    *,
    session: Session,
    actor: str,
    article: InboxArticle,
    choice: DealChoice,
    proposal_ids: list[int] | None = None,
) -> Accepted:
    """Write the source, the deal (new or attached), events, links and citations of PROPOSALS."""
    proposals = _chosen(session, article, proposal_ids)
    deal = _check_deal(session, choice)
    for p in proposals:
        try:
            p.payload = check_payload(session, p.kind, p.payload)
        except ProposalError as exc:
            raise AcceptError(f"proposal {p.id} ({p.kind}): {exc}") from None
    source = _source(session, actor, article)
    parties = {
        p.id: _party(session, actor, p) for p in proposals if p.kind in ("country", "organisation")
    }
    deal = _write_deal(session, actor, deal, choice, proposals, parties)
    done = Accepted(source, deal)
    for p in proposals:
        record = _record_of(session, actor, p, deal, parties, done)
        done.citations.append(_cite(session, actor, article, source, p, record))
    article.status, article.source_id = "accepted", source.id
    session.add(article)
    session.flush()
    return done


def _cite(session, actor, article, source, p, record) -> Citation:
    """The citation of proposal P: its exact sentence as the quote; P is marked accepted."""
    record_type, record_id, fld, value = record
    quote = article.text[p.start : p.end]
    if not quote or quote not in (source.text or ""):
        # Raised after earlier writes: the caller's rollback removes them.
        raise AcceptError(f"proposal {p.id}: its sentence is not in the source's text")
    values = {
        "source_id": source.id,
        "record_type": record_type,
        "record_id": record_id,
        "field": fld,
        "value": value,
        "quote": quote,
    }
    citation = records.create(session, actor=actor, model=Citation, values=values)
    p.status, p.record_type, p.record_id = "accepted", record_type, record_id
    session.add(p)
    return citation


def _chosen(session: Session, article: InboxArticle, ids: list[int] | None) -> list[InboxProposal]:
    if article.error or not article.text:
        raise AcceptError("this article has no text (its fetch failed); paste the text instead")
    query = select(InboxProposal).where(
        InboxProposal.article_id == article.id, InboxProposal.status.in_(OPEN_STATUSES)
    )
    if ids is not None:
        query = query.where(InboxProposal.id.in_(ids))
    chosen = list(session.exec(query.order_by(InboxProposal.start, InboxProposal.id)).all())
    if not chosen:
        raise AcceptError("no open proposal was chosen; tick the proposals to accept")
    return chosen


def _check_deal(session: Session, choice: DealChoice) -> Deal | None:
    """The existing deal to attach to, or None for a new one (its fields checked)."""
    if choice.slug:
        deal = session.exec(
            select(Deal).where(Deal.slug == choice.slug, Deal.deleted == False)  # noqa: E712
        ).first()
        if deal is None:
            raise AcceptError(f"no deal is called {choice.slug!r}")
        return deal
    raw = {"slug": "new-deal", "title": choice.title, "kind": choice.kind}
    checked = check_deal(raw | {"status": choice.status})
    if not checked.ok:
        raise AcceptError(f"deal {checked.problems[0]}")
    return None


def _deal_values(choice: DealChoice, money: dict[str, Any] | None) -> dict[str, Any]:
    """A new deal's columns (and a value from a money proposal), through the deal check."""
    raw = {"slug": "new-deal", "title": choice.title, "kind": choice.kind, "status": choice.status}
    if money:
        raw |= {f"value_{k}": money.get(k) for k in ("amount", "currency", "usd", *FLAGS)}
        if money.get("currency") == "USD":
            raw["value_usd"] = None
    checked = check_deal(raw)
    if not checked.ok:
        raise AcceptError(f"deal {checked.problems[0]}")
    return {k: v for k, v in checked.values.items() if k != "slug"}


def _source(session: Session, actor: str, article: InboxArticle) -> Source:
    """The source for ARTICLE: the one it already is (its text kept), or a new one."""
    url = article.url or f"urn:sha256:{article.text_hash}"
    source = session.get(Source, article.source_id) if article.source_id else None
    source = source or session.exec(select(Source).where(Source.url == url)).first()
    if source is not None:
        if not source.text or article.text not in source.text:
            values = {"text": article.text, "content_hash": article.text_hash}
            records.update(
                session, actor=actor, record=source, values=values, note="text kept from the inbox"
            )
        return source
    values = {
        "url": url,
        "publisher": urlsplit(article.url).hostname if article.url else PASTED_PUBLISHER,
        "title": article.title or url[:500],
        "published_on": article.published_on,
        "published_precision": "day" if article.published_on else None,
        "retrieved_on": (article.fetched_at or utcnow()).date(),
        "text": article.text,
        "content_hash": article.text_hash,
    }
    return records.create(session, actor=actor, model=Source, values=values, note="from the inbox")


def _party(session: Session, actor: str, p: InboxProposal) -> str:
    """The slug of the party a country or organisation proposal names (created if new)."""
    if p.kind == "country":
        return session.exec(select(Party.slug).where(Party.iso3 == p.payload["iso3"])).one()
    if p.payload.get("party"):
        return p.payload["party"]
    raw = {
        "slug": unique_slug(session, Party, p.payload["name"]),
        "name": p.payload["name"],
        "kind": p.payload["kind"],
        "country_iso3": p.payload.get("country"),
    }
    checked = check_party(raw)
    if not checked.ok:
        raise AcceptError(f"proposal {p.id} (organisation): {checked.problems[0]}")
    values = checked.values
    party = records.create(session, actor=actor, model=Party, values=values, note="from the inbox")
    p.payload = p.payload | {"party": party.slug}
    return party.slug


def _write_deal(session, actor, deal, choice, proposals, parties) -> Deal:
    """The new deal, or the chosen one with the accepted parties, commodities and value added."""
    roles = [[parties[p.id], p.payload["role"]] for p in proposals if p.id in parties]
    commodities = [p.payload["commodity"] for p in proposals if p.kind == "commodity"]
    money = next((p.payload for p in proposals if p.kind == "money"), None)
    values = _deal_values(choice if deal is None else DealChoice(title="x"), money)
    if deal is None:
        values["slug"] = unique_slug(session, Deal, choice.title)
        links = {"parties": _unique(roles), "commodities": _unique(commodities)}
        return records.create(session, actor=actor, model=Deal, values=values, links=links)
    have = read_links(session, deal)
    links = {
        "parties": _unique(have["parties"] + roles),
        "commodities": _unique(have["commodities"] + commodities),
    }
    keep_value = deal.value_amount is not None or deal.value_undisclosed or not money
    value = {} if keep_value else {k: v for k, v in values.items() if k.startswith("value_")}
    records.update(
        session, actor=actor, record=deal, values=value, links=links,
        note="attached from the inbox",
    )  # fmt: skip
    return deal


def _record_of(session, actor, p, deal, parties, done) -> tuple[str, int, str, str]:
    """(record type, id, field, value) a proposal's citation supports; events are written here."""
    if p.kind == "commodity":
        return "deal", deal.id, "commodities", p.payload["commodity"]
    if p.kind in ("country", "organisation"):
        return "deal", deal.id, "parties", parties[p.id]
    if p.kind == "money":
        return "deal", deal.id, "value", f"{p.payload['currency']} {p.payload['amount']}"
    when = PartialDate.parse(p.payload["date"])
    values = {
        "slug": unique_slug(session, Event, f"{deal.slug}-{p.payload['kind']}-{when.iso()}"),
        "date": when.start,
        "date_precision": when.precision.value,
        "kind": p.payload["kind"],
        "summary": p.payload["summary"],
        "deal_id": deal.id,
    }
    links = {"parties": _unique(parties.values())}
    event = records.create(session, actor=actor, model=Event, values=values, links=links)
    done.events.append(event)
    return "event", event.id, "date", when.iso()


def _unique(items) -> list:
    """ITEMS without repeats, first occurrence kept (lists compare by value)."""
    out: list = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def unique_slug(session: Session, model, text: str) -> str:
    """A slug from TEXT that no MODEL row has yet (-2, -3... when taken)."""
    base = slugify(text)[:SLUG_CHARS].strip("-") or "record"
    slug, n = base, 2
    while session.exec(select(model.id).where(model.slug == slug)).first() is not None:
        slug, n = f"{base}-{n}", n + 1
    return slug
