"""page tokens: record pages keyed on their own token and a records-wide one, so a write
empties only the pages that show what it changed

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 03:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("data_version") as batch:
        batch.add_column(
            sa.Column("records_version", sa.BigInteger(), nullable=False, server_default="0")
        )
    op.create_table(
        "page_token",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "record_id"),
    )


def downgrade() -> None:
    op.drop_table("page_token")
    with op.batch_alter_table("data_version") as batch:
        batch.drop_column("records_version")
