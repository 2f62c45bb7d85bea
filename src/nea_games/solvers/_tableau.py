r"""Complementary pivoting on the two best-response polytopes (private to Lemke-Howson).

For positive payoff matrices :math:`A, B > 0` (``m x n``) the best-response
polytopes are

.. math::

    P = \{x \ge 0 : B^\top x \le 1\}, \qquad Q = \{y \ge 0 : A y \le 1\}.

Each is held as a tableau whose columns are indexed by *label*:

* ``Q``: :math:`r + A y = 1`; column ``i < m`` is the slack :math:`r_i`
  (label ``i``), column ``m + j`` is :math:`y_j` (label ``m + j``);
* ``P``: :math:`B^\top x + s = 1`; column ``i < m`` is :math:`x_i` (label
  ``i``), column ``m + j`` is the slack :math:`s_j` (label ``m + j``);

and a last column holding the right-hand side. A variable with label ``k``
that leaves one tableau is therefore replaced, in the other tableau, by the
variable in the same column ``k``. The slack columns start as an identity
matrix, so they always hold :math:`B^{-1}` (times the determinant in integer
mode), which is what the lexicographic ratio test needs.

Two arithmetics share one interface:

* **integer** (fraction-free) pivoting on Python ints: the stored tableau is
  ``det`` times the true one, and every division is exact (Edmonds 1967;
  von Stengel 2007, §3.5). No rounding, so the lexicographic rule provably
  prevents cycling.
* **float** pivoting on a ``float64`` numpy array with one tolerance,
  :data:`FLOAT_TOL`, used both for "this pivot entry is positive" and for
  "these two ratios tie"; payoffs are first scaled into ``[1, 2]`` so that the
  tolerance is meaningful.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from nea_games.errors import SolverError

__all__ = ["FLOAT_TOL", "PathResult", "lemke_howson_path"]

#: Tolerance of float pivoting: an entry above it counts as positive in the
#: ratio test, and two ratios closer than it (relative to their size) tie.
#: Payoffs are scaled into ``[1, 2]`` before pivoting.
FLOAT_TOL: float = 1e-10


@dataclass(frozen=True)
class PathResult:
    """Where one Lemke-Howson path ended.

    ``row`` and ``column`` are the (unnormalised) coordinates of the final
    vertex pair :math:`(x, y)`: ``Fraction`` in integer mode, ``float``
    otherwise. ``degenerate`` says whether the ratio test ever had a tie.
    """

    row: tuple[Any, ...]
    column: tuple[Any, ...]
    pivots: int
    degenerate: bool


class _Tableau:
    """One polytope's tableau, rows = basic variables, columns = labels then the right-hand side."""

    def __init__(self, constraints: npt.NDArray[Any], slack_start: int, exact: bool) -> None:
        rows, labels = constraints.shape
        self.exact = exact
        self.constraints = constraints  # the original system [.. | I | ..], kept for polishing
        self.slack = range(slack_start, slack_start + rows)
        dtype: Any = object if exact else float
        self.table = np.empty((rows, labels + 1), dtype=dtype)
        self.table[:, :labels] = constraints
        self.table[:, labels] = 1
        self.rhs = labels
        self.basis = list(self.slack)
        self.det = 1  # integer mode: stored tableau = det * true tableau

    def ratio_test(self, column: int) -> tuple[int, bool]:
        """Row leaving when ``column`` enters (lexicographic minimum ratio), and whether it tied."""
        entries = self.table[:, column]
        if self.exact:
            candidates = [i for i in range(len(entries)) if entries[i] > 0]
        else:
            candidates = np.flatnonzero(entries > FLOAT_TOL).tolist()
        if not candidates:
            raise SolverError(
                "Lemke-Howson: unbounded ray in a best-response polytope (numerical breakdown)"
            )
        tied = False
        for key in (self.rhs, *self.slack):
            if len(candidates) == 1:
                break
            kept = self._minimisers(candidates, key, entries)
            tied = tied or (key == self.rhs and len(kept) > 1)
            candidates = kept
        return candidates[0], tied

    def _minimisers(self, candidates: list[int], key: int, entries: npt.NDArray[Any]) -> list[int]:
        """Candidate rows minimising ``table[i, key] / entries[i]``."""
        values = self.table[:, key]
        if not self.exact:
            ratios = values[candidates] / entries[candidates]
            best = float(ratios.min())
            close = ratios <= best + FLOAT_TOL * max(1.0, abs(best))
            return [c for c, keep in zip(candidates, close.tolist(), strict=True) if keep]
        kept = [candidates[0]]
        for i in candidates[1:]:
            j = kept[0]
            # compare values[i] / entries[i] with values[j] / entries[j]; both entries > 0
            left, right = values[i] * entries[j], values[j] * entries[i]
            if left < right:
                kept = [i]
            elif left == right:
                kept.append(i)
        return kept

    def pivot(self, row: int, column: int) -> int:
        """Bring ``column`` into the basis at ``row``; return the label that left."""
        table = self.table
        pivot_row = table[row].copy()
        entering = table[:, column].copy()
        if self.exact:
            element = pivot_row[column]
            table[:] = (table * element - np.outer(entering, pivot_row)) // self.det
            table[row] = pivot_row
            self.det = element
        else:
            pivot_row /= pivot_row[column]
            table -= np.outer(entering, pivot_row)
            table[row] = pivot_row
            table[:, column] = 0.0
            table[row, column] = 1.0
        leaving = self.basis[row]
        self.basis[row] = column
        return leaving

    def values(self, columns: range) -> tuple[Any, ...]:
        """Current values of the variables in ``columns`` (0 when non-basic)."""
        out: list[Any] = [Fraction(0) if self.exact else 0.0 for _ in columns]
        for row, label in enumerate(self.basis):
            if label in columns:
                value = self.table[row, self.rhs]
                out[label - columns.start] = Fraction(value, self.det) if self.exact else float(value)
        return tuple(out)

    def polished_values(self, columns: range) -> tuple[float, ...] | None:
        """Values in ``columns`` re-solved from the original system with the final basis.

        Returns ``None`` if the basis matrix is numerically singular.
        """
        basis_matrix = np.asarray(self.constraints[:, self.basis], dtype=float)
        try:
            solution = np.linalg.solve(basis_matrix, np.ones(len(self.basis)))
        except np.linalg.LinAlgError:
            return None
        out = [0.0] * len(columns)
        for label, value in zip(self.basis, solution.tolist(), strict=True):
            if label in columns:
                out[label - columns.start] = value
        return tuple(out)


