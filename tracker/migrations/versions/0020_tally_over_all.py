"""shipment_tally: rows over all shipments (side 'all'), whole and per commodity pair, so that a
commodity's shipment count reads one row instead of one per country (11,205 at a million)

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-30 11:00:00

The SQL is written out here, not taken from tracker.summaries, so that this revision stays as it
was run. Rows of this side are removed first (an app whose rebuild already made them).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    "side, deal_id, country_id, among_id, commodity_id, shipments, items, items_with_usd, value_usd"
)
# Each item's USD to the cent, as the app's upkeep sums them.
SUMS = (
    "count(DISTINCT s.id), count(i.id), count(i.value_usd), "
    "coalesce(sum(round(i.value_usd * 100)), 0) / 100"
)
REMOVE = "DELETE FROM shipment_tally WHERE side = 'all'"
WHOLE = (
    f"INSERT INTO shipment_tally ({COLUMNS}) "
    f"SELECT 'all', NULL, NULL, NULL, NULL, {SUMS} "
    "FROM shipment s LEFT JOIN shipment_item i ON i.shipment_id = s.id "
    "WHERE s.deleted = false HAVING count(DISTINCT s.id) > 0"
)
PAIRS = (
    f"INSERT INTO shipment_tally ({COLUMNS}) "
    f"SELECT 'all', NULL, NULL, carried.among_id, i.commodity_id, {SUMS} "
    "FROM shipment s "
    "JOIN (SELECT DISTINCT shipment_id, commodity_id AS among_id FROM shipment_item) carried "
    "ON carried.shipment_id = s.id "
    "JOIN shipment_item i ON i.shipment_id = s.id "
    "WHERE s.deleted = false "
    "GROUP BY carried.among_id, i.commodity_id"
)


def upgrade() -> None:
    op.execute(REMOVE)
    op.execute(WHOLE)
    op.execute(PAIRS)


def downgrade() -> None:
    op.execute(REMOVE)
