"""BayesianGame: input forms, validation, beliefs, and the agent and strategic normal forms.

The running example is entry deterrence with a privately known cost of building
(Fudenberg & Tirole 1991, §6.1.1): the incumbent builds a plant or not, the
entrant enters or stays out; building costs the tough (low-cost) incumbent 3/2
and the weak (high-cost) incumbent 3.
"""

from __future__ import annotations

import math
from fractions import Fraction as F

import numpy as np
import pytest
import sympy

from nea_games import NormalFormGame
from nea_games.errors import (
    BudgetExceededError,
    DuplicateNameError,
    NeaGamesError,
    NonFiniteError,
    ParametricGameError,
    PayoffTypeError,
    ProbabilityError,
    ShapeError,
    UnknownNameError,
    ValidationError,
)
from nea_games.games.bayesian import BayesianGame

PLAYERS = ["Incumbent", "Entrant"]
ACTIONS = [["Build", "Don't"], ["Enter", "Out"]]
# Payoffs as in Fudenberg & Tirole (1991), figure 6.1 (with the low building cost 3/2).
INCUMBENT = {
    "Tough": {
        ("Build", "Enter"): F(3, 2),
        ("Build", "Out"): F(7, 2),
        ("Don't", "Enter"): 2,
        ("Don't", "Out"): 3,
    },
    "Weak": {("Build", "Enter"): 0, ("Build", "Out"): 2, ("Don't", "Enter"): 2, ("Don't", "Out"): 3},
}
ENTRANT = {("Build", "Enter"): -1, ("Build", "Out"): 0, ("Don't", "Enter"): 1, ("Don't", "Out"): 0}


def entry_payoffs(types: tuple[str, ...], actions: tuple[str, ...]) -> tuple[object, object]:
    return INCUMBENT[types[0]][actions], ENTRANT[actions]


def entry_game(q: object = F(3, 4)) -> BayesianGame:
    """Prior q on the tough incumbent."""
    return BayesianGame(
        PLAYERS, ACTIONS, {"Incumbent": ["Tough", "Weak"]}, {"Incumbent": [q, 1 - q]}, entry_payoffs
    )  # type: ignore[operator]


def test_every_payoff_form_builds_the_same_game() -> None:
    reference = entry_game()
    types = [["Tough", "Weak"], ["default"]]
    prior = [[F(3, 4)], [F(1, 4)]]
    array = np.empty((2, 2, 1, 2, 2), dtype=object)
    pairs = {}
    blocks = {}
    for k, t in enumerate(types[0]):
        block = {}
        for r, x in enumerate(ACTIONS[0]):
            for c, y in enumerate(ACTIONS[1]):
                values = entry_payoffs((t, "default"), (x, y))
                array[:, k, 0, r, c] = values
                pairs[((t, "default"), (x, y))] = values
                block[(x, y)] = values
        blocks[(t, "default")] = block
    as_games = {key: NormalFormGame(PLAYERS, ACTIONS, block) for key, block in blocks.items()}
    for payoffs in (array, pairs, blocks, as_games):
        assert BayesianGame(PLAYERS, ACTIONS, types, prior, payoffs) == reference
    assert (
        BayesianGame(
            PLAYERS, ACTIONS, types, {("Tough", "default"): F(3, 4), ("Weak", "default"): F(1, 4)}, array
        )
        == reference
    )
    assert hash(reference) == hash(entry_game())


def test_basic_views() -> None:
    game = entry_game()
    assert game.players == ("Incumbent", "Entrant")
    assert game.types == (("Tough", "Weak"), ("default",))
    assert game.n_types == (2, 1) and game.n_actions == (2, 2)
    assert game.kind == "exact" and game.is_exact and not game.is_parametric
    assert game.prior.shape == (2, 1) and game.payoffs.shape == (2, 2, 1, 2, 2)
    assert game.probability(("Weak", "default")) == F(1, 4)
    assert game.payoff(("Tough", "default"), ("Build", "Out")) == (F(7, 2), 0)
    assert game.type_profiles() == [("Tough", "default"), ("Weak", "default")]
    assert game.marginal("Entrant") == {"default": 1}
    assert game.game_at(("Weak", "default")).payoff(("Build", "Enter")) == (0, -1)
    text = str(game)
    assert "types (Tough), probability 3/4:" in text and "types (Weak), probability 1/4:" in text
    assert "BayesianGame" in repr(game)
    with pytest.raises(AttributeError):
        game.title = "x"  # type: ignore[misc]


