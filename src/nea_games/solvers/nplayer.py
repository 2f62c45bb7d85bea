r"""Mixed equilibria of small n-player games by exact support enumeration.

A mixed profile :math:`\sigma = (\sigma_1, \dots, \sigma_n)` with supports
:math:`S_i = \{a : \sigma_i(a) > 0\}` is a Nash equilibrium if and only if,
for every player :math:`i` and some value :math:`v_i`,

.. math::

    U_i(a, \sigma_{-i}) = v_i \ (a \in S_i), \qquad
    U_i(b, \sigma_{-i}) \le v_i \ (b \notin S_i), \qquad
    \sum_{a \in S_i} \sigma_i(a) = 1, \quad \sigma_i(a) > 0 \ (a \in S_i),

where :math:`U_i(a, \sigma_{-i}) = \sum_{s_{-i}} u_i(a, s_{-i})
\prod_{j \ne i} \sigma_j(s_j)` is multilinear in the other players'
probabilities. For a fixed support profile the equalities form a square
polynomial system: :math:`\sum_i (|S_i| - 1)` indifference equations in as
many unknowns (one probability per supported action, less one per player).
Support enumeration (Porter, Nudelman & Shoham 2008, Algorithm 2; the
polynomial formulation follows McKelvey & McLennan 1996 and Datta 2010)
visits every support profile, solves the equalities exactly and keeps the
real solutions that satisfy the inequalities.

Here every step is exact:

1. Payoffs are scaled to integers; iterated removal of strictly dominated
   actions bounds the search (:func:`estimate_support_profiles`).
2. Support-size profiles are visited in the order of Porter et al. (small
   total size first, then balanced sizes); within one, supports are chosen
   player by player, pruning an action that another action beats against
   every pure profile of the others' remaining actions (conditional
   dominance) and with it the whole subtree when it is a chosen action.
3. Each support profile is solved by :mod:`._polynomial`: linear systems (at
   most two players mix, as always with two players) by Gauss–Jordan
   elimination over ``Fraction``; the others by a Gröbner basis (sympy) and
   the shape lemma, giving every real solution, rational or real-algebraic.
4. Non-negativity and no-profitable-deviation are checked exactly, also at
   algebraic points (isolating intervals); a zero on a supported action just
   means a smaller support (duplicates are merged). Every equilibrium is
   verified again on the game.

Rational equilibria are exact ``Fraction`` profiles. Irrational ones are
certified exactly but returned as floats (``exact=False``), because
:class:`~nea_games.solvers.result.Equilibrium` holds only ``Fraction`` or
``float`` probabilities; quadratic irrationalities are written out in radicals
in ``notes``. A support with a positive-dimensional solution set makes the game
*degenerate*. When the constraints are linear on it (say, only one player
mixes; always with two players) its equilibria form a polytope whose vertices
are all listed and grouped in ``components``, and the set stays complete.
Otherwise one certified representative is listed when slicing finds one, and
the set is not complete.

References
----------
McKelvey & McLennan (1996), Computation of equilibria in finite games,
*Handbook of Computational Economics* 1, 87–142. McKelvey & McLennan (1997),
The maximal number of regular totally mixed Nash equilibria, *J. Econ.
Theory* 72, 411–425. Porter, Nudelman & Shoham (2008), Simple search methods
for finding a Nash equilibrium, *Games Econ. Behav.* 63, 642–662. Datta
(2010), Finding all Nash equilibria of a finite game using polynomial
algebra, *Economic Theory* 42, 55–96.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import random
import signal
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from nea_games._numeric import integer_payoffs
from nea_games._progress import track
from nea_games.errors import BudgetExceededError, ParametricGameError, UnsupportedGameError, ValidationError
from nea_games.games.normal_form import NormalFormGame
from nea_games.solvers._polynomial import MPoly, SystemSolution, solve_system
from nea_games.solvers.budget import Deadline, check_budget
from nea_games.solvers.result import Equilibrium, EquilibriumSet

__all__ = ["estimate_support_profiles", "solve_nplayer_support"]

METHOD = "support_enumeration"
Supports = tuple[tuple[int, ...], ...]


# --------------------------------------------------------------------------- payoffs and dominance
def _integer_table(game: NormalFormGame) -> tuple[npt.NDArray[Any], list[str]]:
    """Payoffs as exact integers (object array of Python ints), with notes on conversions."""
    if game.is_parametric:
        names = ", ".join(str(p) for p in game.parameters)
        raise ParametricGameError(
            f"the game has free parameters ({names}); substitute values with game.subs(...)"
        )
    notes: list[str] = []
    if game.is_exact:
        table = game.integer_payoffs()
    else:
        values = [Fraction(float(v)) for v in game.float_payoffs().reshape(-1)]
        table = integer_payoffs(np.array(values, dtype=object).reshape(game.shape))
        notes.append(
            "payoffs are not exact rationals: solved exactly on their binary floating-point values, "
            "equilibria returned as floats"
        )
    out = np.empty(game.shape, dtype=object)
    out.reshape(-1)[:] = [int(v) for v in table.reshape(-1)]
    return out, notes


def _undominated(table: npt.NDArray[Any], domains: Sequence[Sequence[int]], i: int) -> tuple[int, ...]:
    """Actions of ``domains[i]`` not strictly dominated by any action of player i on the others' domains."""
    index = [range(table.shape[1 + i]) if j == i else domains[j] for j in range(len(domains))]
    rows = np.moveaxis(table[i][np.ix_(*index)], i, 0).reshape(table.shape[1 + i], -1)
    candidates = rows[list(domains[i])]
    dominated = np.asarray((rows[:, None, :] > candidates[None, :, :]).all(axis=2).any(axis=0), dtype=bool)
    return tuple(a for a, d in zip(domains[i], dominated, strict=True) if not d)


