r"""Weighted voting games :math:`[q; w_1, \dots, w_n]`, kept as weights and a quota.

Coalition :math:`S` wins, :math:`v(S) = 1`, iff :math:`w(S) = \sum_{i \in S}
w_i \ge q`, and loses otherwise. The game stores the weights and the quota and
computes :math:`v` on demand, one coalition at a time or, for all :math:`2^n`
coalitions, as one product of the membership matrix with the weights scaled
to integers. The public home of :class:`WeightedVotingGame` and
:func:`weighted_voting_game` is :mod:`nea_games.games.coalitional`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from nea_games._numeric import TOLERANCE, Kind, as_fraction, classify
from nea_games.errors import ParametricGameError, ShapeError, UnknownNameError, ValidationError
from nea_games.games._coalition_bits import MAX_PLAYERS, Coalition, bit_matrix, check_size, scaled_integers
from nea_games.games._names import check_names, did_you_mean
from nea_games.games._tu_game import CoalitionalGame

__all__ = ["WeightedVotingGame", "weighted_voting_game"]


class WeightedVotingGame(CoalitionalGame):
    r"""The simple game :math:`[q; w_1, \dots, w_n]`: :math:`S` wins iff :math:`\sum_{i \in S} w_i \ge q`.

    Build it with :func:`weighted_voting_game`. ``weights`` and ``quota``
    are kept; values are computed from them on demand. With float weights
    "reaches the quota" allows the library tolerance (``1e-9`` times the
    total weight).
    """

    def __init__(
        self, players: Sequence[str], weights: Sequence[Any], quota: Any, *, title: str = ""
    ) -> None:
        self._players = check_names(players, "players")
        self.title = str(title)
        if len(weights) != len(self._players):
            raise ShapeError(
                f"weights: expected {len(self._players)} weights, one per player, got {len(weights)}"
            )
        entries = [*weights, quota]
        where = [f"weight of {p}" for p in self._players] + ["quota"]
        kinds = [classify([v], w) for v, w in zip(entries, where, strict=True)]
        if "symbolic" in kinds:
            raise ParametricGameError(
                "weighted_voting_game: weights and quota must be numbers, not sympy expressions"
            )
        self._weight_kind: Kind = "float" if "float" in kinds else "exact"
        convert = float if self._weight_kind == "float" else as_fraction
        numbers = [convert(v) for v in entries]
        for p, w in zip(self._players, numbers, strict=False):
            if w < 0:
                raise ValidationError(f"weights: the weight of {p} is {w}; weights must be non-negative")
        self._weights, self._quota = tuple(numbers[:-1]), numbers[-1]
        total = sum(self._weights)
        if not 0 < self._quota <= total:
            raise ValidationError(
                f"quota: must lie in (0, total weight] = (0, {total}], got {self._quota}; "
                "a quota of 0 makes every coalition win and one above the total makes none win"
            )
        self._kind = "exact"

    @property
    def weights(self) -> dict[str, Any]:
        """Each player's weight (Fraction for exact weights, float otherwise)."""
        return dict(zip(self._players, self._weights, strict=True))

    @property
    def quota(self) -> Any:
        """The quota :math:`q`."""
        return self._quota

    @property
    def weight_kind(self) -> Kind:
        """``"exact"`` or ``"float"``: the kind of the weights (the values are always exact 0/1)."""
        return self._weight_kind

    def _wins(self, total: Any) -> bool:
        if self._weight_kind == "float":
            return bool(total >= self._quota - TOLERANCE * max(1.0, float(sum(self._weights))))
        return bool(total >= self._quota)

    def value(self, coalition: Coalition) -> Any:
        mask = self.mask(coalition)
        total = sum((w for k, w in enumerate(self._weights) if mask >> k & 1), start=0 * self._quota)
        return Fraction(int(self._wins(total)))

    @cached_property
    def _values(self) -> tuple[Any, ...]:  # type: ignore[override]
        return tuple(Fraction(int(v)) for v in self._wins_array())

    def _wins_array(self) -> npt.NDArray[np.bool_]:
        bits = bit_matrix(self.n_players)
        if self._weight_kind == "float":
            sums = bits @ np.array(self._weights, dtype=float)
            return np.asarray(sums >= self._quota - TOLERANCE * max(1.0, float(sum(self._weights))))
        ints, _ = scaled_integers([as_fraction(w) for w in (*self._weights, self._quota)])
        return np.asarray(bits.astype(ints.dtype) @ ints[:-1] >= ints[-1])

    def coalition_values(self, *, max_players: int | None = MAX_PLAYERS) -> npt.NDArray[Any]:
        check_size(self.n_players, max_players, "listing the characteristic function")
        out = np.empty(2**self.n_players, dtype=object)
        out[:] = [Fraction(int(v)) for v in self._wins_array()]
        return out

    def is_monotone(self, *, max_players: int | None = MAX_PLAYERS) -> bool:
        """Always true: adding a member never lowers a coalition's weight."""
        return True

    def is_simple(self, *, max_players: int | None = MAX_PLAYERS) -> bool:
        """Always true: values are 0/1, the grand coalition wins, and the game is monotone."""
        return True

    def is_essential(self) -> bool:
        return bool(sum(self.value(p) for p in self._players) < 1)

    def rename(self, mapping: Mapping[str, str]) -> WeightedVotingGame:
        for old in mapping:
            if old not in self._players:
                raise UnknownNameError(
                    f"rename: unknown player {old!r}{did_you_mean(str(old), self._players)}"
                )
        names = [mapping.get(p, p) for p in self._players]
        return WeightedVotingGame(names, self._weights, self._quota, title=self.title)

    def notation(self) -> str:
        """The usual notation ``[q; w_1, ..., w_n]``."""
        return f"[{self._quota}; {', '.join(str(w) for w in self._weights)}]"

    def _same_data(self, other: CoalitionalGame) -> bool | None:
        """Equal weights and quota make equal games; past MAX_PLAYERS only those are compared."""
        if not isinstance(other, WeightedVotingGame):
            return None
        if (self.weights, self.quota) == (other.weights, other.quota):
            return True
        if self.n_players > MAX_PLAYERS:  # too many coalitions to compare: compare the data
            return False
        return None

    def __repr__(self) -> str:
        return f"WeightedVotingGame({self.notation()}, players={self._players!r})"

    def _summary(self) -> str:
        head = f"{self.title}: " if self.title else ""
        return f"{head}weighted voting game {self.notation()}: a coalition wins with weight >= {self._quota}"

    def _rows(self) -> tuple[list[str], list[list[str]]]:
        return ["player", "weight"], [[p, str(w)] for p, w in zip(self._players, self._weights, strict=True)]


