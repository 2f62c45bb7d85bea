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
from nea_games.solvers._exact_lp import LPSolution, _echelon, linear_programme, rational_matvec
from nea_games.solvers.result import Equilibrium, EquilibriumSet

__all__ = ["ZeroSumSolution", "solve_zero_sum", "zero_sum_solution"]


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
        return (
            f"value {format_number(self.value)} to {self.game.players[0]} ({kind}); "
            f"{show(0, self.row_strategy)}; {show(1, self.column_strategy)}"
        )

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
    return ZeroSumSolution(
        game,
        (lower + upper) / 2,
        tuple(map(float, x)),
        tuple(map(float, y)),
        False,
        float(constant),
        False,
        tuple(notes),
    )


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
    return EquilibriumSet(
        game, [solution.equilibrium], method="zero_sum", complete=solution.unique, notes=notes
    )
