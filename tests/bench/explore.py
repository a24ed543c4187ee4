"""Lists, sorting, facets and word search against data size, under the production server: `tracker
serve` (gunicorn, 2 threaded workers) on the databases of tests/bench/scale.py (1,000 and
1,000,000 shipment items; 10 and 10,000 deals). Each request is timed cold (the first after a
record write, so page caches are stale and SQLite's page cache is dropped; the median of
three such, after four reads that let both workers compile its templates) and warm (the
median of BENCH_REPEATS after it). Target: 1M within 3x of 1k, cold and warm, per request.

A deep page past the small list's end (it has 20 pages of shipments) is asked as that list's
last page (scale.deepest: an empty page is no baseline); a `(middle)` cursor is the one after
each list's middle row."""

from __future__ import annotations

import json
import os
import statistics
import urllib.request

from tests.bench.scale import SIZES, database, deepest, get, serve, write_record

PATHS = (
    "/deals",
    "/deals?page=100",
    "/deals?sort=-value",
    "/deals?sort=date",
    "/deals?sort=title",
    "/shipments",
    "/shipments?page=1000",
    "/shipments?sort=status",
    "/timeline",
    "/timeline?page=20",
    "/timeline?sort=-date",
    "/timeline?sort=-date&page=20",
    "/api/v1/deals",
    "/api/v1/deals?sort=-value&page=100",
    "/api/v1/shipments",
    "/api/v1/shipments?page=1000",
    "/api/v1/shipments?sort=-date&page=20",
    "/api/v1/shipments?sort=-date&cursor=(middle)",
    "/api/v1/events",
    "/api/v1/events?sort=-date&page=100",
    "/api/v1/events?sort=-date&cursor=(middle)",
    "/deals?q=synthetic+lithium",
    "/deals?q=antimony",
    "/deals?q=USSM",
    "/deals?q=pakistan+antimony",
    "/shipments?q=cobalt",
    "/shipments?q=USSM",
    "/shipments?q=pakistan+antimony",
    "/api/v1/deals?q=pakistan&sort=-value",
    "/api/v1/shipments?q=cobalt",
    # A word in every demo shipment's description: the densest search there is, alone and
    # beside a word or a commodity.
    "/shipments?q=synthetic",
    "/api/v1/shipments?q=synthetic",
    "/shipments?q=synthetic+cobalt",
    "/api/v1/shipments?q=synthetic+cobalt",
    "/shipments?q=synthetic&commodity=antimony",
    # Facet counts beside a filtered list, and the sorted reference lists.
    "/deals?commodity=antimony",
    "/shipments?commodity=antimony",
    "/shipments?country=PAK",
    "/timeline?commodity=antimony",
    "/commodities?sort=-deals",
    "/commodities?sort=-shipments",
    "/parties?sort=-deals",
    "/parties?sort=name&commodity=antimony",
    "/sources?sort=-facts",
)
REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))
# Cold requests are single events on a shared machine: the median of three, each after its
# own write, so that one stall of another process does not pass for the app's time.
COLD_REPEATS = 3
TARGET_RATIO = 3.0
MIDDLE = "(middle)"


def _middle_cursor(base: str, path: str) -> str:
    """PATH with its (middle) cursor replaced by the cursor after the list's middle row. (The
    cursor after its middle page was none for a list of one page, 30 events at 1k: the path
    then asked for the first page, which the page cache keeps, and its warm time was a hit.)"""
    listing = path.replace(f"cursor={MIDDLE}", "")
    with urllib.request.urlopen(base + listing, timeout=300) as r:
        total = json.load(r)["total"]
    middle = f"{base}{listing}per_page=1&page={max(1, total // 2)}"
    with urllib.request.urlopen(middle, timeout=300) as r:
        cursor = json.load(r)["next_cursor"]
    assert cursor, f"no cursor after the middle of {listing}"
    return path.replace(MIDDLE, cursor)


def measure(url: str) -> dict[str, tuple[float, float]]:
    """{path: (cold seconds, warm median seconds)} with the app under `tracker serve`."""
    server, base = serve(url)
    try:
        out = {}
        for path in PATHS:
            asked = _middle_cursor(base, path) if MIDDLE in path else deepest(base, path)
            if asked != path and MIDDLE not in path:
                print(f"   {path} asked as {asked} (the list's last page)", flush=True)
            for _ in range(4):  # both workers compile the page's templates before it is timed
                get(base, asked)
            colds = []
            for _ in range(COLD_REPEATS):
                write_record(url)
                seconds, status = get(base, asked)
                assert status == 200, (asked, status)
                colds.append(seconds)
            cold = statistics.median(colds)
            warm = statistics.median(get(base, asked)[0] for _ in range(REPEATS))
            out[path] = (cold, warm)
        return out
    finally:
        server.terminate()
        server.wait()


def run() -> None:
    """Time every request on both databases and print the ratios, cold and warm."""
    results = {label: measure(database(deals, items)) for label, deals, items in SIZES}
    small, large = (label for label, _, _ in SIZES)
    print(f"   {'request':<46}{'cold ' + small:>10}{'cold ' + large:>10}{'x':>6}"
          f"{'warm ' + small:>10}{'warm ' + large:>10}{'x':>6}")  # fmt: skip
    worst = {"cold": (0.0, ""), "warm": (0.0, "")}
    for path in PATHS:
        (c1, w1), (c2, w2) = results[small][path], results[large][path]
        for name, ratio in (("cold", c2 / c1), ("warm", w2 / w1)):
            worst[name] = max(worst[name], (ratio, path))
        print(f"   {path:<46}{c1 * 1000:>8.0f}ms{c2 * 1000:>8.0f}ms{c2 / c1:>6.1f}"
              f"{w1 * 1000:>8.0f}ms{w2 * 1000:>8.0f}ms{w2 / w1:>6.1f}")  # fmt: skip
    for name, (ratio, path) in worst.items():
        verdict = "met" if ratio <= TARGET_RATIO else "NOT met"
        print(f"   worst {name} ratio {ratio:.2f} ({path}; target <= {TARGET_RATIO}: {verdict})")
    print(f"   cold: medians of {COLD_REPEATS}, each right after a write; warm: medians of "
          f"{REPEATS}; tracker serve (gunicorn, 2 threaded workers)")  # fmt: skip
