"""Every command of the CLI has help and is documented in the README (as sqlite-utils does)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from policylens.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in sorted(group.commands.items()):
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
    return found


COMMANDS = _commands(cli)


def test_the_commands_are_found():
    assert {("build",), ("add",), ("review",), ("extract",), ("export", "xlsx")} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help(command):
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0, result.output
    target = cli
    for name in command:
        target = target.commands[name]
    assert target.help and target.help.strip(), f"{' '.join(command)} has no docstring"
    summary = " ".join(target.help.strip().splitlines()[0].split())
    assert summary in " ".join(result.output.split())  # click wraps the lines


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_appears_in_the_readme(command):
    assert f"policylens {' '.join(command)}" in README


ROOT = Path(__file__).resolve().parents[1]


def test_ci_runs_exactly_the_readme_test_command():
    command = next(
        line
        for line in README.splitlines()
        if line.startswith("python3 -m venv") and "pytest" in line
    )
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert "ruff format --check" in command


def test_citation_and_changelog_name_this_version():
    from policylens.version import __version__

    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert f'version: "{__version__}"' in citation and "license: MIT" in citation
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog
