"""The data version: tokens changed in the same transaction as every write to shown records."""

from __future__ import annotations

from sqlalchemy import BigInteger
from sqlmodel import Field, SQLModel

# The single row's id; the migration inserts it.
DATA_VERSION_ID = 1


class DataVersion(SQLModel, table=True):
    """Random tokens naming the current state of the shown records: caches are keyed on them.

    `version` changes with every write to what any page shows (lists, dashboards and aggregate
    pages key on it). `records_version` changes only with writes whose effect on deal, shipment
    and event pages cannot be pinned to particular records (a party renamed, an import); those
    pages key on it and on their own PageToken.

    `shipment_text` changes with every change to the shipments' searched text (their
    descriptions): on SQLite, triggers beside the search index's own draw a new random token
    (tracker.queries.search.text_token_triggers), and counts of a word's hits in that text are
    remembered under it (tracker.queries.word_hits). PostgreSQL remembers no such count: there
    it stays 0."""

    __tablename__ = "data_version"

    id: int = Field(default=DATA_VERSION_ID, primary_key=True)
    version: int = Field(default=0, sa_type=BigInteger)
    records_version: int = Field(default=0, sa_type=BigInteger)
    shipment_text: int = Field(default=0, sa_type=BigInteger)


class PageToken(SQLModel, table=True):
    """One record page's own token, changed by every write to what that page shows; a page with
    no row has never been written since the table was made (token 0)."""

    __tablename__ = "page_token"

    kind: str = Field(primary_key=True, max_length=16)
    record_id: int = Field(primary_key=True)
    token: int = Field(default=0, sa_type=BigInteger)
