"""Nash bargaining (nea_games.analysis.bargaining).

Hand derivations (Nash 1950; Kalai 1977 for unequal power), written out here:

* Transferable surplus S, disagreement (d1, d2), power alpha: maximise
  alpha log(x - d1) + (1 - alpha) log(S - x - d2); the first-order condition
  alpha (S - x - d2) = (1 - alpha)(x - d1) gives x1 = d1 + alpha (S - d1 - d2),
  x2 = S - x1 = d2 + (1 - alpha)(S - d1 - d2). With alpha = 1/2: split the difference,
  x_i = d_i + (S - d1 - d2)/2. Feasible iff S >= d1 + d2.
  Example S = 10, d = (2, 3): x = (2 + 5/2, 3 + 5/2) = (9/2, 11/2); Nash product
  sqrt(5/2 * 5/2) = 5/2. With alpha = 1/4: x1 = 2 + 5/4 = 13/4, x2 = 27/4.
* Frontier u2 = 4 - u1^2 from (0, 0), alpha = 1/2: maximise u (4 - u^2): 4 - 3u^2 = 0,
  u1 = 2/sqrt(3), u2 = 4 - 4/3 = 8/3. Truncated at u1 <= 1 the bound binds: (1, 3).
  Truncated at u1 <= 3/2 (> 2/sqrt(3) ~ 1.155) the solution is unchanged (IIA).
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from nea_games.analysis.bargaining import BargainingSolution, nash_bargaining, split_surplus
from nea_games.errors import NonFiniteError, PayoffTypeError, ValidationError

F = Fraction
u = sympy.Symbol("u")


def test_split_the_difference_by_hand() -> None:
    deal = split_surplus(10, 2, 3, players=("ROK", "China"))
    assert deal.shares == (F(9, 2), F(11, 2))
    assert deal.utilities == deal.shares
    assert deal.feasible is True and deal.agreement is True
    assert deal.nash_product == F(5, 2)
    assert deal.gains == (F(5, 2), F(5, 2))
    assert deal.second_order is True
    assert deal.share("China") == F(11, 2)
    assert all(isinstance(x, Fraction) for x in deal.shares)


def test_asymmetric_power_by_hand() -> None:
    deal = split_surplus(10, 2, 3, power=F(1, 4))
    assert deal.shares == (2 + F(1, 4) * 5, 3 + F(3, 4) * 5)


def test_symbolic_split_matches_closed_form() -> None:
    S, d1, d2, a = sympy.symbols("S d_1 d_2 alpha")
    deal = split_surplus(S, d1, d2, power=a)
    x1, x2 = deal.shares
    assert sympy.simplify(x1 - (d1 + a * (S - d1 - d2))) == 0
    assert sympy.simplify(x2 - (d2 + (1 - a) * (S - d1 - d2))) == 0
    assert deal.feasible == sympy.Ge(S, d1 + d2)
    assert deal.agreement is None
    assert deal.second_order is True
    half = split_surplus(S, d1, d2)
    assert sympy.simplify(half.shares[0] - (d1 + (S - d1 - d2) / 2)) == 0


def test_infeasible_gives_disagreement() -> None:
    deal = split_surplus(4, 2, 3)  # 4 < 2 + 3
    assert deal.feasible is False and deal.agreement is False
    assert deal.shares is None and deal.nash_product is None
    assert deal.utilities == (2, 3)


def test_boundary_is_feasible_with_zero_gains() -> None:
    deal = split_surplus(5, 2, 3)
    assert deal.feasible is True
    assert deal.shares == (2, 3)


def test_concave_frontier_by_hand() -> None:
    deal = nash_bargaining(4 - u**2, (0, 0), variable=u)
    assert sympy.simplify(deal.utilities[0] - 2 / sympy.sqrt(3)) == 0
    assert deal.utilities[1] == F(8, 3)
    assert deal.binding_bound is None and deal.second_order is True


def test_truncated_frontier_binds() -> None:
    deal = nash_bargaining(4 - u**2, (0, 0), variable=u, domain=(0, 1))
    assert deal.utilities == (1, 3)
    assert deal.binding_bound == "upper"


def test_frontier_without_agreement() -> None:
    deal = nash_bargaining(4 - u**2, (0, 5), variable=u)
    assert deal.agreement is False and deal.utilities == (0, 5)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"power": 0}, ValidationError, "power"),
        ({"power": F(3, 2)}, ValidationError, "power"),
        ({"power": True}, PayoffTypeError, "power"),
    ],
)
def test_bad_power(kwargs: dict[str, object], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        split_surplus(10, 2, 3, **kwargs)  # type: ignore[arg-type]


def test_bad_inputs() -> None:
    with pytest.raises(NonFiniteError, match="surplus"):
        split_surplus(float("nan"), 0, 0)
    with pytest.raises(PayoffTypeError, match="d_1"):
        split_surplus(1, "x", 0)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="decreasing"):
        nash_bargaining(u, (0, 0), variable=u)
    with pytest.raises(ValidationError, match="concave"):
        nash_bargaining(4 - 4 * u + u**2, (0, 0), variable=u, domain=(0, 2))
    with pytest.raises(ValidationError, match="pair"):
        nash_bargaining(4 - u, (0,), variable=u)
    with pytest.raises(ValidationError, match="variable"):
        nash_bargaining(sympy.Symbol("S") - u, (0, 0))
    with pytest.raises(ValidationError, match="no player"):
        split_surplus(1, 0, 0).share("Japan")


# ------------------------------------------------------------------ the Nash axioms as properties
small = st.fractions(min_value=-5, max_value=5, max_denominator=6)
positive = st.fractions(min_value=F(1, 4), max_value=4, max_denominator=6)
powers = st.fractions(min_value=F(1, 10), max_value=F(9, 10), max_denominator=10)


def _frontier(c: Fraction, k: Fraction) -> sympy.Expr:
    """A concave decreasing frontier u2 = c - k u1^2 on u1 >= 0."""
    return sympy.Rational(c) - sympy.Rational(k) * u**2


@settings(max_examples=25, deadline=None)
@given(d=small, gain=positive)
def test_symmetry(d: Fraction, gain: Fraction) -> None:
    """A symmetric problem gives both players the same utility."""
    deal = split_surplus(2 * d + gain, d, d)
    assert deal.shares[0] == deal.shares[1] if deal.shares else False


@settings(max_examples=20, deadline=None)
@given(c=positive, k=positive, scale=positive, shift=small, alpha=powers)
def test_invariance_to_affine_rescaling(
    c: Fraction, k: Fraction, scale: Fraction, shift: Fraction, alpha: Fraction
) -> None:
    """Rescaling player 2's utility v = scale * u2 + shift rescales the solution the same way."""
    base = nash_bargaining(_frontier(c, k), (0, 0), variable=u, domain=(0, None), power=alpha)
    moved = nash_bargaining(
        scale * _frontier(c, k) + shift, (0, shift), variable=u, domain=(0, None), power=alpha
    )
    assert sympy.simplify(moved.utilities[0] - base.utilities[0]) == 0
    assert sympy.simplify(moved.utilities[1] - (scale * sympy.sympify(base.utilities[1]) + shift)) == 0


