"""NormalFormGame: construction from every payoff form, validation, views, transformations."""

from __future__ import annotations

import math
from fractions import Fraction

import nashpy
import numpy as np
import pytest
import sympy

from nea_games import NormalFormGame
from nea_games.errors import (
    DuplicateNameError,
    NeaGamesError,
    NonFiniteError,
    ParametricGameError,
    PayoffTypeError,
    ShapeError,
    UnknownNameError,
    ValidationError,
)

PLAYERS = ["Row", "Col"]
ACTIONS = [["C", "D"], ["C", "D"]]
PD_ARRAY = [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]
PD_MAPPING = {("C", "C"): (3, 3), ("C", "D"): (0, 5), ("D", "C"): (5, 0), ("D", "D"): (1, 1)}


def test_three_payoff_forms_build_the_same_game() -> None:
    from_array = NormalFormGame(PLAYERS, ACTIONS, PD_ARRAY)
    from_list = NormalFormGame(PLAYERS, ACTIONS, [np.array(PD_ARRAY[0]), np.array(PD_ARRAY[1])])
    from_players = NormalFormGame(PLAYERS, ACTIONS, {"Row": PD_ARRAY[0], "Col": PD_ARRAY[1]})
    from_profiles = NormalFormGame(PLAYERS, ACTIONS, PD_MAPPING)
    assert from_array == from_list == from_players == from_profiles
    assert from_array.payoff(("C", "D")) == (0, 5)
    assert from_array[("D", "C")] == (5, 0)


def test_payoff_layout_is_the_same_for_every_player() -> None:
    game = NormalFormGame.bimatrix([[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]])
    # payoffs[i][r, c]: no transpose for the column player
    assert game.payoffs[1][0, 2] == 9
    assert game.payoff((1, 2)) == (6, 12)
    assert game.n_actions == (2, 3)
    assert game.shape == (2, 2, 3)


def test_kinds() -> None:
    exact = NormalFormGame(PLAYERS, ACTIONS, PD_ARRAY)
    assert exact.kind == "exact" and exact.is_exact
    assert all(isinstance(v, Fraction) for v in exact.payoffs.reshape(-1))
    mixed = NormalFormGame(PLAYERS, ACTIONS, [[[3, 0.5], [5, 1]], [[3, 5], [0, 1]]])
    assert mixed.kind == "float" and mixed.payoffs.dtype == float
    with_fraction = NormalFormGame(PLAYERS, ACTIONS, [[[Fraction(1, 3), 0], [5, 1]], [[3, 5], [0, 1]]])
    assert with_fraction.payoff(("C", "C"))[0] == Fraction(1, 3)
    rational = NormalFormGame(PLAYERS, ACTIONS, [[[sympy.Rational(1, 2), 0], [5, 1]], [[3, 5], [0, 1]]])
    assert rational.is_exact and rational.payoff(("C", "C"))[0] == Fraction(1, 2)


def test_parametric_game_and_subs() -> None:
    T, S = sympy.symbols("T S")
    game = NormalFormGame.symmetric([[3, S], [T, 1]], actions=["C", "D"])
    assert game.parameters == (S, T)
    assert game.is_parametric and game.kind == "symbolic"
    concrete = game.subs(T=5, S=0)
    assert concrete.is_exact and concrete.payoff(("D", "C")) == (5, 0)
    assert game.subs({T: 5}).parameters == (S,)
    assert game.subs(T=Fraction(9, 2), S=0).payoff(("D", "C"))[0] == Fraction(9, 2)
    floats = game.subs(T=4.5, S=0.0)
    assert floats.kind == "float"
    with pytest.raises(UnknownNameError, match="'R' is not a parameter"):
        game.subs(R=1)
    with pytest.raises(ParametricGameError, match="free parameters"):
        game.float_payoffs()


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"payoffs": [[1, 2], [3, 4]]}, ShapeError, r"expected an array of shape \(2, 2, 2\)"),
        ({"payoffs": [[[1, 2], [3]], [[1, 2], [3, 4]]]}, ShapeError, "ragged"),
        ({"players": ["A", "A"]}, DuplicateNameError, "'A' appears more than once"),
        ({"actions": [["C", "C"], ["C", "D"]]}, DuplicateNameError, "actions of 'Row'"),
        ({"actions": [["C", "D"]]}, ShapeError, "1 action lists for 2 players"),
        ({"payoffs": [[[math.nan, 0], [5, 1]], [[3, 5], [0, 1]]]}, NonFiniteError, "nan"),
        ({"payoffs": [[[math.inf, 0], [5, 1]], [[3, 5], [0, 1]]]}, NonFiniteError, "inf"),
        ({"payoffs": [[["x", 0], [5, 1]], [[3, 5], [0, 1]]]}, PayoffTypeError, "'x'"),
        ({"payoffs": [[[True, 0], [5, 1]], [[3, 5], [0, 1]]]}, PayoffTypeError, "booleans"),
        ({"payoffs": [[[sympy.nan, 0], [5, 1]], [[3, 5], [0, 1]]]}, NonFiniteError, "finite"),
        ({"players": "AB"}, ValidationError, "single string"),
        ({"players": []}, ShapeError, "at least one"),
    ],
)
def test_bad_input_gets_a_clear_library_error(kwargs: dict, error: type, message: str) -> None:
    arguments = {"players": PLAYERS, "actions": ACTIONS, "payoffs": PD_ARRAY, **kwargs}
    with pytest.raises(error, match=message):
        NormalFormGame(**arguments)


