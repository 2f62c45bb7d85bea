"""nashpy wrappers: verified answers, notes for what is dropped, a time limit that holds."""

from __future__ import annotations

import time
from fractions import Fraction

import numpy as np
import pytest

import nea_games
from nea_games import NormalFormGame
from nea_games.errors import BudgetExceededError, SolverError, UnsupportedGameError, ValidationError
from nea_games.solvers import nashpy_backend
from nea_games.solvers.lemke_howson import solve_lemke_howson
from nea_games.solvers.nashpy_backend import (
    solve_nashpy_lemke_howson,
    solve_nashpy_support,
    solve_nashpy_vertex,
)

BOS = NormalFormGame.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
# Battle of the sexes by hand: the pure profiles (0, 0) and (1, 1), and the mixed one where
# the row player's (p, 1 - p) makes the column player indifferent, p = 2(1 - p) -> p = 2/3,
# and the column player's (q, 1 - q) makes the row player indifferent, 2q = 1 - q -> q = 1/3.
BOS_EQUILIBRIA = [((1, 0), (1, 0)), ((2 / 3, 1 / 3), (1 / 3, 2 / 3)), ((0, 1), (0, 1))]


def as_floats(result: nea_games.EquilibriumSet) -> list[tuple[tuple[float, ...], ...]]:
    return [tuple(tuple(float(p) for p in s) for s in eq.strategies) for eq in result]


@pytest.mark.parametrize("solver", [solve_nashpy_support, solve_nashpy_vertex])
def test_enumerations_on_battle_of_the_sexes(solver: object) -> None:
    result = solver(BOS)  # type: ignore[operator]
    assert result.complete is False
    assert len(result) == 3
    assert np.allclose(as_floats(result), BOS_EQUILIBRIA)
    assert all(eq.is_equilibrium() and not eq.exact for eq in result)


def test_lemke_howson_on_battle_of_the_sexes() -> None:
    # The same paths as ours (derived in test_lemke_howson.py): labels 0, 2 -> (0, 0); 1, 3 -> (1, 1).
    for label, profile in [(0, (0, 0)), (1, (1, 1)), (2, (0, 0)), (3, (1, 1))]:
        result = solve_nashpy_lemke_howson(BOS, initial_dropped_label=label)
        assert result[0].pure_profile_index == profile
        assert result.method == "nashpy_lemke_howson"


def test_lemke_howson_paths_agree_with_ours_on_nondegenerate_games() -> None:
    # Random float games are nondegenerate with probability one, so the path from a
    # label is unique: whenever nashpy's answer verifies, it is the end point we reach.
    rng = np.random.default_rng(12)
    agreed, dropped = 0, []
    for index in range(15):
        m, n = (int(k) for k in rng.integers(2, 6, size=2))
        game = NormalFormGame.bimatrix(rng.random((m, n)), rng.random((m, n)))
        label = int(rng.integers(m + n))
        theirs = solve_nashpy_lemke_howson(game, initial_dropped_label=label)
        ours = solve_lemke_howson(game, initial_label=label)
        if len(theirs):
            assert theirs[0].isclose(ours[0], tol=1e-8)
            agreed += 1
        else:
            dropped.append(index)
            assert any("not an equilibrium" in note for note in theirs.notes)
    assert agreed >= 12
    # Game 2 (5 x 4, label 6): nashpy answers ((0,0,1,0,0), (0,0,1,0)), whose regret is
    # 0.176; the wrapper drops it and says so, while ours ends at a verified equilibrium.
    assert dropped == [2]


def test_registered_in_solve() -> None:
    for method in ["nashpy_support_enumeration", "nashpy_vertex_enumeration", "nashpy_lemke_howson"]:
        result = nea_games.solve(BOS, method=method)
        assert result.method == method
        assert all(eq.is_equilibrium() for eq in result)


def test_exact_game_gives_float_equilibria() -> None:
    game = NormalFormGame.bimatrix([[Fraction(1, 3), 0], [0, 1]], [[1, 0], [0, 1]])
    result = solve_nashpy_vertex(game)
    assert not result.exact
    assert all(eq.is_equilibrium() for eq in result)