@settings(max_examples=25, deadline=None)
@given(S=small, d1=small, d2=small, alpha=powers)
def test_pareto_efficiency(S: Fraction, d1: Fraction, d2: Fraction, alpha: Fraction) -> None:
    """An agreement uses the whole surplus and leaves nobody below disagreement."""
    deal = split_surplus(S, d1, d2, power=alpha)
    if d1 + d2 <= S:
        assert deal.shares is not None
        assert deal.shares[0] + deal.shares[1] == S
        assert deal.shares[0] >= d1 and deal.shares[1] >= d2
    else:
        assert deal.shares is None and deal.utilities == (d1, d2)


@settings(max_examples=20, deadline=None)
@given(c=positive, k=positive, alpha=powers, cut=st.fractions(min_value=F(1, 20), max_value=2))
def test_independence_of_irrelevant_alternatives(
    c: Fraction, k: Fraction, alpha: Fraction, cut: Fraction
) -> None:
    """Removing agreements other than the solution (truncating the frontier) changes nothing."""
    full = nash_bargaining(_frontier(c, k), (0, 0), variable=u, domain=(0, None), power=alpha)
    x = sympy.sympify(full.utilities[0])
    high = x + cut  # keeps the solution inside the truncated frontier
    truncated = nash_bargaining(_frontier(c, k), (0, 0), variable=u, domain=(0, high), power=alpha)
    assert sympy.simplify(truncated.utilities[0] - x) == 0
    assert truncated.binding_bound is None


def test_result_is_frozen() -> None:
    deal = split_surplus(10, 2, 3)
    assert isinstance(deal, BargainingSolution)
    with pytest.raises(AttributeError):
        deal.power = 1  # type: ignore[misc]
