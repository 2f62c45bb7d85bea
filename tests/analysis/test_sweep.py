"""Sweeps of parametric games: exact boundaries, agreement with point-by-point solving, exports."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import nea_games
from nea_games import NormalFormGame
from nea_games.analysis.sweep import Sample, sweep
from nea_games.errors import NonFiniteError, UnknownNameError, UnsupportedGameError, ValidationError

a, b, c = sympy.symbols("a b c")


def stag_hunt() -> NormalFormGame:
    """Stag hunt: hunting stag together pays ``a``, hare pays ``b`` whatever the other does."""
    return NormalFormGame.symmetric([[a, 0], [b, b]], actions=["Stag", "Hare"], title="stag hunt")


# ------------------------------------------------------------------ exact conditions
def test_stag_hunt_boundary_matches_the_exact_condition() -> None:
    # Derived by hand: (Stag, Stag) is an equilibrium iff a >= b (deviating to Hare gives b);
    # (Hare, Hare) iff b >= 0 (deviating to Stag against Hare gives 0).
    xs = np.linspace(-1, 3, 41)
    ys = np.linspace(-1, 3, 33)
    result = sweep(stag_hunt(), {"a": xs, "b": ys})
    A, B = np.meshgrid(xs, ys, indexing="ij")
    assert result.shape == (41, 33)
    assert result.parameters == ("a", "b")
    np.testing.assert_array_equal(result.condition(("Stag", "Stag")), A >= B - 1e-12)
    np.testing.assert_array_equal(result.condition("(Hare, Hare)"), B >= -1e-12)
    # off-diagonal profiles: (Stag, Hare) needs 0 >= b for Stag and b >= a for Hare
    np.testing.assert_array_equal(result.condition(("Stag", "Hare")), (B <= 1e-12) & (B >= A - 1e-12))


def test_boundary_within_grid_resolution_on_a_one_dimensional_grid() -> None:
    # prisoner's dilemma family: (C, C) iff R >= T with T varying, R = 3
    T = sympy.Symbol("T")
    pd = NormalFormGame.symmetric([[3, 0], [T, 1]], actions=["C", "D"])
    ts = np.linspace(0, 6, 601)
    holds = sweep(pd, {"T": ts}).condition(("C", "C"))
    last = ts[holds][-1]
    first_out = ts[~holds][0]
    assert last <= 3 < first_out and first_out - last <= ts[1] - ts[0] + 1e-12


def test_fixed_parameters_and_regions() -> None:
    result = sweep(stag_hunt(), {"a": [0.0, 1.0, 2.0], "b": 1})
    assert result.shape == (3,)
    assert result.fixed == {"b": 1.0}
    assert result.region_names == ("(Hare, Hare)", "(Stag, Stag) & (Hare, Hare)")
    both = "(Stag, Stag) & (Hare, Hare)"
    assert list(result.labels()) == ["(Hare, Hare)", both, both]
    assert result.share()["(Hare, Hare)"] == pytest.approx(1 / 3)
    assert "<td>(Hare, Hare)</td><td>33.3%</td>" in result._repr_html_()
    assert repr(result) == "<SweepResult pure over a[3]: 2 regions>"


# ------------------------------------------------------------------ agreement with solve
def _random_parametric(draw: st.DrawFn, shape: tuple[int, ...]) -> NormalFormGame:
    symbols = [a, b, c][: draw(st.integers(1, 3))]
    entries = np.empty(shape, dtype=object)
    for index in np.ndindex(shape):
        constant = draw(st.integers(-3, 3))
        coefficient = draw(st.integers(-2, 2))
        symbol = draw(st.sampled_from(symbols))
        entries[index] = constant + coefficient * symbol
    return NormalFormGame.from_array(entries)


@st.composite
def parametric_games(draw: st.DrawFn) -> NormalFormGame:
    n = draw(st.sampled_from([2, 3]))
    return _random_parametric(draw, (n, *([2] * n)))


@settings(max_examples=40)
@given(game=parametric_games(), data=st.data())
def test_sweep_equals_point_by_point_solving(game: NormalFormGame, data: st.DataObject) -> None:
    grid = {
        p.name: np.array(data.draw(st.lists(st.integers(-3, 3), min_size=1, max_size=3, unique=True)))
        for p in game.parameters
    }
    result = sweep(game, grid, chunk_size=data.draw(st.integers(1, 10)))
    for index in np.ndindex(result.shape):
        point = {name: int(grid[name][k]) for name, k in zip(grid, index, strict=True)}
        expected = {eq.pure_profile for eq in nea_games.solve(game.subs(point), method="pure")}
        got = {p for p in game.profiles() if result.condition(p)[index]}
        assert got == expected, point


def test_nonlinear_payoffs_agree_with_point_by_point_solving() -> None:
    # products and powers take the lambdified path (not the affine fast path)
    game = NormalFormGame.bimatrix([[a * b, 1], [a**2 - 2, b]], [[b, a * b], [1, -a]])
    grid = {"a": np.arange(-2, 3), "b": np.arange(-2, 3)}
    result = sweep(game, grid)
    for i, x in enumerate(grid["a"]):
        for j, y in enumerate(grid["b"]):
            expected = {e.pure_profile for e in nea_games.solve(game.subs(a=int(x), b=int(y)), method="pure")}
            assert {p for p in game.profiles() if result.condition(p)[i, j]} == expected


def test_chunking_does_not_change_the_result() -> None:
    grid = {"a": np.linspace(-1, 2, 13), "b": np.linspace(-1, 2, 11)}
    results = [sweep(stag_hunt(), grid, chunk_size=k) for k in (1, 7, 10**6)]
    assert results[0] == results[1] == results[2]
    sample = Sample({"a": (-1, 2), "b": (-1, 2)}, n=100)
    drawn = [sweep(stag_hunt(), sample, chunk_size=k, seed=3) for k in (1, 7, 10**6)]
    assert drawn[0] == drawn[1] == drawn[2]


def test_constant_payoffs_are_broadcast() -> None:
    # only one payoff depends on the parameter; the others lambdify to scalars
    g = NormalFormGame.bimatrix([[a, 0], [1, 1]], [[1, 0], [0, 1]])
    result = sweep(g, {"a": [0.0, 2.0]})
    np.testing.assert_array_equal(result.condition(("a1", "a1")), [False, True])


# ------------------------------------------------------------------ sampling
@pytest.mark.parametrize("method", ["uniform", "sobol"])
def test_seeded_sampling_is_reproducible(method: str) -> None:
    sample = Sample({"a": (0, 2), "b": (0, 1)}, n=64, method=method)  # type: ignore[arg-type]
    first = sweep(stag_hunt(), sample, seed=11)
    assert first == sweep(stag_hunt(), sample, seed=11)
    assert first != sweep(stag_hunt(), sample, seed=12)
    assert first.kind == "sample" and first.shape == (64,)
    assert ((first.coordinates["a"] >= 0) & (first.coordinates["a"] <= 2)).all()
    expected = first.coordinates["a"] >= first.coordinates["b"]
    np.testing.assert_array_equal(first.condition(("Stag", "Stag")), expected)


# ------------------------------------------------------------------ errors
def test_clear_errors() -> None:
    game = stag_hunt()
    with pytest.raises(UnknownNameError, match="'x' is not a parameter"):
        sweep(game, {"a": [1.0], "b": [1.0], "x": [1.0]})
    with pytest.raises(ValidationError, match="no values given for parameter"):
        sweep(game, {"a": [1.0]})
    with pytest.raises(NonFiniteError):
        sweep(game, {"a": [1.0, np.nan], "b": [1.0]})
    with pytest.raises(NonFiniteError, match=r"not finite at a=0\.0"):
        sweep(NormalFormGame.symmetric([[1 / a, 0], [1, 1]]), {"a": [1.0, 0.0]})
    with pytest.raises(ValidationError, match="chunk_size"):
        sweep(game, {"a": [1.0], "b": [1.0]}, chunk_size=0)
    with pytest.raises(ValidationError, match="what='pure'"):
        sweep(game, {"a": [1.0], "b": [1.0]}, what="sustainable")
    with pytest.raises(UnsupportedGameError):
        sweep(object(), {"a": [1.0]})
    with pytest.raises(ValidationError):
        Sample({"a": (2, 1)}, n=3)
    with pytest.raises(UnknownNameError):
        sweep(game, {"a": [1.0], "b": [1.0]}).condition("(Stag, Bear)")


# ------------------------------------------------------------------ protocol
class ThresholdModel:
    """A toy object following the sweep protocol: cooperation iff delta >= (T - R) / (T - P)."""

    sweep_parameters = ("T", "delta")

    def __nea_sweep__(self, points: dict[str, np.ndarray], what: str | None) -> dict[str, np.ndarray]:
        critical = (points["T"] - 3.0) / (points["T"] - 1.0)
        return {"sustainable": points["delta"] >= critical, "critical_discount": critical}


def test_protocol_objects_are_swept() -> None:
    result = sweep(
        ThresholdModel(), {"T": np.linspace(4, 8, 5), "delta": np.linspace(0, 1, 11)}, chunk_size=7
    )
    assert result.conditions == ("sustainable",)
    assert set(result.values) == {"critical_discount"}
    T, D = np.meshgrid(np.linspace(4, 8, 5), np.linspace(0, 1, 11), indexing="ij")
    np.testing.assert_allclose(result.values["critical_discount"], (T - 3) / (T - 1))
    np.testing.assert_array_equal(result.condition("sustainable"), D >= (T - 3) / (T - 1))
    assert result.region_names == ("none", "sustainable")


# ------------------------------------------------------------------ exports
def test_exports_round_trip(tmp_path: Path) -> None:
    result = sweep(stag_hunt(), {"a": np.linspace(0, 2, 3), "b": [0.5, 1.5]})
    columns = ["a", "b", "(Stag, Stag)", "(Stag, Hare)", "(Hare, Stag)", "(Hare, Hare)", "region"]
    csv_path = tmp_path / "sweep.csv"
    result.to_csv(csv_path)
    with open(csv_path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == columns and len(rows) == 6
    assert [float(r["a"]) for r in rows] == [0.0, 0.0, 1.0, 1.0, 2.0, 2.0]
    assert [r["(Stag, Stag)"] == "True" for r in rows] == list(result.condition(("Stag", "Stag")).reshape(-1))
    assert [r["region"] for r in rows] == list(result.labels().reshape(-1))

    json_path = tmp_path / "sweep.json"
    result.to_json(json_path)
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(result.to_dict()))
    assert list(data["columns"]) == columns and data["shape"] == [3, 2]
    assert data["axes"] == {"a": [0.0, 1.0, 2.0], "b": [0.5, 1.5]}
    assert data["columns"]["(Hare, Hare)"] == [True] * 6

    pd = pytest.importorskip("pandas")
    frame = result.to_dataframe()
    assert isinstance(frame, pd.DataFrame) and list(frame.columns) == columns
    assert list(frame["region"].cat.categories) == list(result.region_names)


# ------------------------------------------------------------------ repeated games
def test_repeated_prisoners_dilemma_grim_trigger_threshold() -> None:
    # By hand: under grim trigger, cooperating forever is worth R; deviating once is worth
    # (1 - delta) T + delta P, so cooperation is sustainable iff delta >= (T - R) / (T - P).
    from nea_games.games.repeated import RepeatedGame

    T = sympy.Symbol("T", positive=True)
    pd = NormalFormGame.symmetric([[3, 0], [T, 1]], actions=["C", "D"])
    ts = np.linspace(3.5, 9, 12)
    deltas = np.linspace(0.05, 0.95, 19)
    result = sweep(RepeatedGame(pd), {"T": ts, "delta": deltas}, chunk_size=50)
    assert result.what == "sustainable" and result.conditions == ("sustainable",)
    Tm, Dm = np.meshgrid(ts, deltas, indexing="ij")
    critical = (Tm - 3) / (Tm - 1)
    np.testing.assert_allclose(result.values["critical_discount"], critical)
    np.testing.assert_array_equal(result.condition("sustainable"), Dm >= critical - 1e-12)
    only = sweep(RepeatedGame(pd), {"T": ts}, "critical_discount", strategy="grim_trigger")
    np.testing.assert_allclose(only.values["critical_discount"], (ts - 3) / (ts - 1))
    with pytest.raises(ValidationError, match="repeated games only"):
        sweep(pd, {"T": ts}, assumptions=[])


class NeverModel:
    """Cooperation is never sustainable: the critical discount factor is infinite."""

    sweep_parameters = ("x",)
    what = "sustainable"

    def __nea_sweep__(self, points: dict[str, np.ndarray], what: str | None) -> dict[str, np.ndarray]:
        return {
            "sustainable": np.zeros(len(points["x"]), dtype=bool),
            "critical_discount": np.full(2, np.inf),
        }


def test_json_writes_infinite_values_as_null(tmp_path: Path) -> None:
    result = sweep(NeverModel(), {"x": [0.0, 1.0]})
    assert result.what == "sustainable" and result.region_names == ("none",)
    path = tmp_path / "never.json"
    result.to_json(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["columns"]["critical_discount"] == [None, None]
    assert data["columns"]["region"] == ["none", "none"]
