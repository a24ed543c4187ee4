"""A bounded load run against the production server (`tracker serve`: gunicorn, 2 threaded
workers) at 1,000,000 shipment items, on SQLite and on PostgreSQL, as issue 14 asks.

LOAD_CLIENTS clients (default 50) for LOAD_SECONDS (default 60): 90% reads, a third each of
dashboards (with party and commodity pages), lists and record pages (deals, shipments, events and
sources), all picked at random from the database's real keys; 10% editor writes through the
forms (logged in, with the CSRF token): new deals, deal value edits and shipment edits. Prints
per database requests/s, p50, p99, the errors (any answer that is not a page or a redirect, a
timeout, a refused connection) and the "database is locked" count (busy 503 answers and the
phrase in a body or in the server log); then, under the same server settings and the same
clients, record pages with the same 10% of writes (their reads per second, after readers have
read record pages for LOAD_WARM_SECONDS, default 40, as a server up for a while has), record
pages alone, and a bare Flask page, with the ratios to it. Reads are anonymous, as the public's
are (an editor's pages carry edit links and are cached apart); writes are an editor's.

Party and commodity pages sum every deal of one party or commodity: they are dashboards, and
issue 14 bounds them by their cold time at 1M against 1k (tests/bench/scale.py); "record pages"
are the pages of one record.

The SQLite database is a fresh copy, each run, of tests/bench/scale.py's (kept in
$SCALE_BENCH_DIR); the PostgreSQL one is made by `tracker demo-data` with the same sizes in
database LOAD_PG_DATABASE (default tracker_bench_1m) on LOAD_PG_SERVER (default
postgresql+psycopg://postgres@127.0.0.1:5432) and kept between runs by a ready marker beside
the SQLite files. All traffic stays on 127.0.0.1;
every request has a timeout and every loop a deadline."""

from __future__ import annotations

import html.parser
import http.cookiejar
import os
import random
import re
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.bench import scale

