"""Turning parsed seed files into one checked plan. The seed's own syntax (decimals as strings,
a value table, parties by slug or ISO 3166 alpha-3, text kept in a file) is translated into the
raw mappings of the record checks (tracker.records.checks), whose problems come back named by
file, record and seed key."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.records.checks import (
    Checked,
    check_citation,
    check_commitment,
    check_deal,
    check_event,
    check_item,
    check_party,
    check_shipment,
    check_source,
    check_status_change,
)
from tracker.records.checks.fields import Problem as FieldProblem
from tracker.records.checks.kinds import fields_read
from tracker.seeding.errors import Problem
from tracker.seeding.parse import CITABLE, Checker, SeedFile, read_file
from tracker.seeding.reference import countries

# A record's keys are the fields its check reads, in the seed's spelling: money as one value
# table, a party's home country as `country`, a source's text in a file.
_MONEY = {f for f in fields_read(check_item) if f.startswith("value_")}
SOURCE_KEYS = set(fields_read(check_source)) | {"key", "text_file"}
OPTIONAL_SOURCE_KEYS = {"source_type", "archive_url"}
PARTY_KEYS = set(fields_read(check_party)) - {"country_iso3"} | {"country"}
DEAL_KEYS = set(fields_read(check_deal)) - _MONEY | {"value"}
SHIPMENT_KEYS = set(fields_read(check_shipment))
ITEM_KEYS = set(fields_read(check_item)) - _MONEY | {"value"}
EVENT_KEYS = set(fields_read(check_event))
CITATION_KEYS = {"source", "record", "field", "value", "quote"}
COMMITMENT_KEYS = set(fields_read(check_commitment)) - _MONEY | {"value"}
STATUS_KEYS = set(fields_read(check_status_change))
# The check's money fields as the seed's value table names them.
VALUE_KEYS = {
    "value_amount": "value.amount",
    "value_currency": "value.currency",
    "value_usd": "value.usd",
    "value_usd_rate_date": "value.rate_date",
    "value_approximate": "value.approximate",
    "value_up_to": "value.up_to",
    "value_more_than": "value.more_than",
}
SECTION_CHECKS: dict[str, Callable[..., Checked]] = {
    "sources": check_source,
    "parties": check_party,
    "deals": check_deal,
    "shipments": check_shipment,
    "events": check_event,
    "commitments": check_commitment,
    "status_history": check_status_change,
}


@dataclass
class Plan:
    """Everything the seed will write, keyed by natural keys: the raw mappings first, then
    (after check_plan) the checked records."""

    raw: dict[str, dict[str, dict[str, Any]]] = field(
        default_factory=lambda: {s: {} for s in SECTION_CHECKS}
    )
    checked: dict[str, dict[str, Checked]] = field(
        default_factory=lambda: {s: {} for s in SECTION_CHECKS}
    )
    # Per source key: the text kept, or None.
    texts: dict[str, str | None] = field(default_factory=dict)
    citations: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Where each record was defined, so cross-file problems name the right file.
    origin: dict[str, str] = field(default_factory=dict)


class PlanRefs:
    """Which records a seed can refer to: those of the plan, every ISO 3166 country (by slug
    once translated from alpha-3) and the commodity reference."""

    def __init__(self, plan: Plan, commodity_slugs: set[str]):
        self.plan, self.commodities = plan, commodity_slugs
        self.country_slugs = {c.slug for c in countries()}

    def has(self, kind: str, key: str) -> bool:
        """Whether KIND KEY will exist once the seed is written."""
        if kind == "party":
            return key in self.plan.raw["parties"] or key in self.country_slugs
        if kind == "commodity":
            return key in self.commodities
        if kind == "country":
            return True  # the check has already matched it against ISO 3166
        return key in self.plan.raw.get(f"{kind}s", {})


def build_plan(paths: list[Path], seeds_dir: Path, commodity_slugs: set[str]) -> Plan:
    """Read every seed file, then check every record and reference across all of them."""
    plan = Plan()
    for path in paths:
        checker = Checker(path.name)
        _collect(read_file(path, checker), checker, plan, seeds_dir)
        plan.problems.extend(checker.problems)
    check_plan(plan, commodity_slugs)
    return plan


def check_plan(plan: Plan, commodity_slugs: set[str]) -> None:
    """Run the record checks on every raw record; their problems name the seed keys."""
    refs = PlanRefs(plan, commodity_slugs)
    for section, check in SECTION_CHECKS.items():
        for key, raw in plan.raw[section].items():
            rec = f"{section}[{key}]"
            checked = check(raw, refs)
            plan.checked[section][key] = checked
            for p in checked.problems:
                plan.problems.append(Problem(plan.origin[rec], rec, _seed_key(p), p.message))
    for cit in plan.citations:
        _check_citation(plan, cit, refs)
    _check_values_are_cited(plan)


def _seed_key(p: FieldProblem) -> str:
    """The seed key a check's field came from (value_amount is value.amount)."""
    head, dot, rest = p.field.partition("].")
    if dot:
        return f"{head}].{VALUE_KEYS.get(rest, rest)}"
    if p.field in ("slug", "key") or p.field in VALUE_KEYS:
        return VALUE_KEYS.get(p.field, p.field)
    return {"country_iso3": "country", "published": "published"}.get(p.field, p.field)


