"""Parties and sources get the soft delete deals have (references checked first), a deleted
shipment stops finding its deal in a word search, and a shipment item saved from the form keeps
every money field the import keeps."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlmodel import select

from tests.factories import (
    make_commodity,
    make_country,
    make_deal,
    make_event,
    make_party,
    make_shipment,
    make_source,
)
from tests.helpers import add_user, login, post_form
from tests.test_summaries import assert_in_step
from tracker import db
from tracker.models import Citation, Party, Shipment, ShipmentItem, Source
from tracker.records import writer


def _editor(app):
    add_user(app)
    client = app.test_client()
    assert login(client).status_code == 302
    return client


def _with_session(app, fn):
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        return fn(s)


def test_a_party_in_a_live_deal_is_not_deleted(app):
    def build(s):
        party = make_party(s, slug="fwo", name="Frontier Works Organisation")
        make_deal(s, slug="mou", links={"parties": [["fwo", "signatory"]]})
        return party.slug

    slug = _with_session(app, build)
    client = _editor(app)
    url = f"/parties/{slug}"
    response = post_form(client, f"{url}/delete", {}, form_url=f"{url}/history")
    assert response.status_code == 400
    assert "still a party to live records (deals mou)" in response.get_data(as_text=True)
    assert _with_session(app, lambda s: s.exec(select(Party.deleted)).one()) is False


def test_an_unused_party_is_deleted_listed_no_more_and_restored_by_revert(app):
    slug = _with_session(app, lambda s: make_party(s, name="Gone Mining").slug)
    client = _editor(app)
    url = f"/parties/{slug}"
    assert "Gone Mining" in client.get("/parties").get_data(as_text=True)
    response = post_form(client, f"{url}/delete", {}, form_url=f"{url}/history")
    assert response.status_code == 302
    client.get("/parties")  # shows the flash message, which names the deleted party
    assert "Gone Mining" not in client.get("/parties").get_data(as_text=True)
    assert client.get(url).status_code == 404
    history = client.get(f"{url}/history").get_data(as_text=True)
    assert "is deleted" in history
    created = _with_session(app, lambda s: writer.history(s, s.exec(select(Party)).one())[0].id)
    response = post_form(client, f"{url}/revert/{created}", {}, form_url=f"{url}/history")
    assert response.status_code == 302
    assert client.get(url).status_code == 200


def test_a_source_with_citations_is_not_deleted_and_an_uncited_one_is(app):
    def build(s):
        cited, spare = make_source(s, title="Cited report"), make_source(s, title="Spare report")
        deal = make_deal(s)
        values = {"source_id": cited.id, "record_type": "deal", "record_id": deal.id}
        writer.create(s, actor="test", model=Citation, values=values | {"field": "value"})
        return cited.id, spare.id

    cited, spare = _with_session(app, build)
    client = _editor(app)
    for source_id, status in ((cited, 400), (spare, 302)):
        url = f"/sources/{source_id}"
        response = post_form(client, f"{url}/delete", {}, form_url=f"{url}/history")
        assert response.status_code == status
    client.get("/sources")  # shows the flash message, which names the deleted source
    sources = client.get("/sources").get_data(as_text=True)
    assert "Cited report" in sources and "Spare report" not in sources
    deleted = _with_session(app, lambda s: s.exec(select(Source.title).where(Source.deleted)).all())
    assert deleted == ["Spare report"]


def test_a_shipment_item_from_the_form_keeps_every_money_field(app):
    def build(s):
        make_commodity(s)
        make_country(s, "PAK", "Pakistan")
        make_country(s, "USA", "United States")

    _with_session(app, build)
    client = _editor(app)
    line = "antimony; 2.5; t; 60% Sb; 1000000; EUR; 1080000; 2025-10-01; approximately up-to"
    data = {"description": "Euro cargo", "origin": "PAK", "destination": "USA"}
    data |= {"status": "dispatched", "items": line}
    response = post_form(client, "/shipments/new", data)
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    item = _with_session(app, lambda s: s.exec(select(ShipmentItem)).one())
    assert (item.quantity, item.unit, item.grade) == (Decimal("2.5"), "t", "60% Sb")
    assert (item.value_amount, item.value_currency) == (Decimal(1000000), "EUR")
    assert (item.value_usd, item.value_usd_rate) == (Decimal(1080000), Decimal("1.08"))
    assert item.value_usd_rate_date == date(2025, 10, 1)
    assert item.value_usd_basis == "USD equivalent stated by the source"
    assert (item.value_approximate, item.value_up_to, item.value_more_than) == (True, True, False)
    form = client.get("/shipments/euro-cargo/edit").get_data(as_text=True)
    assert line in form  # the edit form shows the line back, so saving it again keeps it all


def test_factories_give_explicit_records(app):
    def build(s):
        pak, usa = make_country(s, "PAK", "Pakistan"), make_country(s, "USA", "United States")
        make_commodity(s)
        deal = make_deal(s, links={"commodities": ["antimony"]})
        shipment = make_shipment(s, origin=pak, destination=usa, deal_id=deal.id)
        event = make_event(s, deal_id=deal.id, date=date(2025, 12, 1))
        s.refresh(deal)
        return deal.last_date, shipment.origin_id == pak.id, event.kind

    assert _with_session(app, build) == (date(2025, 12, 1), True, "statement")


def _deal_found(client, q: str, slug: str) -> bool:
    response = client.get(f"/deals?q={q}")
    assert response.status_code == 200
    return f'href="/deals/{slug}"' in response.get_data(as_text=True)


def test_a_deleted_shipment_no_longer_finds_its_deal_and_a_restored_one_does(app):
    def build(s):
        pak, usa = make_country(s, "PAK", "Pakistan"), make_country(s, "USA", "United States")
        deal = make_deal(s, title="Offtake agreement")
        for description in ("Quokka concentrate", "Wombat ore"):
            make_shipment(s, origin=pak, destination=usa, deal_id=deal.id, description=description)
        return deal.slug

    deal = _with_session(app, build)
    editor, reader = _editor(app), app.test_client()
    assert _deal_found(reader, "quokka", deal) and _deal_found(reader, "wombat", deal)

    url = "/shipments/" + _with_session(
        app,
        lambda s: s.exec(
            select(Shipment.slug).where(Shipment.description.startswith("Quokka"))
        ).one(),
    )
    response = post_form(editor, f"{url}/delete", {}, form_url=f"{url}/history")
    assert response.status_code == 302
    assert not _deal_found(reader, "quokka", deal)
    assert _deal_found(reader, "wombat", deal)  # the deal's live shipment still finds it
    assert_in_step(app)

    created = _with_session(
        app,
        lambda s: writer.history(s, s.exec(select(Shipment).where(Shipment.deleted)).one())[0].id,
    )
    response = post_form(editor, f"{url}/revert/{created}", {}, form_url=f"{url}/history")
    assert response.status_code == 302
    assert _deal_found(reader, "quokka", deal)
    assert_in_step(app)


def test_event_and_shipment_lists_name_no_deleted_deal(app):
    """An event and a shipment outlive their deleted deal on the pages that select them
    otherwise (a party the event names, the shipment's commodity): they are listed there
    without the deal's title or link, as their own pages show no deal."""

    def build(s):
        pak, usa = make_country(s, "PAK", "Pakistan"), make_country(s, "USA", "United States")
        make_commodity(s)
        party = make_party(s, name="Quokka Metals")
        deal = make_deal(s, title="Quokka offtake", links={"parties": [[party.slug, "buyer"]]})
        items = {"items": [{"commodity": "antimony"}]}
        shipment = make_shipment(s, origin=pak, destination=usa, deal_id=deal.id, links=items)
        event = make_event(
            s,
            deal_id=deal.id,
            shipment_id=shipment.id,
            summary="First cargo landed.",
            links={"parties": [party.slug]},
        )
        return deal.slug, party.slug, event.slug, shipment.slug

    deal, party, event, shipment = _with_session(app, build)
    reader = app.test_client()
    # Each lists the event or the shipment (or both) before and after the deal is deleted.
    event, shipment = f"/events/{event}", f"/shipments/{shipment}"
    listing = {
        f"/parties/{party}": [event],
        "/commodities/antimony": [event, shipment],
        "/timeline": [event],
        "/shipments": [shipment],
    }
    for url in listing:  # cached as they are now, naming the deal
        assert "Quokka offtake" in reader.get(url).get_data(as_text=True), url

    editor = _editor(app)
    response = post_form(editor, f"/deals/{deal}/delete", {}, form_url=f"/deals/{deal}/history")
    assert response.status_code == 302
    for url, rows in listing.items():
        html = reader.get(url).get_data(as_text=True)
        assert all(f'href="{row}"' in html for row in rows), url
        assert "Quokka offtake" not in html and f'href="/deals/{deal}"' not in html, url
