"""Static assets: our stylesheet, and Plotly's JavaScript from the installed plotly package."""

from __future__ import annotations

from pathlib import Path

import plotly
from flask import Blueprint, send_from_directory

# Served from the package on disk, so pages work with no outside network.
PLOTLY_DIR = Path(plotly.__file__).resolve().parent / "package_data"
OWN_DIR = Path(__file__).resolve().parent.parent / "static"
# Assets change only with a release; a day of caching keeps repeat page loads light.
CACHE_SECONDS = 86400

bp = Blueprint("static", __name__)


@bp.get("/static/plotly.min.js")
def plotly_js():
    """Plotly's bundle as shipped in the installed plotly package."""
    return send_from_directory(PLOTLY_DIR, "plotly.min.js", max_age=CACHE_SECONDS)


@bp.get("/static/<path:name>")
def asset(name: str):
    """The tracker's own stylesheet and scripts."""
    return send_from_directory(OWN_DIR, name, max_age=CACHE_SECONDS)
