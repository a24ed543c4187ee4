"""The import's bulk write leaves each new record as the one-by-one writer would: its links, its
derived dates, one audit entry whose snapshot equals the record read back, and the tally."""

from __future__ import annotations

from sqlalchemy import select

from tests.test_import import _csv, _export, _rows
from tests.test_summaries import assert_in_step
from tracker import db
from tracker.models import AuditEntry, Deal, Shipment
from tracker.records import audit
from tracker.records.links import read_links


def _import(app, tmp_path, kind: str, rows: list[dict]) -> str:
    path = tmp_path / f"{kind}.csv"
    path.write_bytes(_csv(kind, rows))
    result = app.test_cli_runner().invoke(args=["import", kind, str(path)])
    assert result.exit_code == 0, result.output
    return result.output


def _created_entry(s, record) -> AuditEntry:
    entries = s.scalars(
        select(AuditEntry).where(
            AuditEntry.record_type == audit.record_type(record),
            AuditEntry.record_id == record.id,
        )
    ).all()
    assert [e.action for e in entries] == ["create"]
    return entries[0]


def test_new_deals_get_links_dates_and_an_audit_entry_like_a_form_create(seeded_app, tmp_path):
    template = _rows(_export(seeded_app, "deals"))[0]
    new = [
        dict(
            template, slug=f"bulk-deal-{n}", title=f"Bulk deal {n}", signed_on="2024-03-0" + str(n)
        )
        | {"signed_precision": "day", "announced_on": "", "announced_precision": ""}
        | {"effective_on": "", "effective_precision": "", "ended_on": "", "ended_precision": ""}
        for n in range(1, 4)
    ]
    assert "3 created, 0 updated" in _import(seeded_app, tmp_path, "deals", new)
    with seeded_app.app_context(), db.unit_of_work(db.engine()) as s:
        for n in range(1, 4):
            deal = s.scalars(select(Deal).where(Deal.slug == f"bulk-deal-{n}")).one()
            assert str(deal.first_date) == str(deal.last_date) == f"2024-03-0{n}"
            links = read_links(s, deal)
            assert links["parties"] and links["commodities"]
            entry = _created_entry(s, deal)
            assert entry.changes == audit.snapshot(deal) | links
            assert entry.actor == "import:cli" and entry.note == "CSV import of deals"


def test_new_shipments_get_their_items_and_the_tally_follows(seeded_app, tmp_path):
    rows = _rows(_export(seeded_app, "shipments"))
    new = [dict(r, shipment_slug=f"bulk-{r['shipment_slug']}") for r in rows]
    output = _import(seeded_app, tmp_path, "shipments", new)
    created = len({r["shipment_slug"] for r in new})
    assert f"{created} created, 0 updated" in output
    with seeded_app.app_context(), db.unit_of_work(db.engine()) as s:
        for slug in {r["shipment_slug"] for r in rows}:
            old = s.scalars(select(Shipment).where(Shipment.slug == slug)).one()
            copy = s.scalars(select(Shipment).where(Shipment.slug == f"bulk-{slug}")).one()
            assert read_links(s, copy) == read_links(s, old)
            assert _created_entry(s, copy).changes["items"] == read_links(s, copy)["items"]
    assert_in_step(seeded_app)
