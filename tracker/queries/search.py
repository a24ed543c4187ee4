"""Word search behind the Filter's `q`, on each database's own full-text engine.

Each searched table has an index of its own words: an FTS5 table kept by triggers on SQLite,
a GIN expression index on PostgreSQL (the database keeps it). Both are written in the same
transaction as the row, so a search never lags a write. A record matches when every word of
the query is found in its own text or in the text of a record tied to it (a deal's parties,
commodities, shipments and sources), in any order, ignoring case and accents; each word also
matches as a prefix ("antimon" finds antimony).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, bindparam, select, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement as _Element
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import Float

# More words than this add cost without narrowing anything a person would type.
MAX_WORDS = 8
# Accents stripped when indexing on PostgreSQL (SQLite's tokenizer strips them itself).
_LATIN = [chr(c) for c in range(0xC0, 0x250)]
_PLAIN = {
    ch: unicodedata.normalize("NFKD", ch)[0]
    for ch in _LATIN
    if ch == ch.lower() and unicodedata.normalize("NFKD", ch)[0].isascii() and ch.isalpha()
}
ACCENTED = "".join(k for k, v in _PLAIN.items() if k != v)
UNACCENTED = "".join(_PLAIN[k] for k in ACCENTED)


@dataclass(frozen=True)
class Searched:
    """A table whose text is searched, and the SQL of each piece of that text."""

    table: str
    sqlite: tuple[str, ...]  # expressions over the row (prefixed new./old. in triggers)
    postgresql: tuple[str, ...]

    @property
    def fts(self) -> str:
        return f"{self.table}_fts"

    def columns(self) -> list[str]:
        # The table's own column names: FTS5 reads the content table by them if it must.
        return list(self.sqlite)


def _json_words(column: str, prefix: str = "") -> str:
    return f"(SELECT group_concat(value, ' ') FROM json_each({prefix}{column}))"


SEARCHED = {
    s.table: s
    for s in (
        Searched("deal", ("title", "summary"), ("title", "summary")),
        Searched("shipment", ("description",), ("description",)),
        Searched("event", ("summary",), ("summary",)),
        Searched("source", ("title",), ("title",)),
        Searched("party", ("name", "aliases"), ("name", "aliases::jsonb::text")),
        Searched("commodity", ("name", "aliases"), ("name", "aliases::jsonb::text")),
        # One row per deal: its shipments' descriptions (tracker/summaries/shipment_words).
        Searched("deal_shipment_words", ("descriptions",), ("descriptions",)),
    )
}
JSON_COLUMNS = {"aliases"}


def _sqlite_value(expr: str, prefix: str) -> str:
    return _json_words(expr, prefix) if expr in JSON_COLUMNS else f"{prefix}{expr}"


def pg_vector(table: str, alias: str | None = None) -> str:
    """The indexed tsvector expression of TABLE's row (the query must repeat it exactly)."""
    q = f"{alias}." if alias else ""
    parts = " || ' ' || ".join(f"coalesce({q}{p}, '')" for p in SEARCHED[table].postgresql)
    return (
        f"to_tsvector('simple'::regconfig, translate(lower({parts}), '{ACCENTED}', '{UNACCENTED}'))"
    )


