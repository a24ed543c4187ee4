"""The article text as HTML with each proposal's sentence marked: every text segment escaped."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape


def highlight(text: str, spans: Iterable[tuple[int, int, int]]) -> Markup:
    """TEXT escaped, with (start, end, proposal id) ranges wrapped in <mark>; overlaps merge."""
    spans = [(s, e, pid) for s, e, pid in spans if 0 <= s < e <= len(text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    parts: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        segment = escape(text[a:b])
        ids = sorted({pid for s, e, pid in spans if s <= a and b <= e})
        if ids:
            refs = " ".join(f"p{pid}" for pid in ids)
            parts.append(f'<mark data-proposals="{refs}" id="s{a}">{segment}</mark>')
        else:
            parts.append(str(segment))
    return Markup("".join(parts))
