"""Page cost against data size: /, /timeline and /?commodity=antimony at 1,000 and at 1,000,000
shipment items (10,000 deals), as the median of repeated requests through the real app served
over HTTP. Target: large/small under 2 for each page."""

from __future__ import annotations

import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from werkzeug.serving import WSGIRequestHandler, make_server

from tracker import create_app
from tracker.db import migrate

PATHS = ("/", "/timeline", "/?commodity=antimony")
# (label, deals, shipments): one item per shipment, the same deals-to-items ratio at both sizes.
SIZES = (("1k", 10, 1_000), ("1M", 10_000, 1_000_000))
# Timed requests per page after the first; the median of 25 is steady to a few percent here.
REPEATS = int(os.environ.get("BENCH_REPEATS", "25"))
TARGET_RATIO = 2.0
DEMO_SEED = 7


class QuietHandler(WSGIRequestHandler):
    """Werkzeug's handler without the access log line, which would bury the figures."""

    def log_request(self, *args, **kwargs) -> None:
        pass


def build(directory: Path, deals: int, shipments: int) -> str:
    """A migrated SQLite database filled by `tracker demo-data`; returns its URL."""
    url = f"sqlite:///{directory / f'bench-{shipments}.db'}"
    migrate.upgrade(url)
    env = dict(os.environ, TRACKER_DATABASE_URL=url)
    args = ["demo-data", "--deals", str(deals), "--shipments", str(shipments)]
    subprocess.run(
        [sys.executable, "-m", "tracker", *args, "--seed", str(DEMO_SEED)], env=env, check=True
    )
    return url


def _get(port: int, path: str) -> float:
    """Seconds for one GET of PATH, body read in full; the status must be 200."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    started = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"GET {path} answered {response.status}")
    return elapsed


def measure(url: str) -> dict[str, tuple[float, float]]:
    """{path: (first request, median of REPEATS)} in seconds, the app served in a thread."""
    app = create_app({"TRACKER_DATABASE_URL": url})
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        out = {}
        for path in PATHS:
            first = _get(server.server_port, path)
            times = [_get(server.server_port, path) for _ in range(REPEATS)]
            out[path] = (first, statistics.median(times))
        return out
    finally:
        server.shutdown()
        app.extensions["tracker.engine"].dispose()


def run() -> None:
    """Build both databases, time every page on each, print the figures and the ratios."""
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as tmp:
        results = {}
        for label, deals, shipments in SIZES:
            started = time.perf_counter()
            url = build(Path(tmp), deals, shipments)
            print(f"   built {label}: {deals:,} deals, {shipments:,} shipment items "
                  f"in {time.perf_counter() - started:.1f} s", flush=True)  # fmt: skip
            results[label] = measure(url)
        report(results)


def report(results: dict[str, dict[str, tuple[float, float]]]) -> None:
    """One line per page: medians at each size, their ratio, and the first (uncached) request."""
    small, large = (label for label, _, _ in SIZES)
    print(f"   {'page':<24}{'median ' + small:>12}{'median ' + large:>12}{'ratio':>8}"
          f"{'first ' + small:>12}{'first ' + large:>12}")  # fmt: skip
    worst = 0.0
    for path in PATHS:
        (f_small, m_small), (f_large, m_large) = results[small][path], results[large][path]
        ratio = m_large / m_small
        worst = max(worst, ratio)
        print(f"   {path:<24}{m_small * 1000:>10.1f}ms{m_large * 1000:>10.1f}ms{ratio:>8.2f}"
              f"{f_small * 1000:>10.1f}ms{f_large * 1000:>10.1f}ms")  # fmt: skip
    verdict = "met" if worst < TARGET_RATIO else "NOT met"
    print(f"   worst ratio {worst:.2f} (target < {TARGET_RATIO}: {verdict}); medians of {REPEATS} "
          "requests after the first; 'first' is the uncached request after start-up")  # fmt: skip
