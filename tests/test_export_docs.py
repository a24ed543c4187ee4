"""The README documents every exported column and the export commands, and they have help."""

from __future__ import annotations

import pytest

from tracker.config import REPO_ROOT
from tracker.export.columns import KINDS

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", list(KINDS))
def test_readme_lists_every_column_of_every_file(kind):
    assert f"**{kind}.csv**" in README
    for column in KINDS[kind]:
        assert f"| `{column.name}` | {column.type} |" in README, column.name


@pytest.mark.parametrize("command", ["export", "release"])
def test_export_commands_have_help_and_are_in_the_readme(runner, command):
    result = runner.invoke(args=[command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    assert f"`tracker {command} " in README
