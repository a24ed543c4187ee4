"""Every command of the `tracker` CLI has help and is named in the README."""

from __future__ import annotations

import click
import pytest

from tracker import create_app
from tracker.config import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
# Flask's own commands; the README names them together in one sentence.
FLASK_BUILTINS = {"run", "routes", "shell"}


def project_commands() -> list[tuple[str, ...]]:
    """Every (group, command) path of the project's own CLI."""
    app = create_app({"TRACKER_DATABASE_URL": "sqlite://"})
    paths = []
    for name, command in sorted(app.cli.commands.items()):
        if isinstance(command, click.Group):
            paths += [(name, sub) for sub in sorted(command.commands)]
        else:
            paths.append((name,))
    return paths


@pytest.mark.parametrize("path", project_commands(), ids=" ".join)
def test_command_has_help_and_is_in_the_readme(runner, path):
    result = runner.invoke(args=[*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    command = " ".join(path)
    assert f"`tracker {command}" in README, f"README does not mention tracker {command}"


def test_flask_builtins_are_in_the_readme():
    for name in FLASK_BUILTINS:
        assert f"`tracker {name}`" in README
