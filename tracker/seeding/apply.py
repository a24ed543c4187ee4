"""Writing a checked plan: upserts by natural key, links synced, every change audited."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, SQLModel, select

from tracker.models import (
    Citation,
    Commodity,
    Deal,
    DealCommodity,
    DealParty,
    Event,
    EventParty,
    Party,
    Shipment,
    ShipmentItem,
    Source,
)
from tracker.models.common import utcnow
from tracker.records import audit
from tracker.records.money import money_fields
from tracker.records.partial_dates import PartialDate
from tracker.seeding.build import Plan
from tracker.seeding.reference import countries

ACTOR = "seed"


class Writer:
    """Upserts records for one seed run and counts what changed."""

    def __init__(self, session: Session, actor: str = ACTOR):
        self.session = session
        self.actor = actor
        self.counts = {"created": 0, "updated": 0, "unchanged": 0}

    def upsert(self, model: type[SQLModel], key: dict[str, Any], values: dict[str, Any]):
        """The record with KEY, created or brought up to VALUES."""
        record = self.session.exec(select(model).filter_by(**key)).first()
        if record is None:
            record = model(**key, **values)
            self.session.add(record)
            self.session.flush()
            audit.log(
                self.session,
                actor=ACTOR,
                action="create",
                record=record,
                changes=audit.snapshot(record),
            )
            self.counts["created"] += 1
            return record
        changed = audit.apply_changes(record, values)
        if changed:
            if hasattr(record, "updated_at"):
                record.updated_at = utcnow()
            self.session.flush()
            audit.log(
                self.session, actor=self.actor, action="update", record=record, changes=changed
            )
            self.counts["updated"] += 1
        else:
            self.counts["unchanged"] += 1
        return record

    def sync_links(self, model, owner: dict[str, int], wanted: set[tuple]) -> None:
        """Make the link rows of one owner exactly WANTED (tuples of the other columns)."""
        other = [c for c in model.__table__.columns.keys() if c not in ("id", *owner)]
        rows = self.session.exec(select(model).filter_by(**owner)).all()
        have = {tuple(getattr(r, c) for c in other): r for r in rows}
        for key, row in have.items():
            if key not in wanted:
                self.session.delete(row)
        for key in wanted - set(have):
            self.session.add(model(**owner, **dict(zip(other, key, strict=True))))


def _date(pd: PartialDate | None, name: str) -> dict[str, Any]:
    return {
        f"{name}_on": pd.start if pd else None,
        f"{name}_precision": pd.precision.value if pd else None,
    }


def _money(value: dict | None) -> dict[str, Any]:
    if value is None:
        return money_fields()
    if value.get("undisclosed"):
        return money_fields(undisclosed=True)
    rate_date = value["rate_date"].start if value.get("rate_date") else None
    return money_fields(
        amount=value["amount"],
        currency=value["currency"],
        usd=value["usd"],
        rate_date=rate_date,
        approximate=value["approximate"],
        up_to=value["up_to"],
        more_than=value["more_than"],
    )


def write_reference(w: Writer, commodity_rows: list[dict]) -> None:
    """Commodities (then their groups, once every one has an id) and every ISO 3166 country."""
    ids = {}
    for row in commodity_rows:
        fields = {k: v for k, v in row.items() if k not in ("slug", "parent")}
        ids[row["slug"]] = w.upsert(Commodity, {"slug": row["slug"]}, fields).id
    for row in commodity_rows:
        w.upsert(Commodity, {"slug": row["slug"]}, {"parent_id": ids.get(row.get("parent"))})
    for c in countries():
        w.upsert(
            Party,
            {"iso3": c.iso3},
            {
                "slug": c.slug,
                "name": c.name,
                "kind": "country",
                "country_iso3": c.iso3,
                "aliases": list(c.aliases),
            },
        )


def write_plan(w: Writer, plan: Plan) -> None:
    """Every record of the plan, then the deals' date ranges."""
    s = w.session
    commodity = {c.slug: c.id for c in s.exec(select(Commodity)).all()}
    party = {p.iso3: p.id for p in s.exec(select(Party).where(Party.kind == "country")).all()}
    for slug, p in plan.parties.items():
        party[slug] = w.upsert(
            Party,
            {"slug": slug},
            {
                "name": p["name"],
                "kind": p["kind"],
                "country_iso3": p["country_iso3"],
                "aliases": p["aliases"],
                "description": p["description"],
            },
        ).id
    source = {}
    for key, src in plan.sources.items():
        values = {
            k: src[k]
            for k in ("publisher", "title", "author", "language", "text", "summary", "content_hash")
        }
        values |= {
            "published_on": src["published"].start if src["published"] else None,
            "published_precision": src["published"].precision.value if src["published"] else None,
        }
        source[key] = w.upsert(Source, {"url": src["url"]}, values).id
    deal = {}
    for slug, d in plan.deals.items():
        values = {k: d[k] for k in ("title", "kind", "status", "summary")} | _money(d["value"])
        for name in ("announced", "signed", "effective", "ended"):
            values |= _date(d[name], name)
        deal[slug] = w.upsert(Deal, {"slug": slug}, values).id
        w.sync_links(
            DealParty, {"deal_id": deal[slug]}, {(party[ref], role) for ref, role in d["parties"]}
        )
        w.sync_links(
            DealCommodity, {"deal_id": deal[slug]}, {(commodity[c],) for c in d["commodities"]}
        )
    shipment = {}
    for slug, sh in plan.shipments.items():
        values = {
            "deal_id": deal.get(sh["deal"]),
            "origin_id": party[sh["origin"]],
            "destination_id": party[sh["destination"]],
            "origin_party_id": party.get(sh["origin_party"]),
            "destination_party_id": party.get(sh["destination_party"]),
            "status": sh["status"],
            "description": sh["description"],
        }
        values |= _date(sh["dispatched"], "dispatched") | _date(sh["arrived"], "arrived")
        shipment[slug] = w.upsert(Shipment, {"slug": slug}, values).id
        _sync_items(w, shipment[slug], sh["items"], commodity)
    event = {}
    for slug, ev in plan.events.items():
        values = {
            "date": ev["date"].start,
            "date_precision": ev["date"].precision.value,
            "kind": ev["kind"],
            "summary": ev["summary"],
            "deal_id": deal.get(ev["deal"]),
            "shipment_id": shipment.get(ev["shipment"]),
        }
        event[slug] = w.upsert(Event, {"slug": slug}, values).id
        w.sync_links(EventParty, {"event_id": event[slug]}, {(party[r],) for r in ev["parties"]})
    ids = {"deal": deal, "shipment": shipment, "event": event, "party": party}
    _sync_citations(w, plan, source, ids)
    s.flush()


