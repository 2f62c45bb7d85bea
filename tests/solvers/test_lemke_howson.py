"""Lemke-Howson with lexicographic pivoting: textbook paths, degenerate games, properties.

The hand derivations below use the positive matrices the solver pivots on
(each player's payoffs shifted so the smallest is 1, which changes no
equilibrium), the polytopes P = {x >= 0 : B'^T x <= 1}, Q = {y >= 0 : A' y <= 1},
and labels 0..m-1 for the row player's actions, m..m+n-1 for the column
player's (von Stengel 2007, §3.4-3.5).
"""

from __future__ import annotations

import re
import time
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nea_games
from nea_games import NormalFormGame
from nea_games.errors import (
    NeaGamesError,
    ParametricGameError,
    SolverError,
    UnknownNameError,
    UnsupportedGameError,
    ValidationError,
)
from nea_games.solvers import _tableau
from nea_games.solvers.lemke_howson import default_max_pivots, resolve_label, solve_lemke_howson

F = Fraction


def pivots_of(result: nea_games.EquilibriumSet) -> list[int]:
    """Pivot counts recorded in the notes, in run order."""
    return [int(k) for note in result.notes for k in re.findall(r"after (\d+) pivots", note)]


# --------------------------------------------------------------------------- textbook games
BOS_A = [[2, 0], [0, 1]]
BOS_B = [[1, 0], [0, 2]]


@pytest.mark.parametrize("kind", [int, float])
@pytest.mark.parametrize(
    ("label", "profile"),
    [
        # Shifted: A' = [[3, 1], [1, 2]], B' = [[2, 1], [1, 3]].
        # Label 0: x_0 enters P; ratios of s_0, s_1 are 1/2 and 1/1, so s_0 leaves (label 2).
        # y_0 enters Q; ratios of r_0, r_1 are 1/3 and 1/1, so r_0 leaves: label 0, done.
        # x = (1/2, 0), y = (1/3, 0): the pure equilibrium on the first actions.
        (0, (0, 0)),
        # Label 1: x_1 enters P; ratios 1/1 and 1/3, s_1 leaves (label 3); y_1 enters Q;
        # ratios 1/1 and 1/2, r_1 leaves: label 1, done. The pure equilibrium on the second actions.
        (1, (1, 1)),
        # Label 2: y_0 enters Q, r_0 leaves (label 0); x_0 enters P, s_0 leaves: label 2, done.
        (2, (0, 0)),
        # Label 3: y_1 enters Q, r_1 leaves (label 1); x_1 enters P, s_1 leaves: label 3, done.
        (3, (1, 1)),
    ],
)
def test_battle_of_the_sexes_from_each_label(kind: type, label: int, profile: tuple[int, int]) -> None:
    game = NormalFormGame.bimatrix(np.array(BOS_A, dtype=kind).tolist(), np.array(BOS_B, dtype=kind).tolist())
    result = solve_lemke_howson(game, initial_label=label)
    assert len(result) == 1
    eq = result[0]
    assert eq.pure_profile_index == profile
    assert eq.is_equilibrium()
    assert pivots_of(result) == [2]
    assert eq.exact is (kind is int)
    assert result.complete is False
    assert result.method == "lemke_howson"


def test_battle_of_the_sexes_never_reaches_the_mixed_equilibrium() -> None:
    # The mixed equilibrium (2/3, 1/3), (1/3, 2/3) has index -1, like the artificial
    # equilibrium, so no path starting there ends at it.
    result = solve_lemke_howson(NormalFormGame.bimatrix(BOS_A, BOS_B), all_labels=True)
    assert [eq.pure_profile_index for eq in result] == [(0, 0), (1, 1)]
    assert all(eq.is_pure for eq in result)


