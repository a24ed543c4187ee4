"""Facet queries rewritten for speed at scale count what the plain queries count: the same
values, in the same order, with the same numbers, on the seed and on demo data, under every
kind of Filter (shipment kind and status; deal commodity, kind and status; the timeline's
commodity and country)."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import distinct, false, func, select, union
from werkzeug.datastructures import MultiDict

from tracker import db
from tracker.models import (
    Commodity,
    Deal,
    DealCommodity,
    DealParty,
    Event,
    EventParty,
    Party,
    Shipment,
    ShipmentItem,
)
from tracker.queries import event_facets, facets, shipment_facets
from tracker.queries.conditions import deal_conditions, event_conditions
from tracker.queries.filters import Filter
from tracker.records.vocab import NON_PARTY_ROLES

QUERIES = [
    "",
    "q=cobalt",
    "q=pakistan+antimony",
    "q=samples",
    "country=PAK",
    "country=USA&country=CHN",
    "commodity=antimony",
    "commodity=rare-earth-elements",
    "party=us-strategic-metals",
    "kind=mou",
    "status=signed&q=antimony",
    "event_kind=shipment_dispatched",
    "from=2025-01&to=2025-12",
]


def _plain_deals(f: Filter, column):
    """The kind and status facets as they were: an IN over a second pass of the selection."""
    selected = select(Shipment.id).where(*shipment_facets.shipment_conditions(f))
    return (
        select(column, column, func.count(distinct(Shipment.id)))
        .join(Deal, Deal.id == Shipment.deal_id)
        .where(Shipment.id.in_(selected))
        .group_by(column)
    )


def _plain_deal_facets(f: Filter) -> dict[str, object]:
    """The deal facets as they were: COUNT DISTINCT over an IN of the selection."""
    selected = select(Deal.id).where(*deal_conditions(f)).scalar_subquery()
    return {
        "commodity": select(
            Commodity.slug, Commodity.name, func.count(distinct(DealCommodity.deal_id))
        )
        .join(DealCommodity, DealCommodity.commodity_id == Commodity.id)
        .where(DealCommodity.deal_id.in_(selected))
        .group_by(Commodity.slug, Commodity.name),
        **{
            name: select(column, column, func.count(distinct(Deal.id)))
            .where(Deal.id.in_(selected))
            .group_by(column)
            for name, column in (("kind", Deal.kind), ("status", Deal.status))
        },
    }


def _plain_event_facets(f: Filter) -> dict[str, object]:
    """The timeline's commodity and country facets as they were: a union of (event, value)
    pairs over every route, then distinct events per value."""
    selected = select(Event.id).where(*event_conditions(f))
    commodities = union(
        select(Event.id.label("event_id"), DealCommodity.commodity_id.label("value"))
        .join(Deal, Deal.id == Event.deal_id)
        .join(DealCommodity, DealCommodity.deal_id == Event.deal_id)
        .where(Event.id.in_(selected), Deal.deleted == false()),
        select(Event.id, ShipmentItem.commodity_id)
        .join(Shipment, Shipment.id == Event.shipment_id)
        .join(ShipmentItem, ShipmentItem.shipment_id == Event.shipment_id)
        .where(Event.id.in_(selected), Shipment.deleted == false()),
    ).subquery()
    code = func.coalesce(Party.iso3, Party.country_iso3)
    parties = union(
        select(Event.id.label("event_id"), DealParty.party_id.label("party_id"))
        .join(Deal, Deal.id == Event.deal_id)
        .join(DealParty, DealParty.deal_id == Event.deal_id)
        .where(Event.id.in_(selected), DealParty.role.not_in(NON_PARTY_ROLES),
               Deal.deleted == false()),
        *(select(Event.id, end).join(Shipment, Shipment.id == Event.shipment_id)
          .where(Event.id.in_(selected), Shipment.deleted == false())
          for end in (Shipment.origin_id, Shipment.destination_id)),
        select(EventParty.event_id, EventParty.party_id).where(EventParty.event_id.in_(selected)),
    ).subquery()  # fmt: skip
    return {
        "commodity": select(
            Commodity.slug, Commodity.name, func.count(distinct(commodities.c.event_id))
        )
        .join(commodities, commodities.c.value == Commodity.id)
        .group_by(Commodity.slug, Commodity.name),
        "country": select(code, code, func.count(distinct(parties.c.event_id)))
        .join(parties, parties.c.party_id == Party.id)
        .where(code.is_not(None))
        .group_by(code),
    }


def _plain_shipment_facets(f: Filter) -> dict[str, object]:
    return {name: _plain_deals(f, column) for name, column in (("kind", Deal.kind),
                                                              ("status", Deal.status))}  # fmt: skip


def _compare(app) -> None:
    builders = {
        "shipments": (_plain_shipment_facets,
                      {"kind": lambda f: shipment_facets._deals(f, Deal.kind),
                       "status": lambda f: shipment_facets._deals(f, Deal.status)}),
        "deals": (_plain_deal_facets, {"commodity": facets._deal_commodities,
                                       "kind": lambda f: facets._deal_column(f, Deal.kind),
                                       "status": lambda f: facets._deal_column(f, Deal.status)}),
        "events": (_plain_event_facets, {"commodity": event_facets._commodities,
                                         "country": event_facets._countries}),
    }  # fmt: skip
    with app.app_context():
        session = db.get_session()
        found = 0
        for query in QUERIES:
            f = Filter.from_args(MultiDict([p.split("=") for p in query.split("&") if p]))
            for kind, (plain, fast) in builders.items():
                for name, build in fast.items():
                    g = replace(f, **{name: ()}) if kind != "shipments" else f
                    rows = sorted((a, b, int(n)) for a, b, n in session.execute(build(g)))
                    expected = sorted(tuple(r) for r in session.execute(plain(g)[name]))
                    assert rows == expected, (kind, name, query)
                    found += len(rows)
        assert found


def test_fast_facets_count_as_the_plain_queries_on_the_seed(seeded_app):
    _compare(seeded_app)


def test_fast_facets_count_as_the_plain_queries_on_demo_data(app):
    args = ["demo-data", "--deals", "12", "--shipments", "150", "--seed", "5"]
    assert app.test_cli_runner().invoke(args=args).exit_code == 0
    _compare(app)
