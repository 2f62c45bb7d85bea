"""The strategic-patience model (nea_games.models.strategic_patience).

Every expected value below is derived by hand here, independently of the library.

Learning (time in years). The US waits while (1 - pi) lam D >= k, so
pi* = 1 - k / (lam D). Bayes: pi(t) = pi0 / (pi0 + (1 - pi0) e^{-lam t}); pi(t*) = pi* gives
t* = (1/lam) ln[(1 - pi0) pi* / (pi0 (1 - pi*))], and a shift happens iff no concession by t*,
with probability pi0 + (1 - pi0) e^{-lam t*} = pi0 / pi*.
Defaults pi0 = 1/5, lam = 1/2, k = 1/2, D = 2: pi* = 1/2, t* = 2 ln 4 ~ 2.77, P(shift) = 2/5.

War of attrition (complete information, stationary mixed equilibrium): each side's hazard
makes the *other* indifferent between conceding now and in dt: US hazard h_US with
V_N h_US = c_N, DPRK hazard with D h_DPRK = k. Defaults: h_US = 1/2, h_DPRK = 1/4,
expected duration 1/(h_US + h_DPRK) = 4/3, P(US first) = h_US / (h_US + h_DPRK) = 2/3.

Cohesion: a member of coalition C (|C| >= 2) earns G_s + b(|C| - 1) - (mean_C - theta_i)^2;
outsiders and lone coordinators earn 0. Trilateral (mean 0): US G_s + 2b, Japan and ROK
G_s + 2b - 1, so it holds iff gamma G + 2b - 1 >= 0, gamma* = (1 - 2b)/G = 1/3.

Commitment (Powell 2006): accept disarming iff 1 + delta (m_N - Delta)/(1 - delta) >= m_N/(1 - delta)
iff delta Delta/(1 - delta) <= 1 - m_N; in N phases step j is accepted iff
delta (Delta/N)/(1 - delta) <= 1 - m_N + (j - 1) Delta / N, binding at j = 1.
Defaults delta = 9/10, Delta = 1/4, m_N = 1/2: temptation 9/4 > 1/2, N_min = ceil(9/2) = 5.
"""

from __future__ import annotations

import dataclasses
import math
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
import sympy
from headline_check import same_value
from hypothesis import given, settings
from hypothesis import strategies as st

import nea_games
from nea_games.errors import (
    NonFiniteError,
    PayoffTypeError,
    ProbabilityError,
    UnknownNameError,
    ValidationError,
)
from nea_games.models import get
from nea_games.models._patience_trilateral import classify
from nea_games.models.buffer_dilemma import BufferDilemmaModel
from nea_games.models.strategic_patience import StrategicPatienceModel, from_buffer_dilemma

C, I = "Coordinate", "Independent"


def t_star_by_hand(pi0: float, lam: float, k: float, D: float) -> float:
    pi_star = 1 - k / (lam * D)
    if pi0 >= pi_star:
        return 0.0
    return math.log((1 - pi0) * pi_star / (pi0 * (1 - pi_star))) / lam


# ---------------------------------------------------------------- piece 1: learning
def test_learning_headline_at_defaults() -> None:
    h = StrategicPatienceModel().solve().headline
    assert h["belief threshold pi*"] == F(1, 2)
    assert sympy.simplify(h["switch time t* (years)"] - 2 * sympy.log(4)) == 0
    assert float(h["switch time t* (years)"]) == pytest.approx(t_star_by_hand(0.2, 0.5, 0.5, 2.0))
    assert h["P(shift within one term)"] == F(2, 5)  # t* ~ 2.77 < 4
    assert h["P(shift within two terms)"] == F(2, 5)
    assert h["P(shift ever)"] == F(2, 5)
    assert h["DP agrees with closed form"] is True
    assert h["DP switch time (dt = 0.01 years)"] == pytest.approx(2 * math.log(4), abs=0.02)


