r"""nashpy's bimatrix algorithms behind the nea_games interface, for comparison.

nashpy (Knight & Campbell 2018) implements three textbook algorithms for a
two-player game with payoff matrices :math:`A` (row player) and :math:`B`
(column player), following von Stengel (2007):

*support enumeration*
    for every pair of supports :math:`I, J` of equal size, solve the
    indifference equations :math:`(A y)_i = u` (:math:`i \in I`),
    :math:`(x^\top B)_j = v` (:math:`j \in J`) and keep the solutions that are
    probability vectors with no profitable deviation;
*vertex enumeration*
    list the vertices of the best-response polytopes
    :math:`P = \{x \ge 0 : B^\top x \le 1\}`,
    :math:`Q = \{y \ge 0 : A y \le 1\}` and keep the completely labelled pairs;
*Lemke-Howson*
    follow the complementary path from the artificial equilibrium
    :math:`(0, 0)` after dropping one label.

The wrappers here run nashpy, then turn each answer into an
:class:`~nea_games.solvers.result.Equilibrium` and **verify** it with the
library's own regret test; anything that fails (a wrong shape, a negative
"probability", a profitable deviation) is dropped and the drop is recorded in
``notes``, as are nashpy's warnings (which are otherwise suppressed).

Known limitations of nashpy, the reason these are comparison methods only
(every result has ``complete=False``):

* Its support enumeration decides "is this a probability vector" with a
  float sign test at tolerance ``tol`` (default ``1e-16``), so a solution whose
  zero comes back as ``-2.7e-19`` is discarded: it can **miss equilibria**.
  Degenerate games are only flagged by a warning.
* Its Lemke-Howson has no lexicographic rule, and applies integer-pivoting
  formulas to floats, so the tableau entries shrink (or grow) geometrically:
  on a random 50 x 50 game in [0, 1) they reach 1e-209 after 40 pivots, its
  ratio test then divides zero by zero, and the path never ends. It can
  therefore **cycle forever** (also on degenerate games), and on small games
  it can end at a profile that is not an equilibrium (the wrapper drops it).
  Pass ``time_limit=`` to run it in a child interpreter that is stopped
  after that many seconds (start-up costs about half a second).
  :func:`nea_games.solvers.lemke_howson.solve_lemke_howson` is the library's
  own, terminating implementation.

The library never needs nashpy for solving; it is a dependency only so that
users can compare.
"""

from __future__ import annotations

import json
import math
import numbers
import subprocess
import sys
import warnings
from collections import Counter
from typing import Any

import numpy as np
import numpy.typing as npt

from nea_games.errors import (
    BudgetExceededError,
    SolverError,
    UnsupportedGameError,
    ValidationError,
)
from nea_games.games.normal_form import NormalFormGame
from nea_games.solvers.lemke_howson import resolve_label
from nea_games.solvers.result import Equilibrium, EquilibriumSet

__all__ = ["solve_nashpy_lemke_howson", "solve_nashpy_support", "solve_nashpy_vertex"]

Profiles = list[tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]]


# --------------------------------------------------------------------------- running nashpy
def _nashpy_call(algorithm: str, A: npt.NDArray[np.float64], B: npt.NDArray[np.float64],
                 options: dict[str, Any]) -> tuple[Profiles, dict[str, int]]:
    """Run one nashpy algorithm; return its profiles and how often it raised each warning."""
    import nashpy

    counts: Counter[str] = Counter()

    def count(message: Warning | str, *args: Any, **kwargs: Any) -> None:
        counts[" ".join(str(message).split())] += 1

    game = nashpy.Game(A, B)
    with warnings.catch_warnings():  # restores the filters and showwarning afterwards
        warnings.simplefilter("always")
        warnings.showwarning = count  # counted, not stored: a cycling run warns without end
        with np.errstate(all="warn"):
            if algorithm == "lemke_howson":
                found: Any = [game.lemke_howson(**options)]
            else:
                found = list(getattr(game, algorithm)(**options))
    profiles = [(np.asarray(s1, dtype=float), np.asarray(s2, dtype=float)) for s1, s2 in found]
    return profiles, dict(counts)


def _child_main() -> None:  # pragma: no cover - runs in a child process
    """Entry point of the child process: JSON request on stdin, JSON answer on stdout."""
    request = json.load(sys.stdin)
    A, B = np.array(request["A"], dtype=float), np.array(request["B"], dtype=float)
    try:
        profiles, messages = _nashpy_call(request["algorithm"], A, B, request["options"])
        answer: dict[str, Any] = {
            "profiles": [[s1.tolist(), s2.tolist()] for s1, s2 in profiles],
            "warnings": messages,
        }
    except Exception as error:
        answer = {"error": f"{type(error).__name__}: {error}"}
    json.dump(answer, sys.stdout)