def _reduce(
    table: npt.NDArray[Any], domains: Sequence[Sequence[int]], n_fixed: int
) -> list[tuple[int, ...]] | None:
    """Iterated conditional strict dominance; ``None`` when a fixed support loses an action."""
    current = [tuple(d) for d in domains]
    changed = True
    while changed:
        changed = False
        for i in range(len(current)):
            kept = _undominated(table, current, i)
            if len(kept) < len(current[i]):
                if i < n_fixed or not kept:
                    return None
                current[i], changed = kept, True
    return current


def _root_domains(table: npt.NDArray[Any]) -> list[tuple[int, ...]]:
    return _reduce(table, [tuple(range(m)) for m in table.shape[1:]], 0) or []  # never None at the root


def estimate_support_profiles(game: NormalFormGame) -> int:
    r"""Number of support profiles :func:`solve_nplayer_support` may visit.

    This is :math:`\prod_i (2^{m_i} - 1)`, where :math:`m_i` counts player
    *i*'s actions that survive iterated removal of strictly dominated actions
    (no equilibrium plays the removed ones). Conditional dominance during the
    search usually skips many more.

    Examples
    --------
    >>> from nea_games import NormalFormGame
    >>> estimate_support_profiles(NormalFormGame.from_array(np.zeros((3, 2, 2, 2), dtype=int)))
    27
    >>> pd = NormalFormGame.symmetric([[3, 0], [5, 1]])
    >>> estimate_support_profiles(pd)
    1
    """
    table, _ = _integer_table(game)
    return math.prod(2 ** len(d) - 1 for d in _root_domains(table))


def _size_profiles(domains: Sequence[Sequence[int]]) -> list[tuple[int, ...]]:
    """Support-size profiles, smallest total first, then most balanced (Porter et al. 2008)."""
    sizes = itertools.product(*(range(1, len(d) + 1) for d in domains))
    return sorted(sizes, key=lambda x: (sum(x), max(x) - min(x), x))


def _supports(
    table: npt.NDArray[Any], domains: list[tuple[int, ...]], sizes: tuple[int, ...], k: int = 0
) -> Iterator[Supports]:
    """Support profiles with the given sizes that survive conditional dominance (backtracking)."""
    if k == len(sizes):
        yield tuple(domains)
        return
    for support in itertools.combinations(domains[k], sizes[k]):
        reduced = _reduce(table, [*domains[:k], support, *domains[k + 1 :]], k + 1)
        if reduced is None or any(len(reduced[j]) < sizes[j] for j in range(k + 1, len(sizes))):
            continue
        yield from _supports(table, reduced, sizes, k + 1)


# --------------------------------------------------------------------------- one support profile
@dataclass
class _Candidate:
    """A solution on one support profile that passed the exact checks."""

    strategies: list[list[Any]]  # Fraction (rational) or float (algebraic)
    rational: bool
    exact_values: list[list[Any]] | None = None


