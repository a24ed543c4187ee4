"""The `tracker` console script: Flask's CLI for create_app, plus the project's commands."""

from __future__ import annotations

from flask.cli import FlaskGroup

from tracker.app import create_app


def main() -> None:
    """Run the CLI."""
    cli = FlaskGroup(create_app=lambda: create_app(), help="The critical-minerals deal tracker.")
    cli.main(prog_name="tracker")
