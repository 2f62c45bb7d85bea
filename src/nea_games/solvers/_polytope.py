r"""Vertices of a polytope :math:`\{z \in \mathbb{R}^d : z \ge 0,\ C^\top z \le 1\}` in floating point.

Here :math:`C` is a positive ``d x k`` matrix, so the polytope is bounded and
full-dimensional. Its constraints, in *own order*, are the ``d`` coordinates
:math:`z_i \ge 0` followed by the ``k`` columns :math:`C_j^\top z \le 1`.
Two methods, chosen by size and used as each other's fallback:

*Polar convex hull* (qhull, through :class:`scipy.spatial.ConvexHull`).
    Write the constraints as :math:`G z \le h` and pick :math:`z_0` strictly
    inside, with :math:`s = h - G z_0 > 0`. Around :math:`z_0` the polytope
    is :math:`\{w : (G_l / s_l) \cdot w \le 1\}`, whose polar is the convex
    hull of the points :math:`p_l = G_l / s_l`; each facet
    :math:`\{p : a \cdot p = 1\}` of that hull is a vertex :math:`z_0 + a` of
    the polytope (Ziegler 1995, *Lectures on Polytopes*, §2.3). Only the
    vertex *coordinates* come from qhull; which constraints are tight is
    decided afterwards by testing every constraint, so that a degenerate
    vertex -- more tight constraints than the dimension, which qhull splits
    into several simplicial facets -- keeps all its labels.

*Batched basis enumeration.*
    A vertex is the solution of ``d`` linearly independent tight
    constraints. If ``d - t`` of them are coordinates, the other ``t`` are
    columns :math:`R` of :math:`C` and the vertex solves the ``t x t``
    system :math:`C_{S R}^\top z_S = 1` on the remaining coordinates
    :math:`S` (:math:`|S| = |R| = t`), zero elsewhere. All such systems of
    one size are solved at once with :func:`numpy.linalg.solve` and the
    feasible solutions kept; there are :math:`\binom{d + k}{d} - 1` of them.
    Used for small polytopes (faster than qhull and immune to its precision
    issues), for polytopes of high dimension but few bases (where qhull is
    slow), for dimension one (which qhull does not handle), and -- restricted
    to the bases qhull finds on joggled input (option ``QJ``) -- when qhull
    fails on the exact input.

Constraint rows are normalised to unit length, so slacks are Euclidean
distances and one absolute tolerance fits every constraint.

*How many vertices.* By McMullen's upper bound theorem (McMullen 1970, *The
maximum numbers of faces of a convex polytope*, Mathematika 17, 179-184;
Ziegler 1995, Theorem 8.23 in its dual form) a :math:`d`-polytope with at
most :math:`N` facets has at most

.. math::

    \binom{N - \lceil d/2 \rceil}{\lfloor d/2 \rfloor}
    + \binom{N - \lfloor d/2 \rfloor - 1}{\lceil d/2 \rceil - 1}

vertices (:func:`vertex_bound`, with :math:`N = d + k`), attained by the
duals of cyclic polytopes. A :class:`Guard` lets the caller stop the
enumeration early -- after about ``limit`` vertices, or when a callback says
so -- and shows a progress bar over the basis chunks; the returned
:class:`Vertices` then say ``complete=False``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from nea_games._progress import track
from nea_games.errors import SolverError

__all__ = ["BASIS_LIMIT", "TIGHT", "Guard", "Vertices", "pack_masks", "polytope_vertices", "vertex_bound"]

FloatArray = npt.NDArray[np.float64]
MaskArray = npt.NDArray[np.uint64]
IndexArray = npt.NDArray[np.intp]

#: Distance within which a constraint counts as tight (rows have unit length).
TIGHT = 1e-9
#: Polytopes with at most this many bases are always enumerated basis by basis.
BASIS_LIMIT = 400
#: Up to this dimension qhull is preferred; above it, basis enumeration when it is bounded.
QHULL_MAX_DIM = 12
#: Largest number of bases enumerated (about a second of work).
BASIS_MAX = 2_000_000
#: Scalar entries per batched solve, bounding memory.
_CHUNK_WORK = 1_000_000
#: Square systems with |det| below this times the product of their row norms count as singular.
_SINGULAR = 1e-11


@dataclass(frozen=True)
class Vertices:
    """The vertices of a polytope and how far each is from every constraint.

    Attributes
    ----------
    points : ndarray, shape (V, d)
        Vertex coordinates.
    slacks : ndarray, shape (V, d + k)
        Distance of each vertex to each constraint hyperplane, in own order
        (coordinates, then columns of ``C``); ``>= -TIGHT``.
    method : str
        ``"bases"``, ``"qhull"`` or ``"qhull-joggled"``.
    complete : bool
        False when a :class:`Guard` cut the enumeration short.
    """

    points: FloatArray
    slacks: FloatArray
    method: str
    complete: bool = True


@dataclass
class Guard:
    """The caller's bound on one enumeration (mutable: records whether it cut the work short).

    Attributes
    ----------
    limit : int, optional
        Keep at most this many nonzero vertices; the basis enumeration stops
        once it has found more.
    stop : callable, optional
        Polled between chunks of work; ``True`` stops the enumeration (e.g.
        a deadline).
    progress : bool, optional
        Progress bar over the basis chunks (see :func:`nea_games._progress.track`).
    description : str
        Label of the progress bar.
    cut : bool
        Set when the enumeration was stopped or truncated.
    """

    limit: int | None = None
    stop: Callable[[], bool] | None = None
    progress: bool | None = None
    description: str = "vertex enumeration"
    cut: bool = False

    def halt(self, found: int) -> bool:
        """Should the enumeration stop, having found ``found`` (nonzero) vertices so far?"""
        if (self.limit is not None and found > self.limit) or (self.stop is not None and self.stop()):
            self.cut = True
        return self.cut


def vertex_bound(d: int, k: int) -> int:
    r"""McMullen's bound on the vertices of ``{z in R^d : z >= 0, C^T z <= 1}``, ``C`` of shape ``(d, k)``.

    The polytope has dimension ``d`` and at most ``N = d + k`` facets; the
    bound counts the zero vertex too.

    Examples
    --------
    A polygon has as many vertices as edges, a simple 3-polytope with ``N``
    facets ``2N - 4``:

    >>> vertex_bound(2, 3), vertex_bound(3, 3)
    (5, 8)
    >>> vertex_bound(1, 7)  # a segment
    2
    """
    n, low, high = d + k, d // 2, -(-d // 2)
    return math.comb(n - high, low) + math.comb(n - low - 1, high - 1)


def pack_masks(tight: npt.NDArray[np.bool_]) -> MaskArray:
    """Pack boolean label rows ``(V, L)`` into bitmasks ``(V, ceil(L / 64))`` of ``uint64``.

    Bit ``b`` of word ``w`` is label ``64 w + b``.

    Examples
    --------
    >>> pack_masks(np.array([[True, False, True], [False, True, False]])).ravel().tolist()
    [5, 2]
    """
    rows, labels = tight.shape
    words = max(1, -(-labels // 64))
    padded = np.zeros((rows, words * 64), dtype=bool)
    padded[:, :labels] = tight
    packed = np.packbits(padded, axis=1, bitorder="little")
    return np.ascontiguousarray(packed).view("<u8").astype(np.uint64, copy=False).reshape(rows, words)


def _combinations(n: int, k: int) -> IndexArray:
    flat = np.fromiter(itertools.chain.from_iterable(itertools.combinations(range(n), k)), dtype=np.intp)
    return flat.reshape(-1, k)


@lru_cache(maxsize=256)
def _small_bases(n: int, k: int) -> IndexArray:
    out = _combinations(n, k)
    out.setflags(write=False)
    return out


def _solve_all_bases_at_once(coef: FloatArray, norms: FloatArray) -> FloatArray:
    """Small polytopes: every ``d``-subset of the ``d + k`` constraints as one batch of ``d x d`` systems.

    Includes the zero vertex (the basis of all coordinate constraints).
    """
    d, k = coef.shape
    g = np.vstack([-np.eye(d), coef.T])
    h = np.concatenate([np.zeros(d), np.ones(k)])
    bases = _small_bases(d + k, d)
    systems = g[bases]
    scale = np.prod(np.linalg.norm(systems, axis=2), axis=1)
    regular = np.abs(np.linalg.det(systems)) > _SINGULAR * scale
    points = np.linalg.solve(systems[regular], h[bases[regular]][..., None])[..., 0]
    feasible = np.all(points >= -TIGHT, axis=1) & np.all(points @ coef <= 1 + TIGHT * norms, axis=1)
    return np.asarray(points[feasible], dtype=float)


def _chunk_step(t: int) -> int:
    return max(1, _CHUNK_WORK // (t * t))


def _count_chunks(d: int, k: int) -> int:
    """Number of chunks :func:`_all_bases` yields (for the progress bar)."""
    return sum(-(-math.comb(d, t) * math.comb(k, t) // _chunk_step(t)) for t in range(1, min(d, k) + 1))


def _all_bases(d: int, k: int) -> Iterator[tuple[IndexArray, IndexArray]]:
    """Every pair (coordinates S, columns R) with ``|S| = |R| >= 1``, in bounded chunks."""
    for t in range(1, min(d, k) + 1):
        supports, columns = _combinations(d, t), _combinations(k, t)
        step = _chunk_step(t)
        total = len(supports) * len(columns)
        for start in range(0, total, step):
            pairs = np.arange(start, min(total, start + step))
            yield supports[pairs // len(columns)], columns[pairs % len(columns)]


def _joggled_bases(simplices: IndexArray, d: int) -> Iterator[tuple[IndexArray, IndexArray]]:
    """Turn qhull's bases (sets of ``d`` constraint rows) into (coordinates S, columns R) pairs."""
    in_basis = np.zeros((len(simplices), d), dtype=bool)
    rows = np.repeat(np.arange(len(simplices)), simplices.shape[1])
    flat = simplices.ravel()
    coordinate = flat < d
    in_basis[rows[coordinate], flat[coordinate]] = True
    sizes = d - in_basis.sum(axis=1)
    for t in np.unique(sizes[sizes > 0]).tolist():
        chosen = sizes == t
        supports = np.nonzero(~in_basis[chosen])[1].reshape(-1, t)
        columns = np.sort(simplices[chosen], axis=1)[:, d - t :] - d
        yield supports, columns


