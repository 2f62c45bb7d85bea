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

import math
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


# ----------------------------------------------------------------- exact rational LP
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


def linear_programme(c: npt.NDArray[Any], G: npt.NDArray[Any], h: npt.NDArray[Any], E: npt.NDArray[Any],
                     f: npt.NDArray[Any], nonneg: Sequence[bool], *, exact: bool, what: str,
                     G_float: npt.NDArray[np.float64] | None = None) -> LPSolution:
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
    res = linprog(-floats(c), A_ub=G_float if len(G) else None, b_ub=floats(h) if len(G) else None,
                  A_eq=floats(E), b_eq=floats(f), method="highs",
                  bounds=[(0, None) if k else (None, None) for k in nonneg])
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
    for basis in (_basis(E_float, G_float, tight_g, priced, [k for k in zero if k not in priced]),
                  _basis(E_float, G_float, tight_g, set(zero), [])):
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


def _basis(E: npt.NDArray[np.float64], G: npt.NDArray[np.float64], tight_g: list[int], fixed: set[int],
           later: list[int]) -> tuple[list[int], set[int]] | None:
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


def _vertex(c: npt.NDArray[Any], G: npt.NDArray[Any], h: npt.NDArray[Any], E: npt.NDArray[Any],
            f: npt.NDArray[Any], bounds: list[int], basis_g: list[int], fixed: set[int],
            lp: LPSolution) -> LPSolution | None:
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
    if not (all(point[k] >= 0 for k in bounds)
            and all(v == b for v, b in zip(rational_matvec(E, point), f, strict=True))
            and all(v <= b for v, b in zip(rational_matvec(G, point), h, strict=True))):
        return None
    # KKT: c = sum_r mu_r E_r + sum_k lam_k G_k - sum_{k fixed} nu_k e_k with lam, nu >= 0
    dual = solve_fractions([[row[k] for row in system] for k in free], [c[k] for k in free])
    multipliers = [Fraction(0)] * n_g
    certified = False
    if dual is not None:
        for k, value in zip(basis_g, dual[len(E):], strict=True):
            multipliers[k] = value
        reduced = rational_matvec(np.array(system, dtype=object).T[sorted(fixed)], dual) if fixed else []
        certified = (all(v >= 0 for v in multipliers)
                     and all(v - c[k] >= 0 for v, k in zip(reduced, sorted(fixed), strict=True)))
    return LPSolution(lp.point, lp.optimum, tuple(point), tuple(multipliers), certified)


# ----------------------------------------------------------------- zero-sum games
def _maximin(M: npt.NDArray[Any], exact: bool) -> LPSolution:
    """``max v s.t. v <= (M^T x)_j, x in the simplex``; variables ``(x, v)``.

    In an exact solution the multipliers are an optimal strategy of the opponent.
    """
    m, n = M.shape
    G = np.hstack([-M.T, np.ones((n, 1), dtype=M.dtype)])
    c = np.zeros(m + 1, dtype=M.dtype)
    c[m] = 1
    E = np.zeros((1, m + 1), dtype=M.dtype)
    E[0, :m] = 1
    h, f = np.zeros(n, dtype=M.dtype), np.ones(1, dtype=M.dtype)
    return linear_programme(c, G, h, E, f, [True] * m + [False], exact=exact, what="zero_sum")


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


