r"""Shared machinery of the two-player solvers: input checks, positive payoff matrices, exact algebra.

Both :mod:`~nea_games.solvers.vertex_enumeration` and
:mod:`~nea_games.solvers.support_enumeration` work with the *best-response
polytopes* of von Stengel (2007),

.. math::

    P = \{x \in \mathbb{R}^m : x \ge 0,\ B'^\top x \le 1\}, \qquad
    Q = \{y \in \mathbb{R}^n : A' y \le 1,\ y \ge 0\},

where :math:`A'` and :math:`B'` are the payoff matrices after a positive
affine transformation that makes every entry positive (which changes no
equilibrium). This module builds those matrices -- in floats, scaled to
:math:`[1, 2]` for good conditioning, and in exact integers -- and offers the
exact linear algebra (fraction-free Bareiss elimination on Python integers)
with which the solvers rebuild float candidates exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from nea_games._numeric import exact_values, tolerance_for
from nea_games.errors import UnsupportedGameError, ValidationError
from nea_games.games.normal_form import NormalFormGame
from nea_games.solvers.result import Equilibrium, make_profile

__all__ = [
    "IntMatrix",
    "build_equilibrium",
    "exact_inequalities",
    "float_equilibria",
    "positive_float_matrices",
    "positive_integer_matrices",
    "require_two_players",
    "resolve_exact",
    "solve_independent_rows",
    "solve_integer_system",
]

FloatArray = npt.NDArray[np.float64]
IntMatrix = list[list[int]]


def require_two_players(game: Any, where: str) -> NormalFormGame:
    """Check that ``game`` is a numeric two-player :class:`NormalFormGame`.

    Raises
    ------
    nea_games.errors.UnsupportedGameError
        If it is not a normal-form game or does not have two players.
    nea_games.errors.ParametricGameError
        If it has free parameters.
    """
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"{where}: expected a NormalFormGame, got {type(game).__name__}")
    if game.n_players != 2:
        raise UnsupportedGameError(f"{where}: needs a 2-player game, this one has {game.n_players} players")
    game.float_payoffs()  # raises ParametricGameError for games with free parameters
    return game


def resolve_exact(game: NormalFormGame, exact: bool | None, where: str) -> bool:
    """``exact`` defaults to ``game.is_exact``; exact arithmetic needs exact payoffs."""
    if exact is None:
        return game.is_exact
    if exact and not game.is_exact:
        raise ValidationError(
            f"{where}: exact=True needs exact (int/Fraction) payoffs, but this game is {game.kind}"
        )
    return bool(exact)


def _unit_interval_plus_one(matrix: FloatArray) -> FloatArray:
    low, high = float(matrix.min()), float(matrix.max())
    # payoffs equal within the library's tolerance are one constant payoff, as for the pure solver
    if high - low <= tolerance_for(matrix):
        return np.ones_like(matrix)
    return np.asarray(1.0 + (matrix - low) / (high - low), dtype=float)


def positive_float_matrices(game: NormalFormGame) -> tuple[FloatArray, FloatArray]:
    """``A'`` and ``B'`` scaled into ``[1, 2]`` (a positive affine map per player).

    Examples
    --------
    >>> g = NormalFormGame.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> A, B = positive_float_matrices(g)
    >>> A.tolist(), B.tolist()
    ([[2.0, 1.0], [1.0, 1.5]], [[1.5, 1.0], [1.0, 2.0]])
    """
    payoffs = np.asarray(game.float_payoffs() if not game.is_exact else game.integer_payoffs(), dtype=float)
    return _unit_interval_plus_one(payoffs[0]), _unit_interval_plus_one(payoffs[1])


def positive_integer_matrices(game: NormalFormGame) -> tuple[IntMatrix, IntMatrix]:
    """Exact ``A'`` and ``B'``: each player's integer payoffs shifted to have minimum 1.

    Examples
    --------
    >>> g = NormalFormGame.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> positive_integer_matrices(g)
    ([[3, 1], [1, 2]], [[2, 1], [1, 3]])
    """
    payoffs = game.integer_payoffs()
    out = []
    for i in range(2):
        table = [[int(v) for v in row] for row in payoffs[i]]
        low = min(min(row) for row in table)
        out.append([[v - low + 1 for v in row] for row in table])
    return out[0], out[1]


# --------------------------------------------------------------------------- exact algebra
def solve_integer_system(matrix: Sequence[Sequence[int]], rhs: Sequence[int]) -> list[Fraction] | None:
    """Solve a square integer system exactly; ``None`` when it is singular.

    Fraction-free Gaussian elimination (Bareiss 1968): every intermediate
    entry is an integer (a minor of the matrix), so the work is a few
    integer multiplications per entry, with one ``Fraction`` per unknown at
    the end.

    Examples
    --------
    >>> solve_integer_system([[2, 1], [1, 3]], [1, 1])
    [Fraction(2, 5), Fraction(1, 5)]
    >>> solve_integer_system([[1, 2], [2, 4]], [1, 1]) is None
    True
    """
    k = len(matrix)
    rows = [[int(v) for v in row] + [int(b)] for row, b in zip(matrix, rhs, strict=True)]
    previous = 1
    for c in range(k):
        pivot_row = next((r for r in range(c, k) if rows[r][c] != 0), None)
        if pivot_row is None:
            return None
        if pivot_row != c:
            rows[c], rows[pivot_row] = rows[pivot_row], rows[c]
        top = rows[c]
        pivot = top[c]
        for r in range(c + 1, k):
            row = rows[r]
            factor = row[c]
            for j in range(c + 1, k + 1):
                row[j] = (row[j] * pivot - factor * top[j]) // previous
            row[c] = 0
        previous = pivot
    # fraction-free back substitution: numerators[r] = det * x_r is an integer (Cramer's rule), and
    # pivot_r * numerators[r] = det * row[r][k] - sum_j row[r][j] numerators[j], so // is exact
    det = rows[k - 1][k - 1] if k else 1
    numerators = [0] * k
    for r in range(k - 1, -1, -1):
        row = rows[r]
        total = det * row[k] - sum(row[j] * numerators[j] for j in range(r + 1, k))
        numerators[r] = total // row[r]
    return [Fraction(v, det) for v in numerators]


def solve_independent_rows(
    rows: Iterable[tuple[Sequence[int], int]], dim: int
) -> tuple[list[Fraction], list[int]] | None:
    """Solve with the first ``dim`` linearly independent rows, taken in the given order.

    ``rows`` yields ``(coefficients, right-hand side)`` pairs. Rows that
    depend on the rows already taken are skipped. Returns the solution and
    the positions of the rows used, or ``None`` when the rows have rank
    below ``dim``. Exact (incremental Gauss-Jordan in ``Fraction``).

    Examples
    --------
    >>> solve_independent_rows([([1, 1], 2), ([2, 2], 4), ([1, -1], 0)], 2)
    ([Fraction(1, 1), Fraction(1, 1)], [0, 2])
    """
    pivots: list[tuple[int, list[Fraction]]] = []
    used: list[int] = []
    for position, (coefficients, value) in enumerate(rows):
        row = [Fraction(v) for v in coefficients] + [Fraction(value)]
        for column, pivot_row in pivots:
            factor = row[column]
            if factor:
                row = [a - factor * b for a, b in zip(row, pivot_row, strict=True)]
        found = next((k for k in range(dim) if row[k]), None)
        if found is None:
            continue
        column = found
        scale = row[column]
        row = [a / scale for a in row]
        reduced = []
        for other, pivot_row in pivots:
            factor = pivot_row[column]
            if factor:
                pivot_row = [a - factor * b for a, b in zip(pivot_row, row, strict=True)]
            reduced.append((other, pivot_row))
        pivots = [*reduced, (column, row)]
        used.append(position)
        if len(pivots) == dim:
            break
    if len(pivots) < dim:
        return None
    solution = [Fraction(0)] * dim
    for column, pivot_row in pivots:
        solution[column] = pivot_row[dim]
    return solution, used


def exact_inequalities(
    matrix: Sequence[Sequence[int]], point: Sequence[Fraction], bound: int = 1
) -> tuple[bool, list[bool]]:
    """For ``z = matrix^T point``: is ``z <= bound`` everywhere, and where is it tight?

    ``matrix`` is ``k x n`` (rows indexed like ``point``); computed on
    integers after clearing denominators.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> exact_inequalities([[1, 2], [3, 1]], [F(1, 4), F(1, 4)])
    (True, [True, False])
    """
    denominator = 1
    for value in point:
        denominator = denominator * value.denominator // _gcd(denominator, value.denominator)
    numerators = [value.numerator * (denominator // value.denominator) for value in point]
    n = len(matrix[0]) if matrix else 0
    totals = [sum(row[j] * p for row, p in zip(matrix, numerators, strict=True)) for j in range(n)]
    limit = bound * denominator
    return all(t <= limit for t in totals), [t == limit for t in totals]


def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


# --------------------------------------------------------------------------- equilibria
def build_equilibrium(
    game: NormalFormGame, x: Sequence[Any], y: Sequence[Any], *, method: str, exact: bool
) -> Equilibrium | None:
    """Normalise two polytope points to a mixed profile and verify it; ``None`` if it fails.

    Exact profiles must have regret exactly zero -- checked in integer
    arithmetic by :func:`nea_games._numeric.exact_values` -- and float ones a
    regret within the library tolerance (:meth:`Equilibrium.is_equilibrium`).
    """
    if exact:
        sx, sy = sum(x, Fraction(0)), sum(y, Fraction(0))
        if sx <= 0 or sy <= 0 or any(v < 0 for v in x) or any(v < 0 for v in y):
            return None
        strategies: list[list[Any]] = [[v / sx for v in x], [v / sy for v in y]]
    else:
        ax = np.clip(np.asarray(x, dtype=float), 0.0, None)
        ay = np.clip(np.asarray(y, dtype=float), 0.0, None)
        if not (ax.sum() > 0 and ay.sum() > 0 and np.all(np.isfinite(ax)) and np.all(np.isfinite(ay))):
            return None
        strategies = [list(ax / ax.sum()), list(ay / ay.sum())]
    try:
        if exact:
            profile = make_profile(game, strategies, exact=True)
            # regret is zero exactly when every best deviation pays the expected payoff (on integers)
            best, expected = exact_values(game.payoffs, game.integer_payoffs(), profile)
            if best != expected:
                return None
            return Equilibrium(game, profile, tuple(expected), method, True)
        equilibrium = Equilibrium.from_strategies(game, strategies, method=method, exact=False)
    except ValidationError:
        return None
    return equilibrium if equilibrium.is_equilibrium() else None


def float_equilibria(
    game: NormalFormGame, x: FloatArray, y: FloatArray, *, method: str
) -> list[Equilibrium | None]:
    """Normalise and verify many float profiles at once (rows of ``x`` and ``y``).

    The regret of every profile -- best pure deviation payoff minus
    expected payoff, for each player -- is computed with one matrix product
    per player, and compared with the library tolerance
    (:func:`nea_games._numeric.tolerance_for`), exactly the test of
    :meth:`Equilibrium.is_equilibrium`. Failing rows give ``None``.
    """
    payoffs = game.float_payoffs()
    x = np.clip(np.asarray(x, dtype=float), 0.0, None)
    y = np.clip(np.asarray(y, dtype=float), 0.0, None)
    sx, sy = x.sum(axis=1, keepdims=True), y.sum(axis=1, keepdims=True)
    valid = (sx[:, 0] > 0) & (sy[:, 0] > 0) & np.all(np.isfinite(x), axis=1) & np.all(np.isfinite(y), axis=1)
    x = np.where(valid[:, None], x / np.where(sx > 0, sx, 1.0), 0.0)
    y = np.where(valid[:, None], y / np.where(sy > 0, sy, 1.0), 0.0)
    row_deviations = y @ payoffs[0].T  # payoff of each row against y
    column_deviations = x @ payoffs[1]  # payoff of each column against x
    u_row = np.einsum("ei,ei->e", x, row_deviations)
    u_column = np.einsum("ej,ej->e", y, column_deviations)
    regret = np.maximum(row_deviations.max(axis=1) - u_row, column_deviations.max(axis=1) - u_column)
    good = valid & (regret <= tolerance_for(payoffs))
    out: list[Equilibrium | None] = []
    for e in range(len(x)):
        if not good[e]:
            out.append(None)
            continue
        strategies = (tuple(x[e].tolist()), tuple(y[e].tolist()))
        out.append(Equilibrium(game, strategies, (float(u_row[e]), float(u_column[e])), method, False))
    return out
