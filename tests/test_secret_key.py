"""No known session key: one is generated per installation, shared by its workers, kept private."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading

import pytest
from flask.sessions import SecureCookieSessionInterface

from tests.helpers import add_user, login
from tracker import create_app
from tracker.auth import secret_key
from tracker.config import ConfigError

PUBLISHED_KEY = "dev-only-not-secret"


@pytest.fixture
def keyless(monkeypatch):
    """The environment of the README's gunicorn line: no TRACKER_SECRET_KEY, no TRACKER_ENV."""
    monkeypatch.delenv("TRACKER_SECRET_KEY", raising=False)
    monkeypatch.delenv("TRACKER_ENV", raising=False)


def _signed(app, contents: dict, key: str) -> str:
    """CONTENTS as a session cookie signed with KEY, the way Flask signs its own."""
    signer = SecureCookieSessionInterface().get_signing_serializer(
        type("Keyed", (), {"secret_key": key, "config": app.config})()
    )
    return signer.dumps(dict(contents))


def _session_of(app, client) -> dict:
    cookie = client.get_cookie(app.config.get("SESSION_COOKIE_NAME", "session"))
    signer = SecureCookieSessionInterface().get_signing_serializer(app)
    return signer.loads(cookie.value)


def test_a_cookie_signed_with_the_published_key_opens_nothing(keyless, databases, tmp_path):
    app = create_app(
        {
            "TRACKER_DATABASE_URL": databases.fresh(tmp_path, seeded=False),
            "TRACKER_DATA_DIR": tmp_path,
        }
    )
    add_user(app, role="admin")  # /admin/jobs is for admins
    editor = app.test_client()
    assert login(editor).status_code == 302
    contents = _session_of(app, editor)  # what a logged-in admin's cookie holds

    forger, control = app.test_client(), app.test_client()
    forger.set_cookie("session", _signed(app, contents, PUBLISHED_KEY))
    control.set_cookie("session", _signed(app, contents, app.config["SECRET_KEY"]))
    assert forger.get("/admin/jobs").status_code == 302  # to the login page
    assert control.get("/admin/jobs").status_code == 200  # the forgery itself is well made
    assert app.config["SECRET_KEY"] != PUBLISHED_KEY
    app.extensions["tracker.engine"].dispose()


def test_the_generated_key_is_private_and_kept(keyless, tmp_path):
    first = secret_key.load_or_create(tmp_path)
    path = tmp_path / secret_key.KEY_FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) == 64 and secret_key.load_or_create(tmp_path) == first
    assert sorted(p.name for p in tmp_path.iterdir()) == [secret_key.KEY_FILE_NAME]


def test_app_factories_starting_at_once_share_one_key(keyless, tmp_path):
    """Workers of one server start together: processes racing for the first key agree."""
    script = (
        "import sys; from tracker import create_app; "
        "sys.stdout.write(create_app().config['SECRET_KEY'])"
    )
    env = os.environ | {
        "TRACKER_DATA_DIR": str(tmp_path),
        "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'unused.db'}",
    }
    workers = [
        subprocess.Popen([sys.executable, "-c", script], env=env, stdout=subprocess.PIPE)
        for _ in range(4)
    ]
    keys = {worker.communicate(timeout=120)[0].decode() for worker in workers}
    assert all(worker.returncode == 0 for worker in workers)
    assert keys == {(tmp_path / secret_key.KEY_FILE_NAME).read_text().strip()}


def test_threads_racing_for_the_first_key_agree(tmp_path):
    start, keys = threading.Barrier(8), []

    def worker():
        start.wait()
        keys.append(secret_key.load_or_create(tmp_path))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(keys) == 8 and len(set(keys)) == 1
    assert [p.name for p in tmp_path.iterdir()] == [secret_key.KEY_FILE_NAME]


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"TRACKER_ENV": "prod"}, "TRACKER_ENV='prod' is not one of"),
        ({"TRACKER_ENV": "Production"}, "is not one of"),
        ({"TRACKER_ENV": "production", "TRACKER_SECRET_KEY": "short-key"}, "at least 32 bytes"),
        ({"TRACKER_SECRET_KEY": PUBLISHED_KEY}, "missing or published"),
        ({"TRACKER_ENV": "production", "TRACKER_SECRET_KEY": PUBLISHED_KEY}, "published"),
    ],
)
def test_unsafe_settings_refuse_to_start(monkeypatch, tmp_path, environ, message):
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=message):
        create_app({"TRACKER_DATA_DIR": tmp_path})


def test_a_truncated_key_file_is_refused(tmp_path):
    (tmp_path / secret_key.KEY_FILE_NAME).write_text("abc\n")
    with pytest.raises(secret_key.SecretKeyError, match="no usable key"):
        secret_key.load_or_create(tmp_path)
