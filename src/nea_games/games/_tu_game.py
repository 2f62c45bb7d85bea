r"""The class of TU games :math:`(N, v)` given by their characteristic function.

:math:`v : 2^N \to \mathbb{R}` with :math:`v(\emptyset) = 0` is stored as the
:math:`2^n` values in bitmask order (see
:mod:`nea_games.games._coalition_bits`). The checks of monotonicity,
superadditivity, convexity and simplicity compare those values over all
coalitions at once. The public home of :class:`CoalitionalGame`, with the
definitions, is :mod:`nea_games.games.coalitional`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from nea_games._numeric import TOLERANCE, Kind, as_fraction, classify, convert_entries
from nea_games._tables import TableView
from nea_games.errors import ParametricGameError, ShapeError, UnknownNameError, ValidationError
from nea_games.games._coalition_bits import (
    MAX_PLAYERS,
    Coalition,
    check_size,
    format_coalition,
    scaled_integers,
)
from nea_games.games._names import check_names, did_you_mean

__all__ = ["CoalitionalGame"]

#: Coalitions shown in a text or HTML table before it is cut short.
_SHOWN = 64


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
        same = self._same_data(other)
        if same is not None:
            return same
        mine, theirs = self.coalition_values(max_players=None), other.coalition_values(max_players=None)
        return bool(np.all(mine == theirs))

    def _same_data(self, other: CoalitionalGame) -> bool | None:
        """Decide ``self == other`` from stored data without listing coalitions; ``None`` if it cannot."""
        return None

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
