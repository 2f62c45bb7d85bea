r"""The core of a TU game: its result class, the least-core LP and the vertices.

The least core solves the linear programme in :math:`(x, \varepsilon)`

.. math::

   \min \varepsilon \quad\text{s.t.}\quad x(N) = v(N),\quad
   x(S) + \varepsilon \ge v(S) \ \ \forall S \ne \emptyset, N,

by scipy's HiGHS; for exact games the optimal vertex is rebuilt in fractions
from a basis of tight constraints and certified by its dual multipliers
(``nea_games.solvers._exact_lp``). The core is non-empty iff
:math:`\varepsilon^* \le 0`. Its vertices are the feasible solutions of the
square systems formed by efficiency and :math:`n - 1` tight coalition
constraints: all :math:`\binom{2^n - 2}{n - 1}` systems are solved at once in
floats, and the feasible solutions are solved again exactly in fractions.
The public home of :class:`Core` is :mod:`nea_games.solvers.coalitional`.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from nea_games._numeric import TOLERANCE, as_fraction, classify
from nea_games._tables import TableView
from nea_games.errors import ShapeError, UnknownNameError, ValidationError
from nea_games.games._coalition_bits import bit_matrix, scaled_integers
from nea_games.games._names import did_you_mean
from nea_games.games.coalitional import CoalitionalGame
from nea_games.solvers._exact_lp import linear_programme, solve_fractions

__all__ = ["Core", "LeastCore", "core_vertices", "least_core"]

#: Vertices shown in a table before it is cut short.
_SHOWN = 64


@dataclass(frozen=True)
class Core(TableView):
    r"""The core of a TU game, with its least core.

    Attributes
    ----------
    game : CoalitionalGame
    is_empty : bool
        True iff :math:`\varepsilon^* > 0`.
    least_core_epsilon
        :math:`\varepsilon^*` (Fraction when ``exact``, else float; ``None``
        for a one-player game, where no constraint bounds it).
    least_core_point : dict
        An allocation of the least core; it is in the core when the core is
        non-empty.
    vertices : tuple of dict, or None
        The core's vertices (empty tuple for an empty core); ``None`` when
        not computed (too many players).
    exact : bool
        True when the numbers above are exact and certified.
    notes : tuple of str
    """

    game: CoalitionalGame
    is_empty: bool
    least_core_epsilon: Any
    least_core_point: dict[str, Any]
    vertices: tuple[dict[str, Any], ...] | None
    exact: bool
    notes: tuple[str, ...] = ()

    @property
    def point(self) -> dict[str, Any] | None:
        """An allocation in the core, or ``None`` if the core is empty."""
        return None if self.is_empty else dict(self.least_core_point)

    def contains(self, allocation: Mapping[str, Any] | Sequence[Any]) -> bool:
        """True iff ``allocation`` (by player name, or in player order) is in the core.

        Exact games and exact allocations are checked exactly; otherwise
        within the library tolerance.
        """
        x = _allocation(self.game, allocation)
        v = self.game.coalition_values(max_players=None)
        exact = self.game.kind == "exact" and classify(x, "allocation") == "exact"
        bits = bit_matrix(self.game.n_players)
        if exact:
            ints, _ = scaled_integers([*(as_fraction(a) for a in x), *(as_fraction(b) for b in v)])
            alloc, need = ints[: len(x)], ints[len(x) :]
            sums = bits.astype(alloc.dtype) @ alloc
            return bool(sums[-1] == need[-1] and np.all(sums >= need))
        xf, vf = np.array(x, dtype=float), np.array(v, dtype=float)
        tol = TOLERANCE * max(1.0, float(np.abs(vf).max()), float(np.abs(xf).max()))
        sums = bits @ xf
        return bool(abs(sums[-1] - vf[-1]) <= tol and np.all(sums >= vf - tol))

    def _summary(self) -> str:
        state = "empty" if self.is_empty else "non-empty"
        count = "" if self.vertices is None or self.is_empty else f", {len(self.vertices)} vertices"
        return f"core: {state}{count}; least-core epsilon = {self.least_core_epsilon}"

    def _rows(self) -> tuple[list[str], list[list[str]]]:
        points = list(self.vertices) if self.vertices else [self.least_core_point]
        label = "vertex" if self.vertices else "least-core point"
        rows = [[f"{label} {k + 1}", *(str(p[q]) for q in self.game.players)] for k, p in enumerate(points)]
        if len(rows) > _SHOWN:
            rows = [
                *rows[:_SHOWN],
                [f"... {len(rows) - _SHOWN} more vertices", *([""] * self.game.n_players)],
            ]
        return ["", *self.game.players], rows


def _allocation(game: CoalitionalGame, allocation: Mapping[str, Any] | Sequence[Any]) -> list[Any]:
    if isinstance(allocation, Mapping):
        for name in allocation:
            if name not in game.players:
                raise UnknownNameError(
                    f"allocation: unknown player {name!r}{did_you_mean(str(name), game.players)}"
                )
        missing = [p for p in game.players if p not in allocation]
        if missing:
            raise ValidationError(f"allocation: no amount for {', '.join(missing)}")
        values = [allocation[p] for p in game.players]
    else:
        values = list(allocation)
        if len(values) != game.n_players:
            raise ShapeError(f"allocation: expected {game.n_players} amounts, got {len(values)}")
    classify(values, "allocation")
    return values


@dataclass(frozen=True)
class LeastCore:
    """A least-core allocation (in player order), its epsilon, and whether the core is empty."""

    point: tuple[Any, ...]
    epsilon: Any
    empty: bool
    exact: bool
    notes: tuple[str, ...] = ()


def least_core(game: CoalitionalGame, v: npt.NDArray[Any], exact: bool) -> LeastCore:
    """Solve the least-core LP of a game with ``n >= 2`` players and values ``v`` in bitmask order.

    Exact games get a certified exact vertex; when certification fails the
    answer falls back to floats and says so in ``notes``.
    """
    n = game.n_players
    bits = bit_matrix(n)[1:-1].astype(np.int64)
    G = np.hstack([-bits, -np.ones((len(bits), 1), dtype=np.int64)])
    c = np.array([0] * n + [-1], dtype=object)
    E = np.array([[1] * n + [0]], dtype=object)
    if exact:
        h, f = np.array([-x for x in v[1:-1]], dtype=object), np.array([v[-1]], dtype=object)
    else:
        h, f = -np.asarray(v[1:-1], dtype=float), np.array([v[-1]], dtype=float)
    lp = linear_programme(
        c, G.astype(object), h, E, f, [False] * (n + 1), exact=exact, what="core", G_float=G.astype(float)
    )
    notes: list[str] = []
    point: list[Any]
    eps: Any
    if exact and lp.vertex is not None and lp.certified:
        point, eps = list(lp.vertex[:n]), lp.vertex[n]
        empty = eps > 0
    else:
        if exact:
            exact = False
            notes.append("the least core could not be certified in exact arithmetic; values are floats")
        point, eps = [float(x) for x in lp.point[:n]], float(-lp.optimum)
        empty = eps > TOLERANCE * max(1.0, float(np.abs(np.asarray(v, dtype=float)).max()))
    return LeastCore(tuple(point), eps, bool(empty), exact, tuple(notes))


def core_vertices(game: CoalitionalGame, v: npt.NDArray[Any], exact: bool) -> tuple[dict[str, Any], ...]:
    """Vertices of the (non-empty) core: feasible solutions of n - 1 tight coalitions plus efficiency."""
    n = game.n_players
    if n == 1:
        return ({game.players[0]: v[-1]},)
    rows = bit_matrix(n).astype(float)
    vf = np.asarray(v, dtype=float)
    tol = 1e-7 * max(1.0, float(np.abs(vf).max()))
    combos = np.array(list(itertools.combinations(range(1, 2**n - 1), n - 1)), dtype=np.int64)
    A = np.concatenate([np.ones((len(combos), 1, n)), rows[combos]], axis=1)
    b = np.concatenate([np.full((len(combos), 1), vf[-1]), vf[combos]], axis=1)
    regular = np.abs(np.linalg.det(A)) > 0.5  # 0/1 matrices: integer determinants
    combos, A, b = combos[regular], A[regular], b[regular]
    points = np.linalg.solve(A, b[..., None])[..., 0]
    feasible = np.all(points @ rows.T >= vf - tol, axis=1)
    combos, points = combos[feasible], points[feasible]
    _, first = np.unique(np.round(points / tol).astype(np.int64), axis=0, return_index=True)
    out: set[tuple[Any, ...]] = set()
    for k in first:
        if not exact:
            out.add(tuple(float(x) for x in points[k]))
            continue
        basis = [int(s) for s in combos[k]]
        matrix = [[1] * n, *([int(x) for x in rows[s]] for s in basis)]
        x = solve_fractions(matrix, [v[-1], *(v[s] for s in basis)])
        if x is not None and all(
            sum((xi for i, xi in enumerate(x) if s >> i & 1), Fraction(0)) >= v[s] for s in range(1, 2**n)
        ):
            out.add(tuple(x))
    return tuple(dict(zip(game.players, p, strict=True)) for p in sorted(out))
