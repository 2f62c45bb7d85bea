"""Tests of the multilateral cooperation-under-rivalry model (DESIGN §4.1)."""

from __future__ import annotations

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
        ({"rho_R": "0.3"}, "rho_R"),
    ],
)
def test_validation(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        MultilateralModel(**kwargs)  # type: ignore[arg-type]


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
