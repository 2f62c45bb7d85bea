"""Exact equilibrium conditions and critical values (nea_games.analysis.conditions).

Every closed form below is derived by hand in the test, independently of the library.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import nea_games
from nea_games import ExtensiveFormGame, NormalFormGame
from nea_games.analysis import Condition, CriticalValue, conditions, critical_value
from nea_games.errors import (
    ProbabilityError,
    ShapeError,
    UnknownNameError,
    UnsupportedGameError,
    ValidationError,
)
from nea_games.games.public_goods import public_goods_game
from nea_games.games.transforms import relative_gains

T, R, P, S = sympy.symbols("T R P S")
rho = sympy.Symbol("rho", nonnegative=True)
M, e = sympy.symbols("M e", positive=True)
delta = sympy.Symbol("delta", positive=True)
ORDER = [T > R, R > P, P > S]
PD = NormalFormGame.symmetric([[R, S], [T, P]], actions=["C", "D"])


# ------------------------------------------------------------------ normal form
def test_pd_cooperation_is_never_and_defection_always_an_equilibrium():
    assert conditions(PD, ("C", "C"), assumptions=ORDER).is_false
    assert conditions(PD, ("D", "D"), assumptions=ORDER).is_true
    assert conditions(PD, (0, 0), assumptions=ORDER).expr is sympy.false  # positions work too


def test_without_assumptions_conditions_are_the_deviation_inequalities():
    # (C, C): R >= T for both players (symmetric, so one relation); (C, D): S >= P and T >= R.
    assert conditions(PD, ("C", "C")).expr == sympy.Ge(R, T)
    assert conditions(PD, ("C", "D")).expr == sympy.And(sympy.Ge(S, P), sympy.Ge(T, R))


def test_stag_hunt_condition_in_one_parameter():
    a = sympy.Symbol("a", positive=True)
    stag = NormalFormGame.symmetric([[a, 0], [3, 3]], actions=["Stag", "Hare"])
    cond = conditions(stag, ("Stag", "Stag"))
    assert cond.expr == sympy.Ge(a, 3)
    assert cond.holds_at(a=3) and not cond.holds_at(a=Fraction(29, 10))
    assert conditions(stag, ("Hare", "Hare")).is_true  # 3 >= 0 always


def test_positive_factors_are_divided_out():
    g = public_goods_game(4, M, e)
    assert conditions(g, ("C",) * 4).expr == sympy.Ge(M, 4)
    assert conditions(g, ("D",) * 4).expr == sympy.Le(M, 4)


@pytest.mark.parametrize("n", [2, 3, 5])
def test_public_goods_defection_dominant_when_m_below_n(n):
    # Own switch C -> D gains e - M e / n, positive iff M < n.
    g = public_goods_game(n, M, e)
    assert conditions(g, ("D",) * n, assumptions=[M > 1, sympy.Lt(M, n)]).is_true
    assert conditions(g, ("C",) * n, assumptions=[M > 1, sympy.Lt(M, n)]).is_false
    mixed_profile = ("C",) + ("D",) * (n - 1)
    assert conditions(g, mixed_profile, assumptions=[sympy.Lt(M, n)]).is_false


def test_mixed_profile_with_symbolic_probability():
    p = sympy.Symbol("p")
    pennies = NormalFormGame.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    half = sympy.Rational(1, 2)
    # Column mixes 1/2: the row player is indifferent, so any p in [0, 1] is a best response;
    # the column player is indifferent only when p = 1/2.
    cond = conditions(pennies, ({"a1": p, "a2": 1 - p}, [half, half]))
    assert cond.holds_at(p=half)
    assert not cond.holds_at(p=Fraction(1, 3))
    assert conditions(pennies, ([half, half], [half, half])).is_true


def test_grieco_pd_stage_conditions():
    # U_i = V_i - rho V_j: (C, C) needs (1 - rho) R >= T - rho S, i.e. R - T >= rho (R - S),
    # impossible under T > R > S and rho >= 0; (D, D) needs (1 - rho) P >= S - rho T, i.e.
    # P - S + rho (T - P) >= 0: always.
    g = relative_gains(PD, rho)
    assert conditions(g, ("C", "C"), assumptions=ORDER).is_false
    assert conditions(g, ("D", "D"), assumptions=ORDER).is_true


# ------------------------------------------------------------------ critical values
def _grim_trigger(cc, dc, dd):
    """Grim trigger, derived by hand: cc/(1-d) >= dc + d dd/(1-d)."""
    return sympy.Ge(cc / (1 - delta), dc + delta * dd / (1 - delta))


def test_critical_value_pd_grim_trigger():
    cv = critical_value(_grim_trigger(R, T, P), delta, assumptions=[*ORDER, delta < 1])
    assert isinstance(cv, CriticalValue)
    assert cv.direction == ">="
    assert sympy.simplify(cv.threshold - (T - R) / (T - P)) == 0
    assert cv.interval == sympy.Interval(cv.threshold, sympy.oo)


def test_critical_value_public_goods_grim_trigger():
    # Everyone contributing gives M e; a lone defector gets e + M e (N-1)/N; all defect gives e.
    # delta* = (T - R)/(T - P) = (e - M e / N)/(M e (N - 1)/N) = (N - M)/(M (N - 1)).
    n = sympy.Symbol("N", positive=True)
    for size in (3, 6):
        g = public_goods_game(size, M, e)
        cc = g.payoff(("C",) * size)[0]
        dc = g.payoff(("D",) + ("C",) * (size - 1))[0]
        dd = g.payoff(("D",) * size)[0]
        cv = critical_value(
            _grim_trigger(cc, dc, dd), "delta", assumptions=[M > 1, sympy.Lt(M, size), delta < 1]
        )
        expected = ((n - M) / (M * (n - 1))).subs(n, size)
        assert sympy.simplify(cv.threshold - expected) == 0


def test_critical_value_grieco_pd():
    # Hand derivation: R' = (1-rho) R, T' = T - rho S, P' = (1-rho) P, so
    # delta* = (T' - R')/(T' - P') = (T - R + rho (R - S)) / (T - P + rho (P - S)).
    g = relative_gains(PD, rho)
    cc, dc, dd = g.payoff(("C", "C"))[0], g.payoff(("D", "C"))[0], g.payoff(("D", "D"))[0]
    cv = critical_value(_grim_trigger(cc, dc, dd), delta, assumptions=[*ORDER, delta < 1])
    expected = (T - R + rho * (R - S)) / (T - P + rho * (P - S))
    assert sympy.simplify(cv.threshold - expected) == 0
    assert cv.direction == ">="


def test_critical_value_upper_bound_and_max_of_bounds():
    x = sympy.Symbol("x")
    cv = critical_value(sympy.And(3 - x > 0, 2 * x < 8), x)
    assert (cv.threshold, cv.direction) == (3, "<")
    both = critical_value(sympy.And(x >= T, x >= R), x)
    assert both.threshold == sympy.Max(T, R)


def test_critical_value_errors():
    x, y = sympy.symbols("x y")
    with pytest.raises(ValidationError, match="not linear"):
        critical_value(x**2 >= 1, x)
    with pytest.raises(ValidationError, match="both sides"):
        critical_value(sympy.And(x >= 0, x <= 1), x)
    with pytest.raises(ValidationError, match="sign"):
        critical_value(y * x >= 1, x)
    with pytest.raises(ValidationError, match="does not involve"):
        critical_value(y >= 1, x)
    with pytest.raises(ValidationError, match="inequalities"):
        critical_value(sympy.Or(x >= 0, y >= 0), x)
    with pytest.raises(UnknownNameError):
        critical_value(x >= 1, "z")


# ------------------------------------------------------------------ repeated games
def test_repeated_game_grim_trigger_against_closed_forms():
    from nea_games.games.repeated import RepeatedGame

    cond = conditions(RepeatedGame(PD), "grim_trigger", assumptions=ORDER)
    cv = critical_value(cond, "delta")
    assert sympy.simplify(cv.threshold - (T - R) / (T - P)) == 0
    # N-player public goods: (N - M)/(M (N - 1))
    size = 4
    club = RepeatedGame(public_goods_game(size, M, e))
    cv = critical_value(conditions(club, "grim_trigger", assumptions=[M > 1, sympy.Lt(M, size)]), "delta")
    assert sympy.simplify(cv.threshold - (size - M) / (M * (size - 1))) == 0
    # Grieco-transformed PD
    grieco = RepeatedGame(relative_gains(PD, rho))
    cv = critical_value(conditions(grieco, "grim_trigger", assumptions=ORDER), "delta")
    expected = (T - R + rho * (R - S)) / (T - P + rho * (P - S))
    assert sympy.simplify(cv.threshold - expected) == 0


def test_repeated_game_numeric_discount():
    from nea_games.games.repeated import RepeatedGame

    pd = PD.subs(T=5, R=3, P=1, S=0)
    assert conditions(RepeatedGame(pd, sympy.Rational(3, 5)), "grim_trigger").is_true
    assert conditions(RepeatedGame(pd, sympy.Rational(2, 5)), "grim_trigger").is_false


# ------------------------------------------------------------------ trees
def test_tree_subgame_perfect_condition():
    q = sympy.Symbol("q")
    game = ExtensiveFormGame(
        ["China"],
        (
            "China",
            {"Shield": (-3,), "Pressure": ("chance", {"Collapse": (q, (-10,)), "Survive": (1 - q, (0,))})},
        ),
    )
    # Pressure pays -10 q, shield -3: pressure iff q <= 3/10.
    assert conditions(game, {"(root)": "Pressure"}).expr == sympy.Le(q, sympy.Rational(3, 10))
    assert conditions(game, ("Pressure",), concept="nash").expr == sympy.Le(q, sympy.Rational(3, 10))
    with pytest.raises(UnknownNameError):
        conditions(game, {"root": "Pressure"})
    with pytest.raises(ValidationError):
        conditions(game, ("Pressure",))


# ------------------------------------------------------------------ rendering and validation
def test_condition_rendering():
    cond = conditions(NormalFormGame.symmetric([[R, S], [T, P]], actions=["C", "D"]), ("C", "C"))
    assert isinstance(cond, Condition)
    assert cond.text() == "R >= T"
    assert cond.latex() == r"R \geq T"
    assert cond._repr_latex_() == r"$R \geq T$"
    assert str(cond) == "(C, C) is a Nash equilibrium: R >= T"
    assert cond.free_symbols == {R, T}
    with pytest.raises(ValidationError):
        cond.holds_at(R=1)
    cv = critical_value(_grim_trigger(R, T, P), delta, assumptions=[*ORDER, delta < 1])
    assert cv.text().startswith("delta ≥ ")
    assert cv.latex().startswith(r"\delta \geq")
    assert cv.as_condition().holds_at(delta=Fraction(99, 100), T=5, R=3, P=1)


@pytest.mark.parametrize(
    ("profile", "error"),
    [
        (("C",), ShapeError),
        (("C", "X"), UnknownNameError),
        (([Fraction(1, 2), Fraction(1, 3)], "C"), ProbabilityError),
        (([2, -1], "C"), ProbabilityError),
        (("C", object()), ShapeError),
        ("CC", ShapeError),
    ],
)
def test_invalid_profiles(profile, error):
    with pytest.raises(error):
        conditions(PD, profile)


def test_unsupported_game_and_bad_options():
    with pytest.raises(UnsupportedGameError):
        conditions("not a game", ("C", "C"))
    with pytest.raises(ValidationError):
        conditions(PD, ("C", "C"), concept="perfect")
    with pytest.raises(ValidationError):
        conditions(PD, ("C", "C"), assumptions=[T])
    with pytest.raises(ValidationError):
        conditions(PD, ("C", "C"), cooperative=("C", "C"))


# ------------------------------------------------------------------ property: agreement with the solver
a, b = sympy.symbols("a b")
_coefficients = st.tuples(st.integers(-3, 3), st.integers(-2, 2), st.integers(-2, 2))
_values = st.fractions(min_value=-4, max_value=4, max_denominator=4)


@settings(max_examples=15)
@given(
    st.lists(_coefficients, min_size=8, max_size=8),
    st.lists(st.tuples(_values, _values), min_size=4, max_size=4),
)
def test_property_conditions_agree_with_pure_solver(entries, points):
    """At random points, the condition holds iff solve(..., method="pure") lists the profile."""
    payoffs = [c0 + c1 * a + c2 * b for c0, c1, c2 in entries]
    game = NormalFormGame.from_array(sympy.Array(payoffs).reshape(2, 2, 2).tolist())
    conds = {profile: conditions(game, profile) for profile in game.profiles()}
    for va, vb in points:
        values = {
            "a": sympy.Rational(va.numerator, va.denominator),
            "b": sympy.Rational(vb.numerator, vb.denominator),
        }
        values = {k: v for k, v in values.items() if sympy.Symbol(k) in game.parameters}
        concrete = game.subs(values) if values else game
        found = {eq.pure_profile for eq in nea_games.solve(concrete, method="pure")}
        for profile, cond in conds.items():
            point = {k: v for k, v in values.items() if sympy.Symbol(k) in cond.free_symbols}
            assert cond.holds_at(point) == (profile in found), (profile, cond, values)


def test_float_games_compare_within_tolerance():
    # 0.1 + 0.2 != 0.3 in binary floating point; the solvers treat them as equal and so must conditions.
    g = NormalFormGame.bimatrix([[0.1 + 0.2, 0.0], [0.3, 0.0]], [[1.0, 0.0], [1.0, 0.0]])
    found = {eq.pure_profile for eq in nea_games.solve(g, method="pure")}
    for profile in g.profiles():
        assert conditions(g, profile).is_true == (profile in found)


def test_tree_information_sets_left_out_are_unconstrained():
    a = sympy.Symbol("a")
    tree = ExtensiveFormGame(["A", "B"], ("A", {"L": (1, 1), "R": ("B", {"l": (0, 0), "r": (a, 0)})}))
    # B is indifferent, so both replies are optimal; A plays R iff a >= 1 when B answers r.
    assert conditions(tree, {"(root)": "R", "R": "r"}).expr == sympy.Ge(a, 1)
    assert conditions(tree, {"(root)": "R", "R": "l"}).is_false
    assert conditions(tree, {"(root)": "R"}).expr == sympy.Ge(a, 1)
    assert conditions(tree, {"(root)": "L"}).is_true  # e.g. with B answering l
    assert conditions(tree, {"(root)": "R", "R": "r"}, assumptions=[a > 1]).is_true


@settings(max_examples=20)
@given(st.lists(st.integers(-5, 5), min_size=8, max_size=8))
def test_property_every_solver_equilibrium_satisfies_its_condition(entries):
    """Mixed equilibria found by the exact default solver satisfy conditions(...) exactly."""
    game = NormalFormGame.from_array(sympy.Array(entries).reshape(2, 2, 2).tolist())
    for eq in nea_games.solve(game):
        assert conditions(game, [eq[p] for p in game.players]).is_true


def test_multilinear_sign_on_the_box_of_the_domains() -> None:
    # -15 M r + 5 M + 18 r = 5 M (1 - 3 r) + 18 r > 0 when 3 r < 1 and M > 1: the slack
    # substitutions cannot see it, the corners of (1, 6) x [0, 1/3) can (values 5, 30, 6, 6).
    from nea_games.analysis._conditions_simplify import Assumptions

    m, r, d = sympy.Symbol("M"), sympy.Symbol("r", nonnegative=True), sympy.Symbol("d", positive=True)
    facts = Assumptions([m > 1, m < 6, 3 * r < 1, d < 1])
    expr = -15 * m * r + 5 * m + 18 * r
    assert facts.decide(expr > 0) is sympy.true
    assert facts.decide(expr < 0) is sympy.false
    # -15 M d - 3 M + 18 d vanishes only at the excluded corner (M, d) = (1, 1): negative on the domain
    assert facts.decide(-15 * m * d - 3 * m + 18 * d < 0) is sympy.true
    closed = Assumptions([m >= 1, m < 6, d > 0, d <= 1])
    assert closed.decide(-15 * m * d - 3 * m + 18 * d <= 0) is sympy.true
    assert closed.decide(-15 * m * d - 3 * m + 18 * d < 0) is not sympy.true  # 0 at (1, 1)
    # r alone is non-negative but may be 0: not decided positive
    assert facts.decide(r > 0) is not sympy.true


def test_sign_from_an_affine_function_of_one_assumption() -> None:
    # 6 phi r - 5 = -2 (1 - 3 phi r) - 3 < 0 under 3 phi r < 1 (bilinear: no slack, no bounded box)
    from nea_games.analysis._conditions_simplify import Assumptions

    phi, r = sympy.Symbol("phi"), sympy.Symbol("r", nonnegative=True)
    facts = Assumptions([phi >= 0, phi <= 1, 3 * phi * r < 1])
    assert facts.decide(6 * phi * r - 5 < 0) is sympy.true
    assert facts.decide(5 - 6 * phi * r > 0) is sympy.true
    assert facts.decide(6 * phi * r - 1 < 0) is not sympy.true  # can be positive (phi r near 1/3)


def test_critical_value_of_a_condition_that_always_or_never_holds() -> None:
    d = sympy.Symbol("delta")
    always = critical_value(sympy.true, d)
    assert (always.threshold, always.direction, always.interval) == (-sympy.oo, ">=", sympy.Reals)
    never = critical_value(Condition(sympy.false), "delta")
    assert never.threshold == sympy.oo and never.interval == sympy.S.EmptySet


@settings(max_examples=60, deadline=None)
@given(
    coefficients=st.lists(st.integers(-5, 5), min_size=4, max_size=4),
    x_value=st.fractions(min_value=0, max_value=1).filter(lambda v: 0 < v < 1),
    y_value=st.fractions(min_value=0, max_value=2),
)
def test_box_and_affine_decisions_are_sound(
    coefficients: list[int], x_value: Fraction, y_value: Fraction
) -> None:
    # Whatever decide() says about c0 + c1 x + c2 y + c3 x y > 0 on 0 < x < 1, 0 <= y <= 2 must
    # hold at every point of that domain.
    from nea_games.analysis._conditions_simplify import Assumptions

    x, y = sympy.symbols("x y")
    c0, c1, c2, c3 = coefficients
    poly = c0 + c1 * x + c2 * y + c3 * x * y
    facts = Assumptions([x > 0, x < 1, y >= 0, y <= 2])
    at_point = poly.subs({x: sympy.Rational(x_value), y: sympy.Rational(y_value)})
    verdict = facts.decide(poly > 0)
    if verdict is sympy.true:
        assert at_point > 0
    elif verdict is sympy.false:
        assert at_point <= 0
