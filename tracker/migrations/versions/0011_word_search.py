"""word search: FTS5 tables kept by triggers (SQLite), GIN expression indexes (PostgreSQL);
indexes for the shipments' newest-first sort and for the parties at their ends

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 21:00:00
"""

from collections.abc import Sequence

from alembic import op

from tracker.queries import search

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Written out here (not imported) so that this revision stays as it was run.
SHIPPED_INDEX = (
    "CREATE INDEX ix_shipment_shipped ON shipment (coalesce(dispatched_on, arrived_on), id)"
)


def upgrade() -> None:
    for statement in search.create_sql(op.get_bind().dialect.name):
        op.execute(statement)
    op.execute(SHIPPED_INDEX)
    with op.batch_alter_table("shipment") as batch_op:
        batch_op.create_index("ix_shipment_origin_party_id", ["origin_party_id"])
        batch_op.create_index("ix_shipment_destination_party_id", ["destination_party_id"])


def downgrade() -> None:
    with op.batch_alter_table("shipment") as batch_op:
        batch_op.drop_index("ix_shipment_destination_party_id")
        batch_op.drop_index("ix_shipment_origin_party_id")
    op.execute("DROP INDEX IF EXISTS ix_shipment_shipped")
    for statement in search.drop_sql(op.get_bind().dialect.name):
        op.execute(statement)
