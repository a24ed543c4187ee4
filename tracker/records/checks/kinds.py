"""One check per record kind: a plain mapping of raw values into clean column values, links and
problems. Forms, CSV rows, seed TOML and inbox proposals translate their own syntax into these
mappings and map the problems back to a form field, a CSV column or a seed key.

Adding a field to a record kind means one line here (and the model, its migration, the form
and the templates): every input path then takes it and refuses its bad values alike."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import SQLModel

from tracker.models import Citation, Deal, Party, ShipmentItem, Source
from tracker.records import vocab
from tracker.records.checks.fields import LONG_TEXT_MAX, Checker, Problem, Refs

DEAL_DATES = ("announced", "signed", "effective", "ended")
SHIPMENT_DATES = ("dispatched", "arrived")
CITABLE = ("deal", "shipment", "event", "party", "commitment")
URL_SCHEMES = ("https://", "http://")


@dataclass
class Checked:
    """A record's clean values (columns), its links (slug lists), the records it refers to
    ({column: (kind, key)}, turned into ids by tracker.records.lookup) and its problems."""

    values: dict[str, Any] = field(default_factory=dict)
    links: dict[str, Any] = field(default_factory=dict)
    refs: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether nothing was refused."""
        return not self.problems


def max_chars(model: type[SQLModel], column: str) -> int:
    """The length of a VARCHAR column (unbounded text: LONG_TEXT_MAX)."""
    length = getattr(model.__table__.columns[column].type, "length", None)
    return length or LONG_TEXT_MAX


def check_deal(raw: Mapping[str, Any], refs: Refs | None = None) -> Checked:
    """A deal: slug, title, kind, status, summary, dates, value, parties (pairs of party slug
    and role) and commodities (slugs)."""
    c = Checker(raw, refs)
    values = {
        "slug": c.slug(),
        "title": c.text("title", required=True, max_chars=max_chars(Deal, "title")),
        "kind": c.choice("kind", vocab.DEAL_KINDS),
        "status": c.choice("status", vocab.DEAL_STATUSES),
        "summary": c.text("summary"),
    }
    values |= c.dates(*DEAL_DATES) | c.money()
    links = {
        "parties": party_roles(c, "parties"),
        "commodities": c.refs_list("commodities", "commodity"),
    }
    return Checked(values, links, {}, c.problems)


def party_roles(c: Checker, name: str) -> list[list[str]]:
    """[party slug, role] pairs, each known and given once."""
    pairs: list[list[str]] = []
    for pair in c.raw.get(name) or []:
        try:
            party, role = (str(x).strip() for x in pair)
        except (TypeError, ValueError):
            c.fail(name, f"{pair!r} is not a pair of party and role")
            continue
        if role not in vocab.ROLES:
            c.fail(name, f"{role!r} is not a role: use one of {', '.join(vocab.ROLES)}")
        elif [party, role] in pairs:
            c.fail(name, f"{party!r} is given twice as {role}; give each party and role once")
        elif c.refs is not None and not c.refs.has("party", party):
            c.fail(name, f"no party is called {party!r}; add it under Parties first")
        else:
            pairs.append([party, role])
    return sorted(pairs)


def check_shipment(raw: Mapping[str, Any], refs: Refs | None = None) -> Checked:
    """A shipment: slug, deal, origin and destination (countries by ISO alpha-3, parties by
    slug), dates, status, description and items (mappings for check_item)."""
    c = Checker(raw, refs)
    values = {
        "slug": c.slug(),
        "status": c.choice("status", vocab.SHIPMENT_STATUSES),
        "description": c.text("description"),
    } | c.dates(*SHIPMENT_DATES)
    found = {
        "deal_id": ("deal", c.ref("deal", "deal")),
        "origin_id": ("country", c.country("origin", required=True)),
        "destination_id": ("country", c.country("destination", required=True)),
        "origin_party_id": ("party", c.ref("origin_party", "party")),
        "destination_party_id": ("party", c.ref("destination_party", "party")),
    }
    items = []
    for i, item in enumerate(raw.get("items") or []):
        checked = check_item(item, refs)
        items.append(checked.values | checked.links)
        c.problems += [Problem(f"items[{i}].{p.field}", p.message) for p in checked.problems]
    return Checked(values, {"items": items}, found, c.problems)


def check_item(raw: Mapping[str, Any], refs: Refs | None = None) -> Checked:
    """One shipment item: commodity slug, quantity, unit, grade and its value."""
    c = Checker(raw, refs)
    values = {
        "commodity": c.ref("commodity", "commodity", required=True),
        "quantity": c.quantity("quantity"),
        "unit": c.text("unit", max_chars=max_chars(ShipmentItem, "unit")),
        "grade": c.text("grade", max_chars=max_chars(ShipmentItem, "grade")),
    } | c.money()
    return Checked(values, {}, {}, c.problems)


