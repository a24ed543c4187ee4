"""deal_shipment_words holds only live shipments' descriptions: 0015 filled it from every
shipment, deleted ones too, so a deal search found a deal through a shipment no page shows

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 09:00:00

The rows are refilled with the statements written out here (not taken from
tracker.summaries), so that this revision does what it did when it was first run. On SQLite
the word index follows through the triggers 0015 made.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "deal_shipment_words"


def _fill(dialect: str, *, live_only: bool) -> str:
    """The INSERT of every deal's row from its shipments (live ones only, or all as 0015)."""
    live = " AND NOT deleted" if live_only else ""
    distinct = (
        "SELECT DISTINCT deal_id, description FROM shipment "
        f"WHERE deal_id IS NOT NULL AND description IS NOT NULL{live} "
        "ORDER BY deal_id, description"
    )
    if dialect == "postgresql":
        return (
            f"INSERT INTO {TABLE} (id, descriptions) "
            "SELECT deal_id, string_agg(description, chr(10) ORDER BY description) "
            f"FROM ({distinct}) AS d GROUP BY deal_id"
        )
    return (
        f"INSERT INTO {TABLE} (id, descriptions) "
        f"SELECT deal_id, group_concat(description, char(10)) FROM ({distinct}) GROUP BY deal_id"
    )


def _refill(*, live_only: bool) -> None:
    op.execute(f"DELETE FROM {TABLE}")
    op.execute(_fill(op.get_bind().dialect.name, live_only=live_only))


def upgrade() -> None:
    _refill(live_only=True)


def downgrade() -> None:
    _refill(live_only=False)
