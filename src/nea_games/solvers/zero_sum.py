r"""Two-player zero-sum and constant-sum games by linear programming.

In a two-player game with :math:`u_1 + u_2 = c` at every profile (zero-sum
when :math:`c = 0`), let :math:`A` be the row player's payoff matrix. The
row player's *guarantee* of a mixed strategy :math:`x` is
:math:`\min_j (A^\top x)_j`; the most the row player can get against
:math:`y` is :math:`\max_i (A y)_i`. The minimax theorem (von Neumann 1928)
says

.. math::

    v = \max_{x \in \Delta_m} \min_j (A^\top x)_j
      = \min_{y \in \Delta_n} \max_i (A y)_i ,

and the strategies attaining the two sides are exactly the Nash equilibrium
strategies. Each side is a linear programme; the row player's is

.. math::

    \max_{x, v} \; v \quad \text{s.t.} \quad
    v \mathbf{1} - A^\top x \le 0, \quad \mathbf{1}^\top x = 1, \quad x \ge 0,

and the column player's is the same programme for the matrix :math:`-A^\top`
(its dual). Both are solved with scipy's HiGHS.

**Exact games.** The floating-point LP only *locates* an optimal vertex. The
constraints that are (nearly) tight there are chosen greedily into a basis,
that square system is solved in :class:`fractions.Fraction`, and the result
is checked exactly: :math:`x \ge 0`, :math:`y \ge 0`, both sum to one, and
:math:`\min_j (A^\top x)_j = \max_i (A y)_i`. Weak duality makes the last
equality a certificate that both strategies are optimal and that the common
number is the value. Candidates come from both programmes' bases (each
basis also yields the other player's strategy as its dual multipliers); if no
pair passes, the float solution is returned with ``exact=False`` and a note,
never an unverified exact answer.

**One pair, not the set.** The optimal strategies form a polytope
:math:`X^* \times Y^*`; the LP returns one vertex pair. For exact games the
solver proves :math:`X^*` and :math:`Y^*` are singletons when the equalities
that any other optimal strategy would have to satisfy have a unique solution
(then the result is marked ``unique`` and the equilibrium set ``complete``).

References
----------
J. von Neumann (1928), "Zur Theorie der Gesellschaftsspiele",
*Mathematische Annalen* 100, 295–320.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from nea_games._numeric import tolerance_for
from nea_games.errors import SolverError, UnsupportedGameError
from nea_games.games.normal_form import NormalFormGame
from nea_games.games.render import format_number
from nea_games.solvers.result import Equilibrium, EquilibriumSet

__all__ = ["ZeroSumSolution", "solve_zero_sum", "zero_sum_solution"]


# ----------------------------------------------------------------- exact LP vertices
@dataclass(frozen=True)
class ExactVertex:
    """An exactly feasible vertex of ``max c.z s.t. G z <= h, E z = f, z_k >= 0 (k nonneg)``.

    ``multipliers[k]`` is the dual multiplier of inequality ``k`` (zero off the
    basis); ``optimal`` says whether they certify optimality exactly (KKT).
    """

    point: tuple[Fraction, ...]
    multipliers: tuple[Fraction, ...]
    optimal: bool


def solve_fractions(matrix: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """Solve a square linear system exactly by Gauss–Jordan elimination; ``None`` if singular.

    Examples
    --------
    >>> F = Fraction
    >>> solve_fractions([[F(2), F(1)], [F(1), F(3)]], [F(1), F(2)])
    [Fraction(1, 5), Fraction(3, 5)]
    """
    n = len(matrix)
    rows = [[*row, b] for row, b in zip(matrix, rhs, strict=True)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if rows[r][col] != 0), None)
        if pivot is None:
            return None
        rows[col], rows[pivot] = rows[pivot], rows[col]
        lead = rows[col][col]
        rows[col] = [v / lead for v in rows[col]]
        for r in range(n):
            factor = rows[r][col]
            if r != col and factor != 0:
                rows[r] = [v - factor * w for v, w in zip(rows[r], rows[col], strict=True)]
    return [row[n] for row in rows]


def _greedy_basis(candidates: list[npt.NDArray[np.float64]], start: list[npt.NDArray[np.float64]],
                  size: int) -> list[int] | None:
    """Indices of candidates that, in order, extend ``start`` to ``size`` independent rows."""
    basis: list[npt.NDArray[np.float64]] = []
    chosen: list[int] = []

    def add(row: npt.NDArray[np.float64]) -> bool:
        vec = row / max(float(np.abs(row).max()), 1e-300)
        for _ in range(2):  # Gram-Schmidt twice for numerical stability
            for q in basis:
                vec = vec - float(q @ vec) * q
        norm = float(np.linalg.norm(vec))
        if norm <= 1e-9:
            return False
        basis.append(vec / norm)
        return True

    for row in start:
        if not add(row):
            return None
    for k, row in enumerate(candidates):
        if len(basis) == size:
            break
        if add(row):
            chosen.append(k)
    return chosen if len(basis) == size else None


def exact_vertex(G: npt.NDArray[Any], h: Sequence[Fraction], E: npt.NDArray[Any], f: Sequence[Fraction],
                 nonneg: Sequence[bool], z: npt.NDArray[np.float64],
                 c: Sequence[Fraction]) -> ExactVertex | None:
    """Rebuild, in Fractions, the LP vertex near the float point ``z``.

    Tight constraints (smallest scaled slack first) are chosen greedily into a
    basis; the square system on the variables not fixed at zero is solved
    exactly. Returns ``None`` unless the point is *exactly* feasible. The
    dual multipliers of the same basis are solved for as well, and
    ``optimal`` is True when they are exactly dual feasible.
    """
    n = len(nonneg)
    G_float = np.array(G, dtype=float).reshape(-1, n)
    scale = np.maximum(1.0, np.abs(G_float).max(axis=1, initial=0.0))
    slack_g = (np.array(h, dtype=float) - G_float @ z) / scale
    bounds = [k for k in range(n) if nonneg[k]]
    slacks = np.concatenate([slack_g, z[bounds]])
    order = [int(k) for k in np.argsort(slacks, kind="stable")]
    unit = np.eye(n)
    rows = [G_float[k] if k < len(G_float) else -unit[bounds[k - len(G_float)]] for k in order]
    picked = _greedy_basis(rows, [np.array(e, dtype=float) for e in E], n)
    if picked is None:
        return None
    basis_g = sorted(order[k] for k in picked if order[k] < len(G_float))
    fixed = {bounds[order[k] - len(G_float)] for k in picked if order[k] >= len(G_float)}
    free = [k for k in range(n) if k not in fixed]
    system = [list(E[r]) for r in range(len(E))] + [list(G[k]) for k in basis_g]
    rhs = [*f, *(h[k] for k in basis_g)]
    solution = solve_fractions([[row[k] for k in free] for row in system], rhs)
    if solution is None:
        return None
    point = [Fraction(0)] * n
    for k, value in zip(free, solution, strict=True):
        point[k] = value
    feasible = (
        all(point[k] >= 0 for k in bounds)
        and all(sum(e * p for e, p in zip(E[r], point, strict=True)) == f[r] for r in range(len(E)))
        and all(sum(g * p for g, p in zip(G[k], point, strict=True)) <= h[k] for k in range(len(G)))
    )
    if not feasible:
        return None
    # dual: c = sum_r mu_r E_r + sum_k lam_k G_k - sum_{k fixed} nu_k e_k, lam, nu >= 0
    dual = solve_fractions([[row[k] for row in system] for k in free], [c[k] for k in free])
    multipliers = [Fraction(0)] * len(G)
    optimal = dual is not None
    if dual is not None:
        for k, value in zip(basis_g, dual[len(E):], strict=True):
            multipliers[k] = value
        reduced = [sum(row[k] * w for row, w in zip(system, dual, strict=True)) - c[k] for k in fixed]
        optimal = all(v >= 0 for v in multipliers) and all(v >= 0 for v in reduced)
    return ExactVertex(tuple(point), tuple(multipliers), optimal)


# ----------------------------------------------------------------- the two programmes
def _maximin_lp(M: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Float optimal point ``(x, v)`` of ``max v s.t. v <= (M^T x)_j, x in simplex``."""
    from scipy.optimize import linprog

    m, n = M.shape
    G = np.hstack([-M.T, np.ones((n, 1))])
    c = np.zeros(m + 1)
    c[-1] = -1.0
    res = linprog(c, A_ub=G, b_ub=np.zeros(n), A_eq=np.hstack([np.ones((1, m)), [[0.0]]]), b_eq=[1.0],
                  bounds=[(0, None)] * m + [(None, None)], method="highs")
    if res.status != 0:
        raise SolverError(f"zero_sum: HiGHS failed ({res.message})")
    return np.asarray(res.x, dtype=float)


