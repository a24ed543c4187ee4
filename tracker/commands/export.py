"""`tracker export` and `tracker release`: the same files as /export, written from the shell."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import click
from flask.cli import with_appcontext
from werkzeug.datastructures import MultiDict

from tracker import db
from tracker.export.columns import KINDS
from tracker.export.release import build
from tracker.export.writer import stream_csv, with_bom
from tracker.queries.conditions import check_known
from tracker.queries.filters import Filter, FilterError
from tracker.records.vocab import SOURCE_TYPES

# (option, query parameter): the Filter's parameters as options, repeatable where they are.
FILTER_OPTIONS = [
    ("commodity", "commodity", True),
    ("country", "country", True),
    ("party", "party", True),
    ("kind", "kind", True),
    ("status", "status", True),
    ("event-kind", "event_kind", True),
    ("from", "from", False),
    ("to", "to", False),
    ("q", "q", False),
]


def filter_options(command):
    """Add the Filter's parameters to COMMAND as options."""
    for option, parameter, multiple in reversed(FILTER_OPTIONS):
        command = click.option(
            f"--{option}",
            f"filter_{parameter}",  # prefixed: KIND is already the file argument
            multiple=multiple,
            help=f"Filter by {parameter} as on the pages" + (" (repeatable)" if multiple else ""),
        )(command)
    return command


def _filter(params: dict) -> Filter:
    """The Filter of the options, checked exactly as a query string is."""
    args = MultiDict()
    for _option, parameter, multiple in FILTER_OPTIONS:
        value = params.get(f"filter_{parameter}")
        for item in value if multiple else ([value] if value is not None else []):
            args.add(parameter, item)
    try:
        f = Filter.from_args(args)
        check_known(db.get_session(), f)
    except FilterError as exc:
        option = next((o for o, p, _m in FILTER_OPTIONS if p == exc.parameter), exc.parameter)
        raise click.BadParameter(exc.message, param_hint=f"--{option}") from exc
    return f


@click.command("export")
@click.argument("kind", type=click.Choice(list(KINDS)))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE.")
@filter_options
@click.option(
    "--source-type",
    "source_types",
    multiple=True,
    type=click.Choice(list(SOURCE_TYPES)),
    help="Only sources of this type in sources.csv and citations.csv (repeatable)",
)
@click.option("--bom", is_flag=True, help="Start with a UTF-8 byte-order mark, for Excel")
@with_appcontext
def export_command(
    kind: str, out: Path | None, source_types: tuple[str, ...], bom: bool, **params
) -> None:
    """Write KIND.csv (the bytes /export/KIND.csv serves) to stdout or --out FILE."""
    f = replace(_filter(params), extra=tuple(("source_type", t) for t in source_types))
    show = out is not None and sys.stderr.isatty()  # progress only for a person at a terminal
    progress = (lambda n: click.echo(f"\r{n:,} rows", nl=False, err=True)) if show else None
    chunks = stream_csv(db.engine(), kind, f, progress=progress)
    if bom:
        chunks = with_bom(chunks)
    if out is None:
        stream = sys.stdout.buffer
        for chunk in chunks:
            stream.write(chunk)
        stream.flush()
        return
    with out.open("wb") as fh:
        for chunk in chunks:
            fh.write(chunk)
    if show:
        click.echo(f"\nwrote {out}", err=True)


@click.command("release")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("releases"),
    show_default=True,
    help="Directory of releases; the newest zip in it is the previous release.",
)
@with_appcontext
def release_command(out: Path) -> None:
    """Write a versioned zip: every CSV, datapackage.json and a changelog since the last one."""
    path = build(db.engine(), out, date.today())
    click.echo(f"wrote {path}")
