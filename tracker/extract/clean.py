"""Clean scraped article text into headline, standfirst, byline and body spans."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .dates import parse_byline_date
from .sentences import Span

# Whole lines that are site furniture, not article text.
BOILERPLATE = re.compile(
    r"^(advertisement|advertisment|sponsored|also read\b.*|read more\b.*|read also\b.*|"
    r"related\b.*|tags?:.*|topics?:.*|share this\b.*|share\b.*[|:].*|share on\b.*|print|"
    r"subscribe\b.*|sign up\b.*|follow us\b.*|click here\b.*|comments?\b.*|"
    r"price alerts|you may also like.*|recommended.*|more from\b.*|"
    r"(?:also\s+)?in\s+this\s+issue\b.*|"
    r"media\s+(?:contacts?|enquiries|inquiries)\b.*|for\s+media\s+(?:enquiries|inquiries)\b.*)$",
    re.IGNORECASE,
)
# Lines of menu items: "News · Projects · Markets" or "Share this | Print | Comments (12)".
_MENU = re.compile(r"\s[·•|]\s")
# Lines before the byline longer than this are not headline furniture.
MAX_HEADER_LINE = 300
# After the byline, short lines without sentence punctuation are author/desk credits.
MAX_CREDIT_LINE = 60
# Headlines tell a story in six words or more; taglines and section names are shorter.
MIN_HEADLINE_WORDS = 6
# How many lines from the top a byline may appear on.
BYLINE_SEARCH_LINES = 15


@dataclass
class Document:
    """An article split into parts; every span indexes the original text."""

    text: str
    headline: Span | None = None
    standfirst: list[Span] = field(default_factory=list)
    byline: list[Span] = field(default_factory=list)
    body: list[Span] = field(default_factory=list)  # paragraphs
    published: date | None = None

    def kept(self) -> list[Span]:
        """All kept spans in reading order."""
        head = [self.headline] if self.headline else []
        return sorted(head + self.standfirst + self.byline + self.body, key=lambda s: s.start)


def _lines(text: str) -> list[Span]:
    """Non-empty lines of text as trimmed spans."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append(Span(text[s:e], s, e))
    return spans


def is_boilerplate(line: str) -> bool:
    """True for share/print/advert/tag lines and stray separators."""
    if not re.search(r"[A-Za-z]", line):
        # "||", "***", bare numbers; but an all-digit byline ("05.11.2024 14:10") is kept.
        return parse_byline_date(line) is None
    if BOILERPLATE.match(line):
        return True
    if re.search(r"\b(19|20)\d\d\b", line):
        return False  # a dated byline may use the same separators
    return bool(_MENU.search(line)) and len(line) < 120 and not re.search(r"[.!?]\s", line)


# A heading over a list of links to other stories ("Read Next", "Related news", "Also read").
_LINK_LIST_HEADING = re.compile(
    r"^(?:read\s+next|related(?:\s+(?:news|articles|stories|coverage|content))?|also\s+read|"
    r"read\s+(?:more|also)|more\s+(?:news|stories)|more\s+from\b.*|you\s+may\s+also\s+like|"
    r"recommended(?:\s+for\s+you)?|most\s+read|latest(?:\s+news)?|see\s+also)"
    r"(?:\s*/\s*[^\n]{1,30})?\s*:?$",
    re.IGNORECASE,
)


def _without_link_lists(lines: list[Span]) -> list[Span]:
    """Lines that are not boilerplate, without the other stories' headlines listed under a
    "Read Next" or "Related news" heading (they date and name things the article does not)."""
    kept: list[Span] = []
    in_list = False
    for ln in lines:
        if _LINK_LIST_HEADING.match(ln.text):
            in_list = True
            continue
        # A headline has no closing full stop; a paragraph of the article does.
        if in_list and not re.search(r"[.!?][\"”’)]?$", ln.text) and len(ln.text) < 160:
            continue
        in_list = False
        if not is_boilerplate(ln.text):
            kept.append(ln)
    return kept


