"""tracker seed: all or nothing, idempotent, and every problem named by file, record, field."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tracker import db
from tracker.config import DEFAULT_SEEDS_DIR
from tracker.models import AuditEntry, Citation, Deal, Party, Source


def counts(app) -> dict[str, int]:
    with db.unit_of_work(app.extensions["tracker.engine"]) as s:
        return {
            m.__name__: s.scalar(select(func.count()).select_from(m))
            for m in (Deal, Party, Source, Citation, AuditEntry)
        }


def test_seed_loads_everything_and_second_run_changes_nothing(app, runner):
    first = runner.invoke(args=["seed"])
    assert first.exit_code == 0, first.output
    after_first = counts(app)
    assert after_first["Deal"] >= 10
    assert after_first["Party"] > 249  # every ISO 3166 country plus companies and agencies
    second = runner.invoke(args=["seed"])
    assert second.exit_code == 0, second.output
    assert counts(app) == after_first
    # Each record counts once per run: all created the first time, all unchanged the second.
    created = re.search(r"seeded: (\d+) created, 0 updated, 0 unchanged", first.output)
    assert created, first.output
    assert f"seeded: 0 created, 0 updated, {created[1]} unchanged" in second.output


def copy_seeds(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(DEFAULT_SEEDS_DIR, target)
    return target


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'quote = "The agreement is valued at approximately USD 500 million"',
            'quote = "The agreement is valued at roughly USD 500 million"',
            "e01-pakistan-ussm.toml: citations[0].quote: does not occur in the source's text",
        ),
        (
            'currency = "USD", approximate = true',
            'currency = "USX", approximate = true',
            "value.currency: 'USX' is not an ISO 4217 currency",
        ),
        (
            'signed = "2025-09"',
            'signed = "September 2025"',
            "e01-pakistan-ussm.toml: deals[ussm-fwo-critical-minerals-mou-2025].signed:",
        ),
        (
            '"copper-concentrate"',
            '"copper-concentrates"',
            "no commodity is called 'copper-concentrates'",
        ),
    ],
)
def test_broken_seed_names_the_problem_and_writes_nothing(
    app, runner, tmp_path, old, new, expected
):
    seeds = copy_seeds(tmp_path)
    path = seeds / "e01-pakistan-ussm.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    before = counts(app)
    result = runner.invoke(args=["seed", str(seeds)])
    assert result.exit_code != 0
    assert expected in result.output
    assert "nothing was written" in result.output
    assert counts(app) == before


def test_a_deal_value_without_a_citation_is_refused(app, runner, tmp_path):
    """Every figure points to a source: a value no citation supports stops the seed."""
    seeds = copy_seeds(tmp_path)
    path = seeds / "e01-pakistan-ussm.toml"
    text = path.read_text(encoding="utf-8")
    assert 'field = "value"' in text
    path.write_text(text.replace('field = "value"', 'field = "summary"'), encoding="utf-8")
    before = counts(app)
    result = runner.invoke(args=["seed", str(seeds)])
    assert result.exit_code != 0
    assert (
        "e01-pakistan-ussm.toml: deals[ussm-fwo-critical-minerals-mou-2025].value: "
        "no citation supports this value" in result.output
    )
    assert counts(app) == before


def test_seed_of_a_missing_path_is_an_error(runner, tmp_path):
    result = runner.invoke(args=["seed", str(tmp_path / "nowhere")])
    assert result.exit_code != 0
    assert "does not exist" in result.output


def test_failure_while_writing_rolls_back(app, runner, tmp_path, monkeypatch):
    """A fault after some rows are written leaves the database as it was."""
    from tracker.seeding import apply

    def explode(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(apply, "_sync_citations", explode)
    before = counts(app)
    result = runner.invoke(args=["seed"])
    assert result.exit_code != 0
    assert counts(app) == before
