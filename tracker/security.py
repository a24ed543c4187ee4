"""Security headers on every response, and trusting a reverse proxy only when told to."""

from __future__ import annotations

from flask import Flask, Response
from werkzeug.middleware.proxy_fix import ProxyFix

# Everything is served from this origin (Plotly included) and no page has an inline script.
# Plotly injects <style> elements for its charts, so styles need 'unsafe-inline'; checked in
# the browser suite (tests/browser/test_curation.py), which fails on any CSP violation.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    # For browsers that predate frame-ancestors.
    "X-Frame-Options": "DENY",
}
# Production is HTTPS only: browsers then never try plain HTTP for a year (not on a laptop,
# where http://127.0.0.1 must keep working).
HSTS = "max-age=31536000; includeSubDomains"


def add_headers(response: Response) -> Response:
    """Set the security headers unless a view chose its own."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def add_hsts(response: Response) -> Response:
    """Strict-Transport-Security, for production."""
    response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def init_app(app: Flask) -> None:
    """Headers on every response (HSTS in production); ProxyFix when TRACKER_PROXIES is set."""
    app.after_request(add_headers)
    if app.config.get("TRACKER_ENV") == "production":
        app.after_request(add_hsts)
    proxies = app.config.get("TRACKER_PROXIES", 0)
    if proxies:
        # Without it, request.is_secure and remote_addr (the rate-limit key) are the proxy's.
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_prefix=proxies
        )
