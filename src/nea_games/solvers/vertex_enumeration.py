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
   equilibrium (regret exactly zero, or within the float tolerance).

**Degenerate games** (some vertex with more labels than its dimension) have
equilibria that form convex sets. The vertex pairs are then the *extreme*
equilibria; the solver returns all of them, flags the set as degenerate,
and groups the extreme equilibria into connected components of the
equilibrium set; :func:`maximal_nash_subsets` lists the maximal Nash
subsets, whose convex hulls make up the whole set (Avis, Rosenberg, Savani &
von Stengel 2010, *Enumeration of Nash equilibria for two-player games*,
Economic Theory 42, 9-37).
"""

from __future__ import annotations

from typing import Any

import numpy as np

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
from nea_games.solvers._polytope import TIGHT
from nea_games.solvers.result import Equilibrium, EquilibriumSet

__all__ = ["maximal_nash_subsets", "solve_vertex_enumeration"]

METHOD = "vertex_enumeration"


def _polytopes(game: NormalFormGame, exact: bool) -> tuple[BestResponsePolytope, BestResponsePolytope]:
    m, n = game.n_actions
    a, b = positive_float_matrices(game)
    a_int, b_int = positive_integer_matrices(game) if exact else (None, None)
    a_t = [list(col) for col in zip(*a_int, strict=True)] if a_int is not None else None
    p = BestResponsePolytope(b, range(m + n), b_int)
    q = BestResponsePolytope(np.ascontiguousarray(a.T), [*range(m, m + n), *range(m)], a_t)
    return p, q


def _exact_equilibria(
    game: NormalFormGame, p: BestResponsePolytope, q: BestResponsePolytope
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
    for i, j in zip(ip.tolist(), iq.tolist(), strict=True):
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
    degenerate = _exactly_degenerate(p, count_p, m) or _exactly_degenerate(q, count_q, n)
    return equilibria, edges, degenerate, dropped


def _exactly_degenerate(polytope: BestResponsePolytope, counts: np.ndarray[Any, Any], dim: int) -> bool:
    """Does a vertex with (loosely) more than ``dim`` labels have them exactly?"""
    for index in np.nonzero(counts > dim)[0].tolist():
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


def solve_vertex_enumeration(game: NormalFormGame, *, exact: bool | None = None) -> EquilibriumSet:
    """All extreme Nash equilibria of a two-player game.

    Parameters
    ----------
    game : NormalFormGame
        A numeric two-player game.
    exact : bool, optional
        Exact rational arithmetic (``Fraction`` probabilities, regret exactly
        zero). Defaults to ``game.is_exact``; ``exact=False`` on an exact
        game computes in floats (faster, float output).

    Returns
    -------
    EquilibriumSet
        ``complete=True``: for a nondegenerate game, every equilibrium (the
        same set as Gambit's ``enummixed``); for a degenerate game
        (``degenerate=True``, with a note), every extreme equilibrium, with
        ``components`` grouping them by connected component of the
        equilibrium set. Every equilibrium is verified.

    Raises
    ------
    nea_games.errors.UnsupportedGameError
        If the game does not have exactly two players.
    nea_games.errors.ParametricGameError
        If the game has free parameters.
    nea_games.errors.ValidationError
        If ``exact=True`` for a game with float payoffs.

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
    be exponential in the number of actions; random 10x10 games take
    milliseconds.

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
    """
    game = require_two_players(game, METHOD)
    exact = resolve_exact(game, exact, METHOD)
    p, q = _polytopes(game, exact)
    if exact:
        equilibria, edges, degenerate, dropped = _exact_equilibria(game, p, q)
    else:
        equilibria, edges, degenerate, dropped = _float_equilibria(game, p, q)
    notes: list[str] = []
    components: list[list[int]] = []
    if degenerate:
        components = edge_components(edges)
        bicliques = maximal_bicliques(edges)
        subsets = (
            f"{len(bicliques)} maximal Nash subset{'s' if len(bicliques) != 1 else ''}"
            if bicliques is not None
            else "more than 10000 maximal Nash subsets"
        )
        notes.append(
            "the game is degenerate (some strategy has more pure best responses than actions in its "
            "support): the list holds every extreme equilibrium, and every convex combination within a "
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
        complete=True,
        degenerate=degenerate,
        components=components,
        notes=notes,
    )


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
