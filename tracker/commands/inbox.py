"""`tracker inbox list` and `tracker inbox add FILE|URL`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlmodel import select

from tracker import db
from tracker.inbox import service
from tracker.inbox.background import fetch_now
from tracker.models import InboxArticle

inbox_cli = AppGroup("inbox", help="The review inbox: articles waiting for an editor.")
# Audit name of changes made from the command line.
CLI_ACTOR = "cli:inbox"


@inbox_cli.command("list")
def list_command() -> None:
    """Print the pending articles, one a line: URL, title, publication date (tab-separated)."""
    with db.unit_of_work(db.engine()) as session:
        rows = session.exec(
            select(InboxArticle).where(InboxArticle.status == "pending").order_by(InboxArticle.id)
        ).all()
        for a in rows:
            published = a.published_on.isoformat() if a.published_on else ""
            click.echo(f"{a.url or '-'}\t{a.title}\t{published}")


@inbox_cli.command("add")
@click.argument("source")
def add_command(source: str) -> None:
    """Add SOURCE to the inbox: a .txt/.html FILE, or an http(s) URL to fetch."""
    data_dir = current_app.config["TRACKER_DATA_DIR"]
    try:
        if source.startswith(("http://", "https://")):
            result = fetch_now(
                engine=db.engine(),
                url=source,
                actor=CLI_ACTOR,
                data_dir=data_dir,
                fetch_allow=current_app.config.get("TRACKER_FETCH_ALLOW", ()),
            )
        else:
            with db.unit_of_work(db.engine()) as session:
                result = _add_file(session, Path(source), data_dir)
    except service.IngestError as exc:
        raise click.ClickException(str(exc)) from exc
    article = result.article
    if result.error:
        raise click.ClickException(f"kept in the inbox but not fetched: {result.error}")
    verb = "already in the inbox as" if result.duplicate else "added as"
    click.echo(f"{verb} article {article.id}: {article.title}")


def _add_file(session, path: Path, data_dir: Path) -> service.Ingested:
    if not path.is_file():
        raise service.IngestError(f"{path} is not a file or an http(s) URL")
    return service.ingest_upload(
        session=session,
        actor=CLI_ACTOR,
        filename=path.name,
        data=path.read_bytes(),
        data_dir=data_dir,
    )
