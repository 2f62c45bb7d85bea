"""The inside-balancer model (nea_games.models.inside_balancer).

Hand derivations, independent of the library:

Consolidation. With Nash bargaining at power p, x_K = d_K + p (S - d_K - d_C). With
S = S0 - sigma A, d_K = d0 + alpha A, d_C = d_C0 - beta A and p = 1/2:
  x_K(A) = (S0 + d0 - d_C0)/2 + (alpha + beta - sigma) A / 2,  dx_K/dA = (alpha + beta - sigma)/2,
and for general p: dx_K/dA = (1 - p) alpha + p (beta - sigma).
U(A) = u_US A - (omega/2) A^2 + x_K(A);  U'(A) = u_US + dx_K/dA - omega A = 0
  => A* = (u_US + (alpha + beta - sigma)/2) / omega.
Defaults S0 = 10, sigma = 2, d0 = 2, d_C0 = 3, alpha = 3, beta = 1, u_US = 1, omega = 4:
  dx_K/dA = (3 + 1 - 2)/2 = 1, A* = (1 + 1)/4 = 1/2 (interior: a hedge),
  x_K(1/2) = 9/2 + 1/2 = 5, x_C(1/2) = S(1/2) - 5 = 9 - 5 = 4.
  Feasibility S(A) >= d_K + d_C: 10 - 2A >= 5 + 2A  <=>  A <= 5/4 (beyond [0, 1]).
  Full alignment iff u_US + 1 >= 4 (u_US >= 3); equidistance iff u_US + dx_K/dA <= 0.
  Terms require consolidation iff alpha + beta > sigma (here 4 > 2).

Hedging game (payoff tables in the module docstring; u = 1, r = 1/2, m = 1/4, h = 1/8,
k_US = 1, k_CN = 1/2). (Hedge, Reassure, Reward) is an equilibrium iff the ROK prefers
hedging (u + r - h = 11/8 >= u = 1 and >= r = 1/2) and neither patron punishes a hedger:
rho/2 <= k_US and rho/2 <= k_CN, i.e. rho <= rho* = 2 min(k_US, k_CN) = 1.
(Align, Reassure, Coerce) needs China to coerce an aligned ROK, rho >= k_CN = 1/2, and the
ROK to stay aligned, u - m = 3/4 >= r = 1/2.

Swing vote: [7; US 4, JPN 2, ROK 1, CHN 4, RUS 2]. The ROK is pivotal exactly for the
coalitions of weight 6 without it: {US, JPN}, {US, RUS}, {CHN, JPN}, {CHN, RUS}, each of size
2, with Shapley weight 2! 2! / 5! = 1/30: phi_ROK = 4/30 = 2/15. The US is pivotal for
weights 3..6: {CHN} (1!3!/5! = 1/20), six pairs (6/30) and {JPN, ROK, RUS} (3!1!/5! = 1/20):
3/10. With quota 8 every coalition without the ROK has even weight, so it is never pivotal.
"""

from __future__ import annotations

import functools
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
import sympy
from headline_check import same_value
from hypothesis import given, settings
from hypothesis import strategies as st

import nea_games
from nea_games.errors import NonFiniteError, PayoffTypeError, UnknownNameError, ValidationError
from nea_games.models import get
from nea_games.models.inside_balancer import InsideBalancerModel, InsideBalancerResult

F = Fraction


@pytest.fixture(scope="module")
def default() -> InsideBalancerResult:
    return InsideBalancerModel().solve()


def test_defaults_are_exact_and_documented() -> None:
    m = InsideBalancerModel()
    assert (m.S0, m.sigma, m.d0, m.d_C0, m.alpha, m.beta, m.u_US, m.omega) == (10, 2, 2, 3, 3, 1, 1, 4)
    assert all(isinstance(v, Fraction) for v in m.parameters.values())
    assert "South Korea" in InsideBalancerModel.QUESTION


