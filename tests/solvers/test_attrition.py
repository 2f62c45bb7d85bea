"""The war of attrition (nea_games.solvers.attrition).

Hand derivations (independent of the library). While j concedes at hazard h_j, waiting a
moment dt earns i the prize V_i with probability h_j dt and costs c_i dt; i mixes only if
indifferent, h_j V_i = c_i, so h_j = c_i / V_i (Hendricks, Weiss & Wilson 1988;
Fudenberg & Tirole 1991, ch. 4).

* Set 1: V = (US 4, DPRK 2), c = (1, 1). h_US = c_DPRK / V_DPRK = 1/2,
  h_DPRK = c_US / V_US = 1/4; total 3/4; expected duration 4/3; the US concedes first
  with probability (1/2)/(3/4) = 2/3.
* Set 2: V = (A 3, B 5), c = (A 2, B 1/2). h_A = (1/2)/5 = 1/10, h_B = 2/3; total 23/30;
  duration 30/23; A first with probability (1/10)/(23/30) = 3/23.
* Discrete stage game (step dt, continuation 0): j is indifferent when
  p_i V_j - (1 - p_i) c_j dt = 0, so p_i = c_j dt / (V_j + c_j dt). Set 1 with dt = 1/10:
  p_US = (1/10)/(2 + 1/10) = 1/21, p_DPRK = (1/10)/(4 + 1/10) = 1/41.
* Set 3, an exact irrational prize: V = (A sqrt 2, B 1), c = (1, 1). h_A = c_B / V_B = 1,
  h_B = c_A / V_A = 1/sqrt 2; total 1 + 1/sqrt 2, so the duration is
  1/(1 + 1/sqrt 2) = sqrt 2/(sqrt 2 + 1) = sqrt 2 (sqrt 2 - 1) = 2 - sqrt 2. With dt = 1/10:
  p_A = (1/10)/(1 + 1/10) = 1/11, p_B = (1/10)/(sqrt 2 + 1/10) = 1/(10 sqrt 2 + 1)
  = (10 sqrt 2 - 1)/199.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from nea_games.errors import NonFiniteError, PayoffTypeError, ShapeError, UnknownNameError, ValidationError
from nea_games.solvers.attrition import discrete_war_of_attrition, war_of_attrition

F = Fraction
SET1 = ({"US": 4, "DPRK": 2}, {"US": 1, "DPRK": 1})
SET2 = ({"A": 3, "B": 5}, {"A": 2, "B": F(1, 2)})


def test_set_one_by_hand() -> None:
    eq = war_of_attrition(prizes=SET1[0], cost_rates=SET1[1])
    assert eq.hazards == {"US": F(1, 2), "DPRK": F(1, 4)}
    assert eq.expected_duration == F(4, 3)
    assert eq.first_to_concede == {"US": F(2, 3), "DPRK": F(1, 3)}
    assert eq.payoffs == {"US": 0, "DPRK": 0}
    assert all(isinstance(h, Fraction) for h in eq.hazards.values())
    assert eq.players == ("US", "DPRK")


def test_set_two_by_hand() -> None:
    eq = war_of_attrition(*SET2)
    assert eq.hazards == {"A": F(1, 10), "B": F(2, 3)}
    assert eq.expected_duration == F(30, 23)
    assert eq.first_to_concede == {"A": F(3, 23), "B": F(20, 23)}
    assert sum(eq.first_to_concede.values()) == 1


def test_float_inputs_give_floats() -> None:
    eq = war_of_attrition({"US": 4.0, "DPRK": 2.0}, {"US": 1.0, "DPRK": 1.0})
    assert eq.hazards["US"] == pytest.approx(0.5) and isinstance(eq.hazards["US"], float)
    assert eq.expected_duration == pytest.approx(4 / 3)


def test_survival_by_hand() -> None:
    eq = war_of_attrition(*SET1)
    assert eq.survival(0) == 1
    assert eq.survival(4) == sympy.exp(-3)  # exp(-(3/4) * 4)
    np.testing.assert_allclose(eq.survival(np.array([0.0, 1.0, 4.0])), [1, math.exp(-0.75), math.exp(-3)])
    # the mean of the exponential survival curve is the expected duration
    t = sympy.Symbol("t", nonnegative=True)
    assert sympy.integrate(eq.survival(t), (t, 0, sympy.oo)) == sympy.Rational(4, 3)


def test_pure_equilibria() -> None:
    eq = war_of_attrition(*SET1)
    assert len(eq.pure_equilibria) == 2
    by_loser = {pe.concedes: pe for pe in eq.pure_equilibria}
    assert by_loser["US"].wins == "DPRK" and by_loser["US"].payoffs == {"US": 0, "DPRK": 2}
    assert by_loser["DPRK"].wins == "US" and by_loser["DPRK"].payoffs == {"DPRK": 0, "US": 4}


def test_symbolic_hazards_from_indifference() -> None:
    vu, vd, cu, cd = sympy.symbols("V_US V_DPRK c_US c_DPRK", positive=True)
    eq = war_of_attrition({"US": vu, "DPRK": vd}, {"US": cu, "DPRK": cd})
    assert sympy.simplify(eq.hazards["US"] - cd / vd) == 0
    assert sympy.simplify(eq.hazards["DPRK"] - cu / vu) == 0
    assert sympy.simplify(eq.expected_duration - 1 / (cd / vd + cu / vu)) == 0
    assert sympy.simplify(eq.first_to_concede["US"] - (cd / vd) / (cd / vd + cu / vu)) == 0


@settings(max_examples=50, deadline=None)
@given(
    v1=st.fractions(F(1, 10), 100),
    v2=st.fractions(F(1, 10), 100),
    c1=st.fractions(F(1, 10), 100),
    c2=st.fractions(F(1, 10), 100),
    scale=st.fractions(F(1, 100), 100),
)
def test_hazards_invariant_to_rescaling_one_players_prize_and_cost(
    v1: Fraction, v2: Fraction, c1: Fraction, c2: Fraction, scale: Fraction
) -> None:
    base = war_of_attrition({"A": v1, "B": v2}, {"A": c1, "B": c2})
    scaled = war_of_attrition({"A": v1 * scale, "B": v2}, {"A": c1 * scale, "B": c2})
    assert scaled.hazards == base.hazards
    assert scaled.first_to_concede == base.first_to_concede


# --- discrete time -----------------------------------------------------------------------------


def test_discrete_stage_game_by_hand() -> None:
    d = discrete_war_of_attrition(SET1[0], SET1[1], dt=F(1, 10))
    assert d.game.payoff(("Wait", "Wait")) == (F(-1, 10), F(-1, 10))
    assert d.game.payoff(("Wait", "Concede")) == (4, 0)
    assert d.game.payoff(("Concede", "Wait")) == (0, 2)
    assert d.concession_probabilities == {"US": F(1, 21), "DPRK": F(1, 41)}
    assert d.hazards == {"US": F(10, 21), "DPRK": F(10, 41)}
    assert d.equilibria is not None and len(d.equilibria) == 3
    pure = sorted(eq.pure_profile for eq in d.equilibria if eq.is_pure)
    assert pure == [("Concede", "Wait"), ("Wait", "Concede")]
    assert all(eq.is_equilibrium() for eq in d.equilibria)


@pytest.mark.parametrize("inputs", [SET1, SET2], ids=["set1", "set2"])
def test_discrete_hazards_converge_to_continuous(inputs: tuple[dict[str, object], dict[str, object]]) -> None:
    exact = war_of_attrition(*inputs).hazards
    errors = []
    for dt in (F(1, 10), F(1, 100), F(1, 1000)):
        d = discrete_war_of_attrition(inputs[0], inputs[1], dt=dt)
        errors.append(max(abs(d.hazards[n] - exact[n]) for n in exact))
    assert errors[0] > errors[1] > errors[2]
    assert errors[2] < F(1, 1000)


def test_discrete_symbolic() -> None:
    v1, v2, c1, c2, dt = sympy.symbols("V_1 V_2 c_1 c_2 Delta", positive=True)
    d = discrete_war_of_attrition({"P1": v1, "P2": v2}, {"P1": c1, "P2": c2}, dt=dt)
    assert d.equilibria is None
    assert sympy.simplify(d.concession_probabilities["P1"] - c2 * dt / (v2 + c2 * dt)) == 0
    assert sympy.simplify(sympy.limit(d.hazards["P1"], dt, 0) - c2 / v2) == 0


def test_discrete_float_dt() -> None:
    d = discrete_war_of_attrition(SET1[0], SET1[1], dt=0.001)
    assert d.hazards["US"] == pytest.approx(0.001 / 2.001 / 0.001, rel=1e-9)


def test_exact_irrational_prize_stays_exact() -> None:
    root2 = sympy.sqrt(2)
    eq = war_of_attrition({"A": root2, "B": 1}, {"A": 1, "B": 1})
    assert eq.kind == "exact"
    assert eq.hazards["A"] == 1 and sympy.simplify(eq.hazards["B"] - 1 / root2) == 0
    assert sympy.simplify(eq.expected_duration - (2 - root2)) == 0
    d = discrete_war_of_attrition({"A": root2, "B": 1}, {"A": 1, "B": 1}, dt=F(1, 10))
    assert d.concession_probabilities["A"] == F(1, 11)
    assert sympy.simplify(d.concession_probabilities["B"] - (10 * root2 - 1) / 199) == 0
    assert d.equilibria is not None  # the stage game is still solved by the library


# --- validation --------------------------------------------------------------------------------


def test_bad_inputs_raise_library_errors() -> None:
    with pytest.raises(ShapeError, match="exactly two"):
        war_of_attrition({"A": 1, "B": 1, "C": 1}, {"A": 1, "B": 1, "C": 1})
    with pytest.raises(UnknownNameError, match="cost_rates"):
        war_of_attrition({"A": 1, "B": 1}, {"A": 1, "C": 1})
    with pytest.raises(ValidationError, match=r"prizes\['B'\]"):
        war_of_attrition({"A": 1, "B": -1}, {"A": 1, "B": 1})
    with pytest.raises(ValidationError, match=r"cost_rates\['A'\]"):
        war_of_attrition({"A": 1, "B": 1}, {"A": 0, "B": 1})
    with pytest.raises(NonFiniteError):
        war_of_attrition({"A": float("inf"), "B": 1}, {"A": 1, "B": 1})
    with pytest.raises(PayoffTypeError):
        war_of_attrition({"A": True, "B": 1}, {"A": 1, "B": 1})
    with pytest.raises(PayoffTypeError, match="names"):
        war_of_attrition({1: 1, "B": 1}, {1: 1, "B": 1})
    with pytest.raises(PayoffTypeError, match="dict"):
        war_of_attrition([1, 2], {"A": 1, "B": 1})  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="dt"):
        discrete_war_of_attrition(*SET1, dt=0)
    with pytest.raises(ValidationError, match=r"t must lie in \[0, oo\), got -1"):
        war_of_attrition(*SET1).survival(-1)
