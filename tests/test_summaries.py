"""shipment_tally stays in step with the records after every kind of write, and `tracker db
check` says so (exit 0) or lists the difference (exit 1)."""

from __future__ import annotations

import io

from sqlalchemy import create_engine, func, select, text, update

from tests.helpers import post_form
from tests.inbox_support import TIN_TEXT, article_id, paste, read
from tests.test_import import _csv, _export, _rows
from tracker import db
from tracker.models import AuditEntry, InboxProposal, Shipment

SHIPMENT = {
    "description": "Tally concentrate",
    "origin": "PAK",
    "destination": "usa",
    "status": "dispatched",
    "dispatched": "2025-10-02",
    "items": "antimony; 2.5; t; 60% Sb; 10000; USD\ncopper-concentrate; ; ; ; ;",
}
URL = "/shipments/tally-concentrate"


def assert_in_step(app) -> None:
    result = app.test_cli_runner().invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output
    assert "summary tables match the records" in result.output


def test_seed_and_a_second_seed_keep_the_tally_in_step(seeded_app):
    assert_in_step(seeded_app)
    assert seeded_app.test_cli_runner().invoke(args=["seed"]).exit_code == 0
    assert_in_step(seeded_app)


def test_form_create_edit_delete_and_revert_keep_the_tally_in_step(editor, seeded_app):
    assert post_form(editor, "/shipments/new", SHIPMENT).status_code == 302
    assert_in_step(seeded_app)
    edited = SHIPMENT | {"origin": "AUS", "dispatched": "2024-01", "items": "antimony; 9; t"}
    assert post_form(editor, f"{URL}/edit", edited).status_code == 302
    assert_in_step(seeded_app)
    history = f"{URL}/history"
    created = read(
        seeded_app,
        lambda s: s.scalar(
            select(func.min(AuditEntry.id)).where(
                AuditEntry.record_type == "shipment",
                AuditEntry.action == "create",
                AuditEntry.record_id
                == select(Shipment.id)
                .where(Shipment.slug == "tally-concentrate")
                .scalar_subquery(),
            )
        ),
    )
    reverted = post_form(editor, f"{URL}/revert/{created}", {}, form_url=history)
    assert reverted.status_code == 302
    assert_in_step(seeded_app)
    assert post_form(editor, f"{URL}/delete", {}, form_url=history).status_code == 302
    assert_in_step(seeded_app)


def test_import_keeps_the_tally_in_step(seeded_app, tmp_path):
    rows = _rows(_export(seeded_app, "shipments"))
    rows[0]["quantity"] = "123.5"
    rows[-1]["origin"] = rows[0]["destination"]
    path = tmp_path / "shipments.csv"
    path.write_bytes(_csv("shipments", rows))
    result = seeded_app.test_cli_runner().invoke(args=["import", "shipments", str(path)])
    assert result.exit_code == 0, result.output
    assert_in_step(seeded_app)


def test_upload_through_the_form_keeps_the_tally_in_step(editor, seeded_app):
    rows = _rows(_export(seeded_app, "shipments"))
    rows[0]["shipment_slug"] = rows[0]["shipment_slug"] + "-copy"
    data = {"kind": "shipments", "file": (io.BytesIO(_csv("shipments", rows)), "s.csv")}
    response = post_form(editor, "/import", data, content_type="multipart/form-data")
    assert response.status_code == 200
    assert_in_step(seeded_app)


def test_inbox_accept_keeps_the_tally_in_step(editor, seeded_app):
    aid = article_id(paste(editor, TIN_TEXT, url="https://example.org/tally"))
    chosen = read(
        seeded_app,
        lambda s: [
            str(i)
            for i in s.scalars(select(InboxProposal.id).where(InboxProposal.article_id == aid))
        ],
    )
    fields = {"proposal": chosen, "deal": "new", "title": "Tally tin", "kind": "offtake",
              "status": "signed"}  # fmt: skip
    response = post_form(editor, f"/inbox/{aid}/accept", fields, form_url=f"/inbox/{aid}")
    assert response.status_code == 302
    assert_in_step(seeded_app)


