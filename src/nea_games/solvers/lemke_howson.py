r"""One Nash equilibrium of a two-player game by the Lemke-Howson algorithm.

Mathematics
-----------
Let the row player have payoff matrix :math:`A` and the column player
:math:`B` (both ``m x n``; ``A[r, c]`` and ``B[r, c]`` are the payoffs at the
profile ``(r, c)``). Adding a constant to a player's payoffs and multiplying
them by a positive number changes no equilibrium, so assume
:math:`A, B > 0`. The *best-response polytopes* are

.. math::

    P = \{x \in \mathbb{R}^m : x \ge 0,\ B^\top x \le 1\}, \qquad
    Q = \{y \in \mathbb{R}^n : y \ge 0,\ A y \le 1\}.

Give the labels :math:`0, \dots, m-1` to the row player's actions and
:math:`m, \dots, m+n-1` to the column player's. A point of :math:`P` has label
:math:`i < m` when :math:`x_i = 0` and label :math:`m + j` when
:math:`(B^\top x)_j = 1` (action :math:`j` is a best response to :math:`x`);
a point of :math:`Q` has label :math:`m + j` when :math:`y_j = 0` and label
:math:`i` when :math:`(A y)_i = 1`. A pair :math:`(x, y) \ne (0, 0)` with
every label is, after normalising :math:`x` and :math:`y` to sum to one, a
Nash equilibrium; :math:`(0, 0)` is the *artificial equilibrium*
(Lemke & Howson 1964; von Stengel 2007, §3.4-3.5).

Algorithm
---------
1. Start at the artificial equilibrium :math:`(0, 0)`, which has every label.
2. Drop the *initial label* :math:`k`: in the polytope where :math:`k` is a
   variable's label (:math:`P` if :math:`k < m`, else :math:`Q`), let that
   variable enter the basis. The *minimum-ratio test* picks the variable that
   leaves, which brings in a new label.
3. The new label is now present in both polytopes (duplicate). Let the
   variable with that label enter in the *other* polytope (complementary
   pivoting).
4. Repeat step 3 until the label that leaves is :math:`k` itself: the pair
   of vertices is then completely labelled, an equilibrium.

In a degenerate game the minimum ratio can tie, and a naive rule may cycle.
The ratio test here is **lexicographic**: ties are broken by comparing the
rows of :math:`[\,B^{-1} 1 \mid B^{-1}\,]` divided by the entering column
(:math:`B` the current basis matrix), which is the same as perturbing the
right-hand side to :math:`(1 + \varepsilon, 1 + \varepsilon^2, \dots)`; the
path is then unique and cannot revisit a basis, so it terminates (von Stengel
2007, §3.5). A ``max_pivots`` guard turns a very long path, or a numerical
breakdown, into a :class:`~nea_games.errors.SolverError` instead of a hang.

Path lengths and the default start
----------------------------------
How long the path is depends on the game *and* on the initial label, and the
spread is wide. On uniformly random games the median path has about
:math:`m + n` pivots, the 90th percentile about :math:`25 (m + n)`, and a few
labels need far more: on one random 100 x 100 game label 0 needs more than
81,000 pivots while most other labels need a few hundred. Codenotti, De Rossi
& Pagan (2008) measured the fixed-label algorithm at roughly :math:`n^7` on
such games and showed that restarting from other labels cures it.

So by default (``initial_label=None``) the solver starts from label 0 with a
budget of :math:`\max(64, 2(m + n))` pivots; if that path has not ended it
tries label 1, 2, ... with the same budget, doubles the budget after each
round, and returns the first equilibrium reached. When label 0's path is short
(every small textbook game) this *is* Lemke-Howson from label 0; pass an
explicit label for the classical fixed-label algorithm.

Arithmetic
----------
* Exact games are pivoted on integers (fraction-free integer pivoting on
  :meth:`~nea_games.NormalFormGame.integer_payoffs`); the equilibrium comes out
  as exact fractions with regret exactly zero.
* Float games are pivoted on a numpy tableau with the single tolerance
  :data:`nea_games.solvers._tableau.FLOAT_TOL` (payoffs scaled into
  ``[1, 2]``), then *polished*: the final basis system is re-solved against
  the original payoffs (iterative refinement), which removes the error
  collected along the path. Should the result still fail the library's
  equilibrium check (:func:`nea_games._numeric.tolerance_for`), or the float
  pivoting break down, the path is recomputed with exact integer pivoting on
  the binary-rational values of the floats.

Every returned equilibrium is verified with
:meth:`~nea_games.solvers.result.Equilibrium.is_equilibrium`; a
:class:`~nea_games.errors.SolverError` is raised rather than a wrong answer.

References
----------
C. E. Lemke and J. T. Howson, "Equilibrium points of bimatrix games",
*SIAM J. Appl. Math.* 12 (1964) 413-423.
B. von Stengel, "Equilibrium computation for two-player games in strategic
and extensive form", ch. 3 of *Algorithmic Game Theory*, Cambridge UP, 2007.
R. Savani and B. von Stengel, "Hard-to-solve bimatrix games",
*Econometrica* 74 (2006) 397-429.
B. Codenotti, S. De Rossi and M. Pagan, "An experimental analysis of
Lemke-Howson algorithm", arXiv:0811.3247 (2008).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property, reduce
from typing import Any

import numpy as np
import numpy.typing as npt

from nea_games._numeric import as_fraction
from nea_games.errors import SolverError, UnsupportedGameError, ValidationError
from nea_games.games.normal_form import NormalFormGame
from nea_games.solvers._tableau import FLOAT_TOL, PathResult, PivotLimitError, lemke_howson_path
from nea_games.solvers.result import Equilibrium, EquilibriumSet

__all__ = ["default_max_pivots", "resolve_label", "solve_lemke_howson"]

METHOD = "lemke_howson"

Label = int | str | tuple[int | str, int | str]


def default_max_pivots(m: int, n: int) -> int:
    """Default pivot bound: ``1000 + 2 * (m + n) ** 2``.

    It bounds one path when a label is given, and the total over all restarts
    with the default start (``initial_label=None``). Path lengths vary
    enormously: on uniformly random games most labels need a few times
    ``m + n`` pivots, but we measured label 0 needing 17,793 and 91,017
    pivots on two random 100 x 100 games and 293,803 on a 200 x 200 one, and
    specially built games need exponentially many (Savani & von Stengel 2006).
    The bound (81,000 at 100 x 100, 321,000 at 200 x 200) stops a hopeless or
    runaway path after a few seconds to a minute; the restarts of the default
    start avoid the long paths of random games altogether.

    Examples
    --------
    >>> default_max_pivots(100, 100)
    81000
    """
    return 1000 + 2 * (m + n) ** 2


def resolve_label(game: NormalFormGame, label: Any) -> int:
    """Position ``0 .. m+n-1`` of an initial label given by position, name or ``(player, action)``.

    Labels ``0 .. m-1`` are the row player's actions and ``m .. m+n-1`` the
    column player's.

    Raises
    ------
    nea_games.errors.ValidationError
        If a position is out of range, or an action name belongs to both
        players (then pass ``(player, action)``).
    nea_games.errors.UnknownNameError
        If a player or action name is unknown.

    Examples
    --------
    >>> g = NormalFormGame.bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]],
    ...                             players=["Row", "Col"], actions=[["U", "D"], ["L", "R"]])
    >>> resolve_label(g, "R"), resolve_label(g, ("Row", "D")), resolve_label(g, 1)
    (3, 1, 1)
    """
    m, n = game.n_actions
    if isinstance(label, numbers.Integral) and not isinstance(label, bool):
        if not 0 <= int(label) < m + n:
            raise ValidationError(
                f"initial_label: position {label} is out of range; labels are 0..{m + n - 1} "
                f"(0..{m - 1} for {game.players[0]!r}, {m}..{m + n - 1} for {game.players[1]!r})"
            )
        return int(label)
    if isinstance(label, tuple) and len(label) == 2:
        player = game.player_index(label[0])
        return game.action_index(player, label[1]) + (m if player == 1 else 0)
    if isinstance(label, str):
        owners = [i for i in range(2) if label in game.actions[i]]
        if len(owners) == 2:
            raise ValidationError(
                f"initial_label: {label!r} is an action of both players; pass "
                f"({game.players[0]!r}, {label!r}) or ({game.players[1]!r}, {label!r})"
            )
        if not owners:
            # raises UnknownNameError with a did-you-mean hint over both players' actions
            from nea_games.games._names import index_of

            index_of(label, [*game.actions[0], *game.actions[1]], "action")
        player = owners[0]
        return game.actions[player].index(label) + (m if player == 1 else 0)
    raise ValidationError(
        f"initial_label: expected a position, an action name or a (player, action) pair, got {label!r}"
    )


def _describe_label(game: NormalFormGame, label: int) -> str:
    m = game.n_actions[0]
    player = 0 if label < m else 1
    return f"{label} ({game.players[player]}: {game.actions[player][label - player * m]})"


# --------------------------------------------------------------------------- preparing the matrices
def _positive_integer(matrix: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """Exact rationals -> strictly positive Python ints (shift then scale)."""
    entries = [as_fraction(v) for v in matrix.reshape(-1)]
    low = min(entries)
    shifted = [v - low + 1 for v in entries]
    scale = reduce(math.lcm, (v.denominator for v in shifted), 1)
    out = np.empty(len(shifted), dtype=object)
    out[:] = [int(v * scale) for v in shifted]
    return out.reshape(matrix.shape)


def _positive_float(matrix: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Floats -> scaled into ``[1, 2]`` so that :data:`FLOAT_TOL` is meaningful."""
    low, high = float(matrix.min()), float(matrix.max())
    spread = high - low if high > low else 1.0
    return np.asarray((matrix - low) / spread + 1.0, dtype=float)