def create_sql(dialect: str) -> list[str]:
    """Statements that build the search indexes for every searched table."""
    statements: list[str] = []
    for s in SEARCHED.values():
        if dialect == "postgresql":
            statements.append(
                f"CREATE INDEX IF NOT EXISTS ix_{s.table}_search ON {s.table} "
                f"USING gin ({pg_vector(s.table)})"
            )
            continue
        cols = ", ".join(s.columns())
        statements.append(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {s.fts} USING fts5({cols}, content='{s.table}', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
        )
        values = ", ".join(_sqlite_value(e, "") for e in s.sqlite)
        statements.append(f"INSERT INTO {s.fts}(rowid, {cols}) SELECT id, {values} FROM {s.table}")
        statements += sqlite_triggers(s)
    return statements


def sqlite_triggers(s: Searched) -> list[str]:
    """The triggers that keep S's FTS table in step with its rows (IF NOT EXISTS: a table
    rebuilt by a later batch migration loses its triggers, and these bring them back)."""
    cols = ", ".join(s.columns())
    new = ", ".join(_sqlite_value(e, "new.") for e in s.sqlite)
    old = ", ".join(_sqlite_value(e, "old.") for e in s.sqlite)
    add = f"INSERT INTO {s.fts}(rowid, {cols}) VALUES (new.id, {new});"
    remove = f"INSERT INTO {s.fts}({s.fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"
    watched = ", ".join(dict.fromkeys(s.sqlite))
    head = "CREATE TRIGGER IF NOT EXISTS"
    return [
        f"{head} {s.fts}_ai AFTER INSERT ON {s.table} BEGIN {add} END",
        f"{head} {s.fts}_ad AFTER DELETE ON {s.table} BEGIN {remove} END",
        f"{head} {s.fts}_au AFTER UPDATE OF {watched} ON {s.table} BEGIN {remove} {add} END",
    ]


def text_token_triggers() -> list[str]:
    """SQLite triggers that draw a new data_version.shipment_text with every change to the
    shipments' searched text (every write the shipment_fts triggers make), so that a count
    remembered under the token can never outlive the text it counted (tracker.queries.word_hits).
    A restored database brings back the token of the text it holds."""
    bump = "UPDATE data_version SET shipment_text = random();"
    head = "CREATE TRIGGER IF NOT EXISTS shipment_fts_token"
    watched = ", ".join(SEARCHED["shipment"].sqlite)
    return [
        f"{head}_ai AFTER INSERT ON shipment BEGIN {bump} END",
        f"{head}_ad AFTER DELETE ON shipment BEGIN {bump} END",
        f"{head}_au AFTER UPDATE OF {watched} ON shipment BEGIN {bump} END",
    ]


# A new PostgreSQL token for the shipments' text (pg_text_token_trigger).
PG_DRAW_TOKEN = "UPDATE data_version SET shipment_text = floor(random() * 9e18)::bigint;"


def pg_text_token_trigger() -> list[str]:
    """PostgreSQL's text_token_triggers: a transaction that inserts or deletes shipments or sets
    their description or deleted flag draws a new data_version.shipment_text, once, as it
    commits. The token names the live descriptions here (the count kept under it is of live
    shipments: tallies.live_descriptions_holding), so the deleted flag counts as a change.
    Deferred to the commit, it takes the data_version row no earlier than the page cache's own
    bump (after the transaction's first flush) already has: drawn at each statement, it took
    that row before the rest of the flush's writes, and two writers' transactions could each
    hold a row the other waits for."""
    flag = "tracker.shipment_text_drawn"  # set for the transaction: drawn once in it
    return [
        "CREATE OR REPLACE FUNCTION shipment_text_token() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN IF current_setting('{flag}', true) IS DISTINCT FROM '1' THEN {PG_DRAW_TOKEN} "
        f"PERFORM set_config('{flag}', '1', true); END IF; RETURN NULL; END $$",
        "CREATE CONSTRAINT TRIGGER shipment_text_token AFTER INSERT OR DELETE OR UPDATE OF "
        "description, deleted ON shipment DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
        "EXECUTE FUNCTION shipment_text_token()",
    ]


def drop_sql(dialect: str) -> list[str]:
    """Statements that remove the search indexes (the migration's downgrade)."""
    if dialect == "postgresql":
        return [f"DROP INDEX IF EXISTS ix_{t}_search" for t in SEARCHED]
    out = []
    for s in SEARCHED.values():
        out += [f"DROP TRIGGER IF EXISTS {s.fts}_{x}" for x in ("ai", "ad", "au")]
        out.append(f"DROP TABLE IF EXISTS {s.fts}")
    return out


def is_search_object(name: str | None) -> bool:
    """Whether a schema object belongs to the search indexes (not to the models)."""
    if not name:
        return False
    return any(
        name == f"ix_{t}_search" or name == f"{t}_fts" or name.startswith(f"{t}_fts_")
        for t in SEARCHED
    )


def words(q: str) -> list[str]:
    """The query's words, lowercased and without accents; at most MAX_WORDS."""
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", q.lower()) if not unicodedata.combining(c)
    )
    return list(dict.fromkeys(re.findall(r"[^\W_]+", plain)))[:MAX_WORDS]


class _Hits(FunctionElement):
    """Ids of TABLE's rows whose own text holds WORD, as a FROM clause: read from the FTS
    table (SQLite) or through the GIN index (PostgreSQL), never by a pass over TABLE."""

    inherit_cache = False
    name = "hits"

    def __init__(self, table: str, word: str):
        self.table, self.word = table, word
        super().__init__()


@compiles(_Hits)
def _hits_sqlite(element: _Hits, compiler, **kw) -> str:
    fts = SEARCHED[element.table].fts
    pattern = compiler.process(bindparam(None, f'"{element.word}"*', unique=True), **kw)
    return f"(SELECT rowid AS id FROM {fts} WHERE {fts} MATCH {pattern})"