def test_correlated_prior_and_interim_beliefs_follow_bayes_rule() -> None:
    # p(H,h) = 3/8, p(H,l) = 1/8, p(L,h) = 1/8, p(L,l) = 3/8: types are positively correlated.
    # Row of type H believes the column is h with probability (3/8) / (3/8 + 1/8) = 3/4.
    game = BayesianGame(
        ["Row", "Col"],
        [["a"], ["b"]],
        [["H", "L"], ["h", "l"]],
        [[F(3, 8), F(1, 8)], [F(1, 8), F(3, 8)]],
        lambda t, a: (0, 0),
    )
    assert game.beliefs("Row", "H") == {("h",): F(3, 4), ("l",): F(1, 4)}
    assert game.beliefs("Col", "l") == {("H",): F(1, 4), ("L",): F(3, 4)}
    assert game.marginal("Row") == {"H": F(1, 2), "L": F(1, 2)}


def test_independent_prior_from_marginals() -> None:
    game = BayesianGame(
        ["A", "B"],
        [["x"], ["y"]],
        [["s", "t"], ["u", "v"]],
        {"A": {"s": F(1, 3), "t": F(2, 3)}, "B": [F(1, 2), F(1, 2)]},
        lambda t, a: (0, 0),
    )
    assert game.probability(("t", "v")) == F(1, 3)
    assert game.beliefs("A", "s") == {("u",): F(1, 2), ("v",): F(1, 2)}


def test_agent_normal_form_payoffs_are_interim_expectations() -> None:
    game = entry_game(F(3, 4))
    anf = game.agent_normal_form()
    assert anf.players == ("Incumbent[Tough]", "Incumbent[Weak]", "Entrant")
    assert anf.actions == (("Build", "Don't"), ("Build", "Don't"), ("Enter", "Out"))
    # The entrant meets the tough type with probability 3/4. If the tough type builds and the weak
    # one does not, entering pays 3/4 * (-1) + 1/4 * 1 = -1/2.
    assert anf.payoff(("Build", "Don't", "Enter"))[2] == F(-1, 2)
    # A type's payoff does not depend on what the other type of the same player does.
    assert anf.payoff(("Build", "Build", "Enter"))[0] == anf.payoff(("Build", "Don't", "Enter"))[0] == F(3, 2)
    assert anf.payoff(("Build", "Build", "Out"))[1] == 2


def test_strategic_form_payoffs_are_ex_ante_expectations() -> None:
    game = entry_game(F(3, 4))
    sf = game.strategic_form()
    assert sf.actions[0] == (
        "Tough:Build|Weak:Build",
        "Tough:Build|Weak:Don't",
        "Tough:Don't|Weak:Build",
        "Tough:Don't|Weak:Don't",
    )
    assert sf.actions[1] == ("Enter", "Out")
    # Tough builds, weak does not, entrant enters: incumbent 3/4 * 3/2 + 1/4 * 2 = 13/8,
    # entrant 3/4 * (-1) + 1/4 * 1 = -1/2.
    assert sf.payoff(("Tough:Build|Weak:Don't", "Enter")) == (F(13, 8), F(-1, 2))
    assert sf.payoff(("Tough:Don't|Weak:Don't", "Out")) == (3, 0)


def test_float_prior_makes_a_float_game() -> None:
    game = entry_game(0.75)
    assert game.kind == "float"
    assert math.isclose(game.agent_normal_form().payoff(("Build", "Don't", "Enter"))[2], -0.5)