class _Prepared:
    """The game's matrices in the form each arithmetic pivots on (built once, when first needed)."""

    def __init__(self, game: NormalFormGame) -> None:
        self.game = game

    @cached_property
    def integers(self) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
        if self.game.is_exact:
            payoffs = self.game.integer_payoffs()
        else:  # floats are binary rationals: pivot on them exactly
            payoffs = np.vectorize(Fraction, otypes=[object])(self.game.float_payoffs())
        return _positive_integer(payoffs[0]), _positive_integer(payoffs[1])

    @cached_property
    def floats(self) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        payoffs = self.game.float_payoffs()
        return _positive_float(payoffs[0]), _positive_float(payoffs[1])


# --------------------------------------------------------------------------- one path
@dataclass(frozen=True)
class _Run:
    label: int
    equilibrium: Equilibrium
    pivots: int
    degenerate: bool
    fell_back: bool
    abandoned: int = 0  # pivots spent on paths given up by the restarts of initial_label=None


def _equilibrium(game: NormalFormGame, path: PathResult, exact_result: bool) -> Equilibrium | None:
    """Normalise the path's end point and verify it; ``None`` if it is not an equilibrium."""
    strategies: list[list[Any]] = []
    for vector in (path.row, path.column):
        if exact_result:
            total = sum(vector, Fraction(0))
            strategies.append([v / total for v in vector])
        else:
            array = np.clip(np.array([float(v) for v in vector]), 0.0, None)
            total = float(array.sum())
            if not math.isfinite(total) or total <= 0:
                return None
            strategies.append((array / total).tolist())
    candidate = Equilibrium.from_strategies(game, strategies, method=METHOD, exact=exact_result)
    return candidate if candidate.is_equilibrium() else None


