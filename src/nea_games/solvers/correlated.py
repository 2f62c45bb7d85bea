r"""Correlated equilibria of n-player games by linear programming.

A *correlated equilibrium* (Aumann 1974) is a probability distribution
:math:`p` over pure profiles such that no player, told only their own
recommended action :math:`a_i`, gains by switching to another action
:math:`b`:

.. math::

    \sum_{a_{-i}} p(a_i, a_{-i}) \,\bigl[u_i(b, a_{-i}) - u_i(a_i, a_{-i})\bigr] \le 0
    \qquad \text{for every player } i \text{ and actions } a_i \ne b .

With the simplex constraints :math:`\sum_a p(a) = 1`, :math:`p \ge 0`, these
incentive constraints describe a polytope (:func:`correlated_polytope`,
written ``A_ub @ p <= b_ub``, ``A_eq @ p = b_eq``) that contains every Nash
equilibrium as a product distribution. Optimising a linear objective over it
is a linear programme,

.. math::

    \max_p \; \sum_a p(a) \sum_i w_i u_i(a) \quad \text{s.t.} \quad
    A_{ub}\, p \le 0, \quad \mathbf{1}^\top p = 1, \quad p \ge 0,

solved with scipy's HiGHS. :func:`correlated_equilibrium` maximises total
welfare by default (:math:`w = \mathbf{1}`), or a weighted sum, or one
player's payoff.

**Exact games.** The LP vertex is rebuilt in Fractions from a basis of its
tight constraints (as in :mod:`nea_games.solvers.zero_sum`), and the incentive
constraints are checked exactly; the same basis's dual multipliers certify
optimality exactly when they are dual feasible. When the reconstruction
fails, the float solution is returned with ``exact=False`` and a note.

References
----------
R. J. Aumann (1974), "Subjectivity and correlation in randomized strategies",
*Journal of Mathematical Economics* 1, 67–96.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from nea_games._numeric import as_fraction, tolerance_for
from nea_games._tables import TableView
from nea_games.errors import ProbabilityError, ShapeError, SolverError, UnknownNameError, ValidationError
from nea_games.games.normal_form import NormalFormGame
from nea_games.games.render import format_number
from nea_games.solvers._exact_lp import linear_programme, rational_matvec

__all__ = [
    "CorrelatedEquilibrium",
    "CorrelatedPolytope",
    "correlated_equilibrium",
    "correlated_polytope",
    "is_correlated_equilibrium",
]

_PROBABILITY_TOLERANCE = 1e-7  # the same slack as Equilibrium profiles (result.make_profile)


def _is_exact_number(value: Any) -> bool:
    return isinstance(value, (numbers.Rational, np.integer)) and not isinstance(value, (bool, np.bool_))


@dataclass(frozen=True, eq=False)
class CorrelatedPolytope:
    """The correlated-equilibrium polytope ``{p : A_ub @ p <= b_ub, A_eq @ p = b_eq, p >= 0}``.

    ``p`` is the distribution flattened in the order of :attr:`profile_labels`
    (array order). Row ``k`` of ``A_ub`` is the expected gain of the switch
    named ``constraint_labels[k]`` (e.g. ``"Row: U -> D"``: Row, told to play
    U, plays D instead). Arrays hold Fractions for exact games, floats
    otherwise; ``A_ub_float`` is always a float copy of ``A_ub``.

    Examples
    --------
    >>> g = NormalFormGame.bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]], players=["Row", "Col"],
    ...                             actions=[["U", "D"], ["L", "R"]])
    >>> poly = correlated_polytope(g)
    >>> poly.constraint_labels
    ('Row: U -> D', 'Row: D -> U', 'Col: L -> R', 'Col: R -> L')
    >>> poly.A_ub[0].tolist()
    [Fraction(-1, 1), Fraction(1, 1), Fraction(0, 1), Fraction(0, 1)]
    >>> poly.contains({("U", "L"): Fraction(1, 2), ("D", "R"): Fraction(1, 2)})
    True
    """

    game: NormalFormGame
    A_ub: npt.NDArray[Any]
    b_ub: npt.NDArray[Any]
    A_eq: npt.NDArray[Any]
    b_eq: npt.NDArray[Any]
    constraint_labels: tuple[str, ...]
    profile_labels: tuple[tuple[str, ...], ...]
    exact: bool
    A_ub_float: npt.NDArray[np.float64] = field(repr=False)

    def gains(self, distribution: Any) -> npt.NDArray[Any]:
        """``A_ub @ p``: the expected gain of each switch (all ``<= 0`` in a correlated equilibrium)."""
        p = _distribution(self.game, distribution, self.exact)
        if p.dtype == object and self.exact:
            return np.array(rational_matvec(self.A_ub, list(p)), dtype=object)
        return np.asarray(self.A_ub_float @ p.astype(float), dtype=float)

    def contains(self, distribution: Any, tol: float | None = None) -> bool:
        """True when ``distribution`` satisfies every incentive constraint.

        ``distribution`` is an array of shape ``n_actions`` (or flat, in
        profile order) or a mapping from action-name profiles to
        probabilities (missing profiles have probability 0). Exact games with
        exact probabilities are checked exactly; otherwise within ``tol``
        (default :func:`~nea_games._numeric.tolerance_for` the payoffs).

        Raises
        ------
        nea_games.errors.ShapeError
            If the array has the wrong shape.
        nea_games.errors.ProbabilityError
            If probabilities are negative, non-finite or do not sum to one.
        """
        gains = self.gains(distribution)
        if gains.dtype == object and tol is None:
            return all(g <= 0 for g in gains)
        bound = tolerance_for(self.game.float_payoffs()) if tol is None else tol
        return bool(np.all(gains.astype(float) <= bound))


def correlated_polytope(game: NormalFormGame) -> CorrelatedPolytope:
    """The incentive and simplex constraints of the correlated equilibria of ``game``.

    One constraint per player and ordered pair of distinct actions
    (:math:`\\sum_i m_i (m_i - 1)` in all), over :math:`\\prod_i m_i`
    profile probabilities.

    Raises
    ------
    nea_games.errors.ParametricGameError
        If the game has free parameters.
    """
    exact = game.is_exact
    floats, labels = _incentive_rows(game, game.float_payoffs(), 0.0)
    A_ub = _incentive_rows(game, game.payoffs, Fraction(0))[0] if exact else floats
    dtype: Any = object if exact else float
    zero, one = (Fraction(0), Fraction(1)) if exact else (0.0, 1.0)
    b_ub, A_eq = np.full(len(A_ub), zero, dtype=dtype), np.full((1, A_ub.shape[1]), one, dtype=dtype)
    b_eq = np.array([one], dtype=dtype)
    for array in (A_ub, b_ub, A_eq, b_eq, floats):
        array.setflags(write=False)
    return CorrelatedPolytope(game, A_ub, b_ub, A_eq, b_eq, labels, tuple(game.profiles()), exact, floats)


def _incentive_rows(
    game: NormalFormGame, payoffs: npt.NDArray[Any], zero: Any
) -> tuple[npt.NDArray[Any], tuple[str, ...]]:
    """The incentive constraint matrix (one row per player and switch ``a -> b``) and its labels."""
    shape = game.n_actions
    pairs = [(i, a, b) for i, m in enumerate(shape) for a in range(m) for b in range(m) if a != b]
    matrix = np.full((len(pairs), *shape), zero, dtype=object if isinstance(zero, Fraction) else float)
    for row, (i, a, b) in zip(matrix, pairs, strict=True):
        index: list[Any] = [slice(None)] * len(shape)
        index[i] = a
        row[tuple(index)] = np.take(payoffs[i], b, axis=i) - np.take(payoffs[i], a, axis=i)
    labels = tuple(f"{game.players[i]}: {game.actions[i][a]} -> {game.actions[i][b]}" for i, a, b in pairs)
    return matrix.reshape(len(pairs), math.prod(shape)), labels


def _distribution(game: NormalFormGame, distribution: Any, exact: bool) -> npt.NDArray[Any]:
    """Validate a distribution over profiles; flat Fractions (exact input, exact game) or floats."""
    n = math.prod(game.n_actions)
    if isinstance(distribution, Mapping):
        flat = np.zeros(n, dtype=object)
        for profile, value in distribution.items():
            flat[int(np.ravel_multi_index(game.profile_index(profile), game.n_actions))] += value
    else:
        array = np.array(distribution, dtype=object)
        if array.shape not in (tuple(game.n_actions), (n,)):
            raise ShapeError(
                f"distribution: expected shape {tuple(game.n_actions)} (one probability per profile), "
                f"got shape {array.shape}"
            )
        flat = array.reshape(-1)
    if exact and all(_is_exact_number(v) for v in flat):
        probs = np.array([as_fraction(v) for v in flat], dtype=object)
        if any(p < 0 for p in probs):
            raise ProbabilityError(f"distribution: negative probability {min(probs)}")
        if sum(probs) != 1:
            raise ProbabilityError(f"distribution: probabilities sum to {sum(probs)}, not 1")
        return probs
    try:
        values = np.array([float(v) for v in flat], dtype=float)
    except (TypeError, ValueError) as error:
        raise ProbabilityError(f"distribution: probabilities must be numbers ({error})") from None
    if not np.all(np.isfinite(values)):
        raise ProbabilityError("distribution: probabilities must be finite")
    if values.min(initial=0.0) < -_PROBABILITY_TOLERANCE:
        raise ProbabilityError(f"distribution: negative probability {values.min()!r}")
    if abs(values.sum() - 1.0) > _PROBABILITY_TOLERANCE:
        raise ProbabilityError(f"distribution: probabilities sum to {values.sum()!r}, not 1")
    return values


def is_correlated_equilibrium(game: NormalFormGame, distribution: Any, tol: float | None = None) -> bool:
    """True when ``distribution`` over pure profiles is a correlated equilibrium of ``game``.

    See :meth:`CorrelatedPolytope.contains` for the accepted forms and the tolerance.

    Examples
    --------
    Aumann's traffic light in chicken: each of (Chicken, Chicken), (Chicken, Dare)
    and (Dare, Chicken) with probability 1/3.

    >>> chicken = NormalFormGame.symmetric([[6, 2], [7, 0]], actions=["Chicken", "Dare"])
    >>> third = Fraction(1, 3)
    >>> is_correlated_equilibrium(chicken, [[third, third], [third, 0]])
    True
    >>> is_correlated_equilibrium(chicken, [[1, 0], [0, 0]])
    False
    """
    return correlated_polytope(game).contains(distribution, tol)


@dataclass(frozen=True, eq=False)
class CorrelatedEquilibrium(TableView):
    """A correlated equilibrium: a distribution over pure profiles and what it pays.

    Attributes
    ----------
    game : NormalFormGame
    distribution : numpy.ndarray
        Read-only array of shape ``game.n_actions``; ``distribution[a_1, ..., a_n]``
        is the probability of the profile (Fractions when exact).
    payoffs : tuple
        Expected payoff of each player.
    objective : str
        What was maximised (``"welfare"``, ``"weights (...)"``, ``"player:<name>"``).
    exact : bool
        Whether the distribution is exact and its incentive constraints hold exactly.
    optimality_exact : bool
        Whether optimality was certified exactly (by dual multipliers) rather than
        to floating-point tolerance.
    notes : tuple of str
    """

    game: NormalFormGame
    distribution: npt.NDArray[Any]
    payoffs: tuple[Any, ...]
    objective: str
    exact: bool
    optimality_exact: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def welfare(self) -> Any:
        """Sum of the players' expected payoffs."""
        return sum(self.payoffs[1:], self.payoffs[0])

    @property
    def probabilities(self) -> dict[tuple[str, ...], Any]:
        """``{profile: probability}`` for every pure profile (action names)."""
        return dict(zip(self.game.profiles(), self.distribution.reshape(-1).tolist(), strict=True))

    @property
    def support(self) -> tuple[tuple[str, ...], ...]:
        """Profiles played with positive probability."""
        cut = 0 if self.exact else _PROBABILITY_TOLERANCE
        return tuple(prof for prof, p in self.probabilities.items() if p > cut)

    def __getitem__(self, profile: Sequence[str | int]) -> Any:
        return self.distribution[self.game.profile_index(profile)]

    def marginals(self) -> tuple[tuple[Any, ...], ...]:
        """Each player's marginal distribution over their own actions."""
        axes = range(self.game.n_players)
        return tuple(
            tuple(self.distribution.sum(axis=tuple(j for j in axes if j != i)).tolist()) for i in axes
        )

    def regret(self) -> Any:
        """Largest expected gain of any switch (0 for a correlated equilibrium; exact when exact)."""
        gains = correlated_polytope(self.game).gains(self.distribution)
        return max(max(gains.tolist(), default=0), 0)

    def is_correlated_equilibrium(self, tol: float | None = None) -> bool:
        """Check the incentive constraints (exactly for exact results)."""
        return correlated_polytope(self.game).contains(self.distribution, tol)

    # ------------------------------------------------------------------ rendering
    def _rows(self) -> tuple[list[str], list[list[str]]]:
        header = [*self.game.players, "probability"]
        rows = [[*prof, format_number(self.probabilities[prof])] for prof in self.support]
        return header, rows

    def _summary(self) -> str:
        kind = "exact" if self.exact else "float"
        players = self.game.players
        pays = ", ".join(f"{p} {format_number(v)}" for p, v in zip(players, self.payoffs, strict=True))
        return (
            f"correlated equilibrium maximising {self.objective} ({kind}); payoffs: {pays}; "
            f"welfare {format_number(self.welfare)}"
        )

    def __repr__(self) -> str:
        return f"<CorrelatedEquilibrium {self._summary()}>"