def lemke_howson_path(
    A: npt.NDArray[Any], B: npt.NDArray[Any], label: int, *, exact: bool, max_pivots: int, polish: bool = True
) -> PathResult:
    """Follow the Lemke-Howson path that drops ``label`` from the artificial equilibrium.

    ``A`` and ``B`` must be strictly positive (Python ints in an object array
    when ``exact``, floats otherwise).

    Examples
    --------
    >>> A = np.array([[3, 1], [1, 2]], dtype=object)
    >>> B = np.array([[2, 1], [1, 3]], dtype=object)
    >>> path = lemke_howson_path(A, B, 0, exact=True, max_pivots=100)
    >>> path.row, path.column, path.pivots
    ((Fraction(1, 2), Fraction(0, 1)), (Fraction(1, 3), Fraction(0, 1)), 2)
    """
    m, n = A.shape
    dtype: Any = object if exact else float
    identity_m = np.eye(m, dtype=int).astype(dtype)
    identity_n = np.eye(n, dtype=int).astype(dtype)
    q = _Tableau(np.hstack([identity_m, A.astype(dtype)]), 0, exact)
    p = _Tableau(np.hstack([B.T.astype(dtype), identity_n]), m, exact)
    current, other = (p, q) if label < m else (q, p)
    entering, pivots, degenerate = label, 0, False
    while True:
        if pivots >= max_pivots:
            raise SolverError(
                f"Lemke-Howson: no equilibrium after max_pivots={max_pivots} pivots from label {label}; "
                "raise max_pivots (paths can be exponentially long) or try another label"
            )
        row, tied = current.ratio_test(entering)
        degenerate = degenerate or tied
        leaving = current.pivot(row, entering)
        pivots += 1
        if leaving == label:
            break
        entering = leaving
        current, other = other, current
    rows, columns = range(0, m), range(m, m + n)
    x, y = p.values(rows), q.values(columns)
    if polish and not exact:
        x = p.polished_values(rows) or x
        y = q.polished_values(columns) or y
    return PathResult(x, y, pivots, degenerate)
