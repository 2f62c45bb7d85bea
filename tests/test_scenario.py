"""TOML scenario files: reading, validation messages, writing back, and the shipped examples.

Expected model values are worked out by hand (DESIGN §4):

* buffer dilemma, g = 1/2: q* = (n + sigma - c_C) / ((1 - kappa) n + kappa (1 - g) B)
  = 9 / (8 + 3) = 9/11 > q = 7/10, so China pressures; the pliable type then gives in,
  so the talks denuclearise with probability 1 - q = 3/10.
* quasi-alliance, kappa = 2/5 <= kappa* = 1/2: (C, C) is an equilibrium.
* inside balancer, u_US = 2: the ROK's terms improve by (alpha - sigma + beta)/2 = 1 per unit
  of consolidation (Nash bargaining with equal power), so A* = (u_US + 1)/omega = 3/4.
* multilateral, rho_R = 1/5: region-wide security cooperation holds at delta = 4/5 iff
  rho_R <= (5 delta - 2) / (3 (2 delta + 1)) = 2 / (3 * 13/5) = 10/39, and 1/5 < 10/39.
"""

from __future__ import annotations

import re
import string
import tempfile
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nea_games.errors import ParseError, ScenarioError
from nea_games.models import registry
from nea_games.scenario import Scenario, SweepAxis, load_scenario, parse_number, parse_scenario

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples" / "scenarios").glob("*.toml"))

BRIEF_EXAMPLE = """
title = "A credible US buffer guarantee"
model = "buffer_dilemma"
[parameters]
g = "1/2"          # exact fractions as strings; ints and floats too
[sweep]           # optional: axes for the map
q = { start = 0, stop = 1, num = 41 }
g = { start = 0, stop = 1, num = 41 }
[output]          # optional
dir = "nea-report"
"""


def test_reads_the_documented_example() -> None:
    s = parse_scenario(BRIEF_EXAMPLE)
    assert s.title == "A credible US buffer guarantee"
    assert s.model == "buffer_dilemma"
    assert s.parameters == {"g": Fraction(1, 2)}
    assert s.sweep == {"q": SweepAxis(0, 1, 41), "g": SweepAxis(0, 1, 41)}
    assert s.output == {"dir": "nea-report"}
    grid = s.grid()
    assert list(grid) == ["q", "g"] and grid["q"][20] == 0.5 and len(grid["g"]) == 41
    headline = s.build().solve().headline
    assert headline["belief threshold q*"] == Fraction(9, 11)
    assert headline["China's choice"] == "Pressure"


def test_values_are_exact_or_float() -> None:
    s = parse_scenario(
        'model = "quasi_alliance"\n[parameters]\nkappa = "2/5"\ns = 2\nf = 0.25\nh_J = "1.5"\n'
    )
    assert s.parameters == {"kappa": Fraction(2, 5), "s": Fraction(2), "f": 0.25, "h_J": Fraction(3, 2)}
    assert isinstance(s.parameters["s"], Fraction) and isinstance(s.parameters["f"], float)
    assert s.title == ""


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        (
            'model = "buffer_dilema"',
            ["model: unknown model 'buffer_dilema'", "did you mean 'buffer_dilemma'"],
        ),
        ('title = "x"', ["model: missing"]),
        ('model = "buffer_dilemma"\nmodle = 1', ["unknown key 'modle'", "did you mean 'model'"]),
        ('model = "buffer_dilemma"\n[parameters]\ngg = 1', ["[parameters] gg", "did you mean 'g'"]),
        ('model = "buffer_dilemma"\n[parameters]\ng = "abc"', ["[parameters] g", "'abc'"]),
        ('model = "buffer_dilemma"\n[parameters]\ng = "nan"', ["[parameters] g", "'nan'"]),
        ('model = "buffer_dilemma"\n[parameters]\ng = nan', ["[parameters] g", "finite"]),
        ('model = "buffer_dilemma"\n[parameters]\ng = true', ["[parameters] g", "boolean"]),
        ('model = "buffer_dilemma"\n[parameters]\ng = "__import__(\'os\')"', ["[parameters] g"]),
        (
            'model = "buffer_dilemma"\n[sweep]\nq = { start = 0, stop = 1, num = 1 }',
            ["[sweep] q", "at least 2"],
        ),
        (
            'model = "buffer_dilemma"\n[sweep]\nq = { start = 1, stop = 1, num = 5 }',
            ["[sweep] q", "below stop"],
        ),
        ('model = "buffer_dilemma"\n[sweep]\nq = { start = 0, stop = 1 }', ["[sweep] q", "missing num"]),
        ('model = "buffer_dilemma"\n[sweep]\nq = { start = 0, stop = 1, num = 2.5 }', ["[sweep] q", "num"]),
        ('model = "buffer_dilemma"\n[sweep]\nqq = { start = 0, stop = 1, num = 3 }', ["[sweep] qq", "'q'"]),
        ('model = "buffer_dilemma"\n[sweep]\nq = 3', ["[sweep] q", "expected a table"]),
        ('model = "buffer_dilemma"\n[output]\ndirr = "x"', ["[output] dirr", "did you mean 'dir'"]),
        ('model = "buffer_dilemma"\nparameters = 3', ["parameters: expected a table"]),
        ("model = 3", ["model: expected a model name"]),
    ],
)
def test_mistakes_name_the_key(text: str, fragments: list[str]) -> None:
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, source="s.toml")
    message = str(info.value)
    assert message.startswith("s.toml: ") and "\n" not in message
    for fragment in fragments:
        assert fragment in message


