"""Tests of the multilateral cooperation-under-rivalry model (DESIGN §4.1)."""

from __future__ import annotations

import functools
import time
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
import sympy

import nea_games
from nea_games.errors import UnknownNameError, ValidationError
from nea_games.models import get
from nea_games.models.multilateral import MultilateralModel, MultilateralResult


def hand_region_security_discount(M: Any, e: Any, rho: Any, n: int = 6, rivals: int = 3) -> Any:
    """δ* of the region-wide security club, derived by hand.

    Every state has ``rivals`` strategic rivals (the other bloc), weight ρ each
    (φ_security = 1, no ideology), and the club has no outsiders:
    R = U(all C) = Me − 3ρ·Me,
    T = U(defect alone) = e + Me(n−1)/n − 3ρ·Me(n−1)/n   (rivals all contributed),
    P = U(all D) = e − 3ρ·e,
    and grim trigger holds iff δ ≥ (T − R)/(T − P).
    """
    R = M * e - rivals * rho * M * e
    T = e + M * e * sympy.Rational(n - 1, n) - rivals * rho * M * e * sympy.Rational(n - 1, n)
    P = e - rivals * rho * e
    return sympy.simplify((T - R) / (T - P))


def test_hand_closed_form_matches_library_symbolically() -> None:
    rho = sympy.Symbol("rho_R", nonnegative=True)
    model = MultilateralModel(rho_R=rho)
    library = model.critical_discount("region", "security")
    hand = hand_region_security_discount(sympy.Integer(2), sympy.Integer(1), rho)
    assert sympy.simplify(library - hand) == 0


@pytest.mark.parametrize(
    ("M", "e", "rho"),
    [(Fraction(2), Fraction(1), Fraction(3, 10)), (Fraction(3), Fraction(2), Fraction(1, 10)), (5, 1, 0)],
)
def test_hand_closed_form_matches_library_numerically(M: Any, e: Any, rho: Any) -> None:
    model = MultilateralModel(M=M, e=e, rho_R=rho)
    hand = hand_region_security_discount(sympy.nsimplify(M), sympy.nsimplify(e), sympy.nsimplify(rho))
    assert sympy.nsimplify(model.critical_discount("region", "security")) == hand


def test_default_claims() -> None:
    model = MultilateralModel()
    assert model.critical_discount("region", "security") == sympy.Rational(29, 32)
    assert model.sustainable("region", "security") is False
    assert model.sustainable("region", "economic") is True
    for club in ("bloc_A", "bloc_B"):
        for issue in ("security", "economic"):
            assert model.sustainable(club, issue) is True
    result = model.solve()
    assert isinstance(result, MultilateralResult)
    assert result.headline["sustainable clubs, security"] == ("bloc_A", "bloc_B")
    assert result.headline["sustainable clubs, economic"] == ("region", "bloc_A", "bloc_B")
    # Hypothesis A (ideology alone) would predict region-wide security cooperation.
    assert result.table[("region", "security", "A: ideology")] <= Fraction(4, 5)
    assert result.table[("region", "security", "B: rivalry")] > Fraction(4, 5)
    assert "fails" in result.reading and "illustrative" in result.reading
    assert "region" in result.to_text()


def test_default_values_are_exact() -> None:
    model = MultilateralModel()
    assert model.rho_R == Fraction(3, 10) and isinstance(model.rho_R, Fraction)
    assert (
        model.d("US", "CHN") == 1 and model.d("RUS", "JPN") == Fraction(1, 2) and model.d("CHN", "RUS") == 0
    )


def test_bloc_security_by_hand() -> None:
    # Bloc A: R = 2 − 3ρ(1 − 3η), T = 7/3 − 3ρ(1 − 2η), P = 1 − 3ρ, at ρ = 3/10, η = 1/5.
    rho, eta = Fraction(3, 10), Fraction(1, 5)
    R = 2 - 3 * rho * (1 - 3 * eta)
    T = Fraction(7, 3) - 3 * rho * (1 - 2 * eta)
    P = 1 - 3 * rho
    assert MultilateralModel().critical_discount("bloc_A", "security") == sympy.nsimplify((T - R) / (T - P))


