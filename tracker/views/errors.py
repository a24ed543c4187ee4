"""Error answers in the caller's language: JSON for the API, text for CSV, a page for people."""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

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
            # One leading slash: "//host/..." would send the entries to another site.
            action="/" + request.full_path.lstrip("/").rstrip("?"),
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
