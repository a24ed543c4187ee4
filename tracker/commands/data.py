"""`tracker db`, `tracker seed` and `tracker demo-data`: the database and what is in it."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy.exc import OperationalError, ProgrammingError

from tracker import db
from tracker.db import migrate
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


@db_cli.command("check")
@click.option("--fix", is_flag=True, help="Rebuild the summary tables when they differ.")
def db_check(fix: bool) -> None:
    """Recompute the summary tables from the records; exit status 1 if they differ."""
    from tracker.cache import versioning
    from tracker.summaries import check, deal_groups, facet_tally, shipment_words, tallies

    with db.unit_of_work(db.engine()) as session:
        connection = session.connection()
        lines = check.differences(connection)
        if lines and fix:
            tallies.rebuild(connection)
            if shipment_words.present(connection):
                shipment_words.rebuild(connection)
            if deal_groups.present(connection):
                deal_groups.rebuild(connection)
            if facet_tally.present(connection):
                facet_tally.rebuild(connection)
            # Pages computed from the wrong sums are cached under the current tokens.
            versioning.bump(session)
    if not lines:
        click.echo("summary tables match the records")
        return
    click.echo(check.report(lines), err=True)
    if fix:
        click.echo(f"{len(lines)} differences; summary tables rebuilt from the records")
        return
    raise click.ClickException(
        f"{len(lines)} differences between the summary tables and the records; "
        "`tracker db check --fix` rebuilds them"
    )


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


@click.command("demo-data")
@click.option("--deals", type=click.IntRange(0, 1_000_000), default=1000, show_default=True)
@click.option("--shipments", type=click.IntRange(0, 10_000_000), default=10_000, show_default=True)
@click.option("--items-per-shipment", type=click.IntRange(1, 20), default=1, show_default=True)
@click.option(
    "--seed",
    "rng_seed",
    type=int,
    default=0,
    show_default=True,
    help="Random seed: the same seed gives the same records.",
)
@with_appcontext
def demo_data_command(deals: int, shipments: int, items_per_shipment: int, rng_seed: int) -> None:
    """Fill the database with synthetic records (marked synthetic) for demos and benchmarks.

    Refuses a database that holds real deals: give it its own TRACKER_DATABASE_URL.
    """
    from tracker.seeding import demo

    show = sys.stderr.isatty()
    with click.progressbar(
        length=deals + shipments, label="demo data", file=sys.stderr, hidden=not show
    ) as bar:
        try:
            with db.unit_of_work(db.engine()) as session:
                demo.load_reference(session, current_app.config["TRACKER_DATA_DIR"])
                counts = demo.generate(
                    session,
                    deals=deals,
                    shipments=shipments,
                    items_per_shipment=items_per_shipment,
                    seed=rng_seed,
                    progress=bar.update,
                )
        except demo.DemoError as exc:
            raise click.ClickException(str(exc)) from exc
        except (OperationalError, ProgrammingError) as exc:
            raise click.ClickException(
                f"the database is not ready ({exc.orig}); run `tracker db upgrade` first"
            ) from exc
    click.echo(
        f"synthetic: {counts['deals']} deals, {counts['shipments']} shipments, "
        f"{counts['items']} shipment items"
    )
