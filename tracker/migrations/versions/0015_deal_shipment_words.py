"""deal_shipment_words: one row per deal with its shipments' distinct descriptions, and its
word index (FTS5 kept by triggers on SQLite, a GIN expression index on PostgreSQL), so that a
deal search reads one entry per deal instead of every shipment that holds the word

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 06:00:00

Every statement is written out here, not taken from tracker.queries.search or
tracker.summaries, so that this revision does what it did when it was first run.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "deal_shipment_words"
FTS = f"{TABLE}_fts"
# Lower-case Latin letters with accents, and the same letters without (as in 0011).
ACCENTED = (
    "àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĳĵķĺļľŀńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžſơưǆǉǌǎǐǒǔ"
    "ǖǘǚǜǟǡǧǩǫǭǰǳǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯȱȳ"
)
UNACCENTED = (
    "aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiiijkllllnnnooorrrssssttuuuuuuwyzzzsoudlnaiou"
    "uuuuaagkoojdgnaaaeeiioorruusthaeooooy"
)
SQLITE_TOKENIZER = "unicode61 remove_diacritics 2"
DISTINCT = (
    "SELECT DISTINCT deal_id, description FROM shipment "
    "WHERE deal_id IS NOT NULL AND description IS NOT NULL ORDER BY deal_id, description"
)
FILL = {
    "sqlite": f"INSERT INTO {TABLE} (id, descriptions) "
    f"SELECT deal_id, group_concat(description, char(10)) FROM ({DISTINCT}) GROUP BY deal_id",
    "postgresql": f"INSERT INTO {TABLE} (id, descriptions) "
    "SELECT deal_id, string_agg(description, chr(10) ORDER BY description) "
    f"FROM ({DISTINCT}) AS d GROUP BY deal_id",
}


def create_sql(dialect: str) -> list[str]:
    """The statements that build the word index on DIALECT, as this revision ran them."""
    if dialect == "postgresql":
        vector = (
            "to_tsvector('simple'::regconfig, translate(lower(coalesce(descriptions, '')), "
            f"'{ACCENTED}', '{UNACCENTED}'))"
        )
        return [f"CREATE INDEX IF NOT EXISTS ix_{TABLE}_search ON {TABLE} USING gin ({vector})"]
    add = f"INSERT INTO {FTS}(rowid, descriptions) VALUES (new.id, new.descriptions);"
    remove = (
        f"INSERT INTO {FTS}({FTS}, rowid, descriptions) "
        "VALUES ('delete', old.id, old.descriptions);"
    )
    head = "CREATE TRIGGER IF NOT EXISTS"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(descriptions, content='{TABLE}', "
        f"content_rowid='id', tokenize='{SQLITE_TOKENIZER}')",
        f"INSERT INTO {FTS}(rowid, descriptions) SELECT id, descriptions FROM {TABLE}",
        f"{head} {FTS}_ai AFTER INSERT ON {TABLE} BEGIN {add} END",
        f"{head} {FTS}_ad AFTER DELETE ON {TABLE} BEGIN {remove} END",
        f"{head} {FTS}_au AFTER UPDATE OF descriptions ON {TABLE} BEGIN {remove} {add} END",
    ]


def drop_sql(dialect: str) -> list[str]:
    """The statements that remove it."""
    if dialect == "postgresql":
        return [f"DROP INDEX IF EXISTS ix_{TABLE}_search"]
    return [f"DROP TRIGGER IF EXISTS {FTS}_{x}" for x in ("ai", "ad", "au")] + [
        f"DROP TABLE IF EXISTS {FTS}"
    ]


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("descriptions", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    dialect = op.get_bind().dialect.name
    op.execute(FILL[dialect])
    for statement in create_sql(dialect):
        op.execute(statement)


def downgrade() -> None:
    for statement in drop_sql(op.get_bind().dialect.name):
        op.execute(statement)
    op.drop_table(TABLE)