def _run_nashpy(algorithm: str, game: NormalFormGame, options: dict[str, Any],
                time_limit: float | None) -> tuple[Profiles, dict[str, int]]:
    payoffs = game.float_payoffs()
    A, B = np.array(payoffs[0]), np.array(payoffs[1])
    if time_limit is None:
        try:
            return _nashpy_call(algorithm, A, B, options)
        except Exception as error:
            raise SolverError(f"nashpy's {algorithm} failed: {type(error).__name__}: {error}") from error
    # a child interpreter that can be stopped: nashpy's loops cannot be interrupted otherwise
    request = json.dumps({"algorithm": algorithm, "A": A.tolist(), "B": B.tolist(), "options": options})
    child = "from nea_games.solvers.nashpy_backend import _child_main; _child_main()"
    command = [sys.executable, "-c", child]
    try:
        done = subprocess.run(command, input=request, capture_output=True, text=True, timeout=time_limit)
    except subprocess.TimeoutExpired:
        cycles = algorithm == "lemke_howson"
        hint = " (it can cycle; method 'lemke_howson' always terminates)" if cycles else ""
        raise BudgetExceededError(
            f"nashpy's {algorithm} did not finish within time_limit={time_limit}s{hint}"
        ) from None
    if done.returncode != 0 or not done.stdout:
        last = done.stderr.strip().splitlines()[-1:] or ["no output"]
        raise SolverError(f"nashpy's {algorithm} failed in its child process: {last[0]}")
    answer = json.loads(done.stdout)
    if "error" in answer:
        raise SolverError(f"nashpy's {algorithm} failed: {answer['error']}")
    profiles = [(np.array(s1, dtype=float), np.array(s2, dtype=float)) for s1, s2 in answer["profiles"]]
    return profiles, {str(k): int(v) for k, v in answer["warnings"].items()}


# --------------------------------------------------------------------------- converting answers
def _check_game(game: Any, where: str) -> NormalFormGame:
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"{where}: expected a NormalFormGame, got {type(game).__name__}")
    if game.n_players != 2:
        raise UnsupportedGameError(f"{where}: nashpy handles 2-player games, this one has {game.n_players}")
    game.float_payoffs()  # raises ParametricGameError for games with free parameters
    return game


def _check_time_limit(time_limit: float | None) -> float | None:
    if time_limit is None:
        return None
    if isinstance(time_limit, bool) or not isinstance(time_limit, numbers.Real) or not time_limit > 0:
        raise ValidationError(f"time_limit must be a positive number of seconds, got {time_limit!r}")
    if not math.isfinite(float(time_limit)):
        raise ValidationError(f"time_limit must be finite, got {time_limit!r}")
    return float(time_limit)


def _collect(game: NormalFormGame, method: str, profiles: Profiles, messages: dict[str, int],
             notes: list[str]) -> EquilibriumSet:
    """Verified, de-duplicated equilibria, with a note for everything dropped."""
    kept: list[Equilibrium] = []
    dropped, duplicates = [], 0
    for k, (s1, s2) in enumerate(profiles, start=1):
        try:
            strategies = [s1.tolist(), s2.tolist()]
            candidate = Equilibrium.from_strategies(game, strategies, method=method, exact=False)
        except ValidationError as error:
            dropped.append(f"answer {k} is not a mixed-strategy profile ({error})")
            continue
        if not candidate.is_equilibrium():
            dropped.append(f"answer {k} is not an equilibrium (regret {float(candidate.regret()):.3g})")
        elif any(candidate.isclose(other) for other in kept):
            duplicates += 1
        else:
            kept.append(candidate)
    notes = list(notes)
    notes.extend(f"dropped: {reason}" for reason in dropped)
    if duplicates:
        notes.append(f"dropped {duplicates} duplicate answer(s)")
    for message, count in messages.items():
        notes.append(f"nashpy warned{f' {count} times' if count > 1 else ''}: {message}")
    return EquilibriumSet(game, kept, method=method, complete=False, notes=notes)


