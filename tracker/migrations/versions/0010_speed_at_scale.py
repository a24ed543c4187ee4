"""speed at scale: the data version becomes a 64-bit random token

Revision ID: 0010
Revises: 0005
Create Date: 2026-11-29 20:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0010'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Random 62-bit tokens (tracker.cache.versioning) need a 64-bit column on PostgreSQL.
    with op.batch_alter_table('data_version') as batch:
        batch.alter_column('version', existing_type=sa.Integer(), type_=sa.BigInteger(),
                           existing_nullable=False)


def downgrade() -> None:
    # Tokens do not fit 32 bits: start the counter again (caches key on its value, not order).
    op.execute(sa.text('UPDATE data_version SET version = 0'))
    with op.batch_alter_table('data_version') as batch:
        batch.alter_column('version', existing_type=sa.BigInteger(), type_=sa.Integer(),
                           existing_nullable=False)
