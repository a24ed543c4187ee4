"""Between forms and records: a form's fields as the raw mapping the record checks take
(tracker.records.checks), and the checks' problems back on the form fields that gave them.

The forms only translate syntax (a 'party-slug role' line, an item line); every rule about a
value lives in the checks, so the forms, the import, the seed and the inbox refuse alike."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import select
from sqlmodel import Session
from wtforms import SelectChoice

from tracker.models import Commodity
from tracker.records.checks import Checked
from tracker.records.checks.fields import BAD_CHARS, Problem
from tracker.records.lookup import SessionRefs, column_values
from tracker.seeding.reference import slugify

# An item line: commodity; quantity; unit; grade; value; currency; USD; rate date; hedges.
ITEM_PARTS = (
    "commodity",
    "quantity",
    "unit",
    "grade",
    "value_amount",
    "value_currency",
    "value_usd",
    "value_usd_rate_date",
    "hedges",
)
# Words of the hedges part, each a money flag.
HEDGES = {
    "approximately": "value_approximate",
    "up-to": "value_up_to",
    "more-than": "value_more_than",
    "undisclosed": "value_undisclosed",
}

Result = tuple[dict[str, Any], dict[str, Any]] | None


def fail(field, message: str) -> None:
    """Add MESSAGE to a form field's errors."""
    field.errors = [*field.errors, message]


def data(form, *names: str) -> dict[str, Any]:
    """The raw data of the form's NAMES fields."""
    return {name: getattr(form, name).data for name in names}


def slug_of(session: Session, model, form, fallback: str | None, record) -> str | None:
    """The record's slug: kept on edit, else the form's or one made from FALLBACK, unique.
    A slug that is not one is left to the check to refuse."""
    if record is not None:
        return record.slug
    wanted = (form.slug.data or "").strip() or slugify(fallback or "")[:150] or "record"
    if wanted == "new" and not form.slug.data:
        wanted = "new-record"
    if BAD_CHARS.search(wanted):
        return wanted
    taken = session.scalar(select(model.id).where(model.slug == wanted))
    if taken is None:
        return wanted
    if form.slug.data:
        fail(form.slug, f"{wanted!r} is taken; choose another slug.")
        return None
    n = 2
    while session.scalar(select(model.id).where(model.slug == f"{wanted}-{n}")) is not None:
        n += 1
    return f"{wanted}-{n}"


def checked_values(
    session: Session,
    form,
    check: Callable[..., Checked],
    raw: Mapping[str, Any],
    *,
    where: Callable[[Problem], tuple[str, str]] = lambda p: (p.field, p.message),
) -> Result:
    """Run CHECK on RAW; put each problem on its form field (WHERE maps a problem to a field
    name and message). (column values, links), or None when anything was refused."""
    refs = SessionRefs(session)
    checked = check(raw, refs)
    for problem in checked.problems:
        name, message = where(problem)
        field = getattr(form, name, None) or form.note
        fail(field, message[:1].upper() + message[1:] + ".")
    if any(f.errors for f in form) or not checked.ok:
        return None
    return column_values(refs, checked), checked.links


def party_lines(text: str | None) -> tuple[list[Any], list[str]]:
    """'party-slug role' lines into pairs, and a message for each line that is not one."""
    pairs, bad = [], []
    for n, line in enumerate((text or "").splitlines(), 1):
        words = line.replace(",", " ").replace(":", " ").split()
        if not words:
            continue
        if len(words) != 2:
            bad.append(f"Line {n}: write 'party-slug role' with a role from the list.")
            continue
        pairs.append(words)
    return pairs, bad


def item_lines(text: str | None) -> tuple[list[dict[str, Any]], list[int], list[str]]:
    """Item lines into raw item mappings, the line number of each, and messages for lines
    that cannot be read (an unknown hedge word)."""
    items, numbers, bad = [], [], []
    for n, line in enumerate((text or "").splitlines(), 1):
        parts = [p.strip() for p in line.split(";")]
        if not parts[0]:
            continue
        raw = dict(zip(ITEM_PARTS, parts, strict=False))
        if len(parts) > len(ITEM_PARTS):
            bad.append(f"Line {n}: at most {len(ITEM_PARTS)} parts separated by ';'.")
        for word in raw.pop("hedges", "").replace(",", " ").split():
            if word.lower() not in HEDGES:
                bad.append(f"Line {n}: {word!r} is not one of {', '.join(HEDGES)}.")
            else:
                raw[HEDGES[word.lower()]] = True
        items.append(raw)
        numbers.append(n)
    return items, numbers, bad


def item_line(item: dict[str, Any]) -> str:
    """An item as its form line (the inverse of item_lines)."""
    hedges = " ".join(word for word, flag in HEDGES.items() if item.get(flag))
    parts = [str(item.get(k) or "") for k in ITEM_PARTS[:-1]] + [hedges]
    while parts and not parts[-1]:
        parts.pop()
    return "; ".join(parts)


def commodity_choices(session: Session) -> list[SelectChoice]:
    """Every commodity by name, for the forms."""
    rows = session.execute(select(Commodity.slug, Commodity.name).order_by(Commodity.name))
    return [SelectChoice(slug, name) for slug, name in rows]
