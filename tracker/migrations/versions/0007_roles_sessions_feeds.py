"""roles, sessions and feeds: session generation, the feed table, background inbox fetches

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 20:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('feed',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('url', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('url')
    )
    # Existing accounts keep the role they were created with (`tracker users set-role` changes
    # it). Cookies from before carry no generation: everyone logs in once more after upgrading.
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_generation', sa.Integer(), nullable=False, server_default='0'))
    with op.batch_alter_table('inbox_article', schema=None) as batch_op:
        batch_op.add_column(sa.Column('duplicate_of', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_inbox_article_duplicate_of', 'inbox_article', ['duplicate_of'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('inbox_article', schema=None) as batch_op:
        batch_op.drop_constraint('fk_inbox_article_duplicate_of', type_='foreignkey')
        batch_op.drop_column('duplicate_of')
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('session_generation')
    op.drop_table('feed')
