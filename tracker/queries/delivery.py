"""Promised against delivered: deals' headline values beside the shipments recorded under them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import case, exists, func, or_, select
from sqlmodel import Session

from tracker.models import Deal, Shipment
from tracker.queries import tallies
from tracker.queries.aggregates import Com, Item
from tracker.queries.conditions import deal_conditions, shipment_conditions
from tracker.queries.filters import Filter

# The deals a promised-vs-delivered chart can show readably, largest promise first.
MAX_DELIVERY_DEALS = 15


@dataclass(frozen=True)
class DeliveryRow:
    """One deal's promise (headline value) against the shipments recorded under it."""

    slug: str
    title: str
    promised_usd: Decimal | None
    promised_undisclosed: int
    shipments: int
    items: int
    delivered_usd: Decimal
    items_with_usd: int
    quantities: tuple[tuple[str, str, Decimal], ...] = ()


def _item_totals(f: Filter, deal_filter, *group):
    """Items of the shipments the Filter selects under the deals DEAL_FILTER picks: how many,
    their USD sum, and how many have a USD value (per GROUP columns, if any)."""
    return (
        select(*group, func.count(Item.id), func.sum(Item.value_usd), func.count(Item.value_usd))
        .join(Shipment, Shipment.id == Item.shipment_id)
        .where(*shipment_conditions(f), deal_filter)
        .group_by(*group)
    )


def _shipment_counts(session: Session, f: Filter, ids: list[int]) -> dict[int, int]:
    return dict(
        session.execute(
            select(Shipment.deal_id, func.count())
            .where(*shipment_conditions(f), Shipment.deal_id.in_(ids))
            .group_by(Shipment.deal_id)
        ).all()
    )


def delivery_by_deal(session: Session, f: Filter) -> list[DeliveryRow]:
    """The deals with a promise or a shipment, largest promise first (at most a chart's worth);
    their shipments are then summed through the deal_id index, never over every shipment."""
    shipped = exists().where(Shipment.deal_id == Deal.id, *shipment_conditions(f))
    promise = or_(Deal.value_usd.is_not(None), Deal.value_undisclosed, shipped)
    deals = session.execute(
        select(Deal.id, Deal.slug, Deal.title, Deal.value_usd, Deal.value_undisclosed)
        .where(*deal_conditions(f), promise)
        .order_by(Deal.value_usd.desc().nulls_last(), Deal.id)
        .limit(MAX_DELIVERY_DEALS)
    ).all()
    ids = [d[0] for d in deals]
    shipments = _shipment_counts(session, f, ids)
    in_ids = Shipment.deal_id.in_(ids)
    items = {r[0]: r[1:] for r in session.execute(_item_totals(f, in_ids, Shipment.deal_id))}
    quantities = _quantities(session, f, ids)
    rows = []
    for i, slug, title, usd, undisclosed in deals:
        n_items, item_usd, with_usd = items.get(i, (0, 0, 0))
        rows.append(
            DeliveryRow(slug, title, usd, int(bool(undisclosed)), shipments.get(i, 0), n_items,
                        Decimal(item_usd or 0), with_usd, tuple(quantities.get(i, ())))
        )  # fmt: skip
    return rows


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


def delivery_overall(session: Session, f: Filter, *, scan: bool = False) -> DeliveryRow:
    """All deals the Filter selects: total promised against all shipments under them (from
    shipment_tally when it can answer and SCAN does not ask for the records)."""
    promised, undisclosed = session.execute(
        select(
            func.sum(Deal.value_usd), func.count(case((Deal.value_undisclosed.is_(True), 1)))
        ).where(*deal_conditions(f))
    ).one()
    deal_ids = select(Deal.id).where(*deal_conditions(f))
    totals = None if scan else tallies.delivered(session, f, deal_ids)
    if totals is None:
        under_deals = Shipment.deal_id.in_(deal_ids)
        shipments = session.scalar(
            select(func.count()).select_from(Shipment).where(*shipment_conditions(f), under_deals)
        )
        items, usd, with_usd = session.execute(_item_totals(f, under_deals)).one()
        totals = (shipments or 0, items or 0, usd, with_usd or 0)
    shipments, items, usd, with_usd = totals
    return DeliveryRow(
        "", "All deals", promised, undisclosed, shipments, items, Decimal(usd or 0), with_usd
    )