def _define(plan: Plan, section: str, key: Any, ck: Checker, rec: str) -> bool:
    """Whether KEY is new in SECTION (a second definition is a problem)."""
    if key is None:
        return False
    if key in plan.raw[section]:
        ck.fail(rec, "", f"is defined twice (also in {plan.origin.get(rec, '?')})")
        return False
    plan.origin[rec] = ck.file
    return True


def _collect(seed: SeedFile, ck: Checker, plan: Plan, seeds_dir: Path) -> None:
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
    for row in seed.sections.get("commitments", []):
        _commitment(row, ck, plan)
    for row in seed.sections.get("status_history", []):
        _status(row, ck, plan)


def _commitment(row: dict, ck: Checker, plan: Plan) -> None:
    rec = f"commitments[{row.get('slug', '?')}]"
    ck.unknown_keys(row, rec, COMMITMENT_KEYS)
    raw = {k: row.get(k) for k in COMMITMENT_KEYS - {"value"}} | ck.money(row.get("value"), rec)
    for name in ("from_party", "to_party"):
        raw[name] = country_slug(row.get(name))
    if _define(plan, "commitments", ck.required(row, rec, "slug"), ck, rec):
        plan.raw["commitments"][row["slug"]] = raw


def _status(row: dict, ck: Checker, plan: Plan) -> None:
    """A status the deal had; keyed by deal, status and date (the same twice is a mistake)."""
    key = f"{row.get('deal')}/{row.get('status')}/{row.get('from', '')}"
    rec = f"status_history[{key}]"
    ck.unknown_keys(row, rec, STATUS_KEYS)
    if _define(plan, "status_history", key, ck, rec):
        plan.raw["status_history"][key] = {k: row.get(k) for k in STATUS_KEYS}


def _source(row: dict, ck: Checker, plan: Plan, seeds_dir: Path) -> None:
    rec = f"sources[{row.get('key', '?')}]"
    ck.unknown_keys(row, rec, SOURCE_KEYS)
    key = ck.required(row, rec, "key")
    text = None
    if row.get("text_file"):
        try:
            text = (seeds_dir / row["text_file"]).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            ck.fail(rec, "text_file", f"cannot be read as UTF-8 text: {exc}")
    elif not row.get("summary"):
        ck.fail(rec, "summary", "is required where there is no text_file (say what it states)")
    if _define(plan, "sources", key, ck, rec):
        keys = SOURCE_KEYS - {"key", "text_file"}
        # A seed that does not give these leaves an editor's type and archived copy alone.
        given = {k: row.get(k) for k in keys if k in row or k not in OPTIONAL_SOURCE_KEYS}
        plan.raw["sources"][key] = given
        plan.texts[key] = text


def _party(row: dict, ck: Checker, plan: Plan) -> None:
    rec = f"parties[{row.get('slug', '?')}]"
    ck.unknown_keys(row, rec, PARTY_KEYS)
    if row.get("kind") == "country":
        ck.fail(rec, "kind", "countries come from ISO 3166; refer to them by alpha-3 code")
    raw = {k: row.get(k) for k in PARTY_KEYS - {"country"}} | {"country_iso3": row.get("country")}
    if _define(plan, "parties", ck.required(row, rec, "slug"), ck, rec):
        plan.raw["parties"][row["slug"]] = raw


def _deal(row: dict, ck: Checker, plan: Plan) -> None:
    rec = f"deals[{row.get('slug', '?')}]"
    ck.unknown_keys(row, rec, DEAL_KEYS)
    raw = {k: row.get(k) for k in DEAL_KEYS - {"value", "parties"}}
    raw |= ck.money(row.get("value"), rec) | {"parties": []}
    for i, link in enumerate(row.get("parties", [])):
        if not isinstance(link, dict) or set(link) != {"party", "role"}:
            ck.fail(rec, f"parties[{i}]", 'must be {party = "slug or ISO3", role = "..."}')
            continue
        raw["parties"].append((country_slug(link["party"]), link["role"]))
    if _define(plan, "deals", ck.required(row, rec, "slug"), ck, rec):
        plan.raw["deals"][row["slug"]] = raw


