"""Fetching over HTTP, for the inbox and the jobs alike: http(s) only (redirects too), public
addresses only (each hop checked, see addresses.py), a timeout, a size cap, a deadline for the
whole download and a user agent naming the project."""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

from tracker.fetching.addresses import AddressRefused, IPNetwork
from tracker.fetching.connections import CheckedHTTPHandler, CheckedHTTPSHandler

USER_AGENT = (
    "critical-minerals-deal-tracker/0.1 (article inbox, feed and link checks; "
    "https://github.com/critical-minerals/deal-tracker)"
)
# Seconds to wait for a connection or for any one read; a silent server is an error, not a hang.
TIMEOUT_S = 10
# Seconds a whole download may take: a server dripping a byte per second beats TIMEOUT_S alone.
DEADLINE_S = 30
# Bytes read at a time while counting toward a cap.
CHUNK_BYTES = 64 * 1024
# Only the web: file:// or ftp:// from a feed could read this machine's files.
ALLOWED_SCHEMES = frozenset({"http", "https"})
# What a user is told when nothing usable answered. Refused, timed out, unresolvable and
# internal addresses read the same: telling them apart would map which internal ports are open.
NO_ANSWER = "no answer from a public web server"


class FetchError(Exception):
    """A URL could not be fetched as asked; the message says what went wrong."""


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, message: str, code: int, reason: str):
        super().__init__(message)
        self.code, self.reason = code, reason


class NoAnswer(FetchError):
    """Nothing usable answered: refused, timed out, unresolvable or not a public address."""


class TooLarge(FetchError):
    """The body passed the cap; DECLARED is the Content-Length when the server sent one."""

    def __init__(self, message: str, limit: int, declared: int | None = None):
        super().__init__(message)
        self.limit, self.declared = limit, declared


@dataclass(frozen=True)
class Response:
    """What a fetch got: final URL, status, content type, body and its declared charset."""

    url: str
    status: int
    content_type: str
    body: bytes
    charset: str | None = None


def check_url(url: str) -> None:
    """Refuse a URL that is not http(s) with a host."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.netloc:
        raise FetchError(f"not an http(s) URL: {url[:200]}")


def fetch(
    url: str, *, max_bytes: int, timeout_s: float = TIMEOUT_S, allow: Iterable[IPNetwork] = ()
) -> Response:
    """GET URL, refusing bodies over MAX_BYTES; any HTTP status >= 400 is an error.

    ALLOW lists networks fetched although not public (TRACKER_FETCH_ALLOW); none by default.
    """
    check_url(url)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with _opener(allow).open(request, timeout=timeout_s) as answer:
            declared = answer.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise TooLarge(
                    f"too large: {int(declared)} bytes declared, cap {max_bytes}",
                    max_bytes,
                    int(declared),
                )
            body = _read_capped(answer, max_bytes)
            charset = answer.headers.get_content_charset() if answer.headers else None
            return Response(answer.url, answer.status, _content_type(answer.headers), body, charset)
    except urllib.error.HTTPError as exc:
        raise HTTPStatusError(f"HTTP {exc.code} from {url[:200]}", exc.code, exc.reason) from exc
    except (urllib.error.URLError, AddressRefused, http.client.HTTPException, OSError):
        raise NoAnswer(NO_ANSWER) from None


def status_of(url: str, *, timeout_s: float = TIMEOUT_S, allow: Iterable[IPNetwork] = ()) -> int:
    """The HTTP status URL answers with (4xx and 5xx included); NoAnswer if none."""
    check_url(url)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with _opener(allow).open(request, timeout=timeout_s) as answer:
            return answer.status  # the body is never read: only whether the page is there
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, AddressRefused, http.client.HTTPException, OSError):
        raise NoAnswer(NO_ANSWER) from None


def _opener(allow: Iterable[IPNetwork]) -> urllib.request.OpenerDirector:
    """HTTP(S) only, redirects included: urlopen's default would follow a redirect to ftp://.

    No proxy: a proxy would resolve and connect on its own, past the address check.
    """
    opener = urllib.request.OpenerDirector()
    for handler in (
        CheckedHTTPHandler(allow),
        CheckedHTTPSHandler(allow),
        urllib.request.HTTPRedirectHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _read_capped(answer, max_bytes: int) -> bytes:
    """The body, stopping with FetchError past MAX_BYTES or DEADLINE_S."""
    started = time.monotonic()
    chunks, size = [], 0
    # read1 returns what one receive brings, so a server dripping bytes meets the deadline.
    while chunk := answer.read1(CHUNK_BYTES):
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(f"too large: more than {max_bytes} bytes", max_bytes)
        if time.monotonic() - started > DEADLINE_S:
            raise NoAnswer(f"{NO_ANSWER}: still downloading after {DEADLINE_S} s")
        chunks.append(chunk)
    return b"".join(chunks)


def _content_type(headers: Message) -> str:
    """The media type without parameters, lowercased ('' when absent)."""
    return headers.get_content_type() if headers.get("Content-Type") else ""
