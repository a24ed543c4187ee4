"""Test data with explicit values: each factory writes one record through the one writer (so
it is audited like any other) and returns it. Behaviour tests build what they need here rather
than lean on the shipped seed data, which may change."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import count
from typing import Any

from sqlmodel import Session

from tracker.models import Commodity, Deal, Event, Party, Shipment, Source
from tracker.records import writer
from tracker.records.money import money_fields

ACTOR = "test:factory"
_n = count(1)


def _create(session: Session, model, values: dict[str, Any], links: dict | None = None):
    record = writer.create(session, actor=ACTOR, model=model, values=values, links=links)
    session.flush()
    return record


def make_commodity(session: Session, **overrides) -> Commodity:
    """A commodity (default: antimony, Sb)."""
    values = {"slug": "antimony", "name": "Antimony", "symbol": "Sb", "group": "other"}
    return _create(session, Commodity, values | overrides)


def make_party(session: Session, **overrides) -> Party:
    """A company in Australia (countries: kind="country", iso3=..., country_iso3=...)."""
    n = next(_n)
    values = {
        "slug": f"test-company-{n}",
        "name": f"Test Company {n}",
        "kind": "company",
        "country_iso3": "AUS",
    }
    return _create(session, Party, values | overrides)


def make_country(session: Session, iso3: str = "PAK", name: str = "Pakistan") -> Party:
    """A country party."""
    values = {"slug": name.lower(), "name": name, "kind": "country"}
    return make_party(session, **values, iso3=iso3, country_iso3=iso3)


def make_source(session: Session, **overrides) -> Source:
    """A source with a summary, published on 8 September 2025."""
    n = next(_n)
    values = {
        "url": f"https://news.example/{n}",
        "publisher": "Example News",
        "title": f"Report {n}",
        "published_on": date(2025, 9, 8),
        "published_precision": "day",
        "summary": "States a deal.",
    }
    return _create(session, Source, values | overrides)


def make_deal(session: Session, *, links: dict | None = None, **overrides) -> Deal:
    """An MoU signed in September 2025 worth USD 500 million (links: parties, commodities)."""
    n = next(_n)
    values = {
        "slug": f"test-deal-{n}",
        "title": f"Test deal {n}",
        "kind": "mou",
        "status": "mou_signed",
        "signed_on": date(2025, 9, 1),
        "signed_precision": "month",
    } | money_fields(amount=Decimal(500_000_000), currency="USD")
    return _create(session, Deal, values | overrides, links)


def make_shipment(
    session: Session, *, origin: Party, destination: Party, links: dict | None = None, **overrides
) -> Shipment:
    """A shipment dispatched on 2 October 2025 (links: items)."""
    n = next(_n)
    values = {
        "slug": f"test-shipment-{n}",
        "origin_id": origin.id,
        "destination_id": destination.id,
        "status": "dispatched",
        "dispatched_on": date(2025, 10, 2),
        "dispatched_precision": "day",
    }
    return _create(session, Shipment, values | overrides, links)


def make_event(session: Session, *, links: dict | None = None, **overrides) -> Event:
    """A statement on 8 September 2025 (links: parties)."""
    n = next(_n)
    values = {
        "slug": f"test-event-{n}",
        "date": date(2025, 9, 8),
        "date_precision": "day",
        "kind": "statement",
        "summary": f"Something was said ({n}).",
    }
    return _create(session, Event, values | overrides, links)
