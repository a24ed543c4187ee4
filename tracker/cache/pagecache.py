"""A small in-process cache of page data, keyed by the data version, so a page costs the same
at a thousand rows as at a million until the next write (which changes the version)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

# Distinct (version, page, filter) entries kept per process; each is one rendered page (up to a
# few hundred kB with its charts and tables), so this stays within about 100 MB.
MAX_ENTRIES = 256


class PageCache:
    """Least-recently-used store of computed page data; safe to share between threads."""

    def __init__(self, max_entries: int = MAX_ENTRIES):
        self.max_entries = max_entries
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The value stored under KEY, computing (and keeping) it on a miss."""
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                self.hits += 1
                return self._data[key]
        # Computed outside the lock: a slow page must not hold up every other request.
        value = compute()
        with self._lock:
            self.misses += 1
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.max_entries:
                self._data.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget everything (tests, and operators after writing behind the app's back)."""
        with self._lock:
            self._data.clear()
