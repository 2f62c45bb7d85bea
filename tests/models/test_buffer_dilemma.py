"""China's buffer dilemma: closed forms derived by hand against the library's derivation."""

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


# ---------------------------------------------------------------- the model protocol
def test_protocol_question_games_grid_and_result_view() -> None:
    from nea_games.models._result import HeadlineView
    from nea_games.models.registry import KNOWN

    assert KNOWN["buffer_dilemma"].cls == "BufferDilemmaModel"
    assert isinstance(BufferDilemmaModel.QUESTION, str) and "China" in BufferDilemmaModel.QUESTION
    model = BufferDilemmaModel()
    assert set(model.games()) == {"buffer dilemma"}
    assert model.games()["buffer dilemma"] == model.tree()
    grid = model.map_grid()
    assert list(grid) == ["q", "g"] and all(len(v) == 41 for v in grid.values())
    result = model.solve()
    assert isinstance(result, HeadlineView)
    assert result.model is model and result.game == model.tree() and result.equilibria is not None
    assert str(result).startswith("China's choice: Shield")
    assert "| belief threshold q* |" in result.to_markdown()
    # exact headline values: rationals as Fraction
    assert isinstance(result.headline["belief threshold q*"], F)
    assert isinstance(result.headline["DPRK cut-off v̄"], F)


def test_map_grid_follows_symbolic_parameters() -> None:
    model = BufferDilemmaModel(kappa=sympy.Symbol("kappa"), B=sympy.Symbol("B"))
    grid = model.map_grid()
    assert list(grid) == ["B", "kappa"]
    assert grid["kappa"][-1] == 1.0 and grid["B"][-1] == 60.0  # twice the default 30
    swept = nea_games.sweep(model, grid)
    assert swept.shape == (41, 41)


def test_default_map_draws() -> None:
    model = BufferDilemmaModel()
    figure = nea_games.sweep(model, model.map_grid()).plot()
    assert figure.axes


# ---------------------------------------------------------------- continuous intensity (DESIGN §4.2)
# Hand derivation (modelling decision in nea_games.models._buffer_intensity):
#   D = kappa K + (1 - kappa) psi; a type of value v gives in iff s >= s_v = (v - a) / D.
#   U_C(s) = -c s - sigma (1 - s) - sum_{v holding} p_v [kappa s (1 - g) B + (1 - kappa s) n]
#   U_US(s) = -n_US sum_{v holding} p_v (1 - kappa s)
# Defaults: D = 4 + 12/5 = 32/5; s_l = 6 / (32/5) = 15/16; s_h = 8 / (32/5) = 5/4 > 1 (never).
def china_by_hand(s: F, sigma: F = F(0), holding: tuple[F, ...] = (F(7, 10), F(3, 10))) -> F:
    kappa, B, n, c, g = F(1, 5), 30, 10, 1, 0
    loss = kappa * s * (1 - g) * B + (1 - kappa * s) * n
    return -c * s - sigma * (1 - s) - sum(p * loss for p in holding)


def test_intensity_reduces_to_the_discrete_game_at_0_and_1() -> None:
    variant = BufferDilemmaModel().intensity()
    s = sympy.Symbol("s", nonnegative=True)
    # s = 0: both types hold under shielding, China pays n = 10; s = 1: the discrete Pressure payoff
    assert variant.china_payoff.subs(s, 0) == -10 == china_by_hand(F(0))
    assert variant.china_payoff.subs(s, 1) == F(-54, 5) == china_by_hand(F(1), holding=(F(7, 10),))
    # the discrete tree's expected payoffs of Shield and Pressure
    discrete = BufferDilemmaModel().solve()
    assert discrete.headline["China's choice"] == "Shield" and variant.s_star == 0


def test_intensity_cutoffs_and_defaults_by_hand() -> None:
    variant = BufferDilemmaModel().intensity()
    assert variant.cutoffs == {"pliable": F(15, 16), "resolute": None}
    assert variant.candidates == (0, F(15, 16), 1)
    assert (variant.s_star, variant.s_us, variant.gap) == (0, 1, 1)
    # China's slope on [0, 15/16): -c + sigma - (q + (1 - q)) kappa ((1 - g) B - n) = -1 - 4 = -5
    assert variant.slopes[(F(0), F(15, 16))] == -5
    assert variant.slopes[(F(15, 16), F(1))] == -1 - F(7, 10) * F(1, 5) * 20
    h = BufferDilemmaModel().solve().headline
    assert h["China's optimal pressure intensity s*"] == 0
    assert h["US preferred pressure intensity s_US"] == 1
    assert h["intensity gap s_US - s*"] == 1


# U_C(15/16) - U_C(0) = (15 sigma - 9) / 16: s* leaves 0 at sigma = 3/5;
# U_C(15/16) = -(169 + sigma) / 16 >= U_C(1) = -54/5 iff sigma <= 19/5.
@pytest.mark.parametrize(
    ("sigma", "s_star"),
    [
        (F(3, 5) - F(1, 100), F(0)),
        (F(3, 5) + F(1, 100), F(15, 16)),
        (F(19, 5) - F(1, 100), F(15, 16)),
        (F(19, 5) + F(1, 100), F(1)),
    ],
)
def test_china_optimal_intensity_on_both_sides_of_each_corner(sigma: F, s_star: F) -> None:
    assert china_by_hand(F(15, 16), sigma, (F(7, 10),)) - china_by_hand(F(0), sigma) == (15 * sigma - 9) / 16
    variant = BufferDilemmaModel(sigma=sigma).intensity()
    assert variant.s_star == s_star
    assert variant.s_us == 1 and variant.gap == 1 - s_star


