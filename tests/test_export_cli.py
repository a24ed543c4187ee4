"""tracker export and tracker release: the HTTP bytes from the shell, and versioned zips."""

from __future__ import annotations

import json
import zipfile
from datetime import date

import pytest
from sqlalchemy import select

from tracker import db
from tracker.export.columns import KINDS
from tracker.models import Deal


@pytest.mark.parametrize(
    ("args", "query"),
    [
        ([], ""),
        (["--commodity", "antimony", "--country", "PAK"], "commodity=antimony&country=PAK"),
        (["--kind", "mou", "--kind", "loan", "--from", "2024"], "kind=mou&kind=loan&from=2024"),
        (["--event-kind", "mou_signed", "--q", "MoU"], "event_kind=mou_signed&q=MoU"),
    ],
)
def test_cli_export_writes_the_bytes_the_http_route_serves(seeded_app, seeded, args, query):
    runner = seeded_app.test_cli_runner()
    for kind in KINDS:
        result = runner.invoke(args=["export", kind, *args])
        assert result.exit_code == 0, result.output
        assert result.stdout_bytes == seeded.get(f"/export/{kind}.csv?{query}").data


def test_cli_export_to_a_file_is_quiet_off_a_terminal(seeded_app, seeded, tmp_path):
    out = tmp_path / "shipments.csv"
    result = seeded_app.test_cli_runner().invoke(args=["export", "shipments", "--out", str(out)])
    assert result.exit_code == 0 and result.output == ""
    assert out.read_bytes() == seeded.get("/export/shipments.csv").data


@pytest.mark.parametrize(
    ("args", "hint"),
    [(["--from", "Sept"], "--from"), (["--commodity", "unobtainium"], "--commodity")],
)
def test_cli_export_refuses_a_bad_filter_naming_the_option(seeded_app, args, hint):
    result = seeded_app.test_cli_runner().invoke(args=["export", "deals", *args])
    assert result.exit_code == 2
    assert f"Invalid value for {hint}" in result.output


def _read(zip_path, name):
    with zipfile.ZipFile(zip_path) as zf:
        return zf.read(name).decode("utf-8")


def test_release_writes_a_versioned_zip_and_a_changelog_since_the_previous(seeded_app, tmp_path):
    runner = seeded_app.test_cli_runner()
    first = runner.invoke(args=["release", "--out", str(tmp_path)])
    assert first.exit_code == 0, first.output
    today = f"{date.today():%Y.%m.%d}"
    first_zip = tmp_path / f"tracker-data-{today}.zip"
    assert f"wrote {first_zip}" in first.output
    with zipfile.ZipFile(first_zip) as zf:
        assert sorted(zf.namelist()) == sorted(
            [f"{k}.csv" for k in KINDS] + ["datapackage.json", "changelog.json", "CHANGELOG.md"]
        )
    log = json.loads(_read(first_zip, "changelog.json"))
    assert log["previous"] is None and log["files"]["deals"]["added_count"] > 0
    assert json.loads(_read(first_zip, "datapackage.json"))["version"] == today

    engine = seeded_app.extensions["tracker.engine"]
    with db.unit_of_work(engine) as session:
        deal = session.scalars(select(Deal).order_by(Deal.id)).first()
        deal.title = "Renamed for the test"
        session.add(Deal(slug="new-deal", title="New deal", kind="loan", status="announced"))
    second = runner.invoke(args=["release", "--out", str(tmp_path)])
    assert second.exit_code == 0, second.output
    second_zip = tmp_path / f"tracker-data-{today}.2.zip"
    log = json.loads(_read(second_zip, "changelog.json"))
    assert log["previous"] == first_zip.name
    assert log["files"]["deals"]["added"] == ["new-deal"]
    assert log["files"]["deals"]["changed"] == [deal.slug]
    assert log["files"]["deals"]["removed"] == []
    assert log["files"]["events"] == {
        "added": [],
        "added_count": 0,
        "removed": [],
        "removed_count": 0,
        "changed": [],
        "changed_count": 0,
    }
    assert "new-deal" in _read(second_zip, "CHANGELOG.md")
