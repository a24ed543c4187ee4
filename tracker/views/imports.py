"""/import: upload a CSV of deals, shipments or events; every row checked before any write."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectChoice, SelectField

from tracker.auth.guard import actor, editor_required
from tracker.db import get_session
from tracker.importing.columns import COLUMNS
from tracker.importing.run import import_csv

bp = Blueprint("imports", __name__)


class ImportForm(FlaskForm):
    """Which kind of record, and the file."""

    kind = SelectField(
        "Records", choices=[SelectChoice(k, k.capitalize()) for k in sorted(COLUMNS)]
    )
    file = FileField("CSV file (UTF-8, the export's columns)", validators=[FileRequired()])


def _limit_mb() -> str:
    return f"{current_app.config['MAX_CONTENT_LENGTH'] / 1024 / 1024:g} MB"


@bp.route("/import", methods=["GET", "POST"])
@editor_required
def upload():
    """The form; on POST, the report of every problem, or what was written."""
    form = ImportForm()
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template(
            "edit/import.html", form=form, columns=COLUMNS, limit=_limit_mb()
        ), status
    session = get_session()
    report = import_csv(
        session,
        kind=form.kind.data,
        data=form.file.data.read(),
        actor=actor().replace("user:", "import:", 1),
    )
    if report.ok:
        session.commit()
    else:
        session.rollback()
    return render_template(
        "edit/import.html", form=form, columns=COLUMNS, limit=_limit_mb(), report=report
    ), 200 if report.ok else 400


@bp.app_errorhandler(413)
def too_large(_exc):
    """An upload over MAX_CONTENT_LENGTH: say the limit and what to do."""
    return render_template("edit/too_large.html", limit=_limit_mb()), 413
