r"""Nash equilibria by support enumeration: two players here, more players delegated.

A mixed profile is a Nash equilibrium exactly when every action a player uses
is a best response. Support enumeration guesses the *supports* -- the sets of
actions played with positive probability -- and solves the indifference
conditions on them. For two players with payoff matrices :math:`A` (row) and
:math:`B` (column), supports :math:`I \subseteq \{1..m\}` and
:math:`J \subseteq \{1..n\}` give the linear systems

.. math::

    \sum_{i \in I} x_i B_{ij} = v \ (j \in J), \qquad
    \sum_{j \in J} A_{ij} y_j = u \ (i \in I), \qquad
    \textstyle\sum x_i = \sum y_j = 1,

and the solution is an equilibrium when :math:`x, y \ge 0` and no action
outside the supports pays more than :math:`u` or :math:`v`. In a
*nondegenerate* game -- no mixed strategy has more pure best responses than
the size of its support -- every equilibrium has supports of equal size and
is the unique solution of its systems, so enumerating the
:math:`\sum_k \binom{m}{k}\binom{n}{k} = \binom{m+n}{m} - 1` equal-size
support pairs finds all of them (von Stengel 2007, *Equilibrium computation
for two-player games in strategic and extensive form*, Algorithmic Game
Theory ch. 3, Algorithm 3.4; Porter, Nudelman & Shoham 2008 for the
n-player version).

This implementation solves all support pairs of one size at once (batched
numpy solves, see :mod:`nea_games.solvers._bimatrix_support`), rebuilds each
float candidate in exact integer arithmetic for exact games, and verifies
every equilibrium it returns. Because every vertex of a best-response
polytope is the solution of one half of some equal-size support pair, the
same sweep also *decides* whether the game is degenerate (by counting the
best responses of every feasible half-solution), so the result says
truthfully whether it is complete. It shares with vertex enumeration only
the input checks, the positive rescaling of payoffs and the exact linear
algebra (:mod:`nea_games.solvers._bimatrix`) -- no vertex or label
machinery -- and serves to cross-check it.

For three or more players the work is done by
:func:`nea_games.solvers.nplayer.solve_nplayer_support` (polynomial systems).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from nea_games._progress import track
from nea_games.errors import BudgetExceededError, UnsupportedGameError, ValidationError
from nea_games.games.normal_form import NormalFormGame
from nea_games.solvers._bimatrix import (
    IntMatrix,
    build_equilibrium,
    exact_inequalities,
    positive_float_matrices,
    positive_integer_matrices,
    require_two_players,
    resolve_exact,
    solve_integer_system,
)
from nea_games.solvers._bimatrix_support import SupportBatch, combinations, solve_support_batch
from nea_games.solvers._bimatrix_vertices import LOOSE
from nea_games.solvers._polytope import TIGHT
from nea_games.solvers.budget import Deadline, check_budget
from nea_games.solvers.result import Equilibrium, EquilibriumSet

__all__ = ["count_support_pairs", "solve_support_enumeration"]

METHOD = "support_enumeration"
#: Scalar work per batch (pairs times entries per system), bounding memory and deadline latency.
_BATCH_WORK = 200_000
#: Exact confirmations of float degeneracy witnesses before giving up (exact games).
_MAX_CONFIRMATIONS = 2_000


def count_support_pairs(m: int, n: int) -> int:
    """Number of equal-size support pairs of an ``m x n`` game: :math:`\\binom{m+n}{m} - 1`.

    Examples
    --------
    >>> count_support_pairs(2, 2)  # four pure pairs and one pair of full supports
    5
    >>> count_support_pairs(3, 3) == 9 + 9 + 1
    True
    """
    return sum(math.comb(m, k) * math.comb(n, k) for k in range(1, min(m, n) + 1))


@dataclass(frozen=True)
class _Batch:
    k: int
    start: int
    stop: int


def _plan(m: int, n: int) -> list[_Batch]:
    batches = []
    for k in range(1, min(m, n) + 1):
        size = math.comb(m, k) * math.comb(n, k)
        step = max(1, _BATCH_WORK // (k * (k + m + n)))
        batches += [_Batch(k, s, min(size, s + step)) for s in range(0, size, step)]
    return batches


@dataclass
class _Run:
    """State of one 2-player run: matrices, equilibria found, degeneracy evidence."""

    game: NormalFormGame
    exact: bool
    a: Any
    b: Any
    a_int: IntMatrix | None
    b_int: IntMatrix | None
    equilibria: list[Equilibrium] = field(default_factory=list)
    seen: set[Any] = field(default_factory=set)
    degenerate: bool = False
    unconfirmed: int = 0
    singular: int = 0
    confirmations: int = 0
    _combos: dict[tuple[int, int], Any] = field(default_factory=dict)

    def combos(self, n: int, k: int) -> Any:
        if (n, k) not in self._combos:
            self._combos[(n, k)] = combinations(n, k)
        return self._combos[(n, k)]

    def process(self, batch: _Batch) -> None:
        m, n = self.game.n_actions
        index = np.arange(batch.start, batch.stop)
        first, second = self.combos(m, batch.k), self.combos(n, batch.k)
        rows, columns = first[index // len(second)], second[index % len(second)]
        found = solve_support_batch(self.a, self.b, rows, columns, LOOSE, LOOSE if self.exact else TIGHT)
        self.singular += found.singular
        if not self.degenerate:
            self._witnesses(rows, columns, found)
        for t in found.candidates.tolist():
            rows_t, columns_t = rows[t].tolist(), columns[t].tolist()
            x: Any
            y: Any
            if self.exact:
                pair = _exact_pair(self.a_int, self.b_int, rows_t, columns_t)
                if pair is None:
                    continue
                x, y = pair
            else:
                x, y = np.zeros(m), np.zeros(n)
                x[rows_t], y[columns_t] = found.x[t], found.y[t]
            self._add(x, y)

    def _witnesses(self, rows: Any, columns: Any, found: SupportBatch) -> None:
        if not self.exact:
            self.degenerate = bool(len(found.x_extra) or len(found.y_extra))
            return
        assert self.a_int is not None and self.b_int is not None
        a_t = _transpose(self.a_int)
        sides = [(self.b_int, rows, columns, t) for t in found.x_extra.tolist()]
        sides += [(a_t, columns, rows, t) for t in found.y_extra.tolist()]
        for matrix, support, tight, t in sides:
            if self.confirmations >= _MAX_CONFIRMATIONS:
                self.unconfirmed += 1
                continue
            self.confirmations += 1
            if _has_extra_label(matrix, support[t].tolist(), tight[t].tolist()):
                self.degenerate = True
                return

    def _add(self, x: Any, y: Any) -> None:
        equilibrium = build_equilibrium(self.game, x, y, method=METHOD, exact=self.exact)
        if equilibrium is None:
            return
        if self.exact:
            if equilibrium.strategies in self.seen:
                return
            self.seen.add(equilibrium.strategies)
        elif any(equilibrium.isclose(other, 1e-9) for other in self.equilibria):
            return
        self.equilibria.append(equilibrium)


def _transpose(matrix: IntMatrix) -> IntMatrix:
    return [list(column) for column in zip(*matrix, strict=True)]


def _exact_pair(
    a_int: IntMatrix | None, b_int: IntMatrix | None, rows: list[int], columns: list[int]
) -> tuple[list[Fraction], list[Fraction]] | None:
    """Exact solution of one support pair; ``None`` unless both halves are feasible."""
    assert a_int is not None and b_int is not None
    m, n = len(a_int), len(a_int[0])
    x_values = solve_integer_system([[b_int[i][j] for i in rows] for j in columns], [1] * len(columns))
    y_values = solve_integer_system([[a_int[i][j] for j in columns] for i in rows], [1] * len(rows))
    if x_values is None or y_values is None or min(x_values) < 0 or min(y_values) < 0:
        return None
    if not exact_inequalities([b_int[i] for i in rows], x_values)[0]:
        return None
    if not exact_inequalities([[a_int[i][j] for i in range(m)] for j in columns], y_values)[0]:
        return None
    x, y = [Fraction(0)] * m, [Fraction(0)] * n
    for i, value in zip(rows, x_values, strict=True):
        x[i] = value
    for j, value in zip(columns, y_values, strict=True):
        y[j] = value
    return x, y


def _has_extra_label(matrix: IntMatrix, support: list[int], tight: list[int]) -> bool:
    """Exactly: is the solution of ``matrix[support, tight]^T z = 1`` a vertex with an extra label?"""
    values = solve_integer_system([[matrix[i][j] for i in support] for j in tight], [1] * len(tight))
    if values is None or min(values) < 0:
        return False
    feasible, tight_columns = exact_inequalities([matrix[i] for i in support], values)
    return feasible and (sum(tight_columns) > len(support) or 0 in values)


def solve_support_enumeration(
    game: NormalFormGame,
    *,
    max_supports: int | None = None,
    time_limit: float | None = None,
    on_budget: str = "raise",
    progress: bool | None = None,
    **options: Any,
) -> EquilibriumSet:
    """Nash equilibria by support enumeration.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game with two or more players. Games with three or more
        players go to :func:`nea_games.solvers.nplayer.solve_nplayer_support`
        with every argument.
    max_supports : int, optional
        Refuse to start (or, with ``on_budget="partial"``, stop) when more
        than this many support pairs would be visited. For two players the
        count is :func:`count_support_pairs`; ask for it before solving with
        ``nea_games.solvers.budget.estimate(game, "support_enumeration")``.
    time_limit : float, optional
        Seconds after which the enumeration stops.
    on_budget : {"raise", "partial"}
        On hitting ``max_supports`` or ``time_limit``: raise
        :class:`~nea_games.errors.BudgetExceededError`, or return what was
        found with ``complete=False`` and a note.
    progress : bool, optional
        Show a progress bar (default: only on long interactive runs).
    **options
        For two players: ``exact`` (default ``game.is_exact``; ``False``
        computes in floats). Others are passed to the n-player solver.

    Returns
    -------
    EquilibriumSet
        For two players: ``complete=True`` when the game was verified to be
        nondegenerate (then every equilibrium is listed). For a degenerate
        game (``degenerate=True``, ``complete=False``, with a note) the list
        holds the equilibria that are the unique solution of an equal-size
        support pair; equilibria with supports of unequal sizes and
        continua of equilibria are not covered -- use
        ``vertex_enumeration`` for all extreme equilibria. Every returned
        equilibrium is verified (regret exactly zero when exact).

    Raises
    ------
    nea_games.errors.UnsupportedGameError
        For a one-player game or an object that is not a game.
    nea_games.errors.BudgetExceededError
        When ``on_budget="raise"`` and the budget is exceeded.
    nea_games.errors.ValidationError
        For a bad ``on_budget``, ``max_supports`` or ``time_limit``, or an
        unknown option.

    Examples
    --------
    >>> from nea_games import NormalFormGame
    >>> rps = NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    >>> eqs = solve_support_enumeration(rps)
    >>> eqs[0].strategies[0], eqs.complete, eqs.degenerate
    ((Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)), True, False)

    A bound on the work:

    >>> solve_support_enumeration(rps, max_supports=10)
    Traceback (most recent call last):
    ...
    nea_games.errors.BudgetExceededError: support enumeration would visit 19 support pairs, ...
    >>> solve_support_enumeration(rps, max_supports=10, on_budget="partial").complete
    False
    """
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"{METHOD}: expected a NormalFormGame, got {type(game).__name__}")
    if on_budget not in ("raise", "partial"):
        raise ValidationError(f"{METHOD}: on_budget must be 'raise' or 'partial', got {on_budget!r}")
    if game.n_players >= 3:
        from nea_games.solvers.nplayer import solve_nplayer_support

        if options:
            unknown = ", ".join(sorted(options))
            raise ValidationError(f"{METHOD}: unknown option(s) for a game with 3 or more players: {unknown}")
        result: EquilibriumSet = solve_nplayer_support(
            game,
            max_supports=max_supports,
            time_limit=time_limit,
            on_budget=on_budget,
            progress=progress,
        )
        return result
    if game.n_players < 2:
        raise UnsupportedGameError(
            f"{METHOD}: a one-player game has no supports to enumerate; use method='pure'"
        )
    exact_option = options.pop("exact", None)
    if options:
        unknown = ", ".join(sorted(options))
        raise ValidationError(f"{METHOD}: unknown option(s) for a 2-player game: {unknown}")
    game = require_two_players(game, METHOD)
    exact = resolve_exact(game, exact_option, METHOD)
    deadline = Deadline(time_limit)
    return _enumerate(game, exact, max_supports, deadline, on_budget, progress)


def _enumerate(
    game: NormalFormGame, exact: bool, max_supports: int | None, deadline: Deadline, on_budget: str,
    progress: bool | None,
) -> EquilibriumSet:
    m, n = game.n_actions
    total = count_support_pairs(m, n)
    limit = total
    try:
        check_budget(total, max_supports, "support pairs")
    except BudgetExceededError:
        if on_budget == "raise":
            raise
        limit = int(max_supports or 0)
    a, b = positive_float_matrices(game)
    a_int, b_int = positive_integer_matrices(game) if exact else (None, None)
    run = _Run(game, exact, a, b, a_int, b_int)
    plan = _plan(m, n)
    done, stopped = 0, ""
    for batch in track(plan, len(plan), "support enumeration", progress):
        if deadline.expired():
            message = deadline.exceeded_message(done, total, "support pairs")
            if on_budget == "raise":
                raise BudgetExceededError(f"{METHOD}: {message}")
            stopped = message
            break
        if done >= limit:
            stopped = (
                f"max_supports={max_supports} reached after {done} of {total} support pairs; "
                "the result is partial (complete=False)"
            )
            break
        batch = _Batch(batch.k, batch.start, min(batch.stop, batch.start + limit - done))
        run.process(batch)
        done += batch.stop - batch.start
    notes = [stopped] if stopped else []
    degenerate: bool | None = run.degenerate
    if not run.degenerate and (stopped or run.unconfirmed):
        degenerate = None
        if run.unconfirmed:
            notes.append(
                f"{run.unconfirmed} float signs of degeneracy were left unchecked in exact arithmetic, "
                "so nondegeneracy (and hence completeness) is not established"
            )
    if run.degenerate:
        notes.append(
            "the game is degenerate (some strategy has more pure best responses than actions in its "
            "support): support enumeration lists only equilibria that solve an equal-size support pair "
            f"uniquely ({run.singular} singular support systems were skipped); equilibria with supports "
            "of unequal sizes and continua of equilibria are missed; use vertex_enumeration for all "
            "extreme equilibria"
        )
    return EquilibriumSet(
        game, run.equilibria, method=METHOD, complete=degenerate is False and not stopped,
        degenerate=degenerate, notes=notes,
    )
