"""Error answers in the caller's language: JSON for the API, text for CSV, a page for people."""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from tracker.queries.filters import FilterError

API_PREFIX = "/api/"


def audience() -> str:
    """'api', 'csv' or 'html', from the path of the request being answered."""
    if request.path.startswith(API_PREFIX):
        return "api"
    if request.path.startswith("/export/") and request.path.endswith(".csv"):
        return "csv"
    return "html"


def _text(message: str, status: int) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def register(app: Flask) -> None:
    """Install the error handlers."""

    @app.errorhandler(FilterError)
    def bad_filter(exc: FilterError):
        who = audience()
        if who == "api":
            body = {"error": {"status": 400, "parameter": exc.parameter, "message": exc.message}}
            return jsonify(body), 400
        if who == "csv":
            return _text(f"400 Bad Request: parameter {exc.parameter!r}: {exc.message}", 400)
        return render_template("errors/400.html", parameter=exc.parameter, message=exc.message), 400

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        who = audience()
        if who == "api":
            response = jsonify({"error": {"status": exc.code, "message": exc.description}})
            response.status_code = exc.code
        elif who == "csv":
            response = _text(f"{exc.code} {exc.name}: {exc.description}", exc.code)
        if who in ("api", "csv"):
            for name, value in exc.get_headers():  # keeps Allow on a 405
                if name.lower() != "content-type":
                    response.headers[name] = value
            return response
        if exc.code == 404:
            return render_template("errors/404.html", description=exc.description), 404
        return exc
