"""Summary tables kept in step with the records in the same transaction as every write, so a
page computed cold reads a few hundred rows, not a million (tracker.summaries maintains them,
`tracker db check` recomputes them from the records)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from tracker.models.common import AMOUNT_DIGITS, AMOUNT_PLACES


class ShipmentTally(SQLModel, table=True):
    """Shipments (not deleted) grouped by deal, ends, parties and month of dispatch.

    A row with among_id and commodity_id empty counts every shipment of its group, with all
    their items. A row with both set counts the shipments of the group that carry commodity
    among_id and also carry commodity_id, with their items of commodity_id: a filter on one
    commodity reads the rows of that among_id; without one, the rows where the two are equal.
    """

    __tablename__ = "shipment_tally"
    __table_args__ = (
        Index("ix_shipment_tally_group", "origin_id", "destination_id", "deal_id"),
        Index("ix_shipment_tally_among", "among_id", "commodity_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    deal_id: int | None = Field(default=None, index=True)
    origin_id: int
    destination_id: int
    origin_party_id: int | None = None
    destination_party_id: int | None = None
    # YYYY-MM of the dispatch (else arrival) date; empty when the shipment has neither.
    period: str = Field(max_length=7)
    among_id: int | None = None
    commodity_id: int | None = None
    shipments: int = 0
    items: int = 0
    items_with_usd: int = 0
    value_usd: Decimal = Field(
        default=Decimal(0), max_digits=AMOUNT_DIGITS + 4, decimal_places=AMOUNT_PLACES
    )
