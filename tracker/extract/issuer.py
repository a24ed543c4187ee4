"""The body that issues a filing or a decision, named in capitals in its masthead and acting in
the body under a short handle ("COMPETITION AND CONSUMER AUTHORITY" ... "The Authority approved
the merger"; "KUNENE RARE EARTHS LIMITED" ... ("Kunene" or "the Company") ... "the Company
concluded three agreements"). Its name never appears in running text, so the name patterns,
which read the body, cannot find it."""

from __future__ import annotations

import re

from .organisations import OrgHit, without_legal_form
from .sentences import Span

# How far into the page a masthead sits.
MASTHEAD_CHARS = 900
# Head words that end a body's name in capitals, and the handle the body is then called by.
_HEADS = {
    "AUTHORITY": "Authority",
    "COMMISSION": "Commission",
    "AGENCY": "Agency",
    "REGULATOR": "Regulator",
    "TRIBUNAL": "Tribunal",
    "BOARD": "Board",
    "LIMITED": "Company",
    "LTD": "Company",
    "PLC": "Company",
    "CORPORATION": "Corporation",
}
_CAPS_LINE = re.compile(r"^[ \t]*((?:[A-Z][A-Z&'’.-]*[ \t]+){1,7}([A-Z]+))\.?[ \t]*$", re.MULTILINE)
_SMALL = frozenset({"AND", "OF", "FOR", "THE", "DE", "&"})
# The handle acting in the body: "The Authority approved", "the Company concluded".
_ACTS = (
    r"\s+(?:has\s+|had\s+|today\s+)?(?:approved|concluded|signed|entered\s+into|granted|agreed|"
    r"acquired|cleared|authori[sz]ed|issued|executed)\b"
)


def _title(caps: str, text: str) -> str:
    """The name as the page writes it in mixed case, else its capitals in title case."""
    words = caps.split()
    rx = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    spelled = next((s.group(0) for s in rx.finditer(text) if not s.group(0).isupper()), None)
    if spelled:
        return spelled
    return " ".join(w.lower() if w in _SMALL else w.capitalize() for w in words)


def issuer_hits(text: str, body: list[Span]) -> list[tuple[OrgHit, Span]]:
    """The masthead's body, once per body sentence where its handle performs an act."""
    m = next(
        (m for m in _CAPS_LINE.finditer(text, 0, MASTHEAD_CHARS) if m.group(2) in _HEADS), None
    )
    if m is None:
        return []
    handle = _HEADS[m.group(2)]
    name = without_legal_form(_title(m.group(1), text))
    acts = re.compile(rf"\b[Tt]he\s+{handle}{_ACTS}")
    hits = []
    for sent in body:
        for a in acts.finditer(text, sent.start, sent.end):
            hits.append((OrgHit(name, a.start(), a.start() + len(handle) + 4), sent))
    return hits