def test_headline_at_defaults(default: InsideBalancerResult) -> None:
    h = default.headline
    assert h["optimal consolidation A*"] == (1 + F(3 + 1 - 2, 2)) / 4 == F(1, 2)
    assert h["ROK posture"] == "hedge" and h["ROK hedges (A* interior)"] is True
    assert h["terms with China x_K(A*)"] == F(10 + 2 - 3, 2) + F(1, 2) == 5
    assert h["China's share x_C(A*)"] == (10 - 2 * F(1, 2)) - 5 == 4
    assert h["terms gained per unit of consolidation dx_K/dA"] == 1
    assert h["terms require consolidation"] is True
    assert h["bargaining breaks down above A"] == F(5, 4)
    assert h["bargaining feasible for all A in [0, 1]"] is True
    assert h["hedging-game equilibria"] == ["pure (Hedge, Reassure, Reward)"]
    assert h["ROK hedges in the hedging game"] is True
    assert h["critical rivalry rho*"] == 2 * min(F(1), F(1, 2)) == 1
    assert h["rivalry above which alignment is an equilibrium"] == F(1, 2)
    assert h["ROK Shapley value (swing vote)"] == F(4, 30)
    assert h["Shapley values"] == {
        "US": F(3, 10),
        "JPN": F(2, 15),
        "ROK": F(2, 15),
        "CHN": F(3, 10),
        "RUS": F(2, 15),
    }
    assert "hedges" in default.reading and "2/15" in default.reading
    assert str(default).startswith("optimal consolidation A*: 1/2")


def test_bargain_along_consolidation_matches_closed_form() -> None:
    A = sympy.Symbol("A", real=True)
    deal = InsideBalancerModel().bargaining()
    x_K = sympy.Rational(10 + 2 - 3, 2) + sympy.Rational(3 + 1 - 2, 2) * A
    assert sympy.simplify(deal.shares[0] - x_K) == 0
    assert deal.feasible == sympy.Le(A, sympy.Rational(5, 4))


def test_symbolic_consolidation_matches_closed_form() -> None:
    S0, sg, d0, dC, a, b, u, om, p = sympy.symbols("S0 sigma d0 d_C0 alpha beta u_US omega p")
    model = InsideBalancerModel(S0=S0, sigma=sg, d0=d0, d_C0=dC, alpha=a, beta=b, u_US=u, omega=om, power=p)
    post = model.posture()
    assert sympy.simplify(post.terms_slope - ((1 - p) * a + p * (b - sg))) == 0
    assert sympy.simplify(post.interior_optimum - (u + (1 - p) * a + p * (b - sg)) / om) == 0
    half = InsideBalancerModel(S0=S0, sigma=sg, d0=d0, d_C0=dC, alpha=a, beta=b, u_US=u, omega=om)
    result = half.solve()
    h = result.headline
    assert sympy.simplify(h["terms gained per unit of consolidation dx_K/dA"] - (a + b - sg) / 2) == 0
    assert set(h["ROK posture"]) == {"hedge", "full alignment", "equidistance"}
    assert result.equilibria is None and result.game.is_parametric  # u_US is in the hedging game
    # A* is the deal piece's clipped stationary point where the deal piece wins, else the
    # no-deal piece's: u_US A - (omega/2) A^2 + d0 + alpha A peaks at (u_US + alpha)/omega.
    optimum = h["optimal consolidation A*"]
    assert isinstance(optimum, sympy.Piecewise)
    (deal, agreed), (no_deal, _) = optimum.args
    flag = h["ROK and China strike a deal at A*"]
    # at the defaults the deal piece wins (A* = 1/2); at alpha = 10 the no-deal piece does (A* = 1)
    for alpha, deal_struck, best in ((3, True, F(1, 2)), (10, False, 1)):
        point = {S0: 10, sg: 2, d0: 2, dC: 3, a: alpha, b: 1, u: 1, om: 4}
        assert bool(agreed.subs(point)) is deal_struck and bool(flag.subs(point)) is deal_struck
        assert optimum.subs(point) == best
    assert sympy.simplify(deal - sympy.Min(1, sympy.Max(0, (u + (a + b - sg) / 2) / om))) == 0
    assert sympy.simplify(no_deal - sympy.Min(1, sympy.Max(0, (u + a) / om))) == 0


