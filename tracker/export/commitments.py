"""The SELECTs of commitments.csv and status_history.csv (columns in columns.py)."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import aliased

from tracker.export import sql
from tracker.models import Commitment, Commodity, Deal, DealStatusChange, Party, Source
from tracker.queries.conditions import deal_conditions
from tracker.queries.filters import Filter

QUANTITY_PLACES = 4


def _selected_deals(f: Filter):
    return select(Deal.id).where(*deal_conditions(f))


def commitments(f: Filter, dialect: str) -> Select:
    """commitments.csv: one row per commitment of the deals the Filter selects."""
    deal, giver, taker, commodity = (
        aliased(Deal),
        aliased(Party),
        aliased(Party),
        aliased(Commodity),
    )
    return (
        select(
            Commitment.slug,
            deal.slug.label("deal_slug"),
            Commitment.kind,
            giver.slug.label("from_party"),
            giver.name.label("from_party_name"),
            taker.slug.label("to_party"),
            taker.name.label("to_party_name"),
            commodity.slug.label("commodity"),
            sql.plain_decimal(Commitment.quantity, QUANTITY_PLACES, dialect).label("quantity"),
            Commitment.unit,
            *sql.money(Commitment, dialect),
            *sql.dated(Commitment, "due"),
            Commitment.summary,
        )
        .join(deal, deal.id == Commitment.deal_id)
        .join(giver, giver.id == Commitment.from_party_id)
        .join(taker, taker.id == Commitment.to_party_id)
        .outerjoin(commodity, commodity.id == Commitment.commodity_id)
        .where(Commitment.deal_id.in_(_selected_deals(f)))
        .order_by(Commitment.id)
    )


def status_history(f: Filter, dialect: str) -> Select:
    """status_history.csv: each status of the selected deals, oldest first per deal."""
    deal, source = aliased(Deal), aliased(Source)
    return (
        select(
            deal.slug.label("deal_slug"),
            DealStatusChange.status,
            *sql.dated(DealStatusChange, "from"),
            source.url.label("source_url"),
            source.publisher.label("source_publisher"),
            DealStatusChange.note,
        )
        .join(deal, deal.id == DealStatusChange.deal_id)
        .outerjoin(source, source.id == DealStatusChange.source_id)
        .where(DealStatusChange.deal_id.in_(_selected_deals(f)))
        .order_by(deal.id, DealStatusChange.from_on, DealStatusChange.id)
    )
