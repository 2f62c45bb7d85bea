r"""Transferable-utility (TU) coalitional games and weighted voting games.

A TU game is a pair :math:`(N, v)`: a finite set of players :math:`N` and a
*characteristic function* :math:`v : 2^N \to \mathbb{R}` with
:math:`v(\emptyset) = 0`, where :math:`v(S)` is the total payoff the
coalition :math:`S` can secure and share among its members as it likes.
The game is

* *monotone* if :math:`S \subseteq T \Rightarrow v(S) \le v(T)`;
* *superadditive* if :math:`v(S \cup T) \ge v(S) + v(T)` for disjoint
  :math:`S, T`;
* *convex* (supermodular) if :math:`v(S \cup T) + v(S \cap T) \ge v(S) +
  v(T)` for all :math:`S, T`, equivalently if every player's marginal
  contribution :math:`v(S \cup \{i\}) - v(S)` grows with :math:`S`
  (Shapley 1971);
* *essential* if :math:`v(N) > \sum_i v(\{i\})`;
* *simple* if it is monotone, every :math:`v(S)` is 0 or 1 and
  :math:`v(N) = 1` (coalitions with value 1 are *winning*).

A *weighted voting game* :math:`[q; w_1, \dots, w_n]` is the simple game in
which :math:`S` wins iff :math:`w(S) = \sum_{i \in S} w_i \ge q`, with
weights :math:`w_i \ge 0` and quota :math:`0 < q \le w(N)`.

Representation. Coalitions are sets of player names. Internally coalition
:math:`S` is the bitmask :math:`\sum_{i \in S} 2^{k(i)}`, :math:`k(i)` being
player :math:`i`'s position, and :meth:`CoalitionalGame.coalition_values`
returns the :math:`2^n` values in that order. A weighted voting game keeps
its weights and quota and computes :math:`v` on demand, so games with many
players (27 members of an EU-style council) stay cheap until someone asks
for all :math:`2^n` coalitions. Solution concepts (Shapley value, Banzhaf
index, core) live in :mod:`nea_games.solvers.coalitional`.

References
----------
L. S. Shapley (1971), "Cores of convex games", *International Journal of
Game Theory* 1, 11–26.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from nea_games._numeric import TOLERANCE, Kind, as_fraction, classify, convert_entries
from nea_games._tables import TableView
from nea_games.errors import (
    BudgetExceededError,
    ParametricGameError,
    ShapeError,
    UnknownNameError,
    ValidationError,
)
from nea_games.games._names import check_names, did_you_mean

__all__ = ["MAX_PLAYERS", "CoalitionalGame", "WeightedVotingGame", "weighted_voting_game"]

#: Default bound on the number of players for which all :math:`2^n` coalitions are enumerated.
MAX_PLAYERS = 20
#: Coalitions shown in a text or HTML table before it is cut short.
_SHOWN = 64

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
    """Row ``S`` is the 0/1 membership vector of the coalition with bitmask ``S`` (shape ``(2**n, n)``)."""
    masks = np.arange(2**n, dtype=np.int64)
    return ((masks[:, None] >> np.arange(n, dtype=np.int64)) & 1).astype(np.uint8)


def scaled_integers(values: Sequence[Fraction]) -> tuple[npt.NDArray[Any], int]:
    """Integers ``k`` and a denominator ``d`` with ``values == k / d`` (int64 when safe, else object)."""
    den = math.lcm(1, *(v.denominator for v in values))
    ints = [v.numerator * (den // v.denominator) for v in values]
    big = max((abs(k) for k in ints), default=0)
    if big * max(1, len(ints)) < 2**62:
        return np.array(ints, dtype=np.int64), den
    return np.array(ints, dtype=object), den


def format_coalition(players: Iterable[str]) -> str:
    """``{A, B}``, or ``∅`` for the empty coalition."""
    names = list(players)
    return "{" + ", ".join(names) + "}" if names else "∅"


class CoalitionalGame(TableView):
    r"""A TU game :math:`(N, v)` in characteristic-function form.

    Parameters
    ----------
    players : sequence of str
        Distinct player names; their order fixes the bit of each player.
    values : mapping or callable
        Either a mapping from coalitions (tuples, lists or sets of player
        names; a single name for a singleton) to values, or a callable
        ``v(frozenset_of_names) -> value`` called once per non-empty
        coalition. Values may be int, Fraction, float or sympy expressions.
        The empty coalition may be omitted; if given, its value must be 0.
    default : optional
        Value of coalitions a mapping leaves out. Without it, every
        non-empty coalition must be given.
    title : str
        A title for tables.
    max_players : int or None
        Bound on ``n``: building the table visits all :math:`2^n` coalitions.

    Raises
    ------
    nea_games.errors.UnknownNameError
        A coalition names a player that is not in ``players``.
    nea_games.errors.ValidationError
        Missing coalitions, :math:`v(\emptyset) \ne 0`, or one coalition
        given twice with different values.
    nea_games.errors.NonFiniteError, nea_games.errors.PayoffTypeError
        NaN, infinite or non-numeric values.

    Examples
    --------
    >>> g = CoalitionalGame(["A", "B", "C"], lambda S: 1 if len(S) >= 2 else 0)
    >>> g.value(["A", "B"]), g.value("A"), g.n_players
    (Fraction(1, 1), Fraction(0, 1), 3)
    >>> g.is_superadditive(), g.is_convex()
    (True, False)
    """

    notes: tuple[str, ...] = ()

    def __init__(
        self,
        players: Sequence[str],
        values: Mapping[Any, Any] | Callable[[frozenset[str]], Any],
        *,
        default: Any = None,
        title: str = "",
        max_players: int | None = MAX_PLAYERS,
    ) -> None:
        self._players = check_names(players, "players")
        self.title = str(title)
        n = len(self._players)
        check_size(n, max_players, "building the characteristic function")
        if callable(values):
            raw = [Fraction(0)] + [values(self.members(mask)) for mask in range(1, 2**n)]
        elif isinstance(values, Mapping):
            raw = self._from_mapping(values, default)
        else:
            raise ValidationError(
                f"values: expected a mapping from coalitions to values or a callable v(coalition), "
                f"got {type(values).__name__}"
            )
        self._kind, self._values = self._convert(raw)

    @classmethod
    def from_array(cls, players: Sequence[str], values: Sequence[Any], *, title: str = "") -> CoalitionalGame:
        """Build from the :math:`2^n` values in bitmask order (``values[0]`` is :math:`v(\\emptyset)`).

        Examples
        --------
        >>> CoalitionalGame.from_array(["A", "B"], [0, 1, 2, 4]).value({"A", "B"})
        Fraction(4, 1)
        """
        names = check_names(players, "players")
        if isinstance(values, (str, Mapping)) or len(values) != 2 ** len(names):
            size = len(values) if not isinstance(values, (str, Mapping)) else type(values).__name__
            raise ShapeError(
                f"values: expected a sequence of 2**{len(names)} = {2 ** len(names)} numbers, got {size}"
            )
        game = CoalitionalGame.__new__(CoalitionalGame)
        game._players, game.title = names, str(title)
        game._kind, game._values = game._convert(list(values))
        return game

    # ------------------------------------------------------------------ construction

    def _from_mapping(self, values: Mapping[Any, Any], default: Any) -> list[Any]:
        n = len(self._players)
        table: list[Any] = [None] * 2**n
        for key, value in values.items():
            mask = self.mask(key)
            if table[mask] is not None and table[mask] != value:
                raise ValidationError(
                    f"values: coalition {format_coalition(self._ordered(mask))} is given twice, "
                    f"with values {table[mask]!r} and {value!r}"
                )
            table[mask] = value
        if table[0] is None:
            table[0] = 0
        missing = [mask for mask in range(1, 2**n) if table[mask] is None]
        if missing and default is None:
            shown = ", ".join(format_coalition(self._ordered(m)) for m in missing[:5])
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            raise ValidationError(
                f"values: no value for {len(missing)} coalition(s): {shown}{more}; "
                "give them, or pass default= for the value of every missing coalition"
            )
        return [default if v is None else v for v in table]

    def _convert(self, raw: list[Any]) -> tuple[Kind, tuple[Any, ...]]:
        types = {type(v) for v in raw}
        kind: Kind
        converted: list[Any]
        if types <= {int, Fraction}:  # fast paths for plain numbers
            kind, converted = "exact", [Fraction(v) for v in raw]
        elif types <= {int, Fraction, float} and np.all(np.isfinite(np.array(raw, dtype=float))):
            kind, converted = "float", [float(v) for v in raw]
        else:
            kinds = [classify([v], f"v({format_coalition(self._ordered(m))})") for m, v in enumerate(raw)]
            kind = "symbolic" if "symbolic" in kinds else "float" if "float" in kinds else "exact"
            array = np.empty(len(raw), dtype=object)
            array[:] = raw
            converted = convert_entries(array, kind).tolist()
        empty = converted[0]
        if (sympy.simplify(empty) != 0) if kind == "symbolic" else (empty != 0):
            raise ValidationError(f"v(∅) must be 0 (the empty coalition gets nothing), got {empty}")
        return kind, tuple(converted)

    # ------------------------------------------------------------------ coalitions

    def mask(self, coalition: Coalition) -> int:
        """Bitmask of a coalition given by names (a single name is a singleton).

        Examples
        --------
        >>> CoalitionalGame(["A", "B", "C"], lambda S: 0).mask(["A", "C"])
        5
        """
        names = [coalition] if isinstance(coalition, str) else list(coalition)
        mask = 0
        for name in names:
            if not isinstance(name, str) or name not in self._players:
                hint = did_you_mean(name, self._players) if isinstance(name, str) else ""
                raise UnknownNameError(
                    f"coalition {tuple(names)!r}: unknown player {name!r}{hint}; "
                    f"players: {', '.join(self._players)}"
                )
            bit = 1 << self._players.index(name)
            if mask & bit:
                raise ValidationError(f"coalition {tuple(names)!r} names {name!r} twice")
            mask |= bit
        return mask

    def members(self, mask: int) -> frozenset[str]:
        """The coalition (a frozenset of names) with bitmask ``mask``."""
        return frozenset(p for k, p in enumerate(self._players) if mask >> k & 1)

    def _ordered(self, mask: int) -> list[str]:
        return [p for k, p in enumerate(self._players) if mask >> k & 1]

    # ------------------------------------------------------------------ data

    @property
    def players(self) -> tuple[str, ...]:
        """Player names, in bit order."""
        return self._players

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self._players)

    @property
    def kind(self) -> Kind:
        """``"exact"`` (Fraction values), ``"float"`` or ``"symbolic"`` (sympy values)."""
        return self._kind

    @property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """Free sympy symbols of the values, sorted by name (empty for numeric games)."""
        if self._kind != "symbolic":
            return ()
        symbols: set[sympy.Symbol] = set()
        for value in self._values:
            symbols |= value.free_symbols
        return tuple(sorted(symbols, key=lambda s: s.name))

    @property
    def is_parametric(self) -> bool:
        """True when some value contains a free sympy symbol."""
        return bool(self.parameters)

    def value(self, coalition: Coalition) -> Any:
        """:math:`v(S)` for a coalition given by player names."""
        return self._values[self.mask(coalition)]

    @property
    def grand_value(self) -> Any:
        """:math:`v(N)`, the value of the grand coalition."""
        return self.value(self._players)

    def coalition_values(self, *, max_players: int | None = MAX_PLAYERS) -> npt.NDArray[Any]:
        """All :math:`2^n` values in bitmask order: float64 for float games, else an object array."""
        check_size(self.n_players, max_players, "listing the characteristic function")
        if self._kind == "float":
            return np.array(self._values, dtype=float)
        out = np.empty(len(self._values), dtype=object)
        out[:] = self._values
        return out

    def _numeric(self, max_players: int | None, what: str) -> tuple[npt.NDArray[Any], float]:
        """Values as scaled integers (exact) or floats, and the comparison tolerance."""
        if self._kind == "symbolic":
            raise ParametricGameError(
                f"{what} needs numeric values, but v depends on {', '.join(map(str, self.parameters))} "
                "or is irrational; substitute numbers first with game.subs(...)"
            )
        check_size(self.n_players, max_players, what)
        values = self.coalition_values(max_players=None)
        if self._kind == "float":
            return values, TOLERANCE * max(1.0, float(np.abs(values).max()))
        ints, _ = scaled_integers(list(values))
        return ints, 0.0

    # ------------------------------------------------------------------ properties

    def is_monotone(self, *, max_players: int | None = MAX_PLAYERS) -> bool:
        r""":math:`v(S) \le v(S \cup \{i\})` for every coalition :math:`S` and player :math:`i`."""
        v, tol = self._numeric(max_players, "is_monotone")
        masks = np.arange(len(v))
        for k in range(self.n_players):
            without = masks[(masks >> k) & 1 == 0]
            if not np.all(v[without | (1 << k)] >= v[without] - tol):
                return False
        return True

    def is_superadditive(self, *, max_players: int | None = 13) -> bool:
        r""":math:`v(S \cup T) \ge v(S) + v(T)` for all disjoint :math:`S, T` (checks :math:`3^n` pairs)."""
        v, tol = self._numeric(max_players, "is_superadditive")
        n = self.n_players
        code = np.arange(3**n, dtype=np.int64)
        left = np.zeros_like(code)
        right = np.zeros_like(code)
        for k in range(n):
            digit = (code // 3**k) % 3
            left |= (digit == 1).astype(np.int64) << k
            right |= (digit == 2).astype(np.int64) << k
        return bool(np.all(v[left | right] >= v[left] + v[right] - tol))

    def is_convex(self, *, max_players: int | None = MAX_PLAYERS) -> bool:
        r"""Supermodularity: :math:`v(S+i) - v(S) \le v(S+i+j) - v(S+j)` for all :math:`S \not\ni i, j`."""
        v, tol = self._numeric(max_players, "is_convex")
        masks = np.arange(len(v))
        for i in range(self.n_players):
            for j in range(i + 1, self.n_players):
                s = masks[((masks >> i) & 1 == 0) & ((masks >> j) & 1 == 0)]
                bi, bj = 1 << i, 1 << j
                if not np.all(v[s | bi] + v[s | bj] <= v[s | bi | bj] + v[s] + tol):
                    return False
        return True

    def is_simple(self, *, max_players: int | None = MAX_PLAYERS) -> bool:
        """Monotone, every value 0 or 1, and :math:`v(N) = 1`."""
        v, tol = self._numeric(max_players, "is_simple")
        one = 1.0 if self._kind == "float" else scaled_integers(list(self._values))[1]
        zero_or_one = np.all((np.abs(v) <= tol) | (np.abs(v - one) <= tol))
        return bool(zero_or_one and abs(v[-1] - one) <= tol and self.is_monotone(max_players=max_players))

    def is_essential(self) -> bool:
        r""":math:`v(N) > \sum_i v(\{i\})`: cooperation creates something to share."""
        if self._kind == "symbolic":
            raise ParametricGameError(
                "is_essential needs numeric values; substitute numbers with game.subs(...)"
            )
        singles = [self.value(p) for p in self._players]
        gain = self.grand_value - sum(singles)
        if self._kind == "float":
            return bool(gain > TOLERANCE * max(1.0, abs(float(self.grand_value))))
        return bool(gain > 0)

    # ------------------------------------------------------------------ new games

    def rename(self, mapping: Mapping[str, str]) -> CoalitionalGame:
        """The same game with players renamed (names not in ``mapping`` are kept).

        Examples
        --------
        >>> g = CoalitionalGame(["A", "B"], {"A": 1, "B": 0, ("A", "B"): 2})
        >>> g.rename({"A": "US"}).value(["US", "B"])
        Fraction(2, 1)
        """
        for old in mapping:
            if old not in self._players:
                raise UnknownNameError(
                    f"rename: unknown player {old!r}{did_you_mean(str(old), self._players)}"
                )
        names = [mapping.get(p, p) for p in self._players]
        return CoalitionalGame.from_array(names, list(self._values), title=self.title)

    def subs(self, values: Mapping[Any, Any] | None = None, /, **kwargs: Any) -> CoalitionalGame:
        """Substitute numbers for parameters (by symbol or by name) and return a new game.

        Examples
        --------
        >>> b = sympy.Symbol("b")
        >>> CoalitionalGame(["A", "B"], {"A": 0, "B": 0, ("A", "B"): b}).subs(b=3).value(["A", "B"])
        Fraction(3, 1)
        """
        pairs = {**(values or {}), **kwargs}
        by_name = {s.name: s for s in self.parameters}
        subs: dict[Any, Any] = {}
        for key, val in pairs.items():
            name = key.name if isinstance(key, sympy.Symbol) else str(key)
            if name not in by_name:
                raise UnknownNameError(
                    f"subs: {name!r} is not a parameter of the game{did_you_mean(name, list(by_name))}"
                )
            subs[by_name[name]] = (
                sympy.Rational(val.numerator, val.denominator) if isinstance(val, Fraction) else val
            )
        new = [sympy.sympify(v).subs(subs) if isinstance(v, sympy.Basic) else v for v in self._values]
        plain = [as_fraction(v) if isinstance(v, sympy.Rational) else v for v in new]
        return CoalitionalGame.from_array(self._players, plain, title=self.title)

    # ------------------------------------------------------------------ comparisons and rendering

    def __eq__(self, other: object) -> bool:
        """Same players in the same order and the same value for every coalition."""
        if not isinstance(other, CoalitionalGame):
            return NotImplemented
        if other.players != self._players:
            return False
        if isinstance(self, WeightedVotingGame) and isinstance(other, WeightedVotingGame):
            if (self.weights, self.quota) == (other.weights, other.quota):
                return True
            if self.n_players > MAX_PLAYERS:  # too many coalitions to compare: compare the data
                return False
        mine, theirs = self.coalition_values(max_players=None), other.coalition_values(max_players=None)
        return bool(np.all(mine == theirs))

    def __hash__(self) -> int:
        return hash((self._players, self.grand_value))  # coarse, but consistent with ==

    def __repr__(self) -> str:
        return f"CoalitionalGame(players={self._players!r}, kind={self._kind!r}, v(N)={self.grand_value})"

    def _summary(self) -> str:
        head = f"{self.title}: " if self.title else ""
        names = ", ".join(self._players)
        return f"{head}coalitional game on {self.n_players} players ({names}), {self._kind} values"

    def _rows(self) -> tuple[list[str], list[list[str]]]:
        n = self.n_players
        masks = sorted(range(1, 2**n), key=lambda m: (m.bit_count(), [-(m >> k & 1) for k in range(n)]))
        rows = [[format_coalition(self._ordered(m)), str(self._values[m])] for m in masks[:_SHOWN]]
        if len(masks) > _SHOWN:
            rows.append([f"... {len(masks) - _SHOWN} more coalitions", ""])
        return ["coalition", "v"], rows


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
