"""The data version: one counter bumped in the same transaction as every write."""

from __future__ import annotations

from sqlmodel import Field, SQLModel

# The single row's id; the migration inserts it.
DATA_VERSION_ID = 1


class DataVersion(SQLModel, table=True):
    """How many write transactions the records have seen: caches are keyed on it."""

    __tablename__ = "data_version"

    id: int = Field(default=DATA_VERSION_ID, primary_key=True)
    version: int = Field(default=0)
