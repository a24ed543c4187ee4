"""CSV import: every row checked first, one bad row writes nothing, and a round trip is a no-op."""

from __future__ import annotations

import csv
import io

import pytest
from sqlmodel import select

from tests.helpers import post_form
from tracker import db
from tracker.importing.columns import COLUMNS, deal_row, event_row, shipment_rows
from tracker.models import AuditEntry, Deal, Event, Shipment


def _export(app, kind: str) -> bytes:
    """Every record of KIND as CSV in the import's columns (what the export writes)."""
    model = {"deals": Deal, "shipments": Shipment, "events": Event}[kind]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS[kind], lineterminator="\r\n")
    writer.writeheader()
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        for record in s.exec(select(model).order_by(model.id)):
            if kind == "deals":
                writer.writerow(deal_row(s, record))
            elif kind == "events":
                writer.writerow(event_row(s, record))
            else:
                writer.writerows(shipment_rows(s, record))
    return out.getvalue().encode("utf-8")


def _audit_count(app) -> int:
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        return len(s.exec(select(AuditEntry.id)).all())


def _rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def _csv(kind: str, rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS[kind])
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("kind", ["deals", "shipments", "events"])
def test_round_trip_changes_nothing(seeded_app, tmp_path, kind):
    data = _export(seeded_app, kind)
    assert len(_rows(data)) > 0
    before = _audit_count(seeded_app)
    path = tmp_path / f"{kind}.csv"
    path.write_bytes(data)
    result = seeded_app.test_cli_runner().invoke(args=["import", kind, str(path)])
    assert result.exit_code == 0, result.output
    assert "0 created, 0 updated" in result.output
    assert _audit_count(seeded_app) == before
    assert _export(seeded_app, kind) == data


def test_import_creates_and_updates_with_audit(seeded_app, tmp_path):
    rows = _rows(_export(seeded_app, "deals"))
    rows[0]["title"] = "Renamed by import"
    new = dict(rows[0], slug="imported-deal", title="Imported deal", parties="Pakistan (Buyer)")
    path = tmp_path / "deals.csv"
    path.write_bytes(_csv("deals", [rows[0], new]))
    result = seeded_app.test_cli_runner().invoke(args=["import", "deals", str(path)])
    assert result.exit_code == 0 and "1 created, 1 updated" in result.output
    with seeded_app.app_context(), db.unit_of_work(db.engine()) as s:
        entries = s.exec(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(2)).all()
    assert {e.action for e in entries} == {"create", "update"}
    assert all(e.actor == "import:cli" and e.note == "CSV import of deals" for e in entries)


BAD_CELLS = [
    ("commodities", "Unobtainium", "no commodity is called 'Unobtainium'"),
    ("signed_on", "08/09/2025", "is not a date"),
    ("parties", "Nobody Ltd (Buyer)", "no party is called 'Nobody Ltd'"),
    ("value_currency", "DOLLARS", "not an ISO 4217 currency code"),
    ("value_amount", "1,000", "is not a number"),
    ("kind", "handshake", "'handshake' is not one of"),
    ("parties", "US Strategic Metals (Friend)", "'Friend' is not a role"),
    ("value_up_to", "maybe", "'maybe' is not true or false"),
    ("slug", "Not A Slug", "is not a slug"),
]


def test_every_problem_is_reported_and_nothing_written(seeded_app, tmp_path):
    rows = _rows(_export(seeded_app, "deals"))
    good = dict(rows[1], title="Would change if written")
    bad = []
    for n, (column, value, _) in enumerate(BAD_CELLS):
        bad.append(dict(rows[0], **{"slug": f"bad-{n}", column: value}))
    duplicate = dict(rows[2])
    path = tmp_path / "deals.csv"
    path.write_bytes(_csv("deals", [good, *bad, rows[2], duplicate]))
    before = _audit_count(seeded_app)
    result = seeded_app.test_cli_runner().invoke(args=["import", "deals", str(path)])
    assert result.exit_code == 1
    for n, (column, _, message) in enumerate(BAD_CELLS):
        assert f"row {n + 3}, {column}: " in result.output and message in result.output
    assert f"duplicate id {rows[2]['slug']!r}: also on row {len(BAD_CELLS) + 3}" in result.output
    assert "nothing was written" in result.output
    assert _audit_count(seeded_app) == before


def test_wrong_encoding_and_columns_are_refused(seeded_app, tmp_path):
    # A spreadsheet saved as Latin-1: "á" is the single byte 0xE1, not UTF-8.
    latin = _export(seeded_app, "events").replace(b"Pakistan", "Pakistán".encode("latin-1"))
    path = tmp_path / "events.csv"
    path.write_bytes(latin)
    result = seeded_app.test_cli_runner().invoke(args=["import", "events", str(path)])
    assert result.exit_code == 1 and "is not UTF-8" in result.output
    path.write_bytes(b"slug,when\nx,2025\n")
    result = seeded_app.test_cli_runner().invoke(args=["import", "events", str(path)])
    assert result.exit_code == 1 and "missing: date_on, date_precision" in result.output


def test_upload_form_reports_problems(editor, seeded_app):
    rows = _rows(_export(seeded_app, "shipments"))
    rows[0]["commodity"] = "unobtainium"
    data = {"kind": "shipments", "file": (io.BytesIO(_csv("shipments", rows)), "s.csv")}
    response = post_form(editor, "/import", data, content_type="multipart/form-data")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "nothing was written" in html and "no commodity is called &#39;unobtainium&#39;" in html


def test_upload_form_imports(editor, seeded_app):
    data = {"kind": "events", "file": (io.BytesIO(_export(seeded_app, "events")), "e.csv")}
    response = post_form(editor, "/import", data, content_type="multipart/form-data")
    assert response.status_code == 200
    assert "0 created, 0 updated" in response.get_data(as_text=True)


def test_upload_over_the_limit_gets_a_clear_message(editor, seeded_app):
    seeded_app.config["MAX_CONTENT_LENGTH"] = 10_000
    big = b"slug\n" + b"x" * 20_000
    data = {"kind": "events", "file": (io.BytesIO(big), "big.csv")}
    response = post_form(editor, "/import", data, content_type="multipart/form-data")
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "Uploads are limited to 0.00953674 MB" in html and "Split the CSV" in html