def test_symbolic_surplus_gives_the_posture_as_conditions() -> None:
    # S0 symbolic, other defaults. Deal piece: x_K(A) = (S0 + 2 - 3)/2 + A, U = A - 2A^2 + x_K,
    # stationary at A = 1/2 with U = S0/2. No-deal piece: A - 2A^2 + 2 + 3A, rising on [0, 1],
    # best at A = 1 with U = 4 (d_K(1) = 5, d_C(1) = 2). So the ROK hedges iff S0/2 >= 4.
    S0 = sympy.Symbol("S0")
    h = InsideBalancerModel(S0=S0).solve().headline
    assert h["ROK posture"] == {"hedge": S0 >= 8, "full alignment": S0 < 8}
    assert h["optimal consolidation A*"] == sympy.Piecewise((sympy.Rational(1, 2), S0 >= 8), (1, True))
    assert h["terms with China x_K(A*)"] == sympy.Piecewise((S0 / 2, S0 >= 8), (5, True))
    assert h["China's share x_C(A*)"] == sympy.Piecewise((S0 / 2 - 1, S0 >= 8), (2, True))
    assert h["ROK and China strike a deal at A*"] == (S0 >= 8)
    assert h["bargaining feasible for all A in [0, 1]"] == (S0 >= 9)  # S0 - 5 - 4A >= 0 at A = 1
    assert "Symbolic parameters" in InsideBalancerModel(S0=S0).solve().reading


@pytest.mark.parametrize(
    ("S0", "posture", "optimum"), [(F(79, 10), "full alignment", 1), (F(8), "hedge", F(1, 2))]
)
def test_surplus_threshold_both_sides_numerically(S0: Fraction, posture: str, optimum: Fraction) -> None:
    h = InsideBalancerModel(S0=S0).solve().headline
    assert h["ROK posture"] == posture and h["optimal consolidation A*"] == optimum


def test_consolidation_condition_is_alpha_plus_beta_above_sigma() -> None:
    cv = InsideBalancerModel().consolidation_condition()
    a, b = sympy.Symbol("alpha"), sympy.Symbol("beta")
    assert cv.direction == "<"
    assert sympy.simplify(cv.threshold - (a + b)) == 0
    assert InsideBalancerModel().solve().headline["terms require consolidation iff"] == (
        cv.symbol < cv.threshold
    )


@pytest.mark.parametrize(
    ("sigma", "requires"),
    [(F(39, 10), True), (F(4), False), (F(41, 10), False)],  # alpha + beta = 4
)
def test_terms_condition_flips_at_alpha_plus_beta(sigma: Fraction, requires: bool) -> None:
    h = InsideBalancerModel(sigma=sigma).solve().headline
    assert h["terms require consolidation"] is requires
    assert h["terms gained per unit of consolidation dx_K/dA"] == (3 + 1 - sigma) / 2


@pytest.mark.parametrize(
    ("u_US", "optimum", "posture"),
    [
        (F(29, 10), (F(29, 10) + 1) / 4, "hedge"),
        (F(3), F(1), "full alignment"),
        (F(4), F(1), "full alignment"),
        (F(0), F(1, 4), "hedge"),
    ],
)
def test_full_alignment_threshold(u_US: Fraction, optimum: Fraction, posture: str) -> None:
    h = InsideBalancerModel(u_US=u_US).solve().headline
    assert h["optimal consolidation A*"] == optimum
    assert h["ROK posture"] == posture


def test_equidistance_when_consolidation_worsens_terms() -> None:
    # sigma = 6: dx_K/dA = (3 + 1 - 6)/2 = -1 = -u_US, so U'(0) = 0 and A* = 0.
    # Bargaining breaks down above A = 5 / (6 + 3 - 1) = 5/8; the no-deal piece
    # 1*A - 2A^2 + 2 + 3A peaks at A = 1 with U = 4 < U(0) = 9/2, so A* = 0 stands.
    h = InsideBalancerModel(sigma=6).solve().headline
    assert h["optimal consolidation A*"] == 0 and h["ROK posture"] == "equidistance"
    assert h["bargaining breaks down above A"] == F(5, 8)
    assert h["terms with China x_K(A*)"] == F(9, 2)
    assert InsideBalancerModel(sigma=F(59, 10)).solve().headline["ROK posture"] == "hedge"


def test_breakdown_can_pay() -> None:
    # alpha = 10: bargaining breaks down above 5/11; without a deal U = A - 2A^2 + 2 + 10A is
    # increasing on [0, 1] and U(1) = 11 beats every agreement, so the ROK aligns and gets d_K(1) = 12.
    h = InsideBalancerModel(alpha=10).solve().headline
    assert h["bargaining breaks down above A"] == F(5, 11)
    assert h["optimal consolidation A*"] == 1 and h["ROK posture"] == "full alignment"
    assert h["terms with China x_K(A*)"] == 12 and h["China's share x_C(A*)"] == 2
    assert h["bargaining feasible for all A in [0, 1]"] is False


