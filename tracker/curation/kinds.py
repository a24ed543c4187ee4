"""The editable kinds of record: for each, its table, form, key and how form and record meet."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, SQLModel

from tracker.curation import convert as cv
from tracker.curation import forms
from tracker.curation.links import read_links
from tracker.models import Deal, Event, Party, Shipment, Source
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
            if not key.isdigit():
                return None
            key = int(key)
        return session.scalars(select(self.model).where(column == key)).first()


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


def _event_values(session: Session, form, event: Event | None):
    slugs = sorted({w for w in (form.parties.data or "").split() if w})
    for slug in sorted(set(slugs) - cv.known_slugs(session, Party, slugs)):
        cv.fail(form.parties, f"No party is called {slug!r}; add it under Parties first.")
    values = {
        "slug": cv.slug_of(session, Event, form, f"{form.date.data} {form.kind.data}", event),
        "kind": form.kind.data,
        "summary": form.summary.data,
        "deal_id": cv.ref_id(session, Deal, form.deal),
        "shipment_id": cv.ref_id(session, Shipment, form.shipment),
    }
    d = cv.date_fields(form.date.data, "date")
    values |= {"date": d["date_on"], "date_precision": d["date_precision"]}
    if any(f.errors for f in form) or values["slug"] is None:
        return None
    return values, {"parties": slugs}


def _shipment_form(session: Session, s: Shipment) -> dict[str, Any]:
    def slug(model, id_):
        return session.get(model, id_).slug if id_ else ""

    def iso(id_):
        return session.get(Party, id_).iso3 if id_ else ""

    items = read_links(session, s)["items"]
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
        "items": "\n".join(
            "; ".join(
                str(i[k] or "")
                for k in (
                    "commodity",
                    "quantity",
                    "unit",
                    "grade",
                    "value_amount",
                    "value_currency",
                )
            )
            for i in items
        ),
    }


def _party_form(_session: Session, p: Party) -> dict[str, Any]:
    data = {k: getattr(p, k) for k in ("name", "slug", "kind", "country_iso3", "description")}
    return data | {"aliases": "; ".join(p.aliases)}


def _party_values(session: Session, form, party: Party | None):
    values = {
        "slug": cv.slug_of(session, Party, form, form.name.data, party),
        "name": (form.name.data or "").strip(),
        "kind": form.kind.data,
        "country_iso3": (form.country_iso3.data or "").strip().upper() or None,
        "aliases": [a.strip() for a in (form.aliases.data or "").split(";") if a.strip()],
        "description": form.description.data or None,
    }
    if any(f.errors for f in form) or values["slug"] is None:
        return None
    return values, {}


def _source_form(_session: Session, s: Source) -> dict[str, Any]:
    data = {k: getattr(s, k) for k in ("url", "publisher", "title", "author", "language")}
    return data | {
        "summary": s.summary,
        "published": format_iso(s.published_on, s.published_precision),
    }


def _source_values(session: Session, form, source: Source | None):
    url = (form.url.data or "").strip()
    other = session.scalar(select(Source.id).where(Source.url == url))
    if other is not None and (source is None or other != source.id):
        cv.fail(form.url, "Another source has this URL; edit that one instead.")
    d = cv.date_fields(form.published.data, "published")
    values = {
        "url": url,
        "publisher": (form.publisher.data or "").strip(),
        "title": (form.title.data or "").strip(),
        "author": form.author.data or None,
        "language": (form.language.data or "en").strip(),
        "summary": form.summary.data or None,
    } | d
    if any(f.errors for f in form):
        return None
    return values, {}


KINDS = {
    "deals": Kind(
        "deals", Deal, forms.DealForm, "slug", cv.deal_values, cv.deal_form_data, lambda d: d.title
    ),
    "shipments": Kind(
        "shipments",
        Shipment,
        forms.ShipmentForm,
        "slug",
        cv.shipment_values,
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
    # Parties and sources have no deleted flag: deals and citations point at them.
    "parties": Kind(
        "parties",
        Party,
        forms.PartyForm,
        "slug",
        _party_values,
        _party_form,
        lambda p: p.name,
        soft_delete=False,
    ),
    "sources": Kind(
        "sources",
        Source,
        forms.SourceForm,
        "id",
        _source_values,
        _source_form,
        lambda s: s.title,
        soft_delete=False,
    ),
}
