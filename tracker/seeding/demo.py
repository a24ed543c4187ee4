"""Synthetic but plausible records at any scale, for benchmarks and demos; never real data."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from pydantic_core import PydanticUndefined
from sqlalchemy import func, select, text
from sqlmodel import Session

from tracker.cache import versioning
from tracker.db import advance_sequences
from tracker.models import (
    Citation,
    Commodity,
    Deal,
    DealCommodity,
    DealParty,
    Event,
    Party,
    Shipment,
    ShipmentItem,
    Source,
)
from tracker.records.money import BASIS_USD, money_fields
from tracker.summaries import deal_groups, facet_tally, shipment_words, tallies

# Tables demo data fills with explicit ids (their sequences move past them afterwards).
ID_TABLES = (Party, Source, Deal, DealParty, DealCommodity, Event, Citation, Shipment, ShipmentItem)
# Rows per INSERT batch: large enough to amortise round trips, small enough to keep memory flat.
BATCH_ROWS = 20_000
SYNTHETIC_COMPANIES = 200
DEALS_PER_SOURCE = 50
FIRST_DAY, LAST_DAY = date(2015, 1, 1), date(2026, 6, 30)
KINDS = ["mou", "agreement", "investment", "offtake", "loan", "equity", "export_control"]
STATUSES = ["announced", "mou_signed", "signed", "in_force", "delivering", "completed", "stalled"]
EVENT_KINDS = ["mou_signed", "agreement_signed", "investment_announced", "statement"]
CURRENCIES = [("USD", Decimal(1)), ("EUR", Decimal("1.08")), ("AUD", Decimal("0.66"))]
UNITS = ["t", "kg"]


class DemoError(RuntimeError):
    """Demo data would mix with real records; the message says what to do instead."""


def load_reference(session: Session, data_dir: Path) -> None:
    """Commodities and countries, which synthetic records refer to (seed's reference step)."""
    from tracker.seeding.apply import Writer, write_reference
    from tracker.seeding.reference import commodity_rows

    write_reference(Writer(session, actor="demo-data"), commodity_rows(data_dir))


def generate(
    session: Session,
    *,
    deals: int,
    shipments: int,
    items_per_shipment: int = 1,
    seed: int = 0,
    progress: Callable[[int], None] = lambda n: None,
) -> dict[str, int]:
    """Insert synthetic deals, events, sources, shipments and items; the caller commits."""
    real = session.scalar(select(func.count()).select_from(Deal).where(Deal.synthetic.is_(False)))
    if real:
        raise DemoError(
            f"this database holds {real} real deals; demo data never mixes with them. "
            "Point TRACKER_DATABASE_URL at a separate database (tracker db upgrade first)."
        )
    # Rows below go straight through the driver, past the ORM events that bump the data version.
    versioning.bump(session)
    rng = random.Random(seed)
    commodities = list(session.scalars(select(Commodity.id)))
    countries = list(session.scalars(select(Party.id).where(Party.kind == "country")))
    if not commodities or not countries:
        raise DemoError("reference data is missing: load it first (tracker demo-data does)")
    start = _next_id(session, Deal)
    companies = _companies(session, rng, countries)
    deal_ids = _deals(session, rng, start, deals, commodities, countries, companies, progress)
    with _indexes_rebuilt_after(session, Shipment.__table__, ShipmentItem.__table__):
        shipment_rows = _shipments(
            session, rng, deal_ids, shipments, items_per_shipment, commodities, countries, progress
        )
    # Ids above were given explicitly: the next deal made in a form must not reuse one.
    advance_sequences(session.connection(), [str(m.__tablename__) for m in ID_TABLES])
    # The rows went past the ORM, so past the summary upkeep too: recompute in this transaction.
    tallies.rebuild(session.connection())
    shipment_words.rebuild(session.connection())
    deal_groups.rebuild(session.connection())
    facet_tally.rebuild(session.connection())
    _analyze(session)
    return {"deals": deals, "shipments": shipments, "items": shipment_rows}


def _analyze(session: Session) -> None:
    """On PostgreSQL, gather the planner's statistics now: after a million-row load, plans made
    without them (before autovacuum gets round to it) took deal pages from 40 to 250 ms and put
    the load run's p50 at 18 s. SQLite's planner works from its indexes alone; its pages were
    tuned without statistics, so it is left as it is."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ANALYZE"))


@contextmanager
def _indexes_rebuilt_after(session: Session, *tables) -> Iterator[None]:
    """On SQLite, drop the tables' indexes for a bulk insert and build them again after:
    building an index from sorted rows is several times cheaper than a million random
    B-tree inserts. PostgreSQL's COPY needs no such help."""
    connection = session.connection()
    indexes = [ix for table in tables for ix in table.indexes]
    if connection.dialect.name != "sqlite":
        yield
        return
    for index in indexes:
        index.drop(connection)
    yield
    for index in indexes:
        index.create(connection)


def _next_id(session: Session, model) -> int:
    return (session.scalar(select(func.max(model.id))) or 0) + 1


def _defaults(model) -> dict:
    """The model's plain field defaults (the driver-level insert below does not apply them)."""
    out = {}
    for name, info in model.model_fields.items():
        if name in model.__table__.columns and info.default not in (None, PydanticUndefined):
            out[name] = info.default
        elif info.default_factory is list:
            out[name] = []
    return out


def _bulk(session: Session, model, rows: Iterator[dict]) -> int:
    """Insert ROWS in batches straight through the driver: SQLAlchemy's per-value type
    processing costs more than the insert itself at a million rows."""
    count, batch, defaults = 0, [], _defaults(model)
    for row in rows:
        batch.append(defaults | row)
        if len(batch) >= BATCH_ROWS:
            count += _insert_batch(session, model.__table__, batch)
            batch = []
    if batch:
        count += _insert_batch(session, model.__table__, batch)
    return count


def _insert_batch(session: Session, table, batch: list[dict]) -> int:
    """Insert dict rows (with every column present) through _insert_tuples."""
    columns = tuple(batch[0])
    convert = _pg_value if session.connection().dialect.name == "postgresql" else _sqlite_value
    _insert_tuples(
        session, table.name, columns, [tuple(convert(r[c]) for c in columns) for r in batch]
    )
    return len(batch)


def _sqlite_value(value):
    """A value as SQLAlchemy itself stores it in SQLite."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list):
        return json.dumps(value)
    return value


def _pg_value(value):
    """A value as COPY takes it (JSON lists as text)."""
    return json.dumps(value) if isinstance(value, list) else value


def _companies(session: Session, rng: random.Random, countries: list[int]) -> list[int]:
    first = _next_id(session, Party)
    homes = {
        p: c
        for p, c in session.execute(select(Party.id, Party.iso3).where(Party.id.in_(countries)))
    }
    _bulk(
        session,
        Party,
        (
            {
                "id": first + i,
                "slug": f"synthetic-company-{first + i}",
                "name": f"Synthetic Minerals Co {first + i}",
                "kind": "company",
                "country_iso3": homes[rng.choice(countries)],
                "aliases": [],
                "synthetic": True,
            }
            for i in range(SYNTHETIC_COMPANIES)
        ),
    )
    return list(range(first, first + SYNTHETIC_COMPANIES))


def _random_day(rng: random.Random) -> date:
    return FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))


def _deals(session, rng, start, n, commodities, countries, companies, progress) -> list[int]:
    """N deals, each with three parties, one to three commodities, three events, a citation."""
    now = datetime.now(UTC)
    source0 = _sources(session, n, now)
    event0 = _next_id(session, Event)
    deal_rows, links, commodity_links, events, citations = [], [], [], [], []
    for i in range(n):
        deal_id, day = start + i, _random_day(rng)
        deal_rows.append(_deal_row(rng, deal_id, day, now))
        for role, pool in (
            ("host_government", countries),
            ("signatory", companies),
            ("investor", companies),
        ):
            links.append({"deal_id": deal_id, "party_id": rng.choice(pool), "role": role})
        for commodity in rng.sample(commodities, rng.randint(1, 3)):
            commodity_links.append({"deal_id": deal_id, "commodity_id": commodity})
        for k, offset in enumerate((0, 60, 120)):
            event_id = event0 + 3 * i + k
            events.append(
                {
                    "id": event_id,
                    "slug": f"synthetic-event-{event_id}",
                    "date": day + timedelta(days=offset),
                    "date_precision": "day",
                    "kind": rng.choice(EVENT_KINDS),
                    "summary": "Synthetic event",
                    "deal_id": deal_id,
                    "synthetic": True,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        citations.append(
            {
                "source_id": source0 + i // DEALS_PER_SOURCE,
                "record_type": "deal",
                "record_id": deal_id,
                "field": "value",
                "value": "synthetic",
            }
        )
    for model, rows in (
        (Deal, deal_rows),
        (DealParty, _unique_links(links)),
        (DealCommodity, commodity_links),
        (Event, events),
        (Citation, citations),
    ):
        _bulk(session, model, iter(rows))
    progress(n)
    return [r["id"] for r in deal_rows]


def _sources(session: Session, deals: int, now: datetime) -> int:
    """One synthetic source per DEALS_PER_SOURCE deals; returns the first source id."""
    first = _next_id(session, Source)
    _bulk(
        session,
        Source,
        (
            {
                "id": first + i,
                "url": f"https://example.invalid/synthetic/{first + i}",
                "publisher": "Synthetic Wire",
                "title": f"Synthetic report {first + i}",
                "language": "en",
                "summary": "Synthetic source for demo data.",
                "synthetic": True,
                "created_at": now,
            }
            for i in range(max(1, -(-deals // DEALS_PER_SOURCE)))
        ),
    )
    return first


def _deal_row(rng: random.Random, deal_id: int, day: date, now: datetime) -> dict:
    """One synthetic deal: a kind, a status, a value (undisclosed about one time in seven)."""
    currency, rate = rng.choice(CURRENCIES)
    amount = Decimal(rng.randrange(1, 5000)) * Decimal(1_000_000)
    if rng.random() < 0.15:
        value = money_fields(undisclosed=True)
    else:
        value = money_fields(
            amount=amount,
            currency=currency,
            usd=(amount * rate).quantize(Decimal(1)),
            approximate=rng.random() < 0.4,
        )
    return {
        "id": deal_id,
        "slug": f"synthetic-deal-{deal_id}",
        "title": f"[synthetic] Deal {deal_id}",
        "kind": rng.choice(KINDS),
        "status": rng.choice(STATUSES),
        "signed_on": day,
        "signed_precision": "day",
        "first_date": day,
        "last_date": day + timedelta(days=120),
        "synthetic": True,
        "created_at": now,
        "updated_at": now,
        **value,
    }


def _unique_links(links: list[dict]) -> list[dict]:
    seen = {(r["deal_id"], r["party_id"], r["role"]): r for r in links}
    return list(seen.values())


SHIPMENT_COLUMNS = (
    "id",
    "slug",
    "deal_id",
    "origin_id",
    "destination_id",
    "dispatched_on",
    "dispatched_precision",
    "status",
    "description",
    "synthetic",
    "deleted",
    "created_at",
    "updated_at",
)
ITEM_COLUMNS = (
    "shipment_id",
    "commodity_id",
    "quantity",
    "unit",
    "value_amount",
    "value_currency",
    "value_usd",
    "value_usd_rate",
    "value_usd_basis",
    "value_approximate",
    "value_up_to",
    "value_more_than",
    "value_undisclosed",
)
# USD per tonne or kilogram of a synthetic item: plausible order of magnitude, nothing more.
UNIT_PRICE = 1000.0


def _shipments(session, rng, deal_ids, n, per, commodities, countries, progress) -> int:
    """Shipments and items as tuples already in storage form: at a million rows the per-value
    conversion would cost more than the insert."""
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    days = [(FIRST_DAY + timedelta(days=d)).isoformat() for d in range((LAST_DAY - FIRST_DAY).days)]
    start, items, random_ = _next_id(session, Shipment), 0, rng.random
    for offset in range(0, n, BATCH_ROWS):
        size = min(BATCH_ROWS, n - offset)
        rows, item_rows = [], []
        for sid in range(start + offset, start + offset + size):
            origin, destination = rng.choice(countries), rng.choice(countries)
            deal = rng.choice(deal_ids) if deal_ids and random_() < 0.8 else None
            rows.append(
                (
                    sid,
                    f"synthetic-shipment-{sid}",
                    deal,
                    origin,
                    destination,
                    rng.choice(days),
                    "day",
                    "delivered",
                    "synthetic consignment",
                    True,
                    False,
                    now,
                    now,
                )
            )
            for _ in range(per):
                quantity = float(int(random_() * 50_000) + 1)
                value = quantity * UNIT_PRICE
                item_rows.append(
                    (
                        sid,
                        rng.choice(commodities),
                        quantity,
                        rng.choice(UNITS),
                        value,
                        "USD",
                        value,
                        1.0,
                        BASIS_USD,
                        False,
                        False,
                        False,
                        False,
                    )
                )
        _insert_tuples(session, "shipment", SHIPMENT_COLUMNS, rows)
        _insert_tuples(session, "shipment_item", ITEM_COLUMNS, item_rows)
        items += len(item_rows)
        progress(size)
    return items


def _insert_tuples(session: Session, table: str, columns: tuple[str, ...], rows: list) -> None:
    """Insert rows given as tuples in storage form: COPY on PostgreSQL, executemany on SQLite."""
    connection = session.connection()
    names = ", ".join(f'"{c}"' for c in columns)
    if connection.dialect.name == "postgresql":
        raw = connection.connection.driver_connection
        with raw.cursor() as cursor, cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as cp:
            for row in rows:
                cp.write_row(row)
        return
    marks = ", ".join("?" for _ in columns)
    connection.exec_driver_sql(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
