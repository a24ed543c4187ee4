"""Speed at scale under the production server: `tracker serve` (gunicorn, 2 threaded workers)
on SQLite databases of 1,000 and 1,000,000 shipment items from `tracker demo-data`.

Prints, per size: the cold request (the median of three first requests, each after a record
write) and the warm median for the dashboard, a commodity page and a party page; a failed
login (the data version must not change); list and API pages, first and deep. The load run
under the same server is tests/bench/load.py. Databases are kept in $SCALE_BENCH_DIR (default
/tmp/tracker-bench): the 1M one takes minutes to make. All traffic stays on 127.0.0.1; every
loop is bounded."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import closing
from pathlib import Path

from sqlalchemy import create_engine, text

from tracker.queries.filters import DEFAULT_PER_PAGE

PYTHON = sys.executable
SIZES = (("1k", 10, 1_000), ("1M", 10_000, 1_000_000))
WARM_REPEATS = 7
# Cold requests per page (each after its own write): the median is printed.
COLD_REPEATS = 3
START_LIMIT_S = 60
PASSWORD = "bench password long enough"
# The party page is chosen per run (busiest_country): China takes part in none of the ten deals
# at 1k, and an empty page is no baseline for a page of 160 deals.
PAGES = ("/", "/commodities/antimony")
LISTS = (
    "/deals",
    "/deals?page=100",
    "/shipments",
    "/shipments?page=1000",
    "/timeline",
    "/timeline?page=20",
    "/api/v1/deals",
    "/api/v1/shipments",
    "/api/v1/events",
)
BARE_APP = "from flask import Flask\napp = Flask('bare')\napp.route('/')(lambda: 'ok')\n"


def _dir() -> Path:
    root = Path(os.environ.get("SCALE_BENCH_DIR", Path(tempfile.gettempdir()) / "tracker-bench"))
    root.mkdir(parents=True, exist_ok=True)
    return root


def _run(env: dict, *args: str, stdin: str | None = None) -> None:
    subprocess.run([PYTHON, "-m", "tracker", *args], env=env, check=True, input=stdin,
                   text=True, stdout=subprocess.DEVNULL)  # fmt: skip


def database(deals: int, items: int) -> str:
    """A demo-data database with an editor 'bench', made once and kept."""
    path = _dir() / f"scale-{items}.db"
    url = f"sqlite:///{path}"
    env = {**os.environ, "TRACKER_DATABASE_URL": url}
    ready = path.with_suffix(".ready")
    if not ready.exists():
        for leftover in path.parent.glob(f"{path.name}*"):
            leftover.unlink()
        _run(env, "db", "upgrade")
        _run(env, "demo-data", "--deals", str(deals), "--shipments", str(items), "--seed", "7")
        _run(env, "users", "add", "bench", "--role", "editor", stdin=PASSWORD + "\n")
        ready.touch()
    _run(env, "db", "upgrade")
    return url


def copy_database(source: Path, target: Path) -> None:
    """TARGET, a copy of the SQLite database SOURCE made through SQLite's backup API: whole,
    with what its WAL holds. A plain file copy missed the WAL, and closing its file handle
    dropped every POSIX lock this process held on SOURCE (they are per process, not per
    handle), so connections to it still open here lost theirs: after `bench imports` had
    copied the 1k database so, `bench scale`'s 1k server answered every page from its cache
    after each write, and a second run failed with "disk I/O error"."""
    for leftover in target.parent.glob(f"{target.name}*"):
        leftover.unlink()
    with closing(sqlite3.connect(source)) as original, closing(sqlite3.connect(target)) as copy:
        original.backup(copy)


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(url: str, *command: str) -> tuple[subprocess.Popen, str]:
    """COMMAND (default: tracker serve, 2 workers) on a free port; waits until it answers."""
    port = _port()
    env = {**os.environ, "TRACKER_DATABASE_URL": url}
    argv = list(command) or [PYTHON, "-m", "tracker", "serve", "--workers", "2"]
    argv += ["--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(argv, env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_LIMIT_S
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/", timeout=120).read()
            return server, base
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError(f"{argv} did not answer")


def get(base: str, path: str, opener=None) -> tuple[float, int]:
    start = time.perf_counter()
    try:
        open_url = opener.open if opener is not None else urllib.request.urlopen
        with open_url(base + path, timeout=300) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return time.perf_counter() - start, status


def deepest(base: str, path: str) -> str:
    """PATH with its page number lowered to the list's last page when the list is shorter. A
    page past the end lists nothing and costs next to nothing: at 1k, /shipments?page=1000
    was an empty page timed against a full one at 1M. The deepest page a list has is the fair
    baseline for a deep page."""
    parts = urllib.parse.urlsplit(path)
    query = urllib.parse.parse_qsl(parts.query)
    asked = dict(query).get("page")
    if asked is None:
        return path
    first = urllib.parse.urlunsplit(
        parts._replace(query=urllib.parse.urlencode([(k, v) for k, v in query if k != "page"]))
    )
    with urllib.request.urlopen(base + first, timeout=300) as r:
        body = r.read().decode()
    if parts.path.startswith("/api/"):
        per_page = int(dict(query).get("per_page", DEFAULT_PER_PAGE))
        last = max(1, -(-json.loads(body)["total"] // per_page))
    elif found := re.search(r'rel="last" href="[^"]*[?&;]page=(\d+)', body):
        last = int(found.group(1))
    elif 'rel="next"' in body:  # counted only as "more than": no last page to lower to
        return path
    else:
        last = 1
    if int(asked) <= last:
        return path
    lowered = [(k, str(last) if k == "page" else v) for k, v in query]
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(lowered)))


def write_record(url: str) -> None:
    """A record write behind the server's back through the app's own session factory (so the
    data version changes as it would for an edit)."""
    from tracker import db

    engine = db.make_engine(url)
    with db.unit_of_work(engine) as s:
        s.execute(text("UPDATE deal SET title = title WHERE id = (SELECT min(id) FROM deal)"))
        from tracker.cache import versioning

        versioning.bump(s)
    engine.dispose()


def version(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as c:
        value = c.scalar(text("SELECT version FROM data_version"))
    engine.dispose()
    return value


def _client():
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def _token(opener, base: str, path: str) -> str:
    html = opener.open(base + path, timeout=120).read().decode()
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def post(opener, base: str, path: str, fields: dict, form: str | None = None) -> int:
    data = {"csrf_token": _token(opener, base, form or path), **fields}
    body = urllib.parse.urlencode(data, doseq=True).encode()
    try:
        with opener.open(base + path, data=body, timeout=300) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code


# The deals each record page selects, and all deals (a party or country takes part itself or
# through a party based there; critics and witnesses do not count).
COMMODITY_SHARE = (
    "SELECT count(DISTINCT dc.deal_id) FROM deal_commodity dc "
    "JOIN commodity c ON c.id = dc.commodity_id JOIN deal d ON d.id = dc.deal_id "
    "WHERE c.slug = 'antimony' AND NOT d.deleted"
)
# Deals per country party, counting its companies' deals as its page does.
COUNTRY_DEALS = (
    "SELECT c.slug, count(DISTINCT dp.deal_id) AS deals FROM party c "
    "JOIN party p ON p.id = c.id OR p.country_iso3 = c.iso3 "
    "JOIN deal_party dp ON dp.party_id = p.id JOIN deal d ON d.id = dp.deal_id "
    "WHERE c.kind = 'country' AND dp.role NOT IN ('critic', 'witness') AND NOT d.deleted "
    "GROUP BY c.slug"
)


def busiest_country(url: str) -> str:
    """The page of the country taking part in the most deals (ties by slug) in URL's database."""
    engine = create_engine(url)
    with engine.connect() as c:
        slug = c.execute(text(f"{COUNTRY_DEALS} ORDER BY deals DESC, c.slug LIMIT 1")).scalar()
    engine.dispose()
    return f"/parties/{slug}"


