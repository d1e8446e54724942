"""The command line: help, version, and how it finds its project folder."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policylens.cli import cli, main
from policylens.version import __version__

REPO = Path(__file__).resolve().parents[1]


def run(*args: str, cwd=None, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "policylens", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_version_and_help():
    assert run("--version").stdout.strip() == f"policylens, version {__version__}"
    result = run("--help")
    assert result.returncode == 0
    for command in cli.commands:
        assert command in result.stdout


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    assert len(capsys.readouterr().out) > 100


def test_build_finds_the_project_upward_from_a_subfolder(built_copy):
    project = built_copy  # built once per session; its tables are removed, the build remakes them
    shutil.rmtree(project / "data" / "processed")
    sub = project / "notebooks" / "deep"
    sub.mkdir(parents=True)
    result = run("build", cwd=sub)
    assert result.returncode == 0, result.stderr
    assert (project / "data" / "processed" / "documents.csv").exists()


def test_build_uses_policylens_root(built_copy, tmp_path):
    import os

    project = built_copy
    env = {**os.environ, "POLICYLENS_ROOT": str(project)}
    result = run("build", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert str(project) in result.stdout


def test_unknown_root_is_a_clear_error(tmp_path):
    result = run("--root", str(tmp_path), "build")
    assert result.returncode == 1
    assert "has no data/raw/ folder" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [["--root", "{root}", "build"], ["build", "--root", "{root}"], ["review", "--root", "{root}"]],
    ids=["before", "after-build", "after-review"],
)
def test_root_is_accepted_before_or_after_the_subcommand(tmp_path, capsys, args):
    with pytest.raises(SystemExit) as info:
        main([arg.format(root=tmp_path) for arg in args])
    err = capsys.readouterr().err
    assert info.value.code == 1
    assert f"{tmp_path} is not a policylens project" in err and "Traceback" not in err


def test_unusable_root_path_is_a_clear_error():
    import policylens as pl

    with pytest.raises(pl.PolicylensError, match="cannot be used as a project folder"):
        pl.load_documents("bad\x00root")


def test_after_a_stop_signal_any_error_ends_as_stopped(monkeypatch, capsys):
    import signal

    import policylens.cli as cli_module
    from policylens.errors import OutputError

    assert cli_module._exit_status(OutputError("disk full")) == 1
    monkeypatch.setattr(cli_module, "_stopped_by", [signal.SIGTERM])
    # e.g. the process pool breaking because its workers were ended on purpose
    assert cli_module._exit_status(RuntimeError("broken pool")) == 128 + signal.SIGTERM
    assert "stopped by SIGTERM" in capsys.readouterr().err
    monkeypatch.setattr(cli_module, "_stopped_by", [])
    with pytest.raises(RuntimeError):  # a bug keeps its traceback
        cli_module._exit_status(RuntimeError("a bug"))


def test_build_with_jobs_and_without_figures(project):
    result = run("--root", str(project), "build", "--jobs", "2", "--no-figures")
    assert result.returncode == 0, result.stderr
    assert (project / "data" / "processed" / "targets.csv").exists()
    assert not (project / "figures").exists()
    bad = run("--root", str(project), "build", "-j", "-1")
    assert bad.returncode == 2 and "-1 is not in the range x>=0" in bad.stderr


def test_extract_with_two_jobs_writes_what_one_writes(tmp_path):
    folder = tmp_path / "texts"
    shutil.copytree(REPO / "data" / "raw" / "texts", folder)
    (folder / "notes.csv").write_text("a,b\n", encoding="utf-8")
    one = run("extract", str(folder), "--issued", "2024-01-12")
    two = run("extract", "--jobs", "2", str(folder), "--issued", "2024-01-12")
    assert one.returncode == two.returncode == 0, two.stderr
    assert two.stdout == one.stdout and one.stdout.count("\n") > 20
    assert "skipped" in two.stderr and "notes.csv" in two.stderr