def _shipment(row: dict, ck: Checker, plan: Plan) -> None:
    rec = f"shipments[{row.get('slug', '?')}]"
    ck.unknown_keys(row, rec, SHIPMENT_KEYS)
    raw = {k: row.get(k) for k in SHIPMENT_KEYS - {"items"}} | {"items": []}
    for name in ("origin_party", "destination_party"):
        raw[name] = country_slug(row.get(name))
    for i, item in enumerate(row.get("items", [])):
        where = f"items[{i}]"
        ck.unknown_keys(item, f"{rec}.{where}", ITEM_KEYS)
        if item.get("quantity") is not None and not isinstance(item["quantity"], str):
            ck.fail(
                rec, f"{where}.quantity", f'write decimals as strings, e.g. "{item["quantity"]}"'
            )
        money = ck.money(item.get("value"), rec, f"{where}.value")
        raw["items"].append({k: item.get(k) for k in ITEM_KEYS - {"value"}} | money)
    if not raw["items"]:
        ck.fail(rec, "items", "a shipment needs at least one item (commodity)")
    if _define(plan, "shipments", ck.required(row, rec, "slug"), ck, rec):
        plan.raw["shipments"][row["slug"]] = raw


def _event(row: dict, ck: Checker, plan: Plan) -> None:
    rec = f"events[{row.get('slug', '?')}]"
    ck.unknown_keys(row, rec, EVENT_KEYS)
    raw = {k: row.get(k) for k in EVENT_KEYS - {"parties"}}
    raw["parties"] = [country_slug(p) for p in row.get("parties", [])]
    if _define(plan, "events", ck.required(row, rec, "slug"), ck, rec):
        plan.raw["events"][row["slug"]] = raw


def country_slug(ref: Any) -> Any:
    """A party reference with an ISO 3166 alpha-3 code turned into that country's slug."""
    if isinstance(ref, str) and len(ref) == 3 and ref.isupper():
        slugs = {c.iso3: c.slug for c in countries()}
        return slugs.get(ref, ref)
    return ref


def _citation(row: dict, ck: Checker, plan: Plan, index: int) -> None:
    rec = f"citations[{index}]"
    ck.unknown_keys(row, rec, CITATION_KEYS)
    record = ck.required(row, rec, "record")
    kind, _, slug = str(record or "").partition(":")
    if record and (kind not in CITABLE or not slug):
        ck.fail(
            rec,
            "record",
            f"{record!r} must be deal:<slug>, shipment:, event:, party: or commitment:",
        )
    value = row.get("value")
    raw = {
        "source": ck.required(row, rec, "source"),
        "record_type": kind,
        "record": country_slug(slug) if kind == "party" else slug,
        "field": row.get("field"),
        "value": None if value is None else str(value),
        "quote": row.get("quote"),
    }
    plan.citations.append({"raw": raw, "file": ck.file, "rec": rec})


def _check_citation(plan: Plan, cit: dict, refs: PlanRefs) -> None:
    raw = cit["raw"]
    text = plan.texts.get(raw["source"])
    checked = check_citation(raw | {"source_text": text}, refs)
    cit["checked"] = checked
    problems = [(p.field, p.message) for p in checked.problems]
    if raw["source"] in plan.texts:
        if text is None and raw["quote"]:
            problems.append(("quote", "this source's text is not kept, so it cannot be quoted"))
        if text is not None and not raw["quote"]:
            problems.append(
                ("quote", "is required: the source's text is kept, so cite it verbatim")
            )
    for name, message in problems:
        if name == "quote" and "not in the source's stored text" in message:
            message = f"does not occur in the source's text: {str(raw['quote'])[:80]!r}"
        plan.problems.append(Problem(cit["file"], cit["rec"], name, message))


def _check_values_are_cited(plan: Plan) -> None:
    """Every figure points to a source that states it: a deal's amount needs a value citation
    ("undisclosed" states no figure)."""
    cited = {
        c["raw"]["record"]
        for c in plan.citations
        if c["raw"]["record_type"] == "deal" and c["raw"]["field"] == "value"
    }
    for slug, raw in plan.raw["deals"].items():
        if raw.get("value_amount") is not None and slug not in cited:
            rec = f"deals[{slug}]"
            message = (
                "no citation supports this value; cite the source "
                'that states it (field = "value") or leave the value out'
            )
            plan.problems.append(Problem(plan.origin[rec], rec, "value", message))


def source_hash(text: str | None) -> str | None:
    """The SHA-256 of a kept text."""
    return hashlib.sha256(text.encode()).hexdigest() if text else None


def read_plan(seeds_dir: Path, commodity_slugs: set[str]) -> Plan:
    """The plan of every *.toml seed file in SEEDS_DIR (or of one file)."""
    paths = [seeds_dir] if seeds_dir.is_file() else sorted(seeds_dir.glob("*.toml"))
    base = seeds_dir.parent if seeds_dir.is_file() else seeds_dir
    return build_plan(paths, base, commodity_slugs)
