"""The project's own CLI commands: one module per command group, each a thin shell over a
domain package, all registered on the Flask CLI here."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Add every command to the app's CLI."""
    from tracker.commands.data import db_cli, demo_data_command, seed_command
    from tracker.commands.export import export_command, release_command
    from tracker.commands.extract import eval_extract_command, extract_command
    from tracker.commands.feeds import feeds_cli
    from tracker.commands.geo import geo_cli
    from tracker.commands.importing import import_command
    from tracker.commands.inbox import inbox_cli
    from tracker.commands.jobs import COMMANDS as JOB_COMMANDS
    from tracker.commands.serve import serve_command
    from tracker.commands.users import users_cli

    for command in (
        db_cli,
        seed_command,
        demo_data_command,
        extract_command,
        eval_extract_command,
        export_command,
        release_command,
        users_cli,
        import_command,
        inbox_cli,
        feeds_cli,
        serve_command,
        geo_cli,
        *JOB_COMMANDS,
    ):
        app.cli.add_command(command)
