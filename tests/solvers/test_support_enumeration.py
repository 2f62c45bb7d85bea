"""Support enumeration: hand-derived equilibria, its nondegeneracy test, budgets, delegation, bad input."""

from __future__ import annotations

import importlib
import itertools
import math
import sys
import types
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nea_games
from nea_games import NormalFormGame
from nea_games.errors import BudgetExceededError, UnsupportedGameError, ValidationError
from nea_games.solvers.support_enumeration import count_support_pairs, solve_support_enumeration
from nea_games.solvers.vertex_enumeration import solve_vertex_enumeration

Profile = tuple[tuple[F, ...], ...]


def _p(*vectors: tuple[Any, ...]) -> Profile:
    return tuple(tuple(F(v) for v in vector) for vector in vectors)


def profiles(result: Any) -> set[Profile]:
    return {eq.strategies for eq in result}


BOS = NormalFormGame.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
# von Stengel's 3x2 example (2007, §3.2): rows pay 3, 5-3q, 6-6q against y = (q, 1-q); columns pay
# 3x0+2x1+3x2 and 2x0+6x1+x2. Equal-size supports: {0}x{0}: row 0 best against col 0 (3 > 2 > 0) and
# col 0 best against row 0 (3 > 2): pure. {0,1}x{0,1}: Column indifferent 3p+2(1-p) = 2p+6(1-p),
# p = 4/5; Row indifferent 3 = 5-3q, q = 2/3, row 2 pays 2 < 3: equilibrium. {1,2}x{0,1}: Column
# indifferent 2p+3(1-p) = 6p+(1-p), p = 1/3; Row indifferent 5-3q = 6-6q, q = 1/3, row 0 pays 3 < 4.
# All other pairs fail a sign or best-response check (von Stengel lists exactly these three).
VON_STENGEL = NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
VON_STENGEL_EQUILIBRIA = {
    _p((1, 0, 0), (1, 0)),
    _p((F(4, 5), F(1, 5), 0), (F(2, 3), F(1, 3))),
    _p((0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
}


def test_battle_of_the_sexes() -> None:
    # Pure (0,0), (1,1); mixed: Column indifferent p = 2(1-p) -> p = 2/3, Row 2q = 1-q -> q = 1/3.
    result = solve_support_enumeration(BOS)
    mixed = _p((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))
    assert profiles(result) == {_p((1, 0), (1, 0)), _p((0, 1), (0, 1)), mixed}
    assert result.complete and result.degenerate is False and result.method == "support_enumeration"
    assert all(eq.regret() == 0 for eq in result)


def test_von_stengel_example() -> None:
    result = solve_support_enumeration(VON_STENGEL)
    assert profiles(result) == VON_STENGEL_EQUILIBRIA and result.complete
    mixed = next(eq for eq in result if eq.strategies[0][0] == F(4, 5))
    assert mixed.payoffs == (F(3), F(14, 5))  # Row 3; Column 3(4/5) + 2(1/5) = 14/5


def test_matching_pennies_and_rock_paper_scissors() -> None:
    half, third = (F(1, 2),) * 2, (F(1, 3),) * 3
    assert profiles(solve_support_enumeration(NormalFormGame.zero_sum([[1, -1], [-1, 1]]))) == {(half, half)}
    rps = NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    assert profiles(solve_support_enumeration(rps)) == {(third, third)}


def test_degenerate_game_is_flagged_and_incomplete() -> None:
    # Degenerate variant of the example (top row pays Column 3 with both columns). Its extreme
    # equilibria (derived in test_vertex_enumeration) are (row 0, col 0), ((1,0,0), (2/3,1/3)) and
    # ((0,1/3,2/3), (1/3,2/3)). Here support enumeration happens to find all three -- the second as the
    # unique solution of the pair ({0,1},{0,1}), whose x puts weight 0 on row 1 (Column indifferent:
    # 3p + 2(1-p) = 3p + 6(1-p) forces p = 1) -- but it cannot know that, so the set is not complete.
    g = NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    result = solve_support_enumeration(g)
    assert result.degenerate is True and result.complete is False
    assert profiles(result) == {
        _p((1, 0, 0), (1, 0)),
        _p((1, 0, 0), (F(2, 3), F(1, 3))),
        _p((0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
    }
    assert any("vertex_enumeration" in note for note in result.notes)


def test_degenerate_game_where_equal_supports_miss_extreme_equilibria() -> None:
    # A=[[2,0],[2,0]]: Row is always indifferent. B=[[1,2],[1,0]]: against x=(p,1-p) the columns pay
    # 1 and 2p. Equilibria: p >= 1/2 with col 1, p <= 1/2 with col 0, and p = 1/2 with any y. The
    # extreme equilibria (1,0)/col1, (0,1)/col0, (1/2,1/2)/col1 and (1/2,1/2)/col0 -- the last two
    # have supports of sizes 2 and 1, which equal-size support enumeration cannot produce (the
    # 2x2 system for y is singular because Row's payoff rows are equal).
    g = NormalFormGame.bimatrix([[2, 0], [2, 0]], [[1, 2], [1, 0]])
    result = solve_support_enumeration(g)
    assert profiles(result) == {_p((1, 0), (0, 1)), _p((0, 1), (1, 0))}
    assert result.degenerate is True and not result.complete
    half = (F(1, 2), F(1, 2))
    assert profiles(solve_vertex_enumeration(g)) == profiles(result) | {(half, (1, 0)), (half, (0, 1))}


def test_duplicated_column_is_degenerate_even_without_a_visible_equilibrium_anomaly() -> None:
    # Columns 0 and 1 are identical for both players: against any x both are best responses or
    # neither, so x = (1, 0) (if a column is a best response) has two best responses: degenerate.
    g = NormalFormGame.bimatrix([[1, 1, 0], [0, 0, 2]], [[2, 2, 0], [0, 0, 1]])
    result = solve_support_enumeration(g)
    assert result.degenerate is True and not result.complete


def test_float_game() -> None:
    g = NormalFormGame(VON_STENGEL.players, VON_STENGEL.actions, VON_STENGEL.float_payoffs())
    result = solve_support_enumeration(g)
    assert not result.exact and result.complete and result.degenerate is False
    assert result.isclose([eq.to_float() for eq in solve_support_enumeration(VON_STENGEL)])
    assert solve_support_enumeration(VON_STENGEL, exact=False).isclose(result)


def test_count_support_pairs_matches_brute_force() -> None:
    for m, n in [(1, 1), (1, 4), (3, 2), (4, 4), (5, 3)]:
        brute = sum(
            len(list(itertools.combinations(range(m), k))) * len(list(itertools.combinations(range(n), k)))
            for k in range(1, min(m, n) + 1)
        )
        assert count_support_pairs(m, n) == brute == math.comb(m + n, m) - 1


# --------------------------------------------------------------------------- budgets
def test_max_supports_raises_before_any_work() -> None:
    # 3x2: six pairs of pure strategies and three pairs of two-action supports.
    with pytest.raises(BudgetExceededError, match="would visit 9 support pairs"):
        solve_support_enumeration(VON_STENGEL, max_supports=8)
    assert solve_support_enumeration(VON_STENGEL, max_supports=9).complete


def test_partial_result_is_flagged() -> None:
    # The first 6 pairs are the pure ones: (row 0, col 0) is the only pure equilibrium.
    result = solve_support_enumeration(VON_STENGEL, max_supports=6, on_budget="partial")
    assert result.complete is False and result.degenerate is None
    assert profiles(result) == {_p((1, 0, 0), (1, 0))}
    assert any("max_supports=6" in note for note in result.notes)


def test_time_limit() -> None:
    with pytest.raises(BudgetExceededError, match="time_limit"):
        solve_support_enumeration(VON_STENGEL, time_limit=0.0)
    partial = solve_support_enumeration(VON_STENGEL, time_limit=0.0, on_budget="partial")
    assert not partial.complete and len(partial) == 0 and "time_limit" in partial.notes[0]
    assert solve_support_enumeration(VON_STENGEL, time_limit=60.0).complete


def test_solve_passes_budget_options() -> None:
    with pytest.raises(BudgetExceededError):
        nea_games.solve(VON_STENGEL, method="support_enumeration", max_supports=1)


# --------------------------------------------------------------------------- delegation and input
def test_three_players_are_delegated_to_the_nplayer_solver(monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        module = importlib.import_module("nea_games.solvers.nplayer")
    except ImportError:  # the n-player solver is written separately
        module = types.ModuleType("nea_games.solvers.nplayer")
        monkeypatch.setitem(sys.modules, "nea_games.solvers.nplayer", module)
    calls: list[tuple[Any, dict[str, Any]]] = []

    def fake(game: Any, **kwargs: Any) -> str:
        calls.append((game, kwargs))
        return "delegated"

    monkeypatch.setattr(module, "solve_nplayer_support", fake, raising=False)
    game = NormalFormGame.from_array(np.zeros((3, 2, 2, 2), dtype=int))
    out = solve_support_enumeration(game, max_supports=7, time_limit=2.0, on_budget="partial", progress=False)
    assert out == "delegated"
    assert calls == [
        (game, {"max_supports": 7, "time_limit": 2.0, "on_budget": "partial", "progress": False})
    ]
    with pytest.raises(ValidationError, match="unknown option"):
        solve_support_enumeration(game, x=1)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"on_budget": "ignore"}, ValidationError),
        ({"max_supports": -1}, ValidationError),
        ({"time_limit": -1.0}, ValidationError),
        ({"initial_label": 0}, ValidationError),
        ({"exact": True, "game": NormalFormGame.bimatrix([[0.5, 1]], [[1, 0]])}, ValidationError),
        ({"game": NormalFormGame.from_array([[1, 2]])}, UnsupportedGameError),
        ({"game": [[1, 2], [3, 4]]}, UnsupportedGameError),
    ],
)
def test_bad_input(kwargs: dict[str, Any], error: type[Exception]) -> None:
    game = kwargs.pop("game", BOS)
    with pytest.raises(error):
        solve_support_enumeration(game, **kwargs)


# --------------------------------------------------------------------------- Gambit and properties
@pytest.mark.parametrize("seed", range(6))
def test_same_set_as_gambit_enummixed(seed: int) -> None:
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(900 + seed)
    m, n = 2 + seed % 4, 2 + (seed + 1) % 4
    a, b = rng.integers(-500, 501, (m, n)).tolist(), rng.integers(-500, 501, (m, n)).tolist()
    g = gbt.Game.from_arrays(a, b)
    theirs = {
        tuple(tuple(F(str(p[player][s])) for s in player.strategies) for player in g.players)
        for p in gbt.nash.enummixed_solve(g, rational=True).equilibria
    }
    result = solve_support_enumeration(NormalFormGame.bimatrix(a, b))
    assert result.complete and profiles(result) == theirs


@st.composite
def float_games(draw: st.DrawFn) -> NormalFormGame:
    m, n = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    return NormalFormGame.bimatrix(rng.normal(size=(m, n)), rng.normal(size=(m, n)))


@settings(max_examples=40, deadline=None)
@given(float_games())
def test_random_float_games_agree_with_vertex_enumeration(game: NormalFormGame) -> None:
    # Continuous random payoffs are nondegenerate with probability one.
    supports, vertices = solve_support_enumeration(game), solve_vertex_enumeration(game)
    assert supports.complete and supports.degenerate is False and vertices.degenerate is False
    assert supports.isclose(vertices, tol=1e-8)
    scale = max(1.0, float(np.abs(game.float_payoffs()).max()))
    assert all(float(eq.regret()) <= 1e-9 * scale for eq in supports)