def test_prior_at_threshold_means_containment_at_once() -> None:
    # pi0 >= pi* = 1/2: switch at once; just below, the US waits a positive time
    at = StrategicPatienceModel(pi0=F(1, 2)).solve().headline
    below = StrategicPatienceModel(pi0=F(49, 100)).solve().headline
    assert at["switch time t* (years)"] == 0
    assert at["P(shift ever)"] == 1
    assert float(below["switch time t* (years)"]) == pytest.approx(t_star_by_hand(0.49, 0.5, 0.5, 2.0))
    assert float(below["switch time t* (years)"]) > 0


def test_shift_within_one_term_flips_with_the_cost() -> None:
    # t* = 4 iff pi*/(1 - pi*) = e^2 / 4, i.e. k = 1 - e^2/(4 + e^2) ~ 0.3512
    k_edge = 1 - math.exp(2) / (4 + math.exp(2))
    assert k_edge == pytest.approx(0.3512, abs=1e-4)
    quick = StrategicPatienceModel(k=F(36, 100)).solve().headline
    slow = StrategicPatienceModel(k=F(34, 100)).solve().headline
    assert quick["P(shift within one term)"] == pytest.approx(0.2 / (1 - 0.36))
    assert slow["P(shift within one term)"] == 0
    assert float(slow["P(shift within two terms)"]) == pytest.approx(0.2 / (1 - 0.34))


def test_cost_schedule_across_administrations() -> None:
    # term 1 at k = 1/4: pi* = 3/4, reached at 2 ln 12 ~ 4.97 > 4, so no shift in term 1;
    # term 2 at k = 1/2 (pi* = 1/2 < pi(4)) shifts at once at t = 4: P = 1/5 + 4/5 e^{-2}
    h = StrategicPatienceModel().solve().headline
    value = h["P(shift within two terms), k_first then k"]
    assert sympy.simplify(value - (F(1, 5) + F(4, 5) * sympy.exp(-2))) == 0
    assert float(value) < 2 / 5
    # a first administration with k = 2/5 (pi* = 3/5, t* = 2 ln 6 ~ 3.58 < 4) shifts in its own term
    early = StrategicPatienceModel(k_first=F(2, 5)).solve().headline
    assert early["P(shift within two terms), k_first then k"] == F(1, 3)


# ---------------------------------------------------------------- piece 2: war of attrition
def test_war_of_attrition_by_hand() -> None:
    h = StrategicPatienceModel().solve().headline
    assert h["attrition hazard US (switch to containment)"] == F(1, 2)  # c_N / V_N
    assert h["attrition hazard DPRK (concede)"] == F(1, 4)  # k / D
    assert h["expected attrition duration (years)"] == F(4, 3)
    assert h["more likely to concede first"] == "US"
    flipped = StrategicPatienceModel(c_N=F(1, 4)).solve().headline  # h_US = 1/8 < 1/4
    assert flipped["more likely to concede first"] == "DPRK"


# ---------------------------------------------------------------- piece 3: cohesion
def test_cohesion_payoffs_by_hand() -> None:
    m = StrategicPatienceModel()
    g = m.cohesion_game("containment")
    Gc = F(1, 5) * F(3, 2)
    assert g.payoff((C, C, C)) == (Gc + F(1, 2), Gc + F(1, 2) - 1, Gc + F(1, 2) - 1)
    # US-Japan pair: mean 1/2, each (1/2)^2 away
    assert g.payoff((C, C, I)) == (Gc + F(1, 4) - F(1, 4), Gc + F(1, 4) - F(1, 4), 0)
    # decision 2: a lone coordinator earns what an independent state earns
    assert g.payoff((C, I, I)) == (0, 0, 0)
    assert g.payoff((I, I, I)) == (0, 0, 0)
    assert set(m.games()) == {"cohesion under patience", "cohesion under containment"}


