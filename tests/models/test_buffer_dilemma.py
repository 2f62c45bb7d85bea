"""China's buffer dilemma: closed forms derived by hand against the library's derivation."""

from __future__ import annotations

import math
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
import sympy

import nea_games
from nea_games.errors import NonFiniteError, ProbabilityError, UnknownNameError, ValidationError
from nea_games.models import get
from nea_games.models.buffer_dilemma import BufferDilemmaModel


def china_choices(model: BufferDilemmaModel) -> set[str | None]:
    """China's action in every subgame-perfect equilibrium (two at a tie)."""
    result = model.solve()
    assert result.equilibria is not None
    return {eq.choice("China") for eq in result.equilibria}


# ---------------------------------------------------------------- hand-derived closed forms
# DPRK of value v after Pressure: Hold pays kappa (v - K) + (1 - kappa)(v - psi)
#   = v - kappa K - (1 - kappa) psi, Denuclearise pays a,
# so it holds iff v >= v_bar = a + kappa K + (1 - kappa) psi.
def v_bar_by_hand(a: Any, kappa: Any, K: Any, psi: Any) -> Any:
    return a + kappa * K + (1 - kappa) * psi


# Separating regime (resolute holds, pliable gives in, both hold if shielded). China:
#   Pressure: q [kappa (-c - (1 - g) B) + (1 - kappa)(-c - n)] + (1 - q)(-c)
#           = -c - q [kappa (1 - g) B + (1 - kappa) n]
#   Shield:   -sigma - n
# so it pressures iff q <= q* = (n + sigma - c) / ((1 - kappa) n + kappa (1 - g) B).
def q_star_by_hand(n: Any, B: Any, c: Any, kappa: Any, g: Any, sigma: Any) -> Any:
    return (n + sigma - c) / ((1 - kappa) * n + kappa * (1 - g) * B)


SYMBOLS = {
    name: sympy.Symbol(name, positive=True)
    for name in ("n", "B", "c_C", "kappa", "q", "g", "sigma", "a", "K", "psi", "v_low", "v_high")
}


def test_defaults_are_exact_fractions() -> None:
    m = BufferDilemmaModel()
    assert (m.n, m.B, m.c_C, m.kappa, m.q, m.g, m.sigma) == (10, 30, 1, F(1, 5), F(7, 10), 0, 0)
    assert (m.a, m.K, m.psi, m.v_low, m.v_high) == (2, 20, 3, 8, 10)
    assert all(isinstance(v, F) for v in m.parameters.values())
    assert BufferDilemmaModel(n=12).n == F(12)


def test_v_bar_matches_hand_derivation_symbolically() -> None:
    s = SYMBOLS
    model = BufferDilemmaModel(**s)
    derived = model.dprk_cutoff()
    assert sympy.simplify(derived - v_bar_by_hand(s["a"], s["kappa"], s["K"], s["psi"])) == 0
    assert BufferDilemmaModel().dprk_cutoff() == v_bar_by_hand(2, F(1, 5), 20, 3) == F(42, 5)


def test_q_star_matches_hand_derivation_symbolically() -> None:
    s = SYMBOLS
    derived = BufferDilemmaModel(**s).belief_threshold()
    hand = q_star_by_hand(s["n"], s["B"], s["c_C"], s["kappa"], s["g"], s["sigma"])
    assert sympy.simplify(derived - hand) == 0
    # the numeric model derives it from China's condition on its own tree (critical_value)
    assert BufferDilemmaModel().belief_threshold() == q_star_by_hand(10, 30, 1, F(1, 5), 0, 0) == F(9, 14)
    other = BufferDilemmaModel(n=12, B=40, c_C=2, kappa=F(1, 4), g=F(1, 2), sigma=1)
    assert other.belief_threshold() == q_star_by_hand(12, 40, 2, F(1, 4), F(1, 2), 1)


def test_symbolic_model_returns_conditions() -> None:
    q, g = sympy.symbols("q g")
    result = BufferDilemmaModel(q=q, g=g).solve()
    assert result.equilibria is None
    cond = result.headline["China pressures iff"]
    assert cond.subs({q: F(7, 10), g: 0}) == sympy.false
    assert cond.subs({q: F(1, 2), g: 0}) == sympy.true
    assert "condition" in result.reading


# ---------------------------------------------------------------- the defaults claims
def test_defaults_china_shields_and_talks_have_no_leverage() -> None:
    result = BufferDilemmaModel().solve()
    h = result.headline
    assert result.equilibria is not None and len(result.equilibria) == 1
    assert h["China's choice"] == "Shield"
    assert h["resolute DPRK after Pressure"] == "Hold"
    assert h["pliable DPRK after Pressure"] == "Denuclearise"
    assert h["probability of denuclearisation"] == 0
    assert h["probability of collapse"] == 0
    assert h["DPRK cut-off v̄"] == F(42, 5)
    assert h["belief threshold q*"] == F(9, 14)
    assert h["q* falls as collapse risk rises"] is True
    assert "no leverage" in result.reading
    assert result.equilibria[0].is_subgame_perfect()


