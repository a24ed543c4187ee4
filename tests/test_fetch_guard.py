"""No fetch reaches an internal address: every spelling, every redirect hop, every DNS answer.

Real HTTP servers on 127.0.0.1 (and 127.0.0.2) stand in for internal services: a refused fetch
must never reach them. DNS is faked with a monkeypatched getaddrinfo for rebinding cases.
"""

from __future__ import annotations

import ipaddress
import socket

import pytest

from tests.inbox_support import fetch_url, poll_article
from tests.jobs_support import FixtureServer, Route, add_feed, rss
from tracker import db
from tracker.config import ConfigError, from_environment
from tracker.fetching import web
from tracker.fetching.addresses import is_public, parse_networks
from tracker.jobs import JobContext, job_specs, run

LOOPBACK = parse_networks("127.0.0.1/32")
PAGE = b"<html><body><p>internal secret</p></body></html>"
REAL_GETADDRINFO = socket.getaddrinfo


@pytest.fixture
def internal():
    """A server on 127.0.0.1 playing an internal service; .requests shows who reached it."""
    with FixtureServer() as server:
        server.routes["/"] = Route(PAGE)
        yield server


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "2130706433",  # decimal
        "0x7f000001",  # hex
        "017700000001",  # octal
        "127.1",  # short form
        "localhost",
        "[::ffff:127.0.0.1]",  # IPv4-mapped IPv6
        "[::1]",
    ],
)
def test_every_spelling_of_loopback_is_refused_without_a_request(internal, host):
    url = f"http://{host}:{internal.port}/"
    with pytest.raises(web.NoAnswer):
        web.fetch(url, max_bytes=10_000, timeout_s=5)
    with pytest.raises(web.NoAnswer):
        web.status_of(url, timeout_s=5)
    assert internal.requests == []


def test_an_allowed_network_is_fetched(internal):
    answer = web.fetch(internal.url("/"), max_bytes=10_000, timeout_s=5, allow=LOOPBACK)
    assert answer.body == PAGE
    assert web.status_of(internal.url("/"), timeout_s=5, allow=LOOPBACK) == 200


def test_a_redirect_to_an_internal_address_is_refused_at_that_hop(internal):
    """127.0.0.1 is opted in; its redirect to 127.0.0.2 (not opted in) must not be followed."""
    with FixtureServer("127.0.0.2") as other:
        other.routes["/admin"] = Route(PAGE)
        internal.routes["/go"] = _redirect(other.url("/admin"))
        with pytest.raises(web.NoAnswer):
            web.fetch(internal.url("/go"), max_bytes=10_000, timeout_s=5, allow=LOOPBACK)
        assert other.requests == []
        assert [path for path, _ in internal.requests] == ["/go"]


@pytest.mark.parametrize(
    "answers",
    [
        ["10.0.0.7"],
        ["169.254.169.254"],  # cloud metadata
        ["93.184.216.34", "127.0.0.1"],  # one internal answer among public ones
        ["::ffff:10.0.0.7"],
        ["2002:a00:7::1"],  # 6to4 around 10.0.0.7
        ["64:ff9b::a00:7"],  # NAT64 around 10.0.0.7
    ],
)
def test_a_name_resolving_to_an_internal_address_is_refused(internal, monkeypatch, answers):
    monkeypatch.setattr(socket, "getaddrinfo", _fake_dns({"intranet.example": answers}))
    with pytest.raises(web.NoAnswer):
        web.fetch(f"http://intranet.example:{internal.port}/", max_bytes=10_000, timeout_s=5)
    assert internal.requests == []


def test_the_checked_address_is_the_one_connected_to(internal, monkeypatch):
    """DNS rebinding: the name answers 127.0.0.1 (allowed) once, then 10.0.0.7. One lookup is
    made and the connection goes to the address checked; Host still names the host."""
    calls = []

    def rebinding(host, port, *args, **kwargs):
        if host != "rebind.example":
            return REAL_GETADDRINFO(host, port, *args, **kwargs)
        calls.append(host)
        address = "127.0.0.1" if len(calls) == 1 else "10.0.0.7"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    url = f"http://rebind.example:{internal.port}/"
    answer = web.fetch(url, max_bytes=10_000, timeout_s=5, allow=LOOPBACK)
    assert answer.body == PAGE and calls == ["rebind.example"]
    assert internal.hosts == [f"rebind.example:{internal.port}"]