@compiles(_Hits, "postgresql")
def _hits_pg(element: _Hits, compiler, **kw) -> str:
    pattern = compiler.process(bindparam(None, f"{element.word}:*", unique=True), **kw)
    table = element.table
    return (
        f"(SELECT {table}.id AS id FROM {table} "
        f"WHERE {pg_vector(table, table)} @@ to_tsquery('simple', {pattern}))"
    )


def hit_ids(table: str, word: str) -> Select:
    """SELECT of the ids of TABLE's rows whose own text holds WORD."""
    hits = _Hits(table, word).table_valued("id")
    return select(hits.c.id)


class _OwnTextHolds(_Element):
    """Whether the row of TABLE whose id is ID_COLUMN holds WORD in its own text, tested on that
    row alone (for a walk along another index that tests each row in turn)."""

    inherit_cache = False
    # No Boolean type: SQLite has no native booleans, and SQLAlchemy would test a Boolean
    # element as `(...) = 1`, which evaluates both tests of the OR (134 ms, against 1.7).

    def __init__(self, table: str, id_column, word: str):
        self.table, self.id_column, self.word = table, id_column, word


@compiles(_OwnTextHolds)
def _own_text_holds_sqlite(element: _OwnTextHolds, compiler, **kw) -> str:
    # A prefix's hits are merged in full before any is read (40 ms a row for a word in a million
    # descriptions, or all of them built into an IN list once: 190 ms); the whole word is
    # looked up for the one row (0.1 ms). The prefix's list is built only for a row the whole
    # word misses (`+ 0`: no index on the id is tempted to start from it).
    fts = SEARCHED[element.table].fts
    column = compiler.process(element.id_column, **kw)
    whole = compiler.process(bindparam(None, f'"{element.word}"', unique=True), **kw)
    prefix = compiler.process(bindparam(None, f'"{element.word}"*', unique=True), **kw)
    return (
        f"(EXISTS (SELECT 1 FROM {fts} WHERE {fts} MATCH {whole} AND rowid = {column}) "
        f"OR {column} + 0 IN (SELECT rowid FROM {fts} WHERE {fts} MATCH {prefix}))"
    )


def own_text_holds(table: str, id_column, word: str) -> ColumnElement[bool]:
    """Whether the row of TABLE with id ID_COLUMN holds WORD (as a prefix) in its own text,
    looked up for that row: the same rows as `ID_COLUMN IN hit_ids(TABLE, WORD)`. SQLite only
    (paging.seek_words)."""
    return _OwnTextHolds(table, id_column, word)


class _Rank(_Element):
    """How well TABLE's own text fits the words: smaller is better, 0 for no match."""

    inherit_cache = False
    type = Float()

    def __init__(self, table: str, id_column, query_words: list[str]):
        self.table, self.id_column, self.words = table, id_column, query_words


@compiles(_Rank)
def _rank_sqlite(element: _Rank, compiler, **kw) -> str:
    fts = SEARCHED[element.table].fts
    any_word = " OR ".join(f'"{w}"*' for w in element.words)
    pattern = compiler.process(bindparam(None, any_word, unique=True), **kw)
    column = compiler.process(element.id_column, **kw)
    # Scored once: the hits and their bm25 are read in one pass (LIMIT -1 keeps SQLite from
    # flattening the subquery, so it is built once and looked up through an automatic index).
    # A MATCH per row re-reads the words' whole lists for each row: 1.2 ms a row at 10,000
    # deals, where this costs 45 ms for all of them.
    return (
        f"coalesce((SELECT hit.score FROM (SELECT rowid AS id, bm25({fts}) AS score "
        f"FROM {fts} WHERE {fts} MATCH {pattern} LIMIT -1) AS hit WHERE hit.id = {column}), 0)"
    )


@compiles(_Rank, "postgresql")
def _rank_pg(element: _Rank, compiler, **kw) -> str:
    # websearch_to_tsquery reads the words as typed; OR-ed so that partial fits rank too.
    pattern = compiler.process(bindparam(None, " or ".join(element.words), unique=True), **kw)
    alias = compiler.process(element.id_column, **kw).rsplit(".", 1)[0]
    return f"-ts_rank({pg_vector(element.table, alias)}, websearch_to_tsquery('simple', {pattern}))"


def rank(table: str, id_column, q: str) -> ColumnElement:
    """An ascending sort key: rows whose own text fits the query best come first."""
    return _Rank(table, id_column, words(q))


