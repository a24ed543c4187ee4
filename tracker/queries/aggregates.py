"""Aggregates for the charts: every sum and count is a GROUP BY in SQL, returning a few plain rows
(one per commodity, country, month or deal shown), never the records themselves."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, case, distinct, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from tracker.filters import Filter
from tracker.models import Commodity, Deal, DealCommodity, DealParty, Party, Shipment, ShipmentItem
from tracker.queries.conditions import deal_conditions, shipment_conditions
from tracker.vocab import NON_PARTY_ROLES

# The queries below alias the tables they join: the Filter's subqueries (EXISTS over
# deal_commodity, shipment_item...) use the plain tables and would otherwise correlate with the
# outer query and lose their FROM.
Com = aliased(Commodity)
PartyA = aliased(Party)
DC = aliased(DealCommodity)
Item = aliased(ShipmentItem)

# The deals a promised-vs-delivered chart can show readably, largest promise first.
MAX_DELIVERY_DEALS = 15
# Sankey links beyond this many make an unreadable hairball; the smallest are left out (and said).
MAX_FLOW_LINKS = 60


@dataclass(frozen=True)
class ValueRow:
    """Announced deal value for one group: the USD sum and what it leaves out."""

    key: str
    label: str
    usd: Decimal
    with_usd: int
    undisclosed: int
    unconverted: int
    deals: int

    @property
    def without_value(self) -> int:
        """Deals in the group with no value reported at all."""
        return self.deals - self.with_usd - self.undisclosed - self.unconverted


def _value_columns():
    """Sum and counts over Deal rows: USD known, undisclosed, amount without USD, all."""
    return (
        func.coalesce(func.sum(Deal.value_usd), 0),
        func.count(Deal.value_usd),
        func.count(case((Deal.value_undisclosed.is_(True), 1))),
        func.count(case((and_(Deal.value_amount.is_not(None), Deal.value_usd.is_(None)), 1))),
        func.count(distinct(Deal.id)),
    )


def _value_rows(rows) -> list[ValueRow]:
    return [ValueRow(k, label or k, Decimal(usd or 0), *counts) for k, label, usd, *counts in rows]


def values_by_commodity(session: Session, f: Filter) -> list[ValueRow]:
    """Announced value per commodity; a deal covering several counts in full under each."""
    rows = session.execute(
        select(Com.slug, Com.name, *_value_columns())
        .join(DC, DC.commodity_id == Com.id)
        .join(Deal, Deal.id == DC.deal_id)
        .where(*deal_conditions(f))
        .group_by(Com.slug, Com.name)
        .order_by(func.coalesce(func.sum(Deal.value_usd), 0).desc(), Com.name)
    ).all()
    return _value_rows(rows)


def values_by_country(session: Session, f: Filter) -> list[ValueRow]:
    """Announced value per country taking part (itself, or a party based there), once per deal."""
    iso = func.coalesce(PartyA.iso3, PartyA.country_iso3)
    pairs = (
        select(DealParty.deal_id.label("deal_id"), iso.label("iso"))
        .join(PartyA, PartyA.id == DealParty.party_id)
        .where(DealParty.role.not_in(NON_PARTY_ROLES), iso.is_not(None))
        .distinct()
        .subquery()
    )
    country = aliased(Party)
    rows = session.execute(
        select(pairs.c.iso, func.max(country.name), *_value_columns())
        .join(Deal, Deal.id == pairs.c.deal_id)
        .outerjoin(country, country.iso3 == pairs.c.iso)
        .where(*deal_conditions(f))
        .group_by(pairs.c.iso)
        .order_by(func.coalesce(func.sum(Deal.value_usd), 0).desc(), pairs.c.iso)
    ).all()
    return _value_rows(rows)


def _deal_date():
    """The date a deal's value counts from: announced, else signed, else its first date."""
    return func.coalesce(Deal.announced_on, Deal.signed_on, Deal.first_date)


def values_by_quarter(session: Session, f: Filter) -> list[ValueRow]:
    """Announced value per quarter (key 2025-Q3), oldest first; undated deals key ''."""
    when = _deal_date()
    year, month = func.extract("year", when), func.extract("month", when)
    rows = session.execute(
        select(year, month, *_value_columns())
        .where(*deal_conditions(f))
        .group_by(year, month)
        .order_by(year, month)
    ).all()
    quarters: dict[str, list] = {}
    for y, m, usd, *counts in rows:
        # Months fold into quarters here: at most 12 rows a year, already summed in SQL.
        key = f"{int(y):04d}-Q{(int(m) - 1) // 3 + 1}" if y is not None else ""
        acc = quarters.setdefault(key, [Decimal(0), 0, 0, 0, 0])
        acc[0] += Decimal(usd or 0)
        for i, n in enumerate(counts, start=1):
            acc[i] += n
    return [ValueRow(k, k or "date not known", *v) for k, v in quarters.items()]


def value_bases(session: Session, f: Filter) -> list[tuple[str, int]]:
    """How the USD figures were reached (the basis) and how many deals each."""
    rows = session.execute(
        select(Deal.value_usd_basis, func.count())
        .where(*deal_conditions(f), Deal.value_usd.is_not(None))
        .group_by(Deal.value_usd_basis)
        .order_by(func.count().desc())
    ).all()
    return [(basis or "basis not recorded", n) for basis, n in rows]


