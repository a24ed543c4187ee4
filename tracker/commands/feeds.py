"""`tracker feeds add|list|remove|import`: the news feeds poll_feeds reads, kept in the database."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from tracker import db
from tracker.jobs.feed_list import (
    FeedListError,
    add_feed,
    find_feed,
    import_feeds,
    list_feeds,
    remove_feed,
)

feeds_cli = AppGroup("feeds", help="The news feeds the poll_feeds job reads (the feed table).")
# Audit name of changes made from the command line.
CLI_ACTOR = "cli:feeds"


@feeds_cli.command("add")
@click.argument("url")
@click.option("--name", help="A short name for the feed (default: its URL).")
def feeds_add(url: str, name: str | None) -> None:
    """Add the RSS or Atom feed at URL to the feed list."""
    try:
        with db.unit_of_work(db.engine()) as session:
            feed = add_feed(session, actor=CLI_ACTOR, url=url, name=name)
            line = f"added {feed.name} ({feed.url})"
    except FeedListError as exc:
        raise click.ClickException(f"{exc}; nothing was added.") from exc
    click.echo(line)


@feeds_cli.command("list")
def feeds_list() -> None:
    """Print the feeds, one a line: name and URL."""
    with db.unit_of_work(db.engine()) as session:
        for feed in list_feeds(session):
            click.echo(f"{feed.name}\t{feed.url}")


@feeds_cli.command("remove")
@click.argument("url_or_name")
def feeds_remove(url_or_name: str) -> None:
    """Remove the feed with this URL (or else this name) from the list."""
    with db.unit_of_work(db.engine()) as session:
        feed = find_feed(session, url_or_name)
        if feed is None:
            raise click.ClickException(
                f"no feed has the URL or name {url_or_name!r}; `tracker feeds list` shows them"
            )
        line = f"removed {feed.name} ({feed.url})"
        remove_feed(session, actor=CLI_ACTOR, feed=feed)
    click.echo(line)


@feeds_cli.command("import")
@click.argument("path", required=False, type=click.Path(path_type=Path))
def feeds_import(path: Path | None) -> None:
    """Add the [[feed]] entries of a TOML file (default: TRACKER_FEEDS_FILE, data/feeds.toml)
    that are not listed yet; a bad entry stops the import and nothing is added."""
    path = path or Path(current_app.config["TRACKER_FEEDS_FILE"])
    try:
        with db.unit_of_work(db.engine()) as session:
            done = import_feeds(session, actor=CLI_ACTOR, path=path)
            count = len(done.added)
    except FeedListError as exc:
        raise click.ClickException(f"{exc}; nothing was imported.") from exc
    click.echo(f"imported {count} feeds from {path}; {done.skipped} were listed already")
