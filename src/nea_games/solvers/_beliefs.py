r"""Sets of beliefs that make a response optimal: small polytopes in the type simplex.

After a message :math:`m`, response :math:`a` is a best response to the belief
:math:`\mu \in \Delta(T)` iff for every other response :math:`a'`

.. math:: \sum_{t} \mu_t \,\bigl(u_R(t, m, a) - u_R(t, m, a')\bigr) \ \ge\ 0 .

With :math:`\mu_t \ge 0` and :math:`\sum_t \mu_t = 1` these inequalities
describe a polytope :class:`BeliefSet`. Its vertices are enumerated exactly
(every choice of :math:`|T| - 1` tight inequalities, solved with ``Fraction``
Gauss–Jordan elimination and kept when feasible), which is cheap for the few
types a signalling game has. With two types the polytope is an interval for
:math:`\mu(t \mid m)`. Float games are handled on the exact binary values of
their floats, with feasibility tested within a tolerance.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from nea_games._numeric import as_fraction, tolerance_for
from nea_games.errors import UnknownNameError
from nea_games.games._names import did_you_mean
from nea_games.games.render import format_number
from nea_games.games.signalling import SignallingGame

__all__ = ["BeliefSet", "belief_set", "numeric_tables", "solve_exact"]


def solve_exact(matrix: Sequence[Sequence[Fraction]], rhs: Sequence[Fraction]) -> list[Fraction] | None:
    """Solve a square linear system exactly; ``None`` if it is singular.

    Examples
    --------
    >>> solve_exact([[Fraction(1), Fraction(1)], [Fraction(1), Fraction(-1)]], [Fraction(1), Fraction(0)])
    [Fraction(1, 2), Fraction(1, 2)]
    """
    n = len(rhs)
    rows = [[*map(Fraction, row), Fraction(b)] for row, b in zip(matrix, rhs, strict=True)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if rows[r][col] != 0), None)
        if pivot is None:
            return None
        rows[col], rows[pivot] = rows[pivot], rows[col]
        head = rows[col][col]
        rows[col] = [v / head for v in rows[col]]
        for r in range(n):
            if r != col and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col], strict=True)]
    return [rows[r][n] for r in range(n)]


def _coefficient_text(value: Any, name: str, first: bool) -> str:
    sign = "-" if Fraction(value) < 0 else ("" if first else "+")
    magnitude = abs(value)
    body = name if magnitude == 1 else f"{format_number(magnitude)}·{name}"
    return f"{sign} {body}".strip() if not first else f"{sign}{body}"


@dataclass(frozen=True, eq=False)
class BeliefSet:
    r"""The beliefs after ``message`` under which ``response`` is a best response.

    The set is :math:`\{\mu \in \Delta(S) : c_k \cdot \mu \ge 0 \ \forall k\}`,
    where :math:`S` is :attr:`support` (types outside it get belief 0) and
    each row :math:`c_k` of :attr:`constraints` compares ``response`` with
    one other response.

    Attributes
    ----------
    types : tuple of str
        All sender types (coordinates of a belief).
    message, response : str
        The message observed and the response it supports.
    constraints : tuple of tuples
        One row per other response: ``row[t]`` is
        :math:`u_R(t, m, a) - u_R(t, m, a')`.
    labels : tuple of str
        The other response of each row.
    support : tuple of str
        Types the belief may put weight on.
    exact : bool
        Whether coordinates are ``Fraction`` (else float).
    tol : Fraction
        Slack allowed in feasibility tests (0 when exact).

    Examples
    --------
    >>> F = Fraction
    >>> b = BeliefSet(("Strong", "Weak"), "Quiche", "Duel", ((F(-1), F(1)),), ("Don't",), ("Strong", "Weak"))
    >>> b.interval("Weak")
    (Fraction(1, 2), Fraction(1, 1))
    >>> print(b)
    μ(Weak | Quiche) ∈ [1/2, 1]
    >>> b.contains({"Strong": F(1, 4), "Weak": F(3, 4)})
    True
    """

    types: tuple[str, ...]
    message: str
    response: str
    constraints: tuple[tuple[Any, ...], ...]
    labels: tuple[str, ...]
    support: tuple[str, ...]
    exact: bool = True
    tol: Fraction = Fraction(0)

    def _index(self, type_: str) -> int:
        if type_ not in self.types:
            known = ", ".join(self.types)
            raise UnknownNameError(
                f"unknown type {type_!r}{did_you_mean(str(type_), self.types)}; known: {known}"
            )
        return self.types.index(type_)

    @cached_property
    def _vertices(self) -> tuple[tuple[Fraction, ...], ...]:
        positions = [self.types.index(t) for t in self.support]
        d = len(positions)
        if d == 0:
            return ()
        rows = [tuple(Fraction(c[p]) for p in positions) for c in self.constraints]
        rows += [tuple(Fraction(int(j == k)) for j in range(d)) for k in range(d)]
        ones = [Fraction(1)] * d
        found: list[tuple[Fraction, ...]] = []
        for chosen in itertools.combinations(range(len(rows)), d - 1):
            solution = solve_exact(
                [*(rows[k] for k in chosen), ones], [Fraction(0)] * (d - 1) + [Fraction(1)]
            )
            if solution is None:
                continue
            if all(
                sum((a * b for a, b in zip(row, solution, strict=True)), Fraction(0)) >= -self.tol
                for row in rows
            ):
                point = [Fraction(0)] * len(self.types)
                for p, value in zip(positions, solution, strict=True):
                    point[p] = max(value, Fraction(0))
                vertex = tuple(point)
                if vertex not in found:
                    found.append(vertex)
        return tuple(sorted(found))

    def vertices(self) -> tuple[dict[str, Any], ...]:
        """Extreme points of the set, as ``{type: probability}`` (empty if the set is empty)."""
        convert: Any = (lambda v: v) if self.exact else float
        return tuple(
            {t: convert(v) for t, v in zip(self.types, vertex, strict=True)} for vertex in self._vertices
        )

    @property
    def is_empty(self) -> bool:
        """True when no belief (on :attr:`support`) makes :attr:`response` optimal."""
        return not self._vertices

    def interval(self, type_: str) -> tuple[Any, Any] | None:
        """Smallest and largest belief on ``type_`` in the set (``None`` if empty).

        With two types this interval *is* the set.
        """
        k = self._index(type_)
        if self.is_empty:
            return None
        values = [v[k] for v in self._vertices]
        low, high = min(values), max(values)
        return (low, high) if self.exact else (float(low), float(high))

    def contains(self, belief: Mapping[str, Any]) -> bool:
        """Whether a belief ``{type: probability}`` (missing types 0) lies in the set."""
        for t in belief:
            self._index(t)
        point = [Fraction(belief.get(t, 0)) for t in self.types]
        if any(p < -self.tol for p in point) or abs(sum(point, Fraction(0)) - 1) > self.tol:
            return False
        if any(point[k] > self.tol for k, t in enumerate(self.types) if t not in self.support):
            return False
        return all(
            sum((Fraction(c) * p for c, p in zip(row, point, strict=True)), Fraction(0)) >= -self.tol
            for row in self.constraints
        )

    def inequalities(self) -> list[str]:
        """The binding comparisons as text, e.g. ``"μ(Weak) - μ(Strong) ≥ 0  (Duel vs Don't)"``."""
        out = []
        for row, label in zip(self.constraints, self.labels, strict=True):
            terms = [(c, t) for c, t in zip(row, self.types, strict=True) if c != 0 and t in self.support]
            if all(c >= 0 for c, _ in terms):
                continue  # holds for every belief
            text = " ".join(_coefficient_text(c, f"μ({t})", k == 0) for k, (c, t) in enumerate(terms))
            out.append(f"{text} ≥ 0  ({self.response} vs {label})")
        return out

    def to_sympy(self) -> Any:
        """The set as a sympy condition in symbols ``mu_<type>`` (simplex conditions included)."""
        symbols = {t: sympy.Symbol(f"mu_{t}", real=True) for t in self.types}
        conditions = [symbols[t] >= 0 for t in self.support]
        conditions += [sympy.Eq(symbols[t], 0) for t in self.types if t not in self.support]
        conditions.append(sympy.Eq(sympy.Add(*symbols.values()), 1))
        for row in self.constraints:
            conditions.append(
                sympy.Add(*(sympy.nsimplify(c) * symbols[t] for c, t in zip(row, self.types, strict=True)))
                >= 0
            )
        return sympy.And(*conditions)

    def describe(self, latex: bool = False) -> str:
        """Short text: an interval with two types, else the inequalities."""
        if self.is_empty:
            return f"no belief after {self.message} makes {self.response} optimal"
        if len(self.types) == 2 and len(self.support) == 2:
            low, high = self.interval(self.types[1]) or (0, 0)
            name = f"μ({self.types[1]} | {self.message})"
            if low == high:
                return f"{name} = {format_number(low, latex)}"
            if low == 0 and high == 1:
                return f"{name} any"
            return f"{name} ∈ [{format_number(low, latex)}, {format_number(high, latex)}]"
        parts = self.inequalities()
        return f"after {self.message}: " + ("; ".join(parts) if parts else "any belief")

    def __str__(self) -> str:
        return self.describe()


def numeric_tables(game: SignallingGame) -> tuple[npt.NDArray[Any], npt.NDArray[Any], bool, Fraction]:
    """Prior and payoffs as Fractions (exact games) or Fractions of the float values, and the slack."""
    game.require_numeric()
    exact = game.is_exact
    values = [as_fraction(v) if exact else Fraction(float(v)) for v in game.prior.tolist()]
    total = sum(values, Fraction(0))  # 1 when exact; within rounding of 1 for floats
    prior = np.array([v / total for v in values], dtype=object)
    flat = [as_fraction(v) if exact else Fraction(float(v)) for v in game.payoffs.reshape(-1)]
    payoffs = np.array(flat, dtype=object).reshape(game.payoffs.shape)
    tol = Fraction(0) if exact else Fraction(tolerance_for([float(v) for v in flat]))
    return prior, payoffs, exact, tol


def belief_set(
    game: SignallingGame, message: str | int, response: str | int, support: Sequence[str] | None = None
) -> BeliefSet:
    """The beliefs after ``message`` (on ``support``, default all types) making ``response`` optimal.

    Examples
    --------
    >>> g = SignallingGame(["Strong", "Weak"], [0.9, 0.1], ["Beer", "Quiche"], ["Duel", "Don't"],
    ...                    lambda t, m, a: (0, int((a == "Duel") == (t == "Weak"))))
    >>> print(belief_set(g, "Quiche", "Duel"))
    μ(Weak | Quiche) ∈ [0.5, 1]
    """
    _, payoffs, exact, tol = numeric_tables(game)
    j = game.message_index(message)
    a = game.response_index(response)
    others = [b for b in range(len(game.responses)) if b != a]
    rows = tuple(
        tuple(payoffs[1, k, j, a] - payoffs[1, k, j, b] for k in range(len(game.types))) for b in others
    )
    kept = tuple(game.types) if support is None else tuple(game.types[game.type_index(t)] for t in support)
    return BeliefSet(
        game.types,
        game.messages[j],
        game.responses[a],
        rows,
        tuple(game.responses[b] for b in others),
        kept,
        exact,
        tol,
    )
