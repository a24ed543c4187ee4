"""One Core SELECT per export, built from the Filter with the pages' own WHERE clauses."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Select, String, and_, case, cast, func, literal, or_, select
from sqlalchemy.orm import aliased

from tracker.export import commitments as export_commitments
from tracker.export import sql
from tracker.export.columns import KINDS
from tracker.models import (
    Citation,
    Commodity,
    Deal,
    DealCommodity,
    DealParty,
    Event,
    EventParty,
    Party,
    Shipment,
    ShipmentItem,
    Source,
)
from tracker.queries import sorting
from tracker.queries.conditions import deal_conditions, event_conditions, shipment_conditions
from tracker.queries.filters import Filter
from tracker.records import vocab

QUANTITY_PLACES = 4


def deals(f: Filter, dialect: str) -> Select:
    """deals.csv: one row per deal the Filter selects, oldest id first."""
    role = sql.labelled(DealParty.role, vocab.ROLES)
    return (
        select(
            Deal.slug,
            Deal.title,
            Deal.kind,
            Deal.status,
            Deal.summary,
            *sql.dated(Deal, "announced"),
            *sql.dated(Deal, "signed"),
            *sql.dated(Deal, "effective"),
            *sql.dated(Deal, "ended"),
            _deal_commodities(Commodity.name, dialect).label("commodities"),
            _deal_parties(Party.name + " (" + role + ")", dialect).label("parties"),
            *sql.money(Deal, dialect),
            _deal_commodities(Commodity.slug, dialect).label("commodity_slugs"),
            _deal_parties(Party.slug, dialect, distinct=True).label("party_slugs"),
        )
        .where(*deal_conditions(f))
        .order_by(Deal.id)
    )


def _deal_commodities(value, dialect: str):
    """VALUE (a Commodity column) of each commodity of the outer deal, joined by '; '."""
    return sql.joined(
        value,
        from_=(DealCommodity, Commodity),
        where=(DealCommodity.deal_id == Deal.id, Commodity.id == DealCommodity.commodity_id),
        outer=Deal,
        dialect=dialect,
    )


def _deal_parties(value, dialect: str, *, distinct: bool = False):
    """VALUE (built from Party and DealParty) of each party of the outer deal, joined by '; ';
    DISTINCT lists a party with several roles once (VALUE from Party alone)."""
    in_deal = (DealParty.deal_id == Deal.id, DealParty.role.not_in(vocab.NON_PARTY_ROLES))
    if distinct:
        # Correlated to the outer deal by name: the IN sits inside the joined subquery, and
        # left to itself it took the deal table into its own FROM (every deal's parties).
        members = Party.id.in_(select(DealParty.party_id).where(*in_deal).correlate(Deal))
        return sql.joined(value, from_=(Party,), where=(members,), outer=Deal, dialect=dialect)
    return sql.joined(
        value,
        from_=(DealParty, Party),
        where=(*in_deal, Party.id == DealParty.party_id),
        outer=Deal,
        dialect=dialect,
    )


def shipments(f: Filter, dialect: str) -> Select:
    """shipments.csv: one row per item of each shipment the Filter selects (one for none)."""
    origin, destination = aliased(Party), aliased(Party)
    sender, receiver = aliased(Party), aliased(Party)
    # Aliases, so the Filter's own subqueries on these tables are not correlated to the joins.
    item, commodity, deal = aliased(ShipmentItem), aliased(Commodity), aliased(Deal)
    return (
        select(
            Shipment.slug.label("shipment_slug"),
            deal.slug.label("deal_slug"),
            origin.iso3.label("origin_iso3"),
            origin.name.label("origin"),
            sender.name.label("origin_party"),
            destination.iso3.label("destination_iso3"),
            destination.name.label("destination"),
            receiver.name.label("destination_party"),
            *sql.dated(Shipment, "dispatched"),
            *sql.dated(Shipment, "arrived"),
            Shipment.status,
            Shipment.description,
            item.id.label("item_id"),
            commodity.slug.label("commodity"),
            commodity.name.label("commodity_name"),
            sql.plain_decimal(item.quantity, QUANTITY_PLACES, dialect).label("quantity"),
            item.unit,
            item.grade,
            *sql.money(item, dialect),
            sender.slug.label("origin_party_slug"),
            receiver.slug.label("destination_party_slug"),
        )
        .select_from(Shipment)
        .join(origin, origin.id == Shipment.origin_id)
        .join(destination, destination.id == Shipment.destination_id)
        .outerjoin(sender, sender.id == Shipment.origin_party_id)
        .outerjoin(receiver, receiver.id == Shipment.destination_party_id)
        .outerjoin(deal, deal.id == Shipment.deal_id)
        .outerjoin(item, item.shipment_id == Shipment.id)
        .outerjoin(commodity, commodity.id == item.commodity_id)
        .where(*shipment_conditions(f))
        .order_by(Shipment.id, item.id)
    )


def events(f: Filter, dialect: str) -> Select:
    """events.csv: one row per event the Filter selects, oldest first."""
    deal, shipment = aliased(Deal), aliased(Shipment)  # see shipments()
    return (
        select(
            Event.slug,
            *sql.dated(Event, "date", "date"),
            Event.kind,
            Event.summary,
            deal.slug.label("deal_slug"),
            shipment.slug.label("shipment_slug"),
            sql.joined(
                Party.name,
                from_=(EventParty, Party),
                where=(EventParty.event_id == Event.id, Party.id == EventParty.party_id),
                outer=Event,
                dialect=dialect,
            ).label("parties"),
            sql.joined(
                Party.slug,
                from_=(EventParty, Party),
                where=(EventParty.event_id == Event.id, Party.id == EventParty.party_id),
                outer=Event,
                dialect=dialect,
            ).label("party_slugs"),
        )
        .outerjoin(deal, deal.id == Event.deal_id)
        .outerjoin(shipment, shipment.id == Event.shipment_id)
        .where(*event_conditions(f))
        .order_by(Event.date, Event.id)
    )


def source_types(f: Filter) -> tuple[str, ...]:
    """The source types the query string asks for (?source_type=news), checked by the view."""
    return tuple(v for k, v in f.extra if k == "source_type")


def _of_types(f: Filter):
    types = source_types(f)
    return [Source.source_type.in_(types)] if types else []


def cited(f: Filter):
    """Citations of the records the Filter selects; unfiltered, every citation of a live record."""
    selected = [
        and_(
            Citation.record_type == "deal",
            Citation.record_id.in_(select(Deal.id).where(*deal_conditions(f))),
        ),
        and_(
            Citation.record_type == "shipment",
            Citation.record_id.in_(select(Shipment.id).where(*shipment_conditions(f))),
        ),
        and_(
            Citation.record_type == "event",
            Citation.record_id.in_(select(Event.id).where(*event_conditions(f))),
        ),
    ]
    if not f.active:
        selected.append(Citation.record_type.in_(("party", "commodity")))
    return or_(*selected)


def _record_slug():
    """The slug of a citation's record, whatever its type."""
    models = {
        "deal": Deal,
        "shipment": Shipment,
        "event": Event,
        "party": Party,
        "commodity": Commodity,
    }
    whens = [
        (
            Citation.record_type == name,
            select(m.slug).where(m.id == Citation.record_id).scalar_subquery(),
        )
        for name, m in models.items()
    ]
    return case(*whens, else_=None)