def own_matches(
    connection, table: str, q: str, at_most: int | None, *, whole_words: bool = False
) -> int:
    """How many rows of TABLE have their own text fit a word of Q, counted up to AT_MOST (the
    index's hits are read until then, never all of a common word's). AT_MOST None counts all
    (SQLite only: a million hits in 20 ms, against 28 through a LIMIT).

    WHOLE_WORDS: rows holding a word as typed, not as a prefix (a lower bound of the count).
    On SQLite a prefix's hits are merged in full before the first is read (17 ms to count
    5,000 of a word in a million descriptions), a whole word's only as far as asked (2 ms).
    PostgreSQL's count is of whole words always (websearch_to_tsquery)."""
    found = words(q)
    if not found:
        return 0
    if dialect_of(connection) == "postgresql":
        return _own_matches_pg(connection, table, " or ".join(found), at_most)
    fts = SEARCHED[table].fts
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {fts} WHERE {fts} MATCH :pattern LIMIT :n)"
    if at_most is None:
        sql = f"SELECT count(*) FROM {fts} WHERE {fts} MATCH :pattern"
    pattern = " OR ".join(f'"{w}"' if whole_words else f'"{w}"*' for w in found)
    return connection.execute(text(sql), {"pattern": pattern, "n": at_most}).scalar()


def whole_word_matches_among(connection, table: str, word: str, ids: list[int]) -> int:
    """How many of TABLE's rows IDS hold WORD, whole, in their own text: one index seek an id
    (14 ms for a thousand at a million rows). SQLite only."""
    if not ids:
        return 0
    fts = SEARCHED[table].fts
    sql = text(f"SELECT count(*) FROM {fts} WHERE {fts} MATCH :pattern AND rowid IN :ids")
    sql = sql.bindparams(bindparam("ids", expanding=True))
    return connection.execute(sql, {"pattern": f'"{word}"', "ids": ids}).scalar()


@contextmanager
def _pg_settings(connection, **values: str) -> Iterator[None]:
    """PostgreSQL planner settings for the statements inside, set for the transaction only
    (set_config's `true`) and put back after them."""
    before = {
        name: connection.execute(
            text("SELECT current_setting(:name), set_config(:name, :value, true)"),
            {"name": name, "value": value},
        ).scalar()
        for name, value in values.items()
    }
    try:
        yield
    finally:
        for name, value in before.items():
            connection.execute(
                text("SELECT set_config(:name, :value, true)"), {"name": name, "value": value}
            )


def _own_matches_pg(connection, table: str, pattern: str, at_most: int) -> int:
    """own_matches on PostgreSQL. A plain `... LIMIT n` let the planner scan the table, betting
    on early matches (it guesses 0.5% of rows for a word it has no statistics on): a word in
    no description read all of a million shipments, 10 s. In a MATERIALIZED CTE the search
    is planned without the LIMIT (the GIN index for a rare word: 3 ms) and still read only
    as far as the LIMIT; without parallel workers, whose start-up made a common word
    ("synthetic", in every description) take 216 ms instead of 40 for its first match."""
    sql = (
        f"WITH found AS MATERIALIZED (SELECT 1 FROM {table} WHERE {pg_vector(table)} @@ "
        "websearch_to_tsquery('simple', :pattern)) "
        "SELECT count(*) FROM (SELECT 1 FROM found LIMIT :n) AS first"
    )
    with _pg_settings(connection, max_parallel_workers_per_gather="0"):
        return connection.execute(text(sql), {"pattern": pattern, "n": at_most}).scalar()


def live_shipments_holding_pg(connection, word: str) -> int:
    """How many live shipments' descriptions hold WORD as a prefix, which is what the search
    selects them by (PostgreSQL): every hit counted through the GIN index. Planned freely, a
    word the statistics call common ("synthetic", in every description) was counted by
    reading the table and making each row's tsvector again, 3.6 to 6 s at a million; through
    the index, without parallel workers (their start-up cost more than a rare word's count),
    about 180 ms for that word and 1 to 3 ms for a rare one."""
    sql = text(
        f"SELECT count(*) FROM shipment WHERE deleted = false AND {pg_vector('shipment')} @@ "
        "to_tsquery('simple', :pattern)"
    )
    with _pg_settings(connection, enable_seqscan="off", max_parallel_workers_per_gather="0"):
        return connection.execute(sql, {"pattern": f"{word}:*"}).scalar()


def dialect_of(connection) -> str:
    """The database name ('sqlite', 'postgresql') of a session or connection."""
    bind = connection.get_bind() if hasattr(connection, "get_bind") else connection
    return bind.dialect.name
