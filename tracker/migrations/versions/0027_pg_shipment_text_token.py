"""shipment text token on PostgreSQL: a trigger draws a new data_version.shipment_text when a
transaction that changes which live shipments' descriptions say what commits, so that a word's
count there (about 180 ms for a word in every one of a million) is remembered until then, as on
SQLite since 0026

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-01 21:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out here (not imported) so that this revision stays as it was run; the app's copy is
# tracker.queries.search.pg_text_token_trigger (tests/test_word_hits.py compares them).
DRAW = "UPDATE data_version SET shipment_text = floor(random() * 9e18)::bigint;"
FLAG = "tracker.shipment_text_drawn"


def pg_text_token_trigger() -> list[str]:
    return [
        "CREATE OR REPLACE FUNCTION shipment_text_token() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN IF current_setting('{FLAG}', true) IS DISTINCT FROM '1' THEN {DRAW} "
        f"PERFORM set_config('{FLAG}', '1', true); END IF; RETURN NULL; END $$",
        "CREATE CONSTRAINT TRIGGER shipment_text_token AFTER INSERT OR DELETE OR UPDATE OF "
        "description, deleted ON shipment DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
        "EXECUTE FUNCTION shipment_text_token()",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite's triggers came with 0026
    # A token of its own for each database from the start (it was 0 on every one).
    op.execute(DRAW.rstrip(";"))
    for statement in pg_text_token_trigger():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS shipment_text_token ON shipment")
    op.execute("DROP FUNCTION IF EXISTS shipment_text_token()")
    op.execute("UPDATE data_version SET shipment_text = 0")