def check_event(raw: Mapping[str, Any], refs: Refs | None = None) -> Checked:
    """An event: slug, date, kind, summary, deal, shipment and parties (slugs)."""
    c = Checker(raw, refs)
    when = c.date("date", required=True)
    values = {
        "slug": c.slug(),
        "date": when.start if when else None,
        "date_precision": when.precision.value if when else None,
        "kind": c.choice("kind", vocab.EVENT_KINDS),
        "summary": c.text("summary", required=True),
    }
    found = {
        "deal_id": ("deal", c.ref("deal", "deal")),
        "shipment_id": ("shipment", c.ref("shipment", "shipment")),
    }
    return Checked(values, {"parties": c.refs_list("parties", "party")}, found, c.problems)


def check_party(raw: Mapping[str, Any], refs: Refs | None = None) -> Checked:
    """A party: slug, name, kind, home country, aliases and description."""
    c = Checker(raw, refs)
    aliases = []
    for alias in raw.get("aliases") or []:
        text = Checker({"aliases": alias}).text("aliases", max_chars=max_chars(Party, "name"))
        if text is None:
            c.fail("aliases", f"{str(alias)[:60]!r} is not a name (text, at most 200 characters)")
        elif text not in aliases:
            aliases.append(text)
    values = {
        "slug": c.slug(),
        "name": c.text("name", required=True, max_chars=max_chars(Party, "name")),
        "kind": c.choice("kind", vocab.PARTY_KINDS),
        "country_iso3": c.country("country_iso3"),
        "aliases": aliases,
        "description": c.text("description"),
    }
    return Checked(values, {}, {}, c.problems)


def check_source(raw: Mapping[str, Any], refs: Refs | None = None) -> Checked:
    """A source: url (http or https), publisher, title, author, published date, language,
    summary, and where given its type (vocab.SOURCE_TYPES) and an archived copy's URL."""
    c = Checker(raw, refs)
    url = c.text("url", required=True, max_chars=max_chars(Source, "url"))
    if url and not url.lower().startswith(URL_SCHEMES):
        c.fail("url", f"{url[:60]!r} is not an http:// or https:// address")
    values = {
        "url": url,
        "publisher": c.text("publisher", required=True, max_chars=max_chars(Source, "publisher")),
        "title": c.text("title", required=True, max_chars=max_chars(Source, "title")),
        "author": c.text("author", max_chars=max_chars(Source, "author")),
        "language": c.text("language", max_chars=max_chars(Source, "language")) or "en",
        "summary": c.text("summary"),
    } | c.dates("published")
    # Optional: a path that does not give them (the inbox, an old seed) leaves them as they are.
    if "source_type" in raw:
        values["source_type"] = c.choice("source_type", vocab.SOURCE_TYPES, required=False)
    if "archive_url" in raw:
        archive = c.text("archive_url", max_chars=max_chars(Source, "archive_url"))
        if archive and not archive.lower().startswith(URL_SCHEMES):
            c.fail("archive_url", f"{archive[:60]!r} is not an http:// or https:// address")
        values["archive_url"] = archive
    return Checked(values, {}, {}, c.problems)


def check_citation(raw: Mapping[str, Any], refs: Refs | None = None) -> Checked:
    """A citation: source (id), record_type and record (key), field, value and quote; the
    quote must occur in source_text when that is given (the source's text is kept)."""
    c = Checker(raw, refs)
    record_type = c.choice("record_type", dict.fromkeys(CITABLE, ""))
    quote = c.text("quote", max_chars=10 * LONG_TEXT_MAX)
    text = raw.get("source_text")
    if quote and text is not None and quote not in text:
        c.fail("quote", "is not in the source's stored text; copy it exactly, or leave it empty")
    values = {
        "field": c.text("field", max_chars=max_chars(Citation, "field")),
        "value": c.text("value", max_chars=max_chars(Citation, "value")),
        "quote": quote,
    }
    found = {"source_id": ("source", c.ref("source", "source", required=True))}
    if record_type:
        found["record_id"] = (record_type, c.ref("record", record_type, required=True))
        values["record_type"] = record_type
    return Checked(values, {}, found, c.problems)


class _Reads(dict):
    """An empty mapping that notes every key a check asks it for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def get(self, key, default=None):
        if key not in self.asked:
            self.asked.append(key)
        return default

    def __contains__(self, key) -> bool:  # a check may read a key only when it is given
        self.get(key)
        return False


def fields_read(check: Callable[..., Checked]) -> tuple[str, ...]:
    """The raw fields CHECK reads, in its order: what every input path must offer. A field
    added to a check is thereby added to the seed keys, the form's raw mapping and the
    import's columns that carry it."""
    reads = _Reads()
    check(reads)
    return tuple(reads.asked)


CHECKS = {
    "deal": check_deal,
    "shipment": check_shipment,
    "event": check_event,
    "party": check_party,
    "source": check_source,
    "citation": check_citation,
}

DEAL_FIELDS = fields_read(check_deal)
