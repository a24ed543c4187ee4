"""The editable kinds of record: for each, its table, form, key and how form and record meet."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, SQLModel

from tracker.curation import convert as cv
from tracker.curation import forms
from tracker.models import Deal, Event, Party, Shipment, Source
from tracker.records.checks import (
    check_deal,
    check_event,
    check_party,
    check_shipment,
    check_source,
)
from tracker.records.checks.kinds import DEAL_DATES, DEAL_FIELDS
from tracker.records.links import decimal_text, read_links
from tracker.records.partial_dates import format_iso


@dataclass(frozen=True)
class Kind:
    """One editable kind of record."""

    name: str  # the URL segment: /deals/...
    model: type[SQLModel]
    form: type[forms.EditForm]
    key: str  # the column the URL names the record by
    to_values: Callable[[Session, Any, Any], tuple[dict, dict] | None]
    to_form: Callable[[Session, Any], dict[str, Any]]
    title: Callable[[Any], str]
    soft_delete: bool = True

    def find(self, session: Session, key: str):
        """The record the URL names, or None."""
        column = getattr(self.model, self.key)
        key = str(key)
        if self.key == "id":
            if not key.isdigit() or int(key) >= 2**63:
                return None
            key = int(key)
        return session.scalars(select(self.model).where(column == key)).first()


def _text(value: Any) -> str:
    """A number or date as a form shows it ('' for none)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return decimal_text(value) or ""
    return str(value)


def deal_form_data(session: Session, deal: Deal) -> dict[str, Any]:
    """A deal as its form shows it."""
    links = read_links(session, deal)
    data = {k: getattr(deal, k) for k in DEAL_FIELDS if k in Deal.model_fields}
    for name in DEAL_DATES:
        data[name] = format_iso(getattr(deal, f"{name}_on"), getattr(deal, f"{name}_precision"))
    data |= {
        "parties": "\n".join(f"{p} {r}" for p, r in links["parties"]),
        "commodities": links["commodities"],
        "value_amount": _text(deal.value_amount),
        "value_currency": deal.value_currency,
        "value_usd": _text(deal.value_usd) if deal.value_currency != "USD" else "",
        "value_rate_date": format_iso(deal.value_usd_rate_date, "day"),
    }
    for flag in ("approximate", "up_to", "more_than", "undisclosed"):
        data[f"value_{flag}"] = getattr(deal, f"value_{flag}")
    return data


# Fields the form passes as they are; the slug, the rate date and the links need translating.
TRANSLATED = frozenset({"slug", "value_usd_rate_date", "parties", "commodities"})


def deal_values(session: Session, form, deal: Deal | None) -> cv.Result:
    """(values, links) of a deal form, or None when a field was refused."""
    pairs, bad = cv.party_lines(form.parties.data)
    for message in bad:
        cv.fail(form.parties, message)
    plain = [n for n in DEAL_FIELDS if n not in TRANSLATED and n in form]
    raw = cv.data(form, *plain) | {
        "slug": cv.slug_of(session, Deal, form, form.title.data, deal),
        "value_usd_rate_date": form.value_rate_date.data,
        "parties": pairs,
        "commodities": form.commodities.data,
    }
    renamed = {"value_usd_rate_date": "value_rate_date"}
    return cv.checked_values(
        session,
        form,
        check_deal,
        raw,
        where=lambda p: (renamed.get(p.field, p.field), p.message),
    )


def _event_form(session: Session, e: Event) -> dict[str, Any]:
    deal = session.get(Deal, e.deal_id) if e.deal_id else None
    shipment = session.get(Shipment, e.shipment_id) if e.shipment_id else None
    return {
        "slug": e.slug,
        "date": format_iso(e.date, e.date_precision),
        "kind": e.kind,
        "summary": e.summary,
        "deal": deal.slug if deal else "",
        "shipment": shipment.slug if shipment else "",
        "parties": "\n".join(read_links(session, e)["parties"]),
    }


def _event_values(session: Session, form, event: Event | None) -> cv.Result:
    raw = cv.data(form, "date", "kind", "summary", "deal", "shipment") | {
        "slug": cv.slug_of(session, Event, form, f"{form.date.data} {form.kind.data}", event),
        "parties": (form.parties.data or "").split(),
    }
    return cv.checked_values(session, form, check_event, raw)


