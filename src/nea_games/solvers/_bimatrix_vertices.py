r"""Best-response polytopes of a bimatrix game, their labelled vertices, and complementary pairs.

A polytope here has the form :math:`\{z \in \mathbb{R}^d : z \ge 0,\ C^\top z \le 1\}`
with a positive ``d x k`` matrix :math:`C`: :math:`P` is ``C = B'`` (``d = m``),
:math:`Q` is ``C = A'^T`` (``d = n``). Its constraints, in *own order*, are
the ``d`` coordinates followed by the ``k`` columns of :math:`C`; each carries
a *label* of the game (von Stengel 2007, §3.2): row actions are labels
``0 .. m-1`` and column actions ``m .. m+n-1``. A vertex pair :math:`(x, y)`
is *completely labelled* when every label is tight at :math:`x` or at
:math:`y`; with :math:`(x, y) \ne (0, 0)` it is an (extreme) equilibrium after
normalising both to probability vectors.

Labels are stored as bitmasks (one ``uint64`` word per 64 labels) so that
complementary pairs are found with vectorised integer operations: a join on
"mask of x equals the complement of the mask of y" for vertices with exactly
``d`` labels, and a broadcast OR of each remaining (degenerate) vertex against
every vertex of the other polytope.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from nea_games.solvers._bimatrix import (
    IntMatrix,
    exact_inequalities,
    solve_independent_rows,
    solve_integer_system,
)
from nea_games.solvers._polytope import TIGHT, Guard, pack_masks, polytope_vertices

__all__ = ["LOOSE", "BestResponsePolytope", "complementary_pairs"]

FloatArray = npt.NDArray[np.float64]
MaskArray = npt.NDArray[np.uint64]
IndexArray = npt.NDArray[np.intp]

#: Looser tightness used to *propose* labels; exact rebuilding or verification then decides.
LOOSE = 1e-7
#: Pairs tested per broadcast block when matching degenerate vertices.
_BLOCK = 1 << 22


@dataclass(frozen=True)
class ExactVertex:
    """A vertex rebuilt in exact arithmetic: coordinates and the bitmask of its labels."""

    point: tuple[Fraction, ...]
    mask: int


class BestResponsePolytope:
    """The nonzero vertices of ``{z >= 0, C^T z <= 1}`` with their labels.

    Parameters
    ----------
    coef : ndarray, shape (d, k)
        The positive float matrix ``C``.
    labels : sequence of int
        Game label of each constraint in own order (coordinates, then columns of ``C``).
    integer : list of lists of int, optional
        The same polytope with exact integer ``C`` (same labels, possibly a
        different positive affine scaling), for :meth:`exact_vertex`.
    guard : Guard, optional
        The caller's bound on the enumeration; ``complete`` is False when it
        cut the enumeration short.
    """

    def __init__(
        self,
        coef: FloatArray,
        labels: Sequence[int],
        integer: IntMatrix | None = None,
        guard: Guard | None = None,
    ) -> None:
        d = coef.shape[0]
        vertices = polytope_vertices(coef, guard)
        nonzero = ~np.all(vertices.slacks[:, :d] <= TIGHT, axis=1)
        self.coef = coef
        self.integer = integer
        self.dim = d
        self.labels = np.asarray(labels, dtype=np.intp)
        self.points: FloatArray = vertices.points[nonzero]
        self.slacks: FloatArray = vertices.slacks[nonzero]
        self.method = vertices.method
        self.complete = vertices.complete
        self._exact: dict[int, ExactVertex | None] = {}

    def __len__(self) -> int:
        return len(self.points)

    def masks(self, tol: float) -> tuple[MaskArray, npt.NDArray[np.intp]]:
        """Label bitmasks (game numbering) at tolerance ``tol`` and the number of labels per vertex."""
        tight = self.slacks <= tol
        by_label = np.zeros_like(tight)
        by_label[:, self.labels] = tight
        return pack_masks(by_label), tight.sum(axis=1)

    # ------------------------------------------------------------------ exact
    def exact_vertex(self, index: int) -> ExactVertex | None:
        """Rebuild vertex ``index`` exactly from its (loosely) tight constraints; cached.

        The float labels propose which constraints are tight; a full-rank
        subset of them, taken in order of increasing float slack, is solved
        in integers, and the result is checked exactly (``z >= 0``,
        ``C^T z <= 1``). ``None`` when the float proposal does not give an
        exact vertex.
        """
        if index not in self._exact:
            self._exact[index] = self._rebuild(index)
        return self._exact[index]

    def _rebuild(self, index: int) -> ExactVertex | None:
        if self.integer is None:
            raise ValueError("no exact data for this polytope")
        integer, d = self.integer, self.dim
        slack = self.slacks[index]
        tight = slack <= LOOSE
        support = [int(i) for i in np.nonzero(~tight[:d])[0]]
        columns = [int(j) for j in np.nonzero(tight[d:])[0]]
        point: list[Fraction] | None = None
        if support and len(columns) == len(support):
            system = [[integer[i][j] for i in support] for j in columns]
            solution = solve_integer_system(system, [1] * len(columns))
            if solution is not None:
                point = [Fraction(0)] * d
                for i, value in zip(support, solution, strict=True):
                    point[i] = value
        if point is None:
            solved = solve_independent_rows(self._rows_by_slack(index), d)
            if solved is None:
                return None
            point = solved[0]
        if any(value < 0 for value in point) or not any(point):
            return None
        feasible, tight_columns = exact_inequalities(integer, point)
        if not feasible:
            return None
        mask = 0
        for c, value in enumerate(point):
            if value == 0:
                mask |= 1 << int(self.labels[c])
        for j, is_tight in enumerate(tight_columns):
            if is_tight:
                mask |= 1 << int(self.labels[d + j])
        return ExactVertex(tuple(point), mask)

    def _rows_by_slack(self, index: int) -> Iterator[tuple[list[int], int]]:
        assert self.integer is not None
        d = self.dim
        for c in np.argsort(self.slacks[index], kind="stable"):
            if c < d:
                yield [1 if k == c else 0 for k in range(d)], 0
            else:
                yield [self.integer[i][int(c) - d] for i in range(d)], 1

    # ------------------------------------------------------------------ float
    def polished_many(self, indices: IndexArray) -> FloatArray:
        """Vertices ``indices`` re-solved from their tight constraints.

        Vertices with exactly ``d`` tight constraints (all of them in a
        nondegenerate game) are re-solved together as one batch of ``d x d``
        systems; the others one by one by least squares.
        """
        d = self.dim
        out: FloatArray = self.points[indices].copy()
        if self.method == "bases":  # already solved from a basis of tight constraints
            return out
        tight = self.slacks[indices] <= TIGHT
        square = np.nonzero(tight.sum(axis=1) == d)[0]
        if len(square):
            rows = np.nonzero(tight[square])[1].reshape(-1, d)
            g = np.vstack([-np.eye(d), self.coef.T])
            h = np.concatenate([np.zeros(d), np.ones(self.coef.shape[1])])
            with contextlib.suppress(np.linalg.LinAlgError):  # else keep the hull's coordinates
                out[square] = np.linalg.solve(g[rows], h[rows][..., None])[..., 0]
        for position in np.nonzero(tight.sum(axis=1) != d)[0].tolist():
            out[position] = self.polished(int(indices[position]))
        return out

    def label_counts(self, tol: float) -> npt.NDArray[np.intp]:
        """Number of labels of every vertex at tolerance ``tol``."""
        return np.asarray((self.slacks <= tol).sum(axis=1), dtype=np.intp)

    def polished(self, index: int) -> FloatArray:
        """Vertex ``index`` re-solved from its tight constraints (least squares), in floats."""
        d = self.dim
        tight = self.slacks[index] <= TIGHT
        support = np.nonzero(~tight[:d])[0]
        columns = np.nonzero(tight[d:])[0]
        raw: FloatArray = self.points[index]
        if len(columns) < len(support) or len(support) == 0:
            return raw
        system = self.coef[np.ix_(support, columns)].T
        solution, _, rank, _ = np.linalg.lstsq(system, np.ones(len(columns)), rcond=None)
        if rank < len(support):
            return raw
        point = np.zeros(d)
        point[support] = solution
        return point


def _hash(masks: MaskArray) -> npt.NDArray[np.uint64]:
    if masks.shape[1] == 1:
        return masks[:, 0]
    weights = (np.arange(masks.shape[1], dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)) | np.uint64(1)
    return np.asarray((masks * weights).sum(axis=1, dtype=np.uint64), dtype=np.uint64)


def _join(keys_p: npt.NDArray[np.uint64], keys_q: npt.NDArray[np.uint64]) -> tuple[IndexArray, IndexArray]:
    """All index pairs ``(i, j)`` with ``keys_p[i] == keys_q[j]`` (duplicates allowed)."""
    order = np.argsort(keys_p, kind="stable")
    sorted_keys = keys_p[order]
    left = np.searchsorted(sorted_keys, keys_q, side="left")
    counts = np.searchsorted(sorted_keys, keys_q, side="right") - left
    total = int(counts.sum())
    q_index = np.repeat(np.arange(len(keys_q)), counts)
    offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    return order[np.repeat(left, counts) + offsets], q_index


def _broadcast(rows: MaskArray, others: MaskArray, full: MaskArray) -> tuple[IndexArray, IndexArray]:
    """Pairs ``(i, j)`` with ``rows[i] | others[j] == full``, in memory-bounded blocks."""
    found_i, found_j = [], []
    step = max(1, _BLOCK // max(1, others.size))
    for start in range(0, len(rows), step):
        block = rows[start : start + step]
        complete = np.all((block[:, None, :] | others[None, :, :]) == full, axis=2)
        i, j = np.nonzero(complete)
        found_i.append(i + start)
        found_j.append(j)
    if not found_i:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    return np.concatenate(found_i), np.concatenate(found_j)


def complementary_pairs(
    masks_p: MaskArray,
    count_p: npt.NDArray[np.intp],
    masks_q: MaskArray,
    count_q: npt.NDArray[np.intp],
    dims: tuple[int, int],
) -> tuple[IndexArray, IndexArray]:
    """Every pair of vertices of P and Q whose labels together cover all ``m + n`` labels.

    Vertices with exactly ``dim`` labels (all of a nondegenerate game's)
    pair only with the vertex whose mask is their complement: a sort-based
    join. Vertices with more labels are OR-ed against every vertex of the
    other polytope.

    Examples
    --------
    Labels 0, 1 (rows) and 2, 3 (columns) of a 2x2 game:

    >>> mp = np.array([[0b0110], [0b1001]], dtype=np.uint64)
    >>> mq = np.array([[0b1001], [0b1010]], dtype=np.uint64)
    >>> ip, iq = complementary_pairs(mp, np.array([2, 2]), mq, np.array([2, 2]), (2, 2))
    >>> sorted(zip(ip.tolist(), iq.tolist()))
    [(0, 0)]
    """
    m, n = dims
    full = pack_masks(np.ones((1, m + n), dtype=bool))[0]
    simple_p = np.nonzero(count_p == m)[0]
    simple_q = np.nonzero(count_q == n)[0]
    ip, iq = _join(_hash(masks_p[simple_p]), _hash(full & ~masks_q[simple_q]))
    ip, iq = simple_p[ip], simple_q[iq]
    parts_p, parts_q = [ip], [iq]
    extra_p = np.nonzero(count_p > m)[0]
    extra_q = np.nonzero(count_q > n)[0]
    if len(extra_p):
        i, j = _broadcast(masks_p[extra_p], masks_q, full)
        parts_p.append(extra_p[i])
        parts_q.append(j)
    if len(extra_q):
        rest_p = np.nonzero(count_p <= m)[0]
        j, i = _broadcast(masks_q[extra_q], masks_p[rest_p], full)
        parts_p.append(rest_p[i])
        parts_q.append(extra_q[j])
    ip, iq = np.concatenate(parts_p), np.concatenate(parts_q)
    keep = np.all((masks_p[ip] | masks_q[iq]) == full, axis=1)
    return ip[keep], iq[keep]
