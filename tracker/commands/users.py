"""`tracker users add|list|disable|set-role|password`: accounts are managed on the server, never
over the web."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from tracker import db
from tracker.auth import accounts

users_cli = AppGroup("users", help="Editor and admin accounts.")


def _read_password() -> str:
    """A password from a prompt on a terminal, else the first line of standard input."""
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\r\n")


@users_cli.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(accounts.ROLES), default="editor", show_default=True)
def users_add(username: str, role: str) -> None:
    """Create USERNAME; the password is read from standard input (first line)."""
    password = _read_password()
    try:
        with db.unit_of_work(db.engine()) as session:
            accounts.add_user(session, username=username, password=password, role=role)
    except accounts.AccountError as exc:
        raise click.ClickException(f"{exc}; nothing was created.") from exc
    click.echo(f"created {role} {username}")


@users_cli.command("list")
def users_list() -> None:
    """Print every account: username, role, active or disabled."""
    with db.unit_of_work(db.engine()) as session:
        for user in accounts.list_users(session):
            state = "active" if user.active else "disabled"
            click.echo(f"{user.username}\t{user.role}\t{state}")


@users_cli.command("disable")
@click.argument("username")
def users_disable(username: str) -> None:
    """Stop USERNAME from logging in; their open sessions end at their next request."""
    try:
        with db.unit_of_work(db.engine()) as session:
            accounts.disable_user(session, username)
    except accounts.AccountError as exc:
        raise click.ClickException(f"{exc}; `tracker users list` shows the accounts.") from exc
    click.echo(f"disabled {username}")


@users_cli.command("set-role")
@click.argument("username")
@click.argument("role", type=click.Choice(accounts.ROLES))
def users_set_role(username: str, role: str) -> None:
    """Make USERNAME an editor or an admin; it applies from their next request."""
    try:
        with db.unit_of_work(db.engine()) as session:
            accounts.set_role(session, username, role)
    except accounts.AccountError as exc:
        raise click.ClickException(f"{exc}; `tracker users list` shows the accounts.") from exc
    click.echo(f"{username} is now {role}")


@users_cli.command("password")
@click.argument("username")
def users_password(username: str) -> None:
    """Set USERNAME's password (read as for `add`); every session they have open ends."""
    password = _read_password()
    try:
        with db.unit_of_work(db.engine()) as session:
            accounts.set_password(session, username, password)
    except accounts.AccountError as exc:
        raise click.ClickException(f"{exc}; nothing was changed.") from exc
    click.echo(f"changed the password of {username}; their open sessions have ended")
