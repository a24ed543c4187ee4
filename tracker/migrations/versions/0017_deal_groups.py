"""deal_groups: per deal, the countries taking part and its commodities, so that the value
charts group deals by two columns instead of joining every deal's parties and commodities

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30 07:30:00

The rows are computed here from the records, as this revision first computed them, not with
tracker.summaries (which may change later).
"""

from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNTRIES = (
    "SELECT DISTINCT dp.deal_id, coalesce(p.iso3, p.country_iso3) FROM deal_party dp "
    "JOIN party p ON p.id = dp.party_id "
    "WHERE dp.role NOT IN ('witness', 'critic') AND coalesce(p.iso3, p.country_iso3) IS NOT NULL"
)
COMMODITIES = (
    "SELECT deal_id, count(DISTINCT commodity_id), min(commodity_id) FROM deal_commodity "
    "GROUP BY deal_id"
)
CHUNK = 5000


def upgrade() -> None:
    table = op.create_table(
        "deal_groups",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("countries", sa.Text(), nullable=False),
        sa.Column("commodities", sa.Integer(), nullable=False),
        sa.Column("commodity_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    bind = op.get_bind()
    codes: dict[int, set[str]] = defaultdict(set)
    for deal_id, code in bind.execute(sa.text(COUNTRIES)):
        codes[deal_id].add(code)
    counted = {d: (n, one) for d, n, one in bind.execute(sa.text(COMMODITIES))}
    rows = []
    for deal_id in sorted(codes.keys() | counted.keys()):
        n, one = counted.get(deal_id, (0, None))
        rows.append(
            {
                "id": deal_id,
                "countries": "+".join(sorted(codes.get(deal_id, ()))),
                "commodities": n,
                "commodity_id": one if n == 1 else None,
            }
        )
    for start in range(0, len(rows), CHUNK):
        op.bulk_insert(table, rows[start : start + CHUNK])


def downgrade() -> None:
    op.drop_table("deal_groups")
