"""Editing through the forms: create, edit, history, revert, delete, citations; all audited."""

from __future__ import annotations

from sqlalchemy import event
from sqlmodel import select

from tests.factories import make_commodity, make_country, make_deal, make_source
from tests.helpers import post_form
from tracker import db
from tracker.models import AuditEntry, Deal, Event, Shipment
from tracker.records.links import read_links

MOU = "ussm-fwo-critical-minerals-mou-2025"
DEAL = {
    "title": "Test lithium offtake",
    "kind": "offtake",
    "status": "signed",
    "summary": "A deal made in a test.",
    "parties": "us-strategic-metals buyer\nfrontier-works-organisation seller",
    "commodities": ["antimony", "copper-concentrate"],
    "signed": "2025-09",
    "value_amount": "500000000",
    "value_currency": "usd",
    "value_approximate": "y",
}


def _audit(app, record_type: str) -> list[AuditEntry]:
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        query = select(AuditEntry).where(AuditEntry.record_type == record_type)
        return list(s.exec(query.order_by(AuditEntry.id)))


def _deal(app, slug: str) -> Deal:
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        return s.exec(select(Deal).where(Deal.slug == slug)).one()


def test_create_deal_with_parties_commodities_value_and_date(editor, seeded_app):
    response = post_form(editor, "/deals/new", DEAL)
    assert response.status_code == 302
    assert response.headers["Location"] == "/deals/test-lithium-offtake"
    page = editor.get("/deals/test-lithium-offtake").get_data(as_text=True)
    assert "approximately USD 500,000,000" in page
    assert "September 2025" in page and "Antimony" in page and "US Strategic Metals" in page
    deal = _deal(seeded_app, "test-lithium-offtake")
    assert (deal.signed_precision, deal.first_date.isoformat()) == ("month", "2025-09-01")
    created = _audit(seeded_app, "deal")[-1]
    assert (created.action, created.actor) == ("create", "user:ed")
    assert created.changes["commodities"] == ["antimony", "copper-concentrate"]


def test_a_new_deal_deletes_no_links_and_still_refreshes_its_parties_and_commodities(
    editor, seeded_app
):
    # A record made in this transaction has no links: its create skips removing them (and
    # finding the pages they showed on), yet the pages of the links it adds go stale.
    reader = seeded_app.test_client()
    pages = ("/commodities/copper-concentrate", "/parties/frontier-works-organisation")
    for path in pages:
        assert "Test lithium offtake" not in reader.get(path).get_data(as_text=True)
    statements = _statements(seeded_app, lambda: post_form(editor, "/deals/new", DEAL))
    deletes = [s for s in statements if s.startswith("DELETE")]
    assert not [s for s in deletes if "DEAL_PARTY" in s or "DEAL_COMMODITY" in s], deletes
    assert any(s.startswith("INSERT INTO DEAL_COMMODITY") for s in statements)
    # Its facet members are written once, before commit, though the deal is flushed twice.
    assert len([s for s in deletes if s.startswith("DELETE FROM FACET_MEMBER")]) == 1, deletes
    for path in pages:
        assert "Test lithium offtake" in reader.get(path).get_data(as_text=True), path
    assert editor.get("/deals?commodity=copper-concentrate&kind=offtake").status_code == 200
    runner = seeded_app.test_cli_runner()
    assert runner.invoke(args=["db", "check"]).exit_code == 0


def test_a_field_edit_writes_its_row_once_and_shows_at_once(editor, seeded_app):
    post_form(editor, "/deals/new", DEAL)
    reader = seeded_app.test_client()
    assert "A deal made in a test." in reader.get("/deals/test-lithium-offtake").get_data(True)
    edit = DEAL | {"summary": "A deal edited in a test."}
    statements = _statements(
        seeded_app, lambda: post_form(editor, "/deals/test-lithium-offtake/edit", edit)
    )
    # The summary and updated_at go in one UPDATE: one flush, one lookup of the pages.
    assert len([s for s in statements if s.startswith("UPDATE DEAL ")]) == 1, statements
    assert "A deal edited in a test." in reader.get("/deals/test-lithium-offtake").get_data(True)
    assert _audit(seeded_app, "deal")[-1].changes["summary"][1] == "A deal edited in a test."