def test_von_stengel_3x2_game_from_label_1() -> None:
    # von Stengel (2007), Fig. 3.1: A = [[3, 3], [2, 5], [0, 6]], B = [[3, 2], [2, 6], [3, 1]].
    # Shifted: A' = A + 1 = [[4, 4], [3, 6], [1, 7]], B' = B.
    # 1. x_1 enters P (rows s_0: 3x0+2x1+3x2, s_1: 2x0+6x1+x2): ratios 1/2, 1/6 -> s_1 leaves (label 4).
    # 2. y_1 enters Q (rows r_i: A'y): column (4, 6, 7), ratios 1/4, 1/6, 1/7 -> r_2 leaves (label 2).
    # 3. x_2 enters P: rows s_0 = 2/3 - (8/3)x2 ..., x_1 = 1/6 - (1/6)x2 ...: ratios 1/4, 1 -> s_0 leaves (3).
    # 4. y_0 enters Q: rows r_0 (24/7, rhs 3/7), r_1 (15/7, rhs 1/7), y_1 (1/7, rhs 1/7):
    #    ratios 1/8, 1/15, 1 -> r_1 leaves: label 1, done.
    # Then 3y0 + 6y1 = 1, y0 + 7y1 = 1 give y = (1/15, 2/15) -> (1/3, 2/3);
    # 2x1 + 3x2 = 1, 6x1 + x2 = 1 give x = (0, 1/8, 1/4) -> (0, 1/3, 2/3).
    game = NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    result = solve_lemke_howson(game, initial_label=1)
    assert result[0].strategies == ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))
    assert result[0].payoffs == (F(4), F(8, 3))
    assert result[0].regret() == 0
    assert pivots_of(result) == [4]
    # Label 0: x_0 enters, s_0 leaves (ratios 1/3, 1/2); y_0 enters, r_0 leaves (1/4, 1/3, 1): pure (0, 0).
    assert solve_lemke_howson(game, initial_label=0)[0].pure_profile_index == (0, 0)
    # The same path in floats.
    floats = solve_lemke_howson(game, initial_label=1, exact=False)[0]
    assert floats.isclose(result[0].to_float(), tol=1e-12)


def test_matching_pennies_unique_mixed_equilibrium() -> None:
    game = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    for label in range(4):
        eq = solve_lemke_howson(game, initial_label=label)[0]
        assert eq.strategies == ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))
        assert eq.payoffs == (0, 0)


def test_rock_paper_scissors_with_fractions() -> None:
    half = F(1, 2)
    rps = NormalFormGame.zero_sum([[0, -half, 1], [half, 0, -1], [-1, 1, 0]])
    # A is skew-symmetric, so the value is 0 and the equilibrium is symmetric. The row
    # player is indifferent when -q2/2 + q3 = q1/2 - q3 = -q1 + q2 = 0, i.e. q3 = q2/2,
    # q1 = q2; with q1 + q2 + q3 = 1 this gives q = (2/5, 2/5, 1/5), the unique equilibrium.
    for label in range(6):
        eq = solve_lemke_howson(rps, initial_label=label)[0]
        assert eq.strategies == ((F(2, 5), F(2, 5), F(1, 5)), (F(2, 5), F(2, 5), F(1, 5)))
        assert eq.payoffs == (0, 0)


def test_prisoners_dilemma_dominant_strategies() -> None:
    pd = NormalFormGame.symmetric([[3, 0], [5, 1]], actions=["C", "D"])
    result = solve_lemke_howson(pd, all_labels=True)
    assert [eq.pure_profile for eq in result] == [("D", "D")]


# --------------------------------------------------------------------------- labels by name
def test_labels_by_name_and_pair() -> None:
    game = NormalFormGame.bimatrix(BOS_A, BOS_B, players=["Ann", "Bob"], actions=[["U", "D"], ["L", "R"]])
    assert resolve_label(game, "D") == 1
    assert resolve_label(game, "R") == 3
    assert resolve_label(game, ("Bob", "L")) == 2
    assert resolve_label(game, (1, 1)) == 3
    assert solve_lemke_howson(game, initial_label="R")[0].pure_profile == ("D", "R")


def test_ambiguous_action_name_needs_a_player() -> None:
    game = NormalFormGame.bimatrix(BOS_A, BOS_B, actions=[["Opera", "Football"]] * 2)
    with pytest.raises(ValidationError, match="action of both players"):
        solve_lemke_howson(game, initial_label="Opera")
    eq = solve_lemke_howson(game, initial_label=("Player 2", "Football"))[0]
    assert eq.pure_profile == ("Football", "Football")


@pytest.mark.parametrize(
    ("label", "error"),
    [
        (4, ValidationError),
        (-1, ValidationError),
        (True, ValidationError),
        (1.0, ValidationError),
        ("Ballet", UnknownNameError),
        (("Nobody", "a1"), UnknownNameError),
        (("Player 1", "zz"), UnknownNameError),
    ],
)
def test_bad_labels(label: object, error: type[Exception]) -> None:
    game = NormalFormGame.bimatrix(BOS_A, BOS_B)
    with pytest.raises(error):
        solve_lemke_howson(game, initial_label=label)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- bad games and options
def test_three_players_unsupported() -> None:
    game = NormalFormGame.from_array(np.zeros((3, 2, 2, 2)))
    with pytest.raises(UnsupportedGameError, match="2-player"):
        solve_lemke_howson(game)
    with pytest.raises(UnsupportedGameError):
        nea_games.solve(game, method="lemke_howson")