def test_levers_hand_values() -> None:
    # Pressure iff (7/10)(8 + 6 (1 - g)) <= 9 + sigma: g >= 4/21 (sigma = 0), sigma >= 4/5 (g = 0)
    h = BufferDilemmaModel().solve().headline
    assert h["smallest g that flips China to pressure"] == F(4, 21)
    assert h["smallest sigma that flips China to pressure"] == F(4, 5)


# ---------------------------------------------------------------- both sides of each threshold
@pytest.mark.parametrize(
    ("q", "expected"), [(F(9, 14) - F(1, 100), {"Pressure"}), (F(9, 14) + F(1, 100), {"Shield"})]
)
def test_both_sides_of_q_star(q: F, expected: set[str]) -> None:
    assert china_choices(BufferDilemmaModel(q=q)) == expected


def test_tie_at_q_star_gives_both() -> None:
    assert china_choices(BufferDilemmaModel(q=F(9, 14))) == {"Pressure", "Shield"}


def test_leverage_and_collapse_when_china_pressures() -> None:
    h = BufferDilemmaModel(sigma=1).solve().headline
    assert h["China's choice"] == "Pressure"
    assert h["probability of denuclearisation"] == 1 - F(7, 10)
    assert h["probability of collapse"] == F(7, 10) * F(1, 5)


def test_both_sides_of_v_bar() -> None:
    below = BufferDilemmaModel(v_low=8, v_high=F(42, 5) - F(1, 10)).solve().headline
    assert below["resolute DPRK after Pressure"] == "Denuclearise"
    assert below["China's choice"] == "Pressure"  # both types give in: pressure is free of collapse risk
    assert below["probability of denuclearisation"] == 1
    assert BufferDilemmaModel(v_low=8, v_high=F(42, 5) - F(1, 10)).belief_threshold() is None
    above = BufferDilemmaModel(v_low=F(42, 5) + F(1, 10), v_high=10).solve().headline
    assert above["pliable DPRK after Pressure"] == "Hold"


@pytest.mark.parametrize(
    ("lever", "value", "expected"),
    [
        ("g", F(4, 21) - F(1, 100), {"Shield"}),
        ("g", F(4, 21) + F(1, 100), {"Pressure"}),
        ("sigma", F(4, 5) - F(1, 100), {"Shield"}),
        ("sigma", F(4, 5) + F(1, 100), {"Pressure"}),
    ],
)
def test_both_sides_of_the_us_levers(lever: str, value: F, expected: set[str]) -> None:
    assert china_choices(BufferDilemmaModel(**{lever: value})) == expected


def test_no_buffer_guarantee_suffices_when_nuclear_cost_dominates() -> None:
    # q = 1, kappa = 0: pressure gives -c - n < -n = shield, whatever g; sigma >= c_C flips China
    m = BufferDilemmaModel(q=1, kappa=0)
    assert m.smallest_g() is None
    assert m.smallest_sigma() == 1


# ---------------------------------------------------------------- the dilemma in kappa
def test_dilemma_when_buffer_exceeds_nuclear_cost() -> None:
    effect = BufferDilemmaModel().pressure_threshold_in_kappa()  # B = 30 > n = 10
    kappa = sympy.Symbol("kappa", positive=True)
    hand = q_star_by_hand(10, 30, 1, kappa, 0, 0)
    assert sympy.simplify(effect.q_star - hand) == 0
    assert effect.sign == -1 and effect.dilemma is True
    low, high = (BufferDilemmaModel(kappa=k).belief_threshold() for k in (F(1, 5), F(1, 4)))
    assert high < low  # still separating at kappa = 1/4: v_bar = 2 + 5 + 9/4 < 10
    # q* = 9/14 at kappa = 1/5 and 9/15 at kappa = 1/4: q = 31/50 lies between
    assert china_choices(BufferDilemmaModel(q=F(31, 50), kappa=F(1, 5))) == {"Pressure"}
    assert china_choices(BufferDilemmaModel(q=F(31, 50), kappa=F(1, 4))) == {"Shield"}


def test_no_dilemma_when_nuclear_cost_exceeds_buffer() -> None:
    effect = BufferDilemmaModel(B=5).pressure_threshold_in_kappa()  # B = 5 < n = 10
    assert effect.sign == 1 and effect.dilemma is False
    # types separate for kappa in (3/17, 5/17] (v_bar = 5 + 17 kappa); with c_C = 4, q* = 6 / (10 - 5 kappa)
    low, high = (BufferDilemmaModel(B=5, c_C=4, kappa=k).belief_threshold() for k in (F(1, 5), F(1, 4)))
    assert (low, high) == (F(2, 3), F(24, 35))
    assert china_choices(BufferDilemmaModel(B=5, c_C=4, q=F(27, 40), kappa=F(1, 5))) == {"Shield"}
    assert china_choices(BufferDilemmaModel(B=5, c_C=4, q=F(27, 40), kappa=F(1, 4))) == {"Pressure"}
    assert BufferDilemmaModel(B=10).pressure_threshold_in_kappa().sign == 0


