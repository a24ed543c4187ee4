"""Alembic owns the schema: the migrations match the models and go down and up again."""

from __future__ import annotations

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
