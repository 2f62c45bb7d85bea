"""Equilibrium selection (Harsanyi & Selten 1988): payoff and risk dominance, welfare, descriptions."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nea_games import Equilibrium, NormalFormGame
from nea_games.errors import ShapeError, ValidationError
from nea_games.solvers.pure import solve_pure
from nea_games.solvers.selection import (
    describe,
    deviation_losses,
    max_welfare,
    payoff_dominant,
    risk_dominance,
    risk_dominant,
)

F = Fraction

# Stag hunt: Stag pays 4 if the other hunts stag, else 0; Hare always pays 3.
STAG_HUNT = NormalFormGame.symmetric([[4, 0], [3, 3]], actions=["Stag", "Hare"], players=["US", "China"])
# Battle of the sexes: Row prefers (Opera, Opera), Col prefers (Fight, Fight).
BOS = NormalFormGame.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], actions=[["Opera", "Fight"]] * 2)


def pure(game: NormalFormGame, *profile: str) -> Equilibrium:
    strategies = [[int(a == name) for a in actions]
                  for actions, name in zip(game.actions, profile, strict=True)]
    return Equilibrium.from_strategies(game, strategies)


def test_stag_hunt_payoff_versus_risk_dominance() -> None:
    stag, hare = pure(STAG_HUNT, "Stag", "Stag"), pure(STAG_HUNT, "Hare", "Hare")
    # Payoff dominance: (4, 4) beats (3, 3) for both players.
    assert payoff_dominant([stag, hare]) == [stag]
    assert payoff_dominant([stag, hare], strict=True) == [stag]
    # Deviation losses: at (Stag, Stag) each loses 4 - 3 = 1 by switching to Hare (product 1);
    # at (Hare, Hare) each loses 3 - 0 = 3 by switching to Stag (product 9 > 1).
    assert deviation_losses(stag, hare) == {"US": 1, "China": 1}
    assert deviation_losses(hare, stag) == {"US": 3, "China": 3}
    assert risk_dominant(stag, hare) is hare
    assert risk_dominant(hare, stag) is hare
    assert risk_dominance([stag, hare]) == [hare]


def test_works_on_equilibrium_sets_with_mixed_members() -> None:
    # The mixed equilibrium: US indifferent when China hunts stag with q: 4q = 3, q = 3/4; payoff 3.
    mixed = Equilibrium.from_strategies(STAG_HUNT, [[F(3, 4), F(1, 4)]] * 2)
    assert mixed.is_equilibrium() and mixed.payoffs == (3, 3)
    found = [*solve_pure(STAG_HUNT), mixed]
    assert [eq.label for eq in payoff_dominant(found)] == ["pure (Stag, Stag)"]
    # mixed equilibria are left out of risk dominance
    assert [eq.label for eq in risk_dominance(found)] == ["pure (Hare, Hare)"]
    assert [eq.label for eq in max_welfare(found)] == ["pure (Stag, Stag)"]


def test_strict_payoff_dominance_keeps_more() -> None:
    # Equilibria pay (2, 2) and (2, 1): Pareto-dominance removes the second, but Harsanyi–Selten
    # payoff dominance needs every player strictly better, and Row is not.
    game = NormalFormGame.bimatrix([[2, 0], [0, 2]], [[2, 0], [0, 1]])
    eqs = solve_pure(game)
    assert [eq.payoffs for eq in payoff_dominant(eqs)] == [(2, 2)]
    assert len(payoff_dominant(eqs, strict=True)) == 2


def test_ties() -> None:
    # Battle of the sexes: losses 2*1 at (Opera, Opera) and 1*2 at (Fight, Fight): a tie.
    opera, fight = solve_pure(BOS)
    assert risk_dominant(opera, fight) is None
    assert risk_dominance([opera, fight]) == [opera, fight]
    assert risk_dominant(opera, opera) is None
    # Neither Pareto-dominates the other; welfare is 3 for both unless Col's payoff counts double.
    assert payoff_dominant([opera, fight]) == [opera, fight]
    assert max_welfare([opera, fight]) == [opera, fight]
    assert max_welfare([opera, fight], weights=[1, 2]) == [fight]


def test_payoff_dominant_is_also_risk_dominant_when_risk_is_low() -> None:
    # Stag 9 vs Hare 1: losses 8*8 at (Stag, Stag) and 1*1 at (Hare, Hare).
    game = NormalFormGame.symmetric([[9, 0], [1, 1]], actions=["Stag", "Hare"])
    assert [eq.pure_profile for eq in risk_dominance(solve_pure(game))] == [("Stag", "Stag")]


def test_three_player_stag_hunt() -> None:
    # Stag pays 4 only if all three hunt stag, else 0; Hare pays 3. Equilibria: all Stag, all Hare.
    # Losses at all-Stag: 4 - 3 = 1 for each of 3 players (product 1); at all-Hare: 3 - 0 = 3
    # each (product 27). All-Hare risk-dominates.
    payoffs = np.zeros((3, 2, 2, 2), dtype=int)
    for i in range(3):
        index: list[object] = [slice(None)] * 3
        index[i] = 1
        payoffs[i][tuple(index)] = 3
        payoffs[i, 0, 0, 0] = 4
    game = NormalFormGame.from_array(payoffs)
    eqs = solve_pure(game)
    assert [eq.pure_profile for eq in eqs] == [("a1", "a1", "a1"), ("a2", "a2", "a2")]
    assert deviation_losses(eqs[1], eqs[0]) == {"Player 1": 3, "Player 2": 3, "Player 3": 3}
    assert [eq.pure_profile for eq in risk_dominance(eqs)] == [("a2", "a2", "a2")]


def test_players_who_do_not_switch_are_left_out() -> None:
    # The stag hunt with a third player who has a single action ("Watch") and payoff 0:
    # only US and China switch between the equilibria, so the result is the 2x2 one.
    two = STAG_HUNT.payoffs
    payoffs = np.zeros((3, 2, 2, 1), dtype=object)
    payoffs[0, :, :, 0] = two[0]
    payoffs[1, :, :, 0] = two[1]
    game = NormalFormGame(["US", "China", "Japan"], [["Stag", "Hare"], ["Stag", "Hare"], ["Watch"]], payoffs)
    stag, hare = solve_pure(game)
    assert deviation_losses(hare, stag) == {"US": 3, "China": 3}
    assert risk_dominant(stag, hare) is hare


def test_errors() -> None:
    stag = pure(STAG_HUNT, "Stag", "Stag")
    mixed = Equilibrium.from_strategies(STAG_HUNT, [[F(3, 4), F(1, 4)]] * 2)
    with pytest.raises(ValidationError, match="mixed"):
        risk_dominant(stag, mixed)
    # (Down, Right) is an equilibrium but not strict: Row loses nothing by switching to Up.
    weak = NormalFormGame.bimatrix([[2, 0], [0, 0]], [[2, 0], [0, 0]])
    top, bottom = pure(weak, "a1", "a1"), pure(weak, "a2", "a2")
    assert bottom.is_equilibrium()
    with pytest.raises(ValidationError, match="strict"):
        risk_dominant(top, bottom)
    with pytest.raises(ValidationError, match="different games"):
        payoff_dominant([stag, pure(BOS, "Opera", "Opera")])
    with pytest.raises(ValidationError, match="Equilibrium"):
        payoff_dominant([stag, "not an equilibrium"])  # type: ignore[list-item]
    with pytest.raises(ShapeError):
        max_welfare([stag], weights=[1, 2, 3])
    assert max_welfare([]) == [] and payoff_dominant([]) == []


def test_describe() -> None:
    assert describe(pure(STAG_HUNT, "Hare", "Hare")) == (
        "In the pure (Hare, Hare) equilibrium, US plays Hare and China plays Hare; "
        "expected payoffs: US 3, China 3."
    )
    mixed = Equilibrium.from_strategies(BOS, [[F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)]])
    # Row indifferent: 2q = 1 - q => Col plays Opera with 1/3; payoff 2/3 each.
    assert mixed.is_equilibrium()
    assert describe(mixed) == (
        "In this mixed equilibrium, Player 1 mixes Opera (2/3) and Fight (1/3), and Player 2 mixes "
        "Opera (1/3) and Fight (2/3); expected payoffs: Player 1 2/3, Player 2 2/3."
    )
    floats = describe(mixed.to_float())
    assert "0.666667" in floats and floats.startswith("In this mixed equilibrium")


def test_float_equilibria() -> None:
    game = NormalFormGame.symmetric(np.array([[4.0, 0.0], [3.0, 3.0]]), actions=["Stag", "Hare"])
    stag, hare = solve_pure(game)
    assert risk_dominant(stag, hare) is hare
    assert payoff_dominant([stag, hare]) == [stag]


# --------------------------------------------------------------------------- properties
entries = st.integers(-6, 6)


@settings(max_examples=80, deadline=None)
@given(st.lists(entries, min_size=4, max_size=4), st.lists(st.integers(1, 6), min_size=4, max_size=4),
       st.integers(1, 4), st.integers(-5, 5))
def test_two_by_two_formula_and_invariance(
    diagonal: list[int], gaps: list[int], scale: int, shift: int
) -> None:
    # both diagonal profiles are strict equilibria: each off-diagonal payoff is a positive gap lower
    a11, a22, b11, b22 = diagonal
    a21, a12, b12, b21 = a11 - gaps[0], a22 - gaps[1], b11 - gaps[2], b22 - gaps[3]
    game = NormalFormGame.bimatrix([[a11, a12], [a21, a22]], [[b11, b12], [b21, b22]])
    first, second = solve_pure(game)
    # Harsanyi–Selten for 2x2 games with diagonal equilibria, in the textbook form.
    left, right = (a11 - a21) * (b11 - b12), (a22 - a12) * (b22 - b21)
    expected = first if left > right else second if right > left else None
    assert risk_dominant(first, second) is expected
    # invariant under positive affine changes of one player's payoffs
    moved = game.affine_transform(0, scale, shift)
    m_first, m_second = solve_pure(moved)
    winner = risk_dominant(m_first, m_second)
    assert (winner.pure_profile if winner else None) == (expected.pure_profile if expected else None)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(entries, entries, entries), min_size=1, max_size=6))
def test_payoff_dominant_members_are_undominated(payoffs: list[tuple[int, int, int]]) -> None:
    game = NormalFormGame.from_array(np.zeros((3, 1, 1, 1), dtype=int))
    eqs = [Equilibrium(game, ((F(1),),) * 3, tuple(F(v) for v in p), "test", True) for p in payoffs]
    kept = payoff_dominant(eqs)
    assert kept  # a finite set always has Pareto-undominated members
    for e in kept:
        assert not any(
            all(x >= y for x, y in zip(f.payoffs, e.payoffs, strict=True)) and f.payoffs != e.payoffs
            for f in eqs
        )
    best = max(sum(p) for p in payoffs)
    assert all(sum(e.payoffs) == best for e in max_welfare(eqs))
    assert set(map(id, max_welfare(eqs))) <= set(map(id, kept))
