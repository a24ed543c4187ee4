"""Who is asking: the logged-in account on g.user, the rule that every write needs one, and the
pages only an admin may use."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from urllib.parse import urlsplit

from flask import (
    Flask,
    current_app,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

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
    # A cookie from before the last logout, password change or disabling is worth nothing;
    # neither is one from a login older than the session lifetime.
    stale = user is None or session.get("generation") != user.session_generation
    if stale or not user.active or _expired(session.get("started")):
        session.clear()
        return
    g.user = user


def _expired(started: object) -> bool:
    """Whether a login made at STARTED (epoch seconds) is older than the session lifetime.

    Counted here, not by the cookie's own stamp, which each change to the session (a new CSRF
    token) renews: a login lasts PERMANENT_SESSION_LIFETIME however busy the cookie is."""
    lifetime = current_app.permanent_session_lifetime.total_seconds()
    return not isinstance(started, int | float) or time.time() - started > lifetime


def start_session(user: User) -> None:
    """Log USER in: a fresh session (no fixation) tied to their current session generation."""
    session.clear()
    session["user_id"] = user.id
    session["generation"] = user.session_generation
    session["started"] = time.time()
    session.permanent = True  # lives PERMANENT_SESSION_LIFETIME (TRACKER_SESSION_HOURS)


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


def forbidden_response():
    """403 for an editor on an admin page: JSON for programs, a page for people."""
    message = "Only an admin may do this; ask an admin to change your role if you need to."
    if wants_json():
        return jsonify({"error": "admin role required", "message": message}), 403
    return render_template("errors/403.html", message=message), 403


def admin_required(view: Callable) -> Callable:
    """Admins only: a stranger goes to the login page, an editor gets a 403 page."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if g.get("user") is None:
            return login_required_response()
        if g.user.role != "admin":
            return forbidden_response()
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
