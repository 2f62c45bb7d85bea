"""Every ``nea-games`` command run through click's runner, as a user types it.

Model facts asserted here are worked out by hand from the models' stated
payoffs (DESIGN §4), not read off the program:

* Buffer dilemma at its defaults (n = 10, B = 30, c_C = 1, kappa = 1/5, g = sigma = 0):
  China pressures iff q <= q* = (n + sigma - c_C) / ((1 - kappa) n + kappa (1 - g) B)
  = 9 / (8 + 6) = 9/14; China's belief q = 7/10 > 9/14, so it shields. With g
  symbolic, q* = 9 / (8 + 6 (1 - g)) = 9 / (14 - 6 g).
* Quasi-alliance at its defaults: M_J = beta_J abar_J (1 - kappa) - h_J - eps_J >= f
  iff kappa <= 1 - 3/6 = 1/2; M_K >= f iff kappa <= 1 - 3/8 = 5/8; so (C, C) is an
  equilibrium iff kappa <= kappa* = 1/2 (Japan binds). At kappa = 3/5 the payoffs of
  (C, C) are (6 * 2/5 - 3, 8 * 2/5 - 3) = (-3/5, 1/5).
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from nea_games.cli import cli


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def assert_user_error(result: Result, *fragments: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nea-games: error: "), result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


# ---------------------------------------------------------------------------- listing
def test_help_on_every_command() -> None:
    for command in cli.commands:
        result = invoke(command, "--help")
        assert result.exit_code == 0 and "Usage: " in result.output, command


def test_models_lists_what_is_shipped() -> None:
    from nea_games.models import registry

    output = invoke("models").output
    for name in registry.available():
        assert name in output
    assert "buffer dilemma" in output


def test_describe_shows_question_defaults_and_meanings() -> None:
    output = invoke("describe", "buffer_dilemma").output
    assert "Why does China shield" in output
    rows = {line.split()[0]: line.split()[1] for line in output.splitlines() if line.startswith("  ")}
    # DESIGN §4.2 defaults: n = 10, B = 30, kappa = 1/5, q = 7/10
    assert (rows["n"], rows["B"], rows["kappa"], rows["q"]) == ("10", "30", "1/5", "7/10")
    assert "China's belief that the DPRK is resolute" in output


def test_describe_unknown_model_suggests() -> None:
    assert_user_error(invoke("describe", "quasi_aliance"), "did you mean 'quasi_alliance'")


# ---------------------------------------------------------------------------- solve
def test_solve_buffer_dilemma_at_defaults() -> None:
    result = invoke("solve", "buffer_dilemma")
    assert result.exit_code == 0, result.output
    headline = {
        line[:46].strip(): line[46:].strip() for line in result.output.splitlines() if line.startswith("  ")
    }
    assert headline["China's choice"] == "Shield"
    assert headline["belief threshold q*"] == "9/14"
    assert headline["probability of denuclearisation"] == "0"
    assert "subgame perfect equilibri" in result.output


def test_solve_json_is_exact() -> None:
    result = invoke("solve", "buffer_dilemma", "--json")
    data = json.loads(result.stdout)
    assert data["headline"]["belief threshold q*"] == "9/14"
    assert data["headline"]["China's choice"] == "Shield"
    assert data["parameters"]["q"] == "7/10"
    # with a credible US guarantee g = 1/2: q* = 9 / (8 + 6/2) = 9/11 > 7/10, China pressures
    guarded = json.loads(invoke("solve", "buffer_dilemma", "--set", "g=1/2", "--json").stdout)
    assert guarded["headline"]["belief threshold q*"] == "9/11"
    assert guarded["headline"]["China's choice"] == "Pressure"


def test_solve_quasi_alliance_either_side_of_kappa_star() -> None:
    below = json.loads(invoke("solve", "quasi_alliance", "--set", "kappa=1/2", "--json").stdout)
    above = json.loads(invoke("solve", "quasi_alliance", "--set", "kappa=51/100", "--json").stdout)
    assert below["headline"]["binding threshold kappa*"] == "1/2"
    assert below["headline"]["(C, C) is an equilibrium"] is True
    assert above["headline"]["(C, C) is an equilibrium"] is False
    labels = [eq["label"] for eq in above["equilibria"]["equilibria"]]
    assert labels == ["pure (Not, Not)"]


def test_solve_a_gambit_file(tmp_path: Path) -> None:
    # matching pennies: the unique equilibrium mixes 1/2-1/2
    path = tmp_path / "pennies.nfg"
    path.write_text('NFG 1 R "Pennies" { "Row" "Col" } { 2 2 }\n1 -1  -1 1  -1 1  1 -1\n')
    data = json.loads(invoke("solve", str(path), "--json").stdout)
    (only,) = data["equilibria"]["equilibria"]
    assert only["strategies"]["Row"] == {"1": "1/2", "2": "1/2"}
    assert only["payoffs"] == {"Row": "0", "Col": "0"}
    assert "Pennies" in invoke("solve", str(path)).output


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["--set", "gg=1"], ["--set gg", "did you mean 'g'"]),
        (["--set", "nosuch=1"], ["no parameter 'nosuch'"]),
        (["--set", "g=abc"], ["--set g", "'abc'"]),
        (["--set", "g=nan"], ["--set g", "'nan'"]),
        (["--set", "g=inf"], ["--set g", "'inf'"]),
        (["--set", "g=2"], ["g must lie in [0, 1]", "got 2"]),
        (["--set", "kappa=-1/5"], ["kappa", "-1/5"]),
    ],
)
def test_bad_set_values_are_one_line(args: list[str], fragments: list[str]) -> None:
    assert_user_error(invoke("solve", "buffer_dilemma", *args), *fragments)


def test_bad_targets_are_one_line(tmp_path: Path) -> None:
    assert_user_error(invoke("solve", "buffer_dilema"), "did you mean 'buffer_dilemma'")
    missing = tmp_path / "missing.nfg"
    assert_user_error(invoke("solve", str(missing)), str(missing), "No such file")
    broken = tmp_path / "broken.nfg"
    broken.write_text('NFG 1 R "x" { "a" "b" } { 2 2 }\n1 2 3')
    assert_user_error(invoke("solve", str(broken)), f"{broken}:2:")


def test_usage_errors_exit_2() -> None:
    assert invoke("solve", "buffer_dilemma", "--bogus").exit_code == 2
    assert invoke("solve", "buffer_dilemma", "--set", "g").exit_code == 2
    assert invoke("export", "quasi_alliance", "--format", "xml").exit_code == 2


# ---------------------------------------------------------------------------- conditions
def test_conditions_symbolic_in_the_model_parameters() -> None:
    text = invoke("conditions", "quasi_alliance", "--symbol", "kappa", "--profile", "Cooperate,Cooperate")
    assert text.output.strip() == "(Cooperate, Cooperate) is a Nash equilibrium: kappa <= 1/2"
    latex = invoke(
        "conditions", "quasi_alliance", "--symbol", "kappa", "--profile", "Cooperate,Cooperate", "--latex"
    )
    assert latex.output.strip() == r"\kappa \leq \frac{1}{2}"
    shield = invoke("conditions", "buffer_dilemma", "--symbol", "q", "--profile", "China=Shield")
    assert shield.output.strip().endswith("q >= 9/14")


def test_conditions_two_symbols_match_the_closed_form() -> None:
    import sympy

    out = invoke(
        "conditions", "buffer_dilemma", "--symbol", "q", "--symbol", "g", "--profile", "China=Pressure"
    )
    relation = sympy.sympify(out.output.rsplit(": ", 1)[1].strip().replace(">=", "-(") + ")")
    q, g = sympy.symbols("q g")
    # pressure iff q <= 9 / (14 - 6 g): both sides of the threshold at g = 1/2 (q* = 9/11)
    for q_value, holds in [(sympy.Rational(81, 100), True), (sympy.Rational(83, 100), False)]:
        value = relation.subs({g: sympy.Rational(1, 2), q: q_value})
        assert (value >= 0) == holds


def test_conditions_numeric_and_errors() -> None:
    # at kappa = 3/5 > 1/2 Japan free rides: (C, C) is not an equilibrium; (N, N) is
    assert invoke("conditions", "quasi_alliance", "--profile", "Cooperate,Cooperate").output.endswith(
        ": no\n"
    )
    assert invoke("conditions", "quasi_alliance", "--profile", "Not,Not").output.endswith(": yes\n")
    assert_user_error(
        invoke("conditions", "quasi_alliance", "--symbol", "kapa", "--profile", "Cooperate,Cooperate"),
        "did you mean 'kappa'",
    )
    assert_user_error(invoke("conditions", "quasi_alliance", "--profile", "Cooperate"), "2 players")
    assert_user_error(invoke("conditions", "quasi_alliance", "--profile", "Cooperate,Coop"), "'Coop'")
    assert_user_error(
        invoke("conditions", "quasi_alliance", "--game", "nope", "--profile", "Not,Not"), "no game 'nope'"
    )


# ---------------------------------------------------------------------------- sweep
def test_sweep_quasi_alliance_shares(tmp_path: Path) -> None:
    # kappa = 0, 1/10, ..., 1: (C, C) is an equilibrium at the 6 values <= 1/2
    csv_path, json_path = tmp_path / "out.csv", tmp_path / "out.json"
    result = invoke(
        "sweep", "quasi_alliance", "--vary", "kappa=0:1:11", "--csv", str(csv_path), "--json", str(json_path)
    )
    assert result.exit_code == 0, result.output
    assert "(Cooperate, Cooperate) & (Not, Not)   54.5%" in result.output
    assert "(Not, Not)                            45.5%" in result.output
    assert len(csv_path.read_text().splitlines()) == 12
    assert json.loads(json_path.read_text())["shape"] == [11]


def test_sweep_with_fractions_and_a_plot(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    png = tmp_path / "map.png"
    # q in {0, 1/4, 1/2, 3/4, 1}, g = 0: China pressures iff q <= 9/14, at 3 of the 5 values
    result = invoke("sweep", "buffer_dilemma", "--vary", "q=0:1:5", "--vary", "g=0:1/2:2", "--plot", str(png))
    assert result.exit_code == 0, result.output
    assert png.read_bytes()[:4] == b"\x89PNG"
    # g = 1/2: q* = 9/11, so q = 3/4 pressures too: 3 + 4 of 10 points
    assert "China pressures   70.0%" in result.output


def test_sweep_over_a_parameter_made_symbolic() -> None:
    # h_J from 0 to 2 moves Japan's threshold kappa*_J = 1 - (h_J + 2)/6; at kappa = 3/5
    # Japan cooperates iff h_J <= 2/5 (1 of h_J = 0, 1/2, 1, 3/2, 2)
    result = invoke("sweep", "quasi_alliance", "--vary", "h_J=0:2:5", "--vary", "kappa=3/5:1:2")
    assert result.exit_code == 0, result.output
    assert "(Cooperate, Cooperate) & (Not, Not)   10.0%" in result.output


@pytest.mark.parametrize(
    ("axis", "fragment"),
    [
        ("kappa=1:0:5", "start (1) must be below stop (0)"),
        ("kappa=0:1:1", "num must be at least 2"),
        ("kappa=0:1", "NAME=START:STOP:NUM"),
        ("kappa=0:abc:3", "'abc'"),
        ("kapa=0:1:3", "did you mean 'kappa'"),
    ],
)
def test_sweep_bad_axes(axis: str, fragment: str) -> None:
    assert_user_error(invoke("sweep", "quasi_alliance", "--vary", axis), fragment)


# ---------------------------------------------------------------------------- export
def test_export_round_trips_through_gambit(tmp_path: Path) -> None:
    from nea_games.io import gambit
    from nea_games.models.quasi_alliance import QuasiAllianceModel

    path = tmp_path / "qa.nfg"
    assert invoke("export", "quasi_alliance", "--format", "nfg", "-o", str(path)).exit_code == 0
    game = gambit.read(path)
    assert game == QuasiAllianceModel().game()
    assert tuple(str(v) for v in game.payoff(("Cooperate", "Cooperate"))) == ("-3/5", "1/5")
    tree_path = tmp_path / "bd.efg"
    assert invoke("export", "buffer_dilemma", "--format", "efg", "-o", str(tree_path)).exit_code == 0
    assert tree_path.read_text().startswith("EFG 2 R")
    # a file converts to JSON
    data = json.loads(invoke("export", str(path), "--format", "json").stdout)
    assert data["payoffs"][0][0][0] == "-3/5" and data["payoffs"][1][0][0] == "1/5"


def test_export_json_and_latex_of_a_tree() -> None:
    data = json.loads(invoke("export", "buffer_dilemma", "--format", "json").stdout)
    assert data["kind"] == "extensive form"
    assert data["root"]["chance"] == {"Resolute": "7/10", "Pliable": "3/10"}
    latex = invoke("export", "buffer_dilemma", "--format", "latex").output
    assert latex.startswith("% reduced normal form") and r"\begin{tabular}" in latex


def test_export_errors() -> None:
    assert_user_error(invoke("export", "quasi_alliance", "--format", "efg"), "use nfg")
    assert_user_error(
        invoke("export", "quasi_alliance", "--game", "cooperation (kappa symbolic)", "--format", "nfg"),
        "free parameters",
    )


# ---------------------------------------------------------------------------- report
def test_report_validates_scenarios_first(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('model = "buffer_dilemma"\n[parameters]\ngg = 1\n')
    assert_user_error(invoke("report", "--scenario", str(bad)), str(bad), "did you mean 'g'")
    broken = tmp_path / "broken.toml"
    broken.write_text('model = "buffer_dilemma"\n[parameters\n')
    assert_user_error(invoke("report", "--scenario", str(broken)), f"{broken}:2:")
    out_of_range = tmp_path / "range.toml"
    out_of_range.write_text('model = "buffer_dilemma"\n[parameters]\nq = 2\n')
    assert_user_error(invoke("report", "--scenario", str(out_of_range)), "q must lie in [0, 1]")


def test_report_writes_and_summarises(tmp_path: Path) -> None:
    pytest.importorskip("nea_games.report")
    scenario = (
        Path(__file__).resolve().parents[1] / "examples" / "scenarios" / "quasi_alliance_containment.toml"
    )
    out = tmp_path / "report"
    result = invoke("report", "--scenario", str(scenario), "--out", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    assert "Summary" in result.output and str(out) in result.output
    assert any(out.glob("*.md")) and any(out.glob("*.html"))


def test_completion_line() -> None:
    assert "_NEA_GAMES_COMPLETE=zsh_source nea-games" in invoke("completion", "zsh").output


def test_integer_and_text_parameters_on_the_command_line() -> None:
    data = json.loads(
        invoke("solve", "multilateral", "--set", "strategy=k_period", "--set", "k=2", "--json").stdout
    )
    assert data["parameters"]["strategy"] == "k_period" and data["parameters"]["k"] == 2
    assert_user_error(invoke("solve", "multilateral", "--set", "k=1/2"), "--set k", "whole number")
    assert_user_error(invoke("solve", "multilateral", "--set", "strategy=grm"), "did you mean 'grim'")


def _available() -> list[str]:
    from nea_games.models import registry

    return list(registry.available())


@pytest.mark.parametrize("model", _available())
def test_every_model_works_through_every_command(model: str) -> None:
    """The commands follow the model protocol only, so models appear as they land."""
    from nea_games.models import registry

    described = invoke("describe", model)
    assert described.exit_code == 0, described.output
    for name in registry.parameter_names(model):
        assert f"  {name} " in described.output
    solved = invoke("solve", model, "--json")
    assert solved.exit_code == 0, solved.output
    data = json.loads(solved.stdout)
    assert data["model"] == model and data["headline"] and data["reading"]
    exported = invoke("export", model, "--format", "json")
    assert exported.exit_code == 0, exported.output
    assert json.loads(exported.stdout)["kind"] in ("normal form", "extensive form", "repeated")


SCENARIOS = Path(__file__).resolve().parents[1] / "examples" / "scenarios"


def test_scenario_files_stand_in_for_models() -> None:
    guarantee = str(SCENARIOS / "buffer_us_guarantee.toml")  # g = 1/2: q* = 9/11
    data = json.loads(invoke("solve", guarantee, "--json").stdout)
    assert data["parameters"]["g"] == "1/2"
    assert data["headline"]["belief threshold q*"] == "9/11"
    # --set goes on top of the scenario: g = 0 gives back q* = 9/14
    back = json.loads(invoke("solve", guarantee, "--set", "g=0", "--json").stdout)
    assert back["headline"]["belief threshold q*"] == "9/14"
    # --symbol wins over the scenario's value of the same parameter
    shield = invoke("conditions", guarantee, "--symbol", "q", "--profile", "China=Pressure")
    assert shield.output.strip().endswith("q <= 9/11")
    # the scenario's [sweep] axes: kappa = 0, 1/40, ..., 1 with (C, C) at the 21 values <= 1/2
    swept = invoke("sweep", str(SCENARIOS / "quasi_alliance_containment.toml"))
    assert "41 points (41 kappa)" in swept.output
    assert f"{21 / 41:.1%}" in swept.output


def test_game_files_take_no_model_options(tmp_path: Path) -> None:
    path = tmp_path / "qa.nfg"
    invoke("export", "quasi_alliance", "--format", "nfg", "-o", str(path))
    assert_user_error(invoke("solve", str(path), "--set", "g=1"), "not to game files")
    assert_user_error(invoke("sweep", str(path)), "is a game file")
    bad = tmp_path / "bad.toml"
    bad.write_text('model = "quasi_alliance"\n[parameters]\nkappa = "x"\n')
    assert_user_error(invoke("solve", str(bad)), f"{bad}: [parameters] kappa")


def test_describe_reads_docstrings_with_or_without_numpydoc(monkeypatch: pytest.MonkeyPatch) -> None:
    from nea_games.models import registry

    with_numpydoc = {m: registry.describe(m) for m in registry.available()}
    monkeypatch.setattr(registry, "_numpydoc_parameters", lambda doc: None)
    for model, infos in with_numpydoc.items():
        assert registry.describe(model) == infos, model
        assert all(info.meaning for info in infos if info.kind != "other"), model
    kappa = registry.describe("quasi_alliance")[0]
    assert (kappa.name, kappa.default, kappa.kind) == ("kappa", Fraction(3, 5), "number")
    assert kappa.meaning.startswith("US commitment")