def citations(f: Filter, dialect: str, disagreeing: Collection[int] = ()) -> Select:
    """citations.csv: one row per claim; DISAGREEING are the ids where sources disagree."""
    return (
        select(
            Citation.id.label("citation_id"),
            Citation.record_type,
            _record_slug().label("record"),
            Citation.field,
            Citation.value,
            Citation.quote,
            Source.url.label("source_url"),
            Source.publisher.label("source_publisher"),
            (
                sql.flag(Citation.id.in_(sorted(disagreeing)))
                if disagreeing
                else literal("false", String)
            ).label("sources_disagree"),
            *sql.typed_value(Citation.value, dialect),
            Source.id.label("source_id"),
            Source.source_type,
        )
        .join(Source, Source.id == Citation.source_id)
        .where(cited(f), *_of_types(f))
        .order_by(Citation.id)
    )


def sources(f: Filter, dialect: str) -> Select:
    """sources.csv: sources of the selected citations (every source when nothing is filtered)."""
    uses = (
        select(func.count())
        .select_from(Citation)
        .where(Citation.source_id == Source.id, cited(f))
        .scalar_subquery()
    )
    checked = func.substr(cast(Source.link_checked_at, String), 1, 10)
    stmt = select(
        Source.id,
        Source.url,
        Source.publisher,
        Source.title,
        Source.author,
        *sql.dated(Source, "published"),
        sql.iso_date(Source.retrieved_on).label("retrieved_on"),
        Source.language,
        Source.summary,
        sql.flag(Source.text.is_not(None)).label("text_kept"),
        uses.label("citation_count"),
        Source.source_type,
        Source.archive_url,
        Source.link_status,
        checked.label("link_checked_on"),
        sql.flag(Source.link_dead).label("link_dead"),
    ).order_by(Source.id)
    stmt = stmt.where(Source.deleted.is_(False), *_of_types(f))
    return stmt.where(uses > 0) if f.active else stmt


