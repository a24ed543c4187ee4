"""shipment text token: data_version.shipment_text, a random token that SQLite triggers change
with every change to the shipments' searched text, so that a count of a word's hits in it can
be remembered under the token (a word in every one of a million descriptions takes 20 ms to
count, and was counted again on every cold search)

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-01 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out here (not imported) so that this revision stays as it was run; the app's copy is
# tracker.queries.search.text_token_triggers (tests/test_migrations.py compares them).
BUMP = "UPDATE data_version SET shipment_text = random();"
HEAD = "CREATE TRIGGER IF NOT EXISTS shipment_fts_token"


def text_token_triggers() -> list[str]:
    return [
        f"{HEAD}_ai AFTER INSERT ON shipment BEGIN {BUMP} END",
        f"{HEAD}_ad AFTER DELETE ON shipment BEGIN {BUMP} END",
        f"{HEAD}_au AFTER UPDATE OF description ON shipment BEGIN {BUMP} END",
    ]


def upgrade() -> None:
    with op.batch_alter_table("data_version") as batch:
        batch.add_column(
            sa.Column("shipment_text", sa.BigInteger(), nullable=False, server_default="0")
        )
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL keeps no count to remember: the token stays 0 there
    # A token of its own for each database from the start: two databases migrated side by side
    # (tests, a copy) must not share a token unless they share the text.
    op.execute("UPDATE data_version SET shipment_text = random()")
    for statement in text_token_triggers():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS shipment_fts_token_{suffix}")
    with op.batch_alter_table("data_version") as batch:
        batch.drop_column("shipment_text")
