"""One import: check every row of the file, then write every row, or nothing at all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlmodel import Session

from tracker.importing import bulk
from tracker.importing.check import Checker, Problem, read_rows
from tracker.importing.rows import CHECKS
from tracker.models import Commitment, Deal, Event, Shipment
from tracker.records import writer
from tracker.records.links import read_links
from tracker.records.vocab import NON_PARTY_ROLES

MODELS = {"deals": Deal, "shipments": Shipment, "events": Event, "commitments": Commitment}
# A report lists this many problems and counts the rest: a file of 20,000 bad rows once made
# a 17.5 MB page. The first ones are enough to see what is wrong with a file.
PROBLEMS_SHOWN = 200


@dataclass
class Report:
    """What an import found and did."""

    kind: str
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(
        default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0}
    )

    @property
    def ok(self) -> bool:
        """Whether the import was accepted (and written)."""
        return not self.problems

    @property
    def shown(self) -> list[Problem]:
        """The problems a report lists."""
        return self.problems[:PROBLEMS_SHOWN]

    @property
    def not_shown(self) -> int:
        """How many problems the report only counts."""
        return max(0, len(self.problems) - PROBLEMS_SHOWN)


def check_file(session: Session, kind: str, data: bytes) -> tuple[Report, list]:
    """Every row checked; the report lists every problem, the plan every (slug, values, links)."""
    ck = Checker(session)
    report = Report(kind)
    plan: dict[str, tuple] = {}
    first_row: dict[str, int] = {}
    last_slug = None
    for n, row in enumerate(read_rows(data, kind, ck), start=2):  # row 1 is the header
        ck.row = n
        slug, values, links = CHECKS[kind](ck, row)
        if slug is None:
            continue
        if slug in plan and not (kind == "shipments" and slug == last_slug):
            ck.fail("slug", f"duplicate id {slug!r}: also on row {first_row[slug]}")
        elif slug in plan:  # the next item of the same shipment
            if plan[slug][0] != values:
                ck.fail(
                    "slug",
                    f"shipment {slug!r} differs from row {first_row[slug]} "
                    "outside its item columns",
                )
            plan[slug][1]["items"] += links["items"]
        else:
            plan[slug], first_row[slug] = (values, links), n
        last_slug = slug
    report.problems = ck.problems
    return report, [(s, v, lk) for s, (v, lk) in plan.items()]


def import_csv(
    session: Session,
    *,
    kind: str,
    data: bytes,
    actor: str,
    before_writing: Callable[[int], None] = lambda _records: None,
) -> Report:
    """Check the file; if nothing is wrong, write every row in the caller's transaction.
    BEFORE_WRITING(records) runs between the two (a background import notes its phase)."""
    report, plan = check_file(session, kind, data)
    if not report.ok:
        return report
    before_writing(len(plan))
    model = MODELS[kind]
    note = f"CSV import of {kind}"
    # New records go in a few multi-row INSERTs (bulk.py): row by row, a large import held the
    # write lock for minutes. Existing ones are compared and updated one by one (an update
    # writes only what changed, with its own audit entry).
    old = bulk.existing_slugs(session, model, [slug for slug, _v, _lk in plan])
    new = [(slug, values, links) for slug, values, links in plan if slug not in old]
    report.counts["created"] = bulk.create_all(
        session, model=model, plan=new, actor=actor, note=note
    )
    for slug, values, links in plan:
        if slug not in old:
            continue
        record = session.scalars(select(model).where(model.slug == slug)).first()
        if record is not None and kind == "deals":
            links = _keep_non_parties(session, record, links)
        _, action = writer.upsert(
            session,
            actor=actor,
            model=model,
            key={"slug": slug},
            values={k: v for k, v in values.items() if k != "slug"},
            links=links,
            note=note,
        )
        report.counts[action] += 1
    return report


def _keep_non_parties(session: Session, deal: Deal, links: dict) -> dict:
    """The export leaves critics and witnesses out; an import must not delete them."""
    kept = [p for p in read_links(session, deal)["parties"] if p[1] in NON_PARTY_ROLES]
    return links | {"parties": sorted(links["parties"] + kept)}
