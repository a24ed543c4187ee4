"""Hostile text in every text field of every form and import: escaped when shown, stored
unchanged or refused with a message; never a server error, never raw markup on a page."""

from __future__ import annotations

import itertools

import pytest
from sqlmodel import select

from tests.helpers import post_form
from tracker import db
from tracker.models import AuditEntry

SCRIPT = "<script>alert('x')</script>"
HOSTILE = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE deal; --",
    "Robert'); DELETE FROM audit_entry WHERE ('1'='1",
    "A" * 25_000,  # longer than any field takes
    "bad\x00byte",  # NUL: PostgreSQL cannot store it
    "caf\ufffd",  # what undecodable bytes become
]
RAW_MARKUP = (SCRIPT, "<img src=x")
_unique = itertools.count()

FORMS = {
    "deals": (
        {"title": "T", "kind": "mou", "status": "announced"},
        ["title", "summary", "parties", "announced", "value_currency", "note"],
    ),
    "shipments": (
        {"origin": "PAK", "destination": "USA", "status": "planned"},
        ["description", "deal", "origin", "origin_party", "dispatched", "items", "note"],
    ),
    "events": (
        {"date": "2025", "kind": "statement", "summary": "S"},
        ["summary", "deal", "shipment", "parties", "date", "note"],
    ),
    "parties": (
        {"name": "N", "kind": "company"},
        ["name", "country_iso3", "aliases", "description", "note"],
    ),
    "sources": (
        {"url": "https://example.org/a", "publisher": "P", "title": "T", "language": "en"},
        ["url", "publisher", "title", "author", "published", "language", "summary", "note"],
    ),
}
# Aliases are one field listing several names separated by ";".
STORED_AS = {"aliases": lambda v: [a.strip() for a in v.split(";") if a.strip()]}
CASES = [(kind, field) for kind, (_, fields) in FORMS.items() for field in fields]


def _last_entry(app) -> AuditEntry | None:
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        return s.exec(select(AuditEntry).order_by(AuditEntry.id.desc())).first()


def _assert_no_raw_markup(html: str) -> None:
    for raw in RAW_MARKUP:
        assert raw not in html


@pytest.mark.parametrize("kind, field", CASES)
def test_hostile_text_in_every_form_field(editor, seeded_app, kind, field):
    base, _ = FORMS[kind]
    for value in HOSTILE:
        data = dict(base)
        if kind == "sources":  # URLs are unique: each try needs its own
            data["url"] = f"https://example.org/{next(_unique)}"
        data[field] = value
        before = _last_entry(seeded_app).id
        response = post_form(editor, f"/{kind}/new", data)
        html = response.get_data(as_text=True)
        _assert_no_raw_markup(html)
        if response.status_code == 302:
            entry = _last_entry(seeded_app)
            assert entry.action == "create"
            stored = entry.note if field == "note" else entry.changes.get(field)
            assert stored == STORED_AS.get(field, lambda v: v)(value), (field, value[:40])
            page = editor.get(f"/{kind}/{entry.changes.get('slug', entry.record_id)}/history")
            assert page.status_code == 200
            _assert_no_raw_markup(page.get_data(as_text=True))
        else:
            assert response.status_code == 400, (field, value[:40], response.status_code)
            assert 'class="error"' in html
            assert _last_entry(seeded_app).id == before


def test_stored_markup_is_escaped_on_public_pages(editor, seeded):
    data = {"title": SCRIPT, "kind": "mou", "status": "announced", "summary": SCRIPT}
    response = post_form(editor, "/deals/new", data)
    assert response.status_code == 302
    for url in (response.headers["Location"], "/deals", "/", "/timeline"):
        html = seeded.get(url).get_data(as_text=True)
        _assert_no_raw_markup(html)
    page = seeded.get(response.headers["Location"]).get_data(as_text=True)
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page


def test_hostile_text_in_imports(seeded_app, tmp_path):
    from tests.test_import import _csv, _export, _rows

    runner = seeded_app.test_cli_runner()
    for kind, column in [
        ("deals", "title"),
        ("deals", "summary"),
        ("events", "summary"),
        ("shipments", "description"),
        ("shipments", "grade"),
    ]:
        for value in HOSTILE:
            rows = _rows(_export(seeded_app, kind))
            for row in rows:
                key = "shipment_slug" if kind == "shipments" else "slug"
                if row[key] == rows[0][key]:
                    row[column] = value
            path = tmp_path / "hostile.csv"
            path.write_bytes(_csv(kind, rows))
            result = runner.invoke(args=["import", kind, str(path)])
            if result.exit_code == 0:
                entry = _last_entry(seeded_app)
                changes = entry.changes
                stored = changes.get(column, changes.get("items"))
                assert value in str(stored), (kind, column, value[:40])
            else:
                assert f", {column}: " in result.output, result.output[-500:]
                assert "nothing was written" in result.output