def _run(game: NormalFormGame, prepared: _Prepared, label: int, exact: bool, max_pivots: int) -> _Run:
    """One verified path; raises :class:`PivotLimitError` past ``max_pivots``."""
    if not exact:
        try:
            path = lemke_howson_path(*prepared.floats, label, exact=False, max_pivots=max_pivots)
        except PivotLimitError:
            raise
        except SolverError:  # numerical breakdown: redo exactly below
            path = None
        found = None if path is None else _equilibrium(game, path, False)
        if path is not None and found is not None:
            return _Run(label, found, path.pivots, path.degenerate, False)
    exact_result = exact and game.is_exact
    path = lemke_howson_path(*prepared.integers, label, exact=True, max_pivots=max_pivots)
    found = _equilibrium(game, path, exact_result)
    if found is None:
        raise SolverError(
            f"Lemke-Howson from label {label}: the end point, computed exactly, fails the equilibrium "
            "check; the payoffs may be too badly scaled for the float tolerance"
        )
    return _Run(label, found, path.pivots, path.degenerate, not exact)


def _race(game: NormalFormGame, prepared: _Prepared, exact: bool, max_pivots: int) -> _Run:
    """Restarts: label after label with a pivot budget that doubles each round.

    ``max_pivots`` bounds the total over all attempts, so even a game whose
    every path is long (Savani & von Stengel 2006) ends with an error.
    """
    m, n = game.n_actions
    budget = max(64, 2 * (m + n))
    spent = 0
    while True:
        for label in range(m + n):
            allowed = min(budget, max_pivots - spent)
            if allowed <= 0:
                raise PivotLimitError(
                    f"Lemke-Howson: no path ended within max_pivots={max_pivots} pivots in total, "
                    f"restarting from the {m + n} labels with budgets up to {budget}; raise max_pivots"
                )
            try:
                run = _run(game, prepared, label, exact, allowed)
            except PivotLimitError:
                spent += allowed
                continue
            return _Run(run.label, run.equilibrium, run.pivots, run.degenerate, run.fell_back, spent)
        budget *= 2