def selected_deals(url: str, party_page: str) -> dict[str, tuple[int, int]]:
    slug = party_page.rsplit("/", 1)[1]
    engine = create_engine(url)
    with engine.connect() as c:
        every = c.scalar(text("SELECT count(*) FROM deal WHERE NOT deleted"))
        by_country = dict(c.execute(text(COUNTRY_DEALS)).tuples().all())
        out = {
            "/commodities/antimony": (c.scalar(text(COMMODITY_SHARE)), every),
            party_page: (by_country.get(slug, 0), every),
        }
    engine.dispose()
    return out


def _rows_and_pages(lengths: dict[str, int]) -> list[str]:
    """Each list's rows and pages (the API's and the pages' size when none is asked)."""
    return [
        f"{path} has {n:,} rows ({-(-n // DEFAULT_PER_PAGE):,} pages)"
        for path, n in lengths.items()
    ]


def list_lengths(url: str) -> dict[str, int]:
    """Rows in each list with no filter (in pages of DEFAULT_PER_PAGE)."""
    engine = create_engine(url)
    with engine.connect() as c:
        out = {f"/{table}s": c.scalar(text(f"SELECT count(*) FROM {table} WHERE NOT deleted"))
               for table in ("deal", "shipment")}  # fmt: skip
        out["/timeline"] = c.scalar(text("SELECT count(*) FROM event WHERE NOT deleted"))
    engine.dispose()
    return out


