"""Hypothesis strategies for games, for property-testing models and solvers.

Requires the ``hypothesis`` package (installed with ``nea_games[test]``).

Examples
--------
A property a researcher might state: every equilibrium that ``solve``
returns is an equilibrium, exactly.

>>> from hypothesis import given, settings
>>> import nea_games
>>> from nea_games.strategies import bimatrix_games
>>> @settings(max_examples=5, deadline=None)
... @given(bimatrix_games(max_actions=3))
... def test_every_profile_is_an_equilibrium(game):
...     assert all(eq.regret() == 0 for eq in nea_games.solve(game))
>>> test_every_profile_is_an_equilibrium()
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Literal

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - exercised only without hypothesis
    raise ImportError("nea_games.strategies needs hypothesis: pip install 'nea_games[test]'") from error

import numpy as np

from nea_games.errors import ValidationError
from nea_games.games.normal_form import NormalFormGame

__all__ = ["PayoffKind", "bimatrix_games", "normal_form_games", "payoff_values"]

PayoffKind = Literal["int", "fraction", "float"]


def payoff_values(
    kind: PayoffKind = "int", min_value: int = -10, max_value: int = 10
) -> st.SearchStrategy[Any]:
    """Single payoff entries of the given kind within ``[min_value, max_value]``.

    Integers and fractions produce ties (degenerate games) now and then;
    floats almost never do.
    """
    if min_value > max_value:
        raise ValidationError(f"payoff_values: min_value {min_value} exceeds max_value {max_value}")
    if kind == "int":
        return st.integers(min_value, max_value)
    if kind == "fraction":
        return st.fractions(min_value, max_value, max_denominator=12)
    if kind == "float":
        return st.floats(min_value, max_value, allow_nan=False, allow_infinity=False, width=64)
    raise ValidationError(f"payoff_values: unknown kind {kind!r}; use 'int', 'fraction' or 'float'")


@st.composite
def normal_form_games(
    draw: st.DrawFn,
    players: int | st.SearchStrategy[int] = 2,
    actions: int | tuple[int, int] = (1, 4),
    payoffs: PayoffKind = "int",
    min_value: int = -10,
    max_value: int = 10,
) -> NormalFormGame:
    """Random normal-form games.

    Parameters
    ----------
    players : int or strategy of int
        Number of players (or a strategy drawing it).
    actions : int or (min, max)
        Number of actions of each player, fixed or drawn per player.
    payoffs : {"int", "fraction", "float"}
        Kind of payoff entries.
    min_value, max_value : int
        Range of payoff entries.
    """
    n = draw(players) if isinstance(players, st.SearchStrategy) else players
    if n < 1:
        raise ValidationError(f"normal_form_games: players must be at least 1, got {n}")
    if isinstance(actions, int):
        shape = [actions] * n
    else:
        low, high = actions
        shape = [draw(st.integers(low, high)) for _ in range(n)]
    size = n * int(np.prod(shape))
    values = draw(st.lists(payoff_values(payoffs, min_value, max_value), min_size=size, max_size=size))
    array = np.empty(size, dtype=object)
    array[:] = values if payoffs != "fraction" else [Fraction(v) for v in values]
    return NormalFormGame.from_array(array.reshape(n, *shape))


def bimatrix_games(
    min_actions: int = 1,
    max_actions: int = 4,
    payoffs: PayoffKind = "int",
    min_value: int = -10,
    max_value: int = 10,
) -> st.SearchStrategy[NormalFormGame]:
    """Random two-player games with between ``min_actions`` and ``max_actions`` actions each."""
    return normal_form_games(
        players=2,
        actions=(min_actions, max_actions),
        payoffs=payoffs,
        min_value=min_value,
        max_value=max_value,
    )