def test_not_a_game() -> None:
    with pytest.raises(UnsupportedGameError):
        solve_lemke_howson([[1, 2], [3, 4]])  # type: ignore[arg-type]


def test_parametric_game_rejected() -> None:
    import sympy

    b = sympy.Symbol("b")
    game = NormalFormGame.bimatrix([[b, 0], [0, 1]], [[1, 0], [0, b]])
    with pytest.raises(ParametricGameError):
        solve_lemke_howson(game)


@pytest.mark.parametrize("bad", [0, -5, 2.5, True, "10"])
def test_bad_max_pivots(bad: object) -> None:
    with pytest.raises(ValidationError, match="max_pivots"):
        solve_lemke_howson(NormalFormGame.bimatrix(BOS_A, BOS_B), max_pivots=bad)  # type: ignore[arg-type]


def test_pivot_budget_raises_instead_of_spinning() -> None:
    game = NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    with pytest.raises(SolverError, match="max_pivots=3") as caught:
        solve_lemke_howson(game, initial_label=1, max_pivots=3)  # the path needs 4
    assert type(caught.value) is SolverError  # the public type, not a private subclass
    with pytest.raises(SolverError):
        solve_lemke_howson(game, initial_label=1, max_pivots=3, exact=False)
    assert default_max_pivots(3, 2) == 1050


def test_errors_share_the_library_base_class() -> None:
    with pytest.raises(NeaGamesError):
        solve_lemke_howson(NormalFormGame.bimatrix(BOS_A, BOS_B), initial_label=99)


# --------------------------------------------------------------------------- degenerate games
DEGENERATE = [
    pytest.param([[1, 1], [1, 1]], [[1, 1], [1, 1]], id="all-equal-2x2"),
    pytest.param([[0] * 3] * 4, [[0] * 3] * 4, id="all-equal-4x3"),
    pytest.param([[1, 2], [1, 2], [0, 3]], [[3, 1], [3, 1], [2, 2]], id="duplicated-rows"),
    pytest.param([[1, 1, 0], [2, 2, 3]], [[1, 1, 0], [0, 0, 4]], id="duplicated-columns"),
    pytest.param([[1, 0, 1], [0, 1, 1], [1, 1, 0]], [[1, 1, 0], [0, 1, 1], [1, 0, 1]], id="many-ties"),
    # von Stengel (2007), Fig. 3.4 style: a pure strategy with two best responses.
    pytest.param([[1, 1], [0, 1]], [[0, 1], [1, 0]], id="two-best-responses"),
    pytest.param([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]], id="von-stengel-degenerate"),
]


@pytest.mark.parametrize(("A", "B"), DEGENERATE)
@pytest.mark.parametrize("kind", [int, float])
def test_degenerate_games_terminate_from_every_label(
    A: list[list[int]], B: list[list[int]], kind: type
) -> None:
    game = NormalFormGame.bimatrix(np.array(A, dtype=kind).tolist(), np.array(B, dtype=kind).tolist())
    result = solve_lemke_howson(game, all_labels=True, max_pivots=200)
    assert len(result) >= 1
    for eq in result:
        assert eq.is_equilibrium()
        if kind is int:
            assert eq.regret() == 0
    assert result.complete is False


def test_degenerate_game_is_flagged() -> None:
    result = solve_lemke_howson(NormalFormGame.bimatrix([[1, 1], [1, 1]], [[1, 1], [1, 1]]))
    assert result.degenerate is True
    assert any("lexicographically" in note for note in result.notes)
    nondegenerate = solve_lemke_howson(NormalFormGame.bimatrix(BOS_A, BOS_B))
    assert nondegenerate.degenerate is None


def test_degenerate_zero_one_games_in_bulk() -> None:
    # 0/1 payoffs tie everywhere; every path must end (lexicographic rule) at an equilibrium.
    rng = np.random.default_rng(7)
    for _ in range(40):
        m, n = (int(k) for k in rng.integers(1, 6, size=2))
        A, B = rng.integers(0, 2, (m, n)), rng.integers(0, 2, (m, n))
        game = NormalFormGame.bimatrix(A.tolist(), B.tolist())
        for exact in (True, False):
            for eq in solve_lemke_howson(game, all_labels=True, exact=exact, max_pivots=500):
                assert eq.is_equilibrium()