def _exact_maximin(M: npt.NDArray[Any], z: npt.NDArray[np.float64]) -> ExactVertex | None:
    """Exact vertex of the maximin programme of ``M`` near ``z`` (multipliers: opponent's strategy)."""
    m, n = M.shape
    one, zero = Fraction(1), Fraction(0)
    G = np.empty((n, m + 1), dtype=object)
    G[:, :m] = -M.T
    G[:, m] = one
    E = np.array([[one] * m + [zero]], dtype=object)
    return exact_vertex(G, [zero] * n, E, [one], [True] * m + [False], z, [zero] * m + [one])


def _row_matrix(game: NormalFormGame) -> tuple[npt.NDArray[Any], Any]:
    """The row player's matrix (Fractions or floats) and the constant sum; validates the game."""
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"zero_sum: expected a NormalFormGame, got {type(game).__name__}")
    if game.n_players != 2:
        raise UnsupportedGameError(f"zero_sum: needs a 2-player game, this one has {game.n_players} players")
    floats = game.float_payoffs()  # raises ParametricGameError for free parameters
    if game.is_exact:
        A, B = game.payoffs[0], game.payoffs[1]
        total = A + B
        constant = total.flat[0]
        if all(t == constant for t in total.flat):
            return A, constant
        worst = max(abs(t - constant) for t in total.flat)
    else:
        A = floats[0]
        total = floats[0] + floats[1]
        constant = float(total.mean())
        worst = float(np.abs(total - constant).max())
        if worst <= tolerance_for(floats):
            return A, constant
    raise UnsupportedGameError(
        f"zero_sum: the payoffs of {game.players[0]!r} and {game.players[1]!r} do not add up to the "
        f"same constant at every profile (they vary by up to {format_number(worst)}); the game is "
        "neither zero-sum nor constant-sum — use a bimatrix method such as 'vertex_enumeration'"
    )


