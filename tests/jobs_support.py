"""A real HTTP server on 127.0.0.1 serving fixture feeds and pages (our own words), good and bad."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Seconds a hanging route holds its answer at most, so a test never waits forever on one.
HANG_LIMIT_S = 30


@dataclass
class Route:
    """What one path answers: status, content type and body; or hang, or stream past a cap."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    hang: bool = False
    stream_bytes: int = 0  # when set: send this many bytes without a Content-Length
    delay_s: float = 0.0  # a slow host: wait this long before answering
    location: str = ""  # when set: a Location header (a redirect, with a 3xx status)


class FixtureServer:
    """ThreadingHTTPServer on a free port; ROUTES maps paths to Routes and can change in tests."""

    def __init__(self, address: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str]] = []  # (path, user agent)
        self.hosts: list[str] = []  # the Host header of each request
        self.release = threading.Event()
        self.address = address
        self._server = ThreadingHTTPServer((address, 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://{self.address}:{self.port}{path}"

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def __enter__(self) -> FixtureServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                server.requests.append((self.path, self.headers.get("User-Agent", "")))
                server.hosts.append(self.headers.get("Host", ""))
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                if route.hang:
                    server.release.wait(HANG_LIMIT_S)
                    return
                if route.delay_s:
                    server.release.wait(route.delay_s)
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                if route.location:
                    self.send_header("Location", route.location)
                if route.stream_bytes:
                    self.end_headers()
                    chunk = b"<!-- " + b"x" * 65_000 + b" -->\n"
                    for _ in range(route.stream_bytes // len(chunk) + 1):
                        self.wfile.write(chunk)
                    return
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, *args):
                pass  # quiet test output

        return Handler


def rss(items: list[tuple[str, str, str]], title: str = "Test wire") -> bytes:
    """An RSS 2.0 feed of (title, link, summary) items."""
    parts = [
        f"<item><title>{t}</title><link>{link}</link><description>{s}</description>"
        "<pubDate>Mon, 03 Nov 2025 09:00:00 GMT</pubDate></item>"
        for t, link, s in items
    ]
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://127.0.0.1/</link><description>fixtures</description>"
        + "".join(parts)
        + "</channel></rss>"
    ).encode()


def article_html(headline: str, paragraphs: list[str]) -> bytes:
    """A small news page in our own words."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{headline}</title></head><body><nav>Home | World | Markets</nav>"
        f"<article><h1>{headline}</h1>{body}</article><footer>Test Wire</footer></body></html>"
    ).encode()


ANTIMONY_PAGE = article_html(
    "Northfield Metals signs antimony offtake with Valdoria",
    [
        "Northfield Metals said on Monday it had signed an agreement to buy antimony concentrate "
        "from the state miner of Valdoria, a deal the two sides valued at about $40 million.",
        "The first shipment of 2,000 tonnes is due to leave the port of Arlen in January, the "
        "company said in a statement, with deliveries running for three years.",
        "Valdoria's mines ministry confirmed the agreement and said export permits had been "
        "issued for the first two cargoes.",
    ],
)
GALLIUM_PAGE = article_html(
    "Refiner plans gallium recovery line at Kestrel plant",
    [
        "Kestrel Refining will build a line to recover gallium at its plant in Brenmoor, the "
        "company said on Tuesday, with output starting in 2027.",
        "The project is backed by a loan of $25 million from the regional development bank, "
        "which said the metal was on its list of critical materials.",
    ],
)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "aaaaaaaaaa">\n'
    + b"".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n'.encode() for i in range(9)
    )
    + b']>\n<rss version="2.0"><channel><title>&j;</title><item><title>antimony &j;</title>'
    b"<link>http://127.0.0.1/x</link></item></channel></rss>"
)
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
    b'<rss version="2.0"><channel><title>t</title><item><title>antimony &secret;</title>'
    b"<link>http://127.0.0.1/y</link><description>&secret;</description></item></channel></rss>"
)


def encoded(xml: bytes, codec: str, name: str) -> bytes:
    """XML (UTF-8, declaration without encoding) re-encoded with CODEC and declared as NAME."""
    declared = xml.replace(
        b'<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{name}"?>'.encode()
    )
    return declared.decode("utf-8").encode(codec)


MALFORMED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title>'
    b"<item><title>Antimony exports resume</title><link>http://127.0.0.1/z</link>"
    b"</channel></rss>"
)


def scheduled_names(app) -> list[str]:
    """The jobs scheduled on the app's database: backups only on SQLite (PostgreSQL: pg_dump)."""
    names = ["poll_feeds", "check_sources", "backup", "flag_stale_deals"]
    if not app.config["TRACKER_DATABASE_URL"].startswith("sqlite"):
        names.remove("backup")
    return names


def add_feed(target, url: str, name: str) -> None:
    """Add a feed to the feed table of TARGET: an app or a database URL (as `tracker feeds add`)."""
    from tracker import db
    from tracker.jobs.feed_list import add_feed as add

    database_url = target if isinstance(target, str) else target.config["TRACKER_DATABASE_URL"]
    engine = db.make_engine(database_url)
    try:
        with db.unit_of_work(engine) as session:
            add(session, actor="test", url=url, name=name)
    finally:
        engine.dispose()