def test_critical_rivalry_closed_form_and_both_sides() -> None:
    model = MultilateralModel()
    delta = sympy.Symbol("delta", positive=True)
    rho_bar = model.critical_rivalry()
    assert sympy.simplify(rho_bar - (5 * delta - 2) / (3 * (2 * delta + 1))) == 0
    at = model.solve().headline["critical rivalry for region-wide security, at delta"]
    assert at == sympy.Rational(10, 39)
    below = MultilateralModel(rho_R=Fraction(10, 39) - Fraction(1, 100))
    above = MultilateralModel(rho_R=Fraction(10, 39) + Fraction(1, 100))
    exact = MultilateralModel(rho_R=Fraction(10, 39))
    assert below.sustainable("region", "security") is True
    assert exact.sustainable("region", "security") is True
    assert above.sustainable("region", "security") is False
    # the other side in delta, at the default rivalry: delta* = 29/32
    assert MultilateralModel(delta=Fraction(29, 32)).sustainable("region", "security") is True
    assert MultilateralModel(delta=Fraction(9, 10)).sustainable("region", "security") is False


def test_custom_club_and_symbols() -> None:
    model = MultilateralModel()
    game = model.club_game(("US", "CHN", "JPN"), "economic")
    assert game.players == ("US", "JPN", "CHN")
    M = sympy.Symbol("M", positive=True)
    symbolic = MultilateralModel(M=M).critical_discount("bloc_A", "economic")
    assert sympy.simplify(symbolic.subs(M, 2) - sympy.Rational(1, 4)) == 0


