"""HTTP(S) connections that connect only to addresses tracker.fetching.addresses permitted.

http.client resolves the host itself when it connects; these resolve once, check, and connect to
the checked address. TLS still verifies the certificate for the host name (SNI too), and the
Host header still names the host: only the socket's destination is pinned.
"""

from __future__ import annotations

import functools
import http.client
import socket
import urllib.request
from collections.abc import Iterable

from tracker.fetching.addresses import IPNetwork, resolve


def _connect_checked(allow: tuple[IPNetwork, ...], address, timeout, source_address=None):
    """A socket connected to one permitted address of ADDRESS's host (first that answers)."""
    host, port = address
    last_error: OSError | None = None
    for target in resolve(host, port, allow):
        sock = socket.socket(target.family, socket.SOCK_STREAM)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(target.sockaddr)
            return sock
        except OSError as exc:
            sock.close()
            last_error = exc
    raise last_error or OSError(f"no address of {host} answered")


class CheckedHTTPConnection(http.client.HTTPConnection):
    """An HTTPConnection whose socket goes only to a permitted, already-resolved address."""

    def __init__(self, *args, allow: tuple[IPNetwork, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = functools.partial(_connect_checked, allow)


class CheckedHTTPSConnection(http.client.HTTPSConnection):
    """The same for HTTPS: the socket is pinned, the certificate is checked for the host name."""

    def __init__(self, *args, allow: tuple[IPNetwork, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = functools.partial(_connect_checked, allow)


class CheckedHTTPHandler(urllib.request.HTTPHandler):
    """urllib's http:// handler, over CheckedHTTPConnection (each redirect hop too)."""

    def __init__(self, allow: Iterable[IPNetwork] = ()):
        super().__init__()
        self.allow = tuple(allow)

    def http_open(self, req):
        return self.do_open(functools.partial(CheckedHTTPConnection, allow=self.allow), req)


class CheckedHTTPSHandler(urllib.request.HTTPSHandler):
    """urllib's https:// handler, over CheckedHTTPSConnection (each redirect hop too)."""

    def __init__(self, allow: Iterable[IPNetwork] = ()):
        super().__init__()
        self.allow = tuple(allow)

    def https_open(self, req):
        return self.do_open(
            functools.partial(CheckedHTTPSConnection, allow=self.allow),
            req,
            context=self._context,
        )
