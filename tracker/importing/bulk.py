"""An import's new records written in a few statements: every row (record, links, audit entry)
is built in Python from values the record checks already passed, then each table gets one
multi-row INSERT. Row by row through the ORM, a 19,000-row import held SQLite's write lock for
about 100 s, and every other write in the meantime failed; this way it holds it for seconds.

It writes what writer.create would (the record, its links, its derived dates, one audit entry
per record, the shipment tally and the data version), in the caller's transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, insert, select
from sqlmodel import Session, SQLModel

from tracker.cache import versioning
from tracker.models import (
    AuditEntry,
    Commodity,
    Deal,
    DealCommodity,
    DealParty,
    Event,
    EventParty,
    Party,
    Shipment,
)
from tracker.records import audit
from tracker.records.derived import deal_range, refresh_deal_ranges
from tracker.records.links import canonical_items, item_row
from tracker.summaries import deal_groups, facet_tally, shipment_words, tallies

# Rows per INSERT statement (well under SQLite's 32,766 bound parameters at ~40 columns).
BATCH = 500


def existing_slugs(session: Session, model: type[SQLModel], slugs: list[str]) -> set[str]:
    """Which of SLUGS name records already in the database (those the import updates)."""
    found: set[str] = set()
    column = model.slug
    for start in range(0, len(slugs), BATCH):
        found.update(
            session.scalars(select(column).where(column.in_(slugs[start : start + BATCH])))
        )
    return found


def create_all(
    session: Session, *, model: type[SQLModel], plan: list[tuple], actor: str, note: str
) -> int:
    """Create a record for each (slug, values, links) of PLAN (none of them exists yet)."""
    if not plan:
        return 0
    records = [model(**values) for _slug, values, _links in plan]
    if model is Deal:
        for record in records:  # a new deal has no events yet: its own dates are its range
            record.first_date, record.last_date = deal_range(record, [])
    refs = _link_ids(session, [links for _s, _v, links in plan])
    # Everything but the new ids is built before the first write (which takes SQLite's write
    # lock): building the objects is most of the time.
    rows = [_row(r) for r in records]
    entries, link_rows = [], _Rows()
    for n, (record, (_slug, _values, links)) in enumerate(zip(records, plan, strict=True)):
        _link(link_rows, n, record, links, refs)
        entries.append(
            _audit(actor, record, audit.snapshot(record) | _links_as_read(record, links), note)
        )
    connection = session.connection()
    versioning.bump(session)
    table: Table = model.__table__
    ids: list[int] = []
    for start in range(0, len(rows), BATCH):
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        ids.extend(connection.execute(statement, rows[start : start + BATCH]).scalars())
    for record, entry, new_id in zip(records, entries, ids, strict=True):
        record.id = entry["record_id"] = new_id
    link_rows.write(connection, ids)
    _insert(connection, AuditEntry.__table__, entries)
    if model is Event:
        deal_ids = {r.deal_id for r in records if r.deal_id is not None}
        refresh_deal_ranges(session, deal_ids)
        session.flush()
    if model is Deal:  # their links went past the ORM, so past the upkeep too
        deal_groups.refresh(connection, ids)
        facet_tally.refresh(connection, facet_tally.DEALS, ids)
    if model is Event:  # each counts in its list, and its kind under its deal's
        facet_tally.refresh(connection, facet_tally.EVENTS, ids)
        facet_tally.refresh(connection, facet_tally.DEALS, deal_ids)
    if model is Shipment:  # new shipments contributed nothing before: add what they bring
        tallies.apply(connection, tallies.contributions(connection, ids))
        shipment_words.refresh(connection, {r.deal_id for r in records if r.deal_id is not None})
    return len(records)


def _row(obj: SQLModel) -> dict[str, Any]:
    """OBJ as an INSERT's parameters (its id left to the database)."""
    row = obj.model_dump()
    if row.get("id") is None:
        row.pop("id", None)
    return row


def _link_ids(session: Session, all_links: list[dict]) -> dict[str, dict[str, int]]:
    """Party and commodity ids of every slug the links name, read once."""
    parties: set[str] = set()
    commodities: set[str] = set()
    for links in all_links:
        for p in links.get("parties", []):
            parties.add(p[0] if isinstance(p, list | tuple) else p)
        commodities.update(links.get("commodities", []))
        commodities.update(i["commodity"] for i in links.get("items", []))
    out = {}
    for name, model, slugs in (("party", Party, parties), ("commodity", Commodity, commodities)):
        found: dict[str, int] = {}
        ordered = sorted(slugs)
        for start in range(0, len(ordered), BATCH):
            chunk = ordered[start : start + BATCH]
            found.update(
                session.execute(select(model.slug, model.id).where(model.slug.in_(chunk))).all()
            )
        out[name] = found
    return out


class _Rows:
    """Link rows per table, each with the position of its record, written once ids exist."""

    def __init__(self) -> None:
        self.by_table: dict[Table, tuple[str, list[tuple[int, dict]]]] = {}

    def add(self, owner: str, position: int, obj: SQLModel) -> None:
        table = obj.__table__
        self.by_table.setdefault(table, (owner, []))[1].append((position, _row(obj)))

    def write(self, connection: Connection, ids: list[int]) -> None:
        for table, (owner, rows) in self.by_table.items():
            for position, row in rows:
                row[owner] = ids[position]
            _insert(connection, table, [row for _position, row in rows])


def _link(out: _Rows, n: int, record: SQLModel, links: dict, refs: dict) -> None:
    """The link rows of record N, as write_links would add them (its id filled in later)."""
    party, commodity = refs["party"], refs["commodity"]
    if isinstance(record, Deal):
        for slug, role in links.get("parties", []):
            out.add("deal_id", n, DealParty(deal_id=0, party_id=party[slug], role=role))
        for slug in links.get("commodities", []):
            out.add("deal_id", n, DealCommodity(deal_id=0, commodity_id=commodity[slug]))
    elif isinstance(record, Event):
        for slug in links.get("parties", []):
            out.add("event_id", n, EventParty(event_id=0, party_id=party[slug]))
    elif isinstance(record, Shipment):
        for item in links.get("items", []):
            out.add("shipment_id", n, item_row(0, commodity[item["commodity"]], item))


def _links_as_read(record: SQLModel, links: dict) -> dict[str, Any]:
    """The links as read_links gives them back (the form the audit history keeps)."""
    if isinstance(record, Deal):
        parties = sorted([list(p) for p in links.get("parties", [])])
        return {"parties": parties, "commodities": sorted(links.get("commodities", []))}
    if isinstance(record, Event):
        return {"parties": sorted(links.get("parties", []))}
    if isinstance(record, Shipment):
        return {"items": canonical_items(links.get("items", []))}
    return {}


def _audit(actor: str, record: SQLModel, changes: dict, note: str) -> dict[str, Any]:
    entry = AuditEntry(
        actor=actor,
        action="create",
        record_type=audit.record_type(record),
        record_id=0,  # the record's id, once it has one
        changes=changes,
        note=note,
    )
    return _row(entry)


def _insert(connection: Connection, table: Table, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        connection.execute(insert(table), rows[start : start + BATCH])
