"""A feed entry's link as an article: fetched by us (HTML only, capped), read by the inbox."""

from __future__ import annotations

import re
from datetime import date

from tracker.fetching.web import FetchError, fetch
from tracker.inbox import fetch as inbox_fetch

# News pages run to a few hundred kilobytes with their markup; 3 MB is far past any article.
MAX_ARTICLE_BYTES = 3 * 1024 * 1024
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHARSET = re.compile(rb"""charset=["']?([\w-]+)""", re.IGNORECASE)
# Bytes searched for a <meta charset>: browsers look in the first 1024; a little slack.
CHARSET_SNIFF_BYTES = 2048


def fetch_article(url: str, *, timeout_s: float, allow: tuple = ()) -> inbox_fetch.Page:
    """Fetch URL as an HTML article; FetchError if it is not HTML, too large or has no text.

    ALLOW: networks fetched although not public (TRACKER_FETCH_ALLOW)."""
    response = fetch(url, max_bytes=MAX_ARTICLE_BYTES, timeout_s=timeout_s, allow=allow)
    if response.content_type not in HTML_TYPES:
        raise FetchError(f"not an HTML page ({response.content_type or 'no content type'})")
    html = response.body.decode(_charset(response.body), "replace")
    try:
        return inbox_fetch.from_html(html, response.url)
    except inbox_fetch.FetchError as exc:
        raise FetchError(str(exc)) from exc


def _charset(body: bytes) -> str:
    """The charset a page declares in its first bytes, else UTF-8."""
    m = _CHARSET.search(body[:CHARSET_SNIFF_BYTES])
    name = m.group(1).decode("ascii") if m else "utf-8"
    try:
        "".encode(name)
    except LookupError:
        return "utf-8"
    return name


def published_or(page: inbox_fetch.Page, fallback: date | None) -> date | None:
    """The page's own date, else the feed entry's."""
    return page.published or fallback
