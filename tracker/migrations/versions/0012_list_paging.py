"""list paging: a partial index for the shipments' newest-first walk; a covering index
from a commodity to the shipments that carry it

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 00:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Written out here (not imported) so that this revision stays as it was run. Lists skip
# deleted shipments: an index of the live ones only (its predicate written as each database
# renders the lists' `deleted = false`, so that the planner sees the list's WHERE implies it)
# lets a deep page's OFFSET walk index entries, never the table's rows. Partial rather than
# led by `deleted`: a leading `deleted` tempted SQLite to sort every row for an id order.
LIVE_DISPATCHED_INDEX = (
    "CREATE INDEX ix_shipment_live_dispatched ON shipment (dispatched_on, id) WHERE deleted = {}"
)
FALSE = {"sqlite": "0", "postgresql": "false"}
# A commodity filter or a word naming a commodity reads its items' shipment ids (22,000 of a
# million for cobalt): from this index alone, not from one table row per item.
ITEM_COMMODITY_INDEX = (
    "CREATE INDEX ix_shipment_item_commodity_shipment ON shipment_item (commodity_id, shipment_id)"
)


def upgrade() -> None:
    op.execute(LIVE_DISPATCHED_INDEX.format(FALSE[op.get_bind().dialect.name]))
    op.execute(ITEM_COMMODITY_INDEX)


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_shipment_item_commodity_shipment")
    op.execute("DROP INDEX IF EXISTS ix_shipment_live_dispatched")
