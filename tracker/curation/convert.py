"""Between forms and records: form data for a record, and checked values and links from a form.

A reference that does not resolve (an unknown party slug, a missing deal) becomes an error on
the field that named it, the way WTForms shows its own."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlmodel import Session
from wtforms import SelectChoice

from tracker.curation.links import read_links
from tracker.models import Commodity, Deal, Party, Shipment
from tracker.records import vocab
from tracker.records.money import money_fields
from tracker.records.partial_dates import PartialDate, format_iso
from tracker.seeding.reference import slugify


def date_fields(text: str | None, name: str) -> dict[str, Any]:
    """NAME_on and NAME_precision from a partial date's text (empty or unreadable: none)."""
    try:
        PartialDate.parse(text or "")
    except ValueError:
        text = None  # the field's own validator has said what is wrong
    if not text:
        return {f"{name}_on": None, f"{name}_precision": None}
    pd = PartialDate.parse(text)
    return {f"{name}_on": pd.start, f"{name}_precision": pd.precision.value}


def fail(field, message: str) -> None:
    """Add MESSAGE to a form field's errors."""
    field.errors = [*field.errors, message]


def slug_of(session: Session, model, form, fallback: str, record) -> str | None:
    """The record's slug: kept on edit, else the form's or one made from FALLBACK, unique."""
    if record is not None:
        return record.slug
    wanted = form.slug.data or slugify(fallback)[:150] or "record"
    if wanted == "new":
        wanted = "new-record"
    taken = session.scalar(select(model.id).where(model.slug == wanted))
    if taken is None:
        return wanted
    if form.slug.data:
        fail(form.slug, f"{wanted!r} is taken; choose another slug.")
        return None
    n = 2
    while session.scalar(select(model.id).where(model.slug == f"{wanted}-{n}")) is not None:
        n += 1
    return f"{wanted}-{n}"


def known_slugs(session: Session, model, slugs) -> set[str]:
    """Which of SLUGS exist."""
    return set(session.scalars(select(model.slug).where(model.slug.in_(list(slugs)))))


def parse_party_roles(session: Session, field) -> list[list[str]]:
    """'slug role' lines into [[slug, role]...], failing the field on unknown ones."""
    pairs = []
    for n, line in enumerate((field.data or "").splitlines(), 1):
        words = line.replace(",", " ").replace(":", " ").split()
        if not words:
            continue
        if len(words) != 2 or words[1] not in vocab.ROLES:
            fail(field, f"Line {n}: write 'party-slug role' with a role from the list.")
            continue
        pairs.append(words)
    unknown = {p for p, _ in pairs} - known_slugs(session, Party, {p for p, _ in pairs})
    for slug in sorted(unknown):
        fail(field, f"No party is called {slug!r}; add it under Parties first.")
    return [list(p) for p in sorted({tuple(p) for p in pairs})]


def deal_form_data(session: Session, deal: Deal) -> dict[str, Any]:
    """A deal as its form shows it."""
    links = read_links(session, deal)
    data = {k: getattr(deal, k) for k in ("title", "slug", "kind", "status", "summary")}
    for name in ("announced", "signed", "effective", "ended"):
        data[name] = format_iso(getattr(deal, f"{name}_on"), getattr(deal, f"{name}_precision"))
    data |= {
        "parties": "\n".join(f"{p} {r}" for p, r in links["parties"]),
        "commodities": links["commodities"],
        "value_amount": deal.value_amount,
        "value_currency": deal.value_currency,
        "value_usd": deal.value_usd if deal.value_currency != "USD" else None,
        "value_rate_date": format_iso(deal.value_usd_rate_date, "day"),
    }
    for flag in ("approximate", "up_to", "more_than", "undisclosed"):
        data[f"value_{flag}"] = getattr(deal, f"value_{flag}")
    return data


