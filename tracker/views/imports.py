"""/import: upload a CSV of deals, shipments or events; every row checked before any write."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, url_for
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectChoice, SelectField

from tracker.auth.guard import actor, editor_required
from tracker.db import get_session
from tracker.importing import background
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
        return _page(form), 400 if form.is_submitted() else 200
    session = get_session()
    data, who = form.file.data.read(), actor().replace("user:", "import:", 1)
    if background.rows_in(data) > current_app.config["TRACKER_IMPORT_BACKGROUND_ROWS"]:
        background.start(
            current_app.extensions["tracker.engine"], kind=form.kind.data, data=data, actor=who
        )
        return redirect(url_for("imports.upload"), 303)
    report = import_csv(session, kind=form.kind.data, data=data, actor=who)
    if report.ok:
        session.commit()
    else:
        session.rollback()
    return _page(form, report), 200 if report.ok else 400


def _page(form: ImportForm, report=None) -> str:
    """The form, a request's report, and the latest background imports."""
    runs = background.recent(get_session())
    return render_template(
        "edit/import.html",
        form=form,
        columns=COLUMNS,
        limit=_limit_mb(),
        report=report,
        runs=runs,
        running=any(r.outcome == "running" for r in runs),
        background_rows=current_app.config["TRACKER_IMPORT_BACKGROUND_ROWS"],
    )


@bp.app_errorhandler(413)
def too_large(_exc):
    """An upload over MAX_CONTENT_LENGTH: say the limit and what to do."""
    return render_template("edit/too_large.html", limit=_limit_mb()), 413