def _exact_rank(rows: list[list[Fraction]]) -> int:
    """Rank of a Fraction matrix by elimination."""
    rows = [list(r) for r in rows]
    rank, n_cols = 0, len(rows[0]) if rows else 0
    for col in range(n_cols):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][col] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for r in range(rank + 1, len(rows)):
            factor = rows[r][col] / rows[rank][col]
            if factor:
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        rank += 1
    return rank


def _is_unique(A: npt.NDArray[Any], x: Sequence[Fraction], y: Sequence[Fraction], v: Fraction) -> bool:
    """Exact proof that both optimal strategy sets are singletons (see the module docstring).

    Any optimal x' is supported on the row best responses to y and equalises
    the columns in supp(y); if those equalities (with sum one) have full column
    rank, x' = x. Symmetrically for y.
    """
    m, n = A.shape
    best_rows = [i for i in range(m) if sum(A[i, j] * y[j] for j in range(n)) == v]
    best_cols = [j for j in range(n) if sum(A[i, j] * x[i] for i in range(m)) == v]
    supp_x = [i for i in range(m) if x[i] > 0]
    supp_y = [j for j in range(n) if y[j] > 0]
    one = Fraction(1)
    rows_x = [[A[i, j] for i in best_rows] for j in supp_y] + [[one] * len(best_rows)]
    rows_y = [[A[i, j] for j in best_cols] for i in supp_x] + [[one] * len(best_cols)]
    return _exact_rank(rows_x) == len(best_rows) and _exact_rank(rows_y) == len(best_cols)