def _solve_bases(
    coef: FloatArray,
    norms: FloatArray,
    chunks: Iterator[tuple[IndexArray, IndexArray]],
    guard: Guard | None = None,
    total: int = 0,
) -> FloatArray:
    """Feasible solutions of ``C[S, R]^T z_S = 1`` over every nonsingular basis in ``chunks``.

    With a ``guard``: a progress bar over the ``total`` chunks, and a stop
    (``guard.cut``) when it says so.
    """
    d = coef.shape[0]
    found: list[FloatArray] = []
    if guard is not None:
        chunks = track(chunks, total, guard.description, guard.progress)
    for supports, columns in chunks:
        if guard is not None and guard.halt(sum(len(f) for f in found)):
            break
        systems = coef[supports[:, None, :], columns[:, :, None]]  # [n, b, a] = C[S_a, R_b]
        scale = np.prod(np.linalg.norm(systems, axis=2), axis=1)
        regular = np.abs(np.linalg.det(systems)) > _SINGULAR * scale
        if not np.any(regular):
            continue
        supports = supports[regular]
        values = np.linalg.solve(systems[regular], np.ones((*supports.shape, 1)))[..., 0]
        points = np.zeros((len(supports), d))
        np.put_along_axis(points, supports, values, axis=1)
        feasible = np.all(values >= -TIGHT, axis=1) & np.all(points @ coef <= 1 + TIGHT * norms, axis=1)
        found.append(points[feasible])
    return np.concatenate(found) if found else np.zeros((0, d))


