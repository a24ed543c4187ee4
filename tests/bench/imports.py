"""How long a large CSV import holds SQLite's write lock, and its rows/s: the import as it is
(every row checked, then the new records written in multi-row INSERTs) against the row-by-row
write it replaced (writer.upsert per row, as before issue 14), on copies of one database.

IMPORT_BENCH_ROWS new shipment rows (default 19,000, the size issue 14 measured) are made from
the 1,000-item demo database of tests/bench/scale.py, each shipment given a new slug. While the
import runs, a second connection asks for the write lock (BEGIN IMMEDIATE) every 20 ms, as an
editor's save would; the longest time it waited is the lock hold the other writers saw."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import threading
import time
from pathlib import Path

from sqlalchemy import select

from tests.bench import scale

ROWS = int(os.environ.get("IMPORT_BENCH_ROWS", "19000"))
PROBE_EVERY_S = 0.02


def source_csv(url: str) -> bytes:
    """ROWS shipment rows in the export's columns, every one a new shipment."""
    from tracker import create_app, db
    from tracker.importing.columns import COLUMNS, shipment_rows
    from tracker.models import Shipment

    app = create_app({"TRACKER_DATABASE_URL": url, "TRACKER_SCHEDULER": False})
    template: list[dict] = []
    with app.app_context(), db.unit_of_work(db.engine()) as s:
        for shipment in s.scalars(select(Shipment).order_by(Shipment.id).limit(500)):
            template.extend(shipment_rows(s, shipment))
    app.extensions["tracker.engine"].dispose()  # no connection left open on the kept database
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS["shipments"], lineterminator="\r\n")
    writer.writeheader()
    for n in range(ROWS):
        row = dict(template[n % len(template)])
        row["shipment_slug"] = f"bench-import-{n}"
        writer.writerow(row)
    return out.getvalue().encode()


def row_by_row(session, kind: str, data: bytes, actor: str):
    """The write as it was before: one writer.upsert per checked row (same checks first)."""
    from tracker.importing.run import MODELS, check_file
    from tracker.records import writer

    report, plan = check_file(session, kind, data)
    assert report.ok, report.problems[:3]
    for slug, values, links in plan:
        writer.upsert(
            session,
            actor=actor,
            model=MODELS[kind],
            key={"slug": slug},
            values={k: v for k, v in values.items() if k != "slug"},
            links=links,
            note=f"CSV import of {kind}",
        )
    return report


def bulk(session, kind: str, data: bytes, actor: str):
    from tracker.importing.run import import_csv

    report = import_csv(session, kind=kind, data=data, actor=actor)
    assert report.ok, report.problems[:3]
    return report


def _probe(path: Path, stop: threading.Event, waits: list[float]) -> None:
    """Ask for the write lock over and over; note how long each ask waited."""
    con = sqlite3.connect(path, timeout=600, isolation_level=None)
    try:
        while not stop.is_set():
            started = time.perf_counter()
            con.execute("BEGIN IMMEDIATE")
            con.execute("ROLLBACK")
            waits.append(time.perf_counter() - started)
            stop.wait(PROBE_EVERY_S)
    finally:
        con.close()


def measure(path: Path, data: bytes, write) -> tuple[float, float]:
    """(rows/s of the whole import, longest wait for the write lock) on database PATH."""
    from tracker import db

    engine = db.make_engine(f"sqlite:///{path}")
    stop, waits = threading.Event(), []
    probe = threading.Thread(target=_probe, args=(path, stop, waits), daemon=True)
    probe.start()
    started = time.perf_counter()
    try:
        with db.unit_of_work(engine) as session:
            write(session, "shipments", data, "import:bench")
    finally:
        took = time.perf_counter() - started
        stop.set()
        probe.join(timeout=620)
        engine.dispose()
    return ROWS / took, max(waits, default=0.0)


def run() -> None:
    base = Path(scale.database(10, 1_000).removeprefix("sqlite:///"))
    data = source_csv(f"sqlite:///{base}")
    print(f"   {ROWS:,} new shipment rows into the 1k demo database (SQLite)", flush=True)
    for label, write in (("row by row (before)", row_by_row), ("bulk INSERTs (now)", bulk)):
        copy = scale._dir() / f"import-bench-{write.__name__}.db"
        scale.copy_database(base, copy)
        rate, hold = measure(copy, data, write)
        print(f"   {label}: {rate:,.0f} rows/s, write lock held up to {hold:.2f} s", flush=True)
