"""Work a web request starts but does not wait for (an inbox fetch, "run now"): a small thread
pool owned by the app. The work keeps its state in the database (an article's status, a job's
run row), so any worker process can answer the page that polls for it."""

from __future__ import annotations

import atexit
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from flask import Flask, current_app

log = logging.getLogger(__name__)

# Slow fetches wait on the network, not the CPU; four at once per process is plenty for a
# handful of editors, and a fifth waits its turn instead of taking a web worker.
MAX_WORKERS = 4
EXTENSION = "tracker.background"


def init_app(app: Flask) -> None:
    """Give APP its pool (threads start only when work arrives)."""
    executor = ThreadPoolExecutor(max_workers=MAX_WORKERS, thread_name_prefix="tracker-bg")
    app.extensions[EXTENSION] = executor
    # Do not hold the process's exit for a slow fetch: its row stays "fetching"/"running" and
    # is retried or shown as stale.
    atexit.register(executor.shutdown, wait=False, cancel_futures=True)


def submit(func: Callable[..., Any], *args: Any) -> Future:
    """Run FUNC(*ARGS) in the current app's pool, inside that app's context (so settings read
    from its config apply there too); its exception is logged, never lost."""
    app = current_app._get_current_object()
    return app.extensions[EXTENSION].submit(_logged, app, func, *args)


def _logged(app: Flask, func: Callable[..., Any], *args: Any) -> Any:
    try:
        with app.app_context():
            return func(*args)
    except Exception:
        log.exception("background work %s failed", getattr(func, "__name__", func))
        raise