def _hull_vertices(coef: FloatArray, norms: FloatArray, joggle: bool, guard: Guard | None) -> FloatArray:
    """Vertices from the convex hull of the polar points (or the bases of a joggled hull)."""
    from scipy.spatial import ConvexHull

    d = coef.shape[0]
    g = np.vstack([-np.eye(d), coef.T])
    h = np.concatenate([np.zeros(d), np.ones(coef.shape[1])])
    interior = np.full(d, 0.5 / float(coef.sum(axis=0).max()))
    polar = g / (h - g @ interior)[:, None]
    if joggle:
        hull = ConvexHull(polar, qhull_options="QJ")
        simplices = np.asarray(hull.simplices, dtype=np.intp)
        return _solve_bases(coef, norms, _joggled_bases(simplices, d), guard, min(d, coef.shape[1]))
    hull = ConvexHull(polar)
    equations = np.asarray(hull.equations, dtype=float)
    offsets = -equations[:, -1]
    if not np.all(offsets > 0):
        raise SolverError("qhull returned a facet through the interior point")
    return np.asarray(interior + equations[:, :-1] / offsets[:, None], dtype=float)


def _slacks(points: FloatArray, coef: FloatArray, norms: FloatArray) -> FloatArray:
    return np.hstack([points, (1.0 - points @ coef) / norms])


