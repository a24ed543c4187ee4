"""word search: FTS5 tables kept by triggers (SQLite), GIN expression indexes (PostgreSQL)

Revision ID: 0011
Revises: 0005
Create Date: 2026-11-29 21:00:00
"""

from collections.abc import Sequence

from alembic import op

from tracker.queries import search

revision: str = "0011"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for statement in search.create_sql(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    for statement in search.drop_sql(op.get_bind().dialect.name):
        op.execute(statement)
