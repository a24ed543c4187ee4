"""Shipments: the filtered list and their items."""

from __future__ import annotations

from sqlalchemy import and_, false, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from tracker.models import Commodity, Deal, Party, Shipment, ShipmentItem
from tracker.queries import sorting, tallies
from tracker.queries.conditions import shipment_conditions, shipment_id_set
from tracker.queries.filters import Filter
from tracker.queries.paging import latest_shipment_ids
from tracker.queries.shipment_facets import SelectionIds


def items_by_shipment(session: Session, ids: list[int]) -> dict[int, list]:
    """{shipment id: [(item, commodity)]} in one query."""
    out: dict[int, list] = {}
    if not ids:
        return out
    for item, commodity in session.execute(
        select(ShipmentItem, Commodity)
        .join(Commodity)
        .where(ShipmentItem.shipment_id.in_(ids))
        .order_by(ShipmentItem.id)
    ).all():
        out.setdefault(item.shipment_id, []).append((item, commodity))
    return out


def count_shipments(session: Session, f: Filter) -> int:
    """How many shipments the Filter selects (from shipment_tally when it can answer)."""
    counted = tallies.count_shipments(session, f)
    if counted is not None:
        return counted
    return count_shipments_scanning(session, f)


# A list counts its shipments up to this many; beyond, it says "more than" (the exact count of
# a large selection reads every one of its rows: 100 ms for the 22,450 of q=cobalt).
COUNT_CAP = 10_000


def count_shown(session: Session, f: Filter, picked: SelectionIds) -> tuple[int, bool]:
    """(n, more) for a list: the exact count when shipment_tally answers or when the selection
    is at most FACET_SAMPLE (its ids, which PICKED has read), else the count up to COUNT_CAP
    (more: the selection holds more than n), not counted when the tally's floor under the
    selection is past it already (a word naming a common commodity). A search's selection
    (shipment_id_set) under the floor is counted whole, from its ids alone. Words in every
    live shipment are left out first (tallies.without_search)."""
    f = picked.plain(f)
    counted = tallies.count_shipments(session, f)
    if counted is not None:
        return counted, False
    whole = picked.whole(f)
    if whole is not None:
        return len(whole), False
    if picked.floor(f) > COUNT_CAP:
        return COUNT_CAP, True
    as_set = shipment_id_set(f)
    if as_set is not None:  # a search's ids counted whole: as cheap as stopping at the cap
        return session.scalar(select(func.count()).select_from(as_set.subquery())), False
    first = select(Shipment.id).where(*shipment_conditions(f)).limit(COUNT_CAP + 1).subquery()
    n = session.scalar(select(func.count()).select_from(first))
    return (COUNT_CAP, True) if n > COUNT_CAP else (n, False)


def count_shipments_scanning(session: Session, f: Filter) -> int:
    """How many shipments the Filter selects, counted over the shipment table itself."""
    return session.scalar(select(func.count()).select_from(Shipment).where(*shipment_conditions(f)))


def _page_ids(session: Session, f: Filter, picked: SelectionIds | None = None) -> list[int]:
    """Ids of the page: when PICKED holds every id of a selection the tally cannot answer,
    those ids in the page's order; else latest first through the index walk, any other sort
    in SQL. The shipments are chosen without the words every live shipment holds (PICKED's
    plain Filter) and sorted by F (a relevance order ranks by all of them)."""
    f = sorting.settled(session, "shipments", f)
    chosen = picked.plain(f) if picked is not None else f
    if picked is not None and chosen.active and not tallies.answerable(chosen, session=session):
        whole = picked.whole(chosen)
        if whole is not None:
            ordered = select(Shipment.id).where(Shipment.id.in_(whole))
            ordered = ordered.order_by(*sorting.order_by("shipments", f))
            return list(session.scalars(ordered.offset(f.offset).limit(f.per_page)))
    if sorting.current("shipments", f) == "-date":
        return latest_shipment_ids(session, chosen, picked.floor if picked is not None else None)
    return list(
        session.scalars(
            select(Shipment.id)
            .where(*shipment_conditions(chosen))
            .order_by(*sorting.order_by("shipments", f))
            .offset(f.offset)
            .limit(f.per_page)
        )
    )


def list_shipments(session: Session, f: Filter, picked: SelectionIds | None = None) -> list[dict]:
    """One page of shipments in the Filter's sort (latest first by default), each with
    origin, destination, deal and items (PICKED: the selection's ids, when read)."""
    origin, destination = aliased(Party), aliased(Party)
    ids = _page_ids(session, f, picked)
    rows = session.execute(
        select(Shipment, origin, destination, Deal)
        .join(origin, origin.id == Shipment.origin_id)
        .join(destination, destination.id == Shipment.destination_id)
        # A deleted deal is named by no list (its page is gone): the row shows no deal.
        .outerjoin(Deal, and_(Deal.id == Shipment.deal_id, Deal.deleted == false()))
        .where(Shipment.id.in_(ids))
    ).all()
    order = {shipment_id: i for i, shipment_id in enumerate(ids)}
    rows.sort(key=lambda r: order[r[0].id])
    items = items_by_shipment(session, [r[0].id for r in rows])
    return [
        {"shipment": s, "origin": o, "destination": d, "deal": deal, "items": items.get(s.id, [])}
        for s, o, d, deal in rows
    ]
