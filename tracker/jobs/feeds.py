"""Parsing one feed's bytes, refusing hostile XML (the feed list is in tracker.jobs.feed_list)."""

from __future__ import annotations

import io
import xml.sax
from dataclasses import dataclass
from datetime import UTC, date, datetime

import feedparser

from tracker.jobs.feed_xml import HostileXML, safe_utf8

# A news feed is tens of kilobytes; 2 MB holds a long one and stops a runaway download.
MAX_FEED_BYTES = 2 * 1024 * 1024
# Entries read from one feed per poll: feeds list the newest first and we poll often.
MAX_ENTRIES_PER_FEED = 100


class FeedError(Exception):
    """A feed could not be read; the message says why."""


@dataclass(frozen=True)
class Entry:
    """One feed entry: its link, title, summary and date as the feed gives them."""

    link: str
    title: str
    summary: str
    published: date | None


def parse_feed(body: bytes) -> list[Entry]:
    """The entries of an RSS or Atom document; FeedError for hostile or malformed XML."""
    # Decoded first, then searched and parsed defused: UTF-16 and UTF-32 hide <!ENTITY too.
    try:
        body = safe_utf8(body)
    except HostileXML as exc:
        raise FeedError(f"hostile XML refused: {exc}") from None
    # A stream, never bytes: feedparser would open bytes that name a local file as that file.
    parsed = feedparser.parse(io.BytesIO(body), sanitize_html=True, resolve_relative_uris=False)
    problem = parsed.get("bozo_exception")
    if isinstance(problem, xml.sax.SAXException):
        # feedparser goes on with a lenient parser; half-read entries are not worth keeping.
        raise FeedError(f"malformed XML: {problem}")
    if not parsed.get("version"):
        raise FeedError("not an RSS or Atom feed")
    return [e for e in map(_entry, parsed.entries[:MAX_ENTRIES_PER_FEED]) if e is not None]


def _entry(raw: feedparser.FeedParserDict) -> Entry | None:
    """An Entry from feedparser's dict, or None without a link."""
    link = (raw.get("link") or "").strip()
    if not link:
        return None
    stamp = raw.get("published_parsed") or raw.get("updated_parsed")
    published = datetime(*stamp[:6], tzinfo=UTC).date() if stamp else None
    return Entry(
        link=link,
        title=(raw.get("title") or "").strip(),
        summary=(raw.get("summary") or "").strip(),
        published=published,
    )
