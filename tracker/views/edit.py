"""Editing pages: /<kind>/new, /<kind>/<key>/edit, /history, /delete, /revert/<entry>.

Views stay thin: the form is checked, a curation service writes and audits, the view commits."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for

from tracker.auth.guard import actor, editor_required
from tracker.curation.convert import commodity_choices
from tracker.curation.kinds import KINDS, Kind
from tracker.db import get_session
from tracker.models import Deal, Event, Party, Shipment, Source
from tracker.queries.history import readable
from tracker.records import writer
from tracker.records.audit import record_type

bp = Blueprint("edit", __name__)


def record_url(record) -> str:
    """The public page that shows RECORD (or, once it is deleted, the list it was in)."""
    if isinstance(record, Deal) and not record.deleted:
        return url_for("records.deal", slug=record.slug)
    if isinstance(record, Party):
        return url_for("records.party", slug=record.slug)
    if isinstance(record, Event) and not record.deleted:
        return url_for("records.event", slug=record.slug)
    if isinstance(record, Shipment) and not record.deleted:
        return url_for("records.shipment", slug=record.slug)
    if isinstance(record, Source):
        return url_for("records.source", source_id=record.id)
    if isinstance(record, Shipment):
        return url_for("records.shipments")
    if isinstance(record, Event):
        return url_for("pages.timeline")
    if isinstance(record, Deal):
        return url_for("records.deals")
    return url_for("records.sources")


def _form(kind: Kind, data=None):
    form = kind.form(data=data)
    if hasattr(form, "commodities"):
        form.commodities.choices = commodity_choices(get_session())
    return form


def _record(kind: Kind, key: str):
    record = kind.find(get_session(), key)
    if record is None:
        abort(404, f"No {kind.name[:-1]} is called {key!r}.")
    return record


def _render(kind: Kind, form, record, status: int = 200):
    return render_template("edit/form.html", form=form, kind=kind, record=record), status


def new(kind: str):
    """A blank form; on a valid POST, the record is created and audited."""
    k = KINDS[kind]
    session = get_session()
    form = _form(k)
    if not form.is_submitted():
        return _render(k, form, None)
    valid = form.validate()  # then the references too, so every message shows at once
    result = k.to_values(session, form, None)
    if not valid or result is None:
        return _render(k, form, None, 400)
    values, links = result
    record = writer.create(
        session,
        actor=actor(),
        model=k.model,
        values=values,
        links=links,
        note=form.note.data or None,
    )
    session.commit()
    flash(f"Created {k.title(record)}.")
    return redirect(record_url(record))


def edit(kind: str, key: str):
    """The record's form; on a valid POST, what changed is written and audited."""
    k = KINDS[kind]
    session = get_session()
    record = _record(k, key)
    form = _form(k, data=k.to_form(session, record))
    if not form.is_submitted():
        return _render(k, form, record)
    valid = form.validate()
    result = k.to_values(session, form, record)
    if not valid or result is None:
        return _render(k, form, record, 400)
    values, links = result
    changed = writer.update(
        session,
        actor=actor(),
        record=record,
        values=values,
        links=links,
        note=form.note.data or None,
    )
    session.commit()
    flash(f"Saved: {', '.join(sorted(changed))}." if changed else "Nothing changed.")
    return redirect(record_url(record))


def history(kind: str, key: str):
    """Every change to the record: when, which fields from what to what (as the pages show
    them), why, and who: "an editor" to readers, the username to editors. A deleted record's
    history is for editors only (they can restore it)."""
    k = KINDS[kind]
    session = get_session()
    record = _record(k, key)
    editor = g.get("user") is not None
    if getattr(record, "deleted", False) and not editor:
        abort(404, f"No {k.name[:-1]} is called {key!r}.")
    entries = writer.history(session, record)
    changes = readable(session, record_type(record), entries, editor=editor)
    return render_template(
        "edit/history.html", kind=k, record=record, changes=changes, back=record_url(record)
    )


def delete(kind: str, key: str):
    """Soft delete: the record leaves the pages and keeps its history."""
    k = KINDS[kind]
    if not k.soft_delete:
        abort(405)
    session = get_session()
    record = _record(k, key)
    try:
        writer.soft_delete(session, actor=actor(), record=record, note="deleted from its page")
    except writer.DeleteRefused as exc:
        session.rollback()
        abort(400, f"Not deleted: {exc}.")
    session.commit()
    flash(f"Deleted {k.title(record)}; its history can restore it.")
    return redirect(url_for(f"edit.{k.name}_history", key=key))


def revert(kind: str, key: str, entry_id: int):
    """Bring the record back to how it was after one change (itself a new, audited change)."""
    k = KINDS[kind]
    session = get_session()
    record = _record(k, key)
    try:
        changed = writer.revert(session, actor=actor(), record=record, entry_id=entry_id)
    except LookupError:
        abort(404, f"Change #{entry_id} is not in this record's history.")
    session.commit()
    flash(f"Reverted: {', '.join(sorted(changed))}." if changed else "Already at that version.")
    return redirect(url_for(f"edit.{k.name}_history", key=key))


def _register() -> None:
    """One set of routes per kind, each with a fixed first segment (so /deals/new wins)."""
    for name, k in KINDS.items():
        key = "<int:key>" if k.key == "id" else "<key>"
        d = {"kind": name}
        bp.add_url_rule(
            f"/{name}/new", f"{name}_new", editor_required(new), methods=["GET", "POST"], defaults=d
        )
        bp.add_url_rule(
            f"/{name}/{key}/edit",
            f"{name}_edit",
            editor_required(edit),
            methods=["GET", "POST"],
            defaults=d,
        )
        bp.add_url_rule(f"/{name}/{key}/history", f"{name}_history", history, defaults=d)
        bp.add_url_rule(
            f"/{name}/{key}/revert/<int:entry_id>",
            f"{name}_revert",
            editor_required(revert),
            methods=["POST"],
            defaults=d,
        )
        if k.soft_delete:
            bp.add_url_rule(
                f"/{name}/{key}/delete",
                f"{name}_delete",
                editor_required(delete),
                methods=["POST"],
                defaults=d,
            )


_register()
