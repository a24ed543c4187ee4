"""Commodities, parties and sources: lists with counts, and one record's page."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlmodel import Session

from tracker.models import (
    Citation,
    Commodity,
    Deal,
    DealCommodity,
    DealParty,
    Event,
    FacetCount,
    Party,
    Shipment,
    ShipmentItem,
    ShipmentTally,
    Source,
)
from tracker.queries import tallies
from tracker.queries.conditions import deal_conditions, event_conditions, shipment_conditions
from tracker.queries.filters import Filter
from tracker.records.vocab import NON_PARTY_ROLES
from tracker.summaries.facet_tally import DEALS
from tracker.summaries.tallies import ALL

# These lists read a Filter as "the records it selects": with one, they show only commodities,
# parties or sources of the selected deals (and shipments and events), counting those alone.
EVERYTHING = Filter()


def _deal_ids(f: Filter):
    return select(Deal.id).where(*deal_conditions(f))


def list_commodities(
    session: Session, f: Filter = EVERYTHING
) -> list[tuple[Commodity, int, int, Decimal | None]]:
    """Commodities with how many selected deals and shipments name them and the USD value of
    those deals (a deal of two commodities counts whole under each); with an active F, only
    those named by a selected deal or shipment."""
    deals = _deal_counts(session, f)
    items = _shipment_counts(session, f)
    commodities = session.execute(
        select(Commodity).order_by(Commodity.group, Commodity.name)
    ).scalars()
    rows = [(c, *deals.get(c.id, (0, None)), items.get(c.id, 0)) for c in commodities]
    rows = [(c, n, shipments, usd) for c, n, usd, shipments in rows]
    return [r for r in rows if r[1] or r[2]] if f.active else rows


def _deal_counts(session: Session, f: Filter) -> dict[int, tuple[int, Decimal | None]]:
    """{commodity id: (selected deals naming it, their USD sum or None)}."""
    if not f.active:
        slugs = dict(session.execute(select(Commodity.slug, Commodity.id)).all())
        kept = _kept(session, "commodity")
        return {slugs[slug]: sums for slug, sums in kept.items() if slug in slugs}
    query = (
        select(DealCommodity.commodity_id, func.count(), func.sum(Deal.value_usd))
        .join(Deal, Deal.id == DealCommodity.deal_id)
        .where(DealCommodity.deal_id.in_(_deal_ids(f)))
        .group_by(DealCommodity.commodity_id)
    )
    return {i: (n, usd) for i, n, usd in session.execute(query)}


def _kept(session: Session, facet: str) -> dict:
    """{value: (live deals counting under it, their USD sum or None)} of deal FACET, from
    facet_count (kept on write: a few hundred rows, where counting reads every deal's links);
    a party's value is its id."""
    C = FacetCount
    rows = session.execute(
        select(C.value, C.count, C.with_usd, C.usd_cents).where(C.list == DEALS, C.facet == facet)
    )
    read = int if facet == "party" else str
    return {
        read(value): (n, Decimal(cents) / 100 if with_usd else None)
        for value, n, with_usd, cents in rows
    }


def _shipment_counts(session: Session, f: Filter) -> dict[int, int]:
    """{commodity id: selected shipments carrying it}: from shipment_tally's rows over all
    shipments when it can answer F (a row per commodity pair), else over the items."""
    if tallies.answerable(f, by_deal=False, session=session):
        T = ShipmentTally
        among = T.among_id == T.commodity_id
        if f.commodity:
            among = (
                T.among_id
                == select(Commodity.id).where(Commodity.slug == f.commodity[0]).scalar_subquery()
            )
        query = (
            select(T.commodity_id, func.sum(T.shipments))
            .where(T.side == ALL, among)
            .group_by(T.commodity_id)
        )
        return {i: int(n) for i, n in session.execute(query).all()}
    query = select(
        ShipmentItem.commodity_id, func.count(func.distinct(ShipmentItem.shipment_id))
    ).group_by(ShipmentItem.commodity_id)
    shipment_ids = select(Shipment.id).where(*shipment_conditions(f))
    query = query.where(ShipmentItem.shipment_id.in_(shipment_ids))
    return dict(session.execute(query).all())


def get_by_slug(session: Session, model, slug: str):
    """The record of MODEL with SLUG, or None."""
    return session.scalars(select(model).where(model.slug == slug)).one_or_none()


def list_parties(
    session: Session, f: Filter = EVERYTHING, *, include_idle_countries: bool = False
) -> list[tuple[Party, int, Decimal | None]]:
    """Parties with the number of (selected) deals they are party to and those deals' USD
    value; countries only where they have one; with an active F, only parties of a selected
    deal."""
    counts = _party_counts(session, f) if f.active else _kept(session, "party")
    parties = session.execute(
        select(Party).where(Party.deleted.is_(False)).order_by(Party.kind, Party.name)
    ).scalars()
    if f.active:
        return [(p, *counts[p.id]) for p in parties if p.id in counts]
    parties = list(parties)
    # A country without a deal of its own is still listed when a deal names it as a witness
    # or critic, or a removed deal named it: asked for those countries alone.
    idle = [p.id for p in parties if p.kind == "country" and p.id not in counts]
    mentioned = set(
        session.scalars(select(DealParty.party_id).where(DealParty.party_id.in_(idle)).distinct())
        if idle and not include_idle_countries
        else ()
    )
    return [
        (p, *counts.get(p.id, (0, None)))
        for p in parties
        if include_idle_countries or p.kind != "country" or p.id in counts or p.id in mentioned
    ]


def _party_counts(session: Session, f: Filter) -> dict[int, tuple[int, Decimal | None]]:
    """{party id: (selected deals it takes part in, their USD sum or None)}."""
    # Each (party, deal) once: a party with two roles in one deal (buyer and signatory) has
    # one deal, and its value is summed once, not once per role.
    pairs = (
        select(DealParty.party_id, DealParty.deal_id)
        .where(DealParty.role.not_in(NON_PARTY_ROLES), DealParty.deal_id.in_(_deal_ids(f)))
        .distinct()
        .subquery()
    )
    query = (
        select(pairs.c.party_id, func.count(), func.sum(Deal.value_usd))
        .join(Deal, Deal.id == pairs.c.deal_id)
        .group_by(pairs.c.party_id)
    )
    return {i: (n, usd) for i, n, usd in session.execute(query)}


# What a row of /sources shows and sorts by (tracker/queries/list_sorts). Read as plain rows, not
# Source objects: every source is counted and sorted, and a whole Source carries its article text.
LISTED_COLUMNS = (
    Source.id,
    Source.title,
    Source.publisher,
    Source.published_on,
    Source.published_precision,
    Source.source_type,
    Source.summary,
    Source.url,
    Source.archive_url,
    Source.link_dead,
)


def list_sources(
    session: Session, f: Filter = EVERYTHING, types: tuple[str, ...] = ()
) -> list[tuple]:
    """Sources (LISTED_COLUMNS) with their number of citations, newest first; with an active F,
    only sources citing a selected deal, shipment or event, counting those citations; TYPES
    keeps sources of those types (vocab.SOURCE_TYPES)."""
    counts_query = select(Citation.source_id, func.count()).group_by(Citation.source_id)
    if f.active:
        counts_query = counts_query.where(_cites_selected(f))
    counts = dict(session.execute(counts_query).all())
    query = (
        select(*LISTED_COLUMNS)
        .where(Source.deleted.is_(False))
        .order_by(Source.published_on.desc().nulls_last(), Source.id)
    )
    if types:
        query = query.where(Source.source_type.in_(types))
    sources = session.execute(query)
    if f.active:
        return [(s, counts[s.id]) for s in sources if s.id in counts]
    return [(s, counts.get(s.id, 0)) for s in sources]


def _cites_selected(f: Filter) -> ColumnElement[bool]:
    """A citation of a deal, shipment or event that F selects."""
    kinds = (
        ("deal", _deal_ids(f)),
        ("shipment", select(Shipment.id).where(*shipment_conditions(f))),
        ("event", select(Event.id).where(*event_conditions(f))),
    )
    return or_(
        *(and_(Citation.record_type == kind, Citation.record_id.in_(ids)) for kind, ids in kinds)
    )