def _is_masthead(line: str) -> bool:
    """All-caps site names and section menus that sit above the headline."""
    letters = [c for c in line if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.9 and len(line) < 80:
        return True
    return bool(_MENU.search(line))


def clean(text: str, published: date | None = None) -> Document:
    """Split scraped text into parts, dropping boilerplate; offsets stay in the original."""
    doc = Document(text=text, published=published)
    lines = _without_link_lists(_lines(text))
    byline_at = None
    lead_dateline = False
    for i, ln in enumerate(lines[:BYLINE_SEARCH_LINES]):
        # A bullet point is a list item of the body ("- Offtake signed on November 25, 2026"),
        # never the byline, whatever date it holds.
        found = None if _BULLET.match(ln.text) else parse_byline_date(ln.text)
        if found and len(ln.text) < 160:
            byline_at, doc.published = i, published or found
            break
    # A press release opens its first paragraph with a dateline ("Lima, October 29, 2026 -
    # Estaño Andino ... today announced"): the release's date; the paragraph is body. It wins
    # over a dated line below it (a highlight "- Offtake agreement signed on November 25, 2026").
    for i, ln in enumerate(lines[: BYLINE_SEARCH_LINES if byline_at is None else byline_at]):
        m = _LEAD_DATELINE.match(ln.text)
        found = parse_byline_date(m.group(1)) if m else None
        if found:
            byline_at, doc.published, lead_dateline = i, published or found, True
            break
    if byline_at is None:
        doc.body = lines  # no recognisable header: treat it all as body
        if lines and len(lines[0].text) < MAX_HEADER_LINE and not lines[0].text.endswith("."):
            doc.headline, doc.body = lines[0], lines[1:]
        return doc
    header = [ln for ln in lines[:byline_at] if not _is_masthead(ln.text)]
    # Site taglines end with a full stop; headlines and standfirsts do not.
    titles = [ln for ln in header if not ln.text.endswith(".")] or header
    if titles:
        # A site's tagline or section name ("Tech supply chains, decoded") is a short line
        # above the headline: the headline is the first line long enough to tell a story.
        at = next((i for i, ln in enumerate(titles) if _words(ln.text) >= MIN_HEADLINE_WORDS), 0)
        doc.headline = titles[at]
        doc.standfirst = titles[at + 1 :]
    if lead_dateline:
        doc.body = [ln for ln in lines[byline_at:] if not _same(ln.text, doc.headline)]
        return doc
    doc.byline = [lines[byline_at]]
    rest = lines[byline_at + 1 :]
    while rest and _is_credit(rest[0].text, doc.headline):
        if not _same(rest[0].text, doc.headline):
            doc.byline.append(rest[0])
        rest = rest[1:]
    doc.body = [ln for ln in rest if not _same(ln.text, doc.headline)]
    return doc


# "Lima, October 29, 2026 - ", "TBILISI, 27 November 2026 — ": a place, a dated comma, a dash.
# ("FREDERICTON, New Brunswick, Nov. 26, 2026 (GLOBE NEWSWIRE) -- ": a wire's name between.)
_LEAD_DATELINE = re.compile(
    r"^[A-ZÀ-Ý][\w .'’/-]{1,40},\s+([^—–-]{6,40}?\d{4})(?:\s*\([^()]{1,40}\))?\s*[—–-]{1,2}\s"
)


_BULLET = re.compile(r"^(?:[-•*–▪]|\d{1,2}[.)])\s")


def _words(line: str) -> int:
    return len(line.split())


def _same(line: str, headline: Span | None) -> bool:
    """True when a line repeats the headline (pages often print it twice)."""
    return headline is not None and line.strip().lower() == headline.text.strip().lower()


def _is_credit(line: str, headline: Span | None) -> bool:
    """Short lines right after the byline: "By Mining Desk", "Shanghai bureau", repeated title."""
    if _same(line, headline):
        return True
    return len(line) <= MAX_CREDIT_LINE and not re.search(r"[.!?]$", line)