def test_registry() -> None:
    model = get("multilateral", rho_R=0)
    assert model.sustainable("region", "security") is True
    assert "multilateral" in nea_games.models.available()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"delta": 1}, "delta"),
        ({"M": 1}, "M"),
        ({"phi_economic": Fraction(3, 2)}, "phi_economic"),
        ({"rho_R": -1}, "rho_R"),
        ({"e": 0}, "e"),
        ({"distance": (("US", "CHN", 2),)}, "distance"),
        ({"rho_R": "three tenths"}, "rho_R"),
        ({"rho_R": [0.3]}, "rho_R"),
    ],
)
def test_validation(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        MultilateralModel(**kwargs)  # type: ignore[arg-type]


def test_exact_numbers_as_text_are_parsed() -> None:
    # the shared parameter conversion reads "3/10" or "0.3" as the exact number 3/10
    assert MultilateralModel(rho_R="0.3").rho_R == Fraction(3, 10)
    assert MultilateralModel(delta="9/10").delta == Fraction(9, 10)


def test_validation_of_clubs_and_names() -> None:
    model = MultilateralModel(M=3)
    with pytest.raises(ValidationError, match="M"):
        model.club_game("bloc_A", "security")  # needs M < |K| = 3
    assert model.critical_discount("region", "security") is not None
    with pytest.raises(UnknownNameError, match="bloc_A"):
        MultilateralModel().club_game("bloc_a", "security")
    with pytest.raises(UnknownNameError):
        MultilateralModel().club_game(("US", "TWN"), "security")
    with pytest.raises(UnknownNameError):
        MultilateralModel().club_game("region", "trade")
    with pytest.raises(ValidationError, match="twice"):
        MultilateralModel().club_game(("US", "US", "JPN"), "security")
    with pytest.raises(UnknownNameError):
        MultilateralModel().hypothesis("C")


def test_sweep_equilibrium_map() -> None:
    model = MultilateralModel()
    rhos = [0.0, 0.1, 0.3, 0.4]
    deltas = [0.3, 0.8, 0.95]
    result = nea_games.sweep(model, {"rho_R": rhos, "delta": deltas})
    region = result.condition("region security")
    for a, rho in enumerate(rhos):
        point = MultilateralModel(rho_R=Fraction(rho).limit_denominator(100))
        critical = float(point.critical_discount("region", "security"))
        assert np.isclose(result.values["delta* region security"][a, 0], critical)
        for b, delta in enumerate(deltas):
            assert region[a, b] == (delta >= critical)
    assert not region[2, 1]  # the defaults: rho_R = 0.3, delta = 0.8
    assert result.condition("region economic")[2, 1]
    assert result.condition("bloc_A security")[2, 1] and result.condition("bloc_B economic")[2, 1]
    assert not region[3].any()  # rho_R = 0.4: never


def test_sweep_needs_numeric_parameters() -> None:
    with pytest.raises(ValidationError):
        nea_games.sweep(MultilateralModel(M=sympy.Symbol("M")), {"rho_R": [0.1], "delta": [0.5]})


def test_building_blocks() -> None:
    from nea_games.models.multilateral import (
        decisive_defection_threshold,
        grieco_pd,
        public_goods_threshold,
    )

    rho = sympy.Symbol("rho", nonnegative=True)
    # Grieco PD by hand: U(C, D) = S − ρT for the row player.
    assert sympy.simplify(grieco_pd(rho).payoff(("C", "D"))[0] - (0 - 5 * rho)) == 0
    # N-player public goods, weight ρ on each of the 5 others, by hand:
    # R = 2 − 10ρ, T = 8/3 − 25ρ/3, P = 1 − 5ρ  =>  δ* = (2 + 5ρ)/(5 − 10ρ).
    assert sympy.simplify(public_goods_threshold(6, 2, 1, rho) - (2 + 5 * rho) / (5 - 10 * rho)) == 0
    assert public_goods_threshold(4, 2) == sympy.Rational(1, 3)
    with pytest.raises(ValidationError):
        public_goods_threshold(3, 3)
    # Decisive defection: δ* = (T − R)/((1 − ω)(T − P)).
    w, T, R, P = sympy.symbols("omega T R P")
    derived = decisive_defection_threshold(w, T, R, P)
    assert sympy.simplify(derived - (T - R) / ((1 - w) * (T - P))) == 0
    assert decisive_defection_threshold(sympy.Rational(1, 4)) == sympy.Rational(2, 3)
    assert decisive_defection_threshold(sympy.Rational(3, 4)) == sympy.oo
    with pytest.raises(ValidationError, match="omega"):
        decisive_defection_threshold(2)


def test_fta_domino() -> None:
    from nea_games.models.multilateral import fta_domino

    # pressure 1 + n: r = 1 joins at n = 0, r = 2 at n = 1, r = 3 at n = 2; r = 5 needs n = 4.
    assert fta_domino(1, 1, [1, 2, 3, 5]) == (3, (0, 1, 2))
    assert fta_domino(0, 1, [1, 2]) == (0, ())  # no first mover, no domino
    assert fta_domino(Fraction(1, 2), Fraction(1, 2), [Fraction(1, 2), 1, Fraction(3, 2)]) == (3, (0, 1, 2))
    with pytest.raises(ValidationError, match="beta"):
        fta_domino(1, -1, [1])


def test_trust_threshold() -> None:
    from nea_games.models.multilateral import trust_threshold

    R, T, P, S = sympy.symbols("R T P S")
    assert sympy.simplify(trust_threshold(R, T, P, S) - (P - S) / ((R - T) + (P - S))) == 0
    assert trust_threshold() == sympy.Rational(1, 2)
    with pytest.raises(ValidationError, match="R > T"):
        trust_threshold(R=1, T=2)


# ---------------------------------------------------------------- the model protocol
def test_protocol_question_games_grid_and_result_views() -> None:
    from nea_games.games.repeated import RepeatedGame
    from nea_games.models._result import HeadlineView

    assert "rivalry" in MultilateralModel.QUESTION
    model = MultilateralModel()
    games = model.games()
    assert len(games) == 6 and all(isinstance(g, RepeatedGame) for g in games.values())
    assert games["bloc_A security"].stage.payoff(("C", "C", "C")) == (Fraction(41, 25),) * 3
    grid = model.map_grid()
    assert list(grid) == ["rho_R", "delta"] and all(len(v) == 41 for v in grid.values())
    assert 3 * grid["rho_R"].max() < 1  # inside the domain where each state's total weight is < 1
    result = model.solve()
    assert isinstance(result, HeadlineView)
    assert result.model is model and result.game == games["region security"]
    # the stage game's only equilibrium: nobody contributes
    assert [eq.pure_profile for eq in result.equilibria] == [("D",) * 6]
    assert str(result).startswith("sustainable clubs, security: (bloc_A, bloc_B)")
    assert result.to_text().startswith("delta* of cooperation under grim trigger")
    assert "| quantity | value |" in result.to_markdown() and "| club | issue |" in result.to_markdown()
    assert result.headline["delta* region security"] == Fraction(29, 32)
    assert isinstance(result.headline["delta* region security"], Fraction)


def test_default_map_is_fast_and_draws() -> None:
    model = MultilateralModel()
    swept = nea_games.sweep(model, model.map_grid())
    assert swept.shape == (41, 41) and swept.plot().axes
    # the exact boundary of region-wide security: delta*(rho) = (2 + 3 rho) / (5 - 6 rho)
    rho, _ = np.meshgrid(model.map_grid()["rho_R"], model.map_grid()["delta"], indexing="ij")
    hand = (2 + 3 * rho) / (5 - 6 * rho)
    assert np.allclose(swept.values["delta* region security"], hand)


# ---------------------------------------------------------------- other enforcement strategies (DESIGN §4.1)
# Bloc A on security at the defaults (rho = 3/10, eta = 1/5), from test_bloc_security_by_hand:
#   R = 41/25, T = 269/150, P = 1/10, so T - R = 23/150 and R - P = 77/50.
# k-period punishment holds iff T - R <= (R - P)(delta + ... + delta^k):
#   k = 1: delta >= 23/231;  k = 2: delta^2 + delta = 23/231, delta = (-1 + sqrt(1 + 92/231)) / 2.
def test_k_period_punishment_bloc_a_by_hand() -> None:
    gain, loss = Fraction(23, 150), Fraction(77, 50)
    assert gain / loss == Fraction(23, 231)
    one = MultilateralModel(strategy="k_period", k=1).critical_discount("bloc_A", "security")
    assert one == sympy.Rational(23, 231)
    two = MultilateralModel(strategy="k_period", k=2).critical_discount("bloc_A", "security")
    hand = (-1 + sympy.sqrt(1 + 4 * sympy.Rational(23, 231))) / 2
    assert sympy.simplify(two - hand) == 0
    # both sides of the k = 1 threshold
    below = MultilateralModel(strategy="k_period", k=1, delta=Fraction(23, 231) - Fraction(1, 1000))
    above = MultilateralModel(strategy="k_period", k=1, delta=Fraction(23, 231) + Fraction(1, 1000))
    assert below.sustainable("bloc_A", "security") is False
    assert above.sustainable("bloc_A", "security") is True


# Two-member club US + JPN on economic issues with M = 3/2 (same bloc, no ideology; the rivals'
# payoffs are constants e = 1, weighted 3/50 each, so they shift every utility by -9/50):
#   R = 3/2, T = 1 + 3/4 = 7/4, P = 1, S = 3/4 (before the shift, which cancels in differences).
#   grim: (T - R)/(T - P) = 1/3; tit-for-tat as a Nash equilibrium (Axelrod 1984):
#   max((T - R)/(T - P), (T - R)/(R - S)) = max(1/3, 1/3) = 1/3;
#   k = 1: (T - R)/(R - P) = 1/2; k = 2: delta^2 + delta = 1/2, delta = (sqrt(3) - 1)/2.
@pytest.mark.parametrize(
    ("strategy", "k", "hand"),
    [
        ("grim", 1, sympy.Rational(1, 3)),
        ("tit_for_tat", 1, sympy.Rational(1, 3)),
        ("k_period", 1, sympy.Rational(1, 2)),
        ("k_period", 2, (sympy.sqrt(3) - 1) / 2),
    ],
)
def test_two_member_club_by_hand(strategy: str, k: int, hand: Any) -> None:
    model = MultilateralModel(M=Fraction(3, 2), strategy=strategy, k=k)
    assert sympy.simplify(model.critical_discount(("US", "JPN"), "economic") - hand) == 0


def test_region_security_cannot_be_held_by_short_punishments() -> None:
    # region security: T - R = 29/30 and R - P = 1/10, so k-period needs delta + ... + delta^k >= 29/3,
    # impossible for k <= 9 (the sum is below k); grim trigger needs 29/32.
    for k in (1, 2):
        model = MultilateralModel(strategy="k_period", k=k)
        assert model.critical_discount("region", "security") == sympy.oo
    result = MultilateralModel(strategy="k_period", k=1).solve()
    assert "region" not in result.headline["sustainable clubs, security"]
    # rho_bar at delta = 4/5, k = 1: 2/3 + rho <= (4/5)(1 - 3 rho)  <=>  rho <= 2/51
    assert result.headline["critical rivalry for region-wide security, at delta"] == Fraction(2, 51)
    assert "1-period punishment" in result.reading


def test_tit_for_tat_in_clubs_of_three_is_grim_trigger() -> None:
    # With three or more members, one defection sets every non-deviator defecting for ever.
    # The library's tit-for-tat automaton (Nash concept) agrees on bloc A:
    game = MultilateralModel().repeated_game("bloc_A", "security")
    library = game.critical_discount("tit_for_tat", ("C", "C", "C"), concept="nash")
    model = MultilateralModel(strategy="tit_for_tat")
    assert library == model.critical_discount("bloc_A", "security") == sympy.Rational(23, 254)


@pytest.mark.parametrize(("strategy", "k"), [("grim", 1), ("k_period", 1), ("k_period", 2)])
def test_sweep_agrees_with_the_library_per_strategy(strategy: str, k: int) -> None:
    model = MultilateralModel(strategy=strategy, k=k)
    rhos, deltas = [0.0, 0.1, 0.2], [0.5, 0.9]
    swept = nea_games.sweep(model, {"rho_R": rhos, "delta": deltas})
    for a, rho in enumerate(rhos):
        point = MultilateralModel(rho_R=Fraction(rho).limit_denominator(100), strategy=strategy, k=k)
        for club in ("region", "bloc_A"):
            exact = float(sympy.N(point.critical_discount(club, "security")))
            assert np.isclose(swept.values[f"delta* {club} security"][a, 0], exact)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"strategy": "grim_trigger"}, UnknownNameError),
        ({"k": 0}, ValidationError),
        ({"k": 1.5}, ValidationError),
    ],
)
def test_strategy_validation(kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error, match="MultilateralModel"):
        MultilateralModel(**kwargs)  # type: ignore[arg-type]