def test_hedging_region_matches_marginal_conditions() -> None:
    region = InsideBalancerModel().hedging_region("u_US")
    u = next(iter(region.free_symbols))
    # U'(0) = u + 1 > 0 and U'(1) = u + 1 - 4 < 0
    assert region.as_set() == sympy.Interval.open(-1, 3)
    assert region.subs(u, 2) is sympy.true and region.subs(u, 3) is sympy.false


def test_hedging_game_payoffs_by_hand() -> None:
    g = InsideBalancerModel().hedging_game()
    assert g.players == ("ROK", "US", "China")
    assert g.payoff(("Hedge", "Reassure", "Reward")) == (1 + F(1, 2) - F(1, 8), -F(1, 8), -F(1, 8))
    assert g.payoff(("Align", "Reassure", "Coerce")) == (1 - F(1, 4), 0, -F(1, 2))
    assert g.payoff(("Lean", "Pressure", "Reward")) == (-F(1, 4) + F(1, 2), -1, 0)
    assert g.payoff(("Hedge", "Pressure", "Coerce")) == (-F(1, 4) - F(1, 4) - F(1, 8), -1, -F(1, 2))


def test_critical_rivalry_symbolic() -> None:
    kU, kC = sympy.symbols("cost_US cost_CN", positive=True)
    cv = InsideBalancerModel(cost_US=kU, cost_CN=kC).critical_rivalry()
    assert cv is not None and cv.direction == "<="
    assert sympy.simplify(cv.threshold - sympy.Min(2 * kU, 2 * kC)) == 0


@pytest.mark.parametrize(("rho", "hedges"), [(F(99, 100), True), (F(1), True), (F(101, 100), False)])
def test_hedging_equilibrium_flips_at_critical_rivalry(rho: Fraction, hedges: bool) -> None:
    h = InsideBalancerModel(rho=rho).solve().headline
    assert h["ROK hedges in the hedging game"] is hedges
    assert h["critical rivalry rho*"] == 1


def test_mixed_equilibrium_between_thresholds() -> None:
    # rho = 3/4: US reassures (rho * theta < 1); China indifferent iff (3/4)(q + (1 - q)/2) = 1/2,
    # q = P(Align) = 1/3; ROK indifferent Align/Hedge iff y/2 - 1/8 = 0, y = P(Reward) = 1/4.
    eqs = InsideBalancerModel(rho=F(3, 4)).solve().equilibria
    pure = sorted(eq.pure_profile for eq in eqs if eq.is_pure)
    assert pure == [("Align", "Reassure", "Coerce"), ("Hedge", "Reassure", "Reward")]
    (mixed,) = [eq for eq in eqs if not eq.is_pure]
    assert tuple(mixed.strategies[0]) == (F(1, 3), F(2, 3), 0)
    assert tuple(mixed.strategies[1]) == (1, 0)
    assert tuple(mixed.strategies[2]) == (F(1, 4), F(3, 4))


@pytest.mark.parametrize(("rho", "aligns"), [(F(49, 100), False), (F(51, 100), True)])
def test_alignment_appears_above_its_threshold(rho: Fraction, aligns: bool) -> None:
    eqs = InsideBalancerModel(rho=rho).solve().equilibria
    assert any(eq.pure_profile == ("Align", "Reassure", "Coerce") for eq in eqs if eq.is_pure) is aligns


def test_high_rivalry_lean_or_align() -> None:
    lean = InsideBalancerModel(u_US=F(1, 10), rho=2).solve()
    assert [eq.label for eq in lean.equilibria] == ["pure (Lean, Pressure, Reward)"]
    assert lean.headline["rivalry above which alignment is an equilibrium"] is None  # u - m < r
    between = InsideBalancerModel(u_US=F(1, 2), rho=2).solve()
    assert all(not eq.is_pure for eq in between.equilibria)


def test_swing_vote_flips_with_quota() -> None:
    m = InsideBalancerModel()
    assert m.swing_vote()["ROK"] == F(2, 15)
    weights = {"US": 4, "JPN": 2, "ROK": 1, "CHN": 4, "RUS": 2}
    assert m.swing_vote(weights, 8)["ROK"] == 0


