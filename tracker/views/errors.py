"""Error answers in the caller's language: JSON for the API, text for CSV, a page for people."""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from tracker.db import get_session
from tracker.queries.filters import FilterError

API_PREFIX = "/api/"
# Seconds a client is told to wait after a 503 "busy": another write holds the lock briefly.
BUSY_RETRY_AFTER_S = 5
# SQLite's answers when another connection holds the write lock past the busy timeout.
SQLITE_BUSY = ("database is locked", "database table is locked")
# PostgreSQL: lock timeout, deadlock, serialization failure; each is worth a retry.
PG_BUSY_CODES = {"55P03", "40P01", "40001"}


def is_busy(exc: DBAPIError) -> bool:
    """Whether EXC is the database being busy (worth retrying), not a broken query."""
    if getattr(exc.orig, "sqlstate", None) in PG_BUSY_CODES:
        return True
    return any(words in str(exc.orig) for words in SQLITE_BUSY)


def audience() -> str:
    """'api', 'csv' or 'html', from the path of the request being answered."""
    if request.path.startswith(API_PREFIX):
        return "api"
    if request.path.startswith("/export/") and request.path.endswith(".csv"):
        return "csv"
    return "html"


def _text(message: str, status: int) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def _resubmittable_fields() -> list[tuple[str, str]]:
    """The submitted form's fields, to put back in the form: never the token or a password."""
    return [
        (name, value)
        for name, values in request.form.lists()
        for value in values
        if name != "csrf_token" and "password" not in name.lower()
    ]


def register(app: Flask) -> None:
    """Install the error handlers."""

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        """A missing or stale token: say so, and give the entries back with a fresh token."""
        if audience() != "html":
            return http_error(exc)
        fields = _resubmittable_fields()
        return render_template(
            "errors/csrf.html",
            reason=exc.description,
            action=request.full_path.rstrip("?"),
            fields=fields,
            passwords=[name for name in request.form if "password" in name.lower()],
            dropped_files=bool(request.files),
        ), 400

    @app.errorhandler(InternalServerError)
    def server_error(exc: InternalServerError):
        """A bug: a plain apology, never the exception (it may name files on the server)."""
        who = audience()
        message = "The server failed to answer this request; the error is in its log."
        if who == "api":
            return jsonify({"error": {"status": 500, "message": message}}), 500
        if who == "csv":
            return _text(f"500 Internal Server Error: {message}", 500)
        return render_template("errors/500.html", message=message), 500

    @app.errorhandler(FilterError)
    def bad_filter(exc: FilterError):
        who = audience()
        if who == "api":
            body = {"error": {"status": 400, "parameter": exc.parameter, "message": exc.message}}
            return jsonify(body), 400
        if who == "csv":
            return _text(f"400 Bad Request: parameter {exc.parameter!r}: {exc.message}", 400)
        return render_template("errors/400.html", parameter=exc.parameter, message=exc.message), 400

    @app.errorhandler(OperationalError)
    def busy(exc: OperationalError):
        if not is_busy(exc):
            raise exc  # a real fault: the ordinary 500
        get_session().rollback()  # the page below reads through the same session
        who, message = audience(), "the database is busy with another change; try again"
        if who == "api":
            response = jsonify({"error": {"status": 503, "message": message}})
            response.status_code = 503
        elif who == "csv":
            response = _text(f"503 Service Unavailable: {message}", 503)
        else:
            response = Response(render_template("errors/503.html"), status=503)
        response.headers["Retry-After"] = str(BUSY_RETRY_AFTER_S)
        return response

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
