r"""All extreme equilibria of a two-player game by vertex enumeration of the best-response polytopes.

Let the row player have payoff matrix :math:`A` and the column player
:math:`B` (both :math:`m \times n`, ``payoffs[0]`` and ``payoffs[1]`` of the
game). After a positive affine transformation of each player's payoffs,
which changes no equilibrium, all entries are positive; write :math:`A'`,
:math:`B'`. The *best-response polytopes* are

.. math::

    P = \{x \in \mathbb{R}^m : x \ge 0,\ B'^\top x \le 1\}, \qquad
    Q = \{y \in \mathbb{R}^n : A' y \le 1,\ y \ge 0\}.

A point :math:`x \in P` has label :math:`i` (a row action) when
:math:`x_i = 0` and label :math:`m + j` (a column action) when
:math:`(B'^\top x)_j = 1`, i.e. when column :math:`j` is a best response to
:math:`x`; labels of :math:`y \in Q` are the rows that are best responses to
:math:`y` and the columns with :math:`y_j = 0`. A pair
:math:`(x, y) \ne (0, 0)` is *completely labelled* -- every one of the
:math:`m + n` labels appears at :math:`x` or at :math:`y` -- exactly when
:math:`(x / \mathbf 1^\top x,\ y / \mathbf 1^\top y)` is a Nash equilibrium
(von Stengel 2007, *Equilibrium computation for two-player games in strategic
and extensive form*, in Nisan et al., *Algorithmic Game Theory*, ch. 3,
§3.2-3.3 and Algorithm 3.5). The game is *nondegenerate* when no point of
:math:`P` has more than :math:`m` labels and none of :math:`Q` more than
:math:`n`; then the equilibria are exactly the completely labelled vertex
pairs, finitely many.

The algorithm:

1. enumerate the vertices of :math:`P` and :math:`Q` (the convex hull of the
   polar points with qhull, or batched basis enumeration for small games;
   see :mod:`nea_games.solvers._polytope`);
2. label every vertex by testing *every* constraint, and store the labels as
   bitmasks;
3. find all completely labelled pairs with vectorised mask operations;
4. rebuild each vertex of such a pair exactly (exact games: integer
   arithmetic on a full-rank set of its tight constraints) or re-solve it in
   floats, and keep the pair only if the normalised profile verifies as an
   equilibrium (regret exactly zero, computed on the integer payoffs by
   :func:`nea_games._numeric.exact_values`, or within the float tolerance).

**Degenerate games** (some vertex with more labels than its dimension) have
equilibria that form convex sets. The vertex pairs are then the *extreme*
equilibria; the solver returns all of them, flags the set as degenerate,
and groups the extreme equilibria into connected components of the
equilibrium set; :func:`maximal_nash_subsets` lists the maximal Nash
subsets, whose convex hulls make up the whole set (Avis, Rosenberg, Savani &
von Stengel 2010, *Enumeration of Nash equilibria for two-player games*,
Economic Theory 42, 9-37).

**Work budget.** :math:`P` is an :math:`m`-polytope and :math:`Q` an
:math:`n`-polytope, each with at most :math:`m + n` facets, so by McMullen's
upper bound theorem they have at most :math:`f(m+n, m)` and
:math:`f(m+n, n)` vertices (:func:`~nea_games.solvers._polytope.vertex_bound`);
:func:`estimate_vertices` adds the two, less the zero vertices. This number
grows exponentially (it is :math:`\binom{15}{10} + \binom{14}{10} = 4004`
per polytope for a 10x10 game, though random games have far fewer
vertices). ``max_vertices`` bounds it before any work, ``time_limit`` bounds
the wall-clock time, and ``on_budget="partial"`` returns the verified
equilibria among the vertices enumerated so far, flagged ``complete=False``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from nea_games._progress import track
from nea_games.errors import BudgetExceededError, UnsupportedGameError
from nea_games.games.normal_form import NormalFormGame
from nea_games.solvers._bimatrix import (
    build_equilibrium,
    float_equilibria,
    positive_float_matrices,
    positive_integer_matrices,
    require_two_players,
    resolve_exact,
)
from nea_games.solvers._bimatrix_graph import edge_components, maximal_bicliques
from nea_games.solvers._bimatrix_vertices import LOOSE, BestResponsePolytope, complementary_pairs
from nea_games.solvers._polytope import TIGHT, Guard, vertex_bound
from nea_games.solvers.budget import Deadline, check_budget, check_on_budget
from nea_games.solvers.result import Equilibrium, EquilibriumSet

__all__ = ["estimate_vertices", "maximal_nash_subsets", "solve_vertex_enumeration"]

METHOD = "vertex_enumeration"
UNIT = "vertices of the best-response polytopes"


def _bounds(game: NormalFormGame) -> tuple[int, int]:
    """McMullen's bounds on the nonzero vertices of P (dimension m) and Q (dimension n)."""
    m, n = game.n_actions
    return vertex_bound(m, n) - 1, vertex_bound(n, m) - 1


