"""Sorting and word search against data size: lists sorted by each column and searched by
words at 1,000 and at 1,000,000 shipment items (10 and 10,000 deals, as in the pages bench),
as the median of repeated requests through the real app over HTTP. Target: large/small
within 3 for each request.

The databases are kept in BENCH_EXPLORE_DIR (default /tmp/explore-bench) and reused while
their migration head matches, since building the large one takes minutes."""

from __future__ import annotations

import hashlib
import os
import statistics
import threading
from pathlib import Path

from werkzeug.serving import make_server

from tests.bench.pages import DEMO_SEED, SIZES, QuietHandler, _get, build
from tracker import create_app
from tracker.db import migrate

PATHS = (
    "/deals?sort=-value",
    "/deals?sort=title",
    "/deals?sort=date&page=3",
    "/shipments",
    "/shipments?sort=status",
    "/api/v1/shipments?sort=-date&page=20",
    "/deals?q=antimony",
    "/deals?q=synthetic+lithium",
    "/shipments?q=cobalt",
    "/api/v1/deals?q=pakistan&sort=-value",
)
REPEATS = int(os.environ.get("BENCH_REPEATS", "9"))
TARGET_RATIO = 3.0
CACHE = Path(os.environ.get("BENCH_EXPLORE_DIR", "/tmp/explore-bench"))


def database(deals: int, shipments: int) -> str:
    """The cached demo database of this size, built when missing or from another schema."""

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"bench-{shipments}.db"
    ready = CACHE / f"bench-{shipments}.ready"
    url = f"sqlite:///{path}"
    wanted = _schema_mark()
    if ready.exists() and ready.read_text() == wanted:
        return url
    for stale in CACHE.glob(f"bench-{shipments}.db*"):
        stale.unlink()
    build(CACHE, deals, shipments)
    ready.write_text(wanted)
    return url


def _schema_mark() -> str:
    """What the cached database was built from: the demo seed and every migration's text (a
    revision re-chained at a merge keeps its id, so the head alone would not tell)."""
    versions = Path(migrate.__file__).resolve().parents[1] / "migrations" / "versions"
    digest = hashlib.sha256()
    for path in sorted(versions.glob("*.py")):
        digest.update(path.read_bytes())
    return f"seed {DEMO_SEED} migrations {digest.hexdigest()}\n"


def measure(url: str) -> dict[str, float]:
    """{path: median seconds of REPEATS after one warm-up}, the app served in a thread."""
    app = create_app({"TRACKER_DATABASE_URL": url})
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        out = {}
        for path in PATHS:
            _get(server.server_port, path)
            out[path] = statistics.median(_get(server.server_port, path) for _ in range(REPEATS))
        return out
    finally:
        server.shutdown()
        app.extensions["tracker.engine"].dispose()


def run() -> None:
    """Build (or reuse) both databases, time every request on each, print the ratios."""
    results = {label: measure(database(deals, items)) for label, deals, items in SIZES}
    small, large = (label for label, _, _ in SIZES)
    print(f"   {'request':<40}{small:>10}{large:>10}{'ratio':>8}")
    worst = 0.0
    for path in PATHS:
        a, b = results[small][path], results[large][path]
        worst = max(worst, b / a)
        print(f"   {path:<40}{a * 1000:>8.1f}ms{b * 1000:>8.1f}ms{b / a:>8.2f}")
    verdict = "met" if worst <= TARGET_RATIO else "NOT met"
    print(f"   worst ratio {worst:.2f} (target <= {TARGET_RATIO}: {verdict}); medians of {REPEATS}")
