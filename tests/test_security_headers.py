"""Security headers on every response, pages and errors alike."""

from __future__ import annotations

import pytest

from tracker.security import CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(
    "url", ["/", "/deals", "/login", "/static/plotly.min.js", "/healthz", "/no-such-page"]
)
def test_every_response_has_the_security_headers(client, url):
    response = client.get(url)
    response.close()  # the static file is streamed: close it, or it warns
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_no_page_has_an_inline_script(seeded):
    for url in ("/", "/deals", "/timeline", "/login", "/sources"):
        html = seeded.get(url).get_data(as_text=True)
        assert "<script>" not in html and " onload=" not in html
