"""Canonical article URLs: one spelling per article, so a second arrival is recognised."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that track the reader, not the article (utm_* is matched by prefix).
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ref", "ref_src", "cmpid"}
)
ALLOWED_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}


class BadURL(ValueError):
    """Not a URL the inbox can take; the message says why."""


def canonical_url(url: str) -> str:
    """URL with scheme and host lowercased, default port, fragment and tracking parameters gone."""
    text = (url or "").strip()
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES or not parts.hostname:
        raise BadURL(f"{text!r} is not an http(s) address; give one like https://example.com/a")
    host = parts.hostname.lower()
    if ":" in host:  # an IPv6 literal: urlsplit took its brackets off, a URL needs them
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError as exc:
        raise BadURL(f"{text!r} has a bad port: {exc}") from None
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k)]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def _tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)