def estimate_vertices(game: NormalFormGame) -> int:
    r"""Upper bound on the nonzero vertices of both best-response polytopes (the work of the solver).

    :math:`(f(m+n, m) - 1) + (f(m+n, n) - 1)`, with :math:`f` McMullen's
    upper bound (:func:`nea_games.solvers._polytope.vertex_bound`). Depends
    only on the numbers of actions.

    Raises
    ------
    nea_games.errors.UnsupportedGameError
        If the game does not have exactly two players.

    Examples
    --------
    A 3x3 game: each polytope is a 3-polytope with at most 6 facets, so has
    at most :math:`2 \cdot 6 - 4 = 8` vertices, 7 of them nonzero:

    >>> from nea_games import NormalFormGame
    >>> estimate_vertices(NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]))
    14
    """
    if not isinstance(game, NormalFormGame) or game.n_players != 2:
        require_two_players(game, METHOD)
    return sum(_bounds(game))


@dataclass
class _Watch:
    """The caller's budget for one run, and why the run was cut short (if it was)."""

    deadline: Deadline
    limit: int | None
    progress: bool | None
    pairs_cut: bool = False
    degeneracy_unknown: bool = False
    poll: bool = True  # False once the polytopes were cut: the pairing stage then runs to its end

    def expired(self) -> bool:
        """Has the deadline passed? Polled by the pairing stage."""
        return self.poll and self.deadline.expired()