# --------------------------------------------------------------------------- public entry point
def solve_lemke_howson(
    game: NormalFormGame,
    *,
    initial_label: Label | None = None,
    all_labels: bool = False,
    exact: bool | None = None,
    max_pivots: int | None = None,
) -> EquilibriumSet:
    """One Nash equilibrium of a two-player game by Lemke-Howson (lexicographic pivoting).

    Parameters
    ----------
    game : NormalFormGame
        A numeric two-player game.
    initial_label : int, str, (player, action) or None, default None
        The label dropped at the artificial equilibrium: a position
        ``0 .. m+n-1`` (``0 .. m-1`` the row player's actions, ``m .. m+n-1``
        the column player's), an action name, or a ``(player, action)`` pair
        (needed when both players have an action of that name). ``None``
        starts from label 0 but restarts from label after label, with a
        doubling pivot budget, if that path is long (see the module
        docstring); the notes say which label was used.
    all_labels : bool, default False
        Run from every one of the ``m + n`` labels and return the distinct
        equilibria reached (still not necessarily all equilibria). Overrides
        ``initial_label``.
    exact : bool, optional
        Pivot on exact integers (``True``) or on floats (``False``). The
        default is exact for exact games and float for float games. Exact
        pivoting of a float game uses the floats' exact binary values and
        reports float probabilities; float pivoting of an exact game reports
        float probabilities.
    max_pivots : int, optional
        Bound on the pivots of each path (given labels, ``all_labels``), or
        on the total over all restarts (``initial_label=None``); default
        :func:`default_max_pivots`.

    Returns
    -------
    EquilibriumSet
        The equilibria found (one per distinct end point), verified;
        ``complete=False``. ``notes`` say from which label each was reached,
        after how many pivots, and whether ties had to be broken (then
        ``degenerate`` is ``True``; otherwise it is ``None``, not checked).

    Raises
    ------
    nea_games.errors.UnsupportedGameError
        If the game does not have exactly two players.
    nea_games.errors.ParametricGameError
        If the game has free parameters.
    nea_games.errors.ValidationError
        For a bad ``initial_label`` or ``max_pivots``.
    nea_games.errors.SolverError
        If a path exceeds ``max_pivots`` or its end point fails verification.

    Examples
    --------
    Battle of the sexes: dropping label 0 (the row player's first action, the
    default start) leads to the pure equilibrium on the first actions;
    dropping label 1 leads to the other pure one.

    >>> from nea_games import NormalFormGame
    >>> bos = NormalFormGame.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]],
    ...                               players=["Ann", "Bob"], actions=[["Opera", "Football"]] * 2)
    >>> solve_lemke_howson(bos)[0].label
    'pure (Opera, Opera)'
    >>> solve_lemke_howson(bos, initial_label=("Ann", "Football"))[0].label
    'pure (Football, Football)'

    From every label: both pure equilibria (the mixed one has negative index and
    lies on no path from the artificial equilibrium).

    >>> result = solve_lemke_howson(bos, all_labels=True)
    >>> [eq.label for eq in result]
    ['pure (Opera, Opera)', 'pure (Football, Football)']
    >>> result.complete
    False
    >>> print(result.notes[1])
    #1 reached from label 0 (Ann: Opera) after 2 pivots; label 2 (Bob: Opera) after 2 pivots

    Exact games give exact equilibria; float games are verified within the
    library's tolerance:

    >>> mp = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    >>> solve_lemke_howson(mp)[0].strategies
    ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))
    >>> solve_lemke_howson(mp, exact=False)[0].regret() < 1e-12
    True
    """
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(
            f"solve_lemke_howson: expected a NormalFormGame, got {type(game).__name__}"
        )
    if game.n_players != 2:
        raise UnsupportedGameError(
            f"solve_lemke_howson: Lemke-Howson needs a 2-player game, this one has {game.n_players} players"
        )
    game.float_payoffs()  # raises ParametricGameError for games with free parameters
    m, n = game.n_actions
    if exact is None:
        exact = game.is_exact
    elif exact and game.kind == "symbolic":
        raise ValidationError(
            "solve_lemke_howson: exact=True needs rational payoffs; this game has irrational ones"
        )
    if max_pivots is None:
        max_pivots = default_max_pivots(m, n)
    elif isinstance(max_pivots, bool) or not isinstance(max_pivots, numbers.Integral) or max_pivots < 1:
        raise ValidationError(
            f"solve_lemke_howson: max_pivots must be a positive integer, got {max_pivots!r}"
        )

    start = None if all_labels or initial_label is None else resolve_label(game, initial_label)
    prepared = _Prepared(game)
    try:
        if all_labels:
            runs = [_run(game, prepared, label, bool(exact), int(max_pivots)) for label in range(m + n)]
        elif start is None:
            runs = [_race(game, prepared, bool(exact), int(max_pivots))]
        else:
            runs = [_run(game, prepared, start, bool(exact), int(max_pivots))]
    except PivotLimitError as error:  # report the library's public error type
        raise SolverError(str(error)) from None
    return _collect(game, runs, bool(exact))