def test_trilateral_under_patience_hub_and_spoke_under_containment() -> None:
    r = StrategicPatienceModel().solve()
    h = r.headline
    assert h["coalitions in equilibrium under patience"] == ("trilateral",)
    assert h["coalitions in equilibrium under containment"] == ("US-Japan", "US-ROK")
    assert h["cohesion under patience"] == "trilateral"
    assert h["cohesion under containment"] == "hub-and-spoke"
    # all equilibria of the containment game: both US-led pairs, no coordination (weak), and a
    # mixed one where the US coordinates and each ally coordinates with q: 3/10 - q/2 = 0, q = 3/5
    assert r.equilibria is not None
    pure = {eq.pure_profile for eq in r.equilibria if eq.is_pure}
    assert pure == {(C, C, I), (C, I, C), (I, I, I)}
    mixed = [eq for eq in r.equilibria if not eq.is_pure]
    assert len(mixed) == 1
    assert mixed[0]["Japan"][C] == F(3, 5) and mixed[0]["ROK"][C] == F(3, 5)


def test_critical_gamma_both_sides() -> None:
    assert StrategicPatienceModel().critical_gamma() == F(1, 3)  # (1 - 2/4) / (3/2)
    at = StrategicPatienceModel(gamma=F(1, 3)).solve().headline
    below = StrategicPatienceModel(gamma=F(33, 100)).solve().headline
    assert at["cohesion under containment"] == "trilateral"
    assert below["cohesion under containment"] == "hub-and-spoke"
    # other b, G: gamma* = (1 - 2b)/G
    assert StrategicPatienceModel(G=2, b=F(1, 10)).critical_gamma() == F(2, 5)


def test_critical_gamma_symbolic_closed_form() -> None:
    G, b = sympy.symbols("G b", positive=True)
    gamma_star = StrategicPatienceModel(G=G, b=b).critical_gamma()
    assert sympy.simplify(gamma_star - (1 - 2 * b) / G) == 0


def test_symbolic_gamma_gives_conditions() -> None:
    gamma = sympy.Symbol("gamma")
    r = StrategicPatienceModel(gamma=gamma).solve()
    assert r.equilibria is None
    cond = r.headline["trilateral is an equilibrium under containment iff"]
    assert bool(cond.subs(gamma, F(1, 3))) is True
    assert bool(cond.subs(gamma, F(3, 10))) is False
    assert r.headline["critical gamma*"] == F(1, 3)


# ---------------------------------------------------------------- piece 4: commitment problem
def test_commitment_problem_at_defaults() -> None:
    h = StrategicPatienceModel().solve().headline
    assert h["disarmament temptation delta*Delta/(1-delta)"] == F(9, 4)
    assert h["surplus available at once 1 - m_N"] == F(1, 2)
    assert h["one-shot disarmament deal exists"] is False
    assert h["critical power shift Delta*"] == F(1, 18)  # (1/10)(1/2)/(9/10)
    assert h["minimum phases of an action-for-action deal"] == 5  # 9/20 <= 1/2 < 9/16


def test_one_shot_deal_both_sides_of_critical_shift() -> None:
    at = StrategicPatienceModel(Delta=F(1, 18)).solve().headline
    above = StrategicPatienceModel(Delta=F(1, 17)).solve().headline
    assert at["one-shot disarmament deal exists"] is True
    assert at["minimum phases of an action-for-action deal"] == 1
    assert above["one-shot disarmament deal exists"] is False
    assert above["minimum phases of an action-for-action deal"] == 2


def test_phases_at_exact_boundary() -> None:
    # delta = 8/9: temptation (8/9)(1/4)(9) = 2, 2 / (1/2) = 4 phases exactly
    h = StrategicPatienceModel(delta=F(8, 9)).solve().headline
    assert h["minimum phases of an action-for-action deal"] == 4
    none = StrategicPatienceModel(m_N=1).solve().headline
    assert none["minimum phases of an action-for-action deal"] is None


def step_accepted(delta: F, Delta: F, m_N: F, N: int, j: int) -> bool:
    m_j = m_N - (j - 1) * Delta / N
    return 1 + delta * (m_j - Delta / N) / (1 - delta) >= m_j / (1 - delta)


