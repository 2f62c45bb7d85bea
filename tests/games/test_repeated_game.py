"""RepeatedGame values and strategy automata: construction, validation, transitions."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from nea_games import NormalFormGame
from nea_games.errors import ShapeError, UnknownNameError, ValidationError
from nea_games.games._automata import Automaton
from nea_games.games.catalog import prisoners_dilemma
from nea_games.games.repeated import RepeatedGame

T, R, P, S = sympy.symbols("T R P S")


def symbolic_pd() -> NormalFormGame:
    return NormalFormGame.symmetric([[R, S], [T, P]], actions=["C", "D"])


@pytest.mark.parametrize("bad", [0, 1, Fraction(3, 2), -0.25, 1.0, sympy.Rational(7, 5)])
def test_discount_outside_unit_interval_is_rejected(bad: object) -> None:
    with pytest.raises(ValidationError, match=r"\(0, 1\)"):
        RepeatedGame(prisoners_dilemma(), bad)


def test_discount_kinds() -> None:
    pd = prisoners_dilemma()
    assert RepeatedGame(pd, Fraction(1, 2)).discount == Fraction(1, 2)
    assert RepeatedGame(pd, sympy.Rational(2, 3)).discount == Fraction(2, 3)
    assert RepeatedGame(pd, 0.9).discount == 0.9
    default = RepeatedGame(pd)
    assert default.is_discount_symbolic and default.discount.name == "delta"
    assert RepeatedGame(pd, "beta").discount.name == "beta"


def test_parameters_and_subs() -> None:
    game = RepeatedGame(symbolic_pd())
    assert [p.name for p in game.parameters] == ["P", "R", "S", "T", "delta"]
    concrete = game.subs(T=5, R=3, P=1, S=0)
    assert concrete.stage.is_exact and concrete.is_discount_symbolic
    assert concrete.subs(delta=Fraction(1, 2)).discount == Fraction(1, 2)
    with pytest.raises(UnknownNameError, match="did you mean 'delta'"):
        game.subs(deltaa=Fraction(1, 2))


def test_immutable_and_value_semantics() -> None:
    game = RepeatedGame(prisoners_dilemma(), Fraction(1, 2))
    with pytest.raises(AttributeError):
        game.discount = Fraction(1, 3)
    assert game == RepeatedGame(prisoners_dilemma(), Fraction(1, 2))
    assert hash(game) == hash(RepeatedGame(prisoners_dilemma(), Fraction(1, 2)))


def test_stage_must_be_a_normal_form_game() -> None:
    with pytest.raises(ValidationError, match="NormalFormGame"):
        RepeatedGame([[1, 2], [3, 4]], Fraction(1, 2))  # type: ignore[arg-type]


# --------------------------------------------------------------------- automata
def grim() -> Automaton:
    return Automaton(
        ("coop", "punish"),
        "coop",
        {"coop": ("C", "C"), "punish": ("D", "D")},
        {("coop", ("C", "C")): "coop"},
        {"coop": "punish"},
    )


def test_transitions_first_match_and_otherwise() -> None:
    a = grim()
    assert a.next_state("coop", ("C", "C")) == "coop"
    assert a.next_state("coop", ("D", "C")) == "punish"
    assert a.next_state("punish", ("C", "C")) == "punish"  # unmentioned: stay
    wild = Automaton(
        ("x", "y"), "x", {"x": ("C", "C"), "y": ("D", "D")}, {("x", ("*", "D")): "y", ("x", ("D", "*")): "x"}
    )
    assert wild.next_state("x", ("D", "D")) == "y"  # first match wins
    assert wild.next_state("x", ("D", "C")) == "x"


def test_tit_for_tat_automaton_copies_the_other() -> None:
    tft = Automaton.reciprocity(("C", "C"), ("D", "D"), name="tft")
    assert tft.initial == "C,C"
    for mine in "CD":
        for theirs in "CD":
            state = tft.next_state("C,C", (mine, theirs))
            assert tft.actions[state] == (theirs, mine)


def test_n_player_reciprocity() -> None:
    rec = Automaton.reciprocity(("C", "C", "C"), ("D", "D", "D"), name="rec")
    assert len(rec.states) == 8
    # player 2 defected: players 1 and 3 punish next period, player 2 does not
    assert rec.actions[rec.next_state("C,C,C", ("C", "D", "C"))] == ("D", "C", "D")
    assert rec.actions[rec.next_state("C,C,C", ("D", "D", "C"))] == ("D", "D", "D")


def test_k_period_punishment_cycles_back() -> None:
    a = Automaton.punishment(("C", "C"), ("D", "D"), 2, name="k2")
    assert a.next_state("cooperate", ("C", "D")) == "punish 1"
    assert a.next_state("punish 1", ("D", "D")) == "punish 2"
    assert a.next_state("punish 2", ("D", "D")) == "cooperate"
    assert a.next_state("punish 2", ("C", "D")) == "punish 1"  # deviation restarts the punishment
    with pytest.raises(ValidationError, match="positive integer"):
        Automaton.punishment(("C", "C"), ("D", "D"), 0, name="k0")


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"initial": "nowhere"}, UnknownNameError, "unknown state"),
        ({"actions": {"coop": ("C", "C")}}, ValidationError, "no action profile for state 'punish'"),
        ({"actions": {"coop": ("C", "C"), "punish": ("D",)}}, ShapeError, "one action per player"),
        ({"transitions": {("coop", ("C",)): "coop"}}, ShapeError, "needs 2 entries"),
        ({"transitions": {("coop", ("C", "C")): "nirvana"}}, UnknownNameError, "unknown state"),
        ({"transitions": {"coop": "coop"}}, ValidationError, "must be \\(state, pattern\\)"),
        ({"otherwise": {"coop": "heaven"}}, UnknownNameError, "unknown state"),
        ({"states": ("coop", "coop")}, ValidationError, "more than once"),
    ],
)
def test_malformed_automata(kwargs: dict[str, object], error: type[Exception], match: str) -> None:
    base: dict[str, object] = {
        "states": ("coop", "punish"),
        "initial": "coop",
        "actions": {"coop": ("C", "C"), "punish": ("D", "D")},
        "transitions": {("coop", ("C", "C")): "coop"},
        "otherwise": {"coop": "punish"},
    }
    base.update(kwargs)
    with pytest.raises(error, match=match):
        Automaton(**base)  # type: ignore[arg-type]


def test_automaton_must_fit_the_stage_game() -> None:
    pd = NormalFormGame.symmetric([[3, 0], [5, 1]], actions=["C", "D"])
    grim().check_against(pd)
    wrong = Automaton(("s",), "s", {"s": ("C", "Cooperate")})
    with pytest.raises(UnknownNameError, match="Cooperate"):
        wrong.check_against(pd)
    three = Automaton(("s",), "s", {"s": ("C", "C", "C")})
    with pytest.raises(ShapeError, match="3 actions"):
        three.check_against(pd)
