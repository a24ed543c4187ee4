"""Citing a source for a record: /citations/new?record_type=deal&record_id=N, and removing one."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request
from sqlalchemy import select
from wtforms import SelectChoice

from tracker.auth.guard import actor, editor_required
from tracker.curation.forms import CitationForm
from tracker.db import get_session
from tracker.models import Citation, Deal, Event, Party, Shipment, Source
from tracker.records import audit, writer
from tracker.views.edit import record_url

bp = Blueprint("citations", __name__)
CITABLE = {"deal": Deal, "shipment": Shipment, "event": Event, "party": Party}


def _target():
    model = CITABLE.get(request.args.get("record_type", ""))
    record_id = request.args.get("record_id", "")
    record = get_session().get(model, int(record_id)) if model and record_id.isdigit() else None
    if record is None:
        abort(404, "Cite from a record's page: the link there names the record.")
    return record


def check_quote(form: CitationForm, source: Source) -> bool:
    """A quote must occur word for word in the source's stored text, when the text is kept."""
    quote = (form.quote.data or "").strip()
    if quote and source.text is not None and quote not in source.text:
        form.quote.errors = [
            *form.quote.errors,
            "This quote is not in the source's stored text; copy it exactly, or leave it empty.",
        ]
        return False
    return True


@bp.route("/citations/new", methods=["GET", "POST"])
@editor_required
def new():
    """Add a citation of a source to the record named in the query string."""
    session = get_session()
    record = _target()
    form = CitationForm()
    form.source.choices = [
        SelectChoice(s.id, s.title) for s in session.scalars(select(Source).order_by(Source.title))
    ]
    if not form.validate_on_submit() or not check_quote(
        form, session.get(Source, form.source.data)
    ):
        status = 400 if form.is_submitted() else 200
        return render_template("edit/citation.html", form=form, record=record), status
    values = {
        "source_id": form.source.data,
        "record_type": audit.record_type(record),
        "record_id": record.id,
        "field": form.field.data or None,
        "value": form.value.data or None,
        "quote": (form.quote.data or "").strip() or None,
    }
    writer.create(
        session, actor=actor(), model=Citation, values=values, note=form.note.data or None
    )
    session.commit()
    flash("Citation added.")
    return redirect(record_url(record))


@bp.post("/citations/<int:citation_id>/delete")
@editor_required
def delete(citation_id: int):
    """Remove a citation; the audit history keeps what it said."""
    session = get_session()
    citation = session.get(Citation, citation_id)
    if citation is None:
        abort(404, f"No citation #{citation_id}.")
    record = session.get(CITABLE[citation.record_type], citation.record_id)
    audit.log(
        session,
        actor=actor(),
        action="delete",
        record=citation,
        changes=audit.snapshot(citation),
        note="removed from its record's page",
    )
    session.delete(citation)
    session.commit()
    flash("Citation removed.")
    return redirect(record_url(record))
