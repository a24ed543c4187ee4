"""Downloads: the CSV files, their data package and the page that explains them."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, render_template, request

from tracker.db import engine
from tracker.export.columns import KINDS, TITLES
from tracker.export.package import LICENCE, citation, datapackage
from tracker.export.writer import filename, stream_csv, with_bom
from tracker.queries import sorting
from tracker.queries.filters import FilterError
from tracker.views.common import current_filter

bp = Blueprint("export", __name__, url_prefix="/export")
# The live files are not a release: their version says so and when they were made.
LIVE_VERSION = "live"
PAGING = ("page", "per_page")
# Parameters only the files take: sources of one type; a byte-order mark for Excel.
FILE_PARAMETERS = ("source_type", "bom")


def export_filter():
    """The Filter of an export; paging is refused because a file always holds every row."""
    for name in PAGING:
        if name in request.args:
            raise FilterError(name, "exports hold every selected row; paging applies to lists")
    f = current_filter(allow=FILE_PARAMETERS)
    for name, value in f.extra:
        if name == "bom" and value not in ("0", "1"):
            raise FilterError(name, "use bom=1 for a byte-order mark (Excel), bom=0 for none")
    return f


@bp.get("/<kind>.csv")
def csv_file(kind: str):
    """KIND.csv for the current Filter, streamed as it is read; HEAD answers without reading."""
    if kind not in KINDS:
        abort(404, f"There is no {kind}.csv; the files are {', '.join(KINDS)}.")
    f = export_filter()
    sorting.check(kind, f)  # before streaming starts: a bad sort is a 400, not a cut file
    headers = {
        "Content-Disposition": f'attachment; filename="{filename(kind, f, date.today())}"',
        "Cache-Control": "no-store",
    }
    content_type = "text/csv; charset=utf-8; header=present"
    if request.method == "HEAD":
        return Response(iter(()), content_type=content_type, headers=headers)
    body = stream_csv(engine(), kind, f)
    if ("bom", "1") in f.extra:
        body = with_bom(body)
    return Response(body, content_type=content_type, headers=headers)


@bp.get("/datapackage.json")
def package():
    """The Frictionless data package describing every file and column."""
    f = export_filter()
    today = date.today()
    return datapackage(
        version=f"{LIVE_VERSION}-{today.isoformat()}", today=today, filters=f.to_args()
    )


@bp.get("")
def index():
    """The files, their columns, how to cite them, and links that keep the current filters."""
    f = export_filter()
    version = f"{LIVE_VERSION}-{date.today().isoformat()}"
    return render_template(
        "export/index.html",
        f=f,
        kinds=KINDS,
        titles=TITLES,
        licence=LICENCE,
        citation=citation(version, date.today()),
    )