def test_sweep_map_regions() -> None:
    model = InsideBalancerModel()
    grid = model.map_grid()
    assert {k: len(v) for k, v in grid.items()} == {"u_US": 41, "rho": 41}
    swept = nea_games.sweep(model, {"u_US": [0.05, 0.5, 1.0], "rho": [0.25, 0.75, 2.0]})
    hedge = swept.condition("(Hedge, Reassure, Reward)")
    align = swept.condition("(Align, Reassure, Coerce)")
    lean = swept.condition("(Lean, Pressure, Reward)")
    # u = 1: hedge at rho 1/4 and 3/4, align at 3/4 and 2
    assert hedge[2].tolist() == [True, True, False] and align[2].tolist() == [False, True, True]
    # u = 1/20 < h: the ROK leans even at low rivalry; at rho = 2 only (Lean, Pressure, Reward)
    assert hedge[0].tolist() == [False, False, False] and lean[0].tolist() == [False, False, True]
    assert swept.values["A*"][2, 0] == pytest.approx(0.5)
    assert swept.values["rho*"][0, 0] == pytest.approx(1.0)


def test_sweep_consolidation_map_over_symbolic_parameters() -> None:
    a, s = sympy.symbols("alpha sigma", nonnegative=True)
    model = InsideBalancerModel(alpha=a, sigma=s)
    assert model.sweep_parameters == ("u_US", "rho", "alpha", "sigma")
    swept = nea_games.sweep(
        model, {"alpha": [0.0, 3.0, 8.0], "sigma": [2.0, 7.0], "u_US": 1.0, "rho": 0.25}, what="consolidation"
    )
    # A*_int = (1 + (alpha + 1 - sigma)/2)/4: (0, 2) -> 1/8; (8, 2) -> 1 (feasible only up to 5/13,
    # but without a deal U = A - 2A^2 + 2 + 8A rises on [0, 1]); (0, 7): dx_K/dA = -3, A* = 0.
    assert swept.values["A*"][1, 0] == pytest.approx(0.5)
    assert swept.values["A*"][0, 0] == pytest.approx(1 / 8)
    assert swept.condition("full alignment")[2, 0]
    exact = InsideBalancerModel(alpha=0, sigma=7).solve().headline["optimal consolidation A*"]
    assert swept.values["A*"][0, 1] == pytest.approx(float(exact))


