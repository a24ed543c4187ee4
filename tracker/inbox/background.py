"""Fetching an address into the inbox off the web worker: the request leaves the article in
status "fetching" and returns; the fetch runs in the app's background pool and writes the end
(pending with its proposals, failed with the reason, or duplicate of an article already here)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import timedelta
from functools import partial
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from tracker.db import unit_of_work
from tracker.fetching.addresses import IPNetwork
from tracker.inbox import fetch as fetching
from tracker.inbox.service import (
    Ingested,
    IngestError,
    canonical_or_none,
    ingest_text,
    link_arrival,
    ready,
)
from tracker.models import InboxArticle
from tracker.models.common import utcnow

log = logging.getLogger(__name__)

# A fetch times out long before this; a row still "fetching" after it died with its process,
# and asking for the address again starts a new fetch.
STALE_FETCH = timedelta(minutes=5)
UNEXPECTED = "the fetch failed unexpectedly; paste the article's text instead"


def start_fetch(*, session: Session, url: str) -> Ingested:
    """The article URL becomes: a known one (linked, duplicate=True), one already being fetched,
    or one queued in status "fetching" (queued=True: the caller submits fetch_into_inbox)."""
    canonical = canonical_or_none(url)
    if canonical is None:
        raise IngestError("give the article's address (http:// or https://)")
    existing = session.exec(select(InboxArticle).where(InboxArticle.url == canonical)).first()
    if existing is not None and existing.status == "duplicate" and existing.duplicate_of:
        existing = session.get(InboxArticle, existing.duplicate_of)
    if existing is not None and ready(existing):
        return link_arrival(session, existing, canonical)
    if existing is not None and existing.status == "fetching" and not _stale(existing):
        return Ingested(existing)
    article = existing or InboxArticle(origin="url", url=canonical, title=canonical[:500])
    # fetched_at is when this fetch started until it ends, when it becomes the fetch's end.
    article.status, article.error, article.fetched_at = "fetching", None, utcnow()
    session.add(article)
    session.flush()
    return Ingested(article, queued=True)


def fetch_into_inbox(
    engine: Engine,
    article_id: int,
    actor: str,
    data_dir: Path,
    fetch_allow: Iterable[IPNetwork] = (),
    fetcher: Callable[[str], fetching.Page] | None = None,
) -> None:
    """Fetch the waiting article's address and write how it ended, in a short transaction.

    FETCH_ALLOW: networks fetched although not public (TRACKER_FETCH_ALLOW); none by default."""
    with unit_of_work(engine) as session:
        url = session.get(InboxArticle, article_id).url
    try:
        page = (fetcher or partial(fetching.fetch, allow=fetch_allow))(url)
    except fetching.FetchError as exc:
        return _fail(engine, article_id, str(exc))
    except Exception:  # the page that polls must end, whatever went wrong
        log.exception("inbox fetch of %s", url)
        return _fail(engine, article_id, UNEXPECTED)
    try:
        with unit_of_work(engine) as session:
            _store(session, session.get(InboxArticle, article_id), page, actor, data_dir)
    except IngestError as exc:
        return _fail(engine, article_id, str(exc))
    except Exception:
        log.exception("inbox fetch of %s: storing", url)
        return _fail(engine, article_id, UNEXPECTED)
    return None


def _store(
    session: Session, article: InboxArticle, page: fetching.Page, actor: str, data_dir: Path
) -> None:
    """The fetched page into the waiting article, or the article as a duplicate of the one
    already holding this text (or the address a redirect ended at)."""
    if article.status != "fetching":
        return  # rejected (or fetched again) meanwhile: nothing to write
    if page.url != article.url:
        taken = session.exec(select(InboxArticle.id).where(InboxArticle.url == page.url)).first()
        if taken is None:
            article.url = page.url  # a redirect: the article lives at the final address
            session.flush()
    result = ingest_text(
        session=session,
        actor=actor,
        text=page.text,
        data_dir=data_dir,
        url=page.url,
        title=page.title,
        published=page.published,
        origin="url",
    )
    if result.article.id != article.id:
        article.status, article.duplicate_of = "duplicate", result.article.id
        article.fetched_at = utcnow()
        session.add(article)
    result.article.fetched_at = utcnow()


def _fail(engine: Engine, article_id: int, reason: str) -> None:
    with unit_of_work(engine) as session:
        article = session.get(InboxArticle, article_id)
        if article.status == "fetching":
            article.status, article.error, article.fetched_at = "failed", reason, utcnow()


def _stale(article: InboxArticle) -> bool:
    started = article.fetched_at
    if started is None:
        return True
    if started.tzinfo is None:  # SQLite hands timestamps back without their zone
        started = started.replace(tzinfo=utcnow().tzinfo)
    return utcnow() - started > STALE_FETCH


def fetch_now(
    *,
    engine: Engine,
    url: str,
    actor: str,
    data_dir: Path,
    fetch_allow: Iterable[IPNetwork] = (),
) -> Ingested:
    """The same steps without the pool, for the command line, which may wait: the article URL
    became (duplicate when it was here already; error when the fetch failed)."""
    with unit_of_work(engine) as session:
        started = start_fetch(session=session, url=url)
        article_id = started.article.id
    if started.queued:
        fetch_into_inbox(engine, article_id, actor, data_dir, fetch_allow)
    with unit_of_work(engine) as session:
        article = session.get(InboxArticle, article_id)
        duplicate = started.duplicate
        if article.status == "duplicate" and article.duplicate_of:
            article, duplicate = session.get(InboxArticle, article.duplicate_of), True
        session.expunge(article)
    return Ingested(article, duplicate=duplicate, error=article.error)
