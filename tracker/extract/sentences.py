"""Sentence splitting that keeps character offsets into the original text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "no",
        "nos",
        "inc",
        "corp",
        "ltd",
        "co",
        "jr",
        "sr",
        "vs",
        "etc",
        "u.s",
        "u.k",
        "e.g",
        "i.e",
        "nev",
        "calif",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "gov",
        "gen",
        "sen",
        "rep",
        "pt",
        "sdn",
    ]
)
# Capital letters of the Latin alphabets ("Ōmi Kasei", "Şişecam", "Łódź", "Žilina"), as a
# character class body.
UPPER = "A-ZÀ-ÖØ-Þ" + "".join(c for c in map(chr, range(0x100, 0x250)) if c.isupper())
_BOUNDARY = re.compile(rf"[.!?][\"'”’)]*\s+(?=[\"“‘(]?[{UPPER}0-9])")


@dataclass(frozen=True)
class Span:
    """A piece of the original text: text == original[start:end]."""

    text: str
    start: int
    end: int


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Split original[start:end] into sentences, returning spans into the original text."""
    chunk = text[start:end]
    spans: list[Span] = []
    cursor = 0
    for m in _BOUNDARY.finditer(chunk):
        word = re.search(r"([\w.]+)[.!?]$", chunk[cursor : m.start() + 1])
        if word and word.group(1).lower().rstrip(".") in ABBREVIATIONS:
            continue
        # A single capital before the dot is an initial ("Donald J. Trump"), not an end.
        if word and re.fullmatch(r"[A-Z]", word.group(1)):
            continue
        piece_end = m.end() - len(m.group(0)) + len(m.group(0).rstrip())
        _append(spans, text, start + cursor, start + piece_end)
        cursor = m.end()
    _append(spans, text, start + cursor, end)
    return spans


def _append(spans: list[Span], text: str, s: int, e: int) -> None:
    """Append the trimmed span s..e if it holds any text."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append(Span(text[s:e], s, e))