@dataclass(frozen=True)
class DeliveryRow:
    """One deal's promise (headline value) against the shipments recorded under it."""

    slug: str
    title: str
    promised_usd: Decimal | None
    promised_undisclosed: bool
    shipments: int
    items: int
    delivered_usd: Decimal
    items_with_usd: int
    quantities: tuple[tuple[str, str, Decimal], ...] = ()


def _shipment_totals(f: Filter):
    """Per deal: shipments the Filter selects, their items, and the USD value known."""
    return (
        select(
            Shipment.deal_id.label("deal_id"),
            func.count(distinct(Shipment.id)).label("shipments"),
            func.count(Item.id).label("n_items"),
            func.coalesce(func.sum(Item.value_usd), 0).label("usd"),
            func.count(Item.value_usd).label("with_usd"),
        )
        .outerjoin(Item, Item.shipment_id == Shipment.id)
        .where(*shipment_conditions(f), Shipment.deal_id.is_not(None))
        .group_by(Shipment.deal_id)
        .subquery()
    )


def delivery_by_deal(session: Session, f: Filter) -> list[DeliveryRow]:
    """The deals with a promise or a shipment, largest promise first (at most a chart's worth)."""
    totals = _shipment_totals(f)
    rows = session.execute(
        select(
            Deal.id,
            Deal.slug,
            Deal.title,
            Deal.value_usd,
            Deal.value_undisclosed,
            func.coalesce(totals.c.shipments, 0),
            func.coalesce(totals.c.n_items, 0),
            func.coalesce(totals.c.usd, 0),
            func.coalesce(totals.c.with_usd, 0),
        )
        .outerjoin(totals, totals.c.deal_id == Deal.id)
        .where(
            *deal_conditions(f),
            (Deal.value_usd.is_not(None)) | (totals.c.shipments > 0) | Deal.value_undisclosed,
        )
        .order_by(Deal.value_usd.desc().nulls_last(), totals.c.shipments.desc().nulls_last())
        .limit(MAX_DELIVERY_DEALS)
    ).all()
    quantities = _quantities(session, f, [r[0] for r in rows])
    return [
        DeliveryRow(
            slug,
            title,
            usd,
            bool(undisclosed),
            n,
            items,
            Decimal(d or 0),
            with_usd,
            tuple(quantities.get(deal_id, ())),
        )
        for deal_id, slug, title, usd, undisclosed, n, items, d, with_usd in rows
    ]


def _quantities(session: Session, f: Filter, deal_ids: list[int]) -> dict[int, list]:
    """{deal id: [(commodity, unit, quantity)]} summed in SQL for the deals shown."""
    if not deal_ids:
        return {}
    out: dict[int, list] = {}
    for deal_id, name, unit, qty in session.execute(
        select(Shipment.deal_id, Com.name, Item.unit, func.sum(Item.quantity))
        .join(Item, Item.shipment_id == Shipment.id)
        .join(Com, Com.id == Item.commodity_id)
        .where(*shipment_conditions(f), Shipment.deal_id.in_(deal_ids))
        .where(Item.quantity.is_not(None))
        .group_by(Shipment.deal_id, Com.name, Item.unit)
        .order_by(Com.name)
    ).all():
        out.setdefault(deal_id, []).append((name, unit or "", Decimal(qty)))
    return out


def delivery_overall(session: Session, f: Filter) -> DeliveryRow:
    """All deals the Filter selects: total promised against all shipments under them."""
    totals = _shipment_totals(f)
    promised, undisclosed = session.execute(
        select(
            func.sum(Deal.value_usd), func.count(case((Deal.value_undisclosed.is_(True), 1)))
        ).where(*deal_conditions(f))
    ).one()
    n, items, usd, with_usd = session.execute(
        select(
            func.coalesce(func.sum(totals.c.shipments), 0),
            func.coalesce(func.sum(totals.c.n_items), 0),
            func.coalesce(func.sum(totals.c.usd), 0),
            func.coalesce(func.sum(totals.c.with_usd), 0),
        ).where(totals.c.deal_id.in_(select(Deal.id).where(*deal_conditions(f))))
    ).one()
    return DeliveryRow(
        "",
        "All deals",
        promised,
        bool(undisclosed),
        int(n),
        int(items),
        Decimal(usd),
        int(with_usd),
    )


@dataclass(frozen=True)
class FlowRow:
    """Shipments from one country to another carrying one commodity."""

    origin: str
    commodity: str
    destination: str
    shipments: int


def flows(session: Session, f: Filter) -> tuple[list[FlowRow], int]:
    """Origin country -> commodity -> destination country, by number of shipments; the largest
    MAX_FLOW_LINKS, and how many there are in all."""
    origin, destination = aliased(Party), aliased(Party)
    n = func.count(distinct(Shipment.id))
    query = (
        select(origin.name, Com.name, destination.name, n)
        .join(Item, Item.shipment_id == Shipment.id)
        .join(Com, Com.id == Item.commodity_id)
        .join(origin, origin.id == Shipment.origin_id)
        .join(destination, destination.id == Shipment.destination_id)
        .where(*shipment_conditions(f))
        .group_by(origin.name, Com.name, destination.name)
    )
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.execute(
        query.order_by(n.desc(), origin.name, Com.name).limit(MAX_FLOW_LINKS)
    ).all()
    return [FlowRow(*r) for r in rows], total or 0
