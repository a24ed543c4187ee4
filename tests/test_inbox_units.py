"""Pure parts of the inbox: canonical URLs and the escaped, highlighted article text."""

from __future__ import annotations

import pytest

from tracker.inbox.highlight import highlight
from tracker.inbox.urls import BadURL, canonical_url


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("HTTPS://News.Example.COM/World/Story", "https://news.example.com/World/Story"),
        (
            "https://example.com:443/a?utm_source=x&utm_medium=y&id=7#comments",
            "https://example.com/a?id=7",
        ),
        ("http://example.com:8080/a?fbclid=abc&page=2", "http://example.com:8080/a?page=2"),
        ("https://example.com", "https://example.com/"),
        ("  https://example.com/a?UTM_Campaign=z  ", "https://example.com/a"),
    ],
)
def test_canonical_url(given, canonical):
    assert canonical_url(given) == canonical


@pytest.mark.parametrize("bad", ["", "example.com/a", "ftp://example.com/a", "javascript:alert(1)"])
def test_canonical_url_refuses_what_is_not_http(bad):
    with pytest.raises(BadURL, match="is not an http"):
        canonical_url(bad)


def test_highlight_escapes_every_segment_and_merges_overlaps():
    text = "<b>Lead</b> sentence. Second & <i>last</i>."
    html = str(highlight(text, [(0, 21, 1), (12, 21, 2), (22, 43, 3)]))
    assert "<b>" not in html and "<i>" not in html
    assert html == (
        '<mark data-proposals="p1" id="s0">&lt;b&gt;Lead&lt;/b&gt; </mark>'
        '<mark data-proposals="p1 p2" id="s12">sentence.</mark> '
        '<mark data-proposals="p3" id="s22">Second &amp; &lt;i&gt;last&lt;/i&gt;.</mark>'
    )


def test_highlight_ignores_spans_outside_the_text():
    assert str(highlight("a < b", [(3, 99, 1), (-1, 2, 2)])) == "a &lt; b"
