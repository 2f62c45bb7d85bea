"""Work budgets of the enumeration solvers: estimates, bounds, partial results, ``budget.estimate``.

The vertex bound is McMullen's upper bound theorem (McMullen 1970, *The
maximum numbers of faces of a convex polytope*, Mathematika 17): a
d-polytope with N facets has at most
C(N - ceil(d/2), floor(d/2)) + C(N - floor(d/2) - 1, ceil(d/2) - 1) vertices.
Its values below are worked out by hand from that formula or from
elementary geometry.
"""

from __future__ import annotations

import math
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nea_games
from nea_games import NormalFormGame
from nea_games.errors import BudgetExceededError, UnknownMethodError, UnsupportedGameError, ValidationError
from nea_games.solvers import budget
from nea_games.solvers._polytope import Guard, polytope_vertices, vertex_bound
from nea_games.solvers.budget import Deadline, WorkEstimate
from nea_games.solvers.vertex_enumeration import (
    _polytopes,
    _Watch,
    estimate_vertices,
    solve_vertex_enumeration,
)

RPS = NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
# Battle of the sexes: pure (0, 0), (1, 1) and the mixed ((2/3, 1/3), (1/3, 2/3)).
BOS = NormalFormGame.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])


def _random_game(seed: int, m: int, n: int, high: int) -> NormalFormGame:
    rng = np.random.default_rng(seed)
    return NormalFormGame.bimatrix(
        rng.integers(-high, high + 1, (m, n)).tolist(), rng.integers(-high, high + 1, (m, n)).tolist()
    )


def profiles(result: Any) -> set[Any]:
    return {eq.strategies for eq in result}


# --------------------------------------------------------------------------- the vertex bound
@pytest.mark.parametrize("facets", [3, 4, 7, 12])
def test_vertex_bound_in_low_dimensions(facets: int) -> None:
    d = 2  # a polygon has as many vertices as edges
    assert vertex_bound(d, facets - d) == facets
    d = 3  # simple 3-polytope: 3V = 2E and Euler V - E + F = 2 give V = 2F - 4
    assert vertex_bound(d, facets) == 2 * (facets + d) - 4
    assert vertex_bound(1, facets) == 2  # a segment, however many redundant constraints


def test_vertex_bound_for_four_polytopes() -> None:
    # Dual cyclic 4-polytope with N facets: N(N - 3)/2 vertices (C(N-2, 2) + C(N-3, 1)).
    for n in range(5, 15):
        assert vertex_bound(4, n - 4) == n * (n - 3) // 2


def test_vertex_bound_is_attained_by_the_cube() -> None:
    # C = identity: {z >= 0, z_i <= 1} is the unit cube, 6 facets and 8 = 2*6 - 4 vertices.
    vertices = polytope_vertices(np.eye(3))
    assert len(vertices.points) == 8 == vertex_bound(3, 3)


def test_estimate_of_the_four_by_sixty_one_game() -> None:
    # P: d = 4, N = 65: 65 * 62 / 2 = 2015 vertices. Q: d = 61, N = 65, ceil = 31, floor = 30:
    # C(34, 30) + C(34, 30) = 2 * 46376 = 92752. Less the two zero vertices: 94765.
    game = NormalFormGame.bimatrix(np.zeros((4, 61), dtype=int), np.zeros((4, 61), dtype=int))
    assert estimate_vertices(game) == 2015 + 92752 - 2 == 94765


def test_estimate_of_small_games() -> None:
    # 2x2: two quadrilaterals, 3 nonzero vertices each. 3x3: two 3-polytopes with 6 facets, 8 vertices each.
    assert estimate_vertices(BOS) == 6
    assert estimate_vertices(RPS) == 14


@settings(max_examples=40, deadline=None)
@given(
    m=st.integers(1, 6), n=st.integers(1, 6), seed=st.integers(0, 10**6), high=st.sampled_from([1, 2, 100])
)
def test_estimate_bounds_the_vertices_actually_enumerated(m: int, n: int, seed: int, high: int) -> None:
    game = _random_game(seed, m, n, high)  # small payoff ranges give degenerate games too
    p, q = _polytopes(game, True, _Watch(Deadline(None), None, False))
    assert len(p) <= vertex_bound(m, n) - 1 and len(q) <= vertex_bound(n, m) - 1
    assert len(p) + len(q) <= estimate_vertices(game)