def test_degenerate_game_support_enumeration_misses_equilibria() -> None:
    # Against the first two rows, the column player is indifferent, and against column 1
    # the row player is indifferent between rows 1 and 2: a degenerate game. The extreme
    # equilibria include (row 1, mixed columns 1/2-1/2), which has supports of unequal
    # size, so nashpy's default support enumeration cannot find it; it only warns.
    game = NormalFormGame.bimatrix([[1, 1], [1, 1], [0, 2]], [[1, 1], [1, 1], [2, 0]])
    support = solve_nashpy_support(game)
    vertex = solve_nashpy_vertex(game)
    assert len(support) < len(vertex)
    assert any("nashpy warned" in note and "degenerate" in note for note in support.notes)
    assert any("miss equilibria" in note for note in support.notes)
    mixed = ((1.0, 0.0, 0.0), (0.5, 0.5))
    assert any(np.allclose(s[0], mixed[0]) and np.allclose(s[1], mixed[1]) for s in as_floats(vertex))
    assert all(eq.is_equilibrium() for eq in [*support, *vertex])


def test_answers_that_fail_verification_are_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake(algorithm: str, A: object, B: object, options: object) -> tuple[list[object], dict[str, int]]:
        return (
            [
                (np.array([1.0, 0.0]), np.array([1.0, 0.0])),  # a real equilibrium
                (np.array([1.0, 0.0]), np.array([0.0, 1.0])),  # not an equilibrium
                (np.array([1.0]), np.array([1.0, 0.0])),  # wrong shape
                (np.array([1.0, 0.0]), np.array([1.0, 0.0])),  # duplicate
            ],
            {"something odd": 3},
        )

    monkeypatch.setattr(nashpy_backend, "_nashpy_call", fake)
    result = solve_nashpy_vertex(BOS)
    assert len(result) == 1
    assert result[0].pure_profile_index == (0, 0)
    text = " | ".join(result.notes)
    assert "answer 2 is not an equilibrium" in text
    assert "answer 3 is not a mixed-strategy profile" in text
    assert "1 duplicate" in text
    assert "nashpy warned 3 times: something odd" in text


def test_nashpy_exceptions_become_solver_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object) -> None:
        raise np.linalg.LinAlgError("Singular matrix")

    monkeypatch.setattr(nashpy_backend, "_nashpy_call", boom)
    with pytest.raises(SolverError, match="Singular matrix"):
        solve_nashpy_support(BOS)


def test_time_limit_stops_a_cycling_lemke_howson() -> None:
    # nashpy pivots floats as if they were integers; on this 50 x 50 game the entries
    # overflow to nan and its Lemke-Howson never stops. Ours ends after a few hundred pivots.
    rng = np.random.default_rng(0)
    rng.random((20, 20)), rng.random((20, 20))
    game = NormalFormGame.bimatrix(rng.random((50, 50)), rng.random((50, 50)))
    start = time.perf_counter()
    with pytest.raises(BudgetExceededError, match=r"time_limit=2\.0s"):
        solve_nashpy_lemke_howson(game, time_limit=2)
    assert time.perf_counter() - start < 30
    assert solve_lemke_howson(game)[0].is_equilibrium()


def test_time_limit_in_a_child_process_returns_the_same_answer() -> None:
    result = solve_nashpy_lemke_howson(BOS, initial_dropped_label=1, time_limit=60)
    assert result[0].pure_profile_index == (1, 1)
    support = solve_nashpy_support(BOS, time_limit=60)
    assert np.allclose(as_floats(support), BOS_EQUILIBRIA)


def test_bad_input() -> None:
    three = NormalFormGame.from_array(np.zeros((3, 2, 2, 2)))
    for solver in (solve_nashpy_support, solve_nashpy_vertex, solve_nashpy_lemke_howson):
        with pytest.raises(UnsupportedGameError):
            solver(three)
        with pytest.raises(UnsupportedGameError):
            solver("not a game")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        solve_nashpy_lemke_howson(BOS, initial_dropped_label=7)
    for bad in (0, -1.0, float("inf"), "5", True):
        with pytest.raises(ValidationError, match="time_limit"):
            solve_nashpy_vertex(BOS, time_limit=bad)  # type: ignore[arg-type]
