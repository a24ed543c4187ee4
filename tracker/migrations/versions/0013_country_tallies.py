"""shipment_tally: whole rows per country on each side, and 'same' rows for shipments whose two
ends are one country (what the shipment facets read)

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 00:10:00

The SQL is written out here, not taken from tracker.summaries, so that this revision stays as it
was run. Rows of these shapes are removed first: a database migrated from an empty one by an
app whose rebuild already made them must not count them twice.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    "side, deal_id, country_id, among_id, commodity_id, shipments, items, items_with_usd, value_usd"
)
SUMS = "count(DISTINCT s.id), count(i.id), count(i.value_usd), coalesce(sum(i.value_usd), 0)"
REMOVE = (
    "DELETE FROM shipment_tally WHERE side = 'same' "
    "OR (side IN ('origin', 'destination') AND among_id IS NULL AND commodity_id IS NULL)"
)
WHOLE = (
    "INSERT INTO shipment_tally ({columns}) "
    "SELECT '{side}', NULL, s.{column}, NULL, NULL, {sums} "
    "FROM shipment s LEFT JOIN shipment_item i ON i.shipment_id = s.id "
    "WHERE s.deleted = false{extra} GROUP BY s.{column}"
)
SAME_PAIRS = (
    "INSERT INTO shipment_tally ({columns}) "
    "SELECT 'same', NULL, s.origin_id, carried.among_id, i.commodity_id, {sums} "
    "FROM shipment s "
    "JOIN (SELECT DISTINCT shipment_id, commodity_id AS among_id FROM shipment_item) carried "
    "ON carried.shipment_id = s.id "
    "JOIN shipment_item i ON i.shipment_id = s.id "
    "WHERE s.deleted = false AND s.origin_id = s.destination_id "
    "GROUP BY s.origin_id, carried.among_id, i.commodity_id"
)


def upgrade() -> None:
    op.execute(REMOVE)
    for side, column, extra in (
        ("origin", "origin_id", ""),
        ("destination", "destination_id", ""),
        ("same", "origin_id", " AND s.origin_id = s.destination_id"),
    ):
        op.execute(WHOLE.format(columns=COLUMNS, side=side, column=column, sums=SUMS, extra=extra))
    op.execute(SAME_PAIRS.format(columns=COLUMNS, sums=SUMS))


def downgrade() -> None:
    op.execute(REMOVE)
