"""speed at scale: the data version becomes a 64-bit random token; shipment_tally

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 20:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Random 62-bit tokens (tracker.cache.versioning) need a 64-bit column on PostgreSQL.
    with op.batch_alter_table('data_version') as batch:
        batch.alter_column('version', existing_type=sa.Integer(), type_=sa.BigInteger(),
                           existing_nullable=False)
    op.create_table('shipment_tally',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('side', sa.String(length=11), nullable=True),
    sa.Column('deal_id', sa.Integer(), nullable=True),
    sa.Column('country_id', sa.Integer(), nullable=True),
    sa.Column('among_id', sa.Integer(), nullable=True),
    sa.Column('commodity_id', sa.Integer(), nullable=True),
    sa.Column('shipments', sa.Integer(), nullable=False),
    sa.Column('items', sa.Integer(), nullable=False),
    sa.Column('items_with_usd', sa.Integer(), nullable=False),
    sa.Column('value_usd', sa.Numeric(precision=24, scale=2), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_shipment_tally_key', 'shipment_tally',
                    ['side', 'among_id', 'commodity_id', 'deal_id', 'country_id'], unique=False)
    # Fill it from the records already there (the app keeps it in step from now on).
    from tracker.summaries.tallies import rebuild

    rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_index('ix_shipment_tally_key', table_name='shipment_tally')
    op.drop_table('shipment_tally')
    # Tokens do not fit 32 bits: start the counter again (caches key on its value, not order).
    op.execute(sa.text('UPDATE data_version SET version = 0'))
    with op.batch_alter_table('data_version') as batch:
        batch.alter_column('version', existing_type=sa.BigInteger(), type_=sa.Integer(),
                           existing_nullable=False)
