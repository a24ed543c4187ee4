"""`tracker import deals|shipments|events FILE`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from tracker import db
from tracker.importing.columns import COLUMNS
from tracker.importing.run import import_csv


@click.command("import")
@click.argument("kind", type=click.Choice(sorted(COLUMNS)))
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def import_command(kind: str, path: Path) -> None:
    """Import KIND from the CSV at PATH (the export's columns): every row is checked first,
    and one bad row means nothing is written (exit status 1, with every problem listed)."""
    with db.unit_of_work(db.engine()) as session:
        report = import_csv(session, kind=kind, data=path.read_bytes(), actor="import:cli")
        if not report.ok:
            session.rollback()
    if not report.ok:
        click.echo(f"{len(report.problems)} problem(s) in {path}; nothing was written:", err=True)
        for p in report.shown:
            click.echo(f"  - {p}", err=True)
        if report.not_shown:
            click.echo(f"  ... and {report.not_shown} more problem(s)", err=True)
        click.echo("Fix the rows above and run the import again.", err=True)
        sys.exit(1)
    c = report.counts
    click.echo(
        f"imported {kind}: {c['created']} created, {c['updated']} updated, "
        f"{c['unchanged']} unchanged"
    )
