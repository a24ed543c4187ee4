"""word search: FTS5 tables kept by triggers (SQLite), GIN expression indexes (PostgreSQL);
indexes for the shipments' newest-first sort and for the parties at their ends

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 21:00:00

Every statement is written out here, not taken from tracker.queries.search, so that this
revision does what it did when it was first run whatever the app's search code becomes. A
change to what is indexed is a new revision (tests/test_migrations.py compares the two).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


SHIPPED_INDEX = (
    "CREATE INDEX ix_shipment_shipped ON shipment (coalesce(dispatched_on, arrived_on), id)"
)
# The searched tables and the pieces of their text, as they stood at this revision. Aliases
# are a JSON list: SQLite indexes its values joined by spaces, PostgreSQL its text.
SEARCHED_SQLITE = {
    "deal": ("title", "summary"),
    "shipment": ("description",),
    "event": ("summary",),
    "source": ("title",),
    "party": ("name", "aliases"),
    "commodity": ("name", "aliases"),
}
SEARCHED_POSTGRESQL = {
    "deal": ("title", "summary"),
    "shipment": ("description",),
    "event": ("summary",),
    "source": ("title",),
    "party": ("name", "aliases::jsonb::text"),
    "commodity": ("name", "aliases::jsonb::text"),
}
JSON_COLUMNS = ("aliases",)
# Lower-case Latin letters with accents, and the same letters without (PostgreSQL's index
# strips accents with translate(); SQLite's tokenizer does it itself).
ACCENTED = (
    "àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĳĵķĺļľŀńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžſơưǆǉǌǎǐǒǔ"
    "ǖǘǚǜǟǡǧǩǫǭǰǳǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯȱȳ"
)
UNACCENTED = (
    "aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiiijkllllnnnooorrrssssttuuuuuuwyzzzsoudlnaiou"
    "uuuuaagkoojdgnaaaeeiioorruusthaeooooy"
)
SQLITE_TOKENIZER = "unicode61 remove_diacritics 2"


def _sqlite_value(column: str, prefix: str) -> str:
    if column in JSON_COLUMNS:
        return f"(SELECT group_concat(value, ' ') FROM json_each({prefix}{column}))"
    return f"{prefix}{column}"


def _sqlite_statements(table: str, columns: tuple[str, ...]) -> list[str]:
    """The FTS5 table of TABLE, filled from its rows, and the triggers that keep it."""
    fts, cols = f"{table}_fts", ", ".join(columns)
    values = {p: ", ".join(_sqlite_value(c, p) for c in columns) for p in ("", "new.", "old.")}
    add = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {values['new.']});"
    remove = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {values['old.']});"
    head = "CREATE TRIGGER IF NOT EXISTS"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, content='{table}', "
        f"content_rowid='id', tokenize='{SQLITE_TOKENIZER}')",
        f"INSERT INTO {fts}(rowid, {cols}) SELECT id, {values['']} FROM {table}",
        f"{head} {fts}_ai AFTER INSERT ON {table} BEGIN {add} END",
        f"{head} {fts}_ad AFTER DELETE ON {table} BEGIN {remove} END",
        f"{head} {fts}_au AFTER UPDATE OF {cols} ON {table} BEGIN {remove} {add} END",
    ]


def _postgresql_statement(table: str, parts: tuple[str, ...]) -> str:
    """The GIN index over TABLE's words, lower-cased and without accents."""
    text = " || ' ' || ".join(f"coalesce({p}, '')" for p in parts)
    vector = (
        f"to_tsvector('simple'::regconfig, translate(lower({text}), '{ACCENTED}', '{UNACCENTED}'))"
    )
    return f"CREATE INDEX IF NOT EXISTS ix_{table}_search ON {table} USING gin ({vector})"


def create_sql(dialect: str) -> list[str]:
    """The statements that build the search indexes on DIALECT, as this revision ran them."""
    if dialect == "postgresql":
        return [_postgresql_statement(t, p) for t, p in SEARCHED_POSTGRESQL.items()]
    return [s for t, c in SEARCHED_SQLITE.items() for s in _sqlite_statements(t, c)]


def drop_sql(dialect: str) -> list[str]:
    """The statements that remove them."""
    if dialect == "postgresql":
        return [f"DROP INDEX IF EXISTS ix_{t}_search" for t in SEARCHED_POSTGRESQL]
    out = []
    for table in SEARCHED_SQLITE:
        out += [f"DROP TRIGGER IF EXISTS {table}_fts_{x}" for x in ("ai", "ad", "au")]
        out.append(f"DROP TABLE IF EXISTS {table}_fts")
    return out


def upgrade() -> None:
    for statement in create_sql(op.get_bind().dialect.name):
        op.execute(statement)
    op.execute(SHIPPED_INDEX)
    with op.batch_alter_table("shipment") as batch_op:
        batch_op.create_index("ix_shipment_origin_party_id", ["origin_party_id"])
        batch_op.create_index("ix_shipment_destination_party_id", ["destination_party_id"])


def downgrade() -> None:
    with op.batch_alter_table("shipment") as batch_op:
        batch_op.drop_index("ix_shipment_destination_party_id")
        batch_op.drop_index("ix_shipment_origin_party_id")
    op.execute("DROP INDEX IF EXISTS ix_shipment_shipped")
    for statement in drop_sql(op.get_bind().dialect.name):
        op.execute(statement)