def test_toml_syntax_errors_have_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('model = "buffer_dilemma"\n[parameters\n')
    with pytest.raises(ParseError) as info:
        load_scenario(path)
    assert (info.value.line, info.value.source) == (2, str(path))
    assert str(info.value).startswith(f"{path}:2:")


def test_not_utf8_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes(b'title = "caf\xe9"\nmodel = "buffer_dilemma"\n')
    with pytest.raises(ParseError, match="not UTF-8"):
        load_scenario(path)
    with pytest.raises(FileNotFoundError):
        load_scenario(tmp_path / "missing.toml")


def test_model_ranges_are_checked_when_built() -> None:
    s = parse_scenario('model = "buffer_dilemma"\n[parameters]\nq = 2\n', source="s.toml")
    with pytest.raises(ScenarioError, match=r"^s.toml: \[parameters\]: .*q must lie in \[0, 1\], got 2"):
        s.build()


def test_parse_number_never_evaluates() -> None:
    assert parse_number(" -3/4 ", "x") == Fraction(-3, 4)
    assert parse_number("1e-3", "x") == Fraction(1, 1000)
    for bad in ["1/0", "2**10", "1_000", "0x10", "inf", "", "1/2/3"]:
        with pytest.raises(ScenarioError):
            parse_number(bad, "x")


# ---------------------------------------------------------------------------- writing back
NAMES = registry.parameter_names("quasi_alliance")
finite = st.one_of(
    st.fractions(max_denominator=10**6),
    st.floats(allow_nan=False, allow_infinity=False),
)


@st.composite
def axes(draw: st.DrawFn) -> SweepAxis:
    start = draw(finite)
    gap = draw(st.fractions(min_value=Fraction(1, 10**6), max_value=10**6, max_denominator=10**6))
    stop = start + gap if isinstance(start, Fraction) else float(start) + float(gap)
    if not start < stop:  # float rounding at huge magnitudes
        stop = Fraction(start) + gap
    return SweepAxis(start, stop, draw(st.integers(2, 1000)))


scenarios = st.builds(
    Scenario,
    title=st.text(),
    model=st.just("quasi_alliance"),
    parameters=st.dictionaries(st.sampled_from(NAMES), finite, max_size=4),
    sweep=st.dictionaries(st.sampled_from(NAMES), axes(), max_size=2),
    output=st.dictionaries(st.just("dir"), st.text(alphabet=string.printable, min_size=1), max_size=1),
)


@given(scenarios)
def test_writing_round_trips(s: Scenario) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.toml"
        s.save(path)
        again = load_scenario(path)
    assert again == s
    assert parse_scenario(s.to_toml()) == s
    for name, value in s.parameters.items():  # exact stays exact, floats stay floats
        assert type(again.parameters[name]) is type(value)


def test_save_and_load(tmp_path: Path) -> None:
    s = parse_scenario(BRIEF_EXAMPLE)
    path = tmp_path / "s.toml"
    s.save(path)
    assert load_scenario(path) == s
    assert load_scenario(path).source == str(path)


# ---------------------------------------------------------------------------- the examples
def test_one_example_per_model_that_exists() -> None:
    models = {load_scenario(p).model for p in EXAMPLES}
    assert {"multilateral", "buffer_dilemma", "quasi_alliance"} <= models


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_load_and_run(path: Path) -> None:
    s = load_scenario(path)
    result = s.build().solve()
    assert result.headline and result.reading
    swept = s.run_sweep(progress=False)
    assert swept.shape == tuple(axis.num for axis in s.sweep.values())
    assert abs(sum(swept.share().values()) - 1) < 1e-12


def test_example_values() -> None:
    by_model = {load_scenario(p).model: load_scenario(p) for p in EXAMPLES}
    buffer = by_model["buffer_dilemma"].build().solve().headline
    assert buffer["probability of denuclearisation"] == Fraction(3, 10)
    if "inside_balancer" in by_model:
        balancer = by_model["inside_balancer"].build().solve().headline
        assert balancer["optimal consolidation A*"] == Fraction(3, 4)
    quasi = by_model["quasi_alliance"].build().solve().headline
    assert quasi["(C, C) is an equilibrium"] is True
    multi = by_model["multilateral"].build().solve().headline
    assert "region" in multi["sustainable clubs, security"]
    # the sweep agrees with the hand-derived rho_R bound at delta = 4/5 (a grid point: 1/20 + 15/20)
    swept = by_model["multilateral"].run_sweep(progress=False)
    at = swept.select(delta=0.8)
    rho = at.coordinates["rho_R"]
    holds = at.condition("region security")
    assert np.array_equal(holds, rho <= 10 / 39)


def test_integer_and_text_parameters() -> None:
    s = parse_scenario('model = "multilateral"\n[parameters]\nstrategy = "k_period"\nk = 2\n')
    assert s.parameters == {"strategy": "k_period", "k": 2}
    assert type(s.parameters["k"]) is int
    assert parse_scenario(s.to_toml()) == s
    assert s.build().k == 2
    for text, fragment in [
        ('k = "1/2"', "[parameters] k: expected a whole number"),
        ("strategy = 3", "[parameters] strategy: expected text"),
        ("distance = 1", "[parameters] distance: this parameter cannot be set"),
    ]:
        with pytest.raises(ScenarioError, match=re.escape(fragment)):
            parse_scenario(f'model = "multilateral"\n[parameters]\n{text}\n')
    with pytest.raises(ScenarioError, match=r"\[sweep\] k: only numeric"):
        parse_scenario('model = "multilateral"\n[sweep]\nk = { start = 1, stop = 3, num = 3 }\n')
