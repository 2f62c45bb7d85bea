"""The quasi-alliance model (nea_games.models.quasi_alliance).

Closed forms are derived by hand here, independently of the library:

* (C, C) is an equilibrium for state i iff M_i >= f, with
  M_i = beta_i abar_i (1 - kappa) - h_i - eps_i, i.e.
  kappa <= kappa*_i = 1 - (h_i + eps_i + f) / (beta_i abar_i).
  Defaults: Japan 1 - 3/6 = 1/2, ROK 1 - 3/8 = 5/8.
* Mixed equilibrium: Japan's P(C) p makes the ROK indifferent,
  p M_K - (1 - p)(h_K + s) = p f, so p = (h_K + s) / (M_K - f + h_K + s); likewise q.
* Risk dominance: (C, C) beats (N, N) iff (M_J - f)(M_K - f) > (h_J + s)(h_K + s).
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import numpy as np
import pytest
import sympy
from headline_check import same_value

import nea_games
from nea_games.errors import NonFiniteError, PayoffTypeError, UnknownNameError, ValidationError
from nea_games.models import get
from nea_games.models.quasi_alliance import QuasiAllianceModel

F = Fraction


def test_defaults_are_exact_and_documented_values() -> None:
    m = QuasiAllianceModel()
    assert (m.beta_J, m.beta_K, m.h_J, m.h_K, m.eps_J, m.eps_K) == (10, 10, 1, 2, 2, 1)
    assert (m.abar_J, m.abar_K, m.s, m.f, m.kappa) == (F(3, 5), F(4, 5), 1, 0, F(3, 5))
    assert all(isinstance(v, Fraction) for v in (m.kappa, m.abar_J, m.beta_J))


def test_game_matrix_by_hand() -> None:
    m = QuasiAllianceModel(kappa=F(1, 4))
    g = m.game()
    M_J = 10 * F(3, 5) * F(3, 4) - 1 - 2
    M_K = 10 * F(4, 5) * F(3, 4) - 2 - 1
    assert g.payoff(("Cooperate", "Cooperate")) == (M_J, M_K)
    assert g.payoff(("Cooperate", "Not")) == (-2, 0)
    assert g.payoff(("Not", "Cooperate")) == (0, -3)
    assert g.payoff(("Not", "Not")) == (0, 0)
    assert g.players == ("Japan", "ROK")


def test_symbolic_thresholds_match_closed_form() -> None:
    k, bJ, bK, hJ, hK, eJ, eK, aJ, aK, s, f = sympy.symbols(
        "kappa beta_J beta_K h_J h_K eps_J eps_K abar_J abar_K s f"
    )
    m = QuasiAllianceModel(
        kappa=k, beta_J=bJ, beta_K=bK, h_J=hJ, h_K=hK, eps_J=eJ, eps_K=eK, abar_J=aJ, abar_K=aK, s=s, f=f
    )
    th = m.thresholds()
    assert sympy.simplify(th["Japan"] - (1 - (hJ + eJ + f) / (bJ * aJ))) == 0
    assert sympy.simplify(th["ROK"] - (1 - (hK + eK + f) / (bK * aK))) == 0


def test_default_thresholds_and_friction() -> None:
    r = QuasiAllianceModel().solve()
    h = r.headline
    kJ = 1 - F(1 + 2 + 0, 10 * 3) * 5  # 1 - 3/6
    kK = 1 - F(2 + 1 + 0) / (10 * F(4, 5))
    assert (kJ, kK) == (F(1, 2), F(5, 8))
    assert h["threshold kappa*_J (Japan)"] == kJ
    assert h["threshold kappa*_K (ROK)"] == kK
    assert h["binding threshold kappa*"] == F(1, 2)
    assert h["binding state"] == "Japan"
    assert h["friction zone"] is True
    assert h["(C, C) is an equilibrium"] is False
    assert [eq.pure_profile for eq in r.equilibria] == [("Not", "Not")]
    assert h["Snyder preferred commitment a/(a+e)"] == {"Japan": F(6, 8), "ROK": F(8, 9)}
    assert "friction zone" in r.reading


@pytest.mark.parametrize(
    ("kappa", "cc", "friction"),
    [
        (F(1, 2), True, False),
        (F(1, 2) + F(1, 100), False, True),
        (F(5, 8), False, True),
        (F(5, 8) + F(1, 100), False, False),
        (F(1), False, False),
        (F(0), True, False),
    ],
)
def test_both_sides_of_each_threshold(kappa: Fraction, cc: bool, friction: bool) -> None:
    r = QuasiAllianceModel(kappa=kappa).solve()
    assert r.headline["(C, C) is an equilibrium"] is cc
    assert r.headline["friction zone"] is friction
    profiles = [eq.pure_profile for eq in r.equilibria if eq.is_pure]
    assert (("Cooperate", "Cooperate") in profiles) is cc
    assert ("Not", "Not") in profiles


def test_roles_swap_when_japan_fears_more() -> None:
    r = QuasiAllianceModel(abar_J=1, abar_K=F(1, 2), kappa=F(3, 5)).solve()
    # Japan: 1 - 3/10 = 7/10; ROK: 1 - 3/5 = 2/5
    assert r.headline["binding state"] == "ROK"
    assert r.headline["binding threshold kappa*"] == F(2, 5)
    assert r.headline["friction zone"] is True


def test_mixed_equilibrium_by_hand() -> None:
    kappa = F(2, 5)
    M_J = 10 * F(3, 5) * (1 - kappa) - 3
    M_K = 10 * F(4, 5) * (1 - kappa) - 3
    p = F(2 + 1) / (M_K - 0 + 3)
    q = F(1 + 1) / (M_J - 0 + 2)
    assert (p, q) == (F(5, 8), F(10, 13))
    r = QuasiAllianceModel(kappa=kappa).solve()
    assert r.headline["mixed equilibrium P(Cooperate) (Japan, ROK)"] == (p, q)
    mixed = [eq for eq in r.equilibria if not eq.is_pure]
    assert len(mixed) == 1 and mixed[0].strategies[0][0] == p and mixed[0].strategies[1][0] == q


def test_risk_dominance_both_sides() -> None:
    # (C, C) risk-dominates iff (M_J)(M_K) > 2 * 3 with x = 1 - kappa:
    # (6x - 3)(8x - 3) = 6  <=>  16x^2 - 14x + 1 = 0, x = (7 + sqrt(33))/16, kappa ~ 0.2035
    root = (9 - np.sqrt(33)) / 16
    low = QuasiAllianceModel(kappa=F(1, 10)).solve()
    high = QuasiAllianceModel(kappa=F(3, 10)).solve()
    assert F(1, 10) < root < F(3, 10)
    assert low.headline["risk-dominant equilibrium"] == "(Cooperate, Cooperate)"
    assert high.headline["risk-dominant equilibrium"] == "(Not, Not)"
    exact = QuasiAllianceModel().solve().headline["risk-dominance threshold kappa_RD"]
    assert sympy.simplify(exact - (9 - sympy.sqrt(33)) / 16) == 0
    k = sympy.Symbol("kappa")
    cond = QuasiAllianceModel(kappa=k).solve().headline["(C, C) risk-dominates (N, N) iff"]
    assert bool(cond.subs(k, sympy.Rational(1, 10))) and not bool(cond.subs(k, sympy.Rational(3, 10)))


def test_after_containment_raises_cooperation() -> None:
    before = QuasiAllianceModel().solve()
    after = QuasiAllianceModel().after_containment(F(1, 5))
    assert after.model.kappa == F(2, 5)
    assert before.headline["(C, C) is an equilibrium"] is False
    assert after.headline["(C, C) is an equilibrium"] is True
    assert QuasiAllianceModel(kappa=F(1, 10)).after_containment(F(1, 2)).model.kappa == 0
    with pytest.raises(ValidationError):
        QuasiAllianceModel().after_containment(-1)


def test_symbolic_kappa_gives_conditions() -> None:
    k = sympy.Symbol("kappa")
    r = QuasiAllianceModel(kappa=k).solve()
    assert r.equilibria is None
    assert r.headline["(C, C) is an equilibrium"] == (k <= sympy.Rational(1, 2))


def test_sweep_protocol_and_parametric_game_agree() -> None:
    grid = {"kappa": np.linspace(0, 1, 41)}
    model = QuasiAllianceModel()
    via_model = nea_games.sweep(model, grid)
    via_game = nea_games.sweep(model.parametric_game(), grid)
    cc = via_model.condition("(Cooperate, Cooperate)")
    assert np.array_equal(cc, via_game.condition(("Cooperate", "Cooperate")))
    assert np.array_equal(cc, grid["kappa"] <= 0.5)
    assert np.allclose(via_model.values["kappa*"], 0.5)


def test_float_parameters_work() -> None:
    r = QuasiAllianceModel(kappa=0.3, abar_J=0.6).solve()
    assert r.headline["(C, C) is an equilibrium"] is True
    assert r.headline["threshold kappa*_J (Japan)"] == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"kappa": F(3, 2)}, ValidationError),
        ({"kappa": -1}, ValidationError),
        ({"beta_J": 0}, ValidationError),
        ({"abar_K": 0}, ValidationError),
        ({"abar_J": 2}, ValidationError),
        ({"h_K": -1}, ValidationError),
        ({"s": -1}, ValidationError),
        ({"eps_J": float("nan")}, NonFiniteError),
        ({"f": "x"}, PayoffTypeError),
        ({"s": True}, PayoffTypeError),
    ],
)
def test_validation_errors(kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        QuasiAllianceModel(**kwargs)


def test_registry_builds_the_model() -> None:
    m = get("quasi_alliance", kappa=F(1, 5))
    assert isinstance(m, QuasiAllianceModel) and m.kappa == F(1, 5)
    with pytest.raises(UnknownNameError):
        get("quasi_alliance", kapa=1)


def test_other_symbolic_parameter_in_conditions_and_sweep() -> None:
    h = sympy.Symbol("h_J")
    r = QuasiAllianceModel(h_J=h).solve()
    # at kappa = 3/5: M_J = 6 * 2/5 - h - 2 >= 0  <=>  h <= 2/5
    assert r.headline["(C, C) is an equilibrium"] == (h <= sympy.Rational(2, 5))
    swept = nea_games.sweep(QuasiAllianceModel(h_J=h), {"kappa": [0.0, 0.55], "h_J": [0.0, 1.0]})
    # Japan's threshold 1 - (h + 2)/6: 2/3 at h = 0, 1/2 at h = 1; the ROK's is 5/8
    assert swept.condition("(Cooperate, Cooperate)").tolist() == [[True, True], [True, False]]
    assert np.allclose(swept.values["kappa*"], [[0.625, 0.5], [0.625, 0.5]])


# ---------------------------------------------------------------- the model protocol
def test_protocol_question_games_grid_and_result_view() -> None:
    from nea_games.models._result import HeadlineView

    assert "abandonment" in QuasiAllianceModel.QUESTION
    model = QuasiAllianceModel()
    games = model.games()
    assert games["cooperation"] == model.game()
    assert games["cooperation (kappa symbolic)"].parameters == (sympy.Symbol("kappa"),)
    grid = model.map_grid()
    assert list(grid) == ["kappa"] and len(grid["kappa"]) == 41
    swept = nea_games.sweep(model, grid)
    assert swept.plot().axes
    result = model.solve()
    assert isinstance(result, HeadlineView)
    assert result.model is model and result.game == model.game() and result.equilibria is not None
    assert str(result).startswith("threshold kappa*_J (Japan): 1/2")
    assert isinstance(result.headline["binding threshold kappa*"], Fraction)
    assert QuasiAllianceModel(h_J=sympy.Symbol("h_J")).map_grid()["h_J"][-1] == 4.0


def test_range_messages_name_the_model_and_range() -> None:
    with pytest.raises(ValidationError, match=r"QuasiAllianceModel: abar_J must lie in \(0, 1\], got 2"):
        QuasiAllianceModel(abar_J=2)
    with pytest.raises(ValidationError, match=r"kappa_drop must lie in \[0, oo\)"):
        QuasiAllianceModel().after_containment(-1)


# ------------------------------------------------------------------ symbolic solve == numeric solve


_DEFAULT = QuasiAllianceModel()


@pytest.mark.parametrize(
    "names",
    [(f.name,) for f in dataclasses.fields(QuasiAllianceModel)]
    + [("kappa", "h_J"), ("kappa", "eps_K"), ("s", "f")],
    ids=lambda names: "-".join(names),
)
def test_symbolic_solve_agrees_with_numeric_solve_at_the_defaults(names: tuple[str, ...]) -> None:
    """Solve with ``names`` as symbols, substitute the defaults back: the numeric headline returns."""
    symbols = {n: sympy.Symbol(n) for n in names}
    point = {symbols[n]: sympy.Rational(str(getattr(_DEFAULT, n))) for n in names}
    numeric = _DEFAULT.solve().headline
    symbolic = QuasiAllianceModel(**symbols).solve().headline
    holds = sympy.sympify(symbolic["mixed equilibrium exists iff"]).subs(point)
    assert bool(holds) == (numeric["mixed equilibrium P(Cooperate) (Japan, ROK)"] is not None)
    dominates = bool(sympy.sympify(symbolic["(C, C) risk-dominates (N, N) iff"]).subs(point))
    assert dominates == (numeric["risk-dominant equilibrium"] == "(Cooperate, Cooperate)")
    for key, value in numeric.items():
        if key == "binding state" and symbolic[key] == "depends on the parameters":
            assert value == (
                "Japan"
                if same_value(
                    symbolic["threshold kappa*_J (Japan)"], numeric["binding threshold kappa*"], point
                )
                else "ROK"
            )
        elif key == "mixed equilibrium P(Cooperate) (Japan, ROK)" and value is None:
            continue  # checked above: no mixed equilibrium at the defaults
        elif key == "risk-dominant equilibrium":
            continue  # checked above through its condition
        elif key == "risk-dominance threshold kappa_RD" and symbolic.get(key) is None:
            assert set(names) - {"kappa"}  # derived symbolically only when kappa alone is a symbol
        else:
            assert same_value(symbolic[key], value, point), (key, symbolic[key], value)