def _is_unique(A: npt.NDArray[Any], x: Sequence[Fraction], y: Sequence[Fraction], v: Fraction) -> bool:
    """Exact proof that both optimal strategy sets are singletons (see the module docstring).

    Any optimal x' is supported on the row best responses to y and equalises
    the columns in supp(y); if those equalities (with sum one) have full column
    rank, x' = x. Symmetrically for y.
    """
    m, n = A.shape
    best_rows = [i for i, w in enumerate(rational_matvec(A, y)) if w == v]
    best_cols = [j for j, w in enumerate(rational_matvec(A.T, x)) if w == v]
    supp_x = [i for i in range(m) if x[i] > 0]
    supp_y = [j for j in range(n) if y[j] > 0]
    one = Fraction(1)
    rows_x = [[A[i, j] for i in best_rows] for j in supp_y] + [[one] * len(best_rows)]
    rows_y = [[A[i, j] for j in best_cols] for i in supp_x] + [[one] * len(best_cols)]
    return len(_echelon(rows_x)[1]) == len(best_rows) and len(_echelon(rows_y)[1]) == len(best_cols)


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
        payoffs = self.game.payoffs if self.exact else self.game.float_payoffs()
        return np.asarray(payoffs[0])

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
            actions = self.game.actions[i]
            played = [f"{a} {format_number(p)}" for a, p in zip(actions, probs, strict=True) if p]
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
    notes: list[str] = []
    if game.is_exact:
        solution = _exact_solution(game, A, constant)
        if solution is not None:
            return solution
        notes.append("exact reconstruction from the LP basis failed; the float LP solution is returned")
    A = np.array(A, dtype=float)
    m, n = A.shape
    x = np.clip(_maximin(A, False).point[:m], 0.0, None)
    y = np.clip(_maximin(-A.T, False).point[:n], 0.0, None)
    x, y = x / x.sum(), y / y.sum()
    lower, upper = float((A.T @ x).min()), float((A @ y).max())
    if upper - lower > 1e3 * tolerance_for(A):
        raise SolverError(f"zero_sum: LP strategies disagree on the value ({lower!r} vs {upper!r})")
    return ZeroSumSolution(game, (lower + upper) / 2, tuple(map(float, x)), tuple(map(float, y)), False,
                           float(constant), False, tuple(notes))


def _exact_solution(game: NormalFormGame, A: npt.NDArray[Any], constant: Any) -> ZeroSumSolution | None:
    """Exact optimal pair from both programmes' bases, certified by weak duality, or ``None``."""
    m, n = A.shape
    rows, cols = _maximin(A, True), _maximin(-A.T, True)
    xs = [rows.vertex[:m]] if rows.vertex else []
    ys = [cols.vertex[:n]] if cols.vertex else []
    xs += [cols.multipliers] if cols.certified else []
    ys += [rows.multipliers] if rows.certified else []
    if not xs or not ys:
        return None
    x = max(xs, key=lambda s: min(rational_matvec(A.T, s)))
    y = min(ys, key=lambda s: max(rational_matvec(A, s)))
    value = min(rational_matvec(A.T, x))
    if value != max(rational_matvec(A, y)):  # weak duality: equality certifies both as optimal
        return None
    return ZeroSumSolution(game, value, x, y, True, constant, _is_unique(A, x, y, value))


def solve_zero_sum(game: NormalFormGame) -> EquilibriumSet:
    """One equilibrium of a zero-sum or constant-sum game, as an ``EquilibriumSet``.

    The method is recorded as ``"zero_sum"`` (``solve(game, method="zero_sum")``).

    The set is ``complete`` only when the optimal strategies are proved unique
    (exact games); otherwise the LP's one optimal pair is returned and other
    equilibria (the rest of the optimal polytope) may exist.

    Examples
    --------
    >>> eqs = solve_zero_sum(NormalFormGame.zero_sum([[2, -1], [-1, 1]]))
    >>> eqs[0].strategies
    ((Fraction(2, 5), Fraction(3, 5)), (Fraction(2, 5), Fraction(3, 5)))
    >>> eqs[0].payoffs, eqs.complete
    ((Fraction(1, 5), Fraction(-1, 5)), True)
    """
    solution = zero_sum_solution(game)
    notes = list(solution.notes)
    notes.append(f"value to {game.players[0]}: {format_number(solution.value)}")
    if not solution.unique:
        notes.append("one optimal pair from the LP; the optimal strategy sets may be larger (a polytope)")
    return EquilibriumSet(game, [solution.equilibrium], method="zero_sum", complete=solution.unique,
                          notes=notes)