def test_profile_mapping_errors_name_the_problem() -> None:
    incomplete = dict(PD_MAPPING)
    del incomplete[("D", "D")]
    with pytest.raises(ShapeError, match=r"no payoffs given for the profile \('D', 'D'\)"):
        NormalFormGame(PLAYERS, ACTIONS, incomplete)
    with pytest.raises(UnknownNameError, match="did you mean 'D'"):
        NormalFormGame(PLAYERS, ACTIONS, {**PD_MAPPING, ("C", "DD"): (1, 1)})
    with pytest.raises(ShapeError, match="expected 2 payoffs"):
        NormalFormGame(PLAYERS, ACTIONS, {**PD_MAPPING, ("C", "D"): (1, 1, 1)})
    with pytest.raises(UnknownNameError, match="unknown player 'Column'"):
        NormalFormGame(PLAYERS, ACTIONS, {"Row": PD_ARRAY[0], "Column": PD_ARRAY[1]})


def test_all_errors_derive_from_the_library_base() -> None:
    for error in (ShapeError, DuplicateNameError, NonFiniteError, PayoffTypeError, ParametricGameError):
        assert issubclass(error, NeaGamesError)


def test_games_are_immutable_values() -> None:
    game = NormalFormGame(PLAYERS, ACTIONS, PD_ARRAY)
    with pytest.raises(AttributeError):
        game.players = ("A", "B")  # type: ignore[misc]
    with pytest.raises(ValueError):
        game.payoffs[0, 0, 0] = 7
    assert hash(game) == hash(NormalFormGame(PLAYERS, ACTIONS, PD_MAPPING))


def test_lookups_by_name_and_position() -> None:
    game = NormalFormGame(PLAYERS, ACTIONS, PD_ARRAY)
    assert game.player_index("Col") == 1
    assert game.action_index("Col", "D") == 1
    assert game.payoff((0, "D")) == (0, 5)
    with pytest.raises(UnknownNameError, match="did you mean 'Col'"):
        game.player_index("Cl")
    with pytest.raises(ShapeError, match="one action per player"):
        game.payoff(("C",))


def test_constructors() -> None:
    zs = NormalFormGame.zero_sum([[1, -2], [0, 3]])
    assert zs.is_zero_sum and zs.payoff((0, 1)) == (-2, 2)
    sym = NormalFormGame.symmetric([[1, 2], [3, 4]])
    assert sym.payoff((0, 1)) == (2, 3)
    assert not sym.is_zero_sum
    default = NormalFormGame.from_array(np.zeros((3, 2, 2, 2)))
    assert default.players == ("Player 1", "Player 2", "Player 3")
    with pytest.raises(ShapeError, match="A has shape"):
        NormalFormGame.bimatrix([[1, 2]], [[1], [2]])
    with pytest.raises(ShapeError, match="square"):
        NormalFormGame.symmetric([[1, 2]])
    with pytest.raises(ShapeError, match="action axes"):
        NormalFormGame.from_array(np.zeros((3, 2, 2)))


def test_nashpy_round_trip() -> None:
    game = NormalFormGame.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    converted = game.to_nashpy()
    assert isinstance(converted, nashpy.Game)
    back = NormalFormGame.from_nashpy(converted)
    assert np.array_equal(back.float_payoffs(), game.float_payoffs())
    three = NormalFormGame.from_array(np.zeros((3, 2, 2, 2)))
    with pytest.raises(NeaGamesError, match="2 players"):
        three.to_nashpy()


def test_relabelling_and_affine_transforms() -> None:
    game = NormalFormGame.from_array(np.arange(24).reshape(2, 3, 4))
    swapped = game.permute_players([1, 0])
    assert swapped.payoff((3, 2)) == tuple(reversed(game.payoff((2, 3))))
    assert swapped.permute_players([1, 0]) == game
    reordered = game.permute_actions(0, [2, 0, 1])
    assert reordered.payoff((0, 1)) == game.payoff((2, 1))
    scaled = game.affine_transform("Player 2", Fraction(1, 2), 7)
    assert scaled.payoff((1, 1))[1] == Fraction(game.payoff((1, 1))[1]) / 2 + 7
    with pytest.raises(ValidationError, match="positive"):
        game.affine_transform(0, -1)
    with pytest.raises(ValidationError, match="not a permutation"):
        game.permute_actions(0, [0, 0, 1])


def test_integer_payoffs_rescale_each_player_positively() -> None:
    game = NormalFormGame.bimatrix([[Fraction(1, 2), 1]], [[Fraction(1, 3), Fraction(2, 3)]])
    ints = game.integer_payoffs()
    assert ints.tolist() == [[[1, 2]], [[1, 2]]]


def test_rendering_marks_pure_equilibria() -> None:
    game = NormalFormGame(PLAYERS, ACTIONS, PD_MAPPING)
    from nea_games import solve

    eqs = solve(game, "pure")
    text = game.to_text(eqs)
    assert "1, 1*" in text and "3, 3*" not in text
    assert "**1, 1**" in game.to_markdown(eqs)
    assert r"\fbox{$1, 1$}" in game.to_latex(eqs)
    html = game._repr_html_()
    assert html.startswith('<div class="nea-games-game">') and "<table" in html
    assert "background" in game.to_html(eqs)
    three = NormalFormGame.from_array(np.ones((3, 2, 2, 2), dtype=int))
    assert "Player 3 plays a2" in three.to_text()


def test_symbolic_rendering() -> None:
    b = sympy.Symbol("b")
    game = NormalFormGame.bimatrix([[b, 0], [0, 1]], [[1, 0], [0, b / 2]])
    assert "b/2" in game.to_text()
    assert r"\frac{b}{2}" in game.to_latex()
    assert "parameters=['b']" in repr(game)
