"""Exact linear programming: solve in floats with HiGHS, then certify in rationals.

:func:`linear_programme` solves ``min c.z`` subject to ``G z <= h``,
``E z = f`` and sign constraints with scipy's HiGHS, then (when asked for an
exact answer) picks a basis of tight constraints guided by the LP's duals,
solves that square system exactly in Fractions, and keeps the point only if
it is exactly feasible and its dual multipliers certify optimality. Used by
the zero-sum and correlated-equilibrium solvers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from nea_games.errors import SolverError

__all__ = ["LPSolution", "linear_programme", "rational_matvec", "solve_fractions"]


def _echelon(rows: Sequence[Sequence[Any]]) -> tuple[list[list[int]], list[int]]:
    """Fraction-free (Bareiss) row echelon form of a rational matrix: rows and pivot columns.

    Rows are scaled to integers first, so elimination runs on Python ints
    (every division is exact by Sylvester's identity).
    """
    matrix = []
    for row in rows:
        lcm = math.lcm(*(int(v.denominator) for v in row)) if row else 1
        matrix.append([int(v.numerator) * (lcm // int(v.denominator)) for v in row])
    rank, previous, pivots = 0, 1, []
    for col in range(len(matrix[0]) if matrix else 0):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][col] != 0), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        top = matrix[rank]
        for r in range(rank + 1, len(matrix)):
            lead = matrix[r][col]
            matrix[r] = [(a * top[col] - lead * b) // previous for a, b in zip(matrix[r], top, strict=True)]
        previous = top[col]
        pivots.append(col)
        rank += 1
    return matrix[:rank], pivots


def solve_fractions(matrix: Sequence[Sequence[Any]], rhs: Sequence[Any]) -> list[Fraction] | None:
    """Solve a square rational linear system exactly; ``None`` if it is singular.

    Examples
    --------
    >>> solve_fractions([[2, 1], [1, 3]], [1, 2])
    [Fraction(1, 5), Fraction(3, 5)]
    """
    n = len(matrix)
    upper, pivots = _echelon([[*row, b] for row, b in zip(matrix, rhs, strict=True)])
    if pivots != list(range(n)):
        return None
    solution = [Fraction(0)] * n
    for k in range(n - 1, -1, -1):
        rest = upper[k][n] - sum(upper[k][j] * solution[j] for j in range(k + 1, n))
        solution[k] = Fraction(rest) / upper[k][k]
    return solution


def rational_matvec(matrix: npt.NDArray[Any], vector: Sequence[Any]) -> list[Fraction]:
    """Exact ``matrix @ vector`` for rational entries, computed on integers.

    Examples
    --------
    >>> rational_matvec(np.array([[Fraction(1, 2), 1], [2, 3]], dtype=object), [Fraction(1, 3), 1])
    [Fraction(7, 6), Fraction(11, 3)]
    """
    rows = np.asarray(matrix, dtype=object)
    rows = rows if rows.ndim == 2 else rows.reshape(len(rows), -1)
    support = [k for k, v in enumerate(vector) if v != 0]  # zero entries of the vector do not count
    rows, vector = rows[:, support], [vector[k] for k in support]
    den_m = math.lcm(1, *(int(v.denominator) for v in rows.flat))
    den_v = math.lcm(1, *(int(v.denominator) for v in vector))
    ints = np.array([int(v.numerator) * (den_m // int(v.denominator)) for v in rows.flat], dtype=object)
    scaled = np.array([int(v.numerator) * (den_v // int(v.denominator)) for v in vector], dtype=object)
    products = ints.reshape(rows.shape) @ scaled if rows.size else np.zeros(len(rows), dtype=object)
    return [Fraction(int(v), den_m * den_v) for v in products]


@dataclass(frozen=True)
class LPSolution:
    """Solution of ``max c.z s.t. G z <= h, E z = f, z_k >= 0 (k in nonneg)``.

    ``point`` and ``optimum`` come from HiGHS. ``vertex`` is the exact vertex
    rebuilt from a basis of tight constraints (``None`` when not asked for or
    not exactly feasible); ``multipliers[k]`` is the exact dual multiplier of
    inequality ``k`` in that basis; ``certified`` says whether those
    multipliers are exactly dual feasible, which proves ``vertex`` optimal.
    """

    point: npt.NDArray[np.float64]
    optimum: float
    vertex: tuple[Fraction, ...] | None = None
    multipliers: tuple[Fraction, ...] = ()
    certified: bool = False


def linear_programme(
    c: npt.NDArray[Any],
    G: npt.NDArray[Any],
    h: npt.NDArray[Any],
    E: npt.NDArray[Any],
    f: npt.NDArray[Any],
    nonneg: Sequence[bool],
    *,
    exact: bool,
    what: str,
    G_float: npt.NDArray[np.float64] | None = None,
) -> LPSolution:
    """Solve ``max c.z s.t. G z <= h, E z = f, z_k >= 0`` with HiGHS; rebuild the vertex exactly if asked.

    For ``exact=True`` (rational data) a basis is read off the float optimum:
    variables at zero with a positive reduced cost are fixed at zero, then
    tight inequalities are added greedily (largest HiGHS dual value first),
    then the other zero bounds; the square system on the variables not fixed
    at zero is solved in Fractions. The vertex is kept only if it is
    *exactly* feasible, and certified optimal if the basis's multipliers are
    exactly dual feasible; otherwise the basis fixing every zero variable is
    tried too. ``G_float`` may pass a float copy of ``G`` to save converting it.
    """
    from scipy.optimize import linprog

    def floats(a: Any) -> npt.NDArray[np.float64]:
        return np.array(a, dtype=float)

    G_float = floats(G).reshape(len(G), len(c)) if G_float is None else G_float
    res = linprog(
        -floats(c),
        A_ub=G_float if len(G) else None,
        b_ub=floats(h) if len(G) else None,
        A_eq=floats(E),
        b_eq=floats(f),
        method="highs",
        bounds=[(0, None) if k else (None, None) for k in nonneg],
    )
    if res.status != 0:
        raise SolverError(f"{what}: HiGHS failed ({res.message})")
    z = np.asarray(res.x, dtype=float)
    solution = LPSolution(z, float(-res.fun))
    if not exact:
        return solution
    bounds = [k for k, flag in enumerate(nonneg) if flag]
    slack = (floats(h) - G_float @ z) / np.maximum(1.0, np.abs(G_float).max(axis=1, initial=0.0))
    # tight inequalities, largest HiGHS dual value first, then smallest slack
    tight_g = [int(k) for k in np.lexsort((slack, -np.abs(res.ineqlin.marginals))) if slack[k] <= 1e-7]
    zero = [k for k in bounds if z[k] <= 1e-7]
    priced = {k for k in zero if abs(res.lower.marginals[k]) > 1e-9}  # zero with a positive reduced cost
    E_float = floats(E).reshape(len(E), len(c))
    # first the basis HiGHS's dual values point to (zero variables without reduced cost may stay
    # basic at a degenerate vertex), then the one fixing every zero variable
    for basis in (
        _basis(E_float, G_float, tight_g, priced, [k for k in zero if k not in priced]),
        _basis(E_float, G_float, tight_g, set(zero), []),
    ):
        found = None if basis is None else _vertex(c, G, h, E, f, bounds, *basis, solution)
        if found is not None and (found.certified or solution.vertex is None):
            solution = found
        if solution.certified:
            break
    return solution


def _independent_rows(rows: npt.NDArray[np.float64], n_start: int) -> list[int] | None:
    """Indices of ``rows`` that, taken in order, give ``len(rows[0])`` independent rows.

    ``None`` if there are too few, or if one of the first ``n_start`` rows is dependent.
    """
    size = rows.shape[1]
    basis = np.zeros((size, size))
    chosen: list[int] = []
    for k, row in enumerate(rows):
        if len(chosen) == size:
            break
        r = len(chosen)
        vec = row / max(float(np.abs(row).max(initial=0.0)), 1e-300)
        for _ in range(2):  # Gram-Schmidt twice for numerical stability
            vec = vec - basis[:r].T @ (basis[:r] @ vec)
        norm = float(np.linalg.norm(vec))
        if norm > 1e-9:
            basis[r] = vec / norm
            chosen.append(k)
        elif k < n_start:
            return None
    return chosen if len(chosen) == size else None


def _basis(
    E: npt.NDArray[np.float64],
    G: npt.NDArray[np.float64],
    tight_g: list[int],
    fixed: set[int],
    later: list[int],
) -> tuple[list[int], set[int]] | None:
    """A basis: the ``fixed`` variables at zero, then tight inequalities, then zero bounds on ``later``.

    The greedy choice runs in the space of the variables not in ``fixed``
    (unit rows taken first are independent and just remove coordinates).
    Returns the inequalities in the basis and the variables fixed at zero.
    """
    free = [k for k in range(E.shape[1]) if k not in fixed]
    unit = np.eye(len(free))[[free.index(k) for k in later]]
    picked = _independent_rows(np.vstack([E[:, free], G[tight_g][:, free], -unit]), len(E))
    if picked is None:
        return None
    offset = len(E) + len(tight_g)
    basis_g = [tight_g[k - len(E)] for k in picked if len(E) <= k < offset]
    return basis_g, fixed | {later[k - offset] for k in picked if k >= offset}


def _vertex(
    c: npt.NDArray[Any],
    G: npt.NDArray[Any],
    h: npt.NDArray[Any],
    E: npt.NDArray[Any],
    f: npt.NDArray[Any],
    bounds: list[int],
    basis_g: list[int],
    fixed: set[int],
    lp: LPSolution,
) -> LPSolution | None:
    """The vertex where the inequalities ``basis_g`` are tight and the ``fixed`` variables are 0, if exact."""
    n, n_g = len(c), len(G)
    basis_g = sorted(basis_g)
    free = [k for k in range(n) if k not in fixed]
    system = [list(row) for row in E] + [list(G[k]) for k in basis_g]
    primal = solve_fractions([[row[k] for k in free] for row in system], [*f, *(h[k] for k in basis_g)])
    if primal is None:
        return None
    point = [Fraction(0)] * n
    for k, value in zip(free, primal, strict=True):
        point[k] = value
    if not (
        all(point[k] >= 0 for k in bounds)
        and all(v == b for v, b in zip(rational_matvec(E, point), f, strict=True))
        and all(v <= b for v, b in zip(rational_matvec(G, point), h, strict=True))
    ):
        return None
    # KKT: c = sum_r mu_r E_r + sum_k lam_k G_k - sum_{k fixed} nu_k e_k with lam, nu >= 0
    dual = solve_fractions([[row[k] for row in system] for k in free], [c[k] for k in free])
    multipliers = [Fraction(0)] * n_g
    certified = False
    if dual is not None:
        for k, value in zip(basis_g, dual[len(E) :], strict=True):
            multipliers[k] = value
        reduced = rational_matvec(np.array(system, dtype=object).T[sorted(fixed)], dual) if fixed else []
        certified = all(v >= 0 for v in multipliers) and all(
            v - c[k] >= 0 for v, k in zip(reduced, sorted(fixed), strict=True)
        )
    return LPSolution(lp.point, lp.optimum, tuple(point), tuple(multipliers), certified)
