"""Every field on which sources disagree, across the records the Filter selects."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from tracker.export.statements import cited
from tracker.models import Citation, Source
from tracker.queries.filters import Filter
from tracker.queries.record_pages import RECORD_MODELS
from tracker.records.conflicts import SINGLE_VALUED, Conflict, find_conflicts

# What each kind of record is called in a list of disagreements.
TITLE_COLUMNS = {"deal": "title", "shipment": "description", "event": "summary", "party": "name"}


@dataclass
class Disagreement:
    """One field, its record, and each source's value."""

    conflict: Conflict
    slug: str
    title: str
    sources: dict[int, Source]


def disagreements(session: Session, f: Filter) -> list[Disagreement]:
    """Conflicts on the selected records' fields, by record type and record, then field."""
    pairs = session.execute(
        select(Citation, Source)
        .join(Source, Source.id == Citation.source_id)
        .where(cited(f), Citation.field.in_(SINGLE_VALUED))
        .order_by(Source.published_on, Source.id, Citation.id)
    ).all()
    conflicts = find_conflicts([tuple(p) for p in pairs])
    sources = {s.id: s for _c, s in pairs}
    names = _names(session, {(c.record_type, c.record_id) for c in conflicts})
    out = [
        Disagreement(c, *names.get((c.record_type, c.record_id), ("", "")), sources)
        for c in conflicts
    ]
    return sorted(out, key=lambda d: (d.conflict.record_type, d.title, d.conflict.field))


def _names(session: Session, keys: set[tuple[str, int]]) -> dict[tuple[str, int], tuple]:
    by_type: dict[str, set[int]] = {}
    for kind, rid in keys:
        by_type.setdefault(kind, set()).add(rid)
    names = {}
    for kind, ids in by_type.items():
        model = RECORD_MODELS[kind]
        title = getattr(model, TITLE_COLUMNS.get(kind, "name"))
        for rid, slug, text in session.execute(
            select(model.id, model.slug, title).where(model.id.in_(ids))
        ):
            names[(kind, rid)] = (slug, text or slug)
    return names
