"""Equilibrium and EquilibriumSet: checks, views, set comparison and rendering."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from nea_games import Equilibrium, EquilibriumSet, NormalFormGame
from nea_games.errors import ProbabilityError, ShapeError
from nea_games.games import catalog


@pytest.fixture
def bos() -> NormalFormGame:
    return catalog.battle_of_the_sexes()


def test_regret_is_exact_and_zero_at_an_equilibrium(bos: NormalFormGame) -> None:
    eq = Equilibrium.from_strategies(bos, [(F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))], method="hand")
    assert eq.exact and eq.payoffs == (F(2, 3), F(2, 3))
    assert eq.regret() == 0 and eq.is_equilibrium()
    assert eq.support == (("Opera", "Football"), ("Opera", "Football"))
    assert not eq.is_pure and eq.pure_profile is None


def test_regret_of_a_non_equilibrium(bos: NormalFormGame) -> None:
    # (Opera, Football) pays 0 to both; Row gains 1 by switching to Football, Column 1 by Opera.
    eq = Equilibrium.from_strategies(bos, [(1, 0), (0, 1)])
    assert eq.player_regrets() == (F(1), F(1))
    assert not eq.is_equilibrium()


def test_float_profiles_use_the_tolerance(bos: NormalFormGame) -> None:
    eq = Equilibrium.from_strategies(bos, [(2 / 3, 1 / 3), (1 / 3, 2 / 3)], exact=False)
    assert not eq.exact and eq.is_equilibrium()
    assert float(eq.regret()) < 1e-12


def test_mapping_views(bos: NormalFormGame) -> None:
    eq = Equilibrium.from_strategies(bos, [(1, 0), (1, 0)])
    assert eq["Row"] == {"Opera": 1, "Football": 0}
    assert eq.as_dict()["Column"]["Opera"] == 1
    assert eq.payoff_of("Column") == 1
    assert eq.is_pure and eq.pure_profile == ("Opera", "Opera") and eq.pure_profile_index == (0, 0)
    assert eq.label == "pure (Opera, Opera)"
    assert "Equilibrium pure (Opera, Opera)" in repr(eq)


def test_bad_profiles(bos: NormalFormGame) -> None:
    with pytest.raises(ShapeError, match="expected 2 strategies"):
        Equilibrium.from_strategies(bos, [(1, 0)])
    with pytest.raises(ShapeError, match="strategy of 'Column'"):
        Equilibrium.from_strategies(bos, [(1, 0), (1, 0, 0)])
    with pytest.raises(ProbabilityError, match="not a probability vector"):
        Equilibrium.from_strategies(bos, [(F(1, 2), F(1, 3)), (1, 0)])
    with pytest.raises(ProbabilityError, match="not a probability vector"):
        Equilibrium.from_strategies(bos, [(2, -1), (1, 0)])
    with pytest.raises(ProbabilityError, match="pass exact=False"):
        Equilibrium.from_strategies(bos, [(0.5, 0.5), (1, 0)])
    with pytest.raises(ProbabilityError, match="finite"):
        Equilibrium.from_strategies(bos, [(float("nan"), 1.0), (1, 0)], exact=False)


def test_sets_compare_as_sets(bos: NormalFormGame) -> None:
    a = Equilibrium.from_strategies(bos, [(1, 0), (1, 0)])
    b = Equilibrium.from_strategies(bos, [(F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))])
    c = Equilibrium.from_strategies(bos, [(0, 1), (0, 1)])
    first = EquilibriumSet(bos, [c, a, b], method="hand")
    second = EquilibriumSet(bos, [b, c, a], method="other")
    assert first == second
    assert [eq.pure_profile for eq in first] == [("Opera", "Opera"), None, ("Football", "Football")]
    assert first != EquilibriumSet(bos, [a, b], method="hand")
    floats = EquilibriumSet(bos, [e.to_float() for e in (a, b, c)], method="float")
    assert floats == first and not floats.exact
    assert first.pure() == [a, c] and first.mixed() == [b]
    assert first.max_regret() == 0


def test_components_follow_sorting(bos: NormalFormGame) -> None:
    a = Equilibrium.from_strategies(bos, [(1, 0), (1, 0)])
    c = Equilibrium.from_strategies(bos, [(0, 1), (0, 1)])
    result = EquilibriumSet(bos, [c, a], method="hand", components=[[0], [1]])
    # c was index 0 before sorting and is index 1 after; components are listed in order
    assert result.components == ((0,), (1,))


def test_rendering(bos: NormalFormGame) -> None:
    a = Equilibrium.from_strategies(bos, [(1, 0), (1, 0)])
    b = Equilibrium.from_strategies(bos, [(F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))])
    result = EquilibriumSet(bos, [a, b], method="hand", degenerate=False, notes=["a note"])
    text = result.to_text()
    assert text.splitlines()[0] == "2 equilibria by hand, complete"
    assert "Opera: 2/3, Football: 1/3" in text and "note: a note" in text
    assert "| 1 | Opera | Opera | 2 | 1 |" in result.to_markdown()
    assert r"\tfrac{2}{3}" in result.to_latex()
    assert result._repr_html_().count("<tr>") == 3
    assert "Equilibrium: mixed (Row: Opera 2/3, Football 1/3" in bos.to_text(result)
    assert repr(result) == "<EquilibriumSet 2 equilibria by hand, complete>"
