"""Alembic owns the schema: the migrations match the models and go down and up again."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from tracker.db import migrate


def test_one_line_of_migrations():
    script = ScriptDirectory.from_config(migrate.alembic_config("sqlite://"))
    assert len(script.get_heads()) == 1
    assert len(list(script.walk_revisions())) >= 5


def test_models_match_the_migrated_schema_and_downgrade_round_trips(app, runner):
    url = app.config["TRACKER_DATABASE_URL"]
    engine = app.extensions["tracker.engine"]
    # Raises if autogenerate would find any difference between models and database.
    command.check(migrate.alembic_config(url))
    engine.dispose()
    result = runner.invoke(args=["db", "downgrade", "base"])
    assert result.exit_code == 0, result.output
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert {"deal", "shipment_item", "citation", "audit_entry"} <= set(
        inspect(engine).get_table_names()
    )


def test_a_populated_database_goes_down_and_up_keeping_its_rows(seeded_app):
    """Batch migrations rebuild SQLite tables; with rows in them (and foreign keys enforced)
    dropping the old table used to fail, or cascade deletes into the tables that refer to it."""
    url = seeded_app.config["TRACKER_DATABASE_URL"]
    engine = seeded_app.extensions["tracker.engine"]
    kept = ("party", "deal", "deal_party", "deal_commodity", "source", "citation", "event")

    def counts() -> dict[str, int]:
        with engine.connect() as conn:
            return {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() for t in kept}

    before = counts()
    assert before["deal_party"] > 0 and before["citation"] > 0
    engine.dispose()
    runner = seeded_app.test_cli_runner()
    result = runner.invoke(args=["db", "downgrade", "0005"])
    assert result.exit_code == 0, result.output
    engine.dispose()
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert counts() == before
    command.check(migrate.alembic_config(url))


def _revision_module(revision: str):
    script = ScriptDirectory.from_config(migrate.alembic_config("sqlite://"))
    return script.get_revision(revision).module


@pytest.mark.parametrize("revision", ["0011", "0015", "0016"])
def test_the_word_search_revisions_import_no_application_code(revision):
    """0011, 0015 and 0016 write their SQL out: a later change to tracker.queries.search cannot
    change them."""
    import ast
    from pathlib import Path

    module = _revision_module(revision)
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [
        a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names
    ]
    assert imported and not [n for n in imported if n.split(".")[0] == "tracker"]


def test_the_search_sql_the_app_reads_is_what_the_revision_built():
    """The app's queries must repeat the indexed expressions exactly (PostgreSQL uses the GIN
    index only then): when the app's search SQL changes, a new revision must rebuild it."""
    from tracker.queries import search

    revisions = [_revision_module(r) for r in ("0011", "0015")]
    for dialect in ("sqlite", "postgresql"):
        assert [s for m in revisions for s in m.create_sql(dialect)] == search.create_sql(dialect)
        assert [s for m in revisions for s in m.drop_sql(dialect)] == search.drop_sql(dialect)