CLIENTS = int(os.environ.get("LOAD_CLIENTS", "50"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
# Record pages alone and the bare page are each measured for this long, after the mixed run.
COMPARE_SECONDS = min(SECONDS, 20.0)
# Before record pages are timed with writes, readers read them for this long: the cache of a
# server that has been up a while holds them (per worker), and the writes then show what they
# throw away.
WARM_SECONDS = float(os.environ.get("LOAD_WARM_SECONDS", "40"))
DEALS, ITEMS = 10_000, 1_000_000
PG_SERVER = os.environ.get("LOAD_PG_SERVER", "postgresql+psycopg://postgres@127.0.0.1:5432")
PG_DATABASE = os.environ.get("LOAD_PG_DATABASE", "tracker_bench_1m")
# Which databases to load (LOAD_DATABASES=sqlite for a quick look at one).
DATABASES = os.environ.get("LOAD_DATABASES", "sqlite,postgresql").split(",")
REQUEST_TIMEOUT_S = 60
WRITE_SHARE = 0.10
# Keys sampled per kind of record page; spread over the whole id range, not the first rows.
SAMPLE = 300
DASHBOARDS = ("/", "/commodities/antimony", "/parties/china")
LOCKED = "database is locked"


def _bench_dir() -> Path:
    return scale._dir()


def sqlite_database() -> str:
    """A fresh copy of scale.py's kept 1M database: this run's writes (edited descriptions, new
    deals) would otherwise change what the other benchmarks measure there on later runs (a
    description edited to "Load run edit" no longer holds the demo's words)."""
    kept = Path(scale.database(DEALS, ITEMS).removeprefix("sqlite:///"))
    copy = kept.with_name(f"load-{kept.name}")
    scale.copy_database(kept, copy)
    return f"sqlite:///{copy}"


def postgres_database() -> str | None:
    """The PostgreSQL demo database (made once; None when no server answers)."""
    url = f"{PG_SERVER}/{PG_DATABASE}"
    ready = _bench_dir() / f"pg-{PG_DATABASE}-{ITEMS}.ready"
    admin = create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            exists = c.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": PG_DATABASE}
            )
            if not ready.exists():
                if exists:
                    c.execute(text(f'DROP DATABASE "{PG_DATABASE}"'))
                c.execute(text(f'CREATE DATABASE "{PG_DATABASE}"'))
    except Exception as exc:  # no server: the SQLite figures still print
        print(f"   PostgreSQL not reachable ({type(exc).__name__}); its load run is skipped")
        return None
    finally:
        admin.dispose()
    env = {**os.environ, "TRACKER_DATABASE_URL": url}
    if not ready.exists():
        started = time.perf_counter()
        scale._run(env, "db", "upgrade")
        scale._run(
            env, "demo-data", "--deals", str(DEALS), "--shipments", str(ITEMS), "--seed", "7"
        )
        scale._run(env, "users", "add", "bench", "--role", "editor", stdin=scale.PASSWORD + "\n")
        ready.touch()
        print(f"   PostgreSQL demo data made in {time.perf_counter() - started:.0f} s", flush=True)
    scale._run(env, "db", "upgrade")
    return url


# Record pages: (path prefix, table, key column, which rows have a page).
RECORD_KINDS = (
    ("deals", "deal", "slug", "deleted = false"),
    ("shipments", "shipment", "slug", "deleted = false"),
    ("events", "event", "slug", "deleted = false"),
    ("parties", "party", "slug", "true"),
    ("commodities", "commodity", "slug", "true"),
    ("sources", "source", "id", "true"),
)
# The pages of one record; the rest of RECORD_KINDS are dashboards of one party or commodity.
ONE_RECORD = ("deals", "shipments", "events", "sources")


def record_paths(url: str) -> dict[str, list[str]]:
    """Real record pages of each kind, sampled at random across the whole id range."""
    engine = create_engine(url)
    rng = random.Random(14)
    out: dict[str, list[str]] = {}
    with engine.connect() as c:
        for kind, table, key, live in RECORD_KINDS:
            top = c.scalar(text(f"SELECT max(id) FROM {table}")) or 0
            ids = ",".join(str(rng.randint(1, top)) for _ in range(SAMPLE * 2)) or "0"
            query = f"SELECT {key} FROM {table} WHERE {live} AND id IN ({ids}) LIMIT {SAMPLE}"
            out[kind] = [f"/{kind}/{k}" for k in c.scalars(text(query))]
    engine.dispose()
    return out


class _Form(html.parser.HTMLParser):
    """The fields of the first form whose action ends with ACTION, as a browser would send them."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action, self.inside, self.done = action, False, False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._first: str | None = None
        self._chosen = self._multiple = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done:
            self.inside = (a.get("action") or "").endswith(self.action) or not a.get("action")
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file"):
                self.fields.append((name, a.get("value") or ("y" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select, self._first, self._chosen = name, None, False
            self._multiple = "multiple" in a
        elif tag == "option" and self._select:
            if self._first is None:  # a browser sends a single select's first option by default
                self._first = a.get("value") or ""
            if "selected" in a:
                self._chosen = True
                self.fields.append((self._select, a.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "select":
            if self._select and not self._chosen and self._first is not None and not self._multiple:
                self.fields.append((self._select, self._first))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def _form_fields(opener, base: str, path: str) -> list[tuple[str, str]]:
    with opener.open(base + path, timeout=REQUEST_TIMEOUT_S) as r:
        page = r.read().decode()
    parser = _Form(path)
    parser.feed(page)
    return parser.fields


def _send(opener, base: str, path: str, fields: list[tuple[str, str]]) -> tuple[int, str]:
    body = urllib.parse.urlencode(fields).encode()
    try:
        with opener.open(base + path, data=body, timeout=REQUEST_TIMEOUT_S) as r:
            return r.status, r.read().decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


def _replace(fields: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    """FIELDS with NAME set to VALUE (added when the form had no such field)."""
    return [(k, v) for k, v in fields if k != name] + [(name, value)]


def write(opener, base: str, rng: random.Random, paths: dict[str, list[str]]) -> tuple[int, str]:
    """One editor write through a form: a new deal, a deal's value, or a shipment's description."""
    choice = rng.random()
    if choice < 0.4:
        path = "/deals/new"
        fields = _form_fields(opener, base, path)
        stamp = f"{threading.get_ident()}-{time.time_ns()}"
        fields = _replace(fields, "title", f"Load run deal {stamp}")
        fields = _replace(fields, "kind", "offtake")
        fields = _replace(fields, "status", "signed")
        fields += [("commodities", "antimony")]
        return _send(opener, base, path, fields)
    if choice < 0.7:
        path = rng.choice(paths["deals"]) + "/edit"
        fields = _form_fields(opener, base, path)
        fields = _replace(
            fields, "value_amount", f"{rng.randint(1, 10**7)}.{rng.randint(0, 99):02d}"
        )
        fields = _replace(fields, "value_currency", "USD")
        fields = _replace(fields, "value_undisclosed", "")
        fields = [(k, v) for k, v in fields if k != "value_undisclosed"]
        return _send(opener, base, path, fields)
    path = rng.choice(paths["shipments"]) + "/edit"
    fields = _form_fields(opener, base, path)
    fields = _replace(fields, "description", f"Load run edit {time.time_ns()}")
    return _send(opener, base, path, fields)


def read(opener, base: str, path: str) -> tuple[int, str]:
    try:
        with opener.open(base + path, timeout=REQUEST_TIMEOUT_S) as r:
            return r.status, r.read().decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


def _reads(paths: dict[str, list[str]]):
    """A picker of dashboards (with party and commodity pages), lists and record pages: a third
    of the reads each."""
    dashboards = [*DASHBOARDS, *[p for k, v in paths.items() if k not in ONE_RECORD for p in v]]
    groups = (dashboards, list(scale.LISTS), _one_record(paths))
    return lambda rng: rng.choice(rng.choice(groups))


def _one_record(paths: dict[str, list[str]]) -> list[str]:
    return [p for kind in ONE_RECORD for p in paths[kind]]


def drive(base: str, seconds: float, pick, writes: bool, paths) -> dict:
    """CLIENTS threads until the deadline; each request's time and outcome. Reads are an
    anonymous reader's, as the public's are; writes are a signed-in editor's."""
    login = _login(base) if writes else None
    stop = time.monotonic() + seconds
    times: list[float] = []
    tally = {"errors": 0, "locked": 0, "writes": 0}
    lock = threading.Lock()
    statuses: dict[int, int] = {}
    samples: list[str] = []

    def client(n: int) -> None:
        rng = random.Random(n)
        reader = scale._client()
        editor = _logged_in(login) if login else None
        while time.monotonic() < stop:
            started = time.perf_counter()
            is_write = writes and rng.random() < WRITE_SHARE
            try:
                if is_write:
                    status, body = write(editor, base, rng, paths)
                else:
                    status, body = read(reader, base, pick(rng))
            except Exception as exc:  # timeout, refused or reset connection: an error all the same
                status, body = 0, repr(exc)
            with lock:
                times.append(time.perf_counter() - started)
                statuses[status] = statuses.get(status, 0) + 1
                tally["errors"] += not 200 <= status < 400
                if not 200 <= status < 400 and len(samples) < 5:
                    samples.append(f"{status} {'write' if is_write else 'read'}: {_gist(body)}")
                tally["locked"] += status == 503 or LOCKED in body
                tally["writes"] += is_write

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + REQUEST_TIMEOUT_S * 3)
    times.sort()
    return {
        "requests/s": len(times) / seconds,
        "reads/s": (len(times) - tally["writes"]) / seconds,
        "p50 ms": times[len(times) // 2] * 1000 if times else 0,
        "p99 ms": times[int(len(times) * 0.99)] * 1000 if times else 0,
        **tally,
        "statuses": statuses,
        "samples": samples,
    }


def _login(base: str) -> http.cookiejar.CookieJar:
    """One editor login before the clock starts (each costs a deliberately slow password hash);
    every writing client then carries its session cookie."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    status = scale.post(opener, base, "/login", {"username": "bench", "password": scale.PASSWORD})
    assert status in (200, 302, 303), status
    return jar


def _logged_in(login: http.cookiejar.CookieJar):
    jar = http.cookiejar.CookieJar()
    for cookie in login:
        jar.set_cookie(cookie)
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def _gist(body: str) -> str:
    """An error answer in one line: its page's heading and first message, or the exception."""
    words = re.sub(r"<[^>]+>", " ", body.split("<main", 1)[-1])
    return " ".join(words.split())[:160]


def serve(url: str, log: Path, *command: str, ready: str = "/healthz"):
    """scale.serve, with the server's own log kept (to count "database is locked" in it)."""
    port = scale._port()
    env = {**os.environ, "TRACKER_DATABASE_URL": url}
    argv = list(command) or [scale.PYTHON, "-m", "tracker", "serve", "--workers", "2"]
    argv += ["--bind", f"127.0.0.1:{port}"]
    handle = log.open("w")
    server = subprocess.Popen(argv, env=env, stderr=handle, stdout=handle)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + scale.START_LIMIT_S
    while time.monotonic() < deadline:
        try:
            scale.urllib.request.urlopen(base + ready, timeout=10).read()
            return server, base
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError(f"{argv} did not answer")


def _stop(server) -> None:
    server.terminate()
    try:
        server.wait(timeout=90)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def bare_rate(url: str, seconds: float) -> float:
    """A one-line Flask page under the same gunicorn settings as `tracker serve`."""
    from tracker.commands.serve import DEFAULT_THREADS, WORKER_CLASS

    app = _bench_dir() / "bare_app.py"
    app.write_text(scale.BARE_APP)
    cmd = [scale.PYTHON, "-m", "gunicorn", "--chdir", str(app.parent), "-k", WORKER_CLASS,
           "-w", "2", "--threads", str(DEFAULT_THREADS), "bare_app:app"]  # fmt: skip
    server, base = serve(url, _bench_dir() / "bare.log", *cmd, ready="/")
    try:
        return drive(base, seconds, lambda rng: "/", False, {})["requests/s"]
    finally:
        _stop(server)


def run_one(label: str, url: str) -> dict:
    paths = record_paths(url)
    log = _bench_dir() / f"load-{label}.log"
    server, base = serve(url, log)
    records = _one_record(paths)
    try:
        mixed = drive(base, SECONDS, _reads(paths), True, paths)
        one = lambda rng: rng.choice(records)  # noqa: E731
        warm = drive(base, WARM_SECONDS, one, False, paths)
        # Record pages alone before the writes: after them, this phase timed mostly the
        # re-rendering of the pages the writes had just made stale (0.45x the bare page on
        # SQLite at 914e417, against 0.67x once warm), not record pages at rest.
        pages = drive(base, COMPARE_SECONDS, one, False, paths)
        written = drive(base, COMPARE_SECONDS, one, True, paths)
    finally:
        _stop(server)
    mixed["locked"] += log.read_text(errors="replace").count(LOCKED)
    return {"mixed": mixed, "warm": warm, "written": written, "records": pages}


def run() -> None:
    print(
        f"   {CLIENTS} clients for {SECONDS:.0f} s at {ITEMS:,} items, "
        f"{WRITE_SHARE:.0%} editor writes through the forms",
        flush=True,
    )
    urls = {"SQLite": sqlite_database()} if "sqlite" in DATABASES else {}
    pg = postgres_database() if "postgresql" in DATABASES else None
    if pg:
        urls["PostgreSQL"] = pg
    bare = bare_rate(next(iter(urls.values())), COMPARE_SECONDS) if urls else 1.0
    print(f"   bare Flask page, same server settings: {bare:,.1f} requests/s", flush=True)
    for label, url in urls.items():
        result = run_one(label, url)
        for sample in result["mixed"]["samples"] + result["written"]["samples"]:
            print(f"   {label} error: {sample}", flush=True)
        m, w, r = result["mixed"], result["written"], result["records"]
        print(
            f"   {label}: readers read record pages for {WARM_SECONDS:.0f} s first: "
            f"{result['warm']['requests/s']:,.1f} requests/s while the cache fills",
            flush=True,
        )
        print(
            f"   {label}: {m['requests/s']:,.1f} requests/s, p50 {m['p50 ms']:,.0f} ms, "
            f"p99 {m['p99 ms']:,.0f} ms, {m['writes']} writes, errors {m['errors']}, "
            f"database is locked {m['locked']} (statuses {m['statuses']})",
            flush=True,
        )
        print(
            f"   {label}: record pages with {WRITE_SHARE:.0%} writes {w['reads/s']:,.1f} reads/s "
            f"(p50 {w['p50 ms']:,.0f} ms, {w['writes']} writes, errors {w['errors']}, "
            f"locked {w['locked']}), ratio to the bare page {w['reads/s'] / bare:.2f}; "
            f"record pages alone {r['requests/s']:,.1f} requests/s (p50 {r['p50 ms']:,.0f} ms, "
            f"errors {r['errors']}), ratio {r['requests/s'] / bare:.2f}",
            flush=True,
        )