def test_symbolic_rivalry_gives_conditions_not_numbers() -> None:
    rho = sympy.Symbol("rho_R", nonnegative=True)
    result = MultilateralModel(rho_R=rho).solve()
    assert result.equilibria is None
    # bloc economic: no rival inside and the outsiders' payoffs are constant, so delta* is that of a
    # three-member public-goods club with M = 2: R = 2, T = 1 + 4/3 = 7/3, P = 1, (1/3)/(4/3) = 1/4
    assert result.headline["delta* bloc_A economic"] == Fraction(1, 4)
    condition = result.headline["sustainable iff, security"]["region"]
    # region security holds iff 4/5 >= (2 + 3 rho)/(5 - 6 rho)  <=>  rho <= 10/39
    assert bool(condition.subs(rho, Fraction(10, 39) - Fraction(1, 100)))
    assert not bool(condition.subs(rho, Fraction(10, 39) + Fraction(1, 100)))
    assert "depends on the parameters" in result.reading


# ------------------------------------------------------------------ any parameter symbolic (issue 5)
SYMBOLIC = ("e", "M", "rho_I", "phi_security", "phi_economic", "eta", "rho_R", "delta")


@functools.cache
def _symbolic_solution(name: str) -> tuple[Any, float]:
    start = time.perf_counter()
    result = MultilateralModel(**{name: sympy.Symbol(name)}).solve()
    return result, time.perf_counter() - start


