"""The feed list (data/feeds.toml) and parsing one feed's bytes, refusing hostile XML."""

from __future__ import annotations

import io
import json
import tomllib
import xml.sax
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import feedparser

from tracker.fetching.web import FetchError, check_url
from tracker.jobs.feed_xml import HostileXML, safe_utf8

# A news feed is tens of kilobytes; 2 MB holds a long one and stops a runaway download.
MAX_FEED_BYTES = 2 * 1024 * 1024
# Entries read from one feed per poll: feeds list the newest first and we poll often.
MAX_ENTRIES_PER_FEED = 100
# Longest feed URL and name accepted: as long as a source URL; a name is a label, not prose.
MAX_FEED_URL_CHARS = 2000
MAX_FEED_NAME_CHARS = 200
FEEDS_HEADER = (
    "# News feeds polled by the poll_feeds job (RSS or Atom).\n"
    "# Edit by hand or with `tracker feeds add URL --name NAME`.\n"
)


class FeedError(Exception):
    """A feed could not be read; the message says why."""


@dataclass(frozen=True)
class Feed:
    """One feed to poll."""

    url: str
    name: str


@dataclass(frozen=True)
class Entry:
    """One feed entry: its link, title, summary and date as the feed gives them."""

    link: str
    title: str
    summary: str
    published: date | None


def load_feeds(path: Path) -> list[Feed]:
    """The feeds listed in PATH ([] when the file does not exist yet)."""
    if not path.exists():
        return []
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise FeedError(f"{path} is not valid TOML ({exc}); fix or delete the file") from exc
    feeds = []
    for number, item in enumerate(raw.get("feed", []), start=1):
        if not isinstance(item, dict) or not isinstance(item.get("url"), str):
            raise FeedError(f"{path}: feed number {number} has no url; each [[feed]] needs one")
        feeds.append(Feed(url=item["url"], name=str(item.get("name") or item["url"])))
    return feeds


def add_feed(path: Path, url: str, name: str | None = None) -> Feed:
    """Append a feed to PATH; refuses a URL that is not http(s) or is listed already."""
    url, name = url.strip(), (name or "").strip() or None
    if len(url) > MAX_FEED_URL_CHARS or len(name or "") > MAX_FEED_NAME_CHARS:
        raise FeedError(
            f"a feed URL has at most {MAX_FEED_URL_CHARS} characters and a name at most "
            f"{MAX_FEED_NAME_CHARS}; shorten it"
        )
    try:
        check_url(url)
    except FetchError as exc:
        raise FeedError(f"{exc}; give the feed's http:// or https:// address") from exc
    feeds = load_feeds(path)
    if any(f.url == url for f in feeds):
        raise FeedError(f"{url} is listed already; `tracker feeds list` shows the feeds")
    feed = Feed(url=url, name=name or url)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "" if path.exists() else FEEDS_HEADER
    # JSON strings are valid TOML basic strings, so this quotes any name safely.
    text += f"\n[[feed]]\nurl = {json.dumps(feed.url)}\nname = {json.dumps(feed.name)}\n"
    # Appending, not rewriting: two editors adding at once cannot lose each other's feed.
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(text)
    return feed


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