def test_dilemma_condition_is_b_greater_than_n_symbolically() -> None:
    effect = BufferDilemmaModel(B=SYMBOLS["B"], n=SYMBOLS["n"]).pressure_threshold_in_kappa()
    # d q*/d kappa = -(n - 1) (B - n) / ((1 - kappa) n + kappa B)^2 at c_C = 1, g = sigma = 0
    n, B, kappa = SYMBOLS["n"], SYMBOLS["B"], effect.q_star.free_symbols - {SYMBOLS["n"], SYMBOLS["B"]}
    (k,) = kappa
    hand = -(n - 1) * (B - n) / ((1 - k) * n + k * B) ** 2
    assert sympy.simplify(effect.derivative - hand) == 0


# ---------------------------------------------------------------- tree, sweep, registry
def test_tree_structure_and_payoffs() -> None:
    game = BufferDilemmaModel().tree()
    assert len(game.infosets["China"]) == 2  # China does not see the DPRK's type
    assert game.node("Pliable/Shield/Hold").payoffs == (F(-10), F(8))
    assert game.node("Resolute/Pressure/Hold/Survive").payoffs == (F(-11), F(7))
    assert game.node("Resolute/Pressure/Hold/Collapse").payoffs == (F(-31), F(-10))
    assert game.root.probabilities == {"Resolute": F(7, 10), "Pliable": F(3, 10)}


def test_sweep_maps_where_china_pressures() -> None:
    qs, gs = [0.5, 0.7, 0.9], [0.0, 0.3, 1.0]
    result = nea_games.sweep(BufferDilemmaModel(), {"q": qs, "g": gs})
    pressures = result.condition("China pressures")
    for i, q in enumerate(qs):
        for j, g in enumerate(gs):
            model = BufferDilemmaModel(q=F(q).limit_denominator(), g=F(g).limit_denominator())
            assert bool(pressures[i, j]) == ("Pressure" in china_choices(model))
    assert math.isclose(result.values["q*"][0, 0], 9 / 14)


def test_sweep_over_symbolic_parameters() -> None:
    model = BufferDilemmaModel(q=sympy.Symbol("q"), kappa=sympy.Symbol("kappa"))
    assert model.sweep_parameters == ("kappa", "q")
    result = nea_games.sweep(model, {"kappa": [0.1, 0.2, 0.29], "q": [0.6]})
    # v_bar = 5 + 17 kappa: at kappa = 0.1 both types hold and pressure costs -1 - (9 + 3) < -10: Shield.
    # Separating for kappa in (3/17, 5/17]: q* = 9 / (10 + 20 kappa) = 9/14 at 0.2, 9/15.8 at 0.29
    assert result.condition("China pressures")[:, 0].tolist() == [False, True, False]
    assert np.isnan(result.values["q*"][0, 0])
    assert np.allclose(result.values["q*"][1:, 0], [9 / 14, 9 / 15.8])
    assert np.allclose(result.values["v̄"][:, 0], [6.7, 8.4, 9.93])


def test_registry_builds_the_model() -> None:
    m = get("buffer_dilemma", q=F(1, 2))
    assert isinstance(m, BufferDilemmaModel) and m.q == F(1, 2)
    assert m.with_values(g=F(1, 3)).g == F(1, 3)
    with pytest.raises(UnknownNameError):
        m.with_values(rho=1)


# ---------------------------------------------------------------- validation
@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"q": 2}, ProbabilityError),
        ({"kappa": -0.1}, ProbabilityError),
        ({"g": F(3, 2)}, ProbabilityError),
        ({"n": 0}, ValidationError),
        ({"B": -1}, ValidationError),
        ({"sigma": -1}, ValidationError),
        ({"psi": -3}, ValidationError),
        ({"v_low": 11}, ValidationError),
        ({"c_C": float("nan")}, NonFiniteError),
        ({"a": [1]}, ValidationError),
        ({"K": True}, ValidationError),
    ],
)
def test_validation(kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error, match="BufferDilemmaModel"):
        BufferDilemmaModel(**kwargs)


def test_kappa_comparative_static_is_silent_where_the_types_pool() -> None:
    # At kappa = 1/2 the cut-off a + kappa K + (1 - kappa) psi = 2 + 10 + 3/2 = 27/2 exceeds both
    # types' values (8 and 10): both denuclearise under pressure, China pressures whatever it
    # believes, so there is no belief threshold and no comparative static in kappa to report.
    from fractions import Fraction

    from nea_games.models.buffer_dilemma import BufferDilemmaModel

    headline = BufferDilemmaModel(kappa=Fraction(1, 2)).solve().headline
    assert headline["belief threshold q*"] is None
    assert headline["q* falls as collapse risk rises"] is None
