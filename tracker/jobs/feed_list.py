"""The feed list, kept in the feed table: added, listed, removed (each change audited) and
imported from an optional TOML file such as the data/feeds.toml of earlier versions."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlmodel import Session

from tracker.fetching.web import FetchError, check_url
from tracker.models import Feed
from tracker.records import audit

# Longest feed URL and name accepted: as long as a source URL; a name is a label, not prose.
MAX_FEED_URL_CHARS = 2000
MAX_FEED_NAME_CHARS = 200


class FeedListError(ValueError):
    """A feed cannot be added, removed or imported; the message says why."""


@dataclass(frozen=True)
class Imported:
    """What an import did: feeds added, and feeds skipped because they were listed already."""

    added: list[Feed]
    skipped: int


def list_feeds(session: Session) -> list[Feed]:
    """Every feed, in the order they were added."""
    return list(session.scalars(select(Feed).order_by(Feed.id)))


def add_feed(session: Session, *, actor: str, url: str, name: str | None = None) -> Feed:
    """Add the feed at URL (named NAME, else its URL); refuses a URL that is not http(s),
    that is too long, or that is listed already."""
    url, name = (url or "").strip(), (name or "").strip()
    if "\x00" in url + name:
        raise FeedListError("a feed URL or name must not contain NUL characters")
    if len(url) > MAX_FEED_URL_CHARS or len(name) > MAX_FEED_NAME_CHARS:
        raise FeedListError(
            f"a feed URL has at most {MAX_FEED_URL_CHARS} characters and a name at most "
            f"{MAX_FEED_NAME_CHARS}; shorten it"
        )
    try:
        check_url(url)
    except FetchError as exc:
        raise FeedListError(f"{exc}; give the feed's http:// or https:// address") from exc
    if session.scalar(select(Feed.id).where(Feed.url == url)) is not None:
        raise FeedListError(f"{url} is listed already; `tracker feeds list` shows the feeds")
    feed = Feed(url=url, name=name[:MAX_FEED_NAME_CHARS] or url[:MAX_FEED_NAME_CHARS])
    session.add(feed)
    session.flush()
    audit.log(session, actor=actor, action="create", record=feed, changes=audit.snapshot(feed))
    return feed


def find_feed(session: Session, key: str) -> Feed | None:
    """The feed whose URL is KEY, or else whose name is KEY (case-insensitive)."""
    key = (key or "").strip()
    return session.scalars(
        select(Feed)
        .where(or_(Feed.url == key, func.lower(Feed.name) == key.lower()))
        .order_by((Feed.url == key).desc(), Feed.id)
    ).first()


def remove_feed(session: Session, *, actor: str, feed: Feed) -> None:
    """Delete FEED; the audit history keeps what it was."""
    audit.log(session, actor=actor, action="delete", record=feed, changes=audit.snapshot(feed))
    session.delete(feed)
    session.flush()


def import_feeds(session: Session, *, actor: str, path: Path) -> Imported:
    """Add the [[feed]] entries of the TOML file PATH that are not listed yet (all or none)."""
    entries = read_toml(path)
    known = {feed.url for feed in list_feeds(session)}
    added, skipped = [], 0
    for number, (url, name) in enumerate(entries, start=1):
        if url.strip() in known:
            skipped += 1
            continue
        try:
            feed = add_feed(session, actor=actor, url=url, name=name)
        except FeedListError as exc:
            raise FeedListError(f"{path}: feed number {number}: {exc}") from exc
        known.add(feed.url)
        added.append(feed)
    return Imported(added, skipped)


def read_toml(path: Path) -> list[tuple[str, str | None]]:
    """(url, name) of each [[feed]] in PATH; FeedListError when it cannot be read."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FeedListError(f"{path} does not exist; give the path of a feeds TOML file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise FeedListError(f"{path} is not valid TOML ({exc}); fix the file") from exc
    items = raw.get("feed", [])
    if not isinstance(items, list):
        raise FeedListError(f"{path}: 'feed' must be an array of tables ([[feed]])")
    entries = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("url"), str):
            raise FeedListError(f"{path}: feed number {number} has no url; each [[feed]] needs one")
        name = item.get("name")
        entries.append((item["url"], name if isinstance(name, str) else None))
    return entries
