"""N-player public-goods club game (DESIGN 4.1): V_i = e(1 - x_i) + (M/|K|) e sum_K x_j."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

import nea_games
from nea_games.analysis import conditions
from nea_games.errors import ShapeError, UnknownNameError, ValidationError
from nea_games.games.public_goods import ClubGame, public_goods_game

M, e, eta, rho = sympy.symbols("M e eta rho", positive=True)
STATES = ["US", "JPN", "ROK", "CHN", "RUS", "DPRK"]


def test_payoffs_by_hand():
    g = public_goods_game(3, 2, 1)
    # two contributors: pot 2 * 2 = 4 shared by 3
    assert g.payoff(("C", "C", "D")) == (Fraction(4, 3), Fraction(4, 3), Fraction(7, 3))
    assert g.payoff(("D", "D", "D")) == (1, 1, 1)
    assert g.actions == (("C", "D"),) * 3


def test_symbolic_payoffs():
    g = public_goods_game(["A", "B"], M, e)
    assert g.payoff(("C", "D")) == (M * e / 2, e + M * e / 2)
    assert set(g.parameters) == {M, e}


@pytest.mark.parametrize("n", [2, 3, 4])
def test_defection_dominant_when_multiplier_below_group_size(n):
    # Independent derivation: switching C -> D changes i's payoff by e - (M/n) e = e (1 - M/n) > 0 iff M < n.
    g = public_goods_game(n, M, e)
    assert conditions(g, ("D",) * n, assumptions=[sympy.Lt(M, n)]).is_true
    assert conditions(g, ("C",) * n, assumptions=[sympy.Lt(M, n)]).is_false
    assert conditions(g, ("C",) * n, assumptions=[sympy.Gt(M, n)]).is_true
    numeric = g.subs(M=sympy.Rational(3, 2), e=1)
    assert [eq.pure_profile for eq in nea_games.solve(numeric, method="pure")] == [("D",) * n]


def test_club_members_are_the_players_and_outsiders_are_tracked():
    club = ClubGame.build(
        STATES, M, e, members=["US", "JPN", "ROK"], rivals=["CHN", "RUS", "DPRK"], externality=eta
    )
    g = club.stage_game()
    assert g.players == ("US", "JPN", "ROK")
    values = club.material(("C", "C", "D"))
    assert values["CHN"] == sympy.expand(e - 2 * eta * e)
    assert values["ROK"] == sympy.expand(e + 2 * M * e / 3)
    assert club.material_payoffs().shape == (6, 2, 2, 2)


def test_relative_gains_over_all_states_including_outsiders():
    # Bloc-A club; each member minds every rival's gain with weight rho.
    club = ClubGame.build(
        STATES, M, e, members=["US", "JPN", "ROK"], rivals=["CHN", "RUS", "DPRK"], externality=eta
    )
    weights = {(i, j): rho for i in ["US", "JPN", "ROK"] for j in ["CHN", "RUS", "DPRK"]}
    g = club.stage_game(weights)
    # by hand: U_US(C,C,C) = M e - rho * 3 * (e - 3 eta e)
    assert g.payoff(("C", "C", "C"))[0] == sympy.expand(M * e - 3 * rho * (e - 3 * eta * e))
    # a contribution now also hurts rivals, which a rival-minded member values: gain 3 rho eta e per own C
    du = sympy.expand(g.payoff(("C", "C", "C"))[0] - g.payoff(("D", "C", "C"))[0])
    assert du == sympy.expand(M * e / 3 - e + 3 * rho * eta * e)


def test_public_goods_game_with_weights_matches_club():
    g = public_goods_game(STATES, 2, members=["CHN", "RUS"], weights=Fraction(1, 10))
    club = ClubGame.build(STATES, 2, members=["CHN", "RUS"]).stage_game(Fraction(1, 10))
    assert g == club


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"players": ["A", "B"], "members": ["A", "C"]}, UnknownNameError),
        ({"players": ["A", "B", "C"], "members": ["A", "B"], "rivals": ["B"]}, ValidationError),
        ({"players": ["A", "B"], "externality": 1}, ValidationError),
        ({"players": 0}, ShapeError),
        ({"players": ["A", "B"], "endowment": "x"}, ValidationError),
        ({"players": ["A", "B"], "endowment": float("inf")}, ValidationError),
    ],
)
def test_validation(kwargs, error):
    args = {"multiplier": 2, **kwargs}
    with pytest.raises(error):
        public_goods_game(**args)


def test_material_profile_length_checked():
    with pytest.raises(ShapeError):
        ClubGame.build(3, 2).material(("C", "D"))
