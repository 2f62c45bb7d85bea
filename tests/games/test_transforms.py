"""Relative-gains transformation (Grieco 1988; Snidal 1991): U_i = V_i - sum_j w_ij V_j."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from nea_games import NormalFormGame
from nea_games.errors import PayoffTypeError, ShapeError, UnknownNameError, ValidationError
from nea_games.games.transforms import relative_gains, weight_matrix

T, R, P, S, rho = sympy.symbols("T R P S rho")


def _pd(t=5, r=3, p=1, s=0):
    return NormalFormGame.symmetric([[r, s], [t, p]], actions=["C", "D"], players=["US", "CHN"])


def test_grieco_pd_by_hand():
    # Derived by hand: U_i = V_i - rho V_j, so R' = (1-rho) R, T' = T - rho S,
    # S' = S - rho T, P' = (1-rho) P.
    g = relative_gains(NormalFormGame.symmetric([[R, S], [T, P]], actions=["C", "D"]), rho)
    assert g.payoff(("C", "C")) == (sympy.expand((1 - rho) * R), sympy.expand((1 - rho) * R))
    assert g.payoff(("D", "C")) == (sympy.expand(T - rho * S), sympy.expand(S - rho * T))
    assert g.payoff(("C", "D")) == (sympy.expand(S - rho * T), sympy.expand(T - rho * S))
    assert g.payoff(("D", "D")) == (sympy.expand((1 - rho) * P), sympy.expand((1 - rho) * P))
    assert g.parameters == (P, R, S, T, rho)


def test_exact_game_stays_exact_and_names_are_kept():
    g = relative_gains(_pd(), Fraction(1, 2))
    assert g.is_exact
    assert g.players == ("US", "CHN") and g.actions == (("C", "D"), ("C", "D"))
    assert g.payoff(("D", "C")) == (Fraction(5), Fraction(-5, 2))


def test_weight_forms_agree():
    pd = _pd()
    by_scalar = relative_gains(pd, Fraction(1, 3))
    by_matrix = relative_gains(pd, [[0, Fraction(1, 3)], [Fraction(1, 3), 0]])
    by_mapping = relative_gains(pd, {("US", "CHN"): Fraction(1, 3), (1, 0): Fraction(1, 3)})
    assert by_scalar == by_matrix == by_mapping


def test_asymmetric_mapping_and_missing_pairs_weigh_zero():
    g = relative_gains(_pd(), {("US", "CHN"): 1})
    assert g.payoff(("C", "D")) == (Fraction(-5), Fraction(5))


def test_zero_weights_are_identity():
    pd = _pd()
    assert relative_gains(pd, 0) == pd


def test_three_players_matrix():
    rng = np.random.default_rng(0)
    array = rng.integers(-5, 6, size=(3, 2, 2, 2))
    g = NormalFormGame.from_array(array)
    w = [[0, 1, 2], [0, 0, 1], [3, 0, 0]]
    u = relative_gains(g, w)
    for profile in g.profiles():
        v = g.payoff(profile)
        expected = tuple(v[i] - sum(w[i][j] * v[j] for j in range(3) if j != i) for i in range(3))
        assert u.payoff(profile) == expected


@pytest.mark.parametrize(
    ("weights", "error"),
    [
        ([[1, 0], [0, 0]], ValidationError),
        ([[0, 1, 0], [1, 0, 0]], ShapeError),
        ({("US", "US"): 1}, ValidationError),
        ({("US", "ROK"): 1}, UnknownNameError),
        ({"US": 1}, ValidationError),
        ("heavy", PayoffTypeError),
        (float("nan"), ValidationError),
    ],
)
def test_invalid_weights(weights, error):
    with pytest.raises(error):
        relative_gains(_pd(), weights)


def test_not_a_game():
    with pytest.raises(ValidationError):
        relative_gains([[1, 2]], 1)  # type: ignore[arg-type]


def test_weight_matrix_scalar():
    w = weight_matrix(rho, ["a", "b", "c"])
    assert w[0, 0] == 0 and w[0, 2] == rho and w[2, 1] == rho


@settings(max_examples=40)
@given(
    st.lists(st.integers(-9, 9), min_size=8, max_size=8),
    st.fractions(min_value=0, max_value=2, max_denominator=10),
)
def test_property_symbolic_then_substitute_equals_numeric(entries, w):
    """Transform with a symbolic weight then substitute = transform with the number."""
    g = NormalFormGame.from_array(np.array(entries).reshape(2, 2, 2))
    symbolic = relative_gains(g, rho)
    if rho in symbolic.parameters:  # an all-zero game has no parameter left
        symbolic = symbolic.subs(rho=sympy.Rational(w.numerator, w.denominator))
    assert symbolic == relative_gains(g, w)