# ----------------------------------------------------------------- results
@dataclass(frozen=True, eq=False)
class ZeroSumSolution:
    """Value and one pair of optimal strategies of a zero-sum or constant-sum game.

    Attributes
    ----------
    game : NormalFormGame
        The solved game.
    value : Fraction or float
        The value to the row player (the first player); the column player
        gets ``constant - value``.
    row_strategy, column_strategy : tuple
        One optimal (maximin / minimax) strategy of each player.
    exact : bool
        True when the value and strategies are exact Fractions, verified exactly.
    constant : Fraction or float
        The sum of the two payoffs at every profile (0 for zero-sum games).
    unique : bool
        True when both optimal strategies are *proved* unique (exact games only).
    notes : tuple of str
        Remarks, e.g. why an exact game got a float answer.

    Examples
    --------
    >>> g = NormalFormGame.zero_sum([[1, -1], [-1, 1]], players=["Even", "Odd"])
    >>> sol = zero_sum_solution(g)
    >>> sol.value, sol.row_strategy
    (Fraction(0, 1), (Fraction(1, 2), Fraction(1, 2)))
    >>> sol.exploitability()
    Fraction(0, 1)
    """

    game: NormalFormGame
    value: Any
    row_strategy: tuple[Any, ...]
    column_strategy: tuple[Any, ...]
    exact: bool
    constant: Any = 0
    unique: bool = False
    notes: tuple[str, ...] = ()

    def _matrix(self) -> npt.NDArray[Any]:
        return self.game.payoffs[0] if self.exact else self.game.float_payoffs()[0]

    def row_guarantee(self) -> Any:
        """Least payoff the row strategy secures: :math:`\\min_j (A^\\top x)_j`."""
        A = self._matrix()
        return min(sum(A[i, j] * p for i, p in enumerate(self.row_strategy)) for j in range(A.shape[1]))

    def column_guarantee(self) -> Any:
        """Most the row player can get against the column strategy: :math:`\\max_i (A y)_i`."""
        A = self._matrix()
        return max(sum(A[i, j] * q for j, q in enumerate(self.column_strategy)) for i in range(A.shape[0]))

    def exploitability(self) -> Any:
        """``column_guarantee() - row_guarantee()``: 0 (exactly, when exact) at an optimal pair."""
        return self.column_guarantee() - self.row_guarantee()

    @property
    def equilibrium(self) -> Equilibrium:
        """The optimal pair as an :class:`~nea_games.solvers.result.Equilibrium`."""
        return Equilibrium.from_strategies(
            self.game, [self.row_strategy, self.column_strategy], method="zero_sum", exact=self.exact
        )

    def __str__(self) -> str:
        def show(i: int, probs: tuple[Any, ...]) -> str:
            played = [f"{a} {format_number(p)}" for a, p in zip(self.game.actions[i], probs, strict=True) if p]
            return f"{self.game.players[i]}: " + ", ".join(played)

        kind = "exact" if self.exact else "float"
        return (f"value {format_number(self.value)} to {self.game.players[0]} ({kind}); "
                f"{show(0, self.row_strategy)}; {show(1, self.column_strategy)}")

    def __repr__(self) -> str:
        return f"<ZeroSumSolution {self}>"


