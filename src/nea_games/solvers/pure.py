r"""Pure-strategy equilibria, dominance and iterated elimination.

A pure profile :math:`a = (a_1, \dots, a_n)` is a Nash equilibrium when every
:math:`a_i` is a best response: :math:`u_i(a_i, a_{-i}) \ge u_i(b, a_{-i})`
for every action :math:`b` of player *i*. The test is vectorised over all
profiles at once: for each player, the maximum of :math:`u_i` along the
player's own axis is broadcast back and compared with :math:`u_i`; the
equilibria are the profiles where every comparison holds. Exact games are
compared exactly (on integer-scaled payoffs); float games within
:func:`nea_games._numeric.tolerance_for`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from nea_games._numeric import tolerance_for
from nea_games.games.normal_form import NormalFormGame
from nea_games.solvers.result import Equilibrium, EquilibriumSet

__all__ = [
    "EliminationResult",
    "EliminationStep",
    "best_response_mask",
    "dominated_actions",
    "iterated_elimination",
    "pure_equilibria",
    "solve_pure",
]


def _comparable_payoffs(game: NormalFormGame) -> tuple[npt.NDArray[Any], float]:
    """Payoffs to compare and the tolerance to compare them with (0 when exact)."""
    if game.is_exact:
        return game.integer_payoffs(), 0.0
    payoffs = game.float_payoffs()
    return payoffs, tolerance_for(payoffs)


def best_response_mask(game: NormalFormGame, player: str | int) -> npt.NDArray[np.bool_]:
    """Boolean array over all pure profiles: is ``player``'s action a best response?

    Examples
    --------
    >>> pd = NormalFormGame.symmetric([[3, 0], [5, 1]], actions=["C", "D"])
    >>> best_response_mask(pd, 0)
    array([[False, False],
           [ True,  True]])
    """
    i = game.player_index(player)
    payoffs, tol = _comparable_payoffs(game)
    table = payoffs[i]
    best = table.max(axis=i, keepdims=True)
    return np.asarray(table >= best - tol if tol else table == best, dtype=bool)


def pure_equilibria(game: NormalFormGame) -> list[tuple[int, ...]]:
    """Positions of every pure Nash equilibrium, in array order.

    Vectorised: one comparison per player over the whole payoff array, no
    Python loop over profiles.

    Examples
    --------
    >>> bos = NormalFormGame.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> pure_equilibria(bos)
    [(0, 0), (1, 1)]
    """
    mask = np.ones(game.n_actions, dtype=bool)
    for i in range(game.n_players):
        mask &= best_response_mask(game, i)
    return [tuple(int(k) for k in index) for index in np.argwhere(mask)]


def _pure_strategy(n: int, k: int, exact: bool) -> tuple[Any, ...]:
    from fractions import Fraction

    one, zero = (Fraction(1), Fraction(0)) if exact else (1.0, 0.0)
    return tuple(one if j == k else zero for j in range(n))


def solve_pure(game: NormalFormGame) -> EquilibriumSet:
    """All pure Nash equilibria of a game with any number of players.

    Examples
    --------
    >>> chicken = NormalFormGame.symmetric([[0, -1], [1, -10]], actions=["Swerve", "Straight"])
    >>> [eq.pure_profile for eq in solve_pure(chicken)]
    [('Swerve', 'Straight'), ('Straight', 'Swerve')]
    """
    exact = game.is_exact
    equilibria = [
        Equilibrium.from_strategies(
            game,
            [_pure_strategy(m, k, exact) for m, k in zip(game.n_actions, index, strict=True)],
            method="pure",
            exact=exact,
        )
        for index in pure_equilibria(game)
    ]
    return EquilibriumSet(
        game, equilibria, method="pure", complete=True, notes=("pure-strategy equilibria only",)
    )


# --------------------------------------------------------------------------- dominance
def _own_axis_first(table: npt.NDArray[Any], i: int) -> npt.NDArray[Any]:
    return np.moveaxis(table, i, 0).reshape(table.shape[i], -1)


def _dominance_matrix(rows: npt.NDArray[Any], strict: bool, tol: float) -> npt.NDArray[np.bool_]:
    """``D[a, b]``: action ``a`` is dominated by pure action ``b``."""
    diff = rows[None, :, :] - rows[:, None, :]  # diff[a, b, k] = u(b, k) - u(a, k)
    if strict:
        return np.asarray(np.all(diff > tol, axis=2), dtype=bool)
    weakly = np.all(diff >= -tol, axis=2) & np.any(diff > tol, axis=2)
    return np.asarray(weakly, dtype=bool)


def _mixed_dominator(
    rows: npt.NDArray[np.float64], a: int, candidates: list[int], tol: float
) -> dict[int, float] | None:
    """A mixture of ``candidates`` strictly dominating action ``a`` (LP), or None."""
    from scipy.optimize import linprog

    if not candidates:
        return None
    k = len(candidates)
    others = rows[candidates]  # (k, profiles)
    # variables: sigma_1..sigma_k, eps ; maximise eps
    c = np.zeros(k + 1)
    c[-1] = -1.0
    a_ub = np.hstack([-others.T, np.ones((others.shape[1], 1))])
    b_ub = -rows[a]
    a_eq = np.hstack([np.ones((1, k)), np.zeros((1, 1))])
    bounds = [(0, None)] * k + [(None, 1e6)]
    res = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=[1.0], bounds=bounds, method="highs")
    if res.status != 0 or -res.fun <= tol:
        return None
    return {candidates[j]: float(res.x[j]) for j in range(k) if res.x[j] > 1e-12}


def dominated_actions(
    game: NormalFormGame, player: str | int, *, strict: bool = True, mixed: bool = False
) -> dict[str, Any]:
    """Actions of ``player`` dominated by another strategy, with a dominating one.

    Parameters
    ----------
    game : NormalFormGame
    player : str or int
    strict : bool
        Strict dominance (better against every profile of the others) or weak
        (never worse, better against at least one).
    mixed : bool
        Also look for domination by mixed strategies (strict only; solved as a
        linear programme). Mixed dominators are reported as
        ``{action: probability}`` dicts.

    Returns
    -------
    dict
        ``{dominated action: dominating action or mixture}``.

    Examples
    --------
    >>> pd = NormalFormGame.symmetric([[3, 0], [5, 1]], actions=["C", "D"])
    >>> dominated_actions(pd, 0)
    {'C': 'D'}
    """
    i = game.player_index(player)
    payoffs, tol = _comparable_payoffs(game)
    rows = _own_axis_first(payoffs[i], i)
    names = game.actions[i]
    matrix = _dominance_matrix(rows, strict, tol)
    result: dict[str, Any] = {}
    for a in range(len(names)):
        dominators = np.flatnonzero(matrix[a])
        if dominators.size:
            result[names[a]] = names[int(dominators[0])]
        elif mixed and strict:
            float_rows = _own_axis_first(game.float_payoffs()[i], i)
            mixture = _mixed_dominator(
                float_rows, a, [b for b in range(len(names)) if b != a], tolerance_for(float_rows)
            )
            if mixture is not None:
                result[names[a]] = {names[b]: p for b, p in mixture.items()}
    return result


@dataclass(frozen=True)
class EliminationStep:
    """One action removed by iterated elimination."""

    round: int
    player: str
    action: str
    dominated_by: Any


@dataclass(frozen=True)
class EliminationResult:
    """Outcome of iterated elimination of dominated actions.

    Attributes
    ----------
    game : NormalFormGame
        The reduced game (the surviving actions).
    steps : tuple of EliminationStep
        Every removal in the order it happened.
    strict, mixed : bool
        Which kind of dominance was used.
    """

    game: NormalFormGame
    steps: tuple[EliminationStep, ...]
    strict: bool
    mixed: bool

    @property
    def surviving(self) -> dict[str, tuple[str, ...]]:
        """The actions left for each player."""
        return dict(zip(self.game.players, self.game.actions, strict=True))

    @property
    def is_solved(self) -> bool:
        """True when one action is left for each player (dominance solvable)."""
        return all(m == 1 for m in self.game.n_actions)

    def __str__(self) -> str:
        lines = [f"{s.round}. {s.player}: {s.action} dominated by {s.dominated_by}" for s in self.steps]
        lines.append("surviving: " + "; ".join(f"{p}: {', '.join(a)}" for p, a in self.surviving.items()))
        return "\n".join(lines)


def iterated_elimination(
    game: NormalFormGame, *, strict: bool = True, mixed: bool = False
) -> EliminationResult:
    """Iteratively remove dominated actions and report the order (IESDS).

    With strict dominance every dominated action of every player is removed
    in each round (the result does not depend on the order). With weak
    dominance the result can depend on the order; one action is removed at a
    time, the first player and action first, and the order is reported.

    Examples
    --------
    >>> g = NormalFormGame.bimatrix([[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]],
    ...                             actions=[["U", "D"], ["L", "M", "R"]])
    >>> result = iterated_elimination(g)
    >>> [(s.player, s.action) for s in result.steps]
    [('Player 2', 'R'), ('Player 1', 'D'), ('Player 2', 'L')]
    >>> result.surviving
    {'Player 1': ('U',), 'Player 2': ('M',)}
    """
    current = game
    steps: list[EliminationStep] = []
    round_number = 0
    while True:
        round_number += 1
        removals: list[tuple[int, str, Any]] = []
        for i in range(current.n_players):
            if current.n_actions[i] == 1:
                continue
            found = dominated_actions(current, i, strict=strict, mixed=mixed)
            removals.extend((i, action, by) for action, by in found.items())
            if not strict and removals:
                break
        if not removals:
            return EliminationResult(current, tuple(steps), strict, mixed)
        if not strict:
            removals = removals[:1]
        for i, action, by in removals:
            steps.append(EliminationStep(round_number, current.players[i], action, by))
        current = _remove_actions(current, removals)


def _remove_actions(game: NormalFormGame, removals: list[tuple[int, str, Any]]) -> NormalFormGame:
    keep = [list(range(m)) for m in game.n_actions]
    for i, action, _ in removals:
        keep[i].remove(game.actions[i].index(action))
    array = game.payoffs
    for i, positions in enumerate(keep):
        array = np.take(array, positions, axis=i + 1)
    actions = [[game.actions[i][k] for k in positions] for i, positions in enumerate(keep)]
    return NormalFormGame(game.players, actions, array, title=game.title)