def _at(value: Any, symbol: Any, default: Any) -> Any:
    return sympy.simplify(sympy.sympify(value).subs(symbol, sympy.nsimplify(default)))


@pytest.mark.parametrize("name", SYMBOLIC)
def test_symbolic_parameter_at_its_default_gives_the_numeric_answer(name: str) -> None:
    # The numeric model is solved by the exact numeric path (roots of each constraint on (0, 1));
    # the symbolic one by sign analysis: substituting the default back must agree everywhere.
    x = sympy.Symbol(name)
    default = MultilateralModel()
    numeric = default.solve()
    symbolic, seconds = _symbolic_solution(name)
    assert seconds < 60  # a few seconds on an idle machine (see the report of issue 5)
    value = getattr(default, name)
    for key, expected in numeric.table.items():
        assert _at(symbolic.table[key], x, value) == sympy.nsimplify(expected), key
    for club in ("region", "bloc_A", "bloc_B"):
        for issue in ("security", "economic"):
            key = f"delta* {club} {issue}"
            assert _at(symbolic.headline[key], x, value) == sympy.nsimplify(numeric.headline[key]), key
            held = club in numeric.headline[f"sustainable clubs, {issue}"]
            if club in symbolic.headline[f"sustainable clubs, {issue}"]:
                assert held, (club, issue)
                continue
            condition = symbolic.headline.get(f"sustainable iff, {issue}", {}).get(club, sympy.false)
            assert bool(_at(condition, x, value)) is held, (club, issue)
    key = "critical rivalry for region-wide security, at delta"
    assert _at(symbolic.headline[key], x, value) == sympy.Rational(10, 39)


