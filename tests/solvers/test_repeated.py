"""Critical discount factors, subgame perfection, minmax and folk-theorem sets.

Every threshold below is derived by hand in the test (the library derives it
from the automaton's value equations) and the two are compared exactly.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from nea_games import NormalFormGame
from nea_games.errors import ParametricGameError, UnknownNameError, UnsupportedGameError, ValidationError
from nea_games.games._automata import Automaton
from nea_games.games.catalog import matching_pennies, prisoners_dilemma
from nea_games.games.repeated import RepeatedGame
from nea_games.solvers.repeated import (
    critical_discount,
    critical_discount_function,
    feasible_ir_set,
    is_subgame_perfect,
    minmax,
)

T, R, P, S = sympy.symbols("T R P S")
ORDER = [T > R, R > P, P > S]


def symbolic_pd() -> NormalFormGame:
    return NormalFormGame.symmetric([[R, S], [T, P]], actions=["C", "D"])


def pd_numbers(t: int, r: int, p: int, s: int) -> NormalFormGame:
    return NormalFormGame.symmetric([[r, s], [t, p]], actions=["C", "D"])


# --------------------------------------------------------------------- prisoner's dilemma
def test_grim_trigger_threshold_is_derived() -> None:
    # Cooperating forever gives R; defecting once gives (1-d) T + d P.
    # R >= (1-d)T + dP  <=>  d >= (T-R)/(T-P).
    found = RepeatedGame(symbolic_pd()).critical_discount("grim_trigger", assumptions=ORDER)
    assert sympy.simplify(found - (T - R) / (T - P)) == 0


def test_tit_for_tat_nash_threshold_is_axelrods() -> None:
    # Against TFT the best replies are: always C (R), always D ((1-d)T + dP) and alternate D, C
    # ((T + dS)/(1 + d)).  R beats both iff d >= (T-R)/(T-P) and d >= (T-R)/(R-S).
    found = critical_discount(RepeatedGame(symbolic_pd()), "tit_for_tat", assumptions=ORDER, concept="nash")
    expected = sympy.Max((T - R) / (T - P), (T - R) / (R - S))
    assert isinstance(found, sympy.Max) and len(found.args) == 2
    assert {sympy.simplify(a - b) == 0 for a in found.args for b in expected.args} == {True, False}
    rng = np.random.default_rng(1)
    f = sympy.lambdify((T, R, P, S), found)
    g = sympy.lambdify((T, R, P, S), expected)
    for _ in range(200):
        s_, p_, r_, t_ = np.sort(rng.uniform(-10, 10, 4))
        assert f(t_, r_, p_, s_) == pytest.approx(g(t_, r_, p_, s_))


def test_grim_trigger_nash_and_subgame_perfect_thresholds_coincide() -> None:
    # Nash reversion is a stage equilibrium, so off-path incentives never bind.
    game = RepeatedGame(pd_numbers(7, 4, 1, 0))  # (7-4)/(7-1) = 1/2
    assert game.critical_discount("grim_trigger") == sympy.Rational(1, 2)
    assert game.critical_discount("grim_trigger", concept="nash") == sympy.Rational(1, 2)
    assert game.subs(delta=Fraction(1, 2)).is_equilibrium("tit_for_tat", concept="nash") is False
    # TFT as Nash: max((7-4)/(7-1), (7-4)/(4-0)) = 3/4
    assert game.critical_discount("tit_for_tat", concept="nash") == sympy.Rational(3, 4)
    assert game.subs(delta=Fraction(3, 4)).is_equilibrium("tit_for_tat", concept="nash")


def test_tit_for_tat_is_subgame_perfect_only_on_a_knife_edge() -> None:
    # One-shot deviations: at (C,C) need d >= (T-R)/(R-S); at (D,C) d <= (T-R)/(R-S);
    # at (C,D) d >= (P-S)/(T-P); at (D,D) d <= (P-S)/(T-P).  So d = (T-R)/(R-S) = (P-S)/(T-P).
    edge = RepeatedGame(pd_numbers(5, 3, 2, 0))  # (5-3)/3 = 2/3 = (2-0)/(5-2)
    assert edge.critical_discount("tit_for_tat") == sympy.Rational(2, 3)
    assert edge.subs(delta=Fraction(2, 3)).is_equilibrium("tit_for_tat")
    assert not edge.subs(delta=Fraction(3, 4)).is_equilibrium("tit_for_tat")
    assert RepeatedGame(pd_numbers(5, 3, 1, 0)).critical_discount("tit_for_tat") == sympy.oo


def test_k_period_punishment_thresholds() -> None:
    # Defect once, then k periods of (D, D), then back to (C, C):
    #   (1-d) T + (d - d^(k+1)) P + d^(k+1) R  <=  R
    #   <=>  T + (d + ... + d^k) P <= (1 + d + ... + d^k) R.
    # k = 1:  T + dP <= R + dR  <=>  d >= (T-R)/(R-P).
    k1 = critical_discount(RepeatedGame(symbolic_pd()), "k_period_punishment", assumptions=ORDER, k=1)
    assert sympy.simplify(k1 - (T - R) / (R - P)) == 0
    assert RepeatedGame(pd_numbers(4, 3, 1, 0)).critical_discount("k_period_punishment", k=1) == Fraction(
        1, 2
    )
    # R=3, T=5, P=1: (5-3)/(3-1) = 1, so one period of punishment never deters.
    assert RepeatedGame(pd_numbers(5, 3, 1, 0)).critical_discount("k_period_punishment", k=1) == sympy.oo
    # k = 2 with T=4, R=3, P=1:  4 + d + d^2 <= 3 + 3d + 3d^2  <=>  2d^2 + 2d - 1 >= 0
    #   <=>  d >= (sqrt(3)-1)/2.
    k2 = RepeatedGame(pd_numbers(4, 3, 1, 0)).critical_discount("k_period_punishment", k=2)
    assert sympy.simplify(k2 - (sympy.sqrt(3) - 1) / 2) == 0
    # Longer punishments approach grim trigger's (T-R)/(T-P) = 1/3 from above.
    k5 = RepeatedGame(pd_numbers(4, 3, 1, 0)).critical_discount("k_period_punishment", k=5)
    assert sympy.Rational(1, 3) < k5 < k2


def test_two_period_punishment_closed_form_from_a_quadratic() -> None:
    # k = 2:  T + dP + d^2 P <= R (1 + d + d^2)  <=>  (R-P) d^2 + (R-P) d - (T-R) >= 0,
    # so d* is the positive root  (-(R-P) + sqrt((R-P)^2 + 4 (R-P)(T-R))) / (2 (R-P)).
    found = critical_discount(RepeatedGame(symbolic_pd()), "k_period_punishment", assumptions=ORDER, k=2)
    expected = (-(R - P) + sympy.sqrt((R - P) ** 2 + 4 * (R - P) * (T - R))) / (2 * (R - P))
    f, g = sympy.lambdify((T, R, P), found), sympy.lambdify((T, R, P), expected)
    rng = np.random.default_rng(2)
    for _ in range(100):
        p_, r_, t_ = np.sort(rng.uniform(-10, 10, 3))
        assert f(t_, r_, p_) == pytest.approx(g(t_, r_, p_))
    assert sympy.simplify(found.subs({T: 4, R: 3, P: 1}) - (sympy.sqrt(3) - 1) / 2) == 0


def test_stick_and_carrot_uses_the_harshest_profile() -> None:
    # A third action P makes mutual punishment (P, P) harsher than the stage Nash equilibrium (D, D).
    g = NormalFormGame.symmetric([[3, 0, -3], [4, 1, -2], [0, 0, -3]], actions=["C", "D", "P"])
    game = RepeatedGame(g)
    assert game.strategy("stick_and_carrot").actions["punish 1"] == ("P", "P")
    assert game.strategy("k_period_punishment").actions["punish 1"] == ("D", "D")
    # Stick value: V_s = (1-d)(-3) + 3d = 6d - 3.
    # At C: (1-d)4 + d V_s <= 3  <=>  6d^2 - 7d + 1 <= 0  <=>  (6d - 1)(d - 1) <= 0  <=>  d >= 1/6.
    # At the stick: D pays -2 and restarts it: (1-d)(-2) + d V_s <= V_s
    #   <=>  (1-d)(1 - 6d) <= 0  <=>  d >= 1/6.
    assert game.critical_discount("stick_and_carrot") == sympy.Rational(1, 6)
    # One period of Nash reversion instead: (1-d)4 + d[(1-d)1 + 3d] <= 3  <=>  (2d - 1)(d - 1) <= 0.
    assert game.critical_discount("k_period_punishment", k=1) == sympy.Rational(1, 2)


def test_grim_trigger_is_equilibrium_agrees_with_threshold_and_floats() -> None:
    pd = prisoners_dilemma()  # T=5 R=3 P=1: d* = 1/2
    assert RepeatedGame(pd, Fraction(1, 2)).is_equilibrium("grim_trigger")
    assert not RepeatedGame(pd, Fraction(49, 100)).is_equilibrium("grim_trigger")
    floats = NormalFormGame.symmetric([[3.0, 0.0], [5.0, 1.0]], actions=["C", "D"])
    assert RepeatedGame(floats, 0.5).is_equilibrium("grim_trigger")
    assert not RepeatedGame(floats, 0.4999).is_equilibrium("grim_trigger")
    assert RepeatedGame(floats).critical_discount("grim_trigger") == pytest.approx(0.5)


def test_cooperative_profile_by_name() -> None:
    pd = prisoners_dilemma()
    game = RepeatedGame(pd)
    assert game.critical_discount("grim_trigger", cooperative="Cooperate") == Fraction(1, 2)
    # sustaining (Defect, Defect) needs no patience at all
    assert game.critical_discount("grim_trigger", ("Defect", "Defect")) == 0
    with pytest.raises(UnknownNameError, match="did you mean 'Cooperate'"):
        game.critical_discount("grim_trigger", cooperative="Cooperat")


def test_user_defined_automaton() -> None:
    # "Two strikes": tolerate one defection, punish forever after the second.
    pd = pd_numbers(5, 3, 1, 0)
    auto = Automaton(
        ("c0", "c1", "p"),
        "c0",
        {"c0": ("C", "C"), "c1": ("C", "C"), "p": ("D", "D")},
        {("c0", ("C", "C")): "c0", ("c1", ("C", "C")): "c1"},
        {"c0": "c1", "c1": "p"},
    )
    # In c0 the first defection is free: T + d R (1-d)... = (1-d)5 + d*3 <= 3 is false for every d < 1.
    assert RepeatedGame(pd).critical_discount(auto) == sympy.oo
    assert not RepeatedGame(pd, Fraction(99, 100)).is_equilibrium(auto)


# --------------------------------------------------------------------- n-player public goods
@pytest.mark.parametrize("n", [3, 4])
def test_public_goods_grim_trigger_threshold(n: int) -> None:
    # V_i = e(1 - x_i) + (m/N) e sum_j x_j.  All contribute: m e.  Best deviation: e + m e (N-1)/N.
    # Nash reversion: e.  (1-d)(e + me(N-1)/N) + d e <= m e  <=>  d >= (N - m) / (m (N - 1)).
    m, e = sympy.symbols("m e", positive=True)
    players = [f"P{i}" for i in range(n)]
    payoffs = {}
    for profile in itertools.product(["C", "D"], repeat=n):
        total = sum(1 for a in profile if a == "C")
        payoffs[profile] = tuple(e * (0 if a == "C" else 1) + m / n * e * total for a in profile)
    stage = NormalFormGame(players, [["C", "D"]] * n, payoffs)
    found = RepeatedGame(stage).critical_discount("grim_trigger", assumptions=[m > 1, m < n])
    assert sympy.simplify(found - (n - m) / (m * (n - 1))) == 0


# --------------------------------------------------------------------- properties
@st.composite
def stage_with_nash(draw: st.DrawFn) -> tuple[NormalFormGame, tuple[int, int]]:
    entries = draw(st.lists(st.integers(-5, 5), min_size=8, max_size=8))
    game = NormalFormGame.from_array(np.array(entries, dtype=object).reshape(2, 2, 2))
    a, b = np.array(entries).reshape(2, 2, 2)
    nash = [(r, c) for r in range(2) for c in range(2) if a[r, c] >= a[1 - r, c] and b[r, c] >= b[r, 1 - c]]
    from hypothesis import assume

    assume(nash)
    return game, nash[0]


@settings(max_examples=30)
@given(stage_with_nash(), st.fractions(min_value=Fraction(1, 50), max_value=Fraction(49, 50)))
def test_is_equilibrium_agrees_with_the_threshold(
    data: tuple[NormalFormGame, tuple[int, int]], d: Fraction
) -> None:
    game, (pr, pc) = data
    u = game.payoffs
    coop, pun = (0, 0), (pr, pc)
    punishment = (game.actions[0][pr], game.actions[1][pc])
    # independent derivation: only the cooperative state can bind (the punishment is a stage NE)
    best = (max(u[0, 0, 0], u[0, 1, 0]), max(u[1, 0, 0], u[1, 0, 1]))
    expected = all((1 - d) * best[i] + d * u[(i, *pun)] <= u[(i, *coop)] for i in range(2))
    repeated = RepeatedGame(game, d)
    assert repeated.is_equilibrium("grim_trigger", punishment=punishment) == expected
    if all(u[(i, *pun)] <= u[(i, *coop)] for i in range(2)):  # the sustainable set is [d*, 1)
        threshold = repeated.critical_discount("grim_trigger", punishment=punishment)
        assert (d >= threshold) == expected


@settings(max_examples=30)
@given(st.lists(st.integers(-6, 6), min_size=12, max_size=12))
def test_minmax_against_brute_force(entries: list[int]) -> None:
    game = NormalFormGame.from_array(np.array(entries, dtype=object).reshape(2, 2, 3))
    u1 = np.array(entries).reshape(2, 2, 3)[0]  # row player: 2 actions; column: 3
    assert minmax(game, 0) == min(max(u1[:, j]) for j in range(3))
    u2 = np.array(entries).reshape(2, 2, 3)[1]
    assert minmax(game, 1) == min(max(u2[i, :]) for i in range(2))
    # mixed minmax of player 2 (the row player punishes with q on its first action): the
    # minimum of a maximum of lines in q is attained at 0, 1 or a crossing of two lines.
    lines = [(Fraction(int(u2[0, j] - u2[1, j])), Fraction(int(u2[1, j]))) for j in range(3)]
    candidates = {Fraction(0), Fraction(1)}
    for (a1, b1), (a2, b2) in itertools.combinations(lines, 2):
        if a1 != a2 and 0 <= (b2 - b1) / (a1 - a2) <= 1:
            candidates.add((b2 - b1) / (a1 - a2))
    expected = min(max(a * q + b for a, b in lines) for q in candidates)
    assert minmax(game, 1, mixed=True) == expected


def test_three_player_minmax_correlated_is_a_lower_bound() -> None:
    rng = np.random.default_rng(3)
    game = NormalFormGame.from_array(rng.integers(-5, 6, size=(3, 2, 2, 2)).astype(object))
    for i in range(3):
        assert minmax(game, i, mixed=True) <= minmax(game, i)


def test_feasible_ir_set_of_the_prisoners_dilemma() -> None:
    s = feasible_ir_set(prisoners_dilemma())
    assert set(s.feasible) == {(1, 1), (5, 0), (3, 3), (0, 5)}
    # clipping the edge (5,0)-(3,3) at u2 = 1 gives u1 = 13/3
    assert set(s.individually_rational) == {(1, 1), (Fraction(13, 3), 1), (3, 3), (1, Fraction(13, 3))}
    assert feasible_ir_set(matching_pennies()).individually_rational == ((0, 0),)
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    assert isinstance(s.plot(), Figure)
    with pytest.raises(UnsupportedGameError):
        feasible_ir_set(NormalFormGame.from_array(np.zeros((3, 2, 2, 2), dtype=int)))


def test_critical_discount_function_vectorises() -> None:
    f = critical_discount_function(RepeatedGame(symbolic_pd()), "grim_trigger", assumptions=ORDER)
    rng = np.random.default_rng(0)
    p = rng.uniform(0, 1, 10**5)
    r = p + rng.uniform(0.1, 1, p.size)
    t = r + rng.uniform(0.1, 1, p.size)
    np.testing.assert_allclose(f(P=p, R=r, T=t), (t - r) / (t - p))
    assert f.parameters == (P, R, T)


# --------------------------------------------------------------------- bad input
def test_unknown_strategy_name() -> None:
    with pytest.raises(UnknownNameError, match="did you mean 'tit_for_tat'"):
        RepeatedGame(prisoners_dilemma()).critical_discount("tit_for_tap")


def test_parametric_games_need_values_to_check_equilibrium() -> None:
    with pytest.raises(ParametricGameError):
        RepeatedGame(prisoners_dilemma()).is_equilibrium("grim_trigger")
    with pytest.raises(ParametricGameError):
        is_subgame_perfect(RepeatedGame(symbolic_pd(), Fraction(1, 2)), "grim_trigger")


def test_undecidable_signs_ask_for_assumptions() -> None:
    with pytest.raises(ValidationError, match="assumptions"):
        RepeatedGame(symbolic_pd()).critical_discount("grim_trigger", punishment=("D", "D"))


def test_no_pure_nash_needs_an_explicit_punishment() -> None:
    with pytest.raises(ValidationError, match="punishment="):
        RepeatedGame(matching_pennies()).critical_discount("grim_trigger")


def test_delta_only_factor_of_a_parametric_gain_is_a_bound() -> None:
    # The PD scaled by e > 0: every gain is e·(a numeric function of delta), so the threshold is
    # that of T, R, P = 5, 3, 1: (T - R)/(T - P) = 1/2. A fact about delta itself is ignored by
    # the sign sampler (it says nothing about e).
    e = sympy.Symbol("e")
    pd = NormalFormGame.symmetric([[3 * e, 0], [5 * e, e]], actions=["C", "D"])
    facts = [e > 0, sympy.Symbol("delta") < 1]
    assert RepeatedGame(pd).critical_discount("grim_trigger", assumptions=facts) == sympy.Rational(1, 2)


def test_sign_changing_near_zero_is_not_missed() -> None:
    # T - R = 1/1000 - x changes sign at x = 1/1000, far below the sampler's usual values: the
    # threshold must still be (T - R)/(T - P) = (1/1000 - x)/(2001/1000 - x) for small x.
    x = sympy.Symbol("x")
    game = NormalFormGame.symmetric([[3, 0], [3 + sympy.Rational(1, 1000) - x, 1]], actions=["C", "D"])
    value = RepeatedGame(game).critical_discount("grim_trigger", assumptions=[x >= 0, x < 2])
    assert sympy.sympify(value).subs(x, sympy.Rational(1, 2000)) == sympy.Rational(1, 4001)


def test_assumptions_satisfied_only_by_small_values_are_sampled() -> None:
    # 3(a + b) < 1 holds for almost no draw of order 1 or more; smaller draws satisfy it.
    a, b = sympy.symbols("a b")
    game = NormalFormGame.symmetric([[3 - a, -a], [5 - b, 1 - b]], actions=["C", "D"])
    facts = [a >= 0, b >= 0, 3 * a + 3 * b < 1]
    value = RepeatedGame(game).critical_discount("grim_trigger", assumptions=facts)
    # T - R = 2 + a - b and T - P = 4 for both players: delta* = (2 + a - b)/4
    assert sympy.simplify(value - (2 + a - b) / 4) == 0


def test_delta_only_factor_of_higher_degree_with_one_crossing() -> None:
    # Two periods of punishment in the PD scaled by e > 0: T - R <= (R - P)(delta + delta^2), i.e.
    # 2e <= 2e(delta + delta^2), holds iff delta >= (sqrt(5) - 1)/2 (the golden ratio's inverse).
    e = sympy.Symbol("e")
    pd = NormalFormGame.symmetric([[3 * e, 0], [5 * e, e]], actions=["C", "D"])
    value = RepeatedGame(pd).critical_discount("k_period_punishment", k=2, assumptions=[e > 0])
    assert sympy.simplify(value - (sympy.sqrt(5) - 1) / 2) == 0
    below = (sympy.sqrt(5) - 1) / 2 - sympy.Rational(1, 100)
    assert not bool((below + below**2) >= 1) and bool(((value + value**2) - 1).equals(0))
