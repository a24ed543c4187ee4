"""Citing a source for a record: /citations/new?record_type=deal&record_id=N, and removing one."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request
from sqlalchemy import select
from wtforms import SelectChoice

from tracker.auth.guard import actor, editor_required
from tracker.curation import convert
from tracker.curation.forms import CitationForm
from tracker.db import get_session
from tracker.models import Citation, Deal, Event, Party, Shipment, Source
from tracker.records import audit, writer
from tracker.records.checks import check_citation
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


def checked_values(session, form: CitationForm, record) -> dict | None:
    """The citation's columns through the citation check (the quote must be in the source's
    kept text), or None with the problems on the form's fields."""
    source = session.get(Source, form.source.data) if form.source.data else None
    raw = {
        "source": str(form.source.data or ""),
        "record_type": audit.record_type(record),
        "record": record.slug,
        "field": form.field.data,
        "value": form.value.data,
        "quote": form.quote.data,
        "source_text": source.text if source else None,
    }
    return convert.checked_values(session, form, check_citation, raw)


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
    result = None
    if form.validate_on_submit():
        result = checked_values(session, form, record)
    if result is None:
        status = 400 if form.is_submitted() else 200
        return render_template("edit/citation.html", form=form, record=record), status
    values, _links = result
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
    writer.remove(session, actor=actor(), record=citation, note="removed from its record's page")
    session.commit()
    flash("Citation removed.")
    return redirect(record_url(record))
