r"""Batched kernel of two-player support enumeration, with a built-in nondegeneracy test.

The kernel works on the positive matrices of the best-response polytopes
(see :mod:`nea_games.solvers._bimatrix`). For supports :math:`I` of the row
player and :math:`J` of the column player with :math:`|I| = |J| = k`, the
candidate equilibrium solves the two indifference systems

.. math::

    B'^\top_{J I}\, x_I = \mathbf 1, \qquad A'_{I J}\, y_J = \mathbf 1,

and is an equilibrium when :math:`x, y \ge 0` and no pure strategy does
better: :math:`B'^\top x \le \mathbf 1` and :math:`A' y \le \mathbf 1`
(von Stengel 2007, Algorithm 3.4, written in the scaling of the polytopes
:math:`P` and :math:`Q`). All support pairs of one size are stacked and
solved together with :func:`numpy.linalg.solve`.

*Nondegeneracy test.* A feasible solution :math:`x` of the first system is a
vertex of :math:`P` with the labels :math:`\{i \notin I\} \cup J` -- :math:`m`
of them -- plus any further zero coordinate or tight column. Conversely every
nonzero vertex of :math:`P` arises this way: if its support is :math:`I` and
its tight columns :math:`T`, then :math:`B'_{IT}` has rank :math:`|I|`, so
some :math:`J \subseteq T` with :math:`|J| = |I|` gives a nonsingular system
with that vertex as solution. The game is degenerate exactly when some
vertex has more labels than :math:`m` (for :math:`P`) or :math:`n` (for
:math:`Q`) (von Stengel 2007, §3.3 and §3.4), so
counting the labels of every feasible half-solution, *whatever the other
half*, decides nondegeneracy as a by-product of the enumeration.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["SINGULAR", "SupportBatch", "combinations", "solve_support_batch"]

FloatArray = npt.NDArray[np.float64]
IndexArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]

#: Square systems with |det| below this times the product of their row norms count as singular.
SINGULAR = 1e-11


def combinations(n: int, k: int) -> IndexArray:
    """All ``k``-subsets of ``range(n)`` as rows of an index array, in lexicographic order.

    Examples
    --------
    >>> combinations(3, 2).tolist()
    [[0, 1], [0, 2], [1, 2]]
    """
    flat = np.fromiter(itertools.chain.from_iterable(itertools.combinations(range(n), k)), dtype=np.intp)
    return flat.reshape(-1, k)


@dataclass(frozen=True)
class _Half:
    regular: BoolArray  # the square system is nonsingular
    values: FloatArray  # its solution on the support (NaN where singular)
    feasible: BoolArray  # in the polytope within ``tol``
    extra: BoolArray  # in the polytope within ``label_tol`` and with more labels than the dimension


def _half(coef: FloatArray, support: IndexArray, tight: IndexArray, tol: float, label_tol: float) -> _Half:
    """Solve ``coef[support, tight]^T z = 1`` for every row and locate the solutions."""
    systems = coef[support[:, None, :], tight[:, :, None]]  # [t, b, a] = C[S_a, R_b]
    scale = np.prod(np.linalg.norm(systems, axis=2), axis=1)
    regular = np.abs(np.linalg.det(systems)) > SINGULAR * scale
    values = np.full(support.shape, np.nan)
    feasible = np.zeros(len(support), dtype=bool)
    extra = np.zeros(len(support), dtype=bool)
    if not np.any(regular):
        return _Half(regular, values, feasible, extra)
    ok = np.nonzero(regular)[0]
    solved = np.linalg.solve(systems[ok], np.ones((len(ok), support.shape[1], 1)))[..., 0]
    values[ok] = solved
    points = np.zeros((len(ok), coef.shape[0]))
    np.put_along_axis(points, support[ok], solved, axis=1)
    slack = (1.0 - points @ coef) / np.linalg.norm(coef, axis=0)
    lowest = np.minimum(solved.min(axis=1), slack.min(axis=1))
    feasible[ok] = lowest >= -tol
    labels = (solved <= label_tol).sum(axis=1) + (slack <= label_tol).sum(axis=1)
    extra[ok] = (lowest >= -label_tol) & (labels > support.shape[1])
    return _Half(regular, values, feasible, extra)


@dataclass(frozen=True)
class SupportBatch:
    """What one batch of equal-size support pairs ``(rows[t], columns[t])`` gave.

    Attributes
    ----------
    candidates : ndarray of int
        Positions ``t`` whose float solution passes every equilibrium check.
    x, y : ndarray
        Solutions on the supports (rows: ``t``; NaN where singular).
    x_extra, y_extra : ndarray of int
        Positions whose row (column) half-solution is a vertex of ``P``
        (``Q``) with more labels than ``m`` (``n``): degeneracy witnesses.
    singular : int
        Number of singular systems (either half) in the batch.
    """

    candidates: IndexArray
    x: FloatArray
    y: FloatArray
    x_extra: IndexArray
    y_extra: IndexArray
    singular: int


def solve_support_batch(
    a: FloatArray, b: FloatArray, rows: IndexArray, columns: IndexArray, tol: float, label_tol: float
) -> SupportBatch:
    """Solve both indifference systems for every support pair of the batch.

    ``a`` and ``b`` are the positive matrices ``A'`` and ``B'``; ``tol``
    decides feasibility of candidates, ``label_tol`` which constraints count
    as labels for the degeneracy test.

    Examples
    --------
    Matching pennies (shifted to positive payoffs): only the full supports work.

    >>> a = np.array([[3.0, 1.0], [1.0, 3.0]]); b = 4.0 - a
    >>> batch = solve_support_batch(a, b, np.array([[0, 1]]), np.array([[0, 1]]), 1e-9, 1e-9)
    >>> batch.candidates.tolist(), np.round(batch.x, 12).tolist(), np.round(batch.y, 12).tolist()
    ([0], [[0.25, 0.25]], [[0.25, 0.25]])
    >>> batch.x_extra.tolist(), batch.y_extra.tolist()
    ([], [])
    """
    x = _half(b, rows, columns, tol, label_tol)
    y = _half(a.T, columns, rows, tol, label_tol)
    return SupportBatch(
        candidates=np.nonzero(x.feasible & y.feasible)[0],
        x=x.values,
        y=y.values,
        x_extra=np.nonzero(x.extra)[0],
        y_extra=np.nonzero(y.extra)[0],
        singular=int((~x.regular).sum() + (~y.regular).sum()),
    )
