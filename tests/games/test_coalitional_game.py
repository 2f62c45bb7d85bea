"""TU coalitional games and weighted voting games (nea_games.games.coalitional).

Expected values are worked out by hand in each test:

* 3-player majority game v(S) = 1 iff |S| >= 2: superadditive (two disjoint
  coalitions cannot both have two members), not convex (player A's marginal
  contribution falls from 1 to {B} to 0 to {B, C}), simple and essential.
* Glove game (L with R1, R2; v = 1 iff L and a right glove meet): not convex
  (R1 adds 1 to {L} but 0 to {L, R2}).
* v(S) = |S|^2 is convex: a marginal contribution (k + 1)^2 - k^2 = 2k + 1
  grows with the size k of the coalition joined.
"""

from __future__ import annotations

import html
from fractions import Fraction

import pytest
import sympy

from nea_games.errors import (
    BudgetExceededError,
    DuplicateNameError,
    NonFiniteError,
    ParametricGameError,
    PayoffTypeError,
    ShapeError,
    UnknownNameError,
    ValidationError,
)
from nea_games.games.coalitional import CoalitionalGame, WeightedVotingGame, weighted_voting_game

F = Fraction


def majority() -> CoalitionalGame:
    return CoalitionalGame(["A", "B", "C"], lambda S: 1 if len(S) >= 2 else 0)


def glove() -> CoalitionalGame:
    return CoalitionalGame(
        ["L", "R1", "R2"],
        {"L": 0, "R1": 0, "R2": 0, ("L", "R1"): 1, ("L", "R2"): 1, ("R1", "R2"): 0, ("L", "R1", "R2"): 1},
    )


# ---------------------------------------------------------------------- construction


def test_mapping_input_and_lookups() -> None:
    g = glove()
    assert g.players == ("L", "R1", "R2")
    assert g.n_players == 3
    assert g.kind == "exact"
    assert g.value(["L", "R1"]) == 1
    assert g.value(frozenset({"R2", "L"})) == 1
    assert g.value(("R2", "R1")) == 0
    assert g.value("L") == 0
    assert g.value([]) == 0
    assert g.grand_value == 1
    assert isinstance(g.value(["L", "R1"]), Fraction)


def test_keys_in_any_order_and_any_container() -> None:
    g = CoalitionalGame(["A", "B"], {frozenset({"A"}): 1, ("B",): 2, ("B", "A"): 5, (): 0})
    assert g.value(["A", "B"]) == 5
    assert g.value("B") == 2


def test_callable_input_sees_frozensets() -> None:
    seen: list[frozenset[str]] = []

    def v(S: frozenset[str]) -> int:
        seen.append(S)
        return len(S)

    g = CoalitionalGame(["A", "B", "C"], v)
    assert len(seen) == 7 and all(isinstance(S, frozenset) for S in seen)
    assert frozenset() not in seen
    assert g.value(["A", "C"]) == 2


def test_default_fills_missing_coalitions() -> None:
    g = CoalitionalGame(["A", "B", "C"], {("A", "B", "C"): 6}, default=0)
    assert g.value(["A", "B"]) == 0 and g.grand_value == 6


def test_coalition_values_in_bitmask_order() -> None:
    # bit 0 = A, bit 1 = B: masks 0, {A}, {B}, {A, B}
    g = CoalitionalGame(["A", "B"], {"A": 1, "B": 2, ("A", "B"): 4})
    assert list(g.coalition_values()) == [0, 1, 2, 4]
    assert CoalitionalGame.from_array(["A", "B"], [0, 1, 2, 4]) == g
    assert g.mask(["B"]) == 2


def test_float_and_exact_kinds() -> None:
    g = CoalitionalGame(["A", "B"], {"A": 0.5, "B": 0, ("A", "B"): 1})
    assert g.kind == "float"
    assert isinstance(g.value(["A", "B"]), float)
    h = CoalitionalGame(["A", "B"], {"A": F(1, 3), "B": sympy.Rational(1, 2), ("A", "B"): 1})
    assert h.kind == "exact" and h.value("B") == F(1, 2)


# ---------------------------------------------------------------------- validation


