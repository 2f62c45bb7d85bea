"""Every complete solver finds exactly the hand-derived equilibria of the literature games."""

from __future__ import annotations

import pytest

import nea_games
from literature_games import GAMES, LiteratureGame

COMPLETE_TWO_PLAYER = ["vertex_enumeration", "support_enumeration"]


@pytest.mark.parametrize("method", COMPLETE_TWO_PLAYER)
@pytest.mark.parametrize("case", GAMES, ids=[g.name for g in GAMES])
def test_complete_methods_find_exactly_the_known_equilibria(case: LiteratureGame, method: str) -> None:
    result = nea_games.solve(case.game, method=method)
    assert result.complete and result.exact
    found = {eq.strategies: eq.payoffs for eq in result}
    assert found == dict(zip(case.equilibria, case.payoffs, strict=True))
    assert all(eq.regret() == 0 for eq in result)


@pytest.mark.parametrize("case", GAMES, ids=[g.name for g in GAMES])
def test_default_method_is_complete(case: LiteratureGame) -> None:
    result = nea_games.solve(case.game)
    assert {eq.strategies for eq in result} == set(case.equilibria)


@pytest.mark.parametrize("case", GAMES, ids=[g.name for g in GAMES])
def test_lemke_howson_finds_one_of_them_from_every_label(case: LiteratureGame) -> None:
    m, n = case.game.n_actions
    for label in range(m + n):
        result = nea_games.solve(case.game, method="lemke_howson", initial_label=label)
        assert len(result) == 1 and not result.complete
        assert result[0].strategies in case.equilibria


@pytest.mark.parametrize("case", GAMES, ids=[g.name for g in GAMES])
def test_float_payoffs_give_the_same_equilibria_within_tolerance(case: LiteratureGame) -> None:
    floats = nea_games.NormalFormGame(case.game.players, case.game.actions, case.game.float_payoffs())
    result = nea_games.solve(floats)
    assert not result.exact
    expected = [tuple(tuple(float(p) for p in s) for s in profile) for profile in case.equilibria]
    assert len(result) == len(expected)
    for eq in result:
        assert any(
            all(
                abs(a - b) <= 1e-9
                for s, t in zip(eq.strategies, profile, strict=True)
                for a, b in zip(s, t, strict=True)
            )
            for profile in expected
        )
        assert float(eq.regret()) <= 1e-9
