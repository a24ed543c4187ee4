"""The record layer's promises beyond single values: bounded ids, stored out-of-range dates,
oversized CSV cells and reports, duplicated headers, and who the audit history names."""

from __future__ import annotations

import io
from datetime import date

import pytest
from sqlmodel import func, select

from tests.factories import make_commodity, make_country, make_deal
from tests.helpers import post_form
from tests.inbox_support import TIN_TEXT, article_id, paste
from tracker import db
from tracker.importing.columns import COLUMNS
from tracker.models import AuditEntry, Deal, DealCommodity, DealParty
from tracker.records.links import read_links

BIG = str(2**63)


@pytest.mark.parametrize(
    "url",
    [
        f"/sources/{BIG}/edit",
        f"/sources/{BIG}/history",
        f"/inbox/{BIG}",
        f"/deals/some-deal/revert/{BIG}",
        f"/api/v1/sources/{BIG}",
        f"/sources/{2**64}/edit",
    ],
)
def test_ids_past_bigint_are_not_found(editor, url):
    response = editor.post(url) if "revert" in url else editor.get(url)
    assert response.status_code == 404


def test_pages_survive_stored_years_1_and_9999(blank_editor, app):
    """Deals stored by an older version, before dates were range-checked, still show."""
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        make_commodity(s, slug="tin", name="Tin")
        make_country(s, "BOL", "Bolivia")
        links = {"commodities": ["tin"], "parties": [["bolivia", "host_government"]]}
        early = make_deal(s, slug="early", links=links)
        late = make_deal(s, slug="late", links=links)
        for deal, day in ((early, date(1, 1, 1)), (late, date(9999, 12, 31))):
            deal.signed_on, deal.signed_precision = day, "day"
            deal.first_date, deal.last_date = day, day
            s.add(deal)
    aid = article_id(paste(blank_editor, TIN_TEXT))
    for url in ["/", "/timeline", "/deals/early", "/deals/late", f"/inbox/{aid}"]:
        response = blank_editor.get(url)
        assert response.status_code == 200, url
    assert 'value="early"' in blank_editor.get(f"/inbox/{aid}").get_data(as_text=True)
    dashboard = blank_editor.get("/").get_data(as_text=True)
    assert len(dashboard) < 3_000_000  # not ~32,000 empty quarters


def _deals_csv(rows: list[dict]) -> bytes:
    import csv

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS["deals"])
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def _deal_row(n: int, **cells) -> dict:
    row = dict.fromkeys(COLUMNS["deals"], "")
    return row | {"slug": f"deal-{n}", "title": "T", "kind": "mou", "status": "announced"} | cells


def test_a_cell_over_the_csv_limit_is_a_clear_error(editor, seeded_app, tmp_path):
    data = _deals_csv([_deal_row(1), _deal_row(2, summary="x" * 131_073)])
    path = tmp_path / "big.csv"
    path.write_bytes(data)
    result = seeded_app.test_cli_runner().invoke(args=["import", "deals", str(path)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # no traceback
    assert "row 3: a cell is longer than 131,072 characters" in result.output
    upload = {"kind": "deals", "file": (io.BytesIO(data), "big.csv")}
    response = post_form(editor, "/import", upload, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "a cell is longer than 131,072 characters" in response.get_data(as_text=True)


def test_a_long_cell_under_the_csv_limit_names_its_column(seeded_app, tmp_path):
    path = tmp_path / "long.csv"
    path.write_bytes(_deals_csv([_deal_row(1, summary="x" * 100_000)]))
    result = seeded_app.test_cli_runner().invoke(args=["import", "deals", str(path)])
    assert result.exit_code == 1
    assert "row 2, summary: is 100,000 characters long; at most 20,000 fit" in result.output


def test_a_report_lists_200_problems_and_counts_the_rest(editor, seeded_app, tmp_path):
    data = _deals_csv([_deal_row(n, kind="handshake") for n in range(450)])
    path = tmp_path / "many.csv"
    path.write_bytes(data)
    result = seeded_app.test_cli_runner().invoke(args=["import", "deals", str(path)])
    assert result.exit_code == 1
    assert result.output.count("kind: 'handshake'") == 200
    assert "... and 250 more problem(s)" in result.output
    upload = {"kind": "deals", "file": (io.BytesIO(data), "many.csv")}
    response = post_form(editor, "/import", upload, content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and html.count("<td>kind</td>") == 200
    assert "250 more problem(s) not listed" in html


def test_a_duplicated_header_is_named(seeded_app, tmp_path):
    header = ",".join([*COLUMNS["deals"], "title"])
    path = tmp_path / "dup.csv"
    path.write_text(header + "\r\n", encoding="utf-8")
    result = seeded_app.test_cli_runner().invoke(args=["import", "deals", str(path)])
    assert result.exit_code == 1
    assert "columns appear more than once in the header: title" in result.output


def _actors(app, record_type: str) -> set[str]:
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        query = select(AuditEntry.actor).where(AuditEntry.record_type == record_type)
        return set(s.exec(query).all())


def test_demo_data_audits_its_reference_rows_under_its_own_actor(app, runner):
    result = runner.invoke(args=["demo-data", "--deals", "2", "--shipments", "2"])
    assert result.exit_code == 0, result.output
    assert _actors(app, "commodity") == {"demo-data"}
    assert _actors(app, "party") == {"demo-data"}


def test_seed_link_changes_are_audited(app, runner, tmp_path):
    toml = (
        '[[deals]]\nslug = "linked"\ntitle = "Linked"\nkind = "mou"\nstatus = "announced"\n'
        'commodities = ["antimony"]\nparties = [{party = "PAK", role = "signatory"}]\n'
    )
    path = tmp_path / "links.toml"
    path.write_text(toml, encoding="utf-8")
    assert runner.invoke(args=["seed", str(path)]).exit_code == 0
    path.write_text(toml.replace('["antimony"]', '["antimony", "gallium"]'), encoding="utf-8")
    assert runner.invoke(args=["seed", str(path)]).exit_code == 0
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        deal = s.exec(select(Deal).where(Deal.slug == "linked")).one()
        entries = s.exec(
            select(AuditEntry)
            .where(AuditEntry.record_type == "deal", AuditEntry.record_id == deal.id)
            .order_by(AuditEntry.id)
        ).all()
        assert read_links(s, deal)["parties"] == [["pakistan", "signatory"]]
        assert s.scalar(select(func.count()).select_from(DealParty)) == 1
        assert s.scalar(select(func.count()).select_from(DealCommodity)) == 2
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[0].changes["parties"] == [["pakistan", "signatory"]]
    assert entries[1].changes["commodities"] == [["antimony"], ["antimony", "gallium"]]
    assert {e.actor for e in entries} == {"seed"}


def test_control_characters_in_references_are_refused_not_looked_up(seeded_app, tmp_path):
    """PostgreSQL cannot even compare a NUL: a reference holding one names nothing."""
    row = _deal_row(1, parties="Nobody\x00 Ltd (Buyer)", commodities="Anti\x00mony")
    path = tmp_path / "nul.csv"
    path.write_bytes(_deals_csv([row]))
    result = seeded_app.test_cli_runner().invoke(args=["import", "deals", str(path)])
    assert result.exit_code == 1
    assert "row 2, parties: no party is called" in result.output
    assert "row 2, commodities: no commodity is called" in result.output
