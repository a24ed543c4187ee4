"""facet_member and facet_count count each live deal under the parties taking part in it (facet
'party', the party's id), so that /parties reads a party's deal count and value from one row

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-01 10:00:00

The SQL is written out here, not taken from tracker.summaries, so that this revision stays as it
was run. Witnesses and critics do not take part; a party with two roles in a deal counts once.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MEMBERS = (
    "INSERT INTO facet_member (list, record_id, facet, value, usd_cents) "
    "SELECT DISTINCT 'deals', d.id, 'party', CAST(dp.party_id AS VARCHAR(80)), "
    "CAST(round(d.value_usd * 100) AS BIGINT) "
    "FROM deal d JOIN deal_party dp ON dp.deal_id = d.id "
    "WHERE d.deleted = false AND dp.role NOT IN ('witness', 'critic')"
)
COUNTS = (
    "INSERT INTO facet_count (list, facet, value, count, with_usd, usd_cents) "
    "SELECT list, facet, value, count(*), count(usd_cents), coalesce(sum(usd_cents), 0) "
    "FROM facet_member WHERE facet = 'party' GROUP BY list, facet, value"
)


def upgrade() -> None:
    # Rows an app's rebuild may already have made go first.
    downgrade()
    op.execute(MEMBERS)
    op.execute(COUNTS)


def downgrade() -> None:
    op.execute("DELETE FROM facet_count WHERE facet = 'party'")
    op.execute("DELETE FROM facet_member WHERE facet = 'party'")
