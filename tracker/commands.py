"""The project's own CLI commands, registered on the Flask CLI."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from tracker import db, migrate
from tracker.seeding import SeedError, seed

db_cli = AppGroup("db", help="Database schema: migrations through Alembic.")


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: the latest)."""
    migrate.upgrade(current_app.config["TRACKER_DATABASE_URL"], revision)
    click.echo(f"database at {revision}")


@db_cli.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    """Take the schema back to REVISION ("base" removes every table)."""
    migrate.downgrade(current_app.config["TRACKER_DATABASE_URL"], revision)
    click.echo(f"database at {revision}")


@db_cli.command("current")
def db_current() -> None:
    """Print the revision the database is at."""
    migrate.current(current_app.config["TRACKER_DATABASE_URL"])


@click.command("seed")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@with_appcontext
def seed_command(path: Path | None) -> None:
    """Load reference data and the seed records (all of seeds/, or one PATH) in one transaction.

    Everything is checked first; a problem anywhere writes nothing. Running it twice changes
    nothing.
    """
    seeds = path or current_app.config["TRACKER_SEEDS_DIR"]
    try:
        with db.unit_of_work(db.engine()) as session:
            counts = seed(session, seeds=seeds, data_dir=current_app.config["TRACKER_DATA_DIR"])
    except SeedError as exc:
        raise click.ClickException(
            f"{exc}\nFix the seed files and run `tracker seed` again."
        ) from exc
    click.echo(
        f"seeded: {counts['created']} created, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged"
    )


def register(app: Flask) -> None:
    """Add every command to the app's CLI."""
    app.cli.add_command(db_cli)
    app.cli.add_command(seed_command)
    from tracker.export_commands import export_command, release_command

    app.cli.add_command(export_command)
    app.cli.add_command(release_command)