@settings(max_examples=40, deadline=None)
@given(
    st.fractions(min_value=F(1, 20), max_value=F(19, 20), max_denominator=20),
    st.fractions(min_value=0, max_value=1, max_denominator=12),
    st.fractions(min_value=0, max_value=F(9, 10), max_denominator=12),
)
def test_min_phases_is_the_fewest_that_every_step_accepts(delta: F, share: F, m_N: F) -> None:
    Delta = share * m_N
    N = StrategicPatienceModel(delta=delta, Delta=Delta, m_N=m_N).commitment().min_phases
    assert all(step_accepted(delta, Delta, m_N, N, j) for j in range(1, N + 1))
    if N > 1:
        assert not step_accepted(delta, Delta, m_N, N - 1, 1)


def test_symbolic_commitment_condition() -> None:
    d, D, m = sympy.symbols("delta Delta m_N", positive=True)
    c = StrategicPatienceModel(delta=d, Delta=D, m_N=m).commitment()
    assert sympy.simplify(c.critical_shift - (1 - d) * (1 - m) / d) == 0
    assert sympy.simplify(c.temptation - d * D / (1 - d)) == 0


# ---------------------------------------------------------------- the buffer link
def test_shielding_brings_the_shift_forward() -> None:
    base = StrategicPatienceModel()
    shielded = base.with_shielding(BufferDilemmaModel().solve())  # China shields at its defaults
    assert shielded.model.lam == F(3, 8)
    h = shielded.headline
    # pi* = 1 - (1/2)/((3/8) 2) = 1/3; t* = (8/3) ln[(4/5)(1/3) / ((1/5)(2/3))] = (8/3) ln 2
    assert h["belief threshold pi*"] == F(1, 3)
    assert float(h["switch time t* (years)"]) == pytest.approx(8 / 3 * math.log(2))
    assert float(h["switch time t* (years)"]) < 2 * math.log(4)
    pressured = from_buffer_dilemma(BufferDilemmaModel(sigma=1), base)  # China pressures
    assert pressured.model.lam == base.lam
    assert pressured.headline["switch time t* (years)"] == base.solve().headline["switch time t* (years)"]


def test_buffer_link_rejects_what_it_cannot_read() -> None:
    with pytest.raises(ValidationError, match="China's choice"):
        from_buffer_dilemma(object())
    with pytest.raises(ValidationError, match="retained"):
        from_buffer_dilemma(BufferDilemmaModel(), retained=2)


# ---------------------------------------------------------------- protocol, sweep, validation
def test_protocol() -> None:
    m = StrategicPatienceModel()
    r = m.solve()
    assert (
        isinstance(StrategicPatienceModel.QUESTION, str) and "containment" in StrategicPatienceModel.QUESTION
    )
    assert r.game == m.cohesion_game("containment")
    assert "hub-and-spoke" in r.reading and "5 phases" in r.reading
    assert "belief threshold pi*: 1/2" in str(r)
    assert isinstance(get("strategic_patience"), StrategicPatienceModel)
    with pytest.raises(UnknownNameError):
        get("strategic_patience", lambda_=1)


def test_sweep_map_grid_matches_closed_form() -> None:
    m = StrategicPatienceModel()
    result = nea_games.sweep(m, m.map_grid())
    pi0, k = (np.asarray(a) for a in np.meshgrid(*m.map_grid().values(), indexing="ij"))
    expected = np.vectorize(t_star_by_hand)(pi0, 0.5, k, 2.0)
    assert np.allclose(result.values["t* (years)"], expected)
    assert np.array_equal(result.condition("containment at once"), expected == 0)
    one = result.condition("shift within one term")
    assert np.array_equal(one, (expected > 0) & (expected <= 4))
    assert set(result.region_names) <= {
        "containment at once",
        "shift within one term",
        "shift within two terms",
        "patience beyond two terms",
    }
    result.plot()


