"""How many shipments' descriptions hold a word, remembered in each process under the token the
database changes with that text (data_version.shipment_text, drawn anew by SQLite triggers on
every change to a description, and on PostgreSQL as a transaction that changes a description
or which shipments are live commits; see tracker.queries.search.text_token_triggers and
pg_text_token_trigger).

Counting a word that every one of a million descriptions holds reads its whole index entry
(20 ms on SQLite, 180 ms on PostgreSQL), and a search counted it again on every page computed
after any write, of a deal as much as of a shipment: a third of a cold search for "synthetic
cobalt" on SQLite, most of it on PostgreSQL. A count is read from here only under the token it
was counted under, and kept only when the token read again after counting is the same (no
write to the text committed meanwhile), so no write to the text, through any path, and no
restore (which brings back the token of the text it restores) can leave it stale."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from sqlalchemy import Connection, select

from tracker.models import DataVersion
from tracker.models.version import DATA_VERSION_ID
from tracker.queries.search import live_shipments_holding_pg, own_matches

# Counts kept per process: (token, count, word) triples, the least recently used dropped first.
REMEMBERED = 1_024

_TOKEN = select(DataVersion.__table__.c.shipment_text).where(
    DataVersion.__table__.c.id == DATA_VERSION_ID
)
_counts: OrderedDict[tuple[int, str, str], int] = OrderedDict()
_lock = threading.Lock()  # the threaded workers of `tracker serve` share the counts


def shipments_holding(session, word: str) -> int:
    """How many shipments (deleted ones too) hold WORD, whole, in their description (SQLite;
    SESSION: a session or a connection)."""
    return _remembered(
        session,
        "whole",
        word,
        lambda: own_matches(session, "shipment", word, None, whole_words=True),
    )


def live_shipments_holding(session, word: str) -> int:
    """How many live shipments hold WORD as a prefix in their description (PostgreSQL)."""
    return _remembered(session, "live", word, lambda: live_shipments_holding_pg(session, word))


def _remembered(session, count: str, word: str, counted: Callable[[], int]) -> int:
    """The COUNT of WORD kept under the current token, else COUNTED() (kept when the token
    stayed the same while it counted)."""
    connection = session if isinstance(session, Connection) else session.connection()
    token = connection.execute(_TOKEN).scalar()
    if not token:  # no data_version row, or a text no trigger names: nothing is kept
        return counted()
    key = (token, count, word)
    with _lock:
        if key in _counts:
            _counts.move_to_end(key)
            return _counts[key]
    n = counted()
    # PostgreSQL reads each statement's own snapshot: a write committed during the count may
    # have changed the text it read; its token then differs, and the count is not kept.
    if connection.execute(_TOKEN).scalar() != token:
        return n
    with _lock:
        _counts[key] = n
        while len(_counts) > REMEMBERED:
            _counts.popitem(last=False)
    return n


def forget() -> None:
    """Drop every remembered count (tests that time or compare the counting itself)."""
    with _lock:
        _counts.clear()