# --------------------------------------------------------------------------- properties
@st.composite
def bimatrix_games(draw: st.DrawFn, exact: bool) -> tuple[NormalFormGame, int]:
    m = draw(st.integers(1, 8))
    n = draw(st.integers(1, 8))
    if exact:
        entries = st.one_of(
            st.integers(-4, 4),
            st.fractions(min_value=-3, max_value=3, max_denominator=7),
        )
    else:
        entries = st.floats(-100, 100, allow_nan=False, allow_infinity=False, width=64)
    A = draw(st.lists(st.lists(entries, min_size=n, max_size=n), min_size=m, max_size=m))
    B = draw(st.lists(st.lists(entries, min_size=n, max_size=n), min_size=m, max_size=m))
    label = draw(st.integers(0, m + n - 1))
    return NormalFormGame.bimatrix(A, B), label


@settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(bimatrix_games(exact=True))
def test_property_exact_games_give_exact_equilibria(case: tuple[NormalFormGame, int]) -> None:
    game, label = case
    assert game.is_exact
    result = solve_lemke_howson(game, initial_label=label)
    eq = result[0]
    assert eq.exact
    assert all(isinstance(p, Fraction) for s in eq.strategies for p in s)
    assert eq.regret() == 0


@settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(bimatrix_games(exact=False))
def test_property_float_games_give_equilibria(case: tuple[NormalFormGame, int]) -> None:
    game, label = case
    eq = solve_lemke_howson(game, initial_label=label)[0]
    assert not eq.exact
    assert eq.is_equilibrium()
    assert float(eq.regret()) <= 1e-9 * max(1.0, float(np.abs(game.float_payoffs()).max()))


@settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(bimatrix_games(exact=True))
def test_property_float_pivoting_of_exact_games(case: tuple[NormalFormGame, int]) -> None:
    game, label = case
    eq = solve_lemke_howson(game, initial_label=label, exact=False)[0]
    assert not eq.exact
    assert eq.is_equilibrium()


