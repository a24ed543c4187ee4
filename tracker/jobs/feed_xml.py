"""A feed's bytes as UTF-8, refused when they declare entities, whatever encoding they came in.

Feeds have no use for entity declarations: they are how entity-expansion bombs and external
entities get in. A search of the raw bytes for `<!ENTITY` misses a UTF-16 or UTF-32 feed, so the
text is decoded first (byte order mark, else the first bytes and the XML declaration, as XML 1.0
appendix F says), then searched and parsed with defusedxml, which refuses entity declarations
and external references. feedparser then reads the same text, re-encoded as UTF-8.
"""

from __future__ import annotations

import codecs
import re

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as defused_fromstring

# Longest UTF-32 byte order marks first: FF FE 00 00 also begins with UTF-16's FF FE.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Without a mark, '<?' (or '<') in each wide encoding looks like this.
WIDE_STARTS = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
)
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*?\?>")
_DECLARED_ENCODING = re.compile(
    rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']"""
)
_ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)
UTF8_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'


class HostileXML(ValueError):
    """The feed declares or refers to entities."""


def encoding_of(body: bytes) -> str:
    """The encoding BODY is in: its byte order mark, its shape, its declaration, or UTF-8."""
    for mark, name in BYTE_ORDER_MARKS:
        if body.startswith(mark):
            return name
    for start, name in WIDE_STARTS:
        if body.startswith(start):
            return name
    declared = _DECLARED_ENCODING.match(body[:200])
    return declared.group(1).decode("ascii").lower() if declared else "utf-8"


def safe_utf8(body: bytes) -> bytes:
    """BODY decoded and re-encoded as UTF-8 (declaration rewritten); HostileXML if it declares
    or refers to entities. Malformed XML passes: feedparser's strict parse reports it."""
    encoding = encoding_of(body)
    try:
        text = body.decode(encoding, errors="replace")
    except LookupError:  # a name Python does not know: read it as UTF-8, as feedparser would
        text = body.decode("utf-8", errors="replace")
    text = _DECLARATION.sub("", text.lstrip("\ufeff"), count=1)
    utf8 = (UTF8_DECLARATION + text).encode("utf-8")
    if _ENTITY_DECLARATION.search(text):
        raise HostileXML("the feed declares entities (<!ENTITY)")
    try:
        defused_fromstring(utf8, forbid_dtd=False)  # entities and external references refused
    except DefusedXmlException as exc:
        raise HostileXML(f"the feed uses entities ({type(exc).__name__})") from None
    except (ParseError, ValueError):
        pass  # malformed: not hostile as such; feedparser's strict parse refuses it
    return utf8
