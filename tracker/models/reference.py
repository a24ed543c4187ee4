"""Reference records: commodities and parties (countries, companies, agencies)."""

from __future__ import annotations

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


class Commodity(SQLModel, table=True):
    """A traded mineral or material, with the names articles use for it."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=80, unique=True, index=True)
    name: str = Field(max_length=120)
    symbol: str | None = Field(default=None, max_length=12)
    group: str = Field(max_length=60)
    hs_codes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Critical-mineral lists it is on (US, EU).
    critical: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Party(SQLModel, table=True):
    """A country, company, agency or other body that takes part in deals."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=120, unique=True, index=True)
    name: str = Field(max_length=200, index=True)
    kind: str = Field(max_length=40, index=True)
    # Countries carry their own ISO 3166 alpha-3 code; others their home country's.
    iso3: str | None = Field(default=None, max_length=3, unique=True)
    country_iso3: str | None = Field(default=None, max_length=3, index=True)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    description: str | None = None
    synthetic: bool = False
    # Soft delete: gone from the pages, kept with its history (a revert restores it).
    deleted: bool = False
