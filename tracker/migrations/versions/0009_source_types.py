"""source types: what kind of document each source is (news report, filing, ...)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 20:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("source_type", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_source_source_type"), ["source_type"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_source_type"))
        batch_op.drop_column("source_type")
