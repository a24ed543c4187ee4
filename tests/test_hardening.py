"""The small holes of issue 15: CSRF failures keep the editor's input, HSTS in production,
error pages without server paths, IPv6 hosts with brackets, ASCII-only paging, and no prev
link past the end."""

from __future__ import annotations

import re
import time

import pytest
from itsdangerous.timed import TimestampSigner

from tests.helpers import PASSWORD, add_user, login, token
from tracker import create_app
from tracker.inbox.urls import canonical_url

DEAL = {
    "title": "Carefully typed deal <b>title</b>",
    "kind": "offtake",
    "status": "signed",
    "parties": "us-strategic-metals buyer",
    "commodities": ["antimony", "gallium"],
    "signed": "2025-09",
    "summary": "A long summary the editor spent a while on.\nIt has two lines.",
}


def _resubmitted(html: str) -> dict[str, list[str]]:
    """What the CSRF page's form would send: each input's name and (unescaped) value."""
    import html as markup

    fields: dict[str, list[str]] = {}
    inputs = r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"'
    textareas = r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>'
    for m in re.finditer(f"{inputs}|{textareas}", html, re.S):
        name = m.group(1) or m.group(3)
        value = m.group(2) if m.group(1) else m.group(4)
        fields.setdefault(name, []).append(markup.unescape(value))
    return fields


def test_a_missing_token_gets_a_page_that_keeps_the_entries(editor):
    response = editor.post("/deals/new", data=DEAL)  # no csrf_token: say after a restart
    assert response.status_code == 400
    page = response.text
    assert "Your form was not saved" in page and "security token" in page
    assert "Carefully typed deal &lt;b&gt;title&lt;/b&gt;" in page  # kept, and escaped
    assert 'action="/deals/new"' in page
    fields = _resubmitted(page)
    assert fields["commodities"] == ["antimony", "gallium"]
    assert fields["summary"] == [DEAL["summary"]]
    again = editor.post("/deals/new", data={k: v for k, v in fields.items()})
    assert again.status_code == 302, again.text[:300]
    deal_page = editor.get(again.headers["Location"]).text
    assert "Carefully typed deal &lt;b&gt;title&lt;/b&gt;" in deal_page


def test_the_csrf_page_never_echoes_a_password(app):
    add_user(app)
    client = app.test_client()
    response = client.post("/login", data={"username": "ed", "password": PASSWORD})
    assert response.status_code == 400
    assert PASSWORD not in response.text and "type yours again" in response.text
    assert 'name="password"' in response.text


def test_a_token_lives_as_long_as_the_session(editor, monkeypatch):
    form_token = token(editor, "/deals/new")
    later = int(time.time()) + 6 * 3600  # an editor back from a long meeting
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: later)
    response = editor.post("/deals/new", data=DEAL | {"csrf_token": form_token})
    assert response.status_code == 302


def test_hsts_in_production_only(databases, tmp_path, monkeypatch, client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    monkeypatch.setenv("TRACKER_ENV", "production")
    monkeypatch.setenv("TRACKER_SECRET_KEY", "k" * 40)
    app = create_app({"TRACKER_DATABASE_URL": databases.fresh(tmp_path, seeded=False)})
    answer = app.test_client().get("/", base_url="https://tracker.example")
    assert answer.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    app.extensions["tracker.engine"].dispose()


@pytest.mark.parametrize("path", ["/broken", "/api/v1/broken", "/export/broken.csv"])
def test_a_server_error_names_no_file_on_the_server(app, path):
    app.config["PROPAGATE_EXCEPTIONS"] = False  # answer as production does, not re-raise

    def broken():
        raise FileNotFoundError(2, "No such file", "/srv/tracker/secret/config.toml")

    app.add_url_rule(path, "broken", broken)
    response = app.test_client().get(path)
    assert response.status_code == 500
    assert "/srv/tracker" not in response.text and "FileNotFoundError" not in response.text
    assert "the error is in its log" in response.text


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("http://[::1]:8080/a", "http://[::1]:8080/a"),
        ("https://[2001:DB8::1]/x?utm_source=y", "https://[2001:db8::1]/x"),
        ("http://[2001:db8::1]:80/", "http://[2001:db8::1]/"),
        ("http://Example.COM/a", "http://example.com/a"),
    ],
)
def test_ipv6_hosts_keep_their_brackets(url, canonical):
    assert canonical_url(url) == canonical
    assert canonical_url(canonical) == canonical


@pytest.mark.parametrize("value", ["١", "²", "٣", " 2", "+2", "1_0", "2\n", "0x2"])
@pytest.mark.parametrize("parameter", ["page", "per_page"])
def test_paging_takes_ascii_digits_only(seeded, parameter, value):
    for path in ("/deals", "/api/v1/deals"):
        response = seeded.get(path, query_string={parameter: value})
        assert response.status_code == 400, (path, parameter, value)
        assert parameter in response.text


def test_prev_never_points_past_the_last_page(seeded):
    first = seeded.get("/api/v1/events?per_page=5").get_json()
    pages = first["pages"]
    beyond = seeded.get(f"/api/v1/events?per_page=5&page={pages + 10}").get_json()
    assert beyond["items"] == [] and beyond["links"]["next"] is None
    assert beyond["links"]["prev"] == f"/api/v1/events?page={pages}&per_page=5"
    inside = seeded.get("/api/v1/events?per_page=5&page=2").get_json()
    assert inside["links"]["prev"] == "/api/v1/events?page=1&per_page=5"


def test_a_logged_out_editors_form_is_still_kept(app):
    """The usual way a token goes stale: the session ended (logout) with the form open."""
    add_user(app)
    client = app.test_client()
    assert login(client).status_code == 302
    stale = token(client, "/deals/new")
    client.post("/logout", data={"csrf_token": token(client, "/")})
    assert login(client).status_code == 302  # a new session: the old form's token is stale
    response = client.post("/deals/new", data=DEAL | {"csrf_token": stale})
    assert response.status_code == 400 and "Carefully typed deal" in response.text
