"""Uploads over TRACKER_IMPORT_BACKGROUND_ROWS rows run in the background; /import shows their
progress and outcome, and a file with one bad row still writes nothing."""

from __future__ import annotations

import io
import re
import time

from sqlmodel import func, select

from tests.helpers import post_form
from tests.test_import import _csv, _export, _rows
from tracker import db
from tracker.models import Event

# Upper bound on waiting for the background thread; the test goes on as soon as it is done.
WAIT_LIMIT_S = 60


def _events(app, slug: str) -> int:
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        return s.exec(select(func.count()).select_from(Event).where(Event.slug == slug)).one()


def _finished_run(editor) -> tuple[str, str]:
    """(outcome, message) of the newest import run once it has ended."""
    deadline = time.monotonic() + WAIT_LIMIT_S
    while time.monotonic() < deadline:
        html = editor.get("/import").get_data(as_text=True)
        m = re.search(r'data-outcome="(\w+)">(.*?)</tr>', html, re.S)
        assert m, "no background import listed on /import"
        if m.group(1) != "running":
            message = re.search(r'class="message">(.*?)</td>', m.group(2), re.S).group(1)
            return m.group(1), message
        time.sleep(0.2)
    raise AssertionError("the background import did not end")


def _upload(editor, rows) -> object:
    data = {"kind": "events", "file": (io.BytesIO(_csv("events", rows)), "e.csv")}
    return post_form(editor, "/import", data, content_type="multipart/form-data")


def test_a_large_upload_is_imported_in_the_background(editor, seeded_app):
    seeded_app.config["TRACKER_IMPORT_BACKGROUND_ROWS"] = 1
    rows = _rows(_export(seeded_app, "events"))
    rows[0]["slug"] = "imported-in-the-background"
    response = _upload(editor, rows)
    assert response.status_code == 303
    assert _finished_run(editor) == ("ok", f"1 created, 0 updated, {len(rows) - 1} unchanged")
    assert _events(seeded_app, "imported-in-the-background") == 1


def test_a_large_upload_with_a_bad_row_writes_nothing(editor, seeded_app):
    seeded_app.config["TRACKER_IMPORT_BACKGROUND_ROWS"] = 1
    rows = _rows(_export(seeded_app, "events"))
    rows[0]["slug"] = "never-written"
    rows[1]["date_on"] = "not a date"
    assert _upload(editor, rows).status_code == 303
    outcome, message = _finished_run(editor)
    assert outcome == "error"
    assert message.startswith("nothing was written") and "row 3, date_on" in message
    assert _events(seeded_app, "never-written") == 0
