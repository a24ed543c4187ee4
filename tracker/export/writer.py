"""Streaming CSV: rows go from a database cursor to bytes a batch at a time, never all at once."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from types import SimpleNamespace

from sqlalchemy import Engine, select

from tracker.export import sql, statements
from tracker.export.columns import KINDS, STRING
from tracker.models import Citation, Source
from tracker.queries import sorting
from tracker.queries.filters import Filter
from tracker.records.conflicts import SINGLE_VALUED, find_conflicts

# Rows fetched and written per chunk: one chunk per row costs 2.5x in the server and 50x in the
# client (DESIGN.md, measured); 1,000 rows (~300 KB) keeps memory flat and chunks few.
BATCH_ROWS = 1000
# Filenames name the filter; past this many characters the rest is cut (the URL keeps it all).
MAX_FILENAME_FILTER_CHARS = 120

# RFC 4180 ends every record, the last one too, with CRLF.
LINE_END = "\r\n"

Progress = Callable[[int], None]
# Excel reads a CSV without it as the local code page and garbles "–" and accented names.
UTF8_BOM = "\ufeff".encode()


def with_bom(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """CHUNKS after a UTF-8 byte-order mark (the "Excel" variant)."""
    yield UTF8_BOM
    yield from chunks


def stream_csv(
    engine: Engine, kind: str, f: Filter, *, progress: Progress | None = None
) -> Iterator[bytes]:
    """The bytes of KIND.csv for the Filter: a header chunk, then one chunk per batch of rows.

    The database builds each CSV record (see sql.csv_line), so Python only joins lines: that
    keeps the export near the speed of the sqlite3 CLI. Nothing touches the database until the
    first row chunk is asked for, and closing the iterator (a client that went away) closes the
    cursor and stops the work.
    """
    columns = KINDS[kind]
    yield (",".join(c.name for c in columns) + LINE_END).encode("utf-8")
    written = 0
    with engine.connect() as conn:
        flagged = disagreeing(conn, f) if kind == "citations" else frozenset()
        if kind in sorting.SORTS:  # the list's own order: unranked where it is (sorting.settled)
            f = sorting.settled(conn, kind, f)
        stmt = statements.statement(kind, f, engine.dialect.name, disagreeing=flagged)
        texts = [c.type == STRING for c in columns]
        line = sql.csv_line(list(stmt.selected_columns), texts, engine.dialect.name)
        lines = stmt.with_only_columns(line, maintain_column_froms=True)
        streaming = conn.execution_options(stream_results=True, yield_per=BATCH_ROWS)
        # Closing the result closes PostgreSQL's server-side cursor when a client leaves early.
        with streaming.execute(lines) as result:
            for rows in result.partitions():
                written += len(rows)
                if progress:
                    progress(written)
                yield (LINE_END.join(r[0] for r in rows) + LINE_END).encode("utf-8")


def disagreeing(conn, f: Filter) -> frozenset[int]:
    """Ids of the selected citations on a field where the sources disagree."""
    claims = conn.execute(
        select(
            Citation.id,
            Citation.record_type,
            Citation.record_id,
            Citation.field,
            Citation.value,
            Source.id,
            Source.publisher,
        )
        .join(Source, Source.id == Citation.source_id)
        .where(statements.cited(f), Citation.field.in_(SINGLE_VALUED))
    ).all()
    pairs = [
        (
            SimpleNamespace(record_type=t, record_id=rid, field=fld, value=v),
            SimpleNamespace(id=sid, publisher=pub),
        )
        for _cid, t, rid, fld, v, sid, pub in claims
    ]
    keys = {(c.record_type, c.record_id, c.field) for c in find_conflicts(pairs)}
    return frozenset(cid for cid, t, rid, fld, *_ in claims if (t, rid, fld) in keys)


def filename(kind: str, f: Filter, today: date) -> str:
    """tracker-deals-2026-11-26-commodity-antimony_country-PAK.csv: what and when, safe on disk."""
    parts = [f"{name}-{value}" for name, value in f.to_args()]
    described = re.sub(r"[^A-Za-z0-9._-]+", "-", "_".join(parts)).strip("-")
    described = described[:MAX_FILENAME_FILTER_CHARS]
    stem = f"tracker-{kind}-{today.isoformat()}"
    return f"{stem}-{described}.csv" if described else f"{stem}.csv"