def test_demo_data_and_restore_keep_the_tally_in_step(app, tmp_path):
    runner = app.test_cli_runner()
    args = ["demo-data", "--deals", "20", "--shipments", "300", "--items-per-shipment", "2"]
    assert runner.invoke(args=args).exit_code == 0
    assert_in_step(app)
    # A bulk statement through a session: the tally is rebuilt before commit.
    with db.unit_of_work(app.extensions["tracker.engine"]) as s:
        s.execute(update(Shipment).where(Shipment.id <= 50).values(deleted=True))
    assert_in_step(app)
    if not app.config["TRACKER_DATABASE_URL"].startswith("sqlite"):
        return  # backup and restore are SQLite's (PostgreSQL uses pg_dump)
    backup = tmp_path / "b.db"
    assert runner.invoke(args=["backup", str(backup)]).exit_code == 0
    with db.unit_of_work(app.extensions["tracker.engine"]) as s:
        s.execute(update(Shipment).where(Shipment.id <= 100).values(deleted=False))
    assert runner.invoke(args=["restore", str(backup)]).exit_code == 0
    assert_in_step(app)


def test_check_reports_a_difference_and_fix_rebuilds(seeded_app):
    # Behind the app's back (a plain engine): the upkeep never sees this write.
    engine = create_engine(seeded_app.config["TRACKER_DATABASE_URL"])
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE shipment_tally SET items = items + 1 "
                "WHERE id = (SELECT min(id) FROM shipment_tally)"
            )
        )
    engine.dispose()
    runner = seeded_app.test_cli_runner()
    result = runner.invoke(args=["db", "check"])
    assert result.exit_code == 1
    assert "shipment_tally lacks" in result.output and "--fix" in result.output
    assert runner.invoke(args=["db", "check", "--fix"]).exit_code == 0
    assert_in_step(seeded_app)


def test_fix_empties_the_pages_cached_from_the_wrong_sums(seeded_app):
    """db check --fix rewrites the sums behind the app's sessions: it changes the tokens, so no
    page computed from the wrong sums is served after it."""
    client = seeded_app.test_client()
    engine = create_engine(seeded_app.config["TRACKER_DATABASE_URL"])
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM shipment_tally"))
    engine.dispose()
    wrong = {path: client.get(path).get_data(as_text=True) for path in PAGES_FROM_SUMS}
    assert seeded_app.test_cli_runner().invoke(args=["db", "check", "--fix"]).exit_code == 0
    served = {path: client.get(path).get_data(as_text=True) for path in PAGES_FROM_SUMS}
    seeded_app.extensions["tracker.cache"].clear()
    fresh = {path: client.get(path).get_data(as_text=True) for path in PAGES_FROM_SUMS}
    assert served == fresh
    assert served != wrong  # the wrong sums showed on these pages


# Pages that read shipment_tally: the dashboard and a commodity page (its shipment totals).
PAGES_FROM_SUMS = ("/", "/commodities/antimony")


def test_an_edit_of_what_the_tally_does_not_read_is_not_recounted(editor, seeded_app, monkeypatch):
    """A shipment's description or date is not in shipment_tally: editing them reads
    no contributions; changing an end does, and the tally stays in step either way."""
    from tracker.summaries import tallies

    assert post_form(editor, "/shipments/new", SHIPMENT).status_code == 302
    counted: list[set[int]] = []
    real = tallies.contributions
    monkeypatch.setattr(
        tallies, "contributions", lambda c, ids: counted.append(set(ids)) or real(c, ids)
    )
    quiet = SHIPMENT | {"description": "Tally concentrate, resealed", "dispatched": "2025-10-03"}
    assert post_form(editor, f"{URL}/edit", quiet).status_code == 302
    assert counted == []
    assert_in_step(seeded_app)
    assert post_form(editor, f"{URL}/edit", quiet | {"origin": "AUS"}).status_code == 302
    assert len(counted) == 2  # the shipment's rows taken out, then put back
    assert_in_step(seeded_app)
