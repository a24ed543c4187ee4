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


# Pages with facet counts, and the sorted lists of commodities, parties and sources, timed
# under the production server (tracker serve: gunicorn) on the scale bench's databases
# ($SCALE_BENCH_DIR; copy /work/bench's prebuilt ones there): cold is the first request
# after a record write, warm the median of WARM_REPEATS after it.
FACET_PATHS = (
    "/deals",
    "/deals?commodity=antimony",
    "/shipments",
    "/shipments?commodity=antimony",
    "/shipments?country=PAK",
    "/timeline",
    "/timeline?commodity=antimony",
    "/commodities?sort=-deals",
    "/commodities?sort=-shipments",
    "/parties?sort=-deals",
    "/parties?sort=name&commodity=antimony",
    "/sources?sort=-facts",
)
WARM_REPEATS = 5


def served(url: str) -> dict[str, tuple[float, float]]:
    """{path: (cold, warm seconds)} under `tracker serve` on URL."""
    from tests.bench import scale

    server, base = scale.serve(url)
    try:
        out = {}
        for path in FACET_PATHS:
            scale.write_record(url)
            cold, status = scale.get(base, path)
            assert status == 200, (path, status)
            warm = statistics.median(scale.get(base, path)[0] for _ in range(WARM_REPEATS))
            out[path] = (cold, warm)
        return out
    finally:
        server.terminate()
        server.wait()


def run_served() -> None:
    """Facet pages and sorted lists, 1k against 1M items, cold and warm."""
    from tests.bench import scale

    results = {label: served(scale.database(deals, items)) for label, deals, items in scale.SIZES}
    small, large = (label for label, _, _ in scale.SIZES)
    print(f"   {'under tracker serve':<40}{'cold ' + small:>12}{'cold ' + large:>12}{'ratio':>7}"
          f"{'warm ' + small:>12}{'warm ' + large:>12}{'ratio':>7}")  # fmt: skip
    worst = 0.0
    for path in FACET_PATHS:
        (c1, w1), (c2, w2) = results[small][path], results[large][path]
        worst = max(worst, c2 / c1, w2 / w1)
        print(f"   {path:<40}{c1 * 1000:>10.1f}ms{c2 * 1000:>10.1f}ms{c2 / c1:>7.2f}"
              f"{w1 * 1000:>10.1f}ms{w2 * 1000:>10.1f}ms{w2 / w1:>7.2f}")  # fmt: skip
    verdict = "met" if worst <= TARGET_RATIO else "NOT met"
    print(f"   worst ratio {worst:.2f} (target <= {TARGET_RATIO}: {verdict})")


def run() -> None:
    """Build (or reuse) both databases, time every request on each, print the ratios."""
    run_served()
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
