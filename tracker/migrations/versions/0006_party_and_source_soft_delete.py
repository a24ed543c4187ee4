"""party and source soft delete: a deleted flag, as deals, shipments and events have

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing parties and sources are all live.
    for table in ('party', 'source'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column('deleted', sa.Boolean(), nullable=False, server_default=sa.false())
            )


def downgrade() -> None:
    for table in ('source', 'party'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('deleted')