def test_symbolic_endowment_scales_out() -> None:
    # Every payoff is e times its value at e = 1, so no δ* depends on e.
    result, _ = _symbolic_solution("e")
    assert result.headline["delta* region security"] == Fraction(29, 32)
    assert result.headline["sustainable clubs, security"] == ("bloc_A", "bloc_B")


def test_symbolic_multiplier_by_hand_on_both_sides() -> None:
    M = sympy.Symbol("M")
    result, _ = _symbolic_solution("M")
    hand = hand_region_security_discount(M, sympy.Integer(1), sympy.Rational(3, 10))
    assert sympy.simplify(result.headline["delta* region security"] - hand) == 0
    # 4/5 >= (60 - M)/(5M + 54)  <=>  25 M >= 84
    condition = result.headline["sustainable iff, security"]["region"]
    assert condition.subs(M, Fraction(84, 25)) is sympy.true
    assert condition.subs(M, Fraction(84, 25) - Fraction(1, 100)) is sympy.false
    # Bloc A security: g = T - R = 1 - M/3 - 3(3/10)(1/5) = 41/50 - M/3 and T - P = 2M/3 + 9/25,
    # so δ* = g/(T - P) while g > 0 and 0 (contributing is dominant) from M = 123/50 on.
    bloc = result.headline["delta* bloc_A security"]
    for m in (Fraction(6, 5), Fraction(2), Fraction(123, 50) - Fraction(1, 100)):
        g = Fraction(41, 50) - m / 3
        assert bloc.subs(M, m) == sympy.nsimplify(g / (2 * m / 3 + Fraction(9, 25)))
    assert bloc.subs(M, Fraction(123, 50)) == 0 and bloc.subs(M, Fraction(14, 5)) == 0


def test_symbolic_externality_on_both_sides() -> None:
    # Bloc A security: R = 2 - (9/10)(1 - 3η), T = 7/3 - (9/10)(1 - 2η), P = 1/10, so
    # δ* = (1/3 - 9η/10)/(4/3 + 9η/5), and 0 once η >= 10/27 (contributing then hurts rivals enough).
    eta = sympy.Symbol("eta")
    result, _ = _symbolic_solution("eta")
    bloc = result.headline["delta* bloc_A security"]
    for h in (Fraction(0), Fraction(1, 5), Fraction(10, 27) - Fraction(1, 100)):
        assert bloc.subs(eta, h) == sympy.nsimplify(
            (Fraction(1, 3) - 9 * h / 10) / (Fraction(4, 3) + 9 * h / 5)
        )
    assert bloc.subs(eta, Fraction(10, 27)) == 0 and bloc.subs(eta, 1) == 0


def test_symbolic_fungibility_critical_rivalry() -> None:
    # Rivalry enters security payoffs only as phi·rho_R, so rho_bar(phi) = rho_bar(1)/phi; at
    # phi = 0 rivalry does not matter and security holds iff delta >= δ*(rho = 0) = 2/5.
    phi, delta = sympy.Symbol("phi_security"), sympy.Symbol("delta", positive=True)
    result, _ = _symbolic_solution("phi_security")
    rho_bar = result.headline["critical rivalry for region-wide security"]
    half = sympy.Rational(1, 2)
    assert sympy.simplify(rho_bar.subs(phi, half) - 2 * (5 * delta - 2) / (3 * (2 * delta + 1))) == 0
    assert rho_bar.subs(phi, 0).subs(delta, sympy.Rational(2, 5)) == sympy.oo
    assert rho_bar.subs(phi, 0).subs(delta, sympy.Rational(1, 3)) == -sympy.oo
    # region security at delta = 4/5: (20 + 9 phi)/(2(25 - 9 phi)) <= 4/5  <=>  phi <= 100/117
    condition = result.headline["sustainable iff, security"]["region"]
    assert condition.subs(phi, Fraction(100, 117)) is sympy.true
    assert condition.subs(phi, Fraction(100, 117) + Fraction(1, 100)) is sympy.false


def test_symbolic_discount_factor_gives_conditions() -> None:
    result, _ = _symbolic_solution("delta")
    assert result.headline["sustainable clubs, security"] == ()
    delta = sympy.Symbol("delta")
    assert result.headline["sustainable iff, security"]["region"] == (delta >= sympy.Rational(29, 32))
