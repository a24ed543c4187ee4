"""An article from an address: fetched through tracker.fetching.web (HTML or text only) and its main
text taken out."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from tracker.fetching import web
from tracker.inbox.urls import canonical_url

# A news page answers in well under this; a hung server must not hold a request worker.
FETCH_TIMEOUT_SECONDS = 10
# The largest news pages (with inline scripts) are around 1-2 MB; more is not an article.
MAX_FETCH_BYTES = 3 * 1024 * 1024
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)


class FetchError(Exception):
    """The article could not be fetched or read; the message says why, for the editor."""


@dataclass(frozen=True)
class Page:
    """What an address gave: its final canonical URL, title, main text and publication date."""

    url: str
    title: str
    text: str
    published: date | None


def fetch(
    url: str,
    *,
    timeout: float | None = None,
    limit: int | None = None,
    allow: Iterable[web.IPNetwork] = (),
) -> Page:
    """GET URL and return its main text; refuse other content, oversize bodies and failures.

    ALLOW: networks fetched although not public (TRACKER_FETCH_ALLOW); none by default.
    """
    # Read at call time, so a deployment (or a test) can change the module's limits.
    timeout = FETCH_TIMEOUT_SECONDS if timeout is None else timeout
    limit = MAX_FETCH_BYTES if limit is None else limit
    response = _get(url, timeout, limit, allow)
    ctype = response.content_type
    if ctype not in HTML_TYPES + TEXT_TYPES:
        raise FetchError(f"{url} is {ctype}, not an HTML page or text; paste the text instead")
    try:
        decoded = response.body.decode(response.charset or "utf-8", errors="replace")
    except LookupError:  # a charset Python does not know: UTF-8 is the likeliest truth
        decoded = response.body.decode("utf-8", errors="replace")
    decoded = decoded.replace("\x00", "")  # never meaningful in an article; PostgreSQL refuses it
    final = canonical_url(response.url)
    if ctype in TEXT_TYPES:
        return Page(final, first_line(decoded), decoded, None)
    return from_html(decoded, final)


def _get(url: str, timeout: float, limit: int, allow: Iterable[web.IPNetwork]) -> web.Response:
    """The shared HTTP fetch, its refusals worded for the editor who gave the address."""
    try:
        return web.fetch(url, max_bytes=limit, timeout_s=timeout, allow=allow)
    except web.TooLarge as exc:
        if exc.declared:
            message = f"{url} is {exc.declared:,} bytes; the inbox takes at most {limit:,}"
            raise FetchError(message) from None
        raise FetchError(f"{url} is larger than {limit:,} bytes; the inbox takes no more") from None
    except web.HTTPStatusError as exc:
        raise FetchError(f"{url} answered HTTP {exc.code} {exc.reason}") from None
    except web.FetchError as exc:
        # Generic on purpose (see web.NO_ANSWER): refused, timed out and internal look alike.
        raise FetchError(f"{url} could not be fetched: {exc}") from None


def from_html(html: str, url: str | None = None) -> Page:
    """The article in HTML: title, main text (trafilatura) and date, title first in the text."""
    import trafilatura  # slow to import; only the inbox needs it

    doc = trafilatura.bare_extraction(
        html, url=url, include_comments=False, include_tables=False, with_metadata=True
    )
    body = (doc.text if doc else "") or ""
    title = page_headline(html) or ((doc.title if doc else "") or "").strip()
    if not body.strip():
        raise FetchError("no article text was found in the HTML; paste the text instead")
    published = _iso_date(doc.date if doc else None)
    # The extractor reads the headline from the first line, as in a pasted article.
    text = body if not title or body.lstrip().startswith(title) else f"{title}\n\n{body}"
    return Page(url or "", title or first_line(body), text, published)


_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.IGNORECASE | re.DOTALL)
_OG_TITLE = re.compile(
    r"<meta\b(?=[^>]*\bproperty=[\"']og:title[\"'])[^>]*\bcontent=[\"']([^\"']*)[\"']",
    re.IGNORECASE,
)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
# "Headline | Site", "Headline - Site name", "Headline — Site": the site's name is no headline.
_SITE_SUFFIX = re.compile(r"\s+[|\-–—·]\s+[^|\-–—·]{1,60}$")
# The site's name or tagline is short; a headline tells a story.
MIN_HEADLINE_WORDS = 4


def page_headline(html: str) -> str:
    """The article's headline: the page's <h1>, else og:title, else <title>, each without the
    site name appended; a candidate too short to be a headline (a logo, a tagline) is skipped."""
    for rx in (_H1, _OG_TITLE, _TITLE):
        for m in rx.finditer(html):
            text = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", m.group(1))).split())
            if rx is not _H1:
                text = _SITE_SUFFIX.sub("", text)
            if len(text.split()) >= MIN_HEADLINE_WORDS:
                return text[:500]
    return ""


def _iso_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def first_line(text: str) -> str:
    """The first non-empty line, as a title of at most 500 characters."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:500]
    return ""
