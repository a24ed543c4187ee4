"""Error pages: a bad filter names its parameter; an unknown record is a plain 404."""

from __future__ import annotations

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException

from tracker.filters import FilterError


def register(app: Flask) -> None:
    """Install the error handlers."""

    @app.errorhandler(FilterError)
    def bad_filter(exc: FilterError):
        return render_template("errors/400.html", parameter=exc.parameter, message=exc.message), 400

    @app.errorhandler(404)
    def not_found(exc: HTTPException):
        return render_template("errors/404.html", description=exc.description), 404
