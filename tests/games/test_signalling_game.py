"""SignallingGame: input forms, validation, parameters and conversion to a Bayesian game."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
import sympy

from nea_games.errors import (
    NeaGamesError,
    ParametricGameError,
    ProbabilityError,
    ShapeError,
    UnknownNameError,
)
from nea_games.games.signalling import SignallingGame

TYPES = ["Strong", "Weak"]
MESSAGES = ["Beer", "Quiche"]
RESPONSES = ["Duel", "Don't"]


def beer_quiche_payoffs(t: str, m: str, a: str) -> tuple[int, int]:
    """Cho & Kreps (1987): 1 for the preferred breakfast, 2 for not being challenged."""
    preferred = "Beer" if t == "Strong" else "Quiche"
    sender = int(m == preferred) + 2 * int(a == "Don't")
    receiver = int((a == "Duel") == (t == "Weak"))
    return sender, receiver


def test_payoff_forms_agree() -> None:
    from_function = SignallingGame(TYPES, [F(9, 10), F(1, 10)], MESSAGES, RESPONSES, beer_quiche_payoffs)
    mapping = {(t, m, a): beer_quiche_payoffs(t, m, a) for t in TYPES for m in MESSAGES for a in RESPONSES}
    array = np.empty((2, 2, 2, 2), dtype=object)
    for k, t in enumerate(TYPES):
        for j, m in enumerate(MESSAGES):
            for r, a in enumerate(RESPONSES):
                array[:, k, j, r] = beer_quiche_payoffs(t, m, a)
    prior = {"Strong": F(9, 10), "Weak": F(1, 10)}
    assert SignallingGame(TYPES, prior, MESSAGES, RESPONSES, mapping) == from_function
    assert SignallingGame(TYPES, prior, MESSAGES, RESPONSES, array) == from_function
    assert hash(from_function) == hash(SignallingGame(TYPES, prior, MESSAGES, RESPONSES, array))
    assert from_function.payoff("Strong", "Beer", "Don't") == (3, 1)
    assert from_function.probability("Weak") == F(1, 10)
    assert from_function.kind == "exact" and from_function.is_exact
    text = str(from_function)
    assert "prior: Strong 9/10, Weak 1/10" in text and "after Quiche" in text
    assert "SignallingGame" in repr(from_function)


def test_to_bayesian_game_makes_the_receiver_choose_response_plans() -> None:
    game = SignallingGame(TYPES, [F(9, 10), F(1, 10)], MESSAGES, RESPONSES, beer_quiche_payoffs)
    bayesian = game.to_bayesian_game()
    plans = (
        "Beer:Duel|Quiche:Duel",
        "Beer:Duel|Quiche:Don't",
        "Beer:Don't|Quiche:Duel",
        "Beer:Don't|Quiche:Don't",
    )
    assert bayesian.actions == (("Beer", "Quiche"), plans)
    # A weak sender drinking beer against the plan "duel after quiche only" is not dueled: 0 + 2.
    assert bayesian.payoff(("Weak", "default"), ("Beer", "Beer:Don't|Quiche:Duel")) == (2, 0)
    sf = bayesian.strategic_form()
    # Pooling on beer against that plan: strong 3 w.p. 9/10, weak 2 w.p. 1/10 -> 29/10 for the
    # sender; the receiver is right (no duel) with the strong type: 9/10.
    assert sf.payoff(("Strong:Beer|Weak:Beer", "Beer:Don't|Quiche:Duel")) == (F(29, 10), F(9, 10))


def test_symbolic_prior() -> None:
    p = sympy.Symbol("p")
    game = SignallingGame(TYPES, [p, 1 - p], MESSAGES, RESPONSES, beer_quiche_payoffs)
    assert game.parameters == (p,)
    with pytest.raises(ParametricGameError):
        game.require_numeric()
    assert game.subs(p=F(9, 10)) == SignallingGame(
        TYPES, [F(9, 10), F(1, 10)], MESSAGES, RESPONSES, beer_quiche_payoffs
    )
    with pytest.raises(UnknownNameError):
        game.subs(q=1)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"prior": [1, 0]}, ProbabilityError, "probability zero"),
        ({"prior": [F(1, 2), F(1, 3)]}, ProbabilityError, "sum to"),
        ({"prior": [1]}, ShapeError, "one per type"),
        ({"prior": {"Srong": 1}}, UnknownNameError, "did you mean 'Strong'"),
        ({"payoffs": {("Strong", "Beer", "Duel"): (1, 0)}}, ShapeError, "nothing given"),
        ({"payoffs": {("Strong", "Wine", "Duel"): (1, 0)}}, UnknownNameError, "unknown message"),
        ({"payoffs": np.zeros((2, 2, 2))}, ShapeError, "shape"),
        ({"payoffs": lambda t, m, a: (1,)}, ShapeError, "sender, receiver"),
        ({"players": ("A", "B", "C")}, ShapeError, "sender and a receiver"),
    ],
)
def test_bad_input(kwargs: dict[str, object], error: type[Exception], match: str) -> None:
    arguments: dict[str, object] = {
        "types": TYPES,
        "prior": [F(9, 10), F(1, 10)],
        "messages": MESSAGES,
        "responses": RESPONSES,
        "payoffs": beer_quiche_payoffs,
    }
    arguments.update(kwargs)
    players = arguments.pop("players", ("Sender", "Receiver"))
    with pytest.raises(error, match=match) as info:
        SignallingGame(**arguments, players=players)  # type: ignore[arg-type]
    assert isinstance(info.value, NeaGamesError)