def cold(url: str, base: str, path: str, expected: tuple[int, ...] = (200,)) -> float:
    """The median first request after a record write, over COLD_REPEATS writes. The path is
    read on both workers first, so a template's first compilation is not counted as cold."""
    for _ in range(4):
        get(base, path)
    times = []
    for _ in range(COLD_REPEATS):
        write_record(url)
        elapsed, status = get(base, path)
        assert status in expected, (path, status)
        times.append(elapsed)
    return statistics.median(times)


def pages(url: str, base: str, party_page: str) -> dict[str, tuple[float, float]]:
    out = {}
    for path in (*PAGES, party_page):
        first = cold(url, base, path)
        out[path] = (first, statistics.median(get(base, path)[0] for _ in range(WARM_REPEATS)))
    for path in LISTS:
        asked = deepest(base, path)
        if asked != path:
            print(f"   {path} asked as {asked} (the list's last page)", flush=True)
        first = cold(url, base, asked, (200, 404))
        out[path] = (first, statistics.median(get(base, asked)[0] for _ in range(3)))
    return out


def failed_login(url: str, base: str) -> tuple[bool, float]:
    """Whether a wrong password left the data version alone, and / right after it."""
    for _ in range(4):  # both workers have / cached before the login
        get(base, "/")
    before = version(url)
    post(_client(), base, "/login", {"username": "bench", "password": "wrong"})
    return version(url) == before, get(base, "/")[0]


def run() -> None:
    results, logins, shares, lengths = {}, {}, {}, {}
    party_page = busiest_country(database(*SIZES[0][1:]))
    for label, deals, items in SIZES:
        started = time.perf_counter()
        url = database(deals, items)
        print(f"   {label}: database ready in {time.perf_counter() - started:.0f} s", flush=True)
        shares[label] = selected_deals(url, party_page)
        lengths[label] = list_lengths(url)
        server, base = serve(url)
        try:
            results[label] = pages(url, base, party_page)
            logins[label] = failed_login(url, base)
        finally:
            server.terminate()
            server.wait()
    small, large = (s[0] for s in SIZES)
    print(f"   {'page':<24}{'cold ' + small:>11}{'cold ' + large:>11}{'x':>6}"
          f"{'warm ' + small:>11}{'warm ' + large:>11}{'x':>6}")  # fmt: skip
    for path in (*PAGES, party_page, *LISTS):
        (c1, w1), (c2, w2) = results[small][path], results[large][path]
        print(f"   {path:<24}{c1 * 1000:>9.0f}ms{c2 * 1000:>9.0f}ms{c2 / c1:>6.1f}"
              f"{w1 * 1000:>9.0f}ms{w2 * 1000:>9.0f}ms{w2 / w1:>6.1f}")  # fmt: skip
    # A page's work grows with the deals it selects: its share of all deals differs by size.
    for path, (n_small, of_small) in shares[small].items():
        n_large, of_large = shares[large][path]
        print(f"   {path} selects {n_small:,} of {of_small:,} deals at {small}, "
              f"{n_large:,} of {of_large:,} at {large}")  # fmt: skip
    # A deep page past a short list's end is asked as its last page (deepest).
    for label in (small, large):
        print(f"   {label}: " + ", ".join(_rows_and_pages(lengths[label])))
    for label in (small, large):
        unchanged, after = logins[label]
        print(f"   {label}: failed login left the data version alone: {unchanged}; "
              f"/ right after it {after * 1000:.0f} ms")  # fmt: skip