# --------------------------------------------------------------------------- public wrappers
def solve_nashpy_support(
    game: NormalFormGame, *, non_degenerate: bool = False, tol: float = 1e-16, time_limit: float | None = None
) -> EquilibriumSet:
    """Equilibria by nashpy's support enumeration, verified (for comparison).

    Parameters
    ----------
    game : NormalFormGame
        A numeric two-player game.
    non_degenerate : bool, default False
        nashpy's option: ``False`` tries only supports of equal size (which
        misses equilibria of degenerate games), ``True`` tries all sizes.
    tol : float, default 1e-16
        nashpy's tolerance for its sign tests.
    time_limit : float, optional
        Run nashpy in a child process and give up after this many seconds.

    Returns
    -------
    EquilibriumSet
        ``complete=False``: nashpy's float sign test can discard valid
        equilibria.

    Raises
    ------
    nea_games.errors.BudgetExceededError
        If ``time_limit`` passes first.
    nea_games.errors.SolverError
        If nashpy raises.

    Examples
    --------
    >>> from nea_games import NormalFormGame
    >>> bos = NormalFormGame.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> eqs = solve_nashpy_support(bos)
    >>> [eq.pure_profile for eq in eqs]
    [('a1', 'a1'), None, ('a2', 'a2')]
    >>> [[round(p, 9) for p in s] for s in eqs[1].strategies]
    [[0.666666667, 0.333333333], [0.333333333, 0.666666667]]
    >>> eqs.complete
    False
    """
    game = _check_game(game, "solve_nashpy_support")
    method = "nashpy_support_enumeration"
    options = {"non_degenerate": bool(non_degenerate), "tol": float(tol)}
    profiles, messages = _run_nashpy("support_enumeration", game, options, _check_time_limit(time_limit))
    notes = [f"nashpy support enumeration (tol={tol:g}); its float sign test can miss equilibria"]
    return _collect(game, method, profiles, messages, notes)


def solve_nashpy_vertex(game: NormalFormGame, *, time_limit: float | None = None) -> EquilibriumSet:
    """Equilibria by nashpy's vertex enumeration, verified (for comparison).

    Parameters
    ----------
    game : NormalFormGame
        A numeric two-player game.
    time_limit : float, optional
        Run nashpy in a child process and give up after this many seconds.

    Returns
    -------
    EquilibriumSet
        ``complete=False`` (float vertex enumeration; degenerate games can
        lose or repeat vertices).

    Examples
    --------
    >>> from nea_games import NormalFormGame
    >>> mp = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    >>> eqs = solve_nashpy_vertex(mp)
    >>> [[round(p, 9) for p in s] for s in eqs[0].strategies]
    [[0.5, 0.5], [0.5, 0.5]]
    """
    game = _check_game(game, "solve_nashpy_vertex")
    profiles, messages = _run_nashpy("vertex_enumeration", game, {}, _check_time_limit(time_limit))
    notes = ["nashpy vertex enumeration (floats)"]
    return _collect(game, "nashpy_vertex_enumeration", profiles, messages, notes)


def solve_nashpy_lemke_howson(
    game: NormalFormGame, *, initial_dropped_label: int | str | tuple[int | str, int | str] = 0,
    time_limit: float | None = None,
) -> EquilibriumSet:
    """One equilibrium by nashpy's Lemke-Howson, verified (for comparison).

    nashpy's implementation has no lexicographic rule and can **cycle
    forever** (degenerate games, and random float games from about 50 x 50,
    whose tableau entries underflow); give a ``time_limit`` whenever the game
    is not tiny.

    Parameters
    ----------
    game : NormalFormGame
        A numeric two-player game.
    initial_dropped_label : int, str or (player, action), default 0
        The label to drop, as for
        :func:`~nea_games.solvers.lemke_howson.solve_lemke_howson`.
    time_limit : float, optional
        Run nashpy in a child process and give up after this many seconds.

    Returns
    -------
    EquilibriumSet
        At most one equilibrium (none if nashpy's answer fails
        verification, as it can on degenerate games); ``complete=False``.

    Raises
    ------
    nea_games.errors.BudgetExceededError
        If ``time_limit`` passes first.

    Examples
    --------
    >>> from nea_games import NormalFormGame
    >>> bos = NormalFormGame.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> solve_nashpy_lemke_howson(bos, initial_dropped_label=1)[0].label
    'pure (a2, a2)'
    """
    game = _check_game(game, "solve_nashpy_lemke_howson")
    label = resolve_label(game, initial_dropped_label)
    limit = _check_time_limit(time_limit)
    profiles, messages = _run_nashpy("lemke_howson", game, {"initial_dropped_label": label}, limit)
    notes = [f"nashpy Lemke-Howson from label {label} (no lexicographic rule; can cycle)"]
    return _collect(game, "nashpy_lemke_howson", profiles, messages, notes)
