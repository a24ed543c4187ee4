"""Taking articles into the inbox (paste, URL, upload) and deciding on single proposals.

Data functions: they take the session and the actor, flush, and never commit (the request or
command that called them does, once)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, select

from tracker.inbox import fetch as fetching
from tracker.inbox.proposals import propose
from tracker.inbox.urls import BadURL, canonical_url
from tracker.models import InboxArticle, Source
from tracker.records import audit

# The longest news article we have seen is ~60k characters; four times that is not an article.
MAX_ARTICLE_CHARS = 250_000
# An uploaded .txt/.html file; a saved news page with its markup stays well under this.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
UPLOAD_TYPES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html"}


class IngestError(ValueError):
    """The input cannot become an article; the message tells the editor what to do."""


@dataclass
class Ingested:
    """The article an input became (or was recognised as) and what happened."""

    article: InboxArticle
    duplicate: bool = False
    error: str | None = None
    # An address waiting in status "fetching" for tracker.inbox.background to fetch it.
    queued: bool = False


def normalise_text(text: str) -> str:
    """One newline convention and no outer whitespace: offsets and hashes refer to this text."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def text_hash(text: str) -> str:
    """SHA-256 of the article text (as Source.content_hash)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ingest_text(
    *,
    session: Session,
    actor: str,
    text: str,
    data_dir: Path,
    url: str | None = None,
    title: str | None = None,
    published: date | None = None,
    origin: str = "paste",
) -> Ingested:
    """Store TEXT as an article with its proposals, or link it to the same article already here."""
    for name, value in (("text", text), ("address", url), ("title", title)):
        refuse_nul(name, value)
    text = normalise_text(text or "")
    if not text:
        raise IngestError("the article text is empty; paste the article's text")
    if len(text) > MAX_ARTICLE_CHARS:
        raise IngestError(
            f"the text is {len(text):,} characters; an article has at most {MAX_ARTICLE_CHARS:,}"
        )
    canonical = canonical_or_none(url)
    digest = text_hash(text)
    existing = _find(session, canonical, digest)
    if existing is not None and ready(existing):
        return link_arrival(session, existing, canonical)
    article = existing or InboxArticle(origin=origin, url=canonical)
    article.text, article.text_hash, article.error = text, digest, None
    if article.status in ("fetching", "failed"):
        article.status = "pending"  # fetched at last: ready for review
    article.source_id = _known_source(session, canonical, text)
    found = propose(session, text, published, data_dir)
    article.title = (title or found.headline or fetching.first_line(text)).strip()[:500]
    article.published_on = published or found.published
    session.add(article)
    session.flush()
    for p in found.proposals:
        p.article_id = article.id
        session.add(p)
    audit.log(session, actor=actor, action="create", record=article, changes=_summary(article))
    session.flush()
    return Ingested(article)


def ingest_upload(
    *, session: Session, actor: str, filename: str, data: bytes, data_dir: Path
) -> Ingested:
    """An uploaded .txt or .html file into the inbox (HTML through the main-text extractor)."""
    suffix = Path(filename or "").suffix.lower()
    if suffix not in UPLOAD_TYPES:
        raise IngestError(f"{filename!r} is not a .txt or .html file")
    if len(data) > MAX_UPLOAD_BYTES:
        raise IngestError(
            f"{filename} is {len(data):,} bytes; an upload may be at most {MAX_UPLOAD_BYTES:,}"
        )
    try:
        decoded = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise IngestError(f"{filename} is not UTF-8 text; save it as UTF-8 and retry") from None
    title, published = None, None
    if UPLOAD_TYPES[suffix] == "html":
        try:
            page = fetching.from_html(decoded)
        except fetching.FetchError as exc:
            raise IngestError(f"{filename}: {exc}") from None
        decoded, title, published = page.text, page.title, page.published
    return ingest_text(
        session=session,
        actor=actor,
        text=decoded,
        data_dir=data_dir,
        title=title,
        published=published,
        origin="upload",
    )


def refuse_nul(name: str, value: str | None) -> None:
    """Refuse a NUL character: PostgreSQL can neither store nor even look one up."""
    if value and "\x00" in value:
        raise IngestError(f"the {name} contains a NUL character; remove it and try again")


def canonical_or_none(url: str | None) -> str | None:
    refuse_nul("address", url)
    if not url or not url.strip():
        return None
    try:
        return canonical_url(url)
    except BadURL as exc:
        raise IngestError(str(exc)) from None


def _find(session: Session, url: str | None, digest: str) -> InboxArticle | None:
    """The article already here with this URL or this text."""
    cond = InboxArticle.text_hash == digest
    if url:
        cond = or_(cond, InboxArticle.url == url)
    found = session.exec(select(InboxArticle).where(cond).order_by(InboxArticle.id)).all()
    # An article with text wins over a failed fetch of the same address or one still fetching.
    return min(found, key=lambda a: (not ready(a), a.id), default=None)


def ready(article: InboxArticle) -> bool:
    """Whether ARTICLE has its text (not a failed fetch, not waiting for one)."""
    return not article.error and article.status not in ("fetching", "failed", "duplicate")


def link_arrival(session: Session, article: InboxArticle, url: str | None) -> Ingested:
    """Count another arrival of ARTICLE; learn its URL if it came without one."""
    article.arrivals += 1
    if url and not article.url:
        taken = session.exec(select(InboxArticle.id).where(InboxArticle.url == url)).first()
        if taken is None:
            article.url = url
    session.add(article)
    session.flush()
    return Ingested(article, duplicate=True)


def _known_source(session: Session, url: str | None, text: str) -> int | None:
    """The source this article already is (same URL or same text), if any."""
    # Seed files keep their final newline; the inbox strips it, so both spellings are checked.
    hashes = [text_hash(text), text_hash(text + "\n")]
    cond = Source.content_hash.in_(hashes)
    if url:
        cond = or_(cond, Source.url == url)
    return session.exec(select(Source.id).where(cond).order_by(Source.id)).first()


def _summary(article: InboxArticle) -> dict[str, Any]:
    keys = ("url", "title", "origin", "text_hash", "published_on", "source_id")
    return {k: audit.jsonable(getattr(article, k)) for k in keys}
