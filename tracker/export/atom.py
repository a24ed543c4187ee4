"""An Atom 1.0 document (RFC 4287) of recent changes, built as XML so text is always escaped."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from tracker.queries.changes import Change

ATOM = "http://www.w3.org/2005/Atom"
KIND_WORDS = {"deal": "deal", "shipment": "shipment", "event": "timeline event"}


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def feed(
    *,
    title: str,
    self_url: str,
    page_url: str,
    feed_id: str,
    changes: Iterable[Change],
    entry_url: Callable[[Change], str],
) -> bytes:
    """The feed's bytes: one entry per change, newest first."""
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    changes = list(changes)
    _el(root, "id", feed_id)
    _el(root, "title", title)
    newest = max((c.updated_at for c in changes), default=datetime(2000, 1, 1, tzinfo=UTC))
    _el(root, "updated", newest.isoformat())
    _el(root, "link", rel="self", href=self_url, type="application/atom+xml")
    _el(root, "link", rel="alternate", href=page_url, type="text/html")
    author = _el(root, "author")
    _el(author, "name", "Critical-minerals deal tracker")
    _el(root, "generator", "Critical-minerals deal tracker")
    for change in changes:
        entry = _el(root, "entry")
        url = entry_url(change)
        # The record's address plus its write time: a change is a new entry for readers.
        _el(entry, "id", f"{url}#{change.kind}-{change.slug}-{change.updated_at:%Y%m%dT%H%M%S%f}")
        state = "New" if change.is_new else "Changed"
        _el(entry, "title", f"{state} {KIND_WORDS[change.kind]}: {change.title}")
        _el(entry, "updated", change.updated_at.isoformat())
        _el(entry, "published", change.created_at.isoformat())
        _el(entry, "link", rel="alternate", href=url, type="text/html")
        _el(entry, "category", term=change.kind)
        if change.summary:
            _el(entry, "summary", change.summary)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