def deal_values(session: Session, form, deal: Deal | None):
    """(values, links) of a deal form, or None when a field was refused."""
    slug = slug_of(session, Deal, form, form.title.data, deal)
    parties = parse_party_roles(session, form.parties)
    values: dict[str, Any] = {
        "slug": slug,
        "title": (form.title.data or "").strip(),
        "kind": form.kind.data,
        "status": form.status.data,
        "summary": form.summary.data or None,
    }
    for name in ("announced", "signed", "effective", "ended"):
        values |= date_fields(getattr(form, name).data, name)
    rate = date_fields(form.value_rate_date.data, "rate")["rate_on"]
    values |= money_fields(
        amount=form.value_amount.data,
        currency=(form.value_currency.data or "").strip().upper() or None,
        usd=form.value_usd.data,
        rate_date=rate,
        approximate=form.value_approximate.data,
        up_to=form.value_up_to.data,
        more_than=form.value_more_than.data,
        undisclosed=form.value_undisclosed.data,
    )
    if any(f.errors for f in form) or slug is None:
        return None
    return values, {"parties": parties, "commodities": sorted(form.commodities.data)}


def commodity_choices(session: Session) -> list[SelectChoice]:
    """Every commodity by name, for the forms."""
    rows = session.execute(select(Commodity.slug, Commodity.name).order_by(Commodity.name))
    return [SelectChoice(slug, name) for slug, name in rows]


def country_id(session: Session, form, field) -> int | None:
    """The party id of the country FIELD names by ISO alpha-3."""
    iso = (field.data or "").strip().upper()
    found = session.scalar(select(Party.id).where(Party.iso3 == iso, Party.kind == "country"))
    if found is None:
        fail(field, f"{field.data!r} is not a country code the tracker knows (PAK, USA...).")
    return found


def ref_id(session: Session, model, field) -> int | None:
    """The id of the record FIELD names by slug (empty: None)."""
    if not field.data:
        return None
    found = session.scalar(select(model.id).where(model.slug == field.data.strip()))
    if found is None:
        fail(field, f"Nothing is called {field.data!r}; check the slug on the record's page.")
    return found


def parse_items(session: Session, field) -> list[dict[str, Any]]:
    """'commodity; quantity; unit; grade; value; currency' lines into item dicts."""
    items = []
    for n, line in enumerate((field.data or "").splitlines(), 1):
        parts = [p.strip() for p in line.split(";")] + [""] * 6
        if not parts[0]:
            continue
        try:
            qty = Decimal(parts[1]) if parts[1] else None
            value = Decimal(parts[4]) if parts[4] else None
        except InvalidOperation:
            fail(field, f"Line {n}: quantity and value must be numbers.")
            continue
        cur = parts[5].upper() or None
        items.append(
            {
                "commodity": parts[0],
                "quantity": qty,
                "unit": parts[2] or None,
                "grade": parts[3] or None,
                "value_amount": value,
                "value_currency": cur,
            }
        )
    unknown = {i["commodity"] for i in items}
    unknown -= known_slugs(session, Commodity, unknown)
    for slug in sorted(unknown):
        fail(field, f"No commodity is called {slug!r}; see /commodities for the slugs.")
    return items


def shipment_values(session: Session, form, shipment: Shipment | None):
    """(values, links) of a shipment form, or None when a field was refused."""
    values = {
        "slug": slug_of(session, Shipment, form, form.description.data or "shipment", shipment),
        "deal_id": ref_id(session, Deal, form.deal),
        "origin_id": country_id(session, form, form.origin),
        "destination_id": country_id(session, form, form.destination),
        "origin_party_id": ref_id(session, Party, form.origin_party),
        "destination_party_id": ref_id(session, Party, form.destination_party),
        "status": form.status.data,
        "description": form.description.data or None,
    }
    values |= date_fields(form.dispatched.data, "dispatched")
    values |= date_fields(form.arrived.data, "arrived")
    items = parse_items(session, form.items)
    if any(f.errors for f in form) or values["slug"] is None:
        return None
    return values, {"items": items}
