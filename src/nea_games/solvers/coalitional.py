r"""Solution concepts of TU coalitional games: Shapley value, Banzhaf index, core.

**Shapley value** (Shapley 1953). Player :math:`i` receives its marginal
contribution averaged over all orders in which the grand coalition can
form,

.. math::

   \phi_i(v) = \sum_{S \subseteq N \setminus \{i\}}
       \frac{|S|!\,(n - |S| - 1)!}{n!}\,\bigl(v(S \cup \{i\}) - v(S)\bigr).

It is the unique value that is efficient (:math:`\sum_i \phi_i = v(N)`),
symmetric, additive and gives dummies their stand-alone value. In a simple
game it is the *Shapley–Shubik power index* (Shapley and Shubik 1954): the
share of orders in which :math:`i` is pivotal.

**Banzhaf value** (Banzhaf 1965; Penrose 1946). The plain average of the
marginal contributions,
:math:`\beta_i = 2^{-(n-1)} \sum_{S \subseteq N \setminus \{i\}}
(v(S \cup \{i\}) - v(S))`; in a simple game, the number of *swings*
(winning coalitions that :math:`i` turns into losing ones by leaving) over
:math:`2^{n-1}`. The *normalised* index :math:`\beta_i / \sum_j \beta_j`
gives each player's share of all swings.

**Core** (Gillies 1959). The efficient allocations no coalition can
improve on: :math:`x(N) = v(N)` and :math:`x(S) \ge v(S)` for every
:math:`S`. The *least core* relaxes every coalition constraint by the
smallest :math:`\varepsilon` that makes the set non-empty,

.. math::

   \varepsilon^* = \min \{\varepsilon : x(N) = v(N),\ x(S) \ge v(S) - \varepsilon
   \ \ \forall S \ne \emptyset, N\},

so the core is non-empty iff :math:`\varepsilon^* \le 0` (equivalently, by
the Bondareva–Shapley theorem, iff the game is balanced). Convex games have
a non-empty core that contains the Shapley value (Shapley 1971).

Algorithms.

* Shapley and Banzhaf by the subset formula, vectorised over coalitions
  encoded as bitmasks: with :math:`T_{ik} = \sum_{|S| = k,\, i \in S} v(S)`
  and :math:`V_k = \sum_{|S| = k} v(S)`,
  :math:`n!\,\phi_i = \sum_k (k-1)!(n-k)!\,T_{ik} - k!(n-k-1)!\,(V_k - T_{ik})`.
  Exact values are scaled to integers over a common denominator, so exact
  games give exact :class:`~fractions.Fraction` results; symbolic values give
  sympy expressions. Cost :math:`O(n 2^n)`, bounded by ``max_players``.
* Weighted voting games with exact weights by dynamic programming over
  weights (Mann and Shapley 1962; Matsui and Matsui 2000): after scaling the
  weights to integers, count the coalitions of each size and each total
  weight below the quota, remove player :math:`i` by inverting one knapsack
  step, and count the :math:`S \not\ni i` with
  :math:`q - w_i \le w(S) < q` by size. Cost :math:`O(n^2 q)`, bounded by
  ``max_work``; a 27-member council takes milliseconds.
* The least core by a linear programme (scipy's HiGHS), then, for exact
  games, an exact vertex rebuilt in fractions from a basis of tight
  constraints and certified optimal by its dual multipliers
  (:mod:`nea_games.solvers._exact_lp`). Core vertices, for small games, by
  solving every square system of :math:`n - 1` coalition constraints and
  efficiency (batched in floats), keeping the feasible solutions and
  re-solving them exactly in fractions.

The core's result class, linear programme and vertex enumeration live in the
private module ``_coalitional_core``; this module is their public home.

References
----------
L. S. Shapley (1953), "A value for n-person games", in *Contributions to the
Theory of Games II*, 307–317. L. S. Shapley and M. Shubik (1954), "A method
for evaluating the distribution of power in a committee system", *APSR* 48,
787–792. J. F. Banzhaf (1965), "Weighted voting doesn't work", *Rutgers Law
Review* 19, 317–343. D. B. Gillies (1959), "Solutions to general non-zero-sum
games", *Contributions to the Theory of Games IV*. I. Mann and L. S. Shapley
(1962), "Values of large games VI: evaluating the Electoral College exactly",
RAND RM-3158. T. Matsui and Y. Matsui (2000), "A survey of algorithms for
calculating power indices of weighted majority games", *J. Operations
Research Society of Japan* 43, 71–86.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Literal

import numpy as np
import sympy

from nea_games._numeric import TOLERANCE, as_fraction
from nea_games.errors import (
    BudgetExceededError,
    ParametricGameError,
    UnknownNameError,
    ValidationError,
)
from nea_games.games._coalition_bits import MAX_PLAYERS, bit_matrix, check_size, scaled_integers
from nea_games.games.coalitional import CoalitionalGame, WeightedVotingGame
from nea_games.solvers._coalitional_core import Core, core_vertices, least_core

__all__ = ["Core", "banzhaf_index", "core", "shapley_value", "swing_counts"]

Method = Literal["auto", "subsets", "dp"]
#: Default bound on the dynamic programme's work, about n * n * quota elementary steps.
MAX_WORK = 10**8
#: Default bound on the number of square systems tried when listing core vertices.
MAX_BASES = 10**6


def _check_game(game: Any, what: str) -> CoalitionalGame:
    if not isinstance(game, CoalitionalGame):
        raise ValidationError(f"{what}: expected a CoalitionalGame, got {type(game).__name__}")
    return game


def _dp_game(
    game: CoalitionalGame, method: Method, max_players: int | None, max_work: int | None
) -> WeightedVotingGame | None:
    """The game itself if the dynamic programme should run, else ``None`` (use the subset formula)."""
    if method not in ("auto", "subsets", "dp"):
        raise UnknownNameError(f"method: expected 'auto', 'subsets' or 'dp', got {method!r}")
    wvg = game if isinstance(game, WeightedVotingGame) and game.weight_kind == "exact" else None
    if method == "dp" and wvg is None:
        raise ValidationError(
            "method='dp' needs a weighted voting game with exact (int or Fraction) weights; "
            "use method='subsets' for other games"
        )
    if method == "subsets" or wvg is None:
        return None
    if method == "dp" or max_work is None or _dp_work(wvg) <= max_work:
        return wvg
    if max_players is None or game.n_players <= max_players:
        return None
    raise BudgetExceededError(
        f"the weighted voting game has {game.n_players} players (more than max_players={max_players}) and "
        f"the dynamic programme needs about {_dp_work(wvg)} steps (more than max_work={max_work}); "
        "raise one of the bounds"
    )


# ---------------------------------------------------------------------- weighted voting: dynamic programme


def _integer_weights(game: WeightedVotingGame) -> tuple[list[int], int]:
    ints, _ = scaled_integers([as_fraction(w) for w in (*game.weights.values(), game.quota)])
    values = [int(v) for v in ints]
    return values[:-1], values[-1]


def _dp_work(game: WeightedVotingGame) -> int:
    _, quota = _integer_weights(game)
    return 2 * game.n_players * (game.n_players + 1) * quota


def swing_counts(game: WeightedVotingGame, *, max_work: int | None = MAX_WORK) -> dict[str, list[int]]:
    r"""Swings by coalition size: how many coalitions of each size each player tips.

    ``counts[i][k]`` is the number of coalitions :math:`S \not\ni i` with
    :math:`|S| = k` that player :math:`i` *tips*: :math:`S` loses and
    :math:`S \cup \{i\}` wins. Computed by dynamic programming over integer
    weights, without enumerating coalitions.

    Examples
    --------
    >>> from nea_games.games.coalitional import weighted_voting_game
    >>> swing_counts(weighted_voting_game([2, 1, 1], 3))
    {'P1': [0, 2, 1], 'P2': [0, 1, 0], 'P3': [0, 1, 0]}
    """
    if not isinstance(game, WeightedVotingGame) or game.weight_kind != "exact":
        raise ValidationError(
            "swing_counts needs a weighted voting game with exact (int or Fraction) weights"
        )
    weights, quota = _integer_weights(game)
    n = len(weights)
    work = _dp_work(game)
    if max_work is not None and work > max_work:
        raise BudgetExceededError(
            f"the weighted-voting dynamic programme for {n} players and quota {quota} (in integer units) "
            f"needs about {work} steps, more than max_work={max_work}; raise max_work"
        )
    dtype: Any = np.int64 if n <= 60 else object
    # counts[k, s]: coalitions of k players with total weight s < quota
    counts = np.zeros((n + 1, quota), dtype=dtype)
    counts[0, 0] = 1
    for w in weights:
        if w < quota:
            counts[1:, w:] += counts[:-1, : quota - w].copy()
    result: dict[str, list[int]] = {}
    for name, w in zip(game.players, weights, strict=True):
        without = counts.copy()
        if w < quota:  # undo player i's knapsack step, smallest size first
            for k in range(1, n + 1):
                without[k, w:] -= without[k - 1, : quota - w]
        low = max(0, quota - w)
        result[name] = [int(v) for v in without[:n, low:].sum(axis=1)]
    return result


# ---------------------------------------------------------------------- subset formula


def _grouped_sums(game: CoalitionalGame, max_players: int | None, what: str) -> tuple[Any, Any, int]:
    """``T[i][k]``, ``V[k]`` (see the module docstring) and the common denominator of exact values."""
    n = game.n_players
    check_size(n, max_players, what)
    values = game.coalition_values(max_players=None)
    den = 1
    if game.kind == "exact":
        values, den = scaled_integers(list(values))
    bits = bit_matrix(n)
    sizes = bits.sum(axis=1, dtype=np.int64)
    member = bits.astype(values.dtype)
    T = np.empty((n, n + 1), dtype=values.dtype)
    V = np.empty(n + 1, dtype=values.dtype)
    for k in range(n + 1):
        pick = sizes == k
        T[:, k] = member[pick].T @ values[pick]
        V[k] = values[pick].sum()
    return T, V, den


def _finish(value: Any, kind: str) -> Any:
    if kind == "symbolic":
        return sympy.simplify(value)
    return value


def shapley_value(
    game: CoalitionalGame,
    *,
    method: Method = "auto",
    max_players: int | None = MAX_PLAYERS,
    max_work: int | None = MAX_WORK,
) -> dict[str, Any]:
    r"""The Shapley value :math:`\phi_i(v)` of every player.

    Parameters
    ----------
    game : CoalitionalGame
    method : {"auto", "subsets", "dp"}
        ``"subsets"``: the subset formula over all :math:`2^n` coalitions.
        ``"dp"``: dynamic programming over weights (weighted voting games
        with exact weights only). ``"auto"`` uses ``"dp"`` where it applies.
    max_players : int or None
        Largest ``n`` for the subset formula (:math:`2^n` coalitions).
    max_work : int or None
        Largest work estimate (:math:`\approx 2 n^2 q`) for the dynamic programme.

    Returns
    -------
    dict
        Player name to value: :class:`~fractions.Fraction` for exact games,
        float for float games, sympy expressions for symbolic games.

    Raises
    ------
    nea_games.errors.BudgetExceededError
        The game is too large for the chosen method and bound.

    Examples
    --------
    >>> from nea_games.games.coalitional import weighted_voting_game
    >>> shapley_value(weighted_voting_game({"A": 2, "B": 1, "C": 1}, quota=3))
    {'A': Fraction(2, 3), 'B': Fraction(1, 6), 'C': Fraction(1, 6)}
    """
    game = _check_game(game, "shapley_value")
    n = game.n_players
    wvg = _dp_game(game, method, max_players, max_work)
    if wvg is not None:
        counts = swing_counts(wvg, max_work=max_work)
        total = math.factorial(n)
        weight = [math.factorial(k) * math.factorial(n - k - 1) for k in range(n)]
        return {
            p: Fraction(sum(c * w for c, w in zip(row, weight, strict=True)), total)
            for p, row in counts.items()
        }
    T, V, den = _grouped_sums(game, max_players, "the Shapley value by the subset formula")
    inside = [math.factorial(k - 1) * math.factorial(n - k) if k >= 1 else 0 for k in range(n + 1)]
    outside = [math.factorial(k) * math.factorial(n - k - 1) if k < n else 0 for k in range(n + 1)]
    total = math.factorial(n)
    a_float = np.array([Fraction(x, total) for x in inside], dtype=float)
    b_float = np.array([Fraction(x, total) for x in outside], dtype=float)
    result: dict[str, Any] = {}
    for i, player in enumerate(game.players):
        if game.kind == "exact":
            row, sizes = [int(t) for t in T[i]], [int(v) for v in V]
            num = sum(a * t - b * (s - t) for a, b, t, s in zip(inside, outside, row, sizes, strict=True))
            result[player] = Fraction(num, total * den)
        elif game.kind == "float":
            result[player] = float(a_float @ T[i] - b_float @ (V - T[i]))
        else:
            expr = sum(
                sympy.Rational(a, total) * t - sympy.Rational(b, total) * (s - t)
                for a, b, t, s in zip(inside, outside, T[i], V, strict=True)
            )
            result[player] = _finish(expr, "symbolic")
    return result


def banzhaf_index(
    game: CoalitionalGame,
    *,
    normalized: bool = True,
    method: Method = "auto",
    max_players: int | None = MAX_PLAYERS,
    max_work: int | None = MAX_WORK,
) -> dict[str, Any]:
    r"""The Banzhaf index of every player: normalised (shares summing to 1) or raw.

    Parameters
    ----------
    game : CoalitionalGame
    normalized : bool
        ``True`` (default): :math:`\beta_i / \sum_j \beta_j`, each player's
        share of all swings. ``False``: the raw (absolute, Penrose–Banzhaf)
        value :math:`\beta_i`, the average marginal contribution over the
        :math:`2^{n-1}` coalitions of the others (in a simple game, the
        probability of being decisive when everyone else votes at random).
    method, max_players, max_work
        As in :func:`shapley_value`.

    Raises
    ------
    nea_games.errors.ValidationError
        ``normalized=True`` and every raw value is zero (nothing to share).

    Examples
    --------
    >>> from nea_games.games.coalitional import weighted_voting_game
    >>> w = weighted_voting_game({"A": 2, "B": 1, "C": 1}, quota=3)
    >>> banzhaf_index(w)
    {'A': Fraction(3, 5), 'B': Fraction(1, 5), 'C': Fraction(1, 5)}
    >>> banzhaf_index(w, normalized=False)
    {'A': Fraction(3, 4), 'B': Fraction(1, 4), 'C': Fraction(1, 4)}
    """
    game = _check_game(game, "banzhaf_index")
    n = game.n_players
    raw: dict[str, Any]
    wvg = _dp_game(game, method, max_players, max_work)
    if wvg is not None:
        counts = swing_counts(wvg, max_work=max_work)
        raw = {p: Fraction(sum(row), 2 ** (n - 1)) for p, row in counts.items()}
    else:
        T, V, den = _grouped_sums(game, max_players, "the Banzhaf index by the subset formula")
        inside, everything = T.sum(axis=1), V.sum()
        scale = 2 ** (n - 1)
        if game.kind == "exact":
            raw = {
                p: Fraction(2 * int(t) - int(everything), scale * den)
                for p, t in zip(game.players, inside, strict=True)
            }
        elif game.kind == "float":
            raw = {p: float(2 * t - everything) / scale for p, t in zip(game.players, inside, strict=True)}
        else:
            raw = {
                p: _finish((2 * t - everything) / scale, "symbolic")
                for p, t in zip(game.players, inside, strict=True)
            }
    if not normalized:
        return raw
    total = sum(raw.values())
    if game.kind == "symbolic" and not isinstance(game, WeightedVotingGame):
        return {p: _finish(v / total, "symbolic") for p, v in raw.items()}
    if total == 0 or (isinstance(total, float) and abs(total) <= TOLERANCE):
        raise ValidationError(
            "banzhaf_index: every raw Banzhaf value is zero, so the normalised index is undefined; "
            "use normalized=False"
        )
    return {p: v / total for p, v in raw.items()}


def core(
    game: CoalitionalGame,
    *,
    vertices: bool | None = None,
    max_players: int | None = 12,
    max_bases: int | None = MAX_BASES,
) -> Core:
    r"""The core and least core of a numeric TU game.

    Parameters
    ----------
    game : CoalitionalGame
        A game with numeric values (exact or float).
    vertices : bool or None
        List the core's vertices: ``None`` (default) when the number of
        square systems to try, :math:`\binom{2^n - 2}{n - 1}`, is at most
        ``max_bases``; ``True`` always (raising if over the bound);
        ``False`` never.
    max_players : int or None
        Largest ``n`` for the linear programme (:math:`2^n` constraints).
    max_bases : int or None
        Bound on the square systems tried for the vertices.

    Raises
    ------
    nea_games.errors.ParametricGameError
        The game has symbolic values.

    Examples
    --------
    >>> from nea_games.games.coalitional import CoalitionalGame
    >>> glove = CoalitionalGame(["L", "R1", "R2"], lambda S: int("L" in S and len(S) >= 2))
    >>> c = core(glove)
    >>> c.is_empty, c.point, c.least_core_epsilon
    (False, {'L': Fraction(1, 1), 'R1': Fraction(0, 1), 'R2': Fraction(0, 1)}, Fraction(0, 1))
    >>> c.contains({"L": 1, "R1": 0, "R2": 0}), c.contains([0.5, 0.5, 0])
    (True, False)
    """
    game = _check_game(game, "core")
    if game.kind == "symbolic":
        raise ParametricGameError(
            "core: the core is a set of numbers and needs a numeric game, but v depends on "
            f"{', '.join(map(str, game.parameters)) or 'irrational constants'}; "
            "substitute values with game.subs(...)"
        )
    n = game.n_players
    check_size(n, max_players, "the core's linear programme")
    v = game.coalition_values(max_players=None)
    exact = game.kind == "exact"
    if n == 1:  # no proper coalition constrains anything: the core is {v(N)}
        alone = {game.players[0]: v[-1]}
        note = "one player: no coalition constraint, so the least-core epsilon is unbounded below (None)"
        return Core(game, False, None, alone, None if vertices is False else (alone,), exact, (note,))
    least = least_core(game, v, exact)
    notes = list(least.notes)
    found: tuple[dict[str, Any], ...] | None = None
    bases = math.comb(2**n - 2, n - 1)
    if vertices is True or (vertices is None and (max_bases is None or bases <= max_bases)):
        if vertices is True and max_bases is not None and bases > max_bases:
            raise BudgetExceededError(
                f"listing the core's vertices for {n} players tries {bases} square systems, "
                f"more than max_bases={max_bases}; raise max_bases"
            )
        found = () if least.empty else core_vertices(game, v, least.exact)
    elif vertices is None:
        notes.append(f"vertices not listed: {bases} square systems exceed max_bases={max_bases}")
    point = dict(zip(game.players, least.point, strict=True))
    return Core(game, least.empty, least.epsilon, point, found, least.exact, tuple(notes))
