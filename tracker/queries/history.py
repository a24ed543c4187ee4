"""The audit history as people read it: field labels, values as the pages show them (names, dates
at their precision, money), and who changed it ("an editor" to readers)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from tracker.models import AuditEntry, Commodity, Deal, Party, Shipment
from tracker.queries.evidence import field_label
from tracker.records import vocab
from tracker.records.money import MONEY_COLUMNS, format_amount, hedge
from tracker.records.partial_dates import format_human

# Date fields stored as a day and a precision, shown as one value ("September 2025").
DATES = ("announced", "signed", "effective", "ended", "dispatched", "arrived", "published")
# Fields a reader learns nothing from: derived ranges, hashes, the kept text itself.
HIDDEN = frozenset({"first_date", "last_date", "content_hash", "text", "id"})
REFS = {
    "deal_id": (Deal, "title", "Deal"),
    "shipment_id": (Shipment, "description", "Shipment"),
    "origin_id": (Party, "name", "Origin"),
    "destination_id": (Party, "name", "Destination"),
    "origin_party_id": (Party, "name", "Sent by"),
    "destination_party_id": (Party, "name", "Received by"),
}
VOCABS = {
    ("deal", "kind"): vocab.DEAL_KINDS,
    ("deal", "status"): vocab.DEAL_STATUSES,
    ("event", "kind"): vocab.EVENT_KINDS,
    ("party", "kind"): vocab.PARTY_KINDS,
    ("shipment", "status"): vocab.SHIPMENT_STATUSES,
    ("source", "source_type"): vocab.SOURCE_TYPES,
}
ACTIONS = {"create": "Created", "update": "Changed", "delete": "Deleted", "revert": "Reverted"}


@dataclass
class ReadableChange:
    """One audit entry as a reader sees it."""

    entry: AuditEntry
    action: str
    actor: str
    rows: list[tuple[str, str, str]]  # (label, before, after); before is '' for a create


def actor_for(actor: str, *, editor: bool) -> str:
    """Who made a change: usernames only for logged-in editors."""
    if editor:
        return actor
    if actor.startswith(("user:", "import:")):
        return "an editor"
    return {"seed": "the seed data"}.get(actor, "the tracker (automatic)")


class Names:
    """Names of the parties, commodities, deals and shipments a history mentions (few queries)."""

    def __init__(self, session: Session, states: list[dict[str, Any]]):
        ids: dict[type, set[int]] = {}
        slugs: dict[type, set[str]] = {Party: set(), Commodity: set()}
        for state in states:
            for key, (model, _col, _label) in REFS.items():
                if isinstance(state.get(key), int):
                    ids.setdefault(model, set()).add(state[key])
            for p in state.get("parties") or []:
                slugs[Party].add(p[0] if isinstance(p, list) else p)
            slugs[Commodity] |= set(state.get("commodities") or [])
            slugs[Commodity] |= {i.get("commodity") for i in state.get("items") or []}
        self.by_id = {
            (model, rid): text or slug
            for model, wanted in ids.items()
            for rid, slug, text in session.execute(
                select(model.id, model.slug, _title(model)).where(model.id.in_(wanted))
            )
        }
        self.by_slug = {
            (model, slug): name
            for model, wanted in slugs.items()
            if wanted
            for slug, name in session.execute(
                select(model.slug, model.name).where(model.slug.in_(wanted))
            )
        }

    def ref(self, model, rid) -> str:
        return "" if rid is None else self.by_id.get((model, rid), f"#{rid} (no longer exists)")

    def slug(self, model, slug) -> str:
        return self.by_slug.get((model, slug), slug or "")


def _title(model):
    return {Deal: Deal.title, Shipment: Shipment.description, Party: Party.name}[model]


def _money(state: dict[str, Any]) -> str:
    values = {k: state.get(k) for k in MONEY_COLUMNS}
    if values["value_undisclosed"]:
        return "undisclosed"
    amount = values["value_amount"]
    text = format_amount(
        Decimal(str(amount)) if amount is not None else None, values["value_currency"]
    )
    words = hedge(SimpleNamespace(**values))
    return f"{words} {text}" if text and words else text


def _date(state: dict[str, Any], on: str, precision: str) -> str:
    value = state.get(on)
    return format_human(date.fromisoformat(value), state.get(precision)) if value else ""


def _groups(record_type: str, changed: set[str]) -> list[tuple[str, tuple[str, ...]]]:
    """The fields to show for a change to CHANGED keys: (name, the keys it reads)."""
    groups: list[tuple[str, tuple[str, ...]]] = []
    if changed & set(MONEY_COLUMNS):
        groups.append(("value", MONEY_COLUMNS))
    for name in DATES:
        keys = (f"{name}_on", f"{name}_precision")
        if changed & set(keys):
            groups.append((name, keys))
    if changed & {"date", "date_precision"}:
        groups.append(("date", ("date", "date_precision")))
    taken = {k for _n, keys in groups for k in keys}
    for key in sorted(changed - taken - HIDDEN):
        groups.append((key, (key,)))
    return groups


def show(record_type: str, name: str, state: dict[str, Any], names: Names) -> str:
    """One field of a record's state as the pages show it."""
    if name == "value":
        return _money(state)
    if name in DATES:
        return _date(state, f"{name}_on", f"{name}_precision")
    if name == "date":
        return _date(state, "date", "date_precision")
    value = state.get(name)
    if name in REFS:
        return names.ref(REFS[name][0], value)
    if name == "parties":
        return "; ".join(_party(p, names) for p in value or [])
    if name == "commodities":
        return "; ".join(names.slug(Commodity, c) for c in value or [])
    if name == "items":
        return "; ".join(_item(i, names) for i in value or [])
    if (record_type, name) in VOCABS:
        return vocab.label(VOCABS[(record_type, name)], value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _party(p, names: Names) -> str:
    if isinstance(p, list):
        return f"{names.slug(Party, p[0])} ({vocab.label(vocab.ROLES, p[1])})"
    return names.slug(Party, p)


def _item(item: dict[str, Any], names: Names) -> str:
    parts = [names.slug(Commodity, item.get("commodity"))]
    if item.get("quantity"):
        parts.append(f"{item['quantity']} {item.get('unit') or ''}".strip())
    if item.get("grade"):
        parts.append(f"({item['grade']})")
    if item.get("value_amount"):
        parts.append(format_amount(Decimal(item["value_amount"]), item.get("value_currency")))
    return " ".join(parts)


def label_of(record_type: str, name: str) -> str:
    """A field's label in a history."""
    if name in REFS:
        return REFS[name][2]
    return field_label(name)


def readable(
    session: Session, record_type: str, entries: list[AuditEntry], *, editor: bool
) -> list[ReadableChange]:
    """ENTRIES (oldest first) as readable changes, each with the fields it touched."""
    states, state = [], {}
    for entry in entries:
        before = dict(state)
        if entry.action in ("create", "delete"):
            state.update(entry.changes)
        else:
            state.update({k: pair[1] for k, pair in entry.changes.items()})
        states.append((before, dict(state)))
    names = Names(session, [s for pair in states for s in pair])
    out = []
    for entry, (before, after) in zip(entries, states, strict=True):
        changed = set(entry.changes)
        if entry.action == "delete":
            changed = {"deleted"}
        rows = []
        for name, _keys in _groups(record_type, changed):
            old = "" if entry.action == "create" else show(record_type, name, before, names)
            new = show(record_type, name, after, names)
            if entry.action == "create" and not new:
                continue
            rows.append((label_of(record_type, name), old, new))
        action = ACTIONS.get(entry.action, entry.action)
        out.append(ReadableChange(entry, action, actor_for(entry.actor, editor=editor), rows))
    return out
