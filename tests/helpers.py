"""Test helpers: accounts, CSRF tokens read from the real forms, logging in over HTTP."""

from __future__ import annotations

import re

from tracker import db
from tracker.auth import accounts

PASSWORD = "correct horse battery staple"
_TOKEN = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"'
)


def add_user(app, username: str = "ed", role: str = "editor", password: str = PASSWORD) -> None:
    """Create an account in the app's database."""
    with app.app_context(), db.unit_of_work(db.engine()) as session:
        accounts.add_user(session, username=username, password=password, role=role)


def token(client, url: str) -> str:
    """The CSRF token of the form at URL."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    m = _TOKEN.search(response.get_data(as_text=True))
    assert m, f"no csrf_token on {url}"
    return m.group(1) or m.group(2)


def login(client, username: str = "ed", password: str = PASSWORD):
    """Log in through /login; returns the response."""
    data = {"csrf_token": token(client, "/login"), "username": username, "password": password}
    return client.post("/login", data=data)


def post_form(client, url: str, data: dict, form_url: str | None = None, **kwargs):
    """POST DATA to URL with the CSRF token of the form page (URL itself by default)."""
    return client.post(url, data={"csrf_token": token(client, form_url or url), **data}, **kwargs)
