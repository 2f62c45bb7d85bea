"""Correlated equilibria (Aumann 1974), checked against hand derivations and a brute-force search."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nea_games import NormalFormGame
from nea_games.errors import ProbabilityError, ShapeError, UnknownNameError, ValidationError
from nea_games.solvers.correlated import (
    correlated_equilibrium,
    correlated_polytope,
    is_correlated_equilibrium,
)
from nea_games.solvers.pure import solve_pure
from nea_games.solvers.zero_sum import zero_sum_solution

F = Fraction

# Chicken (Aumann 1974's example). Action order: index 0 = Chicken (C), index 1 = Dare (D).
# Row payoffs A[r][c]: (C,C) 6, (C,D) 2, (D,C) 7, (D,D) 0; the game is symmetric.
CHICKEN = NormalFormGame.symmetric([[6, 2], [7, 0]], actions=["Chicken", "Dare"], players=["Row", "Col"])


def hand_check(game: NormalFormGame, p: np.ndarray) -> bool:
    """Independent incentive check: a loop over players, recommendations and deviations."""
    u = game.payoffs
    for i in range(game.n_players):
        for a in range(game.n_actions[i]):
            for b in range(game.n_actions[i]):
                gain = 0
                for profile in itertools.product(*(range(m) for m in game.n_actions)):
                    if profile[i] != a:
                        continue
                    deviated = list(profile)
                    deviated[i] = b
                    gain += p[profile] * (u[(i, *deviated)] - u[(i, *profile)])
                if gain > 0:
                    return False
    return True


def test_chicken_welfare_maximum_by_hand() -> None:
    # Write a, b, c, d for (C,C), (C,D), (D,C), (D,D). Incentive constraints:
    #   Row told C: 6a + 2b >= 7a + 0b  <=>  2b >= a      Row told D: 7c >= 6c + 2d  <=>  c >= 2d
    #   Col told C: 2c >= a                               Col told D: b >= 2d
    # Welfare = 12a + 9b + 9c + 0d. With d = 0 (d only lowers welfare and tightens constraints)
    # and a + b + c = 1, welfare = 9 + 3a; a is largest when 2b = 2c = a, i.e. a = 1/2,
    # b = c = 1/4: welfare 21/2, each player 21/4.
    ce = correlated_equilibrium(CHICKEN)
    assert ce.exact and ce.optimality_exact
    assert ce.distribution.tolist() == [[F(1, 2), F(1, 4)], [F(1, 4), F(0)]]
    assert ce.payoffs == (F(21, 4), F(21, 4))
    assert ce.welfare == F(21, 2)
    assert ce.is_correlated_equilibrium()
    assert ce.regret() == 0


def test_chicken_welfare_maximum_by_brute_force() -> None:
    # Independent method: every distribution on the grid of multiples of 1/12, checked by a
    # plain loop. The hand-derived optimum lies on the grid, so the grid optimum must match it.
    best, argbest = F(-1), []
    for a, b, c in itertools.product(range(13), repeat=3):
        d = 12 - a - b - c
        if d < 0:
            continue
        p = np.array([[F(a, 12), F(b, 12)], [F(c, 12), F(d, 12)]], dtype=object)
        if not hand_check(CHICKEN, p):
            continue
        welfare = sum(p[k] * (CHICKEN.payoffs[(0, *k)] + CHICKEN.payoffs[(1, *k)]) for k in np.ndindex(2, 2))
        if welfare > best:
            best, argbest = welfare, [p]
        elif welfare == best:
            argbest.append(p)
    assert best == correlated_equilibrium(CHICKEN).welfare
    assert len(argbest) == 1 and (argbest[0] == correlated_equilibrium(CHICKEN).distribution).all()


def test_aumann_traffic_light() -> None:
    # 1/3 on each of (C,C), (C,D), (D,C): told C, Row expects (6 + 2)/2 = 4 from C vs 7/2 from D;
    # told D, Row expects 7 from D vs 6 from C. So it is a correlated equilibrium (payoff 5 each).
    third = F(1, 3)
    light = {("Chicken", "Chicken"): third, ("Chicken", "Dare"): third, ("Dare", "Chicken"): third}
    assert is_correlated_equilibrium(CHICKEN, light)
    assert hand_check(CHICKEN, np.array([[third, third], [third, 0]], dtype=object))
    # Always (C, C) is not: Row told C would rather dare (7 > 6).
    assert not is_correlated_equilibrium(CHICKEN, [[1, 0], [0, 0]])


def test_chicken_nash_equilibria_are_in_the_polytope() -> None:
    # Mixed NE: Row indifferent when Col plays C with q: 6q + 2(1-q) = 7q  =>  q = 2/3 (symmetric).
    q = F(2, 3)
    mixed = np.outer([q, 1 - q], [q, 1 - q])
    poly = correlated_polytope(CHICKEN)
    assert poly.contains(mixed)
    assert poly.contains(mixed.reshape(-1))  # flat, in profile order
    for eq in solve_pure(CHICKEN):
        assert poly.contains(np.outer(*eq.strategies))


def test_polytope_structure() -> None:
    poly = correlated_polytope(CHICKEN)
    assert poly.constraint_labels == (
        "Row: Chicken -> Dare", "Row: Dare -> Chicken", "Col: Chicken -> Dare", "Col: Dare -> Chicken"
    )
    assert poly.profile_labels == (
        ("Chicken", "Chicken"), ("Chicken", "Dare"), ("Dare", "Chicken"), ("Dare", "Dare")
    )
    # "Row: Chicken -> Dare": weight (7 - 6) on (C,C) and (0 - 2) on (C,D); zero elsewhere.
    assert poly.A_ub[0].tolist() == [1, -2, 0, 0]
    assert poly.A_ub.shape == (4, 4) and poly.A_eq.tolist() == [[1, 1, 1, 1]] and poly.b_eq.tolist() == [1]
    assert poly.exact


def test_objectives() -> None:
    # Row's best correlated equilibrium: Row's largest payoff in the game is 7 at (Dare, Chicken),
    # which is a pure Nash equilibrium, hence a correlated one; nothing else pays Row 7.
    best_row = correlated_equilibrium(CHICKEN, "player:Row")
    assert best_row.probabilities[("Dare", "Chicken")] == 1
    assert best_row.payoffs == (7, 2)
    assert correlated_equilibrium(CHICKEN, [1, 0]).payoffs == (7, 2)
    assert best_row.objective == "player:Row"
    assert correlated_equilibrium(CHICKEN, [0, 1]).payoffs == (2, 7)


def test_float_game_gives_floats() -> None:
    game = NormalFormGame.symmetric(np.array([[6.0, 2.0], [7.0, 0.0]]), actions=["Chicken", "Dare"])
    ce = correlated_equilibrium(game)
    assert not ce.exact
    assert ce.distribution == pytest.approx(np.array([[0.5, 0.25], [0.25, 0.0]]), abs=1e-9)
    assert ce.is_correlated_equilibrium()
    # exact=False on an exact game also gives floats
    assert not correlated_equilibrium(CHICKEN, exact=False).exact


def test_three_player_coordination() -> None:
    # Everyone gets 1 when all three match, else 0: the best correlated equilibrium is a pure
    # matched profile (welfare 3), the most the game can pay.
    payoffs = np.zeros((3, 2, 2, 2), dtype=int)
    payoffs[:, 0, 0, 0] = 1
    payoffs[:, 1, 1, 1] = 1
    game = NormalFormGame.from_array(payoffs)
    ce = correlated_equilibrium(game)
    assert ce.welfare == 3 and ce.exact
    assert set(ce.support) <= {("a1", "a1", "a1"), ("a2", "a2", "a2")}
    assert sum(ce.marginals()[0]) == 1


def test_views_and_rendering() -> None:
    ce = correlated_equilibrium(CHICKEN)
    assert ce["Chicken", "Dare"] == F(1, 4)
    assert ce.support == (("Chicken", "Chicken"), ("Chicken", "Dare"), ("Dare", "Chicken"))
    assert ce.marginals() == ((F(3, 4), F(1, 4)), (F(3, 4), F(1, 4)))
    text = ce.to_text()
    assert "welfare 21/2" in text and "Dare     Chicken  1/4" in text
    assert "| Row | Col | probability |" in ce.to_markdown()
    assert "<table>" in ce.to_html() and ce._repr_html_() == ce.to_html()
    with pytest.raises(ValueError, match="read-only"):
        ce.distribution[0, 0] = 0


def test_bad_input() -> None:
    poly = correlated_polytope(CHICKEN)
    with pytest.raises(ShapeError, match=r"expected shape \(2, 2\)"):
        poly.contains([[1, 0, 0], [0, 0, 0]])
    with pytest.raises(ProbabilityError, match="negative"):
        is_correlated_equilibrium(CHICKEN, [[F(3, 2), F(-1, 2)], [0, 0]])
    with pytest.raises(ProbabilityError, match="negative"):
        is_correlated_equilibrium(CHICKEN, [[1.5, -0.5], [0.0, 0.0]])
    with pytest.raises(ProbabilityError, match="sum"):
        is_correlated_equilibrium(CHICKEN, [[0.5, 0.0], [0.0, 0.0]])
    with pytest.raises(ProbabilityError, match="finite"):
        is_correlated_equilibrium(CHICKEN, [[float("nan"), 0.0], [0.0, 1.0]])
    with pytest.raises(UnknownNameError):
        is_correlated_equilibrium(CHICKEN, {("Chicken", "Swerve"): 1})
    with pytest.raises(UnknownNameError):
        correlated_equilibrium(CHICKEN, "utilitarian")
    with pytest.raises(UnknownNameError):
        correlated_equilibrium(CHICKEN, "player:Nobody")
    with pytest.raises(ShapeError):
        correlated_equilibrium(CHICKEN, [1, 2, 3])
    with pytest.raises(ValidationError):
        correlated_equilibrium(CHICKEN, [1, float("inf")])
    with pytest.raises(ValidationError, match="exact"):
        correlated_equilibrium(CHICKEN.with_names().affine_transform(0, 0.5), exact=True)
    with pytest.raises(ValidationError, match="rational weights"):
        correlated_equilibrium(CHICKEN, [0.5, 1], exact=True)
    # float weights on an exact game give a float answer by default
    assert not correlated_equilibrium(CHICKEN, [0.5, 1]).exact


# --------------------------------------------------------------------------- properties
@st.composite
def small_games(draw: st.DrawFn) -> NormalFormGame:
    n_players = draw(st.integers(2, 3))
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=n_players, max_size=n_players)))
    values = draw(st.lists(st.integers(-4, 4), min_size=n_players * int(np.prod(shape)),
                           max_size=n_players * int(np.prod(shape))))
    return NormalFormGame.from_array(np.array(values, dtype=int).reshape((n_players, *shape)))


@settings(max_examples=50, deadline=None)
@given(small_games())
def test_pure_nash_equilibria_are_correlated(game: NormalFormGame) -> None:
    poly = correlated_polytope(game)
    for eq in solve_pure(game):
        product = np.array(1, dtype=object)
        for strategy in eq.strategies:
            product = np.multiply.outer(product, np.array(strategy, dtype=object))
        assert poly.contains(product)


@settings(max_examples=50, deadline=None)
@given(small_games())
def test_welfare_maximum_beats_pure_equilibria(game: NormalFormGame) -> None:
    ce = correlated_equilibrium(game)
    assert ce.exact and ce.optimality_exact
    assert ce.is_correlated_equilibrium() and hand_check(game, ce.distribution)
    assert sum(ce.distribution.reshape(-1)) == 1 and all(p >= 0 for p in ce.distribution.reshape(-1))
    for eq in solve_pure(game):
        assert ce.welfare >= sum(eq.payoffs)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 3).flatmap(lambda m: st.integers(1, 3).flatmap(
    lambda n: st.lists(st.lists(st.integers(-4, 4), min_size=n, max_size=n), min_size=m, max_size=m))))
def test_zero_sum_correlated_payoff_is_the_value(A: list[list[int]]) -> None:
    # In a two-player zero-sum game every correlated equilibrium pays the row player the value
    # (each player can secure it by ignoring the signal), so the best and worst agree with the LP.
    game = NormalFormGame.zero_sum(A)
    value = zero_sum_solution(game).value
    assert correlated_equilibrium(game, [1, 0]).payoffs[0] == value
    assert correlated_equilibrium(game, [0, 1]).payoffs[0] == value
