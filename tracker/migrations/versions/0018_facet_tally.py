"""facet_member and facet_count: what each live deal and event counts under in its whole list,
and the counts, so that /deals and /timeline with no filter read their facets from a few
hundred rows

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30 07:30:00

The rows are computed here in SQL, as this revision first computed them, not with
tracker.summaries (which may change later).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CODE = "coalesce(p.iso3, p.country_iso3)"
PARTIES = "dp.role NOT IN ('witness', 'critic')"
MEMBERS = [
    "SELECT 'deals', id, 'kind', kind FROM deal WHERE deleted = false",
    "SELECT 'deals', id, 'status', status FROM deal WHERE deleted = false",
    "SELECT DISTINCT 'deals', d.id, 'commodity', c.slug FROM deal d "
    "JOIN deal_commodity dc ON dc.deal_id = d.id JOIN commodity c ON c.id = dc.commodity_id "
    "WHERE d.deleted = false",
    f"SELECT DISTINCT 'deals', d.id, 'country', {CODE} FROM deal d "
    "JOIN deal_party dp ON dp.deal_id = d.id JOIN party p ON p.id = dp.party_id "
    f"WHERE d.deleted = false AND {PARTIES} AND {CODE} IS NOT NULL",
    "SELECT DISTINCT 'deals', d.id, 'event_kind', e.kind FROM deal d "
    "JOIN event e ON e.deal_id = d.id WHERE d.deleted = false AND e.deleted = false",
    "SELECT 'events', id, 'event_kind', kind FROM event WHERE deleted = false",
    "SELECT 'events', e.id, 'commodity', c.slug FROM event e "
    "JOIN deal d ON d.id = e.deal_id JOIN deal_commodity dc ON dc.deal_id = d.id "
    "JOIN commodity c ON c.id = dc.commodity_id WHERE e.deleted = false AND d.deleted = false "
    "UNION SELECT 'events', e.id, 'commodity', c.slug FROM event e "
    "JOIN shipment s ON s.id = e.shipment_id JOIN shipment_item si ON si.shipment_id = s.id "
    "JOIN commodity c ON c.id = si.commodity_id WHERE e.deleted = false AND s.deleted = false",
    f"SELECT 'events', e.id, 'country', {CODE} FROM event e "
    "JOIN deal d ON d.id = e.deal_id JOIN deal_party dp ON dp.deal_id = d.id "
    "JOIN party p ON p.id = dp.party_id "
    f"WHERE e.deleted = false AND d.deleted = false AND {PARTIES} AND {CODE} IS NOT NULL "
    f"UNION SELECT 'events', e.id, 'country', {CODE} FROM event e "
    "JOIN shipment s ON s.id = e.shipment_id "
    "JOIN party p ON p.id IN (s.origin_id, s.destination_id) "
    f"WHERE e.deleted = false AND s.deleted = false AND {CODE} IS NOT NULL "
    f"UNION SELECT 'events', e.id, 'country', {CODE} FROM event e "
    "JOIN event_party ep ON ep.event_id = e.id JOIN party p ON p.id = ep.party_id "
    f"WHERE e.deleted = false AND {CODE} IS NOT NULL",
]
COLUMNS = "(list, record_id, facet, value)"


def upgrade() -> None:
    op.create_table(
        "facet_member",
        sa.Column("list", sa.String(length=8), nullable=False),
        sa.Column("record_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("facet", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("list", "record_id", "facet", "value"),
    )
    op.create_table(
        "facet_count",
        sa.Column("list", sa.String(length=8), nullable=False),
        sa.Column("facet", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=80), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("list", "facet", "value"),
    )
    for select in MEMBERS:
        op.execute(f"INSERT INTO facet_member {COLUMNS} {select}")
    op.execute(
        "INSERT INTO facet_count (list, facet, value, count) "
        "SELECT list, facet, value, count(*) FROM facet_member GROUP BY list, facet, value"
    )


def downgrade() -> None:
    op.drop_table("facet_count")
    op.drop_table("facet_member")
