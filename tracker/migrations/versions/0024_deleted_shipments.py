"""deleted shipments: a partial index of their ids, so that a search's id sets can leave them
out by reading the few deleted rows instead of checking each matching shipment's own row

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-01 06:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out here (not imported) so that this revision stays as it was run; the predicate as
# each database renders `deleted = true` (see 0012), so that its planner may use the index.
DELETED_INDEX = "CREATE INDEX ix_shipment_deleted ON shipment (id) WHERE deleted = {}"
TRUE = {"sqlite": "1", "postgresql": "true"}


def upgrade() -> None:
    op.execute(DELETED_INDEX.format(TRUE[op.get_bind().dialect.name]))


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_shipment_deleted")