def _statements(app, act) -> list[str]:
    """The SQL statements (upper case) ACT sends, checking that it redirects (a saved form)."""
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_rest):
        statements.append(" ".join(statement.split()).upper())

    with app.app_context():
        engine = db.engine()
    event.listen(engine, "before_cursor_execute", record)
    try:
        assert act().status_code == 302
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return statements


def test_form_errors_are_per_field_and_write_nothing(editor, seeded_app):
    bad = DEAL | {"value_currency": "XYZ", "signed": "September", "parties": "nobody buyer"}
    response = post_form(editor, "/deals/new", bad)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "&#39;XYZ&#39; is not an ISO 4217 currency code" in html
    assert "&#39;September&#39; is not a date; write YYYY" in html
    assert "No party is called &#39;nobody&#39;" in html
    assert editor.get("/deals/test-lithium-offtake").status_code == 404


def test_edit_value_shows_in_history_and_revert_restores_it(editor, seeded_app):
    post_form(editor, "/deals/new", DEAL)
    edit_url = "/deals/test-lithium-offtake/edit"
    response = post_form(editor, edit_url, DEAL | {"value_amount": "750000000", "note": "typo"})
    assert response.status_code == 302
    history = editor.get("/deals/test-lithium-offtake/history").get_data(as_text=True)
    assert "USD 500,000,000" in history and "USD 750,000,000" in history and "typo" in history
    update = _audit(seeded_app, "deal")[-1]
    assert update.changes["value_amount"] == ["500000000", "750000000"]
    created_id = _audit(seeded_app, "deal")[-2].id
    reverted = post_form(
        editor,
        f"/deals/test-lithium-offtake/revert/{created_id}",
        {},
        form_url="/deals/test-lithium-offtake/history",
    )
    assert reverted.status_code == 302
    assert _deal(seeded_app, "test-lithium-offtake").value_amount == 500000000
    last = _audit(seeded_app, "deal")[-1]
    assert last.action == "revert" and last.changes["value_amount"] == ["750000000", "500000000"]


def _as_post(data: dict) -> dict:
    """Form data as a browser posts it: checked boxes 'y', unchecked left out, None empty."""
    out = {}
    for name, value in data.items():
        if value is True:
            out[name] = "y"
        elif value not in (False, None):
            out[name] = value if isinstance(value, list) else str(value)
    return out


def test_unchanged_edit_writes_no_audit_entry(editor, seeded_app):
    from tracker.curation.kinds import deal_form_data

    before = len(_audit(seeded_app, "deal"))
    for slug in _all_deal_slugs(seeded_app):
        with seeded_app.app_context(), db.unit_of_work(db.engine()) as s:
            shown = deal_form_data(s, s.exec(select(Deal).where(Deal.slug == slug)).one())
        response = post_form(editor, f"/deals/{slug}/edit", _as_post(shown))
        assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    assert len(_audit(seeded_app, "deal")) == before


def _all_deal_slugs(app) -> list[str]:
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        return list(s.exec(select(Deal.slug)))


def test_soft_delete_hides_the_deal_and_keeps_history(editor, seeded_app):
    post_form(editor, "/deals/new", DEAL)
    url = "/deals/test-lithium-offtake"
    response = post_form(editor, f"{url}/delete", {}, form_url=f"{url}/history")
    assert response.status_code == 302
    assert editor.get(url).status_code == 404
    assert _deal(seeded_app, "test-lithium-offtake").deleted
    history = editor.get(f"{url}/history").get_data(as_text=True)
    assert "delete" in history and "is deleted" in history


def test_event_create_updates_the_deal_range(editor, seeded_app):
    post_form(editor, "/deals/new", DEAL)
    event = {
        "date": "2026-Q1",
        "kind": "statement",
        "summary": "First delivery promised.",
        "deal": "test-lithium-offtake",
        "parties": "us-strategic-metals",
    }
    assert post_form(editor, "/events/new", event).status_code == 302
    assert _deal(seeded_app, "test-lithium-offtake").last_date.isoformat() == "2026-03-31"
    with seeded_app.app_context(), db.unit_of_work(db.engine()) as s:
        saved = s.exec(select(Event).where(Event.summary == "First delivery promised.")).one()
    assert saved.date_precision == "quarter"


