"""A small in-process cache of page data, keyed by the data version, so a page costs the same
at a thousand rows as at a million until the next write (which changes the version)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

# What the kept pages may weigh per process, in characters of rendered HTML: a page is 4 kB (a
# shipment) to about 300 kB (a dashboard with its charts), so this holds every record page a
# busy site is asked for (the load run reads 1,100 of them) in about 100 MB. A count of entries
# held only 256 of them, and a reader going through record pages met a cold one every time.
MAX_CHARACTERS = 64_000_000
# What a value that is not a string (facet counts, chart data) is taken to weigh.
OTHER_VALUE_CHARACTERS = 20_000
# How long a request waits for another thread computing the same page before computing it itself:
# past gunicorn's worker timeout, so only a hung computation is ever bypassed.
WAIT_LIMIT_S = 120.0


class PageCache:
    """Least-recently-used store of computed page data; safe to share between threads."""

    def __init__(self, max_characters: int = MAX_CHARACTERS):
        self.max_characters = max_characters
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._weights: dict[Hashable, int] = {}
        self.weight = 0
        self._lock = threading.Lock()
        # Keys being computed now, each with the event its computing thread sets when done.
        self._pending: dict[Hashable, threading.Event] = {}
        self.hits = self.misses = 0

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The value stored under KEY, computing (and keeping) it on a miss.

        One thread computes a missing key; the others asking for it meanwhile wait for that
        result instead of computing it again. After a write every client asks for the
        dashboard at once, and fifty copies of a cold page would each take as long as all of
        them together."""
        waited = False
        while True:
            with self._lock:
                if key in self._data:
                    self._data.move_to_end(key)
                    self.hits += 1
                    return self._data[key]
                pending = self._pending.get(key)
                if pending is None or waited:
                    mine = self._pending.setdefault(key, threading.Event())
                    break
            # Another thread is computing it: wait, then look again (it may have failed).
            waited = not pending.wait(WAIT_LIMIT_S)
        # Computed outside the lock: a slow page must not hold up every other request.
        try:
            value = compute()
        except BaseException:
            self._release(key, mine)
            raise
        with self._lock:
            self.misses += 1
            self._data[key] = value
            self._data.move_to_end(key)
            self.weight += _weight(value) - self._weights.get(key, 0)
            self._weights[key] = _weight(value)
            while self.weight > self.max_characters and len(self._data) > 1:
                old, _ = self._data.popitem(last=False)
                self.weight -= self._weights.pop(old)
        self._release(key, mine)
        return value

    def _release(self, key: Hashable, event: threading.Event) -> None:
        """Wake the threads waiting for KEY (they find the value, or compute it themselves)."""
        with self._lock:
            if self._pending.get(key) is event:
                del self._pending[key]
        event.set()

    def clear(self) -> None:
        """Forget everything (tests, and operators after writing behind the app's back)."""
        with self._lock:
            self._data.clear()
            self._weights.clear()
            self.weight = 0


def _weight(value: Any) -> int:
    """VALUE's size for the cache's budget: a page's length in characters (bytes: an API
    answer's JSON, kept encoded so that no viewer's parts are filled into it)."""
    return len(value) if isinstance(value, str | bytes) else OTHER_VALUE_CHARACTERS