def test_sweep_cohesion_and_commitment() -> None:
    # to sweep other parameters, make them symbols (the library's convention)
    gamma, G, d, D = sympy.symbols("gamma G delta Delta")
    m = StrategicPatienceModel(gamma=gamma, G=G)
    assert m.sweep_parameters == ("G", "gamma")
    res = nea_games.sweep(m, {"gamma": [0.3, 1 / 3, 0.5], "G": [1.5]}, what="cohesion")
    assert res.condition("trilateral")[:, 0].tolist() == [False, True, True]
    # the US-Japan pair holds iff the ROK does not gain by joining: gamma G + 2b - 1 <= 0, gamma <= 1/3
    # (at gamma = 1/3 the ROK is indifferent, so both structures are equilibria)
    assert res.condition("US-Japan")[:, 0].tolist() == [True, True, False]
    m = StrategicPatienceModel(delta=d, Delta=D)
    res = nea_games.sweep(m, {"Delta": [1 / 18, 0.25], "delta": [0.9]}, what="commitment")
    assert res.condition("one-shot deal")[:, 0].tolist() == [True, False]
    assert res.values["minimum phases"][:, 0].tolist() == [1.0, 5.0]
    # without what=, the kind follows the swept parameters
    assert nea_games.sweep(m, {"Delta": [0.01, 0.25], "delta": [0.9]}).condition("one-shot deal").any()
    with pytest.raises(ValidationError, match="what"):
        m.__nea_sweep__({"pi0": np.array([0.1])}, "bogus")
    with pytest.raises(UnknownNameError):
        m.__nea_sweep__({"rho": np.array([0.1])}, None)


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"pi0": F(6, 5)}, ProbabilityError, "pi0 must lie in [0, 1]"),
        ({"k": 0}, ValidationError, "k must lie in (0, oo)"),
        ({"delta": 1}, ValidationError, "delta must lie in (0, 1)"),
        ({"gamma": F(3, 2)}, ValidationError, "gamma must lie in [0, 1]"),
        ({"Delta": F(3, 4)}, ValidationError, "must not exceed m_N"),
        ({"lam": float("nan")}, NonFiniteError, "lam must be finite"),
        ({"D": "two"}, PayoffTypeError, "D must be a number"),
    ],
)
def test_validation_errors_name_the_parameter(kwargs: dict[str, Any], error: type, words: str) -> None:
    with pytest.raises(error) as info:
        StrategicPatienceModel(**kwargs)
    assert words in str(info.value)
    assert "StrategicPatienceModel" in str(info.value)


def test_float_inputs_give_floats() -> None:
    h = StrategicPatienceModel(pi0=0.2).solve().headline
    assert isinstance(h["switch time t* (years)"], float)
    assert h["switch time t* (years)"] == pytest.approx(2 * math.log(4))


def test_shielding_with_a_low_prior_delays_the_shift_but_makes_it_likelier() -> None:
    # pi0 = 1/100: t* = 2 ln 99 ~ 9.19 at lam = 1/2, but (8/3) ln(99/2) ~ 10.40 at lam' = 3/8,
    # because learning is slower; P(shift) = pi0/pi* still rises, from 1/50 to 3/100
    base = StrategicPatienceModel(pi0=F(1, 100))
    h0 = base.solve().headline
    h1 = base.with_shielding(BufferDilemmaModel()).headline
    assert float(h0["switch time t* (years)"]) == pytest.approx(2 * math.log(99))
    assert float(h1["switch time t* (years)"]) == pytest.approx(8 / 3 * math.log(99 / 2))
    assert h0["P(shift ever)"] == F(1, 50) and h1["P(shift ever)"] == F(3, 100)


def test_symbolic_learning_and_attrition() -> None:
    k, V = sympy.symbols("k V_N", positive=True)
    h = StrategicPatienceModel(k=k, V_N=V).solve().headline
    assert sympy.simplify(h["belief threshold pi*"] - (1 - k)) == 0  # lam D = 1
    assert sympy.simplify(h["attrition hazard US (switch to containment)"] - 1 / V) == 0
    assert sympy.simplify(h["attrition hazard DPRK (concede)"] - k / 2) == 0
    shift = h["P(shift ever)"]  # pi0 / pi* = (1/5)/(1 - k) below the threshold
    assert sympy.simplify(shift.subs(k, F(1, 2)) - F(2, 5)) == 0
    assert shift.subs(k, F(9, 10)) == 1  # pi* = 1/10 < pi0: containment at once


