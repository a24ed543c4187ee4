"""Record pages are emptied only by writes to what they show: a write to one deal leaves every
other deal, shipment and event page cached, and no cached page ever differs from the page
computed afresh after any kind of write (tracker/cache/scopes.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select, union

from tests.helpers import post_form
from tracker import db
from tracker.cache import EXTENSION
from tracker.models import (
    Citation,
    Commitment,
    Commodity,
    Deal,
    DealCommodity,
    DealParty,
    DealStatusChange,
    Event,
    EventParty,
    Party,
    Shipment,
    ShipmentItem,
    Source,
)
from tracker.records.links import write_links


def record_pages(app) -> list[str]:
    """Every live deal, shipment and event page of the database."""
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        return [
            f"/{kind}/{slug}"
            for kind, model in (("deals", Deal), ("shipments", Shipment), ("events", Event))
            for slug in s.scalars(select(model.slug).where(~model.deleted).order_by(model.id))
        ]


def aggregate_pages(app) -> list[str]:
    """The page of every party that is not a country, or a country some party is based in or
    some record names, and of every commodity some record names and the groups above them (the
    other pages are empty, and stay so under the writes below)."""
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        based = select(Party.country_iso3).where(Party.country_iso3.is_not(None))
        named = select(Party.iso3).where(
            Party.id.in_(
                union(
                    select(DealParty.party_id),
                    select(Shipment.origin_id),
                    select(Shipment.destination_id),
                    select(EventParty.party_id),
                )
            )
        )
        parties = s.scalars(
            select(Party.slug)
            .where(
                ~Party.deleted,
                (Party.kind != "country") | Party.iso3.in_(based) | Party.iso3.in_(named),
            )
            .order_by(Party.id)
        )
        used = union(
            select(DealCommodity.commodity_id),
            select(ShipmentItem.commodity_id),
            select(Commitment.commodity_id),
        )
        parents = select(Commodity.parent_id).where(Commodity.id.in_(used))
        commodities = s.scalars(
            select(Commodity.slug)
            .where(Commodity.id.in_(used) | Commodity.id.in_(parents))
            .order_by(Commodity.id)
        )
        return [f"/parties/{p}" for p in parties] + [f"/commodities/{c}" for c in commodities]


def fetch(client, paths: list[str]) -> dict[str, str]:
    pages = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        pages[path] = response.get_data(as_text=True)
    return pages


def misses(app) -> int:
    return app.extensions[EXTENSION].misses


def write(app, change: Callable) -> None:
    """CHANGE(session) in one transaction through the app's own sessions (so the data version
    and page tokens change as the app's forms would change them)."""
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        change(s)


def first(s, model, *where):
    return s.scalars(select(model).where(*where).order_by(model.id)).first()


def _deal_with_shipment(s) -> Deal:
    shipment = first(s, Shipment, Shipment.deal_id.is_not(None))
    return s.get(Deal, shipment.deal_id)


def retitle_deal(s):
    _deal_with_shipment(s).title = "Retitled deal"


def revalue_deal(s):
    deal = _deal_with_shipment(s)
    deal.value_amount, deal.value_currency = 987654321, "USD"


def describe_shipment(s):
    first(s, Shipment).description = "Redescribed shipment"


def change_item(s):
    item = first(s, ShipmentItem)
    item.quantity = (item.quantity or 0) + 17


def move_shipment(s):
    shipment = first(s, Shipment, Shipment.deal_id.is_not(None))
    other = first(s, Deal, Deal.id != shipment.deal_id, ~Deal.deleted)
    shipment.deal_id = other.id


def resummarise_event(s):
    first(s, Event, Event.deal_id.is_not(None)).summary = "Resummarised event"


def add_event_party(s):
    event = first(s, Event, Event.deal_id.is_not(None))
    taken = set(s.scalars(select(EventParty.party_id).where(EventParty.event_id == event.id)))
    party = first(s, Party, Party.id.not_in(taken or {0}))
    s.add(EventParty(event_id=event.id, party_id=party.id))


def add_deal_party(s):
    deal = first(s, Deal)
    taken = set(s.scalars(select(DealParty.party_id).where(DealParty.deal_id == deal.id)))
    party = first(s, Party, Party.id.not_in(taken or {0}))
    s.add(DealParty(deal_id=deal.id, party_id=party.id, role="buyer"))