def test_duplicate_players() -> None:
    with pytest.raises(DuplicateNameError, match="'A' appears more than once"):
        CoalitionalGame(["A", "A"], lambda S: 0)


def test_unknown_player_in_key_suggests_a_name() -> None:
    with pytest.raises(UnknownNameError, match=r"unknown player 'RO' \(did you mean 'ROK'\?\)"):
        CoalitionalGame(["US", "ROK"], {"US": 0, ("US", "RO"): 1}, default=0)
    with pytest.raises(UnknownNameError, match="unknown player 'China'"):
        glove().value(["L", "China"])


def test_missing_coalitions_are_named() -> None:
    with pytest.raises(ValidationError, match=r"no value for 2 coalition\(s\): \{B\}, \{A, B\}"):
        CoalitionalGame(["A", "B"], {"A": 0})


def test_empty_coalition_must_be_worth_zero() -> None:
    with pytest.raises(ValidationError, match="v\\(∅\\) must be 0"):
        CoalitionalGame(["A"], {(): 1, "A": 2})
    CoalitionalGame(["A"], {(): 0, "A": 2})  # the other side: 0 is accepted


def test_non_finite_and_non_numeric_values() -> None:
    with pytest.raises(NonFiniteError, match=r"v\(\{A\}\)"):
        CoalitionalGame(["A", "B"], {"A": float("nan"), "B": 0, ("A", "B"): 1})
    with pytest.raises(NonFiniteError, match=r"v\(\{A, B\}\)"):
        CoalitionalGame(["A", "B"], {"A": 0, "B": 0, ("A", "B"): float("inf")})
    with pytest.raises(PayoffTypeError):
        CoalitionalGame(["A", "B"], {"A": "one", "B": 0, ("A", "B"): 1})
    with pytest.raises(PayoffTypeError):
        CoalitionalGame(["A"], {"A": True})


def test_conflicting_and_repeated_keys() -> None:
    with pytest.raises(ValidationError, match="given twice"):
        CoalitionalGame(["A", "B"], {("A", "B"): 1, ("B", "A"): 2, "A": 0, "B": 0})
    with pytest.raises(ValidationError, match="names 'A' twice"):
        CoalitionalGame(["A", "B"], {("A", "A"): 1}, default=0)


def test_bad_values_argument_and_array_length() -> None:
    with pytest.raises(ValidationError, match="mapping from coalitions"):
        CoalitionalGame(["A"], [0, 1])  # type: ignore[arg-type]
    with pytest.raises(ShapeError, match="2\\*\\*2 = 4"):
        CoalitionalGame.from_array(["A", "B"], [0, 1, 2])


def test_enumeration_is_bounded() -> None:
    names = [f"P{k}" for k in range(6)]
    with pytest.raises(BudgetExceededError, match=r"2\*\*6 = 64 coalitions of 6 players.*max_players=5"):
        CoalitionalGame(names, lambda S: len(S), max_players=5)
    assert CoalitionalGame(names, lambda S: len(S), max_players=6).grand_value == 6


# ---------------------------------------------------------------------- properties


def test_properties_of_majority_game() -> None:
    g = majority()
    assert g.is_superadditive()
    assert not g.is_convex()
    assert g.is_simple()
    assert g.is_monotone()
    assert g.is_essential()


def test_properties_of_glove_game() -> None:
    g = glove()
    assert g.is_superadditive() and g.is_monotone() and g.is_simple()
    assert not g.is_convex()


def test_convexity_on_both_sides() -> None:
    squares = CoalitionalGame(list("ABCD"), lambda S: len(S) ** 2)
    assert squares.is_convex() and squares.is_superadditive()
    additive = CoalitionalGame(list("ABC"), lambda S: sum({"A": 1, "B": 2, "C": 3}[p] for p in S))
    assert additive.is_convex()  # equality everywhere
    assert not additive.is_essential()  # v(N) = sum of singletons
    # lower one pair by 1/100: the supermodular inequality for A, B at S = {} fails
    weights = {"A": 1, "B": 2, "C": 3}
    dented = CoalitionalGame(
        list("ABC"), lambda S: sum(weights[p] for p in S) - (F(1, 100) if {"A", "B"} == S else 0)
    )
    assert not dented.is_convex() and not dented.is_superadditive()


