"""How many shipments' descriptions hold a word, whole, remembered in each process under the
token the database changes with that text (data_version.shipment_text, drawn anew by SQLite
triggers on every change to a description; see tracker.queries.search.text_token_triggers).

Counting a word that every one of a million descriptions holds reads its whole index entry
(20 ms), and a search counted it again on every page computed after any write, of a deal as
much as of a shipment: a third of a cold search for "synthetic cobalt". A count is read from
here only under the token it was counted under, so no write to the text, through any path,
and no restore (which brings back the token of the text it restores) can leave it stale.
SQLite only: PostgreSQL has no such token, and counts a word's hits through its index each
time (search.live_shipments_holding_pg)."""

from __future__ import annotations

import threading
from collections import OrderedDict

from sqlalchemy import Connection, select

from tracker.models import DataVersion
from tracker.models.version import DATA_VERSION_ID
from tracker.queries.search import own_matches

# Counts kept per process: (token, word) pairs, the least recently used dropped first.
REMEMBERED = 1_024

_TOKEN = select(DataVersion.__table__.c.shipment_text).where(
    DataVersion.__table__.c.id == DATA_VERSION_ID
)
_counts: OrderedDict[tuple[int, str], int] = OrderedDict()
_lock = threading.Lock()  # the threaded workers of `tracker serve` share the counts


def shipments_holding(session, word: str) -> int:
    """How many shipments (deleted ones too) hold WORD, whole, in their description (SESSION:
    a session or a connection)."""
    connection = session if isinstance(session, Connection) else session.connection()
    token = connection.execute(_TOKEN).scalar()
    if token is None:  # no data_version row: nothing names the text, so nothing is kept
        return own_matches(session, "shipment", word, None, whole_words=True)
    key = (token, word)
    with _lock:
        if key in _counts:
            _counts.move_to_end(key)
            return _counts[key]
    count = own_matches(session, "shipment", word, None, whole_words=True)
    with _lock:
        _counts[key] = count
        while len(_counts) > REMEMBERED:
            _counts.popitem(last=False)
    return count


def forget() -> None:
    """Drop every remembered count (tests that time or compare the counting itself)."""
    with _lock:
        _counts.clear()
