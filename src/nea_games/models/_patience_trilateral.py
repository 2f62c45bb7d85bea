r"""US-Japan-ROK cohesion after a US policy shift: a 2x2x2 coordination game.

The US, Japan and the ROK each choose *Coordinate* or *Independent*. Each
has an ideal point :math:`\theta_i` on a dove-hawk axis towards the DPRK.
The set :math:`C` of coordinators adopts the mean :math:`\bar x_C` of their
ideal points, and a coordinator earns

.. math:: u_i = G_\sigma + b\,(n_c - 1) - (\bar x_C - \theta_i)^2,
    \qquad n_c = |C| \ge 2,

where :math:`G_\sigma` is the common value of coordination under the US
policy :math:`\sigma` (:math:`G` under strategic patience, :math:`\gamma G`
under containment: with the shared goal of dismantlement gone, joint policy
is worth less) and :math:`b` the gain per extra partner.

Two modelling decisions close what the design leaves open:

1. A state that plays *Independent* keeps its own policy at its ideal
   point and earns no coordination gain: its payoff is **0**.
2. Coordination needs a partner: a lone "coordinator" (:math:`n_c = 1`) has
   no one to coordinate with, so it is **treated as independent** (payoff 0).

A coalition :math:`C` with :math:`|C| \ge 2` is an equilibrium iff every
member earns at least 0 (leaving pays 0; for a pair, leaving also ends the
coordination of the other) and no outsider gains by joining. With three
players the trilateral is an equilibrium iff

.. math:: \gamma G + 2b - \max_i (\theta_i - \bar x)^2 \ \ge\ 0 \quad\text{(under containment)},

so :math:`\gamma^* = (\max_i(\theta_i-\bar x)^2 - 2b)/G`, :math:`1/3` at the
defaults (derived by :func:`~nea_games.analysis.conditions.conditions` and
:func:`~nea_games.analysis.conditions.critical_value` on the game). Because a
lone coordinator earns what an independent state earns, *no coordination*
(everyone Independent) is always a (weak) equilibrium: a coordination
failure the library reports beside the coalitions.

Examples
--------
>>> from fractions import Fraction as F
>>> game = cohesion_game(F(3, 2), F(1, 4), (0, 1, -1))
>>> game.payoff(("Coordinate", "Coordinate", "Coordinate"))
(Fraction(2, 1), Fraction(1, 1), Fraction(1, 1))
>>> coalition_equilibria(cohesion_game(F(3, 10), F(1, 4), (0, 1, -1)))
{'trilateral': False, 'US-Japan': True, 'US-ROK': True, 'Japan-ROK': False}
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from nea_games.analysis.conditions import conditions, critical_value
from nea_games.games.normal_form import NormalFormGame
from nea_games.models._parameters import to_sympy
from nea_games.solvers.pure import pure_equilibria

__all__ = [
    "ACTIONS",
    "COALITIONS",
    "PLAYERS",
    "classify",
    "coalition_equilibria",
    "cohesion_game",
    "critical_gamma",
    "sweep_cohesion",
]

PLAYERS = ("US", "Japan", "ROK")
ACTIONS = ("Coordinate", "Independent")
C, I = ACTIONS
#: the coalitions reported, as pure profiles (US, Japan, ROK)
COALITIONS: dict[str, tuple[str, str, str]] = {
    "trilateral": (C, C, C),
    "US-Japan": (C, C, I),
    "US-ROK": (C, I, C),
    "Japan-ROK": (I, C, C),
}


def _payoffs(G: Any, b: Any, theta: Sequence[Any], profile: Sequence[str]) -> tuple[Any, ...]:
    members = [i for i, a in enumerate(profile) if a == C]
    if len(members) < 2:  # decision 2: a lone coordinator is as independent
        return tuple(sympy.Integer(0) for _ in profile)
    mean = sum((theta[i] for i in members), sympy.Integer(0)) / len(members)
    return tuple(
        sympy.expand(G + b * (len(members) - 1) - (mean - theta[i]) ** 2)
        if i in members
        else sympy.Integer(0)
        for i in range(len(profile))
    )


def cohesion_game(G: Any, b: Any, theta: Sequence[Any], *, title: str = "") -> NormalFormGame:
    """The 2x2x2 cohesion game for a coordination value ``G`` (already scaled by the policy).

    Parameters
    ----------
    G : number or sympy expression
        Value of coordination under the policy in force (``G`` or ``gamma * G``).
    b : number or sympy expression
        Gain per additional partner.
    theta : sequence of three numbers or sympy expressions
        Ideal points of (US, Japan, ROK) on the dove-hawk axis.
    title : str, optional

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> cohesion_game(F(3, 2), F(1, 4), (0, 1, -1)).payoff(("Coordinate", "Coordinate", "Independent"))
    (Fraction(3, 2), Fraction(3, 2), Fraction(0, 1))
    """
    g, bb = to_sympy(G), to_sympy(b)
    th = [to_sympy(t) for t in theta]
    table = {p: _payoffs(g, bb, th, p) for p in itertools.product(ACTIONS, repeat=3)}
    return NormalFormGame(PLAYERS, [ACTIONS] * 3, table, title=title or "US-Japan-ROK cohesion")


def coalition_equilibria(game: NormalFormGame) -> dict[str, bool]:
    """Which coalitions are pure Nash equilibria of a numeric cohesion game (library solver)."""
    found = {tuple(ACTIONS[k] for k in index) for index in pure_equilibria(game)}
    return {name: profile in found for name, profile in COALITIONS.items()}


def classify(holds: Mapping[str, bool]) -> str:
    """A name for the structure of cooperation: trilateral, hub-and-spoke, one pair, or none.

    Examples
    --------
    >>> classify({"trilateral": False, "US-Japan": True, "US-ROK": True, "Japan-ROK": False})
    'hub-and-spoke'
    """
    if holds["trilateral"]:
        return "trilateral"
    if holds["US-Japan"] and holds["US-ROK"]:
        return "hub-and-spoke"
    pairs = [name for name in ("US-Japan", "US-ROK", "Japan-ROK") if holds[name]]
    if pairs:
        return " and ".join(pairs) + " only"
    return "no coordination"


def critical_gamma(G: Any, b: Any, theta: Sequence[Any], assumptions: Sequence[Any] = ()) -> Any:
    r"""The containment discount :math:`\gamma^*` below which the trilateral is no equilibrium.

    Derived by the library: the condition that (Coordinate, Coordinate, Coordinate) is a Nash
    equilibrium of the game with value ``gamma * G`` is solved for ``gamma``. Returns the sympy
    threshold (the trilateral holds iff ``gamma >= gamma*``); ``None`` if it does not depend
    on ``gamma`` (e.g. ``G = 0``).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> critical_gamma(F(3, 2), F(1, 4), (0, 1, -1))
    1/3
    """
    gamma = sympy.Symbol("gamma", nonnegative=True)
    facts = [gamma >= 0, *assumptions]
    game = cohesion_game(gamma * to_sympy(G), b, theta)
    condition = conditions(game, COALITIONS["trilateral"], assumptions=facts)
    if gamma not in condition.free_symbols:
        return None
    return sympy.simplify(critical_value(condition, gamma, assumptions=facts).threshold)


def sweep_cohesion(
    game: NormalFormGame, symbols: Sequence[sympy.Symbol], args: Sequence[npt.NDArray[np.float64]], m: int
) -> dict[str, npt.NDArray[np.bool_]]:
    """Vectorised over ``m`` points: which coalitions are pure equilibria (lambdified payoffs)."""
    entries = [sympy.sympify(e) for e in game.payoffs.reshape(-1)]
    function = sympy.lambdify(tuple(symbols), entries, modules="numpy")
    u = np.array([np.broadcast_to(np.asarray(v, dtype=float), (m,)) for v in function(*args)])
    u = u.reshape(3, 2, 2, 2, m)
    tol = 1e-9 * np.maximum(1.0, np.abs(u).max(axis=(0, 1, 2, 3)))
    out: dict[str, npt.NDArray[np.bool_]] = {}
    for name, profile in COALITIONS.items():
        index = tuple(ACTIONS.index(a) for a in profile)
        ok = np.ones(m, dtype=bool)
        for i in range(3):
            alternatives = [u[i][(*index[:i], k, *index[i + 1 :])] for k in (0, 1)]
            ok &= u[i][index] >= np.maximum(*alternatives) - tol
        out[name] = ok
    return out
