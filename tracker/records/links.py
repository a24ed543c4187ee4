"""A record's link rows (parties, commodities, items) as plain slug lists, read and written."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select
from sqlmodel import Session, SQLModel

from tracker.cache import scopes, versioning
from tracker.models import (
    Commodity,
    Deal,
    DealCommodity,
    DealParty,
    Event,
    EventParty,
    Party,
    Shipment,
    ShipmentItem,
)
from tracker.models.common import MoneyFields
from tracker.records.audit import jsonable
from tracker.summaries import LINKS_OWNER

MONEY_KEYS = tuple(MoneyFields.model_fields)
# An item as links carry it: its commodity by slug, then every column a form or import keeps.
ITEM_KEYS = ("commodity", "quantity", "unit", "grade", *MONEY_KEYS)


def _ids(session: Session, model, slugs) -> dict[str, int]:
    rows = session.execute(select(model.slug, model.id).where(model.slug.in_(list(slugs))))
    return dict(rows.all())


def read_links(session: Session, record: SQLModel) -> dict[str, Any]:
    """The record's links in the form the audit history and the forms use."""
    if isinstance(record, Deal):
        parties = session.execute(
            select(Party.slug, DealParty.role)
            .join(DealParty, DealParty.party_id == Party.id)
            .where(DealParty.deal_id == record.id)
            .order_by(Party.slug, DealParty.role)
        )
        commodities = session.scalars(
            select(Commodity.slug)
            .join(DealCommodity, DealCommodity.commodity_id == Commodity.id)
            .where(DealCommodity.deal_id == record.id)
            .order_by(Commodity.slug)
        )
        return {"parties": [list(r) for r in parties], "commodities": list(commodities)}
    if isinstance(record, Event):
        slugs = session.scalars(
            select(Party.slug)
            .join(EventParty, EventParty.party_id == Party.id)
            .where(EventParty.event_id == record.id)
            .order_by(Party.slug)
        )
        return {"parties": list(slugs)}
    if isinstance(record, Shipment):
        return {"items": _read_items(session, record.id)}
    return {}


def decimal_text(value: Any) -> str | None:
    """One spelling per number (500, 0.5), so 0.5000 from the database equals 0.5 from a form."""
    if value is None or value == "":
        return None
    text = format(Decimal(str(value)).normalize(), "f")
    return text


def _item_json(item: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k in ITEM_KEYS:
        value = item.get(k)
        if isinstance(value, Decimal) or (k in _DECIMALS and value not in (None, "")):
            out[k] = decimal_text(value)
        elif k in _FLAGS:
            out[k] = bool(value)
        else:
            out[k] = jsonable(value) if value != "" else None
    return out


_DECIMALS = frozenset({"quantity", "value_amount", "value_usd", "value_usd_rate"})
_FLAGS = frozenset(k for k in MONEY_KEYS if MoneyFields.model_fields[k].annotation is bool)


def canonical_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Items in the form read_links gives them: every key, as JSON values, numbers as text."""
    return [_item_json(i) for i in items]


def _read_items(session: Session, shipment_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(ShipmentItem, Commodity.slug)
        .join(Commodity, Commodity.id == ShipmentItem.commodity_id)
        .where(ShipmentItem.shipment_id == shipment_id)
        .order_by(ShipmentItem.id)
    )
    return [
        _item_json({k: getattr(item, k) for k in ITEM_KEYS[1:]} | {"commodity": slug})
        for item, slug in rows.all()
    ]


def write_links(
    session: Session, record: SQLModel, links: dict[str, Any], *, new: bool = False
) -> None:
    """Make the record's links exactly LINKS (slugs already checked to exist). NEW: the record
    was inserted in this transaction, so it has no links to remove first."""
    # Removing a record's links first costs a DELETE and the lookup of every page they show
    # on (about 30 statements for a deal's parties and commodities at 1M items): for a record
    # made a moment ago there are none to find.
    replace = (lambda *_: None) if new else _replace
    if isinstance(record, Deal):
        if "parties" in links:
            replace(session, DealParty, "deal_id", record.id)
            ids = _ids(session, Party, {p for p, _ in links["parties"]})
            for slug, role in links["parties"]:
                session.add(DealParty(deal_id=record.id, party_id=ids[slug], role=role))
        if "commodities" in links:
            replace(session, DealCommodity, "deal_id", record.id)
            ids = _ids(session, Commodity, links["commodities"])
            for slug in links["commodities"]:
                session.add(DealCommodity(deal_id=record.id, commodity_id=ids[slug]))
    elif isinstance(record, Event) and "parties" in links:
        replace(session, EventParty, "event_id", record.id)
        ids = _ids(session, Party, links["parties"])
        for slug in links["parties"]:
            session.add(EventParty(event_id=record.id, party_id=ids[slug]))
    elif isinstance(record, Shipment) and "items" in links:
        replace(session, ShipmentItem, "shipment_id", record.id)
        ids = _ids(session, Commodity, {i["commodity"] for i in links["items"]})
        for item in links["items"]:
            session.add(item_row(record.id, ids[item["commodity"]], item))
    session.flush()


def _replace(session: Session, model, column: str, owner_id: int) -> None:
    if model is ShipmentItem:
        # One by one through the session (a shipment has a few items): the tally upkeep sees
        # which shipment lost them. A bulk DELETE would make it rebuild the whole tally at
        # commit, seconds at a million items with the write lock held, for every item edit.
        for item in session.scalars(select(model).where(getattr(model, column) == owner_id)):
            session.delete(item)
        session.flush()
        return
    # The statement names the pages its rows show on, so it empties those record pages only.
    pages = scopes.pages_of_links(session.connection(), model.__table__.name, owner_id)
    options: dict = {} if pages is None else {versioning.PAGES_OPTION: pages}
    # The summary tables refresh this record's rows instead of rebuilding themselves.
    options[LINKS_OWNER] = (column, owner_id)
    session.execute(
        delete(model).where(getattr(model, column) == owner_id), execution_options=options
    )


def item_row(shipment_id: int, commodity_id: int, item: dict[str, Any]) -> ShipmentItem:
    """The item row; values may come typed (a check) or as JSON (a revert from the history)."""
    columns = ShipmentItem.__table__.columns
    values = {k: _typed(columns[k].type.python_type, item.get(k)) for k in ITEM_KEYS[1:]}
    values = {k: v for k, v in values.items() if v is not None or k not in _FLAGS}
    return ShipmentItem(shipment_id=shipment_id, commodity_id=commodity_id, **values)


def _typed(kind: type, value: Any) -> Any:
    if value is None or value == "":
        return None
    if kind is Decimal:
        return Decimal(str(value))
    if kind is date and isinstance(value, str):
        return date.fromisoformat(value)
    return value
