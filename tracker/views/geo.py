"""The country map page, and the world geometry plotly.js draws it with (served here, so the
browser loads nothing from outside)."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, send_from_directory, url_for

from tracker.charts.country_map import maps
from tracker.db import get_session
from tracker.geo.fetch import FILE_NAME
from tracker.queries.country_map import deals_by_country
from tracker.queries.filters import SELECTION
from tracker.views.cached import cached
from tracker.views.common import current_filter

bp = Blueprint("geo", __name__)
# The geometry does not change between installs of one version: browsers may keep it a day.
GEOMETRY_CACHE_SECONDS = 86_400


@bp.get("/map")
def country_map():
    """Deals by country, and their value, on a world map, for the current Filter."""
    f = current_filter(SELECTION)

    def page():
        rows = deals_by_country(get_session(), f)
        return render_template(
            "pages/map.html",
            f=f,
            charts=maps(rows, f.to_args()),
            geometry=_geometry_ready(),
            topojson_url=url_for("geo.geometry", name="x").removesuffix("x"),
        )

    return cached("map", f, page, _geometry_ready())


@bp.get("/geo/<name>")
def geometry(name: str):
    """world_110m.json (the only file plotly.js asks for at this scope and resolution)."""
    if name != FILE_NAME:
        return ("No such geometry.", 404)
    return send_from_directory(
        current_app.config["TRACKER_GEO_DIR"],
        FILE_NAME,
        max_age=GEOMETRY_CACHE_SECONDS,
        mimetype="application/json",
    )


def _geometry_ready() -> bool:
    return (current_app.config["TRACKER_GEO_DIR"] / FILE_NAME).is_file()
