"""Click commands `extract` and `eval-extract` for the app's CLI to register."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from tracker.extract.evaluate import (
    FIELDS,
    check_corpus_dir,
    evaluate_dir,
    format_misses,
    format_table,
)
from tracker.extract.pipeline import Extractor
from tracker.extract.reference import Reference

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def _load_reference(data_dir: Path) -> Reference:
    if not (data_dir / "commodities.toml").is_file():
        raise click.ClickException(
            f"{data_dir} has no commodities.toml; "
            "pass --data-dir pointing at the repo's data/ directory"
        )
    try:
        return Reference.load(data_dir)
    except Exception as exc:  # a broken TOML file is the user's to fix, not a traceback
        raise click.ClickException(f"could not read reference data in {data_dir}: {exc}") from exc


_data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_DATA_DIR,
    show_default=True,
    help="Directory holding commodities.toml and organisations.toml.",
)


@click.command("extract")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--published", help="Publication date YYYY-MM-DD (overrides the byline).")
@_data_dir_option
def extract_command(file: Path, published: str | None, data_dir: Path) -> None:
    """Extract commodities, countries, organisations, money and events from FILE as JSON."""
    pub = None
    if published:
        try:
            pub = date.fromisoformat(published)
        except ValueError:
            raise click.BadParameter(
                f"{published!r} is not a date; use YYYY-MM-DD", param_hint="--published"
            ) from None
    if not file.is_file():
        raise click.ClickException(f"{file} does not exist; give the path of a text article")
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise click.ClickException(
            f"{file} is not UTF-8 text; convert it (e.g. iconv -t UTF-8) and retry"
        ) from None
    reference = _load_reference(data_dir)
    result = Extractor(reference).extract(text, pub).to_json()
    click.echo(json.dumps(result, indent=2, ensure_ascii=False))


@click.command("eval-extract")
@click.argument("directory", type=click.Path(path_type=Path), required=False)
@click.option(
    "--inbox",
    is_flag=True,
    help="Score on the editors' accepted, edited and rejected inbox proposals instead.",
)
@click.option(
    "--misses",
    "misses",
    multiple=True,
    type=click.Choice(["all", *FIELDS]),
    help="After the table, list per article what a field missed and found extra "
    "(repeat for several fields; 'all' for every field).",
)
@_data_dir_option
def eval_extract_command(
    directory: Path | None, inbox: bool, misses: tuple[str, ...], data_dir: Path
) -> None:
    """Score the extractor on DIRECTORY (articles/*.txt with labels/*.json), or with --inbox on
    the decisions editors made in the review inbox, and print a table."""
    if inbox:
        if directory is not None:
            raise click.UsageError("give either DIRECTORY or --inbox, not both")
        if misses:
            raise click.UsageError("--misses lists a labelled DIRECTORY's misses, not the inbox's")
        _eval_inbox(_load_reference(data_dir))
        return
    if directory is None:
        raise click.UsageError("give a DIRECTORY of articles/ and labels/, or --inbox")
    problem = check_corpus_dir(directory)
    if problem:
        raise click.ClickException(problem)
    reference = _load_reference(data_dir)
    result = evaluate_dir(directory, reference)
    if result.articles == 0:
        raise click.ClickException(
            f"no article in {directory}/articles has a matching labels/*.json"
        )
    click.echo(format_table(result))
    if misses:
        chosen = FIELDS if "all" in misses else misses
        click.echo(format_misses(result, chosen))


def _eval_inbox(reference: Reference) -> None:
    """Score the current extractor on the inbox's decided proposals (needs the app's database)."""
    from flask.cli import ScriptInfo

    from tracker import db
    from tracker.inbox.learning import format_inbox_table, score_inbox

    info = click.get_current_context().find_object(ScriptInfo)
    if info is None:
        raise click.ClickException("--inbox needs the app's database; run it as `tracker ...`")
    with info.load_app().app_context(), db.unit_of_work(db.engine()) as session:
        score = score_inbox(session, Extractor(reference), reference)
    if score.articles == 0:
        raise click.ClickException(
            "no inbox article has an accepted, edited or rejected proposal yet"
        )
    click.echo(format_inbox_table(score))
