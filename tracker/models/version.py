"""The data version: one token changed in the same transaction as every write to shown records."""

from __future__ import annotations

from sqlalchemy import BigInteger
from sqlmodel import Field, SQLModel

# The single row's id; the migration inserts it.
DATA_VERSION_ID = 1


class DataVersion(SQLModel, table=True):
    """A random token naming the current state of the shown records: caches are keyed on it."""

    __tablename__ = "data_version"

    id: int = Field(default=DATA_VERSION_ID, primary_key=True)
    version: int = Field(default=0, sa_type=BigInteger)