def parties(f: Filter, dialect: str) -> Select:
    """parties.csv: every live party (reference data: the Filter does not narrow it)."""
    return (
        select(
            Party.slug,
            Party.name,
            Party.kind,
            func.coalesce(Party.iso3, Party.country_iso3).label("country"),
            sql.json_list(Party, "aliases", dialect).label("aliases"),
        )
        .where(Party.deleted.is_(False))
        .order_by(Party.slug)
    )


def commodities(f: Filter, dialect: str) -> Select:
    """commodities.csv: every commodity (reference data: the Filter does not narrow it)."""
    return select(
        Commodity.slug,
        Commodity.name,
        Commodity.symbol,
        Commodity.group,
        sql.json_list(Commodity, "hs_codes", dialect).label("hs_codes"),
    ).order_by(Commodity.slug)


def deal_parties(f: Filter, dialect: str) -> Select:
    """deal_parties.csv: one row per party and role of each deal the Filter selects."""
    link, party = aliased(DealParty), aliased(Party)  # see shipments()
    return (
        select(Deal.slug.label("deal_slug"), party.slug.label("party_slug"), link.role)
        .join(link, link.deal_id == Deal.id)
        .join(party, party.id == link.party_id)
        .where(*deal_conditions(f))
        .order_by(Deal.id, party.slug, link.role)
    )


def deal_commodities(f: Filter, dialect: str) -> Select:
    """deal_commodities.csv: one row per commodity of each deal the Filter selects."""
    link, commodity = aliased(DealCommodity), aliased(Commodity)  # see shipments()
    return (
        select(Deal.slug.label("deal_slug"), commodity.slug.label("commodity_slug"))
        .join(link, link.deal_id == Deal.id)
        .join(commodity, commodity.id == link.commodity_id)
        .where(*deal_conditions(f))
        .order_by(Deal.id, commodity.slug)
    )


BUILDERS = {
    "deals": deals,
    "shipments": shipments,
    "events": events,
    "sources": sources,
    "citations": citations,
    "commitments": export_commitments.commitments,
    "status_history": export_commitments.status_history,
    "parties": parties,
    "commodities": commodities,
    "deal_parties": deal_parties,
    "deal_commodities": deal_commodities,
}


def statement(kind: str, f: Filter, dialect: str, *, disagreeing: Collection[int] = ()) -> Select:
    """The SELECT for KIND; its columns are exactly columns.KINDS[KIND], in order."""
    if kind == "citations":
        stmt = citations(f, dialect, disagreeing)
    else:
        stmt = BUILDERS[kind](f, dialect)
    if kind in sorting.SORTS and (f.sort or f.q):
        # The asked-for order first; the builder's own order breaks ties (items in a shipment).
        stmt = stmt.order_by(None).order_by(*sorting.order_by(kind, f), *stmt._order_by_clauses)
    names = [c.name for c in stmt.selected_columns]
    expected = [c.name for c in KINDS[kind]]
    assert names == expected, f"{kind}: {names} != {expected}"  # a programming error, not input
    return stmt
