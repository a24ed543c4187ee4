"""References by key (slug, ISO code, id) looked up in the database: the Refs the checks ask,
and the ids the writer stores."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from tracker.models import Commodity, Deal, Event, Party, Shipment, Source
from tracker.records.checks import Checked
from tracker.records.checks.fields import BAD_CHARS

# kind -> (model, key column); a country is a party of kind country, named by its alpha-3.
KEYS: dict[str, tuple[Any, Any]] = {
    "deal": (Deal, Deal.slug),
    "shipment": (Shipment, Shipment.slug),
    "event": (Event, Event.slug),
    "party": (Party, Party.slug),
    "commodity": (Commodity, Commodity.slug),
    "country": (Party, Party.iso3),
    "source": (Source, Source.id),
}


class SessionRefs:
    """Which records exist, asked of SESSION once per key."""

    def __init__(self, session: Session):
        self.session = session
        self._ids: dict[tuple[str, str], int | None] = {}

    def id(self, kind: str, key: str) -> int | None:
        """The id of the KIND record KEY names, or None."""
        if not isinstance(key, str) or BAD_CHARS.search(key):
            return None  # names nothing; PostgreSQL refuses even to look up a NUL
        if (kind, key) not in self._ids:
            model, column = KEYS[kind]
            wanted: Any = key
            if kind == "source":
                if not str(key).isdigit() or int(key) >= 2**63:
                    return None
                wanted = int(key)
            query = select(model.id).where(column == wanted)
            if kind == "country":
                query = query.where(Party.kind == "country")
            self._ids[(kind, key)] = self.session.scalar(query)
        return self._ids[(kind, key)]

    def has(self, kind: str, key: str) -> bool:
        """Whether the KIND record KEY exists."""
        return self.id(kind, key) is not None


def column_values(refs: SessionRefs, checked: Checked) -> dict[str, Any]:
    """The checked record's column values, its references turned into ids."""
    ids = {
        column: refs.id(kind, key) if key is not None else None
        for column, (kind, key) in checked.refs.items()
    }
    return checked.values | ids
