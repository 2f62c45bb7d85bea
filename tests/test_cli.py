"""The command line, run as a user runs it (in a subprocess) and through click's runner."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from nea_games.cli import cli, main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nea_games", *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_demo_solves_the_tour() -> None:
    result = run("demo")
    assert result.returncode == 0, result.stderr
    assert "== Prisoner's dilemma ==" in result.stdout
    assert "== McKelvey-McLennan 2x2x2 ==" in result.stdout
    assert "9 equilibria" in result.stdout
    assert result.stderr == ""


def test_unknown_game_is_one_line_and_non_zero() -> None:
    result = run("demo", "stag_hnt")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "did you mean 'stag_hunt'" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_method_and_option() -> None:
    bad_method = run("demo", "--method", "magic", "chicken")
    assert bad_method.returncode == 1 and "unknown method 'magic'" in bad_method.stderr
    bad_option = run("demo", "--bogus")
    assert bad_option.returncode == 2 and bad_option.stderr.startswith("nea-games: error: No such option")


def test_help_everywhere() -> None:
    runner = CliRunner()
    for command in ([], ["demo"], ["games"], ["methods"]):
        result = runner.invoke(cli, [*command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output


def test_listing_commands() -> None:
    runner = CliRunner()
    assert "stag_hunt" in runner.invoke(cli, ["games"]).output
    assert "vertex_enumeration" in runner.invoke(cli, ["methods"]).output


def test_main_without_arguments_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    main([])
    assert "Commands" in capsys.readouterr().out
