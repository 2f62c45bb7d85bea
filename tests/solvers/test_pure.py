"""Pure equilibria, dominance and iterated elimination, checked against hand derivations."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nea_games
from nea_games import NormalFormGame, dominated_actions, iterated_elimination, pure_equilibria
from nea_games.games import catalog
from nea_games.strategies import normal_form_games


def brute_force_pure(game: NormalFormGame) -> list[tuple[int, ...]]:
    """Independent reference: loop over profiles and deviations (what the solver avoids)."""
    u = game.payoffs
    found = []
    for profile in itertools.product(*(range(m) for m in game.n_actions)):
        stable = True
        for i in range(game.n_players):
            for b in range(game.n_actions[i]):
                deviation = list(profile)
                deviation[i] = b
                if u[(i, *deviation)] > u[(i, *profile)]:
                    stable = False
        if stable:
            found.append(profile)
    return found


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        # PD: Defect strictly dominates, so (D, D) only.
        (catalog.prisoners_dilemma, [("Defect", "Defect")]),
        # Stag hunt: both coordination outcomes are strict equilibria.
        (catalog.stag_hunt, [("Stag", "Stag"), ("Hare", "Hare")]),
        # Chicken: one swerves, the other goes straight.
        (catalog.chicken, [("Swerve", "Straight"), ("Straight", "Swerve")]),
        (catalog.battle_of_the_sexes, [("Opera", "Opera"), ("Football", "Football")]),
        (catalog.matching_pennies, []),
        (catalog.rock_paper_scissors, []),
        # McKelvey-McLennan 2x2x2: checking all 8 profiles by hand, the pure equilibria are
        # (1,1,1) [9,8,12: any deviation gives 0], (2,2,1) [9,8,2: deviations give 0; P3 gets 0 at (2,2,2)],
        # (2,1,2) [3,4,6: P1->1 gives 0, P2->2 gives 0, P3->1 gives 0] and (1,2,2) symmetrically.
        (
            catalog.mckelvey_mclennan_2x2x2,
            [("1", "1", "1"), ("2", "2", "1"), ("2", "1", "2"), ("1", "2", "2")],
        ),
    ],
)
def test_textbook_pure_equilibria(build, expected) -> None:  # type: ignore[no-untyped-def]
    game = build()
    result = nea_games.solve(game, method="pure")
    assert sorted(eq.pure_profile for eq in result) == sorted(expected)
    assert all(eq.regret() == 0 and eq.method == "pure" for eq in result)


def test_a_three_player_coordination_game() -> None:
    # Three allies each choose Engage or Stay out; each gets 2 if all engage, 1 if all stay out,
    # 0 otherwise. By hand: (E,E,E) and (S,S,S) are the pure equilibria; mixed ones exist too
    # but are not pure.
    payoffs = np.zeros((3, 2, 2, 2), dtype=int)
    payoffs[:, 0, 0, 0] = 2
    payoffs[:, 1, 1, 1] = 1
    game = NormalFormGame(["US", "JPN", "ROK"], [["Engage", "Stay out"]] * 3, payoffs)
    assert [eq.pure_profile for eq in nea_games.solve(game, "pure")] == [
        ("Engage", "Engage", "Engage"),
        ("Stay out", "Stay out", "Stay out"),
    ]


@settings(max_examples=40, deadline=None)
@given(normal_form_games(players=st.integers(1, 4), actions=(1, 3), min_value=-3, max_value=3))
def test_vectorised_pure_equilibria_match_brute_force(game: NormalFormGame) -> None:
    assert pure_equilibria(game) == brute_force_pure(game)


@settings(max_examples=25, deadline=None)
@given(
    normal_form_games(players=st.integers(2, 3), actions=(1, 3), payoffs="float", min_value=-5, max_value=5)
)
def test_float_games_use_the_tolerance(game: NormalFormGame) -> None:
    for eq in nea_games.solve(game, "pure"):
        assert eq.is_equilibrium()
        # the library's one tolerance: 1e-9 relative to the largest absolute payoff
        scale = max(1.0, float(abs(game.float_payoffs()).max()))
        assert float(eq.regret()) <= 1e-9 * scale


def test_ties_within_tolerance_count_as_best_responses() -> None:
    game = NormalFormGame.bimatrix([[1.0, 0.0], [1.0 + 1e-13, 0.0]], [[1.0, 0.0], [1.0, 0.0]])
    assert pure_equilibria(game) == [(0, 0), (1, 0)]


def test_six_player_game_is_vectorised() -> None:
    rng = np.random.default_rng(2026)
    game = NormalFormGame.from_array(rng.integers(-2, 3, size=(6, *([3] * 6))))
    assert pure_equilibria(game) == brute_force_pure(game)


def test_strict_and_weak_dominance() -> None:
    # Column: L = (1, 1), R = (1, 0) for the column player: R weakly (not strictly) dominated.
    game = NormalFormGame.bimatrix([[1, 0], [0, 1]], [[1, 1], [1, 0]], actions=[["U", "D"], ["L", "R"]])
    assert dominated_actions(game, "Player 2") == {}
    assert dominated_actions(game, "Player 2", strict=False) == {"R": "L"}


def test_mixed_dominance() -> None:
    # M = (1, 1) is dominated by neither U = (3, 0) nor D = (0, 3) alone, but strictly by
    # (1/2, 1/2): it pays 3/2 > 1 against either column.
    game = NormalFormGame.bimatrix(
        [[3, 0], [1, 1], [0, 3]], [[0, 0], [0, 0], [0, 0]], actions=[["U", "M", "D"], ["L", "R"]]
    )
    assert dominated_actions(game, 0) == {}
    mixed = dominated_actions(game, 0, mixed=True)
    assert set(mixed) == {"M"}
    weights = mixed["M"]
    assert set(weights) == {"U", "D"}
    # any mixture with weight in (1/3, 2/3) on U dominates; the LP's choice must be one of them
    assert 1 / 3 < weights["U"] < 2 / 3


def test_iterated_elimination_reports_order() -> None:
    # Classic example (Gibbons 1992, Fig. 1.1.1): R is dominated by M, then D by U, then L by M.
    game = NormalFormGame.bimatrix(
        [[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]], actions=[["Up", "Down"], ["Left", "Middle", "Right"]]
    )
    result = iterated_elimination(game)
    assert [(s.round, s.player, s.action, s.dominated_by) for s in result.steps] == [
        (1, "Player 2", "Right", "Middle"),
        (2, "Player 1", "Down", "Up"),
        (3, "Player 2", "Left", "Middle"),
    ]
    assert result.is_solved and result.surviving == {"Player 1": ("Up",), "Player 2": ("Middle",)}
    assert "Right dominated by Middle" in str(result)


def test_weak_elimination_removes_one_action_at_a_time() -> None:
    # Two identical rows: each weakly dominates neither (they tie everywhere), so nothing goes;
    # with a third row weakly dominated by both, exactly that one goes.
    game = NormalFormGame.bimatrix([[1, 1], [1, 1], [1, 0]], [[0, 0], [0, 0], [0, 0]])
    result = iterated_elimination(game, strict=False)
    assert [(s.player, s.action) for s in result.steps] == [("Player 1", "a3")]
    assert result.game.n_actions == (2, 2)


def test_iterated_elimination_keeps_exact_payoffs() -> None:
    game = NormalFormGame.bimatrix([[Fraction(1, 2), 0], [0, 0]], [[1, 0], [0, 0]])
    result = iterated_elimination(game, strict=False)
    assert result.game.is_exact
