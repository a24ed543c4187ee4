"""deal_groups (each deal's countries and commodities as the value charts group them) stays in
step with the records after link edits, party edits, deletes and imports; the country chart
reads it; `tracker db check` finds a wrong row and --fix mends it."""

from __future__ import annotations

from sqlalchemy import create_engine, select, text

from tests.helpers import post_form
from tests.inbox_support import read
from tests.test_import import _csv, _export, _rows
from tests.test_summaries import assert_in_step
from tracker.models import Commodity, Deal, DealGroups
from tracker.summaries import deal_groups

DEAL = {
    "title": "Grouped antimony offtake",
    "kind": "offtake",
    "status": "signed",
    "parties": "us-strategic-metals buyer\nfrontier-works-organisation seller",
    "commodities": ["antimony", "copper-concentrate"],
    "signed": "2025-09",
    "value_amount": "5000000",
    "value_currency": "usd",
}
URL = "/deals/grouped-antimony-offtake"
PARTY = {"name": "US Strategic Metals", "kind": "company", "country_iso3": "AUS"}


def _groups(app, slug: str) -> tuple | None:
    def row(s):
        found = s.execute(
            select(DealGroups.countries, DealGroups.commodities, Commodity.slug)
            .join(Deal, Deal.id == DealGroups.id)
            .outerjoin(Commodity, Commodity.id == DealGroups.commodity_id)
            .where(Deal.slug == slug)
        ).first()
        return None if found is None else tuple(found)

    return read(app, row)


def test_link_and_party_edits_and_a_delete_keep_the_groups_in_step(editor, seeded_app, monkeypatch):
    # Every write below names its deals: none may fall back to rebuilding the whole table.
    def rebuild(_connection):
        raise AssertionError("a form write rebuilt deal_groups")

    monkeypatch.setattr(deal_groups, "rebuild", rebuild)
    assert post_form(editor, "/deals/new", DEAL).status_code == 302
    assert _groups(seeded_app, "grouped-antimony-offtake") == ("PAK+USA", 2, None)
    assert_in_step(seeded_app)

    one = DEAL | {"parties": "us-strategic-metals buyer", "commodities": ["antimony"]}
    assert post_form(editor, f"{URL}/edit", one).status_code == 302
    assert _groups(seeded_app, "grouped-antimony-offtake") == ("USA", 1, "antimony")
    assert_in_step(seeded_app)

    # A party moving country moves every deal it takes part in, the seed's MoU among them.
    moved = post_form(editor, "/parties/us-strategic-metals/edit", PARTY)
    assert moved.status_code == 302, moved.get_data(as_text=True)[:400]
    assert _groups(seeded_app, "grouped-antimony-offtake") == ("AUS", 1, "antimony")
    assert_in_step(seeded_app)
    assert "Australia + Pakistan" in editor.get("/").get_data(as_text=True)

    none = DEAL | {"parties": "", "commodities": []}
    assert post_form(editor, f"{URL}/edit", none).status_code == 302
    assert _groups(seeded_app, "grouped-antimony-offtake") is None
    assert_in_step(seeded_app)

    assert post_form(editor, f"{URL}/edit", DEAL).status_code == 302
    deleted = post_form(editor, f"{URL}/delete", {}, form_url=f"{URL}/history")
    assert deleted.status_code == 302
    assert_in_step(seeded_app)


def test_a_deal_import_keeps_the_groups_in_step(seeded_app, tmp_path):
    rows = _rows(_export(seeded_app, "deals"))
    copy = rows[0] | {"slug": rows[0]["slug"] + "-copy"}
    path = tmp_path / "deals.csv"
    path.write_bytes(_csv("deals", [*rows, copy]))
    result = seeded_app.test_cli_runner().invoke(args=["import", "deals", str(path)])
    assert result.exit_code == 0, result.output
    assert _groups(seeded_app, copy["slug"]) == _groups(seeded_app, rows[0]["slug"])
    assert _groups(seeded_app, copy["slug"]) is not None
    assert_in_step(seeded_app)


def test_check_finds_a_wrong_group_and_fix_mends_it(seeded_app):
    engine = create_engine(seeded_app.config["TRACKER_DATABASE_URL"])
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE deal_groups SET countries = 'XXX' WHERE id = (SELECT min(id) FROM deal)")
        )
    engine.dispose()
    runner = seeded_app.test_cli_runner()
    result = runner.invoke(args=["db", "check"])
    assert result.exit_code == 1
    assert "deal_groups differs for deal" in result.output
    assert runner.invoke(args=["db", "check", "--fix"]).exit_code == 0
    assert_in_step(seeded_app)