def _slices(supports: Supports, owners: Sequence[int], count: int = 3) -> list[list[Fraction]]:
    """Value vectors for the free variables: the simplex centre, then seeded random interior points."""
    rng = random.Random(hash(supports) & 0xFFFF)
    out = [[Fraction(1, len(supports[j])) for j in owners]]
    for _ in range(count - 1):
        row: list[Fraction] = []
        for j in sorted(set(owners)):  # variables are numbered player by player
            weights = [rng.randint(1, 9) for _ in supports[j]]
            row += [Fraction(w, sum(weights)) for w in weights[:-1]]
        out.append(row)
    return out


def _solve_support(table: npt.NDArray[Any], supports: Supports) -> tuple[SystemSolution, list[_Candidate]]:
    """All equilibria (or representatives) whose supports lie within ``supports``."""
    n = len(supports)
    strategy: list[dict[int, MPoly]] = []
    owners: list[int] = []  # player of each variable
    for j, support in enumerate(supports):
        if len(support) == 1:
            strategy.append({support[0]: MPoly.constant(1)})
            continue
        first = len(owners)
        owners.extend([j] * (len(support) - 1))
        probs = {a: MPoly.variable(first + k) for k, a in enumerate(support[:-1])}
        probs[support[-1]] = 1 - sum((MPoly.variable(first + k) for k in range(len(support) - 1)), MPoly())
        strategy.append(probs)
    # expected payoff of every action of every player, as polynomials in the others' variables
    payoff: list[list[MPoly]] = []
    for i in range(n):
        acc: dict[tuple[int, ...], Any] = {}
        others = [range(1) if j == i else supports[j] for j in range(n)]
        for profile in itertools.product(*others):
            weight = MPoly.constant(1)
            index: list[Any] = []
            for j, a in enumerate(profile):
                if j == i:
                    index.append(slice(None))
                else:
                    weight = weight * strategy[j][a]
                    index.append(a)
            column = table[(i, *index)]
            for m, c in weight.terms.items():
                acc[m] = acc.get(m, 0) + c * column
        payoff.append([MPoly({m: int(vec[b]) for m, vec in acc.items()}) for b in range(table.shape[1 + i])])
    equations: list[MPoly] = []
    gains: list[MPoly] = []
    for i, support in enumerate(supports):
        for b in range(table.shape[1 + i]):
            difference = payoff[i][b] - payoff[i][support[0]]
            (equations if b in support else gains).append(difference)
    negated = [-p for s in strategy for p in s.values() if p.degree() > 0]  # -probability <= 0
    solution = solve_system(equations, gains + negated, len(owners), _slices(supports, owners))
    full = [[strategy[j].get(a, MPoly()) for a in range(table.shape[1 + j])] for j in range(n)]
    candidates = []
    for point in solution.points:
        if point.is_rational:
            candidates.append(_Candidate([[point.value(p) for p in s] for s in full], True))
        else:
            floats = [[point.as_floats(p) for p in s] for s in full]
            candidates.append(_Candidate(floats, False, [[point.exact(p) for p in s] for s in full]))
    return solution, candidates


# --------------------------------------------------------------------------- the solver
class _Interrupted(Exception):
    """Raised by the alarm handler when the time limit passes inside one support profile."""


@contextlib.contextmanager
def _interrupt_at(deadline: Deadline) -> Iterator[None]:
    """Interrupt the block (a long Gröbner-basis computation) when ``deadline`` passes.

    Uses a POSIX interval timer, so only in the main thread and only when no
    other timer is running; elsewhere the deadline is polled between support
    profiles only.
    """
    usable = (
        deadline.time_limit is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )
    if not usable or deadline.time_limit is None:
        yield
        return
    active = True

    def handler(signum: int, frame: object) -> None:
        if active:
            raise _Interrupted

    previous = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, max(deadline.time_limit - deadline.elapsed(), 1e-3))
    try:
        yield
    finally:
        active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class _Report:
    equilibria: list[Equilibrium] = field(default_factory=list)
    visited: int = 0
    sympy_calls: int = 0
    polytopes: list[str] = field(default_factory=list)
    groups: list[set[int]] = field(default_factory=list)
    sampled: list[str] = field(default_factory=list)
    unsolved: list[str] = field(default_factory=list)
    algebraic: list[str] = field(default_factory=list)
    rejected: int = 0


def _describe(game: NormalFormGame, supports: Supports) -> str:
    parts = [
        f"{player}: {{{', '.join(game.actions[i][a] for a in support)}}}"
        for i, (player, support) in enumerate(zip(game.players, supports, strict=True))
    ]
    return "(" + "; ".join(parts) + ")"