def _shipment_form(session: Session, s: Shipment) -> dict[str, Any]:
    def slug(model, id_):
        return session.get(model, id_).slug if id_ else ""

    def iso(id_):
        return session.get(Party, id_).iso3 if id_ else ""

    return {
        "slug": s.slug,
        "description": s.description,
        "deal": slug(Deal, s.deal_id),
        "origin": iso(s.origin_id),
        "destination": iso(s.destination_id),
        "origin_party": slug(Party, s.origin_party_id),
        "destination_party": slug(Party, s.destination_party_id),
        "dispatched": format_iso(s.dispatched_on, s.dispatched_precision),
        "arrived": format_iso(s.arrived_on, s.arrived_precision),
        "status": s.status,
        "items": "\n".join(cv.item_line(i) for i in read_links(session, s)["items"]),
    }


SHIPMENT_FIELDS = ("description", "deal", "origin", "destination", "origin_party")
SHIPMENT_FIELDS += ("destination_party", "dispatched", "arrived", "status")


def _shipment_values(session: Session, form, shipment: Shipment | None) -> cv.Result:
    items, lines, bad = cv.item_lines(form.items.data)
    for message in bad:
        cv.fail(form.items, message)
    fallback = form.description.data or "shipment"
    raw = cv.data(form, *SHIPMENT_FIELDS) | {
        "slug": cv.slug_of(session, Shipment, form, fallback, shipment),
        "items": items,
    }

    def where(p):
        if not p.field.startswith("items["):
            return p.field, p.message
        index, _, name = p.field[len("items[") :].partition("].")
        return "items", f"line {lines[int(index)]}, {name}: {p.message}"

    return cv.checked_values(session, form, check_shipment, raw, where=where)


def _party_form(_session: Session, p: Party) -> dict[str, Any]:
    data = {k: getattr(p, k) for k in ("name", "slug", "kind", "country_iso3", "description")}
    return data | {"aliases": "; ".join(p.aliases)}


def _party_values(session: Session, form, party: Party | None) -> cv.Result:
    raw = cv.data(form, "name", "kind", "country_iso3", "description") | {
        "slug": cv.slug_of(session, Party, form, form.name.data, party),
        "aliases": [a for a in (form.aliases.data or "").split(";") if a.strip()],
    }
    return cv.checked_values(session, form, check_party, raw)


def _source_form(_session: Session, s: Source) -> dict[str, Any]:
    keys = ("url", "publisher", "title", "author", "language", "source_type", "archive_url")
    data = {k: getattr(s, k) for k in keys}
    return data | {
        "summary": s.summary,
        "published": format_iso(s.published_on, s.published_precision),
    }


def _source_values(session: Session, form, source: Source | None) -> cv.Result:
    url = (form.url.data or "").strip()
    other = session.scalar(select(Source.id).where(Source.url == url))
    if other is not None and (source is None or other != source.id):
        cv.fail(form.url, "Another source has this URL; edit that one instead.")
    raw = cv.data(
        form,
        *("url", "publisher", "title", "author", "published", "language", "summary"),
        *("source_type", "archive_url"),
    )
    return cv.checked_values(session, form, check_source, raw)


KINDS = {
    "deals": Kind(
        "deals", Deal, forms.DealForm, "slug", deal_values, deal_form_data, lambda d: d.title
    ),
    "shipments": Kind(
        "shipments",
        Shipment,
        forms.ShipmentForm,
        "slug",
        _shipment_values,
        _shipment_form,
        lambda s: s.description or s.slug,
    ),
    "events": Kind(
        "events",
        Event,
        forms.EventForm,
        "slug",
        _event_values,
        _event_form,
        lambda e: e.summary[:80],
    ),
    # Parties and sources are deleted only when nothing live refers to them (writer).
    "parties": Kind(
        "parties",
        Party,
        forms.PartyForm,
        "slug",
        _party_values,
        _party_form,
        lambda p: p.name,
    ),
    "sources": Kind(
        "sources",
        Source,
        forms.SourceForm,
        "id",
        _source_values,
        _source_form,
        lambda s: s.title,
    ),
}