def weighted_voting_game(
    weights: Mapping[str, Any] | Sequence[Any],
    quota: Any,
    *,
    players: Sequence[str] | None = None,
    title: str = "",
) -> WeightedVotingGame:
    r"""The weighted voting game :math:`[q; w_1, \dots, w_n]`.

    Parameters
    ----------
    weights : mapping or sequence
        ``{name: weight}``, or a sequence of weights with the names in
        ``players`` (default ``P1, P2, ...``). Weights must be non-negative
        numbers.
    quota
        The winning threshold :math:`q`, with :math:`0 < q \le \sum_i w_i`.
    players : sequence of str, optional
        Names for sequence weights, or an order for mapping weights.

    Examples
    --------
    >>> w = weighted_voting_game({"US": 3, "JPN": 2, "ROK": 1, "CHN": 3, "RUS": 1}, quota=6)
    >>> w
    WeightedVotingGame([6; 3, 2, 1, 3, 1], players=('US', 'JPN', 'ROK', 'CHN', 'RUS'))
    >>> w.value(["US", "JPN", "ROK"]), w.value(["US", "JPN"])
    (Fraction(1, 1), Fraction(0, 1))
    """
    if isinstance(weights, Mapping):
        names = check_names(list(weights), "weights")
        if players is not None:
            order = check_names(players, "players")
            if set(order) != set(names):
                unknown = sorted(set(order) ^ set(names))
                raise UnknownNameError(f"players and the names of weights differ in {', '.join(unknown)}")
            names = order
        return WeightedVotingGame(names, [weights[p] for p in names], quota, title=title)
    if isinstance(weights, str):
        raise ValidationError("weights: expected a mapping or a sequence of numbers, got a string")
    values = list(weights)
    names = (
        check_names(players, "players")
        if players is not None
        else tuple(f"P{k + 1}" for k in range(len(values)))
    )
    return WeightedVotingGame(names, values, quota, title=title)