def test_refused_closed_and_internal_addresses_read_the_same_to_an_editor(editor, internal):
    """No port oracle: an open internal port, a closed one and a blocked address look alike."""
    open_port, closed_port = internal.url("/"), "http://127.0.0.1:9/"
    messages = []
    for url in (open_port, closed_port, "http://10.255.255.1/"):
        page = poll_article(editor, fetch_url(editor, url)).get_data(as_text=True)
        assert "internal secret" not in page
        messages.append(page.replace(url, "URL").split("The fetch failed:")[1][:200])
    assert messages[0] == messages[1] == messages[2]
    assert "no answer from a public web server" in messages[0]
    assert internal.requests == []


def test_feed_polling_refuses_an_internal_feed_and_internal_entries(seeded_app, internal):
    """Without TRACKER_FETCH_ALLOW the poll reaches nothing on 127.0.0.1."""
    internal.routes["/feed.xml"] = Route(
        rss([("Antimony offtake signed", internal.url("/"), "antimony")]),
        content_type="application/rss+xml",
    )
    add_feed(seeded_app, internal.url("/feed.xml"), "Internal")
    with seeded_app.app_context():
        record = run(
            job_specs(30)["poll_feeds"], JobContext.from_config(seeded_app.config, db.engine())
        )
    assert (record.new, record.errors) == (0, 1)
    assert "no answer from a public web server" in record.message
    assert internal.requests == []


def test_tracker_fetch_allow_is_read_from_the_environment():
    assert from_environment({})["TRACKER_FETCH_ALLOW"] == ()
    allowed = from_environment({"TRACKER_FETCH_ALLOW": "127.0.0.1/32, ::1/128"})
    assert allowed["TRACKER_FETCH_ALLOW"] == parse_networks("127.0.0.1/32,::1/128")
    with pytest.raises(ConfigError, match="TRACKER_FETCH_ALLOW: 'localhost'"):
        from_environment({"TRACKER_FETCH_ALLOW": "localhost"})


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2606:4700::1111", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("100.64.0.1", False),  # carrier-grade NAT
        ("169.254.169.254", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),  # multicast: is_global alone says True
        ("255.255.255.255", False),
        ("::", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("ff02::1", False),
        ("::ffff:192.168.1.1", False),
        ("2002:7f00:1::", False),  # 6to4 around 127.0.0.1: is_global alone says True
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", False),  # Teredo
    ],
)
def test_only_globally_routable_unicast_is_public(address, public):
    assert is_public(ipaddress.ip_address(address)) is public


def _fake_dns(names: dict[str, list[str]]):
    def getaddrinfo(host, port, *args, **kwargs):
        if host not in names:
            return REAL_GETADDRINFO(host, port, *args, **kwargs)
        results = []
        for address in names[host]:
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            sockaddr = (address, port, 0, 0) if family == socket.AF_INET6 else (address, port)
            results.append((family, socket.SOCK_STREAM, 6, "", sockaddr))
        return results

    return getaddrinfo


def _redirect(location: str) -> Route:
    """A route answering 302 to LOCATION."""
    return Route(b"", status=302, content_type="text/plain", location=location)


@pytest.fixture
def tls_site(tmp_path):
    """An HTTPS server on 127.0.0.1 with a self-signed certificate for secure.example only;
    .names lists the TLS server names (SNI) clients asked for."""
    import shutil
    import ssl
    import subprocess
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=secure.example", "-addext", "subjectAltName=DNS:secure.example"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    names: list[str | None] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            body = f"host={self.headers['Host']}".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda _sock, name, _ctx: names.append(name)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.names, server.cert = names, cert
    yield server
    server.shutdown()
    server.server_close()


def test_https_connects_to_the_checked_address_but_verifies_the_host_name(tls_site, monkeypatch):
    """The socket is pinned to 127.0.0.1; SNI, the certificate check and Host name the host."""
    import ssl

    port = tls_site.server_address[1]
    monkeypatch.setattr(socket, "getaddrinfo", _fake_dns({"secure.example": ["127.0.0.1"]}))
    trusting = ssl.create_default_context(cafile=str(tls_site.cert))
    monkeypatch.setattr(ssl, "_create_default_https_context", lambda *a, **k: trusting)

    answer = web.fetch(f"https://secure.example:{port}/", max_bytes=1000, allow=LOOPBACK)
    assert answer.body == f"host=secure.example:{port}".encode()
    assert tls_site.names == ["secure.example"]
    # The same server by its address: the certificate does not name it, so it is refused.
    with pytest.raises(web.NoAnswer):
        web.fetch(f"https://127.0.0.1:{port}/", max_bytes=1000, allow=LOOPBACK)
