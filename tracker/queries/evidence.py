"""The evidence behind a record page: its citations grouped into numbered notes, one per field.

A page asks `note_for(record_type, record_id, field)` where it shows a figure or a date and
gets the note's number (numbered in the order the page asks, so markers read 1, 2, 3 down the
page); the notes section at the foot lists every note, asked for or not, with its citations.
Pure: built from (citation, source) pairs already loaded, no queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.records.conflicts import Conflict, find_conflicts

# How a field reads on a page; a field not listed reads as its name.
FIELD_LABELS = {
    "announced": "Announced",
    "signed": "Signed",
    "effective": "In force from",
    "ended": "Ended",
    "value": "Value",
    "status": "Status",
    "kind": "Kind",
    "title": "Title",
    "summary": "Summary",
    "parties": "Parties",
    "commodities": "Commodities",
    "date": "Date",
    "dispatched": "Dispatched",
    "arrived": "Arrived",
    "origin": "Origin",
    "destination": "Destination",
    "description": "Cargo",
    "items": "Items",
    None: "The record as a whole",
}
RECORD_NOUNS = {
    "deal": "Deal",
    "shipment": "Shipment",
    "event": "Event",
    "party": "Party",
    "commodity": "Commodity",
}


def field_label(name: str | None) -> str:
    """How a citation's field reads ('Signed', 'Cargo', 'The record as a whole')."""
    return FIELD_LABELS.get(name, (name or "").replace("_", " ").capitalize())


@dataclass
class Note:
    """The citations of one field of one record, under one number."""

    record_type: str
    record_id: int
    field: str | None
    citations: list = field(default_factory=list)  # (Citation, Source) pairs
    conflict: Conflict | None = None
    number: int = 0

    @property
    def anchor(self) -> str:
        """The id of the note in the page (the marker links to it)."""
        return f"note-{self.number}"

    @property
    def label(self) -> str:
        """The field's label."""
        return field_label(self.field)

    @property
    def analysis_only(self) -> bool:
        """Whether every source of this field is an analysis or a blog post."""
        kinds = {getattr(s, "source_type", None) for _c, s in self.citations}
        return kinds == {"analysis"}


class Evidence:
    """A page's notes: one per (record type, record id, field) cited on it."""

    def __init__(self, citations, titles: dict[tuple[str, int], str] | None = None):
        self.notes: dict[tuple, Note] = {}
        for citation, source in citations:
            key = (citation.record_type, citation.record_id, citation.field)
            note = self.notes.setdefault(key, Note(*key))
            note.citations.append((citation, source))
        self.conflicts = find_conflicts(citations)
        for c in self.conflicts:
            self.notes[(c.record_type, c.record_id, c.field)].conflict = c
        # What each record is called, for notes about a record other than the page's own.
        self.titles = titles or {}
        self._next = 1

    def note_for(self, record_type: str, record_id: int, name: str | None) -> Note | None:
        """The note of that field, numbered now if it is the first time the page asks."""
        note = self.notes.get((record_type, record_id, name))
        if note is not None and not note.number:
            note.number, self._next = self._next, self._next + 1
        return note

    def conflict(self, record_type: str, record_id: int, name: str) -> Conflict | None:
        """Where the sources disagree on that field, if they do."""
        note = self.notes.get((record_type, record_id, name))
        return note.conflict if note else None

    def ordered(self) -> list[Note]:
        """Every note, numbered, in number order (notes no marker asked for come last)."""
        for note in self.notes.values():
            if not note.number:
                self.note_for(note.record_type, note.record_id, note.field)
        return sorted(self.notes.values(), key=lambda n: n.number)

    def title_of(self, note: Note) -> str:
        """What the note's record is called on this page ('' for the page's own record)."""
        return self.titles.get((note.record_type, note.record_id), "")