def _distinct(points: FloatArray, coef: FloatArray, norms: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Drop repeated vertices: two vertices with the same tight constraints are one vertex."""
    slacks = _slacks(points, coef, norms)
    masks = pack_masks(slacks <= TIGHT)
    keys = masks[:, 0] if masks.shape[1] == 1 else masks.view(np.dtype((np.void, 8 * masks.shape[1])))[:, 0]
    _, first = np.unique(keys, return_index=True)
    first = np.sort(first)
    return points[first], slacks[first]


def _valid(slacks: FloatArray, d: int) -> bool:
    return bool(slacks.size == 0 or (slacks.min() >= -1e-7 and np.all((slacks <= TIGHT).sum(axis=1) >= d)))


def _finish(
    points: FloatArray, coef: FloatArray, norms: FloatArray, method: str, guard: Guard | None
) -> Vertices:
    """Distinct vertices (see :func:`_truncate`)."""
    return _truncate(*_distinct(points, coef, norms), coef, method, guard)


def _truncate(
    points: FloatArray, slacks: FloatArray, coef: FloatArray, method: str, guard: Guard | None
) -> Vertices:
    """With a guard's limit, only the zero vertex and the first ``limit`` others."""
    if guard is not None and guard.limit is not None:
        nonzero = ~np.all(slacks[:, : coef.shape[0]] <= TIGHT, axis=1)
        keep = ~nonzero | (np.cumsum(nonzero) <= guard.limit)
        if not np.all(keep):
            guard.cut = True
            points, slacks = points[keep], slacks[keep]
    return Vertices(points, slacks, method, complete=guard is None or not guard.cut)


def polytope_vertices(coef: FloatArray, guard: Guard | None = None) -> Vertices:
    r"""All vertices of ``{z >= 0, coef^T z <= 1}`` for a positive matrix ``coef``.

    With a ``guard`` the enumeration may stop early or keep only
    ``guard.limit`` nonzero vertices; the result then says ``complete=False``.
    qhull itself runs uninterrupted: the guard is polled before it starts.

    Raises
    ------
    nea_games.errors.SolverError
        If every method fails (qhull, joggled qhull, and a bounded basis
        enumeration).

    Examples
    --------
    The triangle :math:`z \ge 0,\ z_1 + 2 z_2 \le 1`:

    >>> vertices = polytope_vertices(np.array([[1.0], [2.0]]))
    >>> sorted(map(tuple, (vertices.points + 0.0).tolist()))
    [(0.0, 0.0), (0.0, 0.5), (1.0, 0.0)]
    >>> (vertices.slacks <= TIGHT).sum(axis=1).tolist()  # two tight constraints each
    [2, 2, 2]

    Keeping at most one nonzero vertex:

    >>> polytope_vertices(np.array([[1.0], [2.0]]), Guard(limit=1)).complete
    False
    """
    d, k = coef.shape
    norms = np.linalg.norm(coef, axis=0)
    n_bases = math.comb(d + k, d)
    zero = np.zeros((1, d))
    if n_bases <= BASIS_LIMIT:
        return _finish(_solve_all_bases_at_once(coef, norms), coef, norms, "bases", guard)
    if d == 1 or (d > QHULL_MAX_DIM and n_bases <= BASIS_MAX):
        found = _solve_bases(coef, norms, _all_bases(d, k), guard, _count_chunks(d, k))
        return _finish(np.vstack([zero, found]), coef, norms, "bases", guard)
    if guard is not None and guard.halt(0):
        return _finish(zero, coef, norms, "qhull", guard)
    from scipy.spatial import QhullError

    for joggle in (False, True):
        try:
            points = _hull_vertices(coef, norms, joggle, guard if joggle else None)
        except (QhullError, SolverError, ValueError):
            continue
        points, slacks = _distinct(np.vstack([zero, points]), coef, norms)
        if (guard is not None and guard.cut) or _valid(slacks, d):
            return _truncate(points, slacks, coef, "qhull-joggled" if joggle else "qhull", guard)
    if n_bases <= BASIS_MAX:  # pragma: no cover - qhull failed twice
        found = _solve_bases(coef, norms, _all_bases(d, k), guard, _count_chunks(d, k))
        return _finish(np.vstack([zero, found]), coef, norms, "bases", guard)
    raise SolverError(  # pragma: no cover
        f"vertex enumeration failed: qhull could not process a {d}-dimensional polytope with "
        f"{d + k} constraints, and enumerating its {n_bases} bases is too much work"
    )
