"""Optimal stopping on a belief (nea_games.analysis.stopping).

Hand derivations used below (independent of the library):

* Belief after t without a concession: pi_t = pi0 / (pi0 + (1 - pi0) e^{-lambda t}).
  pi0 = 1/5, lambda = 1: t = ln 4 gives (1/5) / (1/5 + 1/5) = 1/2; t = ln 12 gives
  (1/5) / (1/5 + 1/15) = 3/4.
* Threshold: waiting gains (1 - pi) lambda (D - W) per unit time and costs k + r W, so
  pi* = 1 - (k + r W) / (lambda (D - W)). Running example pi0 = 1/5, lambda = 1, k = 1/2,
  D = 2, W = 0: pi* = 1 - (1/2)/2 = 3/4.
* Switch time: pi_t = pi* <=> e^{lambda t} = (pi*/(1 - pi*)) ((1 - pi0)/pi0); running example
  e^t = 3 * 4, t* = ln 12.
* Shift probability from t* on: P(no concession by t*) = 1/5 + (4/5)/12 = 4/15.
* Value (r = 0): -k (pi0 t* + (1 - pi0)(1 - e^{-t*})) + D (1 - pi0)(1 - e^{-t*})
  = -(1/2)(ln 12 / 5 + 11/15) + 2 (4/5)(11/12) = 11/10 - ln(12)/10.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nea_games.analysis.stopping import (
    BeliefStoppingProblem,
    CostSchedule,
    belief_path,
    shift_probability_schedule,
)
from nea_games.errors import (
    BudgetExceededError,
    NonFiniteError,
    ParametricGameError,
    PayoffTypeError,
    ProbabilityError,
    ValidationError,
)

F = Fraction


def running() -> BeliefStoppingProblem:
    return BeliefStoppingProblem(prior=F(1, 5), rate=1, flow_cost=F(1, 2), prize=2, stop_value=0)


def discounted() -> BeliefStoppingProblem:
    return BeliefStoppingProblem(
        prior=F(1, 5), rate=1, flow_cost=F(1, 2), prize=3, stop_value=1, discount=F(1, 10)
    )


# --- belief path -------------------------------------------------------------------------------


def test_belief_path_values_by_hand() -> None:
    assert belief_path(F(1, 5), 1, 0) == F(1, 5)
    assert belief_path(F(1, 5), 1, sympy.log(4)) == F(1, 2)
    assert belief_path(F(1, 5), 1, sympy.log(12)) == F(3, 4)
    # lambda = 2, t = ln(2): e^{-2 ln 2} = 1/4, so (1/3) / (1/3 + (2/3)/4) = 2/3
    assert belief_path(F(1, 3), 2, sympy.log(2)) == F(2, 3)
    by_hand = 0.2 / (0.2 + 0.8 * math.exp(-1.0))
    assert belief_path(0.2, 1.0, 1.0) == pytest.approx(by_hand, abs=1e-14)
    array = belief_path(0.2, 1.0, np.array([0.0, 1.0, math.log(12)]))
    np.testing.assert_allclose(array, [0.2, by_hand, 0.75], atol=1e-14)
    assert running().posterior(sympy.log(4)) == F(1, 2)


def test_belief_path_edge_priors_stay_put() -> None:
    assert belief_path(0, 1, 5) == 0
    assert belief_path(1, 1, 5) == 1


@settings(max_examples=60, deadline=None)
@given(
    prior=st.floats(0.01, 0.99),
    rate=st.floats(0.1, 2.0),
    t1=st.floats(0.0, 10.0),
    t2=st.floats(0.0, 10.0),
)
def test_belief_path_rises_with_time(prior: float, rate: float, t1: float, t2: float) -> None:
    assume(t2 > t1 + 0.01)
    assert belief_path(prior, rate, t2) > belief_path(prior, rate, t1)


# --- threshold ---------------------------------------------------------------------------------


def test_threshold_running_example_and_others_by_hand() -> None:
    assert running().threshold() == F(3, 4)
    # lambda = 2, k = 1, D = 5, W = 1: 1 - 1/(2*4) = 7/8
    p = BeliefStoppingProblem(prior=F(1, 2), rate=2, flow_cost=1, prize=5, stop_value=1)
    assert p.threshold() == F(7, 8)
    # discounting: lambda = 1, k = 1/2, D = 3, W = 1, r = 1/10: (1 - pi) * 2 = 1/2 + 1/10, pi* = 7/10
    assert discounted().threshold() == F(7, 10)
    assert isinstance(running().threshold(), Fraction)
    floats = BeliefStoppingProblem(prior=0.2, rate=1.0, flow_cost=0.5, prize=2.0)
    assert floats.threshold() == pytest.approx(0.75)


@pytest.mark.parametrize(
    ("flow_cost", "expected"),
    [
        (F(19, 10), F(1, 20)),  # just inside: 1 - 1.9/2
        (2, 0),  # exactly lambda D: waiting never pays
        (3, 0),  # beyond: the formula gives -1/2, clipped to 0
        (0, 1),  # free waiting: never stop
    ],
)
def test_threshold_clipped_on_both_sides(flow_cost: object, expected: Fraction) -> None:
    assert BeliefStoppingProblem(prior=F(1, 5), rate=1, flow_cost=flow_cost, prize=2).threshold() == expected


def test_symbolic_threshold_equals_closed_form() -> None:
    lam, k, D, W, r, p0 = sympy.symbols("lambda k D W r pi0", positive=True)
    p = BeliefStoppingProblem(prior=p0, rate=lam, flow_cost=k, prize=D)
    assert sympy.simplify(p.threshold() - (1 - k / (lam * D))) == 0
    q = BeliefStoppingProblem(prior=p0, rate=lam, flow_cost=k, prize=D, stop_value=W, discount=r)
    assert sympy.simplify(q.threshold() - (1 - (k + r * W) / (lam * (D - W)))) == 0
    # the switch time formula solves pi_t = pi* symbolically
    assert sympy.simplify(belief_path(p0, lam, p.switch_time()) - p.threshold()) == 0


# --- switch time and shift probability ---------------------------------------------------------


def test_switch_time_solves_belief_equals_threshold() -> None:
    t_star = running().switch_time()
    assert sympy.simplify(t_star - sympy.log(12)) == 0
    assert belief_path(F(1, 5), 1, t_star) == F(3, 4)  # plug back, exactly
    # lambda = 2, pi0 = 1/3, k = 1, D = 2: pi* = 3/4, e^{2t} = 3 * 2, t* = ln(6)/2
    p = BeliefStoppingProblem(prior=F(1, 3), rate=2, flow_cost=1, prize=2)
    assert sympy.simplify(p.switch_time() - sympy.log(6) / 2) == 0
    assert belief_path(F(1, 3), 2, p.switch_time()) == F(3, 4)
    # a belief one step either side of t* is either side of pi*
    assert float(belief_path(F(1, 5), 1, F(248, 100))) < 0.75 < float(belief_path(F(1, 5), 1, F(249, 100)))


def test_switch_time_edge_cases() -> None:
    # prior already above the threshold: stop at once
    assert BeliefStoppingProblem(prior=F(4, 5), rate=1, flow_cost=1, prize=2).switch_time() == 0
    assert BeliefStoppingProblem(prior=F(1, 2), rate=1, flow_cost=1, prize=2).switch_time() == 0  # equal
    # free waiting (pi* = 1) or a prior of 0: never
    assert BeliefStoppingProblem(prior=F(1, 5), rate=1, flow_cost=0, prize=2).switch_time() == math.inf
    assert BeliefStoppingProblem(prior=0, rate=1, flow_cost=1, prize=2).switch_time() == math.inf


def test_shift_probability_both_sides_of_switch_time() -> None:
    p = running()
    assert p.shift_probability(0) == 0
    assert p.shift_probability(F(248, 100)) == 0  # t* = ln 12 = 2.4849...
    assert p.shift_probability(F(249, 100)) == F(4, 15)
    assert p.shift_probability(10) == F(4, 15)
    assert p.shift_probability(sympy.log(12)) == F(4, 15)  # at t* itself
    np.testing.assert_allclose(p.shift_probability(np.array([0.0, 2.48, 2.49, 10.0])), [0, 0, 4 / 15, 4 / 15])
    # shift at once when the prior is above the threshold: probability 1 from t = 0
    assert BeliefStoppingProblem(prior=F(4, 5), rate=1, flow_cost=1, prize=2).shift_probability(0) == 1
    assert BeliefStoppingProblem(prior=F(1, 5), rate=1, flow_cost=0, prize=2).shift_probability(100) == 0


@settings(max_examples=40, deadline=None)
@given(
    prior=st.fractions(F(1, 100), F(99, 100)),
    k1=st.fractions(F(1, 100), F(199, 100)),
    k2=st.fractions(F(1, 100), F(199, 100)),
)
def test_higher_flow_cost_switches_earlier(prior: Fraction, k1: Fraction, k2: Fraction) -> None:
    assume(k1 < k2)
    low = BeliefStoppingProblem(prior=prior, rate=1, flow_cost=k1, prize=2)
    high = BeliefStoppingProblem(prior=prior, rate=1, flow_cost=k2, prize=2)
    assert high.threshold() < low.threshold()
    assert float(high.switch_time()) <= float(low.switch_time())


def test_value_closed_form_by_hand() -> None:
    assert sympy.simplify(running().value() - (F(11, 10) - sympy.log(12) / 10)) == 0
    # prior above the threshold: stop at once, worth W
    assert BeliefStoppingProblem(prior=F(4, 5), rate=1, flow_cost=1, prize=3, stop_value=1).value() == 1


# --- dynamic programme -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "problem",
    [
        running(),
        discounted(),
    ],
    ids=["running", "discounted"],
)
def test_dp_converges_to_closed_form(problem: BeliefStoppingProblem) -> None:
    t_star, pi_star, value = float(problem.switch_time()), float(problem.threshold()), float(problem.value())
    coarse, fine = problem.solve_dp(dt=0.1), problem.solve_dp(dt=0.01)
    for name, exact in (("value", value), ("stop_time", t_star), ("threshold", pi_star)):
        err_coarse = abs(getattr(coarse, name) - exact)
        err_fine = abs(getattr(fine, name) - exact)
        assert err_fine < err_coarse, name
    assert abs(fine.value - value) < 0.005
    assert abs(fine.stop_time - t_star) < 0.02
    assert abs(fine.threshold - pi_star) < 0.005
    assert fine.stop[fine.times >= fine.stop_time].all()  # once stopping, always stopping
    assert not fine.stop[fine.times < fine.stop_time].any()


def test_dp_beliefs_follow_bayes_and_never_stop_when_free() -> None:
    dp = running().solve_dp(dt=0.05, horizon=2)
    np.testing.assert_allclose(dp.beliefs, 0.2 / (0.2 + 0.8 * np.exp(-dp.times)), rtol=1e-12)
    free = BeliefStoppingProblem(prior=F(1, 5), rate=1, flow_cost=0, prize=2).solve_dp(dt=0.1, horizon=5)
    assert free.stop_time == math.inf and free.threshold is None


def test_dp_validation_and_budget() -> None:
    with pytest.raises(ValidationError, match="dt"):
        running().solve_dp(dt=0)
    with pytest.raises(ValidationError, match="exceed the horizon"):
        running().solve_dp(dt=2, horizon=1)
    with pytest.raises(BudgetExceededError, match="max_steps"):
        running().solve_dp(dt=0.001, horizon=100, max_steps=1000)
    with pytest.raises(ParametricGameError):
        BeliefStoppingProblem(prior=sympy.Symbol("p"), rate=1, flow_cost=1, prize=2).solve_dp()


# --- administrations ---------------------------------------------------------------------------


def test_two_administrations_by_hand() -> None:
    p = BeliefStoppingProblem(prior=F(1, 5), rate=1, flow_cost=1, prize=2)
    # costs (1/4, 1), T = 2. Admin 1: pi* = 1 - (1/4)/2 = 7/8, t* = ln(7 * 4) = ln 28 > 2: no shift.
    # Admin 2: pi* = 1/2; the belief at 2 is 1/(1 + 4 e^{-2}) = 0.649 > 1/2: shift at t = 2,
    # with probability P(no concession by 2) = 1/5 + (4/5) e^{-2}.
    s2 = F(1, 5) + F(4, 5) * sympy.exp(-2)
    assert p.shift_probability(F(199, 100), flow_costs=[F(1, 4), 1], terms=2) == 0
    assert sympy.simplify(p.shift_probability(2, flow_costs=[F(1, 4), 1], terms=2) - s2) == 0
    schedule = CostSchedule(term=2, flow_costs=[F(1, 4), 1])
    assert sympy.simplify(shift_probability_schedule(p, schedule, 7) - s2) == 0
    # costs (1, 1/4): admin 1 shifts at ln 4 < 2 with probability 1/5 + (4/5)/4 = 2/5.
    assert p.shift_probability(F(138, 100), flow_costs=[1, F(1, 4)], terms=2) == 0
    assert p.shift_probability(F(139, 100), flow_costs=[1, F(1, 4)], terms=2) == F(2, 5)
    # costs (1/4, 1/2): admin 2 has pi* = 3/4, reached at ln 12 = 2.48 inside [2, 4): probability 4/15.
    assert p.shift_probability(F(248, 100), flow_costs=[F(1, 4), F(1, 2)], terms=2) == 0
    assert p.shift_probability(F(249, 100), flow_costs=[F(1, 4), F(1, 2)], terms=2) == F(4, 15)
    # a single cost that stays in office for ever: ln 28, probability 1/5 + (4/5)/28 = 8/35
    assert p.shift_probability(4, flow_costs=[F(1, 4)], terms=2) == F(8, 35)


def test_cost_distribution_by_hand() -> None:
    p = BeliefStoppingProblem(prior=F(1, 5), rate=1, flow_cost=1, prize=2)
    dist = {F(1, 4): F(1, 2), 1: F(1, 2)}
    # Admin 1 (on [0, 2)): cost 1 shifts at ln 4 (prob. 1/2, survival 2/5); cost 1/4 waits.
    # Admin 2 (on [2, 4), reached with prob. 1/2): cost 1 shifts at 2 (survival 1/5 + 4/5 e^{-2});
    # cost 1/4 shifts at ln 28 = 3.33 (survival 8/35). Every path has shifted by ln 28.
    s2 = F(1, 5) + F(4, 5) * sympy.exp(-2)
    assert p.shift_probability(1, flow_cost_distribution=dist, terms=2) == 0
    assert p.shift_probability(F(3, 2), flow_cost_distribution=dist, terms=2) == F(1, 5)
    at3 = p.shift_probability(3, flow_cost_distribution=dist, terms=2)
    assert sympy.simplify(at3 - (F(1, 5) + s2 / 4)) == 0
    at5 = p.shift_probability(5, flow_cost_distribution=dist, terms=2)
    assert sympy.simplify(at5 - (F(1, 5) + s2 / 4 + F(1, 4) * F(8, 35))) == 0
    grid = p.shift_probability(np.array([1.0, 1.5, 3.0, 5.0]), flow_cost_distribution=dist, terms=2)
    np.testing.assert_allclose(grid, [0, 0.2, float(at3), float(at5)], rtol=1e-12)
    # a point mass reproduces the single-cost answer
    one = BeliefStoppingProblem(prior=F(1, 5), rate=1, flow_cost=F(1, 2), prize=2)
    assert one.shift_probability(3, flow_cost_distribution={F(1, 2): 1}, terms=1) == F(4, 15)


def test_schedule_validation() -> None:
    p = running()
    with pytest.raises(ValidationError, match="terms"):
        p.shift_probability(1, flow_costs=[1])
    with pytest.raises(ValidationError, match="terms"):
        p.shift_probability(1, terms=2)
    with pytest.raises(ValidationError, match="exactly one"):
        CostSchedule(term=1, flow_costs=[1], distribution={1: 1})
    with pytest.raises(ProbabilityError, match="sum to 3/4"):
        CostSchedule(term=1, distribution={1: F(1, 2), 2: F(1, 4)})
    with pytest.raises(ValidationError, match="term"):
        CostSchedule(term=0, flow_costs=[1])
    with pytest.raises(ValidationError, match="flow_costs"):
        CostSchedule(term=1, flow_costs=[-1])
    with pytest.raises(BudgetExceededError, match="max_terms"):
        shift_probability_schedule(p, CostSchedule(term=1, distribution={1: 1}), 10**6, max_terms=1000)


# --- validation --------------------------------------------------------------------------------


def test_bad_parameters_raise_library_errors() -> None:
    with pytest.raises(ProbabilityError, match="prior"):
        BeliefStoppingProblem(prior=F(3, 2), rate=1, flow_cost=1, prize=2)
    with pytest.raises(ValidationError, match="rate"):
        BeliefStoppingProblem(prior=F(1, 2), rate=0, flow_cost=1, prize=2)
    with pytest.raises(ValidationError, match="flow_cost"):
        BeliefStoppingProblem(prior=F(1, 2), rate=1, flow_cost=-1, prize=2)
    with pytest.raises(ValidationError, match="discount"):
        BeliefStoppingProblem(prior=F(1, 2), rate=1, flow_cost=1, prize=2, discount=-1)
    with pytest.raises(ValidationError, match="stop_value"):
        BeliefStoppingProblem(prior=F(1, 2), rate=1, flow_cost=1, prize=2, stop_value=2)
    with pytest.raises(NonFiniteError, match="prize"):
        BeliefStoppingProblem(prior=F(1, 2), rate=1, flow_cost=1, prize=float("nan"))
    with pytest.raises(PayoffTypeError, match="rate"):
        BeliefStoppingProblem(prior=F(1, 2), rate="fast", flow_cost=1, prize=2)
    with pytest.raises(ValidationError, match="times"):
        running().shift_probability(np.array([-1.0]))
    with pytest.raises(ValidationError, match=r"t must lie in \[0, oo\), got -1"):
        belief_path(F(1, 2), 1, -1)
