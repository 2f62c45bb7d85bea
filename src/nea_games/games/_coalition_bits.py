r"""Bitmask helpers shared by the TU-game classes and their solvers.

Coalition :math:`S` of players :math:`0, \dots, n-1` is the bitmask
:math:`\sum_{k \in S} 2^k`, so the :math:`2^n` coalitions are the integers
:math:`0, \dots, 2^n - 1` and a table of :math:`v(S)` is an array indexed by
mask. This module holds the pieces that only know about that encoding: the
budget check on :math:`2^n`, the membership matrix, exact values scaled to
integers over a common denominator, and the printed form of a coalition.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from nea_games.errors import BudgetExceededError, ValidationError

__all__ = ["MAX_PLAYERS", "Coalition", "bit_matrix", "check_size", "format_coalition", "scaled_integers"]

#: Default bound on the number of players for which all :math:`2^n` coalitions are enumerated.
MAX_PLAYERS = 20

Coalition = Iterable[str] | str


def check_size(n: int, max_players: int | None, what: str) -> None:
    """Raise BudgetExceededError when ``2**n`` coalitions exceed ``max_players``."""
    if max_players is None:
        return
    if not isinstance(max_players, int) or isinstance(max_players, bool) or max_players < 0:
        raise ValidationError(f"max_players must be a non-negative integer, got {max_players!r}")
    if n > max_players:
        raise BudgetExceededError(
            f"{what} would enumerate all 2**{n} = {2**n} coalitions of {n} players, more than "
            f"max_players={max_players} allows; pass a larger max_players to run it anyway"
        )


def bit_matrix(n: int) -> npt.NDArray[np.uint8]:
    """Row ``S`` is the 0/1 membership vector of the coalition with bitmask ``S`` (shape ``(2**n, n)``).

    Examples
    --------
    >>> bit_matrix(2).tolist()
    [[0, 0], [1, 0], [0, 1], [1, 1]]
    """
    masks = np.arange(2**n, dtype=np.int64)
    return ((masks[:, None] >> np.arange(n, dtype=np.int64)) & 1).astype(np.uint8)


def scaled_integers(values: Sequence[Fraction]) -> tuple[npt.NDArray[Any], int]:
    """Integers ``k`` and a denominator ``d`` with ``values == k / d`` (int64 when safe, else object).

    Examples
    --------
    >>> ints, den = scaled_integers([Fraction(1, 2), Fraction(2, 3), Fraction(0)])
    >>> ints.tolist(), den
    ([3, 4, 0], 6)
    """
    den = math.lcm(1, *(v.denominator for v in values))
    ints = [v.numerator * (den // v.denominator) for v in values]
    big = max((abs(k) for k in ints), default=0)
    if big * max(1, len(ints)) < 2**62:
        return np.array(ints, dtype=np.int64), den
    return np.array(ints, dtype=object), den


def format_coalition(players: Iterable[str]) -> str:
    """``{A, B}``, or ``∅`` for the empty coalition.

    Examples
    --------
    >>> format_coalition(["US", "JPN"]), format_coalition([])
    ('{US, JPN}', '∅')
    """
    names = list(players)
    return "{" + ", ".join(names) + "}" if names else "∅"