def _polytopes(
    game: NormalFormGame, exact: bool, watch: _Watch
) -> tuple[BestResponsePolytope, BestResponsePolytope]:
    m, n = game.n_actions
    a, b = positive_float_matrices(game)
    a_int, b_int = positive_integer_matrices(game) if exact else (None, None)
    a_t = [list(col) for col in zip(*a_int, strict=True)] if a_int is not None else None
    limit_p = limit_q = None
    if watch.limit is not None:  # P may use the limit less Q's share (at most half of it)
        limit_p = watch.limit - min(_bounds(game)[1], watch.limit // 2)
    guard = Guard(limit_p, watch.deadline.expired, watch.progress, "vertex enumeration (row player)")
    p = BestResponsePolytope(b, range(m + n), b_int, guard)
    if watch.limit is not None:
        limit_q = max(0, watch.limit - len(p))
    guard = Guard(limit_q, watch.deadline.expired, watch.progress, "vertex enumeration (column player)")
    q = BestResponsePolytope(np.ascontiguousarray(a.T), [*range(m, m + n), *range(m)], a_t, guard)
    return p, q


def _exact_equilibria(
    game: NormalFormGame, p: BestResponsePolytope, q: BestResponsePolytope, watch: _Watch
) -> tuple[list[Equilibrium], list[tuple[int, int]], bool, int]:
    """Exact pairs: float proposals (loose labels), exact rebuild, exact check."""
    m, n = game.n_actions
    full = (1 << (m + n)) - 1
    masks_p, count_p = p.masks(LOOSE)
    masks_q, count_q = q.masks(LOOSE)
    ip, iq = complementary_pairs(masks_p, count_p, masks_q, count_q, (m, n))
    ids_p: dict[tuple[Any, ...], int] = {}
    ids_q: dict[tuple[Any, ...], int] = {}
    equilibria: list[Equilibrium] = []
    edges: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    dropped = 0
    pairs = zip(ip.tolist(), iq.tolist(), strict=True)
    for i, j in track(pairs, len(ip), "vertex enumeration (exact equilibria)", watch.progress):
        if watch.expired():
            watch.pairs_cut = True
            break
        x, y = p.exact_vertex(i), q.exact_vertex(j)
        if x is None or y is None or (x.mask | y.mask) != full:
            dropped += 1
            continue
        edge = (ids_p.setdefault(x.point, len(ids_p)), ids_q.setdefault(y.point, len(ids_q)))
        if edge in seen:
            continue
        seen.add(edge)
        equilibrium = build_equilibrium(game, x.point, y.point, method=METHOD, exact=True)
        if equilibrium is None:  # pragma: no cover - a completely labelled pair is an equilibrium
            dropped += 1
            continue
        equilibria.append(equilibrium)
        edges.append(edge)
    degenerate = _exactly_degenerate(p, count_p, m, watch) or _exactly_degenerate(q, count_q, n, watch)
    return equilibria, edges, degenerate, dropped


def _exactly_degenerate(
    polytope: BestResponsePolytope, counts: np.ndarray[Any, Any], dim: int, watch: _Watch
) -> bool:
    """Does a vertex with (loosely) more than ``dim`` labels have them exactly?"""
    for index in np.nonzero(counts > dim)[0].tolist():
        if watch.expired():
            watch.degeneracy_unknown = True
            return False
        vertex = polytope.exact_vertex(index)
        if vertex is not None and vertex.mask.bit_count() > dim:
            return True
    return False


def _float_equilibria(
    game: NormalFormGame, p: BestResponsePolytope, q: BestResponsePolytope
) -> tuple[list[Equilibrium], list[tuple[int, int]], bool, int]:
    """Float pairs: loose labels propose, polished points are verified within tolerance."""
    m, n = game.n_actions
    masks_p, count_p = p.masks(LOOSE)
    masks_q, count_q = q.masks(LOOSE)
    ip, iq = complementary_pairs(masks_p, count_p, masks_q, count_q, (m, n))
    unique_p, at_p = np.unique(ip, return_inverse=True)
    unique_q, at_q = np.unique(iq, return_inverse=True)
    found = float_equilibria(
        game, p.polished_many(unique_p)[at_p], q.polished_many(unique_q)[at_q], method=METHOD
    )
    retry = [k for k, eq in enumerate(found) if eq is None]
    if retry:  # fall back to the unpolished vertices (e.g. when a tight set is nearly singular)
        again = float_equilibria(game, p.points[ip[retry]], q.points[iq[retry]], method=METHOD)
        for k, eq in zip(retry, again, strict=True):
            found[k] = eq
    equilibria = [eq for eq in found if eq is not None]
    edges = [(int(i), int(j)) for i, j, eq in zip(ip, iq, found, strict=True) if eq is not None]
    dropped = len(found) - len(equilibria)
    degenerate = bool(np.any(p.label_counts(TIGHT) > m) or np.any(q.label_counts(TIGHT) > n))
    return equilibria, edges, degenerate, dropped


def solve_vertex_enumeration(
    game: NormalFormGame,
    *,
    exact: bool | None = None,
    max_vertices: int | None = None,
    time_limit: float | None = None,
    on_budget: str = "raise",
    progress: bool | None = None,
) -> EquilibriumSet:
    """All extreme Nash equilibria of a two-player game.

    Parameters
    ----------
    game : NormalFormGame
        A numeric two-player game.
    exact : bool, optional
        Exact rational arithmetic (``Fraction`` probabilities, regret exactly
        zero). Defaults to ``game.is_exact``; ``exact=False`` on an exact
        game computes in floats (faster, float output).
    max_vertices : int, optional
        Refuse to start when :func:`estimate_vertices` (McMullen's upper
        bound on the vertices of both polytopes) exceeds this; with
        ``on_budget="partial"``, enumerate at most this many vertices instead.
    time_limit : float, optional
        Seconds after which the enumeration stops (polled between chunks of
        the basis enumeration and between candidate pairs; one qhull call
        runs to its end).
    on_budget : {"raise", "partial"}
        On hitting ``max_vertices`` or ``time_limit``: raise
        :class:`~nea_games.errors.BudgetExceededError`, or return the
        verified equilibria among the vertices enumerated so far, with
        ``complete=False`` and a note.
    progress : bool, optional
        Show a progress bar (default: only on long interactive runs).

    Returns
    -------
    EquilibriumSet
        ``complete=True``: for a nondegenerate game, every equilibrium (the
        same set as Gambit's ``enummixed``); for a degenerate game
        (``degenerate=True``, with a note), every extreme equilibrium, with
        ``components`` grouping them by connected component of the
        equilibrium set. Every equilibrium is verified. A partial result
        (budget hit, ``on_budget="partial"``) has ``complete=False`` and
        ``degenerate=None`` unless degeneracy was seen.

    Raises
    ------
    nea_games.errors.UnsupportedGameError
        If the game does not have exactly two players.
    nea_games.errors.ParametricGameError
        If the game has free parameters.
    nea_games.errors.ValidationError
        If ``exact=True`` for a game with float payoffs, or for a bad
        ``max_vertices``, ``time_limit`` or ``on_budget``.
    nea_games.errors.BudgetExceededError
        When ``on_budget="raise"`` and the estimate exceeds ``max_vertices``
        or the time limit passes.

    Notes
    -----
    Exact games: vertices are found in floats, then every vertex of a
    candidate pair is rebuilt exactly and the pair kept only if it is
    completely labelled in exact arithmetic and its profile has regret
    exactly zero (:meth:`Equilibrium.regret`); degeneracy is confirmed
    exactly too.

    Float games: each player's payoffs are rescaled to ``[1, 2]``, a
    constraint counts as tight within ``1e-9`` (a float game degenerate
    within that tolerance is reported as degenerate), vertices are re-solved
    from their tight constraints, and every profile is verified in one
    vectorised regret computation against the library tolerance (the test
    of :meth:`Equilibrium.is_equilibrium`).

    The work grows with the number of vertices of the polytopes, which can
    be exponential in the number of actions (see :func:`estimate_vertices`);
    random 10x10 games take milliseconds.

    Examples
    --------
    Battle of the sexes has two pure equilibria and a mixed one:

    >>> from nea_games import NormalFormGame
    >>> bos = NormalFormGame.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=["Her", "Him"],
    ...                               actions=[["Opera", "Fight"], ["Opera", "Fight"]])
    >>> eqs = solve_vertex_enumeration(bos)
    >>> for eq in eqs:
    ...     print(eq.label)
    pure (Opera, Opera)
    mixed (Her: Opera 2/3, Fight 1/3; Him: Opera 1/3, Fight 2/3)
    pure (Fight, Fight)
    >>> eqs.complete, eqs.degenerate
    (True, False)

    A degenerate game: the column player is indifferent, so every mix of
    the row player's dominant action with anything is an equilibrium. The two
    extreme equilibria form one component:

    >>> g = NormalFormGame.bimatrix([[1, 1], [0, 0]], [[0, 0], [0, 0]])
    >>> eqs = solve_vertex_enumeration(g)
    >>> [eq.strategies[1] for eq in eqs]
    [(Fraction(1, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1))]
    >>> eqs.degenerate, eqs.components
    (True, ((0, 1),))

    A bound on the work: a 2x2 game has at most 3 nonzero vertices per polytope.

    >>> solve_vertex_enumeration(bos, max_vertices=5)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    nea_games.errors.BudgetExceededError: vertex enumeration would visit 6 ... max_vertices=5; ...
    >>> solve_vertex_enumeration(bos, max_vertices=2, on_budget="partial").complete
    False
    """
    game = require_two_players(game, METHOD)
    exact = resolve_exact(game, exact, METHOD)
    check_on_budget(on_budget, METHOD)
    watch = _Watch(Deadline(time_limit), None, progress)
    total = estimate_vertices(game)
    try:
        check_budget(
            total,
            max_vertices,
            f"{UNIT} (McMullen's upper bound)",
            option="max_vertices",
            algorithm="vertex enumeration",
            hint=_HINT,
        )
    except BudgetExceededError:
        if on_budget == "raise":
            raise
        watch.limit = max_vertices
    p, q = _polytopes(game, exact, watch)
    if on_budget == "raise" and not (p.complete and q.complete):  # only the deadline cuts them here
        stopped = _stopped(watch, p, q, total, max_vertices)
        raise BudgetExceededError(f"{METHOD}: {stopped}; pass on_budget='partial' to keep what was found")
    if not (p.complete and q.complete):  # partial: match and verify what was enumerated, without a deadline
        watch.poll = False
    if exact:
        equilibria, edges, degenerate, dropped = _exact_equilibria(game, p, q, watch)
    else:
        equilibria, edges, degenerate, dropped = _float_equilibria(game, p, q)
    stopped = _stopped(watch, p, q, total, max_vertices)
    if stopped and on_budget == "raise":
        raise BudgetExceededError(f"{METHOD}: {stopped}; pass on_budget='partial' to keep what was found")
    notes: list[str] = [stopped] if stopped else []
    components: list[list[int]] = []
    if degenerate:
        components = edge_components(edges)
        bicliques = maximal_bicliques(edges)
        subsets = (
            f"{len(bicliques)} maximal Nash subset{'s' if len(bicliques) != 1 else ''}"
            if bicliques is not None
            else "more than 10000 maximal Nash subsets"
        )
        listed = "the extreme equilibria found" if stopped else "every extreme equilibrium"
        notes.append(
            "the game is degenerate (some strategy has more pure best responses than actions in its "
            f"support): the list holds {listed}, and every convex combination within a "
            f"maximal Nash subset is an equilibrium too ({subsets} in {len(components)} "
            f"component{'s' if len(components) != 1 else ''}; see .components and maximal_nash_subsets)"
        )
    if "joggled" in p.method + q.method:
        notes.append("qhull needed joggled input; vertices were re-solved from their exact constraints")
    if dropped and not exact:
        notes.append(f"{dropped} float candidate(s) failed verification within tolerance and were dropped")
    return EquilibriumSet(
        game,
        equilibria,
        method=METHOD,
        complete=not stopped,
        degenerate=True if degenerate else (None if stopped else False),
        components=components,
        notes=notes,
    )


_HINT = (
    "raise the bound, pass on_budget='partial' for the equilibria among the first max_vertices vertices, "
    "or use a one-equilibrium method such as lemke_howson"
)


def _stopped(watch: _Watch, p: BestResponsePolytope, q: BestResponsePolytope, total: int, bound: Any) -> str:
    """Why the run is partial (empty when it is complete)."""
    if p.complete and q.complete and not watch.pairs_cut and not watch.degeneracy_unknown:
        return ""
    found = f"{len(p)} + {len(q)} of at most {total} {UNIT}"
    if watch.deadline.expired():
        stage = "while checking candidate pairs, " if p.complete and q.complete else ""
        return (
            f"time_limit={watch.deadline.time_limit}s reached {stage}after {found}; "
            "the result is partial (complete=False)"
        )
    return f"max_vertices={bound} reached after {found}; the result is partial (complete=False)"


def _node_ids(vectors: list[tuple[Any, ...]], exact: bool) -> list[int]:
    """Number distinct strategies (exactly, or within 1e-9 for floats) in order of appearance."""

    def same(u: tuple[Any, ...], v: tuple[Any, ...]) -> bool:
        if exact:
            return u == v
        return max(abs(float(a) - float(b)) for a, b in zip(u, v, strict=True)) <= 1e-9

    ids: list[int] = []
    seen: list[tuple[Any, ...]] = []
    for vector in vectors:
        match = next((k for k, other in enumerate(seen) if same(other, vector)), None)
        if match is None:
            seen.append(vector)
            match = len(seen) - 1
        ids.append(match)
    return ids


def maximal_nash_subsets(equilibria: EquilibriumSet, *, limit: int = 10_000) -> list[tuple[int, ...]]:
    """The maximal Nash subsets of a two-player game, as positions in ``equilibria``.

    A Nash subset is a set of extreme equilibria :math:`X \\times Y` in which
    every row strategy in :math:`X` is in equilibrium with every column
    strategy in :math:`Y`; every point of
    :math:`\\operatorname{conv} X \\times \\operatorname{conv} Y` is then an
    equilibrium, and the whole equilibrium set is the union of these convex
    hulls over the maximal Nash subsets (Avis et al. 2010).

    Parameters
    ----------
    equilibria : EquilibriumSet
        The complete set of extreme equilibria, as returned by
        :func:`solve_vertex_enumeration`.
    limit : int
        Stop with :class:`~nea_games.errors.BudgetExceededError` after this
        many subsets (degenerate games can have exponentially many).

    Examples
    --------
    >>> from nea_games import NormalFormGame
    >>> g = NormalFormGame.bimatrix([[1, 1], [0, 0]], [[0, 0], [0, 0]])
    >>> maximal_nash_subsets(solve_vertex_enumeration(g))
    [(0, 1)]
    """
    if equilibria.game.n_players != 2:
        raise UnsupportedGameError("maximal_nash_subsets: needs the equilibria of a 2-player game")
    exact = equilibria.exact
    rows = _node_ids([eq.strategies[0] for eq in equilibria], exact)
    columns = _node_ids([eq.strategies[1] for eq in equilibria], exact)
    bicliques = maximal_bicliques(list(zip(rows, columns, strict=True)), limit)
    if bicliques is None:
        raise BudgetExceededError(f"maximal_nash_subsets: more than limit={limit} maximal Nash subsets")
    return [tuple(b) for b in bicliques]
