"""Who is asking: the logged-in editor on g.user, and the rule that every write needs one."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlsplit

from flask import Flask, g, jsonify, redirect, request, session, url_for

from tracker.db import get_session
from tracker.models import User

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Endpoints that accept a POST from someone not yet logged in.
OPEN_ENDPOINTS = frozenset({"auth.login"})


def load_user() -> None:
    """Put the session's active account (or None) on g.user."""
    g.user = None
    user_id = session.get("user_id")
    if user_id is None:
        return
    user = get_session().get(User, user_id)
    if user is None or not user.active:
        session.clear()
        return
    g.user = user


def wants_json() -> bool:
    """Whether the client is a program (JSON body, JSON accepted first, or the API)."""
    if request.is_json or request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def login_required_response():
    """401 for programs; for people, the login page with the way back."""
    if wants_json():
        body = {"error": "login required", "login": url_for("auth.login", _external=True)}
        return jsonify(body), 401
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def guard_writes():
    """Refuse any write from someone who is not logged in, whatever the view says."""
    if request.method in SAFE_METHODS or request.endpoint in OPEN_ENDPOINTS:
        return None
    if g.get("user") is None:
        return login_required_response()
    return None


def editor_required(view: Callable) -> Callable:
    """Send a visitor who is not logged in to the login page (editing pages read too)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if g.get("user") is None:
            return login_required_response()
        return view(*args, **kwargs)

    return wrapped


def safe_next(target: str | None) -> str:
    """TARGET if it stays on this site, else the dashboard (no open redirects)."""
    if not target:
        return url_for("pages.dashboard")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("pages.dashboard")
    return target


def actor() -> str:
    """The audit name of the editor making this request."""
    return f"user:{g.user.username}"


def init_app(app: Flask) -> None:
    """Load the user, then guard writes; registered before CSRF so a stranger gets 401 first."""
    app.before_request(load_user)
    app.before_request(guard_writes)
    app.context_processor(lambda: {"current_user": g.get("user")})