def relink_deal(s):
    """The form's way: the deal's parties and commodities replaced in one statement each."""
    deal = _deal_with_shipment(s)
    party = first(s, Party, Party.kind == "company")
    write_links(s, deal, {"parties": [(party.slug, "buyer")], "commodities": ["antimony"]})


def unlink_event(s):
    """An event's parties all removed: one DELETE statement and nothing added."""
    event = first(s, Event, Event.id.in_(select(EventParty.event_id)), Event.deal_id.is_not(None))
    write_links(s, event, {"parties": []})


def cite_event(s):
    event = first(s, Event, Event.deal_id.is_not(None))
    source = first(s, Source)
    s.add(Citation(source_id=source.id, record_type="event", record_id=event.id, field="date"))


def uncite(s):
    s.delete(first(s, Citation, Citation.record_type == "shipment"))


def recommit(s):
    first(s, Commitment).summary = "Recommitted"


def restatus(s):
    first(s, DealStatusChange).note = "Status note rewritten"


def rename_party(s):
    party = s.get(Party, s.scalars(select(DealParty.party_id).order_by(DealParty.id)).first())
    party.name = "Renamed Party"


def rename_commodity(s):
    first(s, Commodity, Commodity.slug == "antimony").name = "Renamed antimony"


def retitle_source(s):
    first(s, Source).title = "Retitled source"


def delete_deal(s):
    _deal_with_shipment(s).deleted = True


WRITES = [
    retitle_deal,
    revalue_deal,
    describe_shipment,
    change_item,
    move_shipment,
    resummarise_event,
    add_event_party,
    add_deal_party,
    relink_deal,
    unlink_event,
    cite_event,
    uncite,
    recommit,
    restatus,
    rename_party,
    rename_commodity,
    retitle_source,
    delete_deal,
]


@pytest.mark.parametrize("change", WRITES, ids=lambda c: c.__name__)
def test_no_cached_record_page_differs_from_a_fresh_one_after_a_write(seeded_app, change):
    client = seeded_app.test_client()
    paths = record_pages(seeded_app)
    before = fetch(client, paths)  # every page cached
    write(seeded_app, change)
    served = fetch(client, paths)
    seeded_app.extensions[EXTENSION].clear()
    fresh = fetch(client, paths)
    stale = [path for path in paths if served[path] != fresh[path]]
    assert stale == []
    # The write shows on some record page: "nothing stale" is not met by a write shown nowhere.
    assert any(fresh[path] != before[path] for path in paths)


def company_on_shipment_deal(s):
    """A company on a shipment's deal that is not at either end of the shipment: its page
    selects the shipment (and the shipment's events) through the deal only."""
    shipment = first(s, Shipment, Shipment.deal_id.is_not(None))
    ends = {shipment.origin_party_id, shipment.destination_party_id}
    taken = set(s.scalars(select(DealParty.party_id).where(DealParty.deal_id == shipment.deal_id)))
    party = first(s, Party, Party.kind == "company", Party.id.not_in((taken | ends) - {None}))
    s.add(DealParty(deal_id=shipment.deal_id, party_id=party.id, role="investor"))


def _event_on(s, slug: str, shipment: Shipment, deal_id: int | None) -> None:
    s.add(
        Event(
            slug=slug,
            date=date(2026, 1, 5),
            date_precision="day",
            kind="other",
            summary=f"Event {slug}",
            deal_id=deal_id,
            shipment_id=shipment.id,
        )
    )


def shipment_only_event(s):
    """An event that names a shipment and no deal: shown where its shipment's deal is."""
    _event_on(s, "shipment-only-event", first(s, Shipment, Shipment.deal_id.is_not(None)), None)


def resummarise_shipment_only_event(s):
    first(s, Event, Event.slug == "shipment-only-event").summary = "Resummarised, no deal"


def cross_deal_event(s):
    """An event under one deal naming a shipment of another deal."""
    shipment = first(s, Shipment, Shipment.deal_id.is_not(None))
    other = first(s, Deal, Deal.id != shipment.deal_id, ~Deal.deleted)
    _event_on(s, "cross-deal-event", shipment, other.id)


def retitle_cross_deal(s):
    """The title of the event's deal shows where the event's shipment is selected."""
    event = first(s, Event, Event.slug == "cross-deal-event")
    s.get(Deal, event.deal_id).title = "Retitled cross deal"


