"""Writing a checked plan through the one writer (tracker.records.writer): upserts by natural
key, links (deal parties and commodities, event parties, items) and citations audited."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, SQLModel, select

from tracker.models import (
    Citation,
    Commitment,
    Commodity,
    Deal,
    DealStatusChange,
    Event,
    Party,
    Shipment,
    Source,
)
from tracker.records import writer
from tracker.records.lookup import SessionRefs, column_values
from tracker.seeding.build import Plan, source_hash
from tracker.seeding.reference import countries

ACTOR = "seed"
NOTE = "seed"


# A record written twice in one run (commodities get their parent in a second pass) counts once,
# under the strongest thing that happened to it: created beats updated beats unchanged.
OUTCOMES = ("created", "updated", "unchanged")


class Writer:
    """Upserts records for one run under one actor, and counts what happened to each record."""

    def __init__(self, session: Session, actor: str = ACTOR):
        self.session = session
        self.actor = actor
        self.outcomes: dict[tuple[str, Any], str] = {}

    @property
    def counts(self) -> dict[str, int]:
        """How many records were created, updated and left unchanged in this run."""
        tally = dict.fromkeys(OUTCOMES, 0)
        for outcome in self.outcomes.values():
            tally[outcome] += 1
        return tally

    def count(self, record: Any, outcome: str) -> None:
        """Note OUTCOME for RECORD unless a stronger one was noted earlier in the run."""
        key = (type(record).__name__, record.id)
        earlier = self.outcomes.get(key)
        if earlier is None or OUTCOMES.index(outcome) < OUTCOMES.index(earlier):
            self.outcomes[key] = outcome

    def upsert(
        self,
        model: type[SQLModel],
        key: dict[str, Any],
        values: dict[str, Any],
        links: dict[str, Any] | None = None,
    ) -> Any:
        """The record with KEY, created or brought up to VALUES and LINKS."""
        record, action = writer.upsert(
            self.session,
            actor=self.actor,
            model=model,
            key=key,
            values=values,
            links=links,
            note=NOTE,
        )
        self.count(record, action)
        return record


def write_reference(w: Writer, commodity_rows: list[dict]) -> None:
    """Commodities (then their groups, once every one has an id) and every ISO 3166 country."""
    ids = {}
    for row in commodity_rows:
        fields = {k: v for k, v in row.items() if k not in ("slug", "parent")}
        ids[row["slug"]] = w.upsert(Commodity, {"slug": row["slug"]}, fields).id
    for row in commodity_rows:
        w.upsert(Commodity, {"slug": row["slug"]}, {"parent_id": ids.get(row.get("parent"))})
    for c in countries():
        values = {"slug": c.slug, "name": c.name, "kind": "country", "country_iso3": c.iso3}
        w.upsert(Party, {"iso3": c.iso3}, values | {"aliases": list(c.aliases)})


def write_plan(w: Writer, plan: Plan) -> None:
    """Every record of the plan, each kind after the kinds it refers to, then citations."""
    order = (
        ("sources", Source, "url"),
        ("parties", Party, "slug"),
        ("deals", Deal, "slug"),
        ("shipments", Shipment, "slug"),
        ("events", Event, "slug"),
        ("commitments", Commitment, "slug"),
    )
    for section, model, key_column in order:
        refs = SessionRefs(w.session)  # afresh: the kinds written before are now there
        for key, checked in plan.checked[section].items():
            values = column_values(refs, checked)
            if section == "sources":
                text = plan.texts[key]
                values |= {"text": text, "content_hash": source_hash(text)}
            natural = {key_column: values.pop(key_column)}
            w.upsert(model, natural, values, checked.links or None)
    _write_status_history(w, plan)
    _sync_citations(w, plan)
    w.session.flush()


def _write_status_history(w: Writer, plan: Plan) -> None:
    """Each status a deal had, keyed by deal, status and date; its source named by seed key."""
    refs = SessionRefs(w.session)
    for checked in plan.checked["status_history"].values():
        values = column_values(refs, checked)
        source_key = checked.refs["source_id"][1]
        values["source_id"] = _source_id(w, plan, source_key) if source_key else None
        natural = {k: values.pop(k) for k in ("deal_id", "status", "from_on")}
        w.upsert(DealStatusChange, natural, values)


def _sync_citations(w: Writer, plan: Plan) -> None:
    """Each source's citations made exactly those of the plan; removals audited too."""
    refs = SessionRefs(w.session)
    ids = {key: _source_id(w, plan, key) for key in plan.checked["sources"]}
    wanted: dict[int | None, list[dict[str, Any]]] = {i: [] for i in ids.values()}
    for cit in plan.citations:
        checked = cit["checked"]
        source_id = ids[cit["raw"]["source"]]
        record_type, record_key = checked.refs["record_id"]
        values = checked.values | {
            "source_id": source_id,
            "record_id": refs.id(record_type, record_key),
        }
        wanted[source_id].append(values)
    for source_id, rows in wanted.items():
        _sync_source_citations(w, source_id, rows)


def _source_id(w: Writer, plan: Plan, key: str) -> int | None:
    url = plan.checked["sources"][key].values["url"]
    return w.session.scalar(select(Source.id).where(Source.url == url))


CITATION_KEY = ("record_type", "record_id", "field", "value", "quote")


def _sync_source_citations(w: Writer, source_id: int | None, rows: list[dict[str, Any]]) -> None:
    have = w.session.exec(select(Citation).where(Citation.source_id == source_id)).all()
    have_keys = {tuple(getattr(c, k) for k in CITATION_KEY): c for c in have}
    wanted = {tuple(r[k] for k in CITATION_KEY): r for r in rows}
    for key, citation in have_keys.items():
        if key not in wanted:
            writer.remove(w.session, actor=w.actor, record=citation, note=NOTE)
            w.count(citation, "updated")
    for key, row in wanted.items():
        if key in have_keys:
            w.count(have_keys[key], "unchanged")
        else:
            created = writer.create(w.session, actor=w.actor, model=Citation, values=row, note=NOTE)
            w.count(created, "created")
