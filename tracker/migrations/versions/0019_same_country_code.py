"""shipment_tally: the 'same' rows count shipments whose two ends have one country code (a
country and a party based there), not only those whose two ends are one party; the facets
subtract them from origin + destination, and counted a shipment of the first kind twice

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-30 10:50:00

The SQL is written out here, not taken from tracker.summaries, so that this revision stays as it
was run. The downgrade puts back the rows as revision 0013 defined them.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    "side, deal_id, country_id, among_id, commodity_id, shipments, items, items_with_usd, value_usd"
)
# Each item's USD to the cent, as the app's upkeep sums them.
SUMS = (
    "count(DISTINCT s.id), count(i.id), count(i.value_usd), "
    "coalesce(sum(round(i.value_usd * 100)), 0) / 100"
)
REMOVE = "DELETE FROM shipment_tally WHERE side = 'same'"
ENDS = (
    "JOIN party o ON o.id = s.origin_id JOIN party d ON d.id = s.destination_id "
)
BY_CODE = "coalesce(o.iso3, o.country_iso3) = coalesce(d.iso3, d.country_iso3)"
BY_PARTY = "s.origin_id = s.destination_id"
WHOLE = (
    "INSERT INTO shipment_tally ({columns}) "
    "SELECT 'same', NULL, s.origin_id, NULL, NULL, {sums} "
    "FROM shipment s LEFT JOIN shipment_item i ON i.shipment_id = s.id {ends}"
    "WHERE s.deleted = false AND {same} GROUP BY s.origin_id"
)
PAIRS = (
    "INSERT INTO shipment_tally ({columns}) "
    "SELECT 'same', NULL, s.origin_id, carried.among_id, i.commodity_id, {sums} "
    "FROM shipment s "
    "JOIN (SELECT DISTINCT shipment_id, commodity_id AS among_id FROM shipment_item) carried "
    "ON carried.shipment_id = s.id "
    "JOIN shipment_item i ON i.shipment_id = s.id {ends}"
    "WHERE s.deleted = false AND {same} "
    "GROUP BY s.origin_id, carried.among_id, i.commodity_id"
)


def _fill(same: str) -> None:
    op.execute(REMOVE)
    for sql in (WHOLE, PAIRS):
        op.execute(sql.format(columns=COLUMNS, sums=SUMS, ends=ENDS, same=same))


def upgrade() -> None:
    _fill(BY_CODE)


def downgrade() -> None:
    _fill(BY_PARTY)