def test_monotone_and_simple_on_both_sides() -> None:
    shrinking = CoalitionalGame(["A", "B"], {"A": 1, "B": 0, ("A", "B"): 0})
    assert not shrinking.is_monotone()
    assert not shrinking.is_simple()
    doubled = CoalitionalGame(list("ABC"), lambda S: 2 if len(S) >= 2 else 0)
    assert doubled.is_monotone() and not doubled.is_simple()
    assert CoalitionalGame(["A", "B"], {"A": 1.0, "B": 0.0, ("A", "B"): 1.0}).is_simple()


def test_float_properties_use_the_tolerance() -> None:
    g = CoalitionalGame(["A", "B"], {"A": 0.1, "B": 0.2, ("A", "B"): 0.1 + 0.2 - 1e-15})
    assert g.is_superadditive()  # within 1e-9
    h = CoalitionalGame(["A", "B"], {"A": 0.1, "B": 0.2, ("A", "B"): 0.29})
    assert not h.is_superadditive()


def test_property_checks_are_bounded() -> None:
    g = CoalitionalGame([f"P{k}" for k in range(5)], lambda S: len(S))
    with pytest.raises(BudgetExceededError, match=r"is_superadditive.*max_players=4"):
        g.is_superadditive(max_players=4)


# ---------------------------------------------------------------------- symbolic games


def test_symbolic_games() -> None:
    a, b = sympy.symbols("a b")
    g = CoalitionalGame(["A", "B"], {"A": a, "B": 0, ("A", "B"): a + b})
    assert g.kind == "symbolic" and g.parameters == (a, b) and g.is_parametric
    h = g.subs(a=1, b=F(1, 2))
    assert h.kind == "exact" and h.grand_value == F(3, 2)
    assert g.subs({a: 0.5, "b": 1}).kind == "float"
    with pytest.raises(UnknownNameError, match="'c' is not a parameter"):
        g.subs(c=1)
    with pytest.raises(ParametricGameError, match="substitute numbers"):
        g.is_convex()
    with pytest.raises(ParametricGameError):
        g.is_essential()


# ---------------------------------------------------------------------- weighted voting games


def test_weighted_voting_game_values() -> None:
    w = weighted_voting_game({"US": 3, "JPN": 2, "ROK": 1, "CHN": 3, "RUS": 1}, quota=6)
    assert isinstance(w, WeightedVotingGame)
    assert w.weights == {"US": 3, "JPN": 2, "ROK": 1, "CHN": 3, "RUS": 1}
    assert w.quota == 6
    assert w.value(["US", "JPN", "ROK"]) == 1  # 3 + 2 + 1 = 6 reaches the quota
    assert w.value(["US", "JPN"]) == 0  # 5 < 6
    assert w.value(["CHN", "RUS", "ROK", "US"]) == 1
    assert w.is_simple() and w.is_monotone()
    # the table agrees with the weights, coalition by coalition
    table = w.coalition_values()
    weights = [3, 2, 1, 3, 1]
    for mask, value in enumerate(table):
        assert value == (sum(weights[k] for k in range(5) if mask >> k & 1) >= 6)


def test_weighted_voting_game_sequence_and_order() -> None:
    w = weighted_voting_game([2, 1, 1], 3)
    assert w.players == ("P1", "P2", "P3")
    v = weighted_voting_game({"A": 2, "B": 1}, 2, players=["B", "A"])
    assert v.players == ("B", "A") and v.weights == {"B": 1, "A": 2}
    with pytest.raises(UnknownNameError, match="C"):
        weighted_voting_game({"A": 2, "B": 1}, 2, players=["A", "C"])


