"""Fetching an article over HTTP (timeout, size cap, HTML or text only) and taking out its text."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date

from tracker.inbox.urls import canonical_url

# A news page answers in well under this; a hung server must not hold a request worker.
FETCH_TIMEOUT_SECONDS = 10
# The largest news pages (with inline scripts) are around 1-2 MB; more is not an article.
MAX_FETCH_BYTES = 3 * 1024 * 1024
READ_CHUNK_BYTES = 64 * 1024
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
USER_AGENT = "critical-minerals-tracker/0.1 (article inbox)"


class FetchError(Exception):
    """The article could not be fetched or read; the message says why, for the editor."""


@dataclass(frozen=True)
class Page:
    """What an address gave: its final canonical URL, title, main text and publication date."""

    url: str
    title: str
    text: str
    published: date | None


def fetch(url: str, *, timeout: float | None = None, limit: int | None = None) -> Page:
    """GET URL and return its main text; refuse other content, oversize bodies and failures."""
    # Read at call time, so a deployment (or a test) can change the module's limits.
    timeout = FETCH_TIMEOUT_SECONDS if timeout is None else timeout
    limit = MAX_FETCH_BYTES if limit is None else limit
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            ctype = response.headers.get_content_type()
            if ctype not in HTML_TYPES + TEXT_TYPES:
                raise FetchError(
                    f"{url} is {ctype}, not an HTML page or text; paste the text instead"
                )
            body = _read_capped(response, limit, url)
            charset = response.headers.get_content_charset() or "utf-8"
            final = canonical_url(response.geturl())
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url} answered HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(f"{url} could not be fetched: {reason}") from None
    try:
        decoded = body.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know: UTF-8 is the likeliest truth
        decoded = body.decode("utf-8", errors="replace")
    decoded = decoded.replace("\x00", "")  # never meaningful in an article; PostgreSQL refuses it
    if ctype in TEXT_TYPES:
        return Page(final, first_line(decoded), decoded, None)
    return from_html(decoded, final)


def _read_capped(response, limit: int, url: str) -> bytes:
    """The body, refused as soon as it passes LIMIT bytes (never read whole first)."""
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchError(f"{url} is {int(declared):,} bytes; the inbox takes at most {limit:,}")
    chunks, size = [], 0
    while chunk := response.read(READ_CHUNK_BYTES):
        size += len(chunk)
        if size > limit:
            raise FetchError(f"{url} is larger than {limit:,} bytes; the inbox takes no more")
        chunks.append(chunk)
    return b"".join(chunks)


def from_html(html: str, url: str | None = None) -> Page:
    """The article in HTML: title, main text (trafilatura) and date, title first in the text."""
    import trafilatura  # slow to import; only the inbox needs it

    doc = trafilatura.bare_extraction(
        html, url=url, include_comments=False, include_tables=False, with_metadata=True
    )
    body = (doc.text if doc else "") or ""
    title = ((doc.title if doc else "") or "").strip()
    if not body.strip():
        raise FetchError("no article text was found in the HTML; paste the text instead")
    published = _iso_date(doc.date if doc else None)
    # The extractor reads the headline from the first line, as in a pasted article.
    text = body if not title or body.lstrip().startswith(title) else f"{title}\n\n{body}"
    return Page(url or "", title or first_line(body), text, published)


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