def _add(game: NormalFormGame, report: _Report, candidate: _Candidate) -> int | None:
    """Verify a candidate on the game and add it unless known; its index in ``report.equilibria``."""
    exact = candidate.rational and game.is_exact
    eq = Equilibrium.from_strategies(game, candidate.strategies, method=METHOD, exact=exact)
    if not eq.is_equilibrium():  # defensive: the exact checks make this unreachable
        report.rejected += 1
        return None
    for k, other in enumerate(report.equilibria):
        if eq.isclose(other):
            return k
    report.equilibria.append(eq)
    if candidate.exact_values is not None and game.is_exact:
        report.algebraic.append(_algebraic_note(game, eq, candidate.exact_values))
    return len(report.equilibria) - 1


def _algebraic_note(game: NormalFormGame, eq: Equilibrium, values: list[list[Any]]) -> str:
    if any(v is None for row in values for v in row):
        return f"{eq.label} (algebraic numbers of degree >= 3; floats shown)"
    text = "; ".join(
        f"{p}: " + ", ".join(f"{a}={v}" for a, v in zip(acts, row, strict=True) if v != 0)
        for p, acts, row in zip(game.players, game.actions, values, strict=True)
    )
    return text if len(text) <= 600 else f"{eq.label} (quadratic irrationals too long to show)"


def _record(
    game: NormalFormGame, report: _Report, supports: Supports, found: tuple[SystemSolution, list[_Candidate]]
) -> None:
    solution, candidates = found
    report.sympy_calls += solution.sympy_calls
    indices = {k for c in candidates if (k := _add(game, report, c)) is not None}
    if solution.polytope and len(candidates) > 1:  # vertices of a continuum of equilibria
        report.polytopes.append(_describe(game, supports))
        report.groups.append(indices)
    if solution.representatives_only:
        report.sampled.append(_describe(game, supports))
    if solution.unsolved:
        report.unsolved.append(_describe(game, supports))


def _components(groups: list[set[int]]) -> list[list[int]]:
    """Merge groups of equilibrium indices that share a member."""
    merged: list[set[int]] = []
    for group in groups:
        overlapping = [m for m in merged if m & group]
        union = set(group).union(*overlapping)
        merged = [m for m in merged if not (m & group)] + [union]
    return [sorted(m) for m in merged if len(m) > 1]


