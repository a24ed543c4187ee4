"""Accounts: the users commands, /login and /logout, cookies, rate limit, the write guard."""

from __future__ import annotations

import pytest

from tests.helpers import PASSWORD, add_user, login, post_form, token
from tracker.auth.accounts import LOGIN_MAX_FAILURES


def test_users_commands_add_list_disable(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "add", "alice", "--role", "admin"], input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert "created admin alice" in result.output
    listed = runner.invoke(args=["users", "list"])
    assert "alice\tadmin\tactive" in listed.output
    assert runner.invoke(args=["users", "disable", "alice"]).exit_code == 0
    assert "alice\tadmin\tdisabled" in runner.invoke(args=["users", "list"]).output


def test_users_add_refuses_short_password_and_duplicates(app):
    runner = app.test_cli_runner()
    short = runner.invoke(args=["users", "add", "bob"], input="short\n")
    assert short.exit_code != 0 and "at least 12 characters" in short.output
    assert runner.invoke(args=["users", "add", "bob"], input=PASSWORD + "\n").exit_code == 0
    again = runner.invoke(args=["users", "add", "BOB"], input=PASSWORD + "\n")
    assert again.exit_code != 0 and "already exists" in again.output


def test_password_is_stored_hashed(app):
    add_user(app)
    from sqlmodel import select

    from tracker import db
    from tracker.models import User

    with app.app_context(), db.unit_of_work(db.engine()) as session:
        stored = session.exec(select(User)).one().password_hash
    assert PASSWORD not in stored and stored.startswith("scrypt:")


def test_login_sets_a_safe_cookie_and_logout_ends_it(app):
    add_user(app)
    client = app.test_client()
    response = login(client)
    assert response.status_code == 302
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # development over http://127.0.0.1
    assert "ed" in client.get("/").get_data(as_text=True)
    assert post_form(client, "/logout", {}, form_url="/").status_code == 302
    assert client.get("/deals/new").status_code == 302


def test_cookie_is_secure_in_production(databases, tmp_path, monkeypatch):
    from tracker import create_app

    monkeypatch.setenv("TRACKER_ENV", "production")
    monkeypatch.setenv("TRACKER_SECRET_KEY", "x" * 40)
    app = create_app({"TRACKER_DATABASE_URL": databases.fresh(tmp_path, seeded=False)})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    app.extensions["tracker.engine"].dispose()


def test_login_refuses_control_characters_without_an_error(app):
    response = login(app.test_client(), "ed\x00' OR 1=1 --", PASSWORD)
    assert response.status_code == 200 and "Remove control characters" in response.text


@pytest.mark.parametrize(
    "username, password", [("ed", "wrong password here"), ("nobody", PASSWORD)]
)
def test_refused_login_does_not_say_which_part_was_wrong(app, username, password):
    add_user(app)
    response = login(app.test_client(), username, password)
    assert response.status_code == 401
    assert "do not match an active account" in response.get_data(as_text=True)


def test_disabled_account_cannot_log_in(app):
    add_user(app)
    app.test_cli_runner().invoke(args=["users", "disable", "ed"])
    assert login(app.test_client()).status_code == 401


def test_login_attempts_are_rate_limited(app):
    add_user(app)
    client = app.test_client()
    for _ in range(LOGIN_MAX_FAILURES):
        assert login(client, "ed", "not the password!").status_code == 401
    throttled = login(client)  # even the right password waits
    assert throttled.status_code == 429
    assert "Wait 15 minutes" in throttled.get_data(as_text=True)


def test_login_next_never_leaves_the_site(app):
    add_user(app)
    client = app.test_client()
    data = {"csrf_token": token(client, "/login"), "username": "ed", "password": PASSWORD}
    response = client.post("/login?next=https://evil.example/", data=data)
    assert response.headers["Location"] == "/"


def test_post_without_csrf_token_is_400(editor):
    response = editor.post("/deals/new", data={"title": "No token"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/deals/new",
        "/deals/ussm-fwo-critical-minerals-mou-2025/edit",
        "/import",
        "/deals/ussm-fwo-critical-minerals-mou-2025/delete",
        "/sources/new",
    ],
)
def test_writes_need_an_editor(seeded, url):
    html = seeded.post(url, data={"title": "x"})
    assert html.status_code == 302 and html.headers["Location"].startswith("/login?next=")
    api = seeded.post(url, json={"title": "x"})
    assert api.status_code == 401 and api.get_json()["error"] == "login required"


def test_editing_pages_send_visitors_to_login(seeded):
    response = seeded.get("/deals/new")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/deals/new"