def _collect(game: NormalFormGame, runs: list[_Run], exact: bool) -> EquilibriumSet:
    """Distinct end points, in the canonical order, with notes on how each was reached."""
    distinct: list[Equilibrium] = []
    reached: list[list[_Run]] = []
    for run in runs:
        index = next((k for k, eq in enumerate(distinct) if eq.isclose(run.equilibrium)), None)
        if index is None:
            distinct.append(run.equilibrium)
            reached.append([run])
        else:
            reached[index].append(run)
    ordered = list(EquilibriumSet(game, distinct, method=METHOD, complete=False))
    position = {id(eq): k for k, eq in enumerate(ordered)}

    if exact:
        arithmetic = "exact fraction-free integer pivoting"
        if not game.is_exact:
            arithmetic += " on the floats' binary values"
    else:
        arithmetic = (
            f"float pivoting (tolerance {FLOAT_TOL:g} on payoffs scaled into [1, 2]), "
            "end point polished against the original payoffs"
        )
    notes = [arithmetic]
    for eq, group in zip(distinct, reached, strict=True):
        starts = "; ".join(f"label {_describe_label(game, r.label)} after {r.pivots} pivots" for r in group)
        notes.append(f"#{position[id(eq)] + 1} reached from {starts}")
    abandoned = sum(r.abandoned for r in runs)
    if abandoned:
        notes.append(f"{abandoned} pivots spent on longer paths that were abandoned (restarts)")
    degenerate = any(r.degenerate for r in runs)
    if degenerate:
        notes.append("ties in the ratio test were broken lexicographically: the game is degenerate")
    fallbacks = [r.label for r in runs if r.fell_back]
    if fallbacks:
        notes.append(f"float pivoting failed from label(s) {fallbacks}; the path was recomputed exactly")
    return EquilibriumSet(
        game, ordered, method=METHOD, complete=False, degenerate=True if degenerate else None,
        notes=notes, sort=False,
    )
