"""The hypothesis strategies of ``nea_games.strategies``, and a model assumption tested with them.

The model property (China's buffer dilemma, DESIGN §4.2): *raising the buffer
value B never makes China more willing to pressure the DPRK.* Derivation by
hand, from the payoff table of the model:

* B appears in one payoff only, China's :math:`-c_C - (1-g)B` after
  (Pressure, Hold, Collapse). The DPRK's payoffs do not contain B, so its
  replies (hold or denuclearise, after Pressure and after Shield, for each
  type) are the same for every B.
* With those replies fixed, China's expected payoff from Shield does not
  depend on B, and from Pressure it is

  .. math:: U_P(B) = \\sum_t p_t\\,[\\text{holds}_t]\\,\\bigl((1-\\kappa)(-c_C-n)
            + \\kappa(-c_C-(1-g)B)\\bigr) + \\sum_t p_t\\,[\\text{gives in}_t](-c_C),

  so :math:`\\partial U_P/\\partial B = -\\kappa(1-g)\\sum_t p_t[\\text{holds}_t] \\le 0`
  because :math:`\\kappa, 1-g, p_t \\ge 0`.
* Hence :math:`U_P - U_S` never increases with B: if China pressures at some
  :math:`B_2`, it pressures at every :math:`B_1 < B_2`.

It can be strict. At the defaults with :math:`\\sigma = 1` the types separate
(:math:`\\bar v = a + \\kappa K + (1-\\kappa)\\psi = 2 + 4 + 12/5 = 42/5`, between
:math:`v_l = 8` and :math:`v_h = 10`), and China pressures iff
:math:`q \\le q^* = (n + \\sigma - c_C)/((1-\\kappa)n + \\kappa B) = 10/(8 + B/5)`;
with :math:`q = 7/10` that is :math:`B \\le 220/7 \\approx 31.4`.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nea_games.errors import UnknownNameError, ValidationError
from nea_games.models.buffer_dilemma import BufferDilemmaModel
from nea_games.models.quasi_alliance import QuasiAllianceModel
from nea_games.strategies import parameter_points, parametric_games

CHOICE = "China's choice"


def china(**parameters: object) -> str:
    choice: str = BufferDilemmaModel(**parameters).solve().headline[CHOICE]  # type: ignore[arg-type]
    return choice


# ---------------------------------------------------------------------------- the model property
def test_buffer_threshold_both_sides() -> None:
    """The hand-derived threshold B = 220/7 at sigma = 1 (module docstring), on both sides."""
    assert china(sigma=1, B=31) == "Pressure"
    assert china(sigma=1, B=32) == "Shield"


BUFFER_BOUNDS = {
    "B": (1, 60),
    "n": (1, 20),
    "c_C": (0, 3),
    "kappa": (0, 1),
    "q": (0, 1),
    "g": (0, 1),
    "sigma": (0, 6),
}


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    point=parameter_points(BufferDilemmaModel, BUFFER_BOUNDS),
    extra=st.fractions(Fraction(1, 10), 40, max_denominator=10),
)
def test_raising_the_buffer_value_never_makes_china_pressure(
    point: dict[str, Fraction], extra: Fraction
) -> None:
    low = china(**point)
    high = china(**{**point, "B": point["B"] + extra})
    assert not (high == "Pressure" and low == "Shield"), (point, extra)


# ---------------------------------------------------------------------------- parametric_games
@settings(max_examples=25, deadline=None)
@given(parametric_games(["theta", "phi"], actions=(1, 3), degree=2, min_value=-3, max_value=3))
def test_parametric_games_are_polynomials_in_exactly_the_parameters(game) -> None:  # type: ignore[no-untyped-def]
    theta, phi = sympy.symbols("theta phi")
    assert game.parameters == (phi, theta)  # sorted by name
    for entry in game.payoffs.reshape(-1):
        poly = sympy.Poly(entry, theta, phi)
        assert poly.total_degree() <= 2
        assert all(c.is_Integer and -6 <= c <= 6 for c in poly.coeffs())  # at most one forced term added
    concrete = game.subs(theta=Fraction(1, 2), phi=3)
    assert concrete.kind == "exact" and not concrete.parameters


@settings(max_examples=15, deadline=None)
@given(parametric_games("a", players=3, actions=2))
def test_parametric_games_keep_shape_and_symbol_assumptions(game) -> None:  # type: ignore[no-untyped-def]
    assert game.shape == (3, 2, 2, 2)
    assert [s.name for s in game.parameters] == ["a"]


@settings(max_examples=10, deadline=None)
@given(parametric_games([sympy.Symbol("k", positive=True)], actions=2))
def test_parametric_games_accept_symbols(game) -> None:  # type: ignore[no-untyped-def]
    (k,) = game.parameters
    assert k.is_positive


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"parameters": []}, "at least one parameter"),
        ({"parameters": ["a", "a"]}, "repeat"),
        ({"degree": 0}, "degree"),
        ({"min_value": 2, "max_value": 1}, "exceeds"),
    ],
)
def test_parametric_games_reject_bad_arguments(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parametric_games(**kwargs)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- parameter_points
@settings(max_examples=40, deadline=None)
@given(parameter_points(BufferDilemmaModel, {"B": (0, 5), "kappa": (Fraction(1, 2), 2), "v_low": (0, 20)}))
def test_points_lie_in_bounds_and_model_ranges(point: dict[str, Fraction]) -> None:
    assert set(point) == {"B", "kappa", "v_low"}
    assert all(isinstance(v, Fraction) for v in point.values())
    assert 0 < point["B"] <= 5  # B's model range (0, oo) is open at 0
    assert Fraction(1, 2) <= point["kappa"] <= 1  # bounds cut by the probability range [0, 1]
    assert point["v_low"] <= 10  # joint condition v_low <= v_high (= 10 by default) is respected
    BufferDilemmaModel(**point)


@settings(max_examples=20, deadline=None)
@given(parameter_points(BufferDilemmaModel(v_low=2, v_high=4), {"v_low": (0, 20)}, exact=False))
def test_points_of_an_instance_respect_its_values(point: dict[str, float]) -> None:
    assert isinstance(point["v_low"], float) and 0 <= point["v_low"] <= 4


@settings(max_examples=20, deadline=None)
@given(parameter_points("quasi_alliance"))
def test_default_bounds_are_the_bounded_ranges(point: dict[str, Fraction]) -> None:
    # the quasi-alliance parameters with bounded ranges: the US commitment kappa in [0, 1] and the
    # abandonment fears abar_J, abar_K in (0, 1]
    assert set(point) == {"kappa", "abar_J", "abar_K"}
    assert 0 <= point["kappa"] <= 1 and 0 < point["abar_J"] <= 1 and 0 < point["abar_K"] <= 1
    QuasiAllianceModel(**point)


@pytest.mark.parametrize(
    ("bounds", "error", "message"),
    [
        ({"kapa": (0, 1)}, UnknownNameError, "did you mean 'kappa'"),
        ({"B": (5, 1)}, ValidationError, "low 5 above high 1"),
        ({"B": (-5, 0)}, ValidationError, "no value in the model's range"),
        ({"kappa": (2, 3)}, ValidationError, "no value in the model's range"),
        ({"B": ("x", 1)}, ValidationError, "two numbers"),
        ({"B": None}, ValidationError, "give finite bounds"),
    ],
)
def test_parameter_points_reject_bad_bounds(
    bounds: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        parameter_points(BufferDilemmaModel, bounds)  # type: ignore[arg-type]


def test_parameter_points_reject_a_non_model() -> None:
    with pytest.raises(ValidationError, match="model class"):
        parameter_points(42)
