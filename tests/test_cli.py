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


def test_solve_end_to_end_json() -> None:
    import json

    # the buffer dilemma at its defaults: q* = (10 - 1) / (4/5 * 10 + 1/5 * 30) = 9/14 < q = 7/10
    result = run("solve", "buffer_dilemma", "--json")
    assert result.returncode == 0, result.stderr
    headline = json.loads(result.stdout)["headline"]
    assert headline["belief threshold q*"] == "9/14"
    assert headline["China's choice"] == "Shield"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["solve", "buffer_dilemma", "--set", "q=abc"], "--set q"),
        (["solve", "buffer_dilemma", "--set", "qq=1/2"], "did you mean 'q'"),
        (["solve", "buffer_dilemma", "--set", "q=3/2"], "q must lie in [0, 1]"),
        (["report", "--scenario", "no/such/file.toml"], "no/such/file.toml"),
    ],
)
def test_user_mistakes_end_to_end(args: list[str], fragment: str) -> None:
    result = run(*args)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("nea-games: error: ")
    assert fragment in result.stderr and "Traceback" not in result.stderr


def test_main_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as bad_value:
        main(["conditions", "quasi_alliance", "--symbol", "kapa", "--profile", "Not,Not"])
    assert bad_value.value.code == 1
    assert "did you mean 'kappa'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["sweep"])
    assert usage.value.code == 2
    assert "Missing argument" in capsys.readouterr().err
    main(["conditions", "quasi_alliance", "--symbol", "kappa", "--profile", "Cooperate,Cooperate"])
    assert capsys.readouterr().out.strip().endswith("kappa <= 1/2")