def zero_sum_solution(game: NormalFormGame) -> ZeroSumSolution:
    """Solve a two-player zero-sum or constant-sum game by linear programming.

    Parameters
    ----------
    game : NormalFormGame
        A numeric two-player game whose payoffs add up to the same constant at
        every profile (exactly for exact games, within
        :func:`~nea_games._numeric.tolerance_for` for float games).

    Returns
    -------
    ZeroSumSolution
        The value and *one* optimal strategy per player (the set of optimal
        strategies may be a polytope; ``unique`` says when it is proved not
        to be). Exact games get exact, verified answers (see the module notes).

    Raises
    ------
    nea_games.errors.UnsupportedGameError
        If the game does not have two players or is not constant-sum.
    nea_games.errors.ParametricGameError
        If the game has free parameters.

    Examples
    --------
    Rock–paper–scissors has value 0 and the uniform strategy is the only optimal one:

    >>> rps = NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    >>> sol = zero_sum_solution(rps)
    >>> sol.value, sol.column_strategy, sol.unique
    (Fraction(0, 1), (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)), True)

    A constant-sum game (payoffs add up to 10):

    >>> g = NormalFormGame.bimatrix([[6, 3], [4, 8]], [[4, 7], [6, 2]])
    >>> str(zero_sum_solution(g))
    'value 36/7 to Player 1 (exact); Player 1: a1 4/7, a2 3/7; Player 2: a1 5/7, a2 2/7'
    """
    A, constant = _row_matrix(game)
    A_float = np.array(A, dtype=float)
    row_point = _maximin_lp(A_float)
    col_point = _maximin_lp(-A_float.T)
    m, n = A_float.shape
    notes: list[str] = []
    if game.is_exact:
        solution = _exact_solution(game, A, constant, row_point, col_point)
        if solution is not None:
            return solution
        notes.append("exact reconstruction from the LP basis failed; the float LP solution is returned")
    x = np.clip(row_point[:m], 0.0, None)
    y = np.clip(col_point[:n], 0.0, None)
    x, y = x / x.sum(), y / y.sum()
    lower, upper = float((A_float.T @ x).min()), float((A_float @ y).max())
    if upper - lower > 1e3 * tolerance_for(A_float):
        raise SolverError(f"zero_sum: LP strategies disagree on the value ({lower!r} vs {upper!r})")
    return ZeroSumSolution(game, (lower + upper) / 2, tuple(map(float, x)), tuple(map(float, y)), False,
                           float(constant), False, tuple(notes))


def _exact_solution(game: NormalFormGame, A: npt.NDArray[Any], constant: Any,
                    row_point: npt.NDArray[np.float64], col_point: npt.NDArray[np.float64]) -> ZeroSumSolution | None:
    m, n = A.shape
    row_vertex = _exact_maximin(A, row_point)
    col_vertex = _exact_maximin(-A.T, col_point)
    xs: list[tuple[Fraction, ...]] = []
    ys: list[tuple[Fraction, ...]] = []
    if row_vertex is not None:
        xs.append(row_vertex.point[:m])
        if row_vertex.optimal:
            ys.append(row_vertex.multipliers)
    if col_vertex is not None:
        ys.append(col_vertex.point[:n])
        if col_vertex.optimal:
            xs.append(col_vertex.multipliers)
    if not xs or not ys:
        return None

    def lower(x: tuple[Fraction, ...]) -> Fraction:
        return min(sum((A[i, j] * x[i] for i in range(m)), Fraction(0)) for j in range(n))

    def upper(y: tuple[Fraction, ...]) -> Fraction:
        return max(sum((A[i, j] * y[j] for j in range(n)), Fraction(0)) for i in range(m))

    x = max(xs, key=lower)
    y = min(ys, key=upper)
    value = lower(x)
    if value != upper(y):  # weak duality: equality certifies optimality of both
        return None
    unique = _is_unique(A, x, y, value)
    return ZeroSumSolution(game, value, x, y, True, constant, unique)


def solve_zero_sum(game: NormalFormGame) -> EquilibriumSet:
    """One equilibrium of a zero-sum or constant-sum game, as an ``EquilibriumSet`` (method ``"zero_sum"``).

    The set is ``complete`` only when the optimal strategies are proved unique
    (exact games); otherwise the LP's one optimal pair is returned and other
    equilibria (the rest of the optimal polytope) may exist.

    Examples
    --------
    >>> eqs = solve_zero_sum(NormalFormGame.zero_sum([[2, -1], [-1, 1]]))
    >>> eqs[0].strategies, eqs[0].payoffs, eqs.complete
    (((Fraction(2, 5), Fraction(3, 5)), (Fraction(2, 5), Fraction(3, 5))), (Fraction(1, 5), Fraction(-1, 5)), True)
    """
    solution = zero_sum_solution(game)
    notes = list(solution.notes)
    notes.append(f"value to {game.players[0]}: {format_number(solution.value)}")
    if not solution.unique:
        notes.append("one optimal pair from the LP; the optimal strategy sets may be larger (a polytope)")
    return EquilibriumSet(game, [solution.equilibrium], method="zero_sum", complete=solution.unique, notes=notes)