def solve_nplayer_support(
    game: NormalFormGame,
    *,
    max_supports: int | None = None,
    time_limit: float | None = None,
    on_budget: str = "raise",
    progress: bool | None = None,
) -> EquilibriumSet:
    """All Nash equilibria of a small n-player game by exact support enumeration.

    Works for any number of players (two included, e.g. as a cross-check of
    the 2-player solvers). See the module documentation for the method.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game. Exact payoffs give exact (``Fraction``) equilibria
        where the equilibrium is rational.
    max_supports : int, optional
        Refuse (or, with ``on_budget="partial"``, stop after) more than this
        many support profiles; compare :func:`estimate_support_profiles`.
    time_limit : float, optional
        Wall-clock seconds. Checked between support profiles; in the main
        thread on POSIX systems a timer also interrupts a long polynomial
        system (elsewhere one system runs to its end).
    on_budget : {"raise", "partial"}
        What to do when a budget is hit: raise
        :class:`~nea_games.errors.BudgetExceededError`, or return the
        equilibria found so far with ``complete=False`` and a note.
    progress : bool, optional
        Show a progress bar (``None``: only on long interactive runs).

    Returns
    -------
    EquilibriumSet
        Every equilibrium verified on the game (regret exactly 0, or at most
        the float tolerance for irrational equilibria, which are returned as
        floats). ``complete`` is True when every isolated equilibrium and
        every vertex of each polytope of equilibria is listed; continua that
        are not polytopes, and budgets hit, make it False. ``degenerate`` is
        True when some support carries a continuum.

    Raises
    ------
    nea_games.errors.ValidationError
        For a bad ``on_budget``, ``max_supports`` or ``time_limit``.
    nea_games.errors.BudgetExceededError
        When a budget is exceeded and ``on_budget="raise"``.
    nea_games.errors.ParametricGameError
        When the game has free parameters.

    Examples
    --------
    The 2x2x2 game of McKelvey & McLennan (1997), which has the largest
    possible number (two) of totally mixed equilibria:

    >>> from nea_games.games.catalog import mckelvey_mclennan_2x2x2
    >>> eqs = solve_nplayer_support(mckelvey_mclennan_2x2x2())
    >>> len(eqs), len(eqs.pure()), eqs.complete, eqs.max_regret()
    (9, 4, True, Fraction(0, 1))
    >>> [eq.strategies for eq in eqs if all(len(s) == 2 for s in eq.support)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [((Fraction(1, 2), Fraction(1, 2)), (Fraction(2, 5), Fraction(3, 5)), (Fraction(1, 4), Fraction(3, 4))),
     ((Fraction(2, 5), Fraction(3, 5)), (Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 3), Fraction(2, 3)))]
    """
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(
            f"solve_nplayer_support: expected a NormalFormGame, got {type(game).__name__}"
        )
    if on_budget not in ("raise", "partial"):
        raise ValidationError(f"on_budget must be 'raise' or 'partial', got {on_budget!r}")
    deadline = Deadline(time_limit)
    table, notes = _integer_table(game)
    domains = _root_domains(table)
    estimate = math.prod(2 ** len(d) - 1 for d in domains)
    limit: int | None = None
    try:
        check_budget(estimate, max_supports, "support profiles")
    except BudgetExceededError:
        if on_budget == "raise":
            raise
        limit = max_supports
    report = _Report()
    stopped: str | None = None
    sizes_list = _size_profiles(domains)
    for sizes in track(sizes_list, len(sizes_list), "support enumeration", progress):
        for supports in _supports(table, domains, sizes):
            if limit is not None and report.visited >= limit:
                stopped = f"max_supports={max_supports}"
            elif deadline.expired():
                stopped = f"time_limit={time_limit}s"
            if stopped:
                break
            try:
                with _interrupt_at(deadline):
                    found = _solve_support(table, supports)
            except _Interrupted:
                stopped = f"time_limit={time_limit}s"
                break
            report.visited += 1
            _record(game, report, supports, found)
        if stopped:
            break
    if stopped:
        stopped = (
            deadline.exceeded_message(report.visited, estimate, "support profiles")
            if stopped.startswith("time")
            else f"{stopped} reached after {report.visited} of at most {estimate} support profiles; "
            "the result is partial (complete=False)"
        )
        if on_budget == "raise":
            raise BudgetExceededError(
                f"support enumeration stopped: {stopped}; pass on_budget='partial' to keep what was found"
            )
    return _result(game, report, notes, estimate, stopped)


def _shown(items: list[str]) -> str:
    return ", ".join(items[:3]) + (", ..." if len(items) > 3 else "")


def _result(
    game: NormalFormGame, report: _Report, notes: list[str], estimate: int, stopped: str | None
) -> EquilibriumSet:
    notes = list(notes)
    if stopped:
        notes.append(stopped)
    notes.append(
        f"searched {report.visited} support profiles (at most {estimate} after removing strictly dominated "
        f"actions; the others were pruned by conditional dominance); {report.sympy_calls} Gröbner-basis "
        "computations"
    )
    if report.polytopes:
        notes.append(
            f"degenerate: on {len(report.polytopes)} support profile(s), e.g. {_shown(report.polytopes)}, "
            "the equilibria form a polytope (a continuum); all its vertices are listed, and vertices of one "
            "polytope are grouped in `components`"
        )
    if report.sampled:
        notes.append(
            f"degenerate: on {len(report.sampled)} support profile(s), e.g. {_shown(report.sampled)}, "
            "the indifference equations have a positive-dimensional, nonlinear solution set; at most one "
            "certified representative per support profile is listed, so the set is not complete"
        )
    if report.unsolved:
        notes.append(
            f"could not solve the polynomial system exactly on {_shown(report.unsolved)}; "
            "equilibria with these supports may be missing"
        )
    if report.algebraic:
        notes.append(
            "irrational equilibria are certified exactly but returned as floats (exact=False); exact values: "
            + " | ".join(report.algebraic)
        )
    if report.rejected:
        notes.append(f"{report.rejected} candidate(s) failed the final verification and were dropped")
    complete = not (stopped or report.sampled or report.unsolved or report.rejected)
    degenerate: bool | None = True if (report.polytopes or report.sampled) else (None if stopped else False)
    return EquilibriumSet(
        game,
        report.equilibria,
        method=METHOD,
        complete=complete,
        degenerate=degenerate,
        components=_components(report.groups),
        notes=notes,
    )
