"""History pages read as a change log: labels, values as pages show them, and who changed it
("an editor" to readers; usernames only to logged-in editors)."""

from __future__ import annotations

import re

from tests.helpers import post_form
from tests.test_editing import DEAL

EVENT = {
    "date": "2025-09-08",
    "kind": "mou_signed",
    "summary": "A test signing.",
    "deal": "ussm-fwo-critical-minerals-mou-2025",
    "parties": "us-strategic-metals",
}


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _edited_event(editor) -> str:
    created = post_form(editor, "/events/new", EVENT)
    assert created.status_code == 302
    url = created.headers["Location"]  # the new event's own page
    assert url.startswith("/events/")
    changed = EVENT | {"date": "2025-09", "note": "only the month is sure"}
    assert post_form(editor, f"{url}/edit", changed).status_code == 302
    return url


def test_readers_see_labels_and_values_as_the_pages_show_them(editor, seeded):
    url = _edited_event(editor)
    html = seeded.get(f"{url}/history").text
    page = text_of(html)
    assert "Changed by an editor" in page and "Created by an editor" in page
    assert "Date 8 September 2025 September 2025" in page
    assert "only the month is sure" in page
    assert "US Strategic Metals – Frontier Works Organisation critical minerals MoU" in page
    assert "US Strategic Metals" in page
    for raw in ("deal_id", "date_precision", "user:ed", "False", "None"):
        assert raw not in page, raw
    assert re.search(rf'<a href="{url}" data-back>Back to the event</a>', html)


def test_editors_see_usernames(editor):
    url = _edited_event(editor)
    assert "user:ed" in editor.get(f"{url}/history").text


def test_money_and_dates_read_as_on_the_deal_page(editor, seeded):
    assert post_form(editor, "/deals/new", DEAL).status_code == 302
    changed = DEAL | {"value_amount": "750000000", "signed": "2025-09-08"}
    assert post_form(editor, "/deals/test-lithium-offtake/edit", changed).status_code == 302
    page = text_of(seeded.get("/deals/test-lithium-offtake/history").text)
    assert "Value approximately USD 500,000,000 approximately USD 750,000,000" in page
    assert "Signed September 2025 8 September 2025" in page
    assert "Parties Frontier Works Organisation (Seller); US Strategic Metals (Buyer)" in page


def test_a_deleted_records_history_is_for_editors_only(editor, seeded):
    url = "/events/munir-shows-trump-mineral-samples"
    assert seeded.get(f"{url}/history").status_code == 200
    assert post_form(editor, f"{url}/delete", {}, form_url=f"{url}/history").status_code == 302
    assert seeded.get(f"{url}/history").status_code == 404
    assert editor.get(f"{url}/history").status_code == 200


def test_seeded_history_names_the_seed_not_a_person(seeded):
    page = text_of(
        seeded.get("/shipments/pakistan-us-first-critical-minerals-consignment-2025/history").text
    )
    assert "Created by the seed data" in page
    assert "Origin Pakistan" in page and "Received by US Strategic Metals" in page
    assert "Arrived 2 October 2025" in page