def test_weighted_voting_game_validation() -> None:
    with pytest.raises(ValidationError, match="weight of B is -1"):
        weighted_voting_game({"A": 2, "B": -1}, 1)
    with pytest.raises(ValidationError, match=r"quota: must lie in \(0, total weight\] = \(0, 3\], got 0"):
        weighted_voting_game({"A": 2, "B": 1}, 0)
    with pytest.raises(ValidationError, match="got 4"):
        weighted_voting_game({"A": 2, "B": 1}, 4)
    assert weighted_voting_game({"A": 2, "B": 1}, 3).value(["A", "B"]) == 1  # quota = total is allowed
    with pytest.raises(NonFiniteError):
        weighted_voting_game({"A": float("nan"), "B": 1}, 1)
    with pytest.raises(ParametricGameError):
        weighted_voting_game({"A": sympy.Symbol("w"), "B": 1}, 1)
    with pytest.raises(ShapeError):
        WeightedVotingGame(["A", "B"], [1], 1)


def test_float_weights_reach_the_quota_within_tolerance() -> None:
    w = weighted_voting_game({"A": 0.1, "B": 0.2}, 0.3)  # 0.1 + 0.2 = 0.30000000000000004 in binary
    assert w.value(["A", "B"]) == 1
    assert w.value(["B"]) == 0
    assert weighted_voting_game({"A": F(1, 10), "B": F(1, 5)}, F(3, 10)).value(["A", "B"]) == 1


def test_weighted_voting_game_with_many_players_is_lazy() -> None:
    w = weighted_voting_game([1] * 40, 21)  # 2**40 coalitions are never listed
    assert w.value([f"P{k}" for k in range(1, 22)]) == 1
    assert w.value([f"P{k}" for k in range(1, 21)]) == 0
    with pytest.raises(BudgetExceededError, match="40 players"):
        w.coalition_values()


# ---------------------------------------------------------------------- renaming, equality, rendering


def test_rename_keeps_values() -> None:
    g = glove().rename({"L": "US"})
    assert g.players == ("US", "R1", "R2") and g.value(["US", "R2"]) == 1
    w = weighted_voting_game({"A": 2, "B": 1}, 2).rename({"B": "ROK"})
    assert w.weights == {"A": 2, "ROK": 1}
    with pytest.raises(UnknownNameError, match="did you mean 'L'"):
        glove().rename({"LL": "x"})


def test_equality_and_hash() -> None:
    assert glove() == glove() and hash(glove()) == hash(glove())
    assert glove() != majority()
    assert weighted_voting_game([2, 1, 1], 3) == weighted_voting_game([2, 1, 1], 3)
    # [3; 2, 1, 1] and [5; 3, 2, 2] have the same winning coalitions: the same game
    same = weighted_voting_game([3, 2, 2], 5)
    assert same == weighted_voting_game([2, 1, 1], 3) and hash(same) == hash(
        weighted_voting_game([2, 1, 1], 3)
    )
    assert weighted_voting_game([2, 1, 1], 2) != weighted_voting_game([2, 1, 1], 3)
    assert weighted_voting_game([2, 1, 1], 3) == CoalitionalGame.from_array(
        ["P1", "P2", "P3"], list(weighted_voting_game([2, 1, 1], 3).coalition_values())
    )


def test_renderings() -> None:
    g = glove()
    assert repr(g) == "CoalitionalGame(players=('L', 'R1', 'R2'), kind='exact', v(N)=1)"
    text = str(g).splitlines()
    assert text[0] == "coalitional game on 3 players (L, R1, R2), exact values"
    assert text[1].split() == ["coalition", "v"]
    assert text[2].split() == ["{L}", "0"]
    assert text[-1].split() == ["{L,", "R1,", "R2}", "1"]
    assert "<table>" in g._repr_html_() and html.escape("{L, R1}") in g.to_html()
    assert "| {L, R1} | 1 |" in g.to_markdown()
    w = weighted_voting_game({"US": 3, "ROK": 1}, 3)
    assert repr(w) == "WeightedVotingGame([3; 3, 1], players=('US', 'ROK'))"
    assert str(w).splitlines()[0] == "weighted voting game [3; 3, 1]: a coalition wins with weight >= 3"
    big = CoalitionalGame([f"P{k}" for k in range(8)], lambda S: len(S))
    assert "191 more coalitions" in str(big)  # 255 non-empty coalitions, 64 shown