# Writes of every kind that place their pages, for the party and commodity pages (slower to
# fetch than record pages: one database, the writes one after another, the same oracle).
AGGREGATE_WRITES = [
    company_on_shipment_deal,
    shipment_only_event,
    resummarise_shipment_only_event,
    cross_deal_event,
    retitle_cross_deal,
    revalue_deal,
    change_item,
    move_shipment,
    add_event_party,
    add_deal_party,
    relink_deal,
    unlink_event,
    delete_deal,
]


def test_no_cached_party_or_commodity_page_differs_from_a_fresh_one(seeded_app):
    client = seeded_app.test_client()
    paths = aggregate_pages(seeded_app)
    before = fetch(client, paths)
    for change in AGGREGATE_WRITES:
        write(seeded_app, change)
        served = fetch(client, paths)
        seeded_app.extensions[EXTENSION].clear()
        fresh = fetch(client, paths)  # and cached again, for the next write
        stale = [path for path in paths if served[path] != fresh[path]]
        assert (change.__name__, stale) == (change.__name__, [])
        changed = [path for path in paths if fresh[path] != before[path]]
        assert changed, f"{change.__name__} showed on no party or commodity page"
        before = fresh


@pytest.mark.parametrize(
    "change",
    [
        retitle_deal,
        revalue_deal,
        describe_shipment,
        change_item,
        resummarise_event,
        cite_event,
        relink_deal,
        unlink_event,
    ],
)
def test_a_write_to_one_deal_leaves_the_other_record_pages_cached(seeded_app, change):
    client = seeded_app.test_client()
    paths = record_pages(seeded_app)
    fetch(client, paths)
    write(seeded_app, change)
    before = misses(seeded_app)
    fetch(client, paths)
    recomputed = misses(seeded_app) - before
    assert 1 <= recomputed <= len(paths) // 3, (recomputed, len(paths))


def test_a_party_rename_empties_every_record_page(seeded_app):
    client = seeded_app.test_client()
    paths = record_pages(seeded_app)
    fetch(client, paths)
    write(seeded_app, rename_party)
    before = misses(seeded_app)
    pages = fetch(client, paths)
    assert misses(seeded_app) - before == len(paths)
    assert any("Renamed Party" in html for html in pages.values())


def test_a_value_edit_through_the_form_shows_at_once_and_leaves_other_deals_cached(
    seeded_app, editor
):
    reader = seeded_app.test_client()
    paths = record_pages(seeded_app)
    fetch(reader, paths)
    slug = paths[0].removeprefix("/deals/")
    form = editor.get(f"/deals/{slug}/edit").get_data(as_text=True)
    assert "value_amount" in form
    from tests.test_editing import _as_post
    from tracker.curation.kinds import deal_form_data

    with seeded_app.app_context(), db.unit_of_work(db.engine()) as s:
        data = deal_form_data(s, s.scalars(select(Deal).where(Deal.slug == slug)).one())
    data |= {"value_amount": "123456789", "value_currency": "USD", "value_undisclosed": False}
    response = post_form(editor, f"/deals/{slug}/edit", _as_post(data))
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    before = misses(seeded_app)
    pages = fetch(reader, paths)
    assert "123,456,789" in pages[paths[0]]
    assert misses(seeded_app) - before <= len(paths) // 3


def test_a_cached_record_page_costs_one_statement(seeded_app):
    """A cached record page reads the data version and its own page token in one statement
    (one round trip on PostgreSQL), and a record that is not there is still a 404."""
    from sqlalchemy import event

    client = seeded_app.test_client()
    with seeded_app.app_context():
        slugs = {
            "deals": db.get_session().scalars(select(Deal.slug)).first(),
            "shipments": db.get_session().scalars(select(Shipment.slug)).first(),
            "parties": "pakistan",
        }
        engine = db.engine()
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_rest):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        for kind, slug in slugs.items():
            assert client.get(f"/{kind}/{slug}").status_code == 200
            statements.clear()
            assert client.get(f"/{kind}/{slug}").status_code == 200
            assert len(statements) == 1, (kind, statements)
        assert client.get("/deals/no-such-deal").status_code == 404
    finally:
        event.remove(engine, "before_cursor_execute", count)
