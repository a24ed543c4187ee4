"""Facet counts kept in the page cache until the data changes: they depend on the selection
alone, so every page and sort of one list shares them, and a warm list does not recount."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tracker.queries.filters import Filter
from tracker.views.cached import cached


def remembered(kind: str, selection: Filter, compute: Callable[[], Any]) -> Any:
    """The counts of KIND's facets for SELECTION (a Filter without page or sort)."""
    return cached(f"facets:{kind}", selection, compute)