def _sync_items(w: Writer, shipment_id: int, items: list[dict], commodity: dict) -> None:
    wanted = [
        {
            "commodity_id": commodity[i["commodity"]],
            "quantity": i["quantity"],
            "unit": i["unit"],
            "grade": i["grade"],
        }
        | _money(i["value"])
        for i in items
    ]
    rows = w.session.exec(
        select(ShipmentItem)
        .where(ShipmentItem.shipment_id == shipment_id)
        .order_by(ShipmentItem.id)
    ).all()
    have = [{k: getattr(r, k) for k in wanted[0]} for r in rows] if wanted else []
    if len(rows) == len(wanted) and all(
        not audit.apply_changes(ShipmentItem(**h), v) for h, v in zip(have, wanted, strict=True)
    ):
        return
    for r in rows:
        w.session.delete(r)
    for values in wanted:
        w.session.add(ShipmentItem(shipment_id=shipment_id, **values))


def _sync_citations(w: Writer, plan: Plan, source: dict, ids: dict) -> None:
    wanted: dict[int, set[tuple]] = {sid: set() for sid in source.values()}
    for c in plan.citations:
        wanted[source[c["source"]]].add(
            (
                c["record_type"],
                ids[c["record_type"]][c["record_slug"]],
                c["field"],
                c["value"],
                c["quote"],
            )
        )
    for source_id, rows in wanted.items():
        w.sync_links(Citation, {"source_id": source_id}, rows)