def test_types_of_zero_probability_are_left_out_of_both_forms() -> None:
    game = entry_game(F(1))
    assert game.null_types == {"Incumbent": ("Weak",)}
    assert game.positive_types("Incumbent") == ("Tough",)
    assert game.agent_normal_form().players == ("Incumbent[Tough]", "Entrant")
    assert game.strategic_form().actions[0] == ("Tough:Build", "Tough:Don't")
    full = game.agent_normal_form(include_null_types=True)
    assert full.players == ("Incumbent[Tough]", "Incumbent[Weak]", "Entrant")
    assert all(v == 0 for v in full.payoffs[1].reshape(-1))
    assert len(game.strategic_form(include_null_types=True).actions[0]) == 4
    with pytest.raises(ProbabilityError, match="zero prior probability"):
        game.beliefs("Incumbent", "Weak")


def test_missing_payoffs_allowed_only_for_zero_probability_type_profiles() -> None:
    block = {(x, y): entry_payoffs(("Tough", "default"), (x, y)) for x in ACTIONS[0] for y in ACTIONS[1]}
    game = BayesianGame(
        PLAYERS,
        ACTIONS,
        {"Incumbent": ["Tough", "Weak"]},
        {"Incumbent": [1, 0]},
        {("Tough", "default"): block},
    )
    assert game.payoff(("Weak", "default"), ("Build", "Enter")) == (0, 0)
    with pytest.raises(ShapeError, match="positive probability"):
        BayesianGame(
            PLAYERS,
            ACTIONS,
            {"Incumbent": ["Tough", "Weak"]},
            {"Incumbent": [F(1, 2), F(1, 2)]},
            {("Tough", "default"): block},
        )


def test_symbolic_prior_parameters_and_the_entry_threshold() -> None:
    q = sympy.Symbol("q", positive=True)
    game = entry_game(q)
    assert game.parameters == (q,) and game.kind == "symbolic"
    anf = game.agent_normal_form()
    # If only the tough type builds, entering pays q * (-1) + (1 - q) * 1 = 1 - 2q, which is
    # negative (entry deterred) exactly when q > 1/2.
    enter = sympy.simplify(anf.payoff(("Build", "Don't", "Enter"))[2])
    assert sympy.simplify(enter - (1 - 2 * q)) == 0
    assert sympy.solve(sympy.Eq(enter, 0), q) == [sympy.Rational(1, 2)]
    concrete = game.subs(q=F(2, 3))
    assert concrete == entry_game(F(2, 3)) and concrete.kind == "exact"
    assert game.subs({"q": "1/3"}) == entry_game(F(1, 3))
    with pytest.raises(UnknownNameError, match="not a parameter"):
        game.subs(p=1)
    with pytest.raises(ParametricGameError):
        game.require_numeric()
    assert entry_game().subs() == entry_game()


