r"""Transformations of normal-form games used by the models.

**Relative gains** (Grieco 1988; Snidal 1991). A state that cares about its
gains *relative* to others evaluates an outcome not by its material payoff
:math:`V_i` alone but by

.. math:: U_i = V_i - \sum_{j \ne i} w_{ij} V_j ,

where :math:`w_{ij} \ge 0` is how much player *i* minds a unit gain of
player *j* (in the models, :math:`w_{ij} = \rho_{ij}`, the rivalry-weighted
sensitivity). In matrix form :math:`U = (I - W) V` with the diagonal of
:math:`W` zero. The transform is linear in the payoffs, so numeric weights
keep an exact game exact and symbolic weights make it parametric.

References
----------
Grieco, J. M. (1988). Anarchy and the limits of cooperation. *International
Organization* 42(3).
Snidal, D. (1991). Relative gains and the pattern of international
cooperation. *American Political Science Review* 85(3).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from nea_games.errors import PayoffTypeError, ShapeError, ValidationError
from nea_games.games._names import index_of
from nea_games.games.normal_form import NormalFormGame

__all__ = ["combine_payoffs", "relative_gains", "weight_matrix"]


def _check_weight(value: Any, where: str) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating, sympy.Basic)):
        from fractions import Fraction

        if not isinstance(value, Fraction):
            raise PayoffTypeError(f"{where}: a weight must be a number or sympy expression, got {value!r}")
    if isinstance(value, (float, np.floating)) and not np.isfinite(value):
        raise ValidationError(f"{where}: weights must be finite, got {value!r}")
    return value


def weight_matrix(weights: Any, players: Sequence[str]) -> npt.NDArray[Any]:
    """The ``n x n`` object matrix :math:`W` (zero diagonal) from any accepted weight form.

    Parameters
    ----------
    weights : scalar, n x n array_like, or mapping
        A scalar is the same weight for every ordered pair; a matrix gives
        ``W[i, j]`` (its diagonal must be zero); a mapping ``{(i, j): w}``
        names pairs by player name or position (missing pairs weigh 0).
    players : sequence of str
        The player names, in order.

    Examples
    --------
    >>> weight_matrix({("US", "CHN"): 0.3}, ["US", "CHN"])
    array([[0, 0.3],
           [0, 0]], dtype=object)
    """
    n = len(players)
    out = np.zeros((n, n), dtype=object)
    out[:] = 0
    if isinstance(weights, Mapping):
        for key, value in weights.items():
            if not isinstance(key, tuple) or len(key) != 2:
                raise ValidationError(f"weights: keys must be (player, player) pairs, got {key!r}")
            i = index_of(key[0], players, "player")
            j = index_of(key[1], players, "player")
            if i == j:
                raise ValidationError(f"weights: a player cannot weigh its own payoff ({players[i]!r})")
            out[i, j] = _check_weight(value, f"weights[{key!r}]")
        return out
    array = np.array(weights, dtype=object)
    if array.ndim == 0:
        value = _check_weight(array.item(), "weights")
        for i in range(n):
            for j in range(n):
                if i != j:
                    out[i, j] = value
        return out
    if array.shape != (n, n):
        raise ShapeError(
            f"weights: expected a scalar, a mapping or a {n}x{n} matrix, got shape {array.shape}"
        )
    for i in range(n):
        for j in range(n):
            value = _check_weight(array[i, j], f"weights[{i}, {j}]")
            if i == j:
                if sympy.sympify(value) != 0:
                    raise ValidationError(
                        f"weights[{i}, {i}]: the diagonal must be 0 (a player's own payoff has weight 1), "
                        f"got {value!r}"
                    )
                continue
            out[i, j] = value
    return out


def combine_payoffs(material: npt.NDArray[Any], weights: npt.NDArray[Any], rows: Sequence[int]) -> Any:
    r"""Rows ``rows`` of :math:`(I - W) V` for a stacked payoff array ``V``.

    ``material`` has shape ``(n, *profile_shape)`` (one material payoff table
    per state, possibly more states than players); ``weights`` is ``n x n``.
    Returns an object array of shape ``(len(rows), *profile_shape)``.
    """
    values = np.asarray(material, dtype=object)
    out = np.empty((len(rows), *values.shape[1:]), dtype=object)
    for k, i in enumerate(rows):
        total = values[i].copy()
        for j in range(values.shape[0]):
            w = weights[i, j]
            if j != i and not (isinstance(w, (int, np.integer)) and w == 0):
                total = total - w * values[j]
        out[k] = total
    return _tidy(out)


def _tidy(array: npt.NDArray[Any]) -> npt.NDArray[Any]:
    flat = array.reshape(-1)
    for k, v in enumerate(flat):
        if isinstance(v, sympy.Basic):
            flat[k] = sympy.expand(v)
    return flat.reshape(array.shape)


def relative_gains(game: NormalFormGame, weights: Any, *, title: str | None = None) -> NormalFormGame:
    r"""The game with relative-gains utilities :math:`U_i = V_i - \sum_{j \ne i} w_{ij} V_j`.

    Parameters
    ----------
    game : NormalFormGame
        The game of material payoffs :math:`V`.
    weights : scalar, n x n array_like, or mapping
        :math:`w_{ij}`: a scalar (every ordered pair), a matrix with zero
        diagonal, or ``{(player_i, player_j): w}`` by name or position.
        Numbers (int, Fraction, float) or sympy expressions.
    title : str, optional
        Title of the new game (default: the old title with "relative gains").

    Returns
    -------
    NormalFormGame
        Same players and actions; exact weights keep exact games exact.

    Raises
    ------
    nea_games.errors.ShapeError
        If a matrix is not ``n x n``.
    nea_games.errors.ValidationError
        If the diagonal is not zero or a mapping key is not a pair of players.
    nea_games.errors.UnknownNameError
        If a mapping names an unknown player.

    Examples
    --------
    Grieco's prisoner's dilemma: with relative-gains weight 1 the dilemma
    becomes a zero-sum game in which cooperating is never better.

    >>> from nea_games import NormalFormGame
    >>> pd = NormalFormGame.symmetric([[3, 0], [5, 1]], actions=["C", "D"])
    >>> print(relative_gains(pd, 1))
    Player 1 \ Player 2  C      D
    C                    0, 0   -5, 5
    D                    5, -5  0, 0
    >>> import sympy
    >>> rho = sympy.Symbol("rho", nonnegative=True)
    >>> relative_gains(pd, rho).payoff(("C", "C"))
    (3 - 3*rho, 3 - 3*rho)
    """
    if not isinstance(game, NormalFormGame):
        raise ValidationError(f"relative_gains: expected a NormalFormGame, got {type(game).__name__}")
    w = weight_matrix(weights, game.players)
    payoffs = combine_payoffs(game.payoffs.astype(object), w, range(game.n_players))
    name = title if title is not None else (f"{game.title} (relative gains)" if game.title else "")
    return NormalFormGame(game.players, game.actions, payoffs, title=name)
