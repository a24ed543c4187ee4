"""Sessions: a per-account generation that logout, a password change and disabling move on, so
an old cookie stops working at once; logins last about 12 hours (TRACKER_SESSION_HOURS)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest

from tests.helpers import PASSWORD, add_user, login, post_form
from tracker import create_app
from tracker.config import ConfigError, from_environment

NEW_PASSWORD = "another long passphrase here"


def _logged_in(client) -> bool:
    """Whether CLIENT's cookie opens an editing page (else it is sent to the login page)."""
    return client.get("/deals/new").status_code == 200


def _copy_of(app, client):
    """A second client carrying a copy of CLIENT's session cookie, as a thief would."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_a_copied_cookie_stops_working_after_logout(app):
    add_user(app)
    client = app.test_client()
    assert login(client).status_code == 302
    thief = _copy_of(app, client)
    assert _logged_in(thief)

    assert post_form(client, "/logout", {}, form_url="/").status_code == 302

    assert not _logged_in(thief)
    assert not _logged_in(client)
    assert login(client).status_code == 302 and _logged_in(client)  # a new login works


def test_a_password_change_ends_every_session(app):
    add_user(app)
    client = app.test_client()
    login(client)
    runner = app.test_cli_runner()

    result = runner.invoke(args=["users", "password", "ed"], input=NEW_PASSWORD + "\n")

    assert result.exit_code == 0, result.output
    assert not _logged_in(client)
    assert login(client).status_code == 401
    assert login(client, "ed", NEW_PASSWORD).status_code == 302
    short = runner.invoke(args=["users", "password", "ed"], input="short\n")
    assert short.exit_code != 0 and "at least 12 characters" in short.output
    assert _logged_in(client)  # a refused change ends nothing
    nobody = runner.invoke(args=["users", "password", "nobody"], input=NEW_PASSWORD + "\n")
    assert nobody.exit_code != 0 and "no account is called 'nobody'" in nobody.output


def test_disabling_ends_the_session_and_enabling_would_not_revive_it(app):
    add_user(app)
    client = app.test_client()
    login(client)
    thief = _copy_of(app, client)

    app.test_cli_runner().invoke(args=["users", "disable", "ed"])

    assert not _logged_in(client) and not _logged_in(thief)


def test_logins_last_twelve_hours_by_default(app):
    add_user(app)
    response = login(app.test_client())
    expires = parsedate_to_datetime(
        next(
            part.split("=", 1)[1]
            for part in response.headers["Set-Cookie"].split("; ")
            if part.startswith("Expires=")
        )
    )
    left = expires - datetime.now(UTC)
    assert timedelta(hours=11, minutes=55) < left <= timedelta(hours=12)


def test_session_hours_are_configurable_and_checked(databases, tmp_path):
    assert from_environment({"TRACKER_SESSION_HOURS": "0.5"})[
        "PERMANENT_SESSION_LIFETIME"
    ] == timedelta(minutes=30)
    for bad in ("0", "-3", "soon", "nan"):
        with pytest.raises(ConfigError, match="TRACKER_SESSION_HOURS"):
            from_environment({"TRACKER_SESSION_HOURS": bad})
    app = create_app(
        {
            "TRACKER_DATABASE_URL": databases.fresh(tmp_path, seeded=False),
            "PERMANENT_SESSION_LIFETIME": timedelta(seconds=2),
        }
    )
    add_user(app)
    client = app.test_client()
    login(client, "ed", PASSWORD)
    time.sleep(1)
    assert _logged_in(client)
    time.sleep(2.2)
    # Counted from the login, not the last request: using the cookie does not stretch it.
    assert not _logged_in(client)
    app.extensions["tracker.engine"].dispose()