def test_shipment_with_items(blank_editor, app):
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        make_country(s, "PAK", "Pakistan"), make_country(s, "USA", "United States")
        make_commodity(s), make_commodity(s, slug="copper-concentrate", name="Copper conc.")
    shipment = {
        "description": "Test concentrate",
        "origin": "PAK",
        "destination": "usa",
        "status": "dispatched",
        "dispatched": "2025-10-02",
        "items": "antimony; 2.5; t; 60% Sb; 10000; USD\ncopper-concentrate; ; ; ; ;",
    }
    response = post_form(blank_editor, "/shipments/new", shipment)
    assert response.status_code == 302
    history = blank_editor.get("/shipments/test-concentrate/history").get_data(as_text=True)
    assert "60% Sb" in history
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        saved = s.exec(select(Shipment).where(Shipment.slug == "test-concentrate")).one()
        assert [i["commodity"] for i in read_links(s, saved)["items"]] == [
            "antimony",
            "copper-concentrate",
        ]
    bad = post_form(blank_editor, "/shipments/new", shipment | {"items": "unobtainium; 1"})
    assert bad.status_code == 400
    assert "Line 1, commodity: no commodity is called" in bad.get_data(as_text=True)


def test_party_and_source_forms(editor):
    party = {
        "name": "Test Mining Co",
        "kind": "company",
        "country_iso3": "AUS",
        "aliases": "TMC; Test Mining",
    }
    assert post_form(editor, "/parties/new", party).status_code == 302
    assert "TMC, Test Mining" in editor.get("/parties/test-mining-co").get_data(as_text=True)
    source = {
        "url": "https://example.org/news/1",
        "publisher": "Example News",
        "title": "Test source",
        "published": "2025-09-08",
        "language": "en",
    }
    assert post_form(editor, "/sources/new", source).status_code == 302
    assert "Test source" in editor.get("/sources").get_data(as_text=True)
    js = post_form(editor, "/sources/new", source | {"url": "javascript:alert(1)"})
    assert js.status_code == 400


def test_citation_quote_must_be_in_stored_text(blank_editor, app):
    text = "The agreement is valued at approximately USD 500 million, officials said."
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        source, deal = make_source(s, text=text), make_deal(s)
        url = f"/citations/new?record_type=deal&record_id={deal.id}"
        source_id = str(source.id)
    bad = post_form(blank_editor, url, {"source": source_id, "quote": "words never written"})
    assert bad.status_code == 400
    assert "not in the source&#39;s stored text" in bad.get_data(as_text=True)
    quote = "valued at approximately USD 500 million"
    good = post_form(blank_editor, url, {"source": source_id, "quote": quote, "field": "value"})
    assert good.status_code == 302
    citation = _audit(app, "citation")[-1]
    assert (citation.actor, citation.changes["quote"]) == ("user:ed", quote)


def test_every_editable_page_is_linked_from_its_record(editor):
    deal_page = editor.get(f"/deals/{MOU}").get_data(as_text=True)
    for href in (
        f"/deals/{MOU}/edit",
        f"/deals/{MOU}/history",
        "/citations/new?record_type=deal",
        "/shipments/",
        "/events/",
    ):
        assert href in deal_page, href
    party = editor.get("/parties/us-strategic-metals").get_data(as_text=True)
    assert "/parties/us-strategic-metals/edit" in party
    assert "/edit" in editor.get("/sources").get_data(as_text=True)
    assert "/shipments/" in editor.get("/shipments").get_data(as_text=True)
    assert "/events/" in editor.get("/timeline").get_data(as_text=True)


def test_visitors_see_history_but_no_edit_links(seeded):
    page = seeded.get(f"/deals/{MOU}").get_data(as_text=True)
    assert f"/deals/{MOU}/history" in page and f"/deals/{MOU}/edit" not in page
    history = seeded.get(f"/deals/{MOU}/history")
    assert history.status_code == 200 and "seed" in history.get_data(as_text=True)