@pytest.mark.parametrize(
    ("build", "error", "match"),
    [
        (
            lambda: BayesianGame(
                PLAYERS,
                ACTIONS,
                {"Incumbent": ["T", "W"]},
                {"Incumbent": [F(1, 2), F(1, 3)]},
                lambda t, a: (0, 0),
            ),
            ProbabilityError,
            "sum to 5/6",
        ),
        (
            lambda: BayesianGame(
                PLAYERS,
                ACTIONS,
                {"Incumbent": ["T", "W"]},
                {"Incumbent": [F(3, 2), F(-1, 2)]},
                lambda t, a: (0, 0),
            ),
            ProbabilityError,
            "non-negative",
        ),
        (
            lambda: BayesianGame(
                PLAYERS, ACTIONS, {"Incumbent": ["T", "W"]}, {"Incumbent": [0.5, 0.6]}, lambda t, a: (0, 0)
            ),
            ProbabilityError,
            "sum to 1.1",
        ),
        (
            lambda: BayesianGame(
                PLAYERS,
                ACTIONS,
                {"Incumbent": ["T", "W"]},
                {"Incumbent": [float("nan"), 0.5]},
                lambda t, a: (0, 0),
            ),
            NonFiniteError,
            "finite",
        ),
        (
            lambda: BayesianGame(
                PLAYERS, ACTIONS, {"Incumbent": ["T", "W"]}, [0.5, 0.5], lambda t, a: (0, 0)
            ),
            ShapeError,
            "shape",
        ),
        (
            lambda: BayesianGame(
                PLAYERS, ACTIONS, {"Incumbant": ["T", "W"]}, [[0.5], [0.5]], lambda t, a: (0, 0)
            ),
            UnknownNameError,
            "did you mean 'Incumbent'",
        ),
        (
            lambda: BayesianGame(
                PLAYERS, ACTIONS, {"Incumbent": ["T", "W"]}, {"Incumbent": {"X": 1}}, lambda t, a: (0, 0)
            ),
            UnknownNameError,
            "not a type",
        ),
        (
            lambda: BayesianGame(
                PLAYERS, ACTIONS, {"Incumbent": ["T", "T"]}, [[0.5], [0.5]], lambda t, a: (0, 0)
            ),
            DuplicateNameError,
            "more than once",
        ),
        (
            lambda: BayesianGame(PLAYERS, ACTIONS, [["T", "W"]], [[0.5], [0.5]], lambda t, a: (0, 0)),
            ShapeError,
            "type lists",
        ),
        (
            lambda: BayesianGame(
                PLAYERS, ACTIONS, {"Incumbent": ["T", "W"]}, [[0.5], [0.5]], lambda t, a: (0,)
            ),
            ShapeError,
            "one per player",
        ),
        (
            lambda: BayesianGame(
                PLAYERS, ACTIONS, {"Incumbent": ["T", "W"]}, [[0.5], [0.5]], lambda t, a: (0, "x")
            ),
            PayoffTypeError,
            "payoff",
        ),
        (
            lambda: BayesianGame(
                PLAYERS, ACTIONS, {"Incumbent": ["T", "W"]}, [[0.5], [0.5]], np.zeros((2, 2, 2, 2))
            ),
            ShapeError,
            "n_types",
        ),
        (
            lambda: BayesianGame(
                PLAYERS,
                ACTIONS,
                {"Incumbent": ["T", "W"]},
                [[0.5], [0.5]],
                {(("T", "default"), ("Build", "Leave")): (0, 0)},
            ),
            UnknownNameError,
            "not an action",
        ),
        (
            lambda: BayesianGame(
                PLAYERS, ACTIONS, {"Incumbent": ["T", "W"]}, {"Entrant": [1]}, lambda t, a: (0, 0)
            ),
            ValidationError,
            "no marginal",
        ),
        (
            lambda: BayesianGame(PLAYERS, [["Build"]], {"Incumbent": ["T"]}, [[1]], lambda t, a: (0, 0)),
            ShapeError,
            "action lists",
        ),
    ],
)
def test_bad_input_raises_a_clear_library_error(build: object, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match) as info:
        build()  # type: ignore[operator]
    assert isinstance(info.value, NeaGamesError)


def test_conversions_honour_a_size_bound() -> None:
    game = entry_game()
    with pytest.raises(BudgetExceededError, match="max_entries"):
        game.agent_normal_form(max_entries=10)
    with pytest.raises(BudgetExceededError, match="max_entries"):
        game.strategic_form(max_entries=10)


def test_look_ups_by_name_and_position() -> None:
    game = entry_game()
    assert game.type_index("Incumbent", "Weak") == 1 == game.type_index(0, -1)
    assert game.action_index("Entrant", "Out") == 1
    assert game.agent_name("Incumbent", "Weak") == "Incumbent[Weak]"
    assert game.agent_name("Entrant", 0) == "Entrant"
    assert game.agents() == (("Incumbent", "Tough"), ("Incumbent", "Weak"), ("Entrant", "default"))
    with pytest.raises(UnknownNameError, match="did you mean 'Weak'"):
        game.type_index("Incumbent", "Weal")
    with pytest.raises(ShapeError):
        game.payoff(("Tough",), ("Build", "Out"))