@settings(deadline=None, max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(bimatrix_games(exact=False))
def test_property_all_labels_and_default_start(case: tuple[NormalFormGame, int]) -> None:
    game, _ = case
    everything = solve_lemke_howson(game, all_labels=True)
    assert 1 <= len(everything) <= sum(game.n_actions)
    assert all(eq.is_equilibrium() for eq in everything)
    default = solve_lemke_howson(game)
    assert default[0].is_equilibrium()
    # small games: label 0's path fits the first budget, so the default is label 0
    assert default[0].isclose(solve_lemke_howson(game, initial_label=0)[0])


# --------------------------------------------------------------------------- exact pivoting of floats
def test_exact_pivoting_of_a_float_game_reports_floats() -> None:
    game = NormalFormGame.bimatrix([[0.1, 0.0], [0.0, 0.2]], [[0.2, 0.0], [0.0, 0.1]])
    result = solve_lemke_howson(game, initial_label=0, exact=True)
    assert not result[0].exact
    assert result[0].is_equilibrium()
    assert "binary values" in result.notes[0]


def test_float_failure_falls_back_to_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    # Make every float end point wrong: the solver must notice and recompute exactly.
    def broken(self: object, labels: range) -> tuple[float, ...]:
        return tuple(1.0 for _ in labels)

    monkeypatch.setattr(_tableau._FloatTableau, "values", broken)
    game = NormalFormGame.bimatrix([[3.0, 3.0], [2.0, 5.0], [0.0, 6.0]], [[3.0, 2.0], [2.0, 6.0], [3.0, 1.0]])
    result = solve_lemke_howson(game, initial_label=1)
    assert result[0].is_equilibrium()
    assert np.allclose(result[0].strategies[0], [0, 1 / 3, 2 / 3])
    assert any("recomputed exactly" in note for note in result.notes)


# --------------------------------------------------------------------------- sizes
def test_random_100x100_float_game_from_label_0() -> None:
    rng = np.random.default_rng(2024)
    A, B = rng.random((100, 100)), rng.random((100, 100))
    game = NormalFormGame.bimatrix(A, B)
    start = time.perf_counter()
    result = solve_lemke_howson(game, initial_label=0)
    elapsed = time.perf_counter() - start
    assert result[0].is_equilibrium()
    assert elapsed < 10  # a short path: milliseconds; generous for loaded CI machines


def test_random_100x100_game_with_a_very_long_label_0_path() -> None:
    # On this game the path from label 0 needs more than 81,000 pivots (the default
    # bound), while most labels need a few hundred. The default start restarts from
    # other labels and finishes in well under a second; a fixed label 0 with a small
    # bound fails fast with a SolverError instead of spinning.
    rng = np.random.default_rng(2004)
    game = NormalFormGame.bimatrix(rng.random((100, 100)), rng.random((100, 100)))
    start = time.perf_counter()
    result = solve_lemke_howson(game)
    elapsed = time.perf_counter() - start
    assert result[0].is_equilibrium()
    assert any("abandoned (restarts)" in note for note in result.notes)
    assert not any("from label 0 " in note for note in result.notes)
    assert elapsed < 10
    with pytest.raises(SolverError, match="max_pivots=2000"):
        solve_lemke_howson(game, initial_label=0, max_pivots=2000)
    # with restarts, max_pivots bounds the total: 100 pivots on label 0, then stop
    with pytest.raises(SolverError, match="max_pivots=100 pivots in total"):
        solve_lemke_howson(game, max_pivots=100)


def test_random_150x150_float_game_default_start() -> None:
    rng = np.random.default_rng(11)
    game = NormalFormGame.bimatrix(rng.random((150, 150)), rng.random((150, 150)))
    result = solve_lemke_howson(game)
    assert result[0].is_equilibrium()


def test_exact_30x30_game() -> None:
    rng = np.random.default_rng(30)
    A = rng.integers(-50, 51, (30, 30)).tolist()
    B = [[F(int(v), 7) for v in row] for row in rng.integers(-50, 51, (30, 30))]
    game = NormalFormGame.bimatrix(A, B)
    eq = solve_lemke_howson(game, initial_label=17)[0]
    assert eq.exact
    assert eq.regret() == 0
    assert all(sum(s) == 1 for s in eq.strategies)


def test_rectangular_games() -> None:
    rng = np.random.default_rng(5)
    for m, n in [(1, 7), (7, 1), (2, 9), (12, 3)]:
        game = NormalFormGame.bimatrix(rng.random((m, n)), rng.random((m, n)))
        for eq in solve_lemke_howson(game, all_labels=True):
            assert eq.is_equilibrium()


# --------------------------------------------------------------------------- through solve()
def test_default_start_is_label_0_on_textbook_games() -> None:
    game = NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    result = solve_lemke_howson(game)
    assert result[0].pure_profile_index == (0, 0)
    assert "from label 0 " in result.notes[1]


def test_registered_in_solve() -> None:
    game = NormalFormGame.bimatrix(BOS_A, BOS_B)
    assert nea_games.solve(game, method="lemke_howson", initial_label=1)[0].pure_profile_index == (1, 1)
    assert nea_games.solve(game, method="lcp")[0].pure_profile_index == (0, 0)


def test_game_is_not_mutated() -> None:
    game = NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    before = game.payoffs.copy()
    solve_lemke_howson(game, all_labels=True)
    assert np.array_equal(game.payoffs, before)


# --------------------------------------------------------------------------- cross-check with Gambit
def _gambit_profiles(result: object, game: object) -> list[list[list[Fraction]]]:
    return [
        [[Fraction(str(eq[s])) for s in player.strategies] for player in game.players]  # type: ignore[attr-defined]
        for eq in result.equilibria  # type: ignore[attr-defined]
    ]


def test_cross_check_with_gambit_lcp() -> None:
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(99)
    for _ in range(10):
        m, n = (int(k) for k in rng.integers(2, 7, size=2))
        A, B = rng.integers(-9, 10, (m, n)), rng.integers(-9, 10, (m, n))
        game = NormalFormGame.bimatrix(A.tolist(), B.tolist())
        ours = solve_lemke_howson(game)
        assert ours[0].regret() == 0
        gambit_game = gbt.Game.from_arrays(A, B)
        theirs = gbt.nash.lcp_solve(gambit_game, rational=True, stop_after=1)
        for strategies in _gambit_profiles(theirs, gambit_game):
            eq = nea_games.Equilibrium.from_strategies(game, strategies)
            assert eq.regret() == 0


def test_cross_check_with_gambit_on_a_float_game() -> None:
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(3)
    A, B = rng.random((12, 12)), rng.random((12, 12))
    game = NormalFormGame.bimatrix(A, B)
    ours = solve_lemke_howson(game)[0]
    assert ours.is_equilibrium()
    gambit_game = gbt.Game.from_arrays(A, B)
    theirs = gbt.nash.lcp_solve(gambit_game, rational=False, stop_after=1)
    for strategies in _gambit_profiles(theirs, gambit_game):
        eq = nea_games.Equilibrium.from_strategies(game, [[float(p) for p in s] for s in strategies])
        assert eq.is_equilibrium(tol=1e-6)
