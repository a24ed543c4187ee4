"""Commodity groups: the reference file's hierarchy, a group selecting its members on pages,
exports and the API, the multi-select filter form, and a group page listing its members."""

from __future__ import annotations

import pytest

from tests.dashboard_helpers import count
from tracker.seeding.reference import commodity_rows

CONSIGNMENT = "pakistan-us-first-critical-minerals-consignment-2025"


def test_reference_file_nests_rare_earths_and_keeps_copper_forms_distinct(tmp_path):
    rows = {r["slug"]: r for r in commodity_rows(_data_dir())}
    assert rows["neodymium"]["parent"] == "light-rare-earths"
    assert rows["dysprosium"]["parent"] == "heavy-rare-earths"
    assert rows["light-rare-earths"]["parent"] == "rare-earth-elements"
    assert rows["lithium-carbonate"]["parent"] == "lithium"
    assert rows["copper"]["parent"] == rows["copper-concentrate"]["parent"] == "copper-all-forms"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('parent = "no-such-thing"', "is not a listed commodity"),
        ('parent = "antimony"', "cycle"),
    ],
)
def test_reference_file_refuses_unknown_parents_and_cycles(tmp_path, text, message):
    source = (_data_dir() / "commodities.toml").read_text()
    broken = source.replace('slug = "antimony"\n', f'slug = "antimony"\n{text}\n', 1)
    (tmp_path / "commodities.toml").write_text(broken)
    with pytest.raises(ValueError, match=message):
        commodity_rows(tmp_path)


def test_rare_earths_in_2025_include_the_neodymium_consignment(seeded):
    html = seeded.get("/?commodity=rare-earth-elements&from=2025&to=2025").get_data(as_text=True)
    assert count(html, "shipments") >= 1
    listed = seeded.get("/shipments?commodity=rare-earth-elements&from=2025&to=2025")
    assert CONSIGNMENT in listed.get_data(as_text=True)
    # A member's sibling group does not: heavy rare earths hold no neodymium.
    heavy = seeded.get("/shipments?commodity=heavy-rare-earths").get_data(as_text=True)
    assert CONSIGNMENT not in heavy


def test_group_selects_members_in_csv_and_api(seeded):
    csv_text = seeded.get("/export/shipments.csv?commodity=light-rare-earths").get_data(
        as_text=True
    )
    assert CONSIGNMENT in csv_text
    copper = seeded.get("/export/deals.csv?commodity=copper-all-forms").get_data(as_text=True)
    assert "ussm-fwo-critical-minerals-mou-2025" in copper
    api = seeded.get("/api/v1/shipments?commodity=rare-earth-elements").get_json()
    assert CONSIGNMENT in str(api)


def test_filter_form_takes_several_commodities_and_keeps_them(seeded):
    html = seeded.get("/deals?commodity=antimony&commodity=lithium").get_data(as_text=True)
    assert '<select name="commodity" multiple' in html
    assert '<option value="antimony" selected>' in html
    assert '<option value="lithium" selected>' in html
    assert '<option value="gallium">' in html


def test_group_page_lists_its_members_and_their_records(seeded):
    html = seeded.get("/commodities/rare-earth-elements").get_data(as_text=True)
    assert 'data-member="light-rare-earths"' in html
    assert 'data-member="neodymium"' in html
    assert CONSIGNMENT in html or "first-critical-minerals-consignment" in html
    member = seeded.get("/commodities/neodymium").get_data(as_text=True)
    assert "Part of" in member and "/commodities/light-rare-earths" in member


def _data_dir():
    from pathlib import Path

    return Path(__file__).resolve().parents[1] / "data"
