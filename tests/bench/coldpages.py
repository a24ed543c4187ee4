"""Cold and warm dashboards and record pages under `tracker serve` (gunicorn, 2 threaded
workers) at 1,000 and 1,000,000 shipment items, and record pages' requests/s against a bare
Flask page under the same server.

Cold is the first request after a record write (the data version changes), in each worker:
two requests after each write, so both workers' first one is timed (the slower is printed).
Warm is the median of WARM_REPEATS. The rate run sends RATE_CLIENTS anonymous clients for
RATE_SECONDS over the deal, shipment, event, party, commodity and source pages of
RATE_RECORDS records of each kind. Uses the databases of tests/bench/scale.py (kept in
$SCALE_BENCH_DIR). All traffic stays on 127.0.0.1; every loop is bounded."""

from __future__ import annotations

import statistics
import threading
import time

from sqlalchemy import create_engine, text

from tests.bench.scale import (
    BARE_APP,
    PYTHON,
    SIZES,
    _dir,
    busiest_country,
    database,
    get,
    serve,
    write_record,
)

WARM_REPEATS = 7
RATE_CLIENTS = 8
RATE_SECONDS = 8.0
RATE_RECORDS = 10
# Requests per record page before the rate run: enough that both workers have each cached
# (gunicorn does not say which worker takes a connection).
WARMING_ROUNDS = 8
# The ratio of record pages' requests/s to the bare page's that the scale issue asks for.
RATE_TARGET = 0.5


def record_paths(url: str) -> list[str]:
    """Record pages of RATE_RECORDS deals, shipments, events, parties and sources, and the
    antimony page: the pages a reader follows from a chart or a list."""
    engine = create_engine(url)
    kinds = (
        ("deals", "SELECT slug FROM deal WHERE deleted = 0 ORDER BY id LIMIT :n"),
        ("shipments", "SELECT slug FROM shipment WHERE deleted = 0 ORDER BY id LIMIT :n"),
        ("events", "SELECT slug FROM event WHERE deleted = 0 ORDER BY id LIMIT :n"),
        ("parties", "SELECT slug FROM party WHERE deleted = 0 ORDER BY id LIMIT :n"),
        ("sources", "SELECT id FROM source WHERE deleted = 0 ORDER BY id LIMIT :n"),
    )
    paths = ["/commodities/antimony"]
    with engine.connect() as c:
        for kind, query in kinds:
            paths += [f"/{kind}/{key}" for key in c.scalars(text(query), {"n": RATE_RECORDS})]
    engine.dispose()
    return paths


def cold_and_warm(url: str, base: str, path: str) -> tuple[float, float]:
    """The slower of both workers' first request after a write, and the warm median."""
    write_record(url)
    first = [get(base, path) for _ in range(2)]
    assert all(status == 200 for _, status in first), (path, first)
    warm = statistics.median(get(base, path)[0] for _ in range(WARM_REPEATS))
    return max(t for t, _ in first), warm


def rate(base: str, paths: list[str]) -> tuple[float, int]:
    """Requests/s of RATE_CLIENTS clients cycling through PATHS, and how many failed."""
    stop, done, failed, lock = time.monotonic() + RATE_SECONDS, [0], [0], threading.Lock()

    def client(n: int) -> None:
        i = n
        while time.monotonic() < stop:
            _, status = get(base, paths[i % len(paths)])
            i += 1
            with lock:
                done[0] += 1
                failed[0] += status != 200

    threads = [threading.Thread(target=client, args=(n,)) for n in range(RATE_CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done[0] / RATE_SECONDS, failed[0]


def bare_rate(url: str) -> float:
    """Requests/s of a one-line Flask page under the same gunicorn settings."""
    app = _dir() / "bare_app.py"
    app.write_text(BARE_APP)
    cmd = [PYTHON, "-m", "gunicorn", "--chdir", str(app.parent), "-k", "gthread", "-w", "2",
           "--threads", "4", "bare_app:app"]  # fmt: skip
    server, base = serve(url, *cmd)
    try:
        return rate(base, ["/"])[0]
    finally:
        server.terminate()
        server.wait()


def run() -> None:
    results: dict[str, dict[str, tuple[float, float]]] = {}
    rates: dict[str, tuple[float, int]] = {}
    url = ""
    party_page = busiest_country(database(*SIZES[0][1:]))
    for label, deals, items in SIZES:
        url = database(deals, items)
        paths = record_paths(url)
        pages = ("/", "/commodities/antimony", party_page, paths[1], paths[1 + RATE_RECORDS])
        server, base = serve(url)
        try:
            results[label] = {p: cold_and_warm(url, base, p) for p in pages}
            results[label]["(record pages)"] = results[label].pop(paths[1])
            results[label]["(shipment page)"] = results[label].pop(paths[1 + RATE_RECORDS])
            for path in paths * WARMING_ROUNDS:  # in both workers: the rate run times hits
                get(base, path)
            rates[label] = rate(base, paths)
        finally:
            server.terminate()
            server.wait()
    small, large = (s[0] for s in SIZES)
    print(f"   {'page':<24}{'cold ' + small:>11}{'cold ' + large:>11}{'x':>6}"
          f"{'warm ' + small:>11}{'warm ' + large:>11}{'x':>6}")  # fmt: skip
    for page in results[small]:
        (c1, w1), (c2, w2) = results[small][page], results[large][page]
        name = "/deals/<slug>" if page == "(record pages)" else page
        name = "/shipments/<slug>" if page == "(shipment page)" else name
        print(f"   {name:<24}{c1 * 1000:>9.0f}ms{c2 * 1000:>9.0f}ms{c2 / c1:>6.1f}"
              f"{w1 * 1000:>9.1f}ms{w2 * 1000:>9.1f}ms{w2 / w1:>6.1f}")  # fmt: skip
    bare = bare_rate(url)
    print(f"   bare Flask page, same server: {bare:,.0f} requests/s ({RATE_CLIENTS} clients)")
    for label, (per_second, failed) in rates.items():
        ratio = per_second / bare
        verdict = "met" if ratio >= RATE_TARGET else "NOT met"
        print(f"   {label}: record pages {per_second:,.0f} requests/s, {failed} failed, "
              f"{ratio:.2f} of the bare page (target {RATE_TARGET}: {verdict})")  # fmt: skip
