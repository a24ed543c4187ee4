"""facet_member and facet_count carry deals' USD values in whole cents, so that /commodities reads
each commodity's deal count and value from one row, not from its 30,000 deal links at a million

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-01 09:00:00

The SQL is written out here, not taken from tracker.summaries, so that this revision stays as it
was run. Cents are rounded as the app rounds them (SQL round of the amount times 100).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MEMBER_CENTS = (
    "UPDATE facet_member SET usd_cents = "
    "(SELECT CAST(round(d.value_usd * 100) AS BIGINT) FROM deal d "
    "WHERE d.id = facet_member.record_id) "
    "WHERE list = 'deals'"
)
# One pass over the deals' member rows (a correlated count per facet_count row scanned them
# once per row: no index leads with facet and value). Events' rows keep the default 0.
COUNT_CENTS = (
    "UPDATE facet_count SET with_usd = s.with_usd, usd_cents = s.usd_cents "
    "FROM (SELECT list, facet, value, count(usd_cents) AS with_usd, "
    "coalesce(sum(usd_cents), 0) AS usd_cents FROM facet_member WHERE list = 'deals' "
    "GROUP BY list, facet, value) AS s "
    "WHERE facet_count.list = s.list AND facet_count.facet = s.facet "
    "AND facet_count.value = s.value"
)


def upgrade() -> None:
    with op.batch_alter_table("facet_member") as batch:
        batch.add_column(sa.Column("usd_cents", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("facet_count") as batch:
        batch.add_column(sa.Column("with_usd", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("usd_cents", sa.BigInteger(), nullable=False, server_default="0"))
    op.execute(MEMBER_CENTS)
    op.execute(COUNT_CENTS)


def downgrade() -> None:
    with op.batch_alter_table("facet_count") as batch:
        batch.drop_column("usd_cents")
        batch.drop_column("with_usd")
    with op.batch_alter_table("facet_member") as batch:
        batch.drop_column("usd_cents")
