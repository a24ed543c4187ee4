"""One seed run: read, check everything, then write everything in the caller's transaction."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session

from tracker.records.derived import refresh_deal_ranges
from tracker.seeding.apply import Writer, write_plan, write_reference
from tracker.seeding.build import read_plan
from tracker.seeding.errors import Problem, SeedError
from tracker.seeding.reference import commodity_rows


def seed(session: Session, *, seeds: Path, data_dir: Path) -> dict[str, int]:
    """Load reference data and the seed files at SEEDS; raise SeedError before writing if any
    problem is found. The caller commits (or rolls back) the session."""
    if not seeds.exists():
        raise SeedError([Problem(str(seeds), "(path)", "", "does not exist")])
    try:
        rows = commodity_rows(data_dir)
    except (OSError, KeyError, ValueError) as exc:
        raise SeedError([Problem(str(data_dir), "commodities.toml", "", str(exc))]) from exc
    plan = read_plan(seeds, {r["slug"] for r in rows})
    if plan.problems:
        raise SeedError(plan.problems)
    writer = Writer(session)
    write_reference(writer, rows)
    write_plan(writer, plan)
    refresh_deal_ranges(session)
    session.flush()
    return writer.counts
