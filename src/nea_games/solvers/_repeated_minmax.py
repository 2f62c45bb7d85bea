r"""Minmax values and the feasible, individually rational payoff set.

Player *i*'s pure minmax value is
:math:`\underline v_i = \min_{a_{-i}} \max_{a_i} u_i(a_i, a_{-i})`; the mixed
minmax value lets the punishers randomise. With two players it is the value
of the zero-sum game with matrix :math:`u_i` (a linear programme). With more
players, *independent* punishers give a non-convex problem; nea_games
computes instead the minmax against **correlated** punishers — the value of
the zero-sum game between *i* and the coalition of the others whose actions
are the joint profiles :math:`a_{-i}` — which is a linear programme and a
lower bound on the independent value (equal to it for two players).

The feasible set is the convex hull of the stage payoff profiles; by the folk
theorem (Fudenberg & Maskin 1986) every feasible payoff strictly above the
minmax values is an equilibrium payoff for :math:`\delta` close to one.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from nea_games.errors import UnsupportedGameError
from nea_games.games.normal_form import NormalFormGame

__all__ = ["FeasibleSet", "feasible_ir_set", "minmax"]


def _table(stage: NormalFormGame, i: int) -> Any:
    """Player i's payoffs as a matrix: rows = own actions, columns = the others' joint profiles."""
    payoffs = stage.payoffs[i] if stage.is_exact else stage.float_payoffs()[i]
    return np.moveaxis(np.asarray(payoffs), i, 0).reshape(stage.n_actions[i], -1)


def minmax(stage: NormalFormGame, player: str | int, mixed: bool = False) -> Any:
    """Player ``player``'s minmax value in the stage game.

    Parameters
    ----------
    stage : NormalFormGame
        A numeric game (exact games give exact values).
    player : str or int
    mixed : bool
        ``False``: the others punish with pure actions. ``True``: mixed
        punishment, by linear programming; for more than two players the
        others may correlate (see the module notes).

    Examples
    --------
    >>> from nea_games.games.catalog import matching_pennies, prisoners_dilemma
    >>> minmax(prisoners_dilemma(), "Row")
    Fraction(1, 1)
    >>> minmax(matching_pennies(), 0), minmax(matching_pennies(), 0, mixed=True)
    (Fraction(1, 1), Fraction(0, 1))
    """
    i = stage.player_index(player)
    stage.float_payoffs()  # raises ParametricGameError for parametric games
    table = _table(stage, i)
    if not mixed:
        return min(max(table[:, j]) for j in range(table.shape[1]))
    from nea_games.solvers.zero_sum import zero_sum_solution

    game = NormalFormGame.zero_sum(table)
    return zero_sum_solution(game).value


def _cross(o: Any, a: Any, b: Any) -> Any:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _hull(points: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Convex hull, counter-clockwise, by Andrew's monotone chain (exact for Fractions)."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts
    lower: list[tuple[Any, Any]] = []
    for p in pts:
        while len(lower) >= 2 and _cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[tuple[Any, Any]] = []
    for p in reversed(pts):
        while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _clip(polygon: list[tuple[Any, Any]], axis: int, bound: Any) -> list[tuple[Any, Any]]:
    """Sutherland–Hodgman: keep the part of ``polygon`` with coordinate ``axis`` >= ``bound``."""
    if len(polygon) == 1:
        return polygon if polygon[0][axis] >= bound else []
    result: list[tuple[Any, Any]] = []
    count = len(polygon)
    for k in range(count):
        current, following = polygon[k], polygon[(k + 1) % count]
        inside_c, inside_f = current[axis] >= bound, following[axis] >= bound
        if inside_c:
            result.append(current)
        if inside_c != inside_f:
            t = (bound - current[axis]) / (following[axis] - current[axis])
            point = tuple(current[j] + t * (following[j] - current[j]) for j in range(2))
            result.append((point[0], point[1]))
        if count == 2:
            break
    unique: list[tuple[Any, Any]] = []
    for p in result:
        if p not in unique:
            unique.append(p)
    return unique


@dataclass(frozen=True)
class FeasibleSet:
    """Feasible and individually rational payoffs of a two-player stage game.

    Attributes
    ----------
    players : tuple of str
    feasible : tuple of points
        Vertices of the convex hull of the payoff profiles (counter-clockwise).
    minmax : tuple
        Each player's minmax value (mixed unless built with ``mixed=False``).
    individually_rational : tuple of points
        Vertices of the feasible set clipped to ``u_i >= minmax_i`` (empty when
        the intersection is empty).
    """

    players: tuple[str, ...]
    feasible: tuple[tuple[Any, Any], ...]
    minmax: tuple[Any, Any]
    individually_rational: tuple[tuple[Any, Any], ...]

    def plot(self, ax: Any = None) -> Any:
        """Draw both polygons and the minmax point; returns the matplotlib ``Figure``."""
        import matplotlib.pyplot as plt
        from matplotlib.patches import Polygon

        if ax is None:
            fig, ax = plt.subplots(figsize=(4.5, 4.5))
        else:
            fig = ax.figure
        feasible = np.array(self.feasible, dtype=float)
        ax.add_patch(Polygon(feasible, closed=True, facecolor="0.9", edgecolor="0.4", label="feasible"))
        if self.individually_rational:
            rational = np.array(self.individually_rational, dtype=float)
            ax.add_patch(
                Polygon(
                    rational,
                    closed=True,
                    facecolor="tab:blue",
                    alpha=0.4,
                    label="feasible and individually rational",
                )
            )
        ax.plot([float(self.minmax[0])], [float(self.minmax[1])], "k+", label="minmax")
        ax.autoscale_view()
        ax.set_xlabel(self.players[0])
        ax.set_ylabel(self.players[1])
        ax.legend(loc="best", fontsize="small")
        return fig


def feasible_ir_set(stage: NormalFormGame, mixed: bool = True) -> FeasibleSet:
    """The feasible, individually rational payoff polygon of a numeric two-player game.

    Exact games give exact (Fraction) vertices.

    Examples
    --------
    >>> from nea_games.games.catalog import prisoners_dilemma
    >>> s = feasible_ir_set(prisoners_dilemma())
    >>> [tuple(map(str, p)) for p in s.individually_rational]
    [('1', '1'), ('13/3', '1'), ('3', '3'), ('1', '13/3')]
    """
    if stage.n_players != 2:
        raise UnsupportedGameError(f"feasible_ir_set: needs 2 players, the stage game has {stage.n_players}")
    payoffs = stage.payoffs if stage.is_exact else stage.float_payoffs()
    if not stage.is_exact:
        stage.float_payoffs()
    points = [(payoffs[(0, *p)], payoffs[(1, *p)]) for p in np.ndindex(*stage.n_actions)]
    if stage.is_exact:
        points = [(Fraction(a), Fraction(b)) for a, b in points]
    else:
        points = [(float(a), float(b)) for a, b in points]
    hull = _hull(points)
    values = (minmax(stage, 0, mixed), minmax(stage, 1, mixed))
    clipped = _clip(_clip(hull, 0, values[0]), 1, values[1])
    return FeasibleSet(stage.players, tuple(hull), (values[0], values[1]), tuple(clipped))