# --------------------------------------------------------------------------- max_vertices
def test_max_vertices_raises_naming_the_estimate_and_the_bound() -> None:
    with pytest.raises(BudgetExceededError, match=r"would visit 14 vertices .*max_vertices=13"):
        solve_vertex_enumeration(RPS, max_vertices=13)
    at_bound = solve_vertex_enumeration(RPS, max_vertices=14)  # the other side of the threshold
    assert at_bound.complete and at_bound.notes == ()


def test_solve_passes_the_budget_options() -> None:
    with pytest.raises(BudgetExceededError, match="max_vertices=5"):
        nea_games.solve(BOS, method="vertex_enumeration", max_vertices=5)
    with pytest.raises(BudgetExceededError, match="max_vertices=5"):
        nea_games.solve(BOS, max_vertices=5)  # the default method for two players
    assert nea_games.solve(BOS, method="enummixed", max_vertices=6, time_limit=60.0).complete


@pytest.mark.parametrize("exact", [True, False])
@pytest.mark.parametrize("seed", range(6))
def test_partial_results_are_flagged_and_verified(seed: int, exact: bool) -> None:
    game = _random_game(seed, 5, 5, [100, 2][seed % 2])
    full = solve_vertex_enumeration(game, exact=exact)
    estimate = estimate_vertices(game)
    for bound in (0, 3, 10, 40):
        assert bound < estimate  # so the bound applies
        partial = solve_vertex_enumeration(game, exact=exact, max_vertices=bound, on_budget="partial")
        if partial.complete:  # every vertex fitted within the bound after all
            assert partial == full and bound >= 10
            continue
        assert partial.degenerate in (True, None)
        assert any(f"max_vertices={bound}" in note for note in partial.notes)
        for eq in partial:
            assert eq.is_equilibrium() and (not exact or eq.regret() == 0)
            assert any(eq.isclose(other, 1e-7) for other in full)


def test_partial_with_a_bound_above_the_true_count_finds_everything() -> None:
    # BoS: P and Q are quadrilaterals (3 nonzero vertices each); bound 2 keeps too few, bound 6 all.
    few = solve_vertex_enumeration(BOS, max_vertices=2, on_budget="partial")
    assert not few.complete and len(few) < 3
    enough = solve_vertex_enumeration(BOS, max_vertices=6, on_budget="partial")
    assert enough.complete and len(enough) == 3


def test_time_limit() -> None:
    with pytest.raises(BudgetExceededError, match=r"time_limit=0\.0s"):
        solve_vertex_enumeration(RPS, time_limit=0.0)
    partial = solve_vertex_enumeration(RPS, time_limit=0.0, on_budget="partial")
    assert partial.complete is False and partial.degenerate is None
    assert "time_limit=0.0s" in partial.notes[0]
    assert all(eq.regret() == 0 for eq in partial)
    assert solve_vertex_enumeration(RPS, time_limit=60.0).complete


def test_time_limit_cuts_a_long_basis_enumeration() -> None:
    # Q of a 4x61 game has dimension 61 and is enumerated basis by basis, in chunks.
    game = _random_game(5, 4, 61, 100)
    partial = solve_vertex_enumeration(game, time_limit=0.05, on_budget="partial")
    assert partial.complete is False
    assert "time_limit=0.05s" in partial.notes[0]
    assert all(eq.regret() == 0 for eq in partial)