@settings(max_examples=30, deadline=None)
@given(
    st.fractions(min_value=F(1, 50), max_value=F(49, 50), max_denominator=50),
    st.fractions(min_value=F(1, 20), max_value=F(19, 20), max_denominator=20),
)
def test_belief_at_switch_time_equals_threshold(pi0: F, k: F) -> None:
    # Bayes' rule by hand at t*: pi0 / (pi0 + (1 - pi0) e^{-lam t*}) must equal pi* (or exceed it at t* = 0)
    h = StrategicPatienceModel(pi0=pi0, k=k).solve().headline
    t, pi_star = float(h["switch time t* (years)"]), float(h["belief threshold pi*"])
    belief = float(pi0) / (float(pi0) + (1 - float(pi0)) * math.exp(-0.5 * t))
    if t > 0:
        assert belief == pytest.approx(pi_star)
    else:
        assert float(pi0) >= pi_star


def test_edge_cases_of_the_learning_piece() -> None:
    # pi0 = 0: the US is sure a concession will come, so it never switches
    never = StrategicPatienceModel(pi0=0).solve()
    assert never.headline["switch time t* (years)"] == math.inf
    assert never.headline["P(shift ever)"] == 0
    assert "never switches" in never.reading
    # k >= lam D: waiting never pays (pi* clipped to 0), containment at once
    at_once = StrategicPatienceModel(k=5).solve()
    assert at_once.headline["belief threshold pi*"] == 0
    assert at_once.headline["switch time t* (years)"] == 0
    assert "at once" in at_once.reading


# ------------------------------------------------------------------ symbolic solve == numeric solve


_DEFAULT = StrategicPatienceModel()
#: numeric-only: the dynamic programme's cross-check and the cost schedule across administrations
_NUMERIC_ONLY = (
    "DP switch time (dt = 0.01 years)",
    "DP agrees with closed form",
    "P(shift within two terms), k_first then k",
)


@pytest.mark.parametrize(
    "names",
    [(f.name,) for f in dataclasses.fields(StrategicPatienceModel)]
    + [("pi0", "k"), ("gamma", "G"), ("lam", "D"), ("V_N", "c_N"), ("b", "theta_US")],
    ids=lambda names: "-".join(names),
)
def test_symbolic_solve_agrees_with_numeric_solve_at_the_defaults(names: tuple[str, ...]) -> None:
    """Solve with ``names`` as symbols, substitute the defaults back: the numeric headline returns."""
    symbols = {n: sympy.Symbol(n) for n in names}
    point = {symbols[n]: sympy.Rational(str(getattr(_DEFAULT, n))) for n in names}
    numeric = _DEFAULT.solve().headline
    symbolic = StrategicPatienceModel(**symbols).solve().headline
    for key, value in numeric.items():
        if key in _NUMERIC_ONLY and key not in symbolic:
            continue
        if key == "more likely to concede first" and key not in symbolic:
            dprk = bool(sympy.sympify(symbolic["DPRK more likely to concede first iff"]).subs(point))
            assert value == ("DPRK" if dprk else "US")  # no tie at the defaults: hazards 1/4 vs 1/2
        elif key.startswith(("coalitions in equilibrium under", "cohesion under")) and key not in symbolic:
            policy = key.rsplit(" ", 1)[1]
            holds = {
                name: bool(
                    sympy.sympify(symbolic[f"{name} is an equilibrium under {policy} iff"]).subs(point)
                )
                for name in ("trilateral", "US-Japan", "US-ROK", "Japan-ROK")
            }
            found = tuple(name for name, ok in holds.items() if ok)
            assert value == (found if key.startswith("coalitions") else classify(holds)), key
        else:
            assert same_value(symbolic[key], value, point), (key, symbolic[key], value)
