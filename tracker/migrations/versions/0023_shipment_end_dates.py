"""shipment ends by date (SQLite): partial indexes on (origin_id, dispatched_on, id) and
(destination_id, dispatched_on, id) of the live shipments, so that a country's newest shipments
and its first ids are read from each end's own index, not tested one by one along the date index

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-01 02:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out here (not imported) so that this revision stays as it was run; the predicate as
# SQLite renders the lists' `deleted = false` (see 0012), so that its planner may use them.
END_INDEX = (
    "CREATE INDEX ix_shipment_live_{end}_dispatched ON shipment ({end}_id, dispatched_on, id) "
    "WHERE deleted = 0"
)
ENDS = ("origin", "destination")


def upgrade() -> None:
    # SQLite only: PostgreSQL's planner reads a country's ends with the OR of the two (faster
    # there than the split these serve), so on it they would only slow every shipment write.
    if op.get_bind().dialect.name != "sqlite":
        return
    for end in ENDS:
        op.execute(END_INDEX.format(end=end))


def downgrade() -> None:
    for end in ENDS:
        op.execute(f"DROP INDEX IF EXISTS ix_shipment_live_{end}_dispatched")