def _weights(game: NormalFormGame, objective: str | Sequence[Any]) -> tuple[list[Any], str]:
    if isinstance(objective, str):
        if objective == "welfare":
            return [1] * game.n_players, "welfare"
        if objective.startswith("player:"):
            i = game.player_index(objective[len("player:") :])
            return [int(j == i) for j in range(game.n_players)], f"player:{game.players[i]}"
        raise UnknownNameError(
            f"objective: {objective!r} is not 'welfare', 'player:<name>' or a sequence of weights"
        )
    weights = list(objective)
    if len(weights) != game.n_players:
        raise ShapeError(f"objective: expected {game.n_players} weights (one per player), got {len(weights)}")
    if not all(isinstance(w, numbers.Real) and math.isfinite(float(w)) for w in weights):
        raise ValidationError(f"objective: weights must be finite real numbers, got {weights!r}")
    return weights, "weights (" + ", ".join(format_number(w) for w in weights) + ")"


def correlated_equilibrium(
    game: NormalFormGame, objective: str | Sequence[Any] = "welfare", *, exact: bool | None = None
) -> CorrelatedEquilibrium:
    """A correlated equilibrium maximising a linear objective (welfare by default).

    Parameters
    ----------
    game : NormalFormGame
        A numeric game with any number of players.
    objective : {"welfare", "player:<name>"} or sequence of numbers
        ``"welfare"`` maximises the sum of expected payoffs; a sequence of
        weights maximises :math:`\\sum_i w_i\\, E_p[u_i]`; ``"player:Row"``
        maximises that player's expected payoff.
    exact : bool, optional
        Default: exact when the game and the weights are exact. ``True``
        requires an exact game; ``False`` returns floats.

    Returns
    -------
    CorrelatedEquilibrium
        One optimal distribution (the set of optimal ones may be larger).

    Raises
    ------
    nea_games.errors.ValidationError
        For an unknown objective, wrong number of weights, or ``exact=True``
        on a float game.

    Examples
    --------
    Chicken with actions (Chicken, Dare): both get 6 at (Chicken, Chicken),
    7 and 2 when one dares, 0 when both dare.

    >>> chicken = NormalFormGame.symmetric([[6, 2], [7, 0]], actions=["Chicken", "Dare"],
    ...                                    players=["Row", "Col"])
    >>> ce = correlated_equilibrium(chicken)
    >>> ce.distribution.tolist()
    [[Fraction(1, 2), Fraction(1, 4)], [Fraction(1, 4), Fraction(0, 1)]]
    >>> ce.welfare
    Fraction(21, 2)
    >>> print(ce)
    correlated equilibrium maximising welfare (exact); payoffs: Row 21/4, Col 21/4; welfare 21/2
    Row      Col      probability
    Chicken  Chicken  1/2
    Chicken  Dare     1/4
    Dare     Chicken  1/4
    """
    weights, description = _weights(game, objective)
    polytope = correlated_polytope(game)
    if exact and not game.is_exact:
        raise ValidationError(f"correlated_equilibrium: exact=True needs exact payoffs, not {game.kind}")
    if exact and not all(_is_exact_number(w) for w in weights):
        raise ValidationError(f"correlated_equilibrium: exact=True needs rational weights, got {weights!r}")
    if exact is None:
        exact = game.is_exact and all(_is_exact_number(w) for w in weights)
    payoffs = game.payoffs if exact else game.float_payoffs()
    w = [as_fraction(v) for v in weights] if exact else [float(v) for v in weights]
    c = sum((w[i] * payoffs[i] for i in range(1, game.n_players)), w[0] * payoffs[0]).reshape(-1)
    lp = linear_programme(
        c,
        polytope.A_ub,
        polytope.b_ub,
        polytope.A_eq,
        polytope.b_eq,
        [True] * len(c),
        exact=exact,
        what="correlated_equilibrium",
        G_float=polytope.A_ub_float,
    )
    notes: list[str] = []
    if lp.vertex is not None:
        value = float(sum(rational_matvec(c.reshape(1, -1), lp.vertex)))
        if lp.certified or abs(value - lp.optimum) <= tolerance_for(np.array(c, dtype=float)):
            if not lp.certified:
                notes.append("incentive constraints hold exactly; optimality is verified to float tolerance")
            return _result(game, np.array(lp.vertex, dtype=object), description, True, lp.certified, notes)
    if exact:
        notes.append("exact reconstruction from the LP basis failed; the float LP solution is returned")
    p = np.clip(lp.point, 0.0, None)
    p = p / p.sum()
    if not polytope.contains(p, tol=1e3 * tolerance_for(game.float_payoffs())):
        raise SolverError("correlated_equilibrium: the LP solution violates the incentive constraints")
    return _result(game, p, description, False, False, notes)


def _result(
    game: NormalFormGame,
    flat: npt.NDArray[Any],
    objective: str,
    exact: bool,
    certified: bool,
    notes: list[str],
) -> CorrelatedEquilibrium:
    distribution = flat.reshape(game.n_actions)
    distribution.setflags(write=False)
    payoffs = game.payoffs if exact else game.float_payoffs()
    table = payoffs.reshape(game.n_players, -1)
    values = tuple(rational_matvec(table, list(flat))) if exact else tuple(float(v) for v in table @ flat)
    return CorrelatedEquilibrium(game, distribution, values, objective, exact, certified, tuple(notes))
