"""Commitments and what was delivered against them, compared like with like.

A shipment counts as delivery against a supply or offtake commitment of the same deal when it
goes the way the goods are promised (supply: from the supplier, the committing party, to the
other; offtake: from the seller, the other party, to the buyer who commits to take them), each
end matched by the party or its country, and carries the committed commodity or a member of it
(any commodity when the commitment names none). Investments and loans would count
disbursements, which no source reports yet, so their delivery is "not reported", never 0 and
never a shipment."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import false, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from tracker.models import (
    Citation,
    Commitment,
    Commodity,
    Deal,
    DealStatusChange,
    Party,
    Shipment,
    ShipmentItem,
    Source,
)
from tracker.records.conflicts import find_conflicts
from tracker.records.vocab import GOODS_COMMITMENTS


@dataclass
class Delivered:
    """Shipments counted against one goods commitment: how many, what, and their USD value."""

    shipments: list[str] = field(default_factory=list)
    quantities: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    items: int = 0
    items_with_usd: int = 0
    usd: Decimal = Decimal(0)


@dataclass
class CommitmentRow:
    """A commitment with its parties, commodity, deal and (for goods) what was delivered."""

    commitment: Commitment
    deal_slug: str
    deal_title: str
    from_party: Party
    to_party: Party
    commodity: Commodity | None
    delivered: Delivered | None  # None: investment or loan, disbursements not reported
    # Sources state incompatible values for what was promised.
    disputed: bool = False

    @property
    def goods(self) -> bool:
        """Supply or offtake: delivered in shipments."""
        return self.commitment.kind in GOODS_COMMITMENTS


def commitments_for(session: Session, deal_ids: list[int]) -> list[CommitmentRow]:
    """The commitments of DEAL_IDS with what was delivered against them (five queries)."""
    if not deal_ids:
        return []
    giver, taker = aliased(Party), aliased(Party)
    rows = session.execute(
        select(Commitment, Deal.slug, Deal.title, giver, taker, Commodity)
        .join(Deal, Deal.id == Commitment.deal_id)
        .join(giver, giver.id == Commitment.from_party_id)
        .join(taker, taker.id == Commitment.to_party_id)
        .outerjoin(Commodity, Commodity.id == Commitment.commodity_id)
        .where(Commitment.deal_id.in_(deal_ids))
        .order_by(Deal.id, Commitment.kind, Commitment.id)
    ).all()
    shipments = _shipments(session, [r[0].deal_id for r in rows if r[0].kind in GOODS_COMMITMENTS])
    under = _members(session)
    disputed = _disputed(session, [r[0].id for r in rows])
    out = []
    for c, slug, title, frm, to, commodity in rows:
        delivered = None
        if c.kind in GOODS_COMMITMENTS:
            wanted = under(commodity.id) if commodity else None
            sender, receiver = (to, frm) if c.kind == "offtake" else (frm, to)
            delivered = _delivered(shipments.get(c.deal_id, []), sender, receiver, wanted)
        row = CommitmentRow(c, slug, title, frm, to, commodity, delivered, c.id in disputed)
        out.append(row)
    return out


def _disputed(session: Session, ids: list[int]) -> set[int]:
    """Commitments among IDS whose value the sources disagree on (one query)."""
    if not ids:
        return set()
    pairs = session.execute(
        select(Citation, Source)
        .join(Source, Source.id == Citation.source_id)
        .where(Citation.record_type == "commitment", Citation.record_id.in_(ids))
        .where(Citation.field == "value")
    ).all()
    return {c.record_id for c in find_conflicts(pairs)}


def _country(party: Party) -> str | None:
    return party.iso3 or party.country_iso3


def _delivered(shipments, frm: Party, to: Party, wanted: set[int] | None) -> Delivered:
    got = Delivered()
    for s in shipments:
        leaves = s["origin_party_id"] == frm.id or s["origin_iso"] == _country(frm)
        arrives = s["destination_party_id"] == to.id or s["destination_iso"] == _country(to)
        items = [i for i in s["items"] if wanted is None or i[0] in wanted]
        if not (leaves and arrives and (items or (wanted is None and not s["items"]))):
            continue
        got.shipments.append(s["slug"])
        for _cid, name, qty, unit, usd in items:
            got.items += 1
            if qty is not None:
                key = (name, unit or "")
                got.quantities[key] = got.quantities.get(key, Decimal(0)) + qty
            if usd is not None:
                got.items_with_usd += 1
                got.usd += usd
    return got


def _shipments(session: Session, deal_ids: list[int]) -> dict[int, list[dict]]:
    """{deal id: [shipment with its ends' countries and items]} in two queries."""
    if not deal_ids:
        return {}
    origin, destination = aliased(Party), aliased(Party)
    found = session.execute(
        select(Shipment, origin.iso3, destination.iso3)
        .join(origin, origin.id == Shipment.origin_id)
        .join(destination, destination.id == Shipment.destination_id)
        .where(Shipment.deal_id.in_(deal_ids), Shipment.deleted == false())
        .order_by(Shipment.id)
    ).all()
    by_id = {
        s.id: {
            "slug": s.slug,
            "deal_id": s.deal_id,
            "origin_party_id": s.origin_party_id,
            "destination_party_id": s.destination_party_id,
            "origin_iso": o,
            "destination_iso": d,
            "items": [],
        }
        for s, o, d in found
    }
    if by_id:
        for item, name in session.execute(
            select(ShipmentItem, Commodity.name)
            .join(Commodity, Commodity.id == ShipmentItem.commodity_id)
            .where(ShipmentItem.shipment_id.in_(by_id))
        ).all():
            by_id[item.shipment_id]["items"].append(
                (item.commodity_id, name, item.quantity, item.unit, item.value_usd)
            )
    out: dict[int, list[dict]] = {}
    for s in by_id.values():
        out.setdefault(s["deal_id"], []).append(s)
    return out


def _members(session: Session):
    """A function giving a commodity's id with every id under it (one query for the tree)."""
    children: dict[int | None, list[int]] = {}
    for cid, parent in session.execute(select(Commodity.id, Commodity.parent_id)).all():
        children.setdefault(parent, []).append(cid)

    def under(cid: int) -> set[int]:
        found, todo = {cid}, [cid]
        while todo:
            for child in children.get(todo.pop(), []):
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return found

    return under


@dataclass(frozen=True)
class StatusRow:
    """One status a deal has had, from when, and the source that says so."""

    change: DealStatusChange
    source: Source | None


def status_history(session: Session, deal_id: int) -> list[StatusRow]:
    """A deal's statuses, oldest first (undated last)."""
    rows = session.execute(
        select(DealStatusChange, Source)
        .outerjoin(Source, Source.id == DealStatusChange.source_id)
        .where(DealStatusChange.deal_id == deal_id)
        .order_by(DealStatusChange.from_on.is_(None), DealStatusChange.from_on, DealStatusChange.id)
    ).all()
    return [StatusRow(c, s) for c, s in rows]
