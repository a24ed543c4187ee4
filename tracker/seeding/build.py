"""Turning parsed seed files into one checked plan: fields typed, every reference resolved."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.records import vocab
from tracker.seeding.errors import Problem
from tracker.seeding.parse import CITABLE, Checker, SeedFile, read_file
from tracker.seeding.reference import is_country

SOURCE_KEYS = {
    "key",
    "url",
    "publisher",
    "title",
    "author",
    "published",
    "language",
    "text_file",
    "summary",
}
PARTY_KEYS = {"slug", "name", "kind", "country", "aliases", "description"}
DEAL_KEYS = {
    "slug",
    "title",
    "kind",
    "status",
    "summary",
    "announced",
    "signed",
    "effective",
    "ended",
    "value",
    "commodities",
    "parties",
}
SHIPMENT_KEYS = {
    "slug",
    "deal",
    "origin",
    "destination",
    "origin_party",
    "destination_party",
    "dispatched",
    "arrived",
    "status",
    "description",
    "items",
}
ITEM_KEYS = {"commodity", "quantity", "unit", "grade", "value"}
EVENT_KEYS = {"slug", "date", "kind", "summary", "deal", "shipment", "parties"}
CITATION_KEYS = {"source", "record", "field", "value", "quote"}


@dataclass
class Plan:
    """Everything the seed will write, keyed by natural keys."""

    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    parties: dict[str, dict[str, Any]] = field(default_factory=dict)
    deals: dict[str, dict[str, Any]] = field(default_factory=dict)
    shipments: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    citations: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Where each record was defined, so cross-file problems name the right file.
    origin: dict[str, str] = field(default_factory=dict)


def build_plan(paths: list[Path], seeds_dir: Path, commodity_slugs: set[str]) -> Plan:
    """Read and check every seed file, then check references across all of them."""
    plan = Plan()
    for path in paths:
        checker = Checker(path.name)
        seed_file = read_file(path, checker)
        _collect(seed_file, checker, plan, seeds_dir, commodity_slugs)
        plan.problems.extend(checker.problems)
    _check_references(plan, commodity_slugs)
    return plan


def _unique(plan_section: dict, key: str, checker: Checker, record: str, origin: dict) -> bool:
    if key in plan_section:
        checker.fail(record, "", f"is defined twice (also in {origin.get(record, '?')})")
        return False
    origin[record] = checker.file
    return True


def _collect(seed: SeedFile, ck: Checker, plan: Plan, seeds_dir: Path, commodities: set) -> None:
    for row in seed.sections.get("sources", []):
        _source(row, ck, plan, seeds_dir)
    for row in seed.sections.get("parties", []):
        _party(row, ck, plan)
    for row in seed.sections.get("deals", []):
        _deal(row, ck, plan)
    for row in seed.sections.get("shipments", []):
        _shipment(row, ck, plan)
    for row in seed.sections.get("events", []):
        _event(row, ck, plan)
    for i, row in enumerate(seed.sections.get("citations", [])):
        _citation(row, ck, plan, i)


def _source(row: dict, ck: Checker, plan: Plan, seeds_dir: Path) -> None:
    rec = f"sources[{row.get('key', '?')}]"
    ck.unknown_keys(row, rec, SOURCE_KEYS)
    key = ck.required(row, rec, "key")
    url, publisher, title = (ck.required(row, rec, k) for k in ("url", "publisher", "title"))
    if url and not str(url).startswith(("https://", "http://")):
        ck.fail(rec, "url", f"{url!r} must be an http(s) URL")
    published = ck.date(row, rec, "published")
    text = None
    if row.get("text_file"):
        text_path = seeds_dir / row["text_file"]
        try:
            text = text_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            ck.fail(rec, "text_file", f"cannot be read as UTF-8 text: {exc}")
    elif not row.get("summary"):
        ck.fail(rec, "summary", "is required where there is no text_file (say what it states)")
    if key and _unique(plan.sources, key, ck, rec, plan.origin):
        plan.sources[key] = {
            "url": url,
            "publisher": publisher,
            "title": title,
            "author": row.get("author"),
            "published": published,
            "language": row.get("language", "en"),
            "text": text,
            "summary": row.get("summary"),
            "content_hash": hashlib.sha256(text.encode()).hexdigest() if text else None,
        }


def _party(row: dict, ck: Checker, plan: Plan) -> None:
    rec = f"parties[{row.get('slug', '?')}]"
    ck.unknown_keys(row, rec, PARTY_KEYS)
    slug, name = ck.required(row, rec, "slug"), ck.required(row, rec, "name")
    kind = ck.choice(row, rec, "kind", vocab.PARTY_KINDS)
    if kind == "country":
        ck.fail(rec, "kind", "countries come from ISO 3166; refer to them by alpha-3 code")
    country = ck.country(row["country"], rec, "country") if "country" in row else None
    if slug and _unique(plan.parties, slug, ck, rec, plan.origin):
        plan.parties[slug] = {
            "name": name,
            "kind": kind,
            "country_iso3": country,
            "aliases": list(row.get("aliases", [])),
            "description": row.get("description"),
        }


def _deal(row: dict, ck: Checker, plan: Plan) -> None:
    rec = f"deals[{row.get('slug', '?')}]"
    ck.unknown_keys(row, rec, DEAL_KEYS)
    slug, title = ck.required(row, rec, "slug"), ck.required(row, rec, "title")
    deal = {
        "title": title,
        "kind": ck.choice(row, rec, "kind", vocab.DEAL_KINDS),
        "status": ck.choice(row, rec, "status", vocab.DEAL_STATUSES),
        "summary": row.get("summary"),
        "value": ck.money(row.get("value"), rec),
        "commodities": list(row.get("commodities", [])),
        "parties": [],
    }
    for name in ("announced", "signed", "effective", "ended"):
        deal[name] = ck.date(row, rec, name)
    for i, link in enumerate(row.get("parties", [])):
        where = f"parties[{i}]"
        if not isinstance(link, dict) or set(link) != {"party", "role"}:
            ck.fail(rec, where, 'must be {party = "slug or ISO3", role = "..."}')
            continue
        role = link["role"]
        if role not in vocab.ROLES:
            ck.fail(rec, f"{where}.role", f"{role!r} is not one of: {', '.join(vocab.ROLES)}")
        deal["parties"].append((link["party"], role))
    if slug and _unique(plan.deals, slug, ck, rec, plan.origin):
        plan.deals[slug] = deal


def _shipment(row: dict, ck: Checker, plan: Plan) -> None:
    rec = f"shipments[{row.get('slug', '?')}]"
    ck.unknown_keys(row, rec, SHIPMENT_KEYS)
    slug = ck.required(row, rec, "slug")
    shipment = {
        "deal": row.get("deal"),
        "origin": ck.country(row.get("origin"), rec, "origin"),
        "destination": ck.country(row.get("destination"), rec, "destination"),
        "origin_party": row.get("origin_party"),
        "destination_party": row.get("destination_party"),
        "dispatched": ck.date(row, rec, "dispatched"),
        "arrived": ck.date(row, rec, "arrived"),
        "status": ck.choice(row, rec, "status", vocab.SHIPMENT_STATUSES),
        "description": row.get("description"),
        "items": [],
    }
    for i, item in enumerate(row.get("items", [])):
        where = f"items[{i}]"
        ck.unknown_keys(item, f"{rec}.{where}", ITEM_KEYS)
        shipment["items"].append(
            {
                "commodity": item.get("commodity"),
                "quantity": ck.decimal(item.get("quantity"), rec, f"{where}.quantity"),
                "unit": item.get("unit"),
                "grade": item.get("grade"),
                "value": ck.money(item.get("value"), rec, f"{where}.value"),
            }
        )
    if not shipment["items"]:
        ck.fail(rec, "items", "a shipment needs at least one item (commodity)")
    if slug and _unique(plan.shipments, slug, ck, rec, plan.origin):
        plan.shipments[slug] = shipment


def _event(row: dict, ck: Checker, plan: Plan) -> None:
    rec = f"events[{row.get('slug', '?')}]"
    ck.unknown_keys(row, rec, EVENT_KEYS)
    slug = ck.required(row, rec, "slug")
    event = {
        "date": ck.date(row, rec, "date", need=True),
        "kind": ck.choice(row, rec, "kind", vocab.EVENT_KINDS),
        "summary": ck.required(row, rec, "summary"),
        "deal": row.get("deal"),
        "shipment": row.get("shipment"),
        "parties": list(row.get("parties", [])),
    }
    if slug and _unique(plan.events, slug, ck, rec, plan.origin):
        plan.events[slug] = event


def _citation(row: dict, ck: Checker, plan: Plan, index: int) -> None:
    rec = f"citations[{index}]"
    ck.unknown_keys(row, rec, CITATION_KEYS)
    source, record = ck.required(row, rec, "source"), ck.required(row, rec, "record")
    kind, _, slug = str(record or "").partition(":")
    if record and (kind not in CITABLE or not slug):
        ck.fail(rec, "record", f"{record!r} must be deal:<slug>, shipment:, event: or party:")
    plan.citations.append(
        {
            "source": source,
            "record_type": kind,
            "record_slug": slug,
            "field": row.get("field"),
            "value": None if row.get("value") is None else str(row["value"]),
            "quote": row.get("quote"),
            "file": ck.file,
            "rec": rec,
        }
    )


def _check_references(plan: Plan, commodities: set[str]) -> None:
    """Every slug, code and quote must resolve; problems name the file that refers."""

    def fail(record: str, fld: str, message: str) -> None:
        plan.problems.append(Problem(plan.origin.get(record, "?"), record, fld, message))

    def party_ok(ref: str) -> bool:
        return ref in plan.parties or (len(ref) == 3 and ref.isupper() and is_country(ref))

    for slug, deal in plan.deals.items():
        rec = f"deals[{slug}]"
        for c in deal["commodities"]:
            if c not in commodities:
                fail(rec, "commodities", f"unknown commodity {c!r} (see data/commodities.toml)")
        for ref, _role in deal["parties"]:
            if not party_ok(ref):
                fail(rec, "parties", f"unknown party {ref!r} (a party slug or ISO3 code)")
    for slug, sh in plan.shipments.items():
        rec = f"shipments[{slug}]"
        if sh["deal"] and sh["deal"] not in plan.deals:
            fail(rec, "deal", f"unknown deal {sh['deal']!r}")
        for key in ("origin_party", "destination_party"):
            if sh[key] and not party_ok(sh[key]):
                fail(rec, key, f"unknown party {sh[key]!r}")
        for i, item in enumerate(sh["items"]):
            if item["commodity"] not in commodities:
                fail(rec, f"items[{i}].commodity", f"unknown commodity {item['commodity']!r}")
    for slug, ev in plan.events.items():
        rec = f"events[{slug}]"
        if ev["deal"] and ev["deal"] not in plan.deals:
            fail(rec, "deal", f"unknown deal {ev['deal']!r}")
        if ev["shipment"] and ev["shipment"] not in plan.shipments:
            fail(rec, "shipment", f"unknown shipment {ev['shipment']!r}")
        for ref in ev["parties"]:
            if not party_ok(ref):
                fail(rec, "parties", f"unknown party {ref!r}")
    for cit in plan.citations:
        _check_citation(plan, cit, party_ok)
    _check_values_are_cited(plan, fail)


def _check_values_are_cited(plan: Plan, fail) -> None:
    """Every figure points to a source that states it: a deal's amount needs a value citation
    ("undisclosed" states no figure)."""
    cited = {
        c["record_slug"]
        for c in plan.citations
        if c["record_type"] == "deal" and c["field"] == "value"
    }
    for slug, deal in plan.deals.items():
        value = deal["value"]
        if value is not None and not value.get("undisclosed") and slug not in cited:
            fail(
                f"deals[{slug}]",
                "value",
                "no citation supports this value; cite the source "
                'that states it (field = "value") or leave the value out',
            )


def _check_citation(plan: Plan, cit: dict, party_ok) -> None:
    def fail(fld: str, message: str) -> None:
        plan.problems.append(Problem(cit["file"], cit["rec"], fld, message))

    source = plan.sources.get(cit["source"])
    if source is None:
        fail("source", f"unknown source {cit['source']!r}")
    section = CITABLE.get(cit["record_type"])
    if section and cit["record_slug"] not in getattr(plan, section):
        if not (section == "parties" and party_ok(cit["record_slug"])):
            fail("record", f"unknown {cit['record_type']} {cit['record_slug']!r}")
    if source is None:
        return
    quote = cit["quote"]
    if source["text"] is None and quote:
        fail("quote", "this source's text is not kept, so it cannot be quoted; give a value")
    if source["text"] is not None and quote and quote not in source["text"]:
        fail("quote", f"does not occur in the source's text: {quote[:80]!r}")
    if source["text"] is not None and not quote:
        fail("quote", "is required: the source's text is kept, so cite it verbatim")


def read_plan(seeds_dir: Path, commodity_slugs: set[str]) -> Plan:
    """The plan of every *.toml seed file in SEEDS_DIR (or of one file)."""
    paths = [seeds_dir] if seeds_dir.is_file() else sorted(seeds_dir.glob("*.toml"))
    base = seeds_dir.parent if seeds_dir.is_file() else seeds_dir
    return build_plan(paths, base, commodity_slugs)
