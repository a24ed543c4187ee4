"""Page data cached per data version, and the version every write to shown records changes:
one unit, installed on an app by init_app."""

from __future__ import annotations

from flask import Flask

from tracker.cache import versioning
from tracker.cache.pagecache import PageCache

# Where the app keeps its page cache (views/cached.py reads it from here).
EXTENSION = "tracker.cache"


def init_app(app: Flask) -> None:
    """Give APP its page cache and make writes through its sessions change the data version.
    Needs tracker.db.init_app first (the session factory it watches)."""
    app.extensions[EXTENSION] = PageCache()
    versioning.watch(app.extensions["tracker.sessions"])


def forget(app: Flask) -> None:
    """Drop this process's cached pages (after a restore: other processes are safe anyway,
    since the restored token names exactly the restored data)."""
    cache = app.extensions.get(EXTENSION)
    if cache is not None:
        cache.clear()


__all__ = ["EXTENSION", "PageCache", "forget", "init_app", "versioning"]
