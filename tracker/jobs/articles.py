"""Turning a feed entry's link into an article: HTML only, capped, as plain text with its hash."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from tracker.jobs.fetch import FetchError, fetch

# News pages run to a few hundred kilobytes with their markup; 3 MB is far past any article.
MAX_ARTICLE_BYTES = 3 * 1024 * 1024
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Elements whose text is never the article.
_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "nav", "footer", "form"})
# Elements that end a line of text.
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "tr",
     "blockquote", "header", "figcaption", "title"}
)  # fmt: skip
# Query parameters that only track the reader, not what the page is.
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid)$", re.IGNORECASE)


@dataclass(frozen=True)
class Article:
    """A fetched article ready for the inbox."""

    url: str
    title: str
    text: str
    content_hash: str
    published: date | None


def canonical_url(url: str) -> str:
    """URL without fragment, tracking parameters or default port, scheme and host lowercased."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.port and (parts.scheme, parts.port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{parts.port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)])
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", query, ""))


def text_hash(text: str) -> str:
    """SHA-256 of the text with whitespace collapsed, so re-wrapped copies hash the same."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def fetch_article(url: str, *, title: str, published: date | None) -> Article:
    """Fetch URL as an HTML article; FetchError if it is not HTML, too large or has no text."""
    response = fetch(url, max_bytes=MAX_ARTICLE_BYTES)
    if response.content_type not in HTML_TYPES:
        raise FetchError(f"not an HTML page ({response.content_type or 'no content type'})")
    page_title, text = html_to_text(response.body.decode(_charset(response.body), "replace"))
    if not text.strip():
        raise FetchError("the page has no text")
    return Article(
        url=canonical_url(response.url),
        title=title or page_title,
        text=text,
        content_hash=text_hash(text),
        published=published,
    )


def _charset(body: bytes) -> str:
    """The charset a page declares in its first bytes, else UTF-8."""
    m = re.search(rb"""charset=["']?([\w-]+)""", body[:2048], re.IGNORECASE)
    name = m.group(1).decode("ascii") if m else "utf-8"
    try:
        "".encode(name)
    except LookupError:
        return "utf-8"
    return name


class _TextParser(HTMLParser):
    """Collects visible text, one block per line, and the <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.title = ""
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self._skip += 1
        self._in_title = tag == "title"
        if tag in _BLOCKS:
            self.lines.append("")

    def handle_endtag(self, tag):
        if tag in _SKIPPED and self._skip:
            self._skip -= 1
        if tag == "title":
            self._in_title = False
        if tag in _BLOCKS:
            self.lines.append("")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.lines[-1] += data


def html_to_text(html: str) -> tuple[str, str]:
    """(title, text) of an HTML page: visible text, one paragraph per line."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in parser.lines)
    return " ".join(parser.title.split()), "\n".join(line for line in lines if line)