# Without collapse risk (kappa = 0) and psi = 8: D = 8, s_l = 6/8 = 3/4, s_h = (v_h - 2)/8.
# The US payoff is flat where the resolute type holds, so the US needs s_h <= 1 (v_h <= 10) to want s = 1.
@pytest.mark.parametrize(("v_high", "s_us"), [(F(10), F(1)), (F(10) + F(1, 10), F(3, 4))])
def test_us_preferred_intensity_on_both_sides_of_its_corner(v_high: F, s_us: F) -> None:
    variant = BufferDilemmaModel(kappa=0, psi=8, v_high=v_high).intensity()
    assert variant.cutoffs["pliable"] == F(3, 4)
    assert variant.s_us == s_us
    # China: U(3/4) = -3/4 - 7 (resolute holds, no collapse), U(1) = -1 - (7 if v_h > 10 else 0)
    assert variant.s_star == (F(1) if v_high == 10 else F(3, 4))


def test_intensity_figure_and_symbolic_refusal() -> None:
    from nea_games.errors import ParametricGameError

    variant = BufferDilemmaModel().intensity()
    china, us = variant.payoffs([0.0, 1.0])
    assert np.allclose(china, [-10, -10.8]) and np.allclose(us, [-10, -5.6])
    assert len(variant.plot().axes[0].lines) == 4
    with pytest.raises(ParametricGameError, match="intensity"):
        BufferDilemmaModel(q=sympy.Symbol("q")).intensity()
    assert "s_US" not in str(BufferDilemmaModel(q=sympy.Symbol("q")).solve().headline)


def test_negative_gap_when_sanctions_make_china_press_beyond_us_needs() -> None:
    # psi = 10: D = 4 + 8 = 12, s_l = 6/12 = 1/2, s_h = 8/12 = 2/3 (both types give in before s = 1).
    # China with sigma = 2 > c_C = 1: U(0) = -12, U(1/2) = -1/2 - 1 - (7/10)(3 + 9) = -99/10,
    # U(2/3) = -2/3 - 2/3 = -4/3, U(1) = -1: s* = 1. The US gets 0 from s = 2/3 on: s_US = 2/3.
    variant = BufferDilemmaModel(psi=10, sigma=2).intensity()
    assert variant.cutoffs == {"pliable": F(1, 2), "resolute": F(2, 3)}
    s = sympy.Symbol("s", nonnegative=True)
    values = [variant.china_payoff.subs(s, x) for x in (0, F(1, 2), F(2, 3), 1)]
    assert values == [-12, F(-99, 10), F(-4, 3), -1]
    assert (variant.s_star, variant.s_us, variant.gap) == (1, F(2, 3), F(-1, 3))


@settings(max_examples=25, deadline=None)
@given(
    sigma=st.fractions(0, 6, max_denominator=20),
    kappa=st.fractions(0, 1, max_denominator=20),
    psi=st.fractions(0, 12, max_denominator=4),
)
def test_intensity_optimum_beats_a_fine_grid(sigma: F, kappa: F, psi: F) -> None:
    # the corner argument: no intensity on a fine grid does better than s* (China) or s_US (the US)
    variant = BufferDilemmaModel(sigma=sigma, kappa=kappa, psi=psi).intensity()
    grid = np.linspace(0, 1, 401)
    china, us = variant.payoffs(grid)
    best_china, best_us = variant.payoffs([float(variant.s_star), float(variant.s_us)])
    assert china.max() <= best_china[0] + 1e-9 and us.max() <= best_us[1] + 1e-9
    assert 0 <= variant.s_star <= 1 and 0 <= variant.s_us <= 1


# ------------------------------------------------------------------ symbolic solve == numeric solve


_DEFAULT = BufferDilemmaModel()
#: numeric headline entries a symbolic solve states as a condition instead
_AS_CONDITIONS = {
    "China's choice": ("China pressures iff", "Pressure"),
    "resolute DPRK after Pressure": ("resolute DPRK holds after Pressure iff", "Hold"),
    "pliable DPRK after Pressure": ("pliable DPRK holds after Pressure iff", "Hold"),
}
#: numeric-only entries: the US levers' thresholds and the intensity variant (it refuses symbols)
_NUMERIC_ONLY = (
    "smallest g that flips China to pressure",
    "smallest sigma that flips China to pressure",
    "China's optimal pressure intensity s*",
    "US preferred pressure intensity s_US",
    "intensity gap s_US - s*",
)


@pytest.mark.parametrize(
    "names",
    [(f.name,) for f in dataclasses.fields(BufferDilemmaModel)]
    + [("q", "g"), ("kappa", "B"), ("n", "B"), ("sigma", "psi")],
    ids=lambda names: "-".join(names),
)
def test_symbolic_solve_agrees_with_numeric_solve_at_the_defaults(names: tuple[str, ...]) -> None:
    """Solve with ``names`` as symbols, substitute the defaults back: the numeric headline returns."""
    symbols = {n: sympy.Symbol(n) for n in names}
    point = {symbols[n]: sympy.Rational(str(getattr(_DEFAULT, n))) for n in names}
    numeric = _DEFAULT.solve().headline
    symbolic = BufferDilemmaModel(**symbols).solve().headline
    for key, value in numeric.items():
        if key in _AS_CONDITIONS and key not in symbolic:
            condition, action = _AS_CONDITIONS[key]
            assert bool(sympy.sympify(symbolic[condition]).subs(point)) == (value == action), key
        elif key in _NUMERIC_ONLY and symbolic.get(key) is None:
            assert value is not None
        else:
            assert same_value(symbolic[key], value, point), (key, symbolic[key], value)