def test_games_and_registry() -> None:
    model = get("inside_balancer", rho=F(1, 2))
    assert isinstance(model, InsideBalancerModel) and model.rho == F(1, 2)
    assert list(model.games()) == ["hedging"]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"omega": 0}, ValidationError, "omega"),
        ({"omega": -1}, ValidationError, "omega"),
        ({"power": 1}, ValidationError, "power"),
        ({"rho": -1}, ValidationError, "rho"),
        ({"cost_CN": 0}, ValidationError, "cost_CN"),
        ({"alpha": float("nan")}, NonFiniteError, "alpha"),
        ({"S0": "ten"}, PayoffTypeError, "S0"),
        ({"beta": True}, PayoffTypeError, "beta"),
    ],
)
def test_validation(kwargs: dict[str, object], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        InsideBalancerModel(**kwargs)  # type: ignore[arg-type]


def test_bad_names_and_sweep_option() -> None:
    with pytest.raises(ValidationError, match="no parameter"):
        InsideBalancerModel().hedging_region("gamma")
    with pytest.raises(UnknownNameError):
        get("inside_balancer", gamma=1)
    with pytest.raises(ValidationError, match="what"):
        nea_games.sweep(InsideBalancerModel(), {"u_US": [1.0], "rho": [0.1]}, what="pure")


def test_floats_are_accepted() -> None:
    h = InsideBalancerModel(u_US=1.0).solve().headline
    assert float(h["optimal consolidation A*"]) == pytest.approx(0.5)
    assert np.isclose(float(h["terms with China x_K(A*)"]), 5.0)


# ------------------------------------------------------------------ properties
fractions = st.fractions(min_value=0, max_value=6, max_denominator=4)


def _utility_by_hand(A: Fraction, S0: Fraction, sigma: Fraction, alpha: Fraction, beta: Fraction) -> Fraction:
    """U(A) at d0 = 2, d_C0 = 3, u_US = 1, omega = 4: the split-the-difference bargain, or no deal."""
    S, dK, dC = S0 - sigma * A, 2 + alpha * A, 3 - beta * A
    x_K = dK + (S - dK - dC) / 2 if dK + dC <= S else dK
    return A - 2 * A * A + x_K


@settings(max_examples=20, deadline=None)
@given(S0=fractions, sigma=fractions, alpha=fractions, beta=fractions)
def test_optimum_beats_every_grid_point(
    S0: Fraction, sigma: Fraction, alpha: Fraction, beta: Fraction
) -> None:
    """A* is at least as good as any consolidation on a fine grid, deal or no deal."""
    model = InsideBalancerModel(S0=S0, sigma=sigma, alpha=alpha, beta=beta)
    best = model.posture().optimum
    assert 0 <= best <= 1
    value = _utility_by_hand(best, S0, sigma, alpha, beta)
    assert all(value >= _utility_by_hand(F(k, 100), S0, sigma, alpha, beta) for k in range(101))
    swept = nea_games.sweep(model, {"u_US": [1.0], "rho": [0.25]}, what="consolidation")
    assert swept.values["A*"][0, 0] == pytest.approx(float(best), abs=1e-9)


@settings(max_examples=6, deadline=None)
@given(u=st.fractions(min_value=0, max_value=2, max_denominator=8), rho=st.fractions(0, 3, max_denominator=8))
def test_sweep_agrees_with_the_solver(u: Fraction, rho: Fraction) -> None:
    """The vectorised sweep and the library's complete solver find the same pure equilibria."""
    model = InsideBalancerModel(u_US=u, rho=rho)
    pure = {eq.pure_profile for eq in model.solve().equilibria if eq.is_pure}
    swept = nea_games.sweep(model, {"u_US": [float(u)], "rho": [float(rho)]})
    found = {name for name in swept.conditions if swept.condition(name)[0, 0]}
    assert found == {"(" + ", ".join(p) + ")" for p in pure if p is not None}


# ------------------------------------------------------------------ symbolic solve == numeric solve


_NUMERIC = InsideBalancerModel()
_EQUILIBRIA = ("hedging-game equilibria", "ROK hedges in the hedging game")  # only for a numeric game


@pytest.mark.parametrize(
    "names",
    [(n,) for n in _NUMERIC.parameters] + [("alpha", "sigma"), ("u_US", "rho"), ("S0", "d0")],
    ids=lambda names: "-".join(names),
)
def test_symbolic_solve_agrees_with_numeric_solve_at_the_defaults(names: tuple[str, ...]) -> None:
    """Solve with ``names`` as symbols, substitute the defaults back: the numeric headline returns."""
    symbols = {n: sympy.Symbol(n) for n in names}
    point = {symbols[n]: sympy.Rational(str(_NUMERIC.parameters[n])) for n in names}
    numeric = _NUMERIC.solve().headline
    symbolic = InsideBalancerModel(**symbols).solve().headline
    for key, value in numeric.items():
        if key in _EQUILIBRIA and key not in symbolic:
            assert {"u_US", "rho", "reward", "punishment", "hedge_cost", "cost_US", "cost_CN"} & set(names)
            continue
        assert same_value(symbolic[key], value, point), (key, symbolic[key], value)


_ALPHA, _SIGMA = sympy.Symbol("alpha"), sympy.Symbol("sigma")


@functools.cache
def _symbolic_posture() -> Any:
    return InsideBalancerModel(alpha=_ALPHA, sigma=_SIGMA).posture()


@settings(max_examples=15, deadline=None)
@given(alpha=fractions, sigma=fractions)
def test_symbolic_optimum_matches_numeric_optimum_everywhere(alpha: Fraction, sigma: Fraction) -> None:
    """The Piecewise A* (deal piece vs no-deal piece) equals the numeric search at any point."""
    point = {_ALPHA: sympy.Rational(alpha), _SIGMA: sympy.Rational(sigma)}
    numeric = InsideBalancerModel(alpha=alpha, sigma=sigma).posture()
    symbolic = _symbolic_posture()
    assert sympy.sympify(symbolic.optimum).subs(point) == sympy.Rational(numeric.optimum)
    terms = sympy.sympify(symbolic.terms_at_optimum).subs(point)
    assert terms == sympy.Rational(numeric.terms_at_optimum)
    assert bool(sympy.sympify(symbolic.posture_conditions[numeric.posture]).subs(point))