def test_guard_limits_and_stops_the_polytope_enumeration() -> None:
    cube = np.eye(3)
    assert polytope_vertices(cube, Guard(limit=7)).complete  # 7 nonzero vertices: within the limit
    cut = polytope_vertices(cube, Guard(limit=6))
    assert not cut.complete and len(cut.points) == 7  # the zero vertex and six others
    assert not polytope_vertices(np.ones((15, 3)), Guard(stop=lambda: True)).complete


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"max_vertices": -1}, "max_vertices must be a non-negative integer"),
        ({"max_vertices": 2.5}, "max_vertices must be a non-negative integer"),
        ({"max_vertices": True}, "max_vertices must be a non-negative integer"),
        ({"time_limit": -1.0}, "time_limit must be a non-negative number"),
        ({"time_limit": "soon"}, "time_limit must be a non-negative number"),
        ({"on_budget": "stop"}, "on_budget must be 'raise' or 'partial'"),
    ],
)
def test_bad_budget_options(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        solve_vertex_enumeration(RPS, **kwargs)


# --------------------------------------------------------------------------- unchanged within budget
def _literature_bimatrices() -> list[Any]:
    from literature_games import GAMES

    return [pytest.param(lg.game, id=lg.name) for lg in GAMES if lg.game.n_players == 2]


@pytest.mark.parametrize("game", _literature_bimatrices())
def test_within_budget_the_result_is_unchanged_on_literature_games(game: NormalFormGame) -> None:
    plain = solve_vertex_enumeration(game)
    bounded = solve_vertex_enumeration(
        game, max_vertices=estimate_vertices(game), time_limit=60.0, on_budget="partial", progress=False
    )
    assert [eq.strategies for eq in bounded] == [eq.strategies for eq in plain]
    assert (bounded.complete, bounded.degenerate, bounded.components, bounded.notes) == (
        plain.complete,
        plain.degenerate,
        plain.components,
        plain.notes,
    )


@settings(max_examples=25, deadline=None)
@given(
    m=st.integers(1, 5), n=st.integers(1, 5), seed=st.integers(0, 10**6), high=st.sampled_from([1, 3, 100])
)
def test_within_budget_the_result_is_unchanged_on_random_games(m: int, n: int, seed: int, high: int) -> None:
    game = _random_game(seed, m, n, high)
    for exact in (True, False):
        plain = solve_vertex_enumeration(game, exact=exact)
        bounded = solve_vertex_enumeration(
            game, exact=exact, max_vertices=estimate_vertices(game), progress=True
        )
        assert bounded == plain and bounded.complete == plain.complete
        assert bounded.components == plain.components and bounded.degenerate == plain.degenerate


# --------------------------------------------------------------------------- budget.estimate
def test_estimate_by_method() -> None:
    assert budget.estimate(RPS) == WorkEstimate(
        "vertex_enumeration", 14, budget.estimate(RPS).unit, "max_vertices"
    )
    assert int(budget.estimate(RPS, "enummixed")) == 14
    # 3x3 support pairs: 9 pure pairs, 9 pairs of two-action supports, 1 full pair.
    support = budget.estimate(RPS, "support_enumeration")
    assert (support.count, support.unit, support.option) == (19, "support pairs", "max_supports")
    assert support.count == math.comb(6, 3) - 1
    # Three players with two undominated actions each: (2^2 - 1)^3 support profiles.
    three = NormalFormGame.from_array(np.zeros((3, 2, 2, 2), dtype=int))
    assert budget.estimate(three) == WorkEstimate(
        "support_enumeration", 27, "support profiles", "max_supports"
    )
    assert "at most 14" in str(budget.estimate(RPS))


def test_estimate_refuses_what_it_cannot_estimate() -> None:
    with pytest.raises(UnknownMethodError, match="unknown method 'vertex_enum'"):
        budget.estimate(RPS, "vertex_enum")
    with pytest.raises(ValidationError, match="has no work budget"):
        budget.estimate(RPS, "lemke_howson")
    with pytest.raises(UnsupportedGameError, match="expected a NormalFormGame"):
        budget.estimate([[1, 2]], "vertex_enumeration")
    with pytest.raises(UnsupportedGameError, match="2-player"):
        budget.estimate(NormalFormGame.from_array(np.zeros((3, 2, 2, 2), dtype=int)), "vertex_enumeration")


def test_estimate_matches_what_the_bound_refuses() -> None:
    # The number budget.estimate reports is exactly the threshold of max_vertices / max_supports.
    for method, option in (("vertex_enumeration", "max_vertices"), ("support_enumeration", "max_supports")):
        count = budget.estimate(BOS, method).count
        with pytest.raises(BudgetExceededError, match=f"{option}={count - 1}"):
            nea_games.solve(BOS, method=method, **{option: count - 1})
        assert nea_games.solve(BOS, method=method, **{option: count}).complete


def test_exact_fractions_survive_a_partial_run() -> None:
    # Within the first vertices of BoS, whatever is returned is one of its three equilibria, exactly.
    expected = {
        ((F(1), F(0)), (F(1), F(0))),
        ((F(0), F(1)), (F(0), F(1))),
        ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))),
    }
    for bound in range(6):
        assert profiles(solve_vertex_enumeration(BOS, max_vertices=bound, on_budget="partial")) <= expected
