r"""The war of attrition with complete information, in continuous and discrete time.

**The game.** Two players fight until one concedes. While the fight lasts,
player :math:`i` pays :math:`c_i > 0` per unit time; when the other concedes
first, :math:`i` wins the prize :math:`V_i > 0`. Conceding pays nothing more.

**The stationary mixed equilibrium.** Suppose player :math:`j` concedes at a
constant hazard :math:`h_j`. Over a short interval :math:`dt`, waiting instead
of conceding earns player :math:`i` the prize with probability
:math:`h_j\,dt` and costs :math:`c_i\,dt`. Player :math:`i` is willing to mix
over its concession time only if it is indifferent,
:math:`h_j V_i = c_i`, so each player concedes at the hazard that makes the
*other* indifferent:

.. math:: h_j = \frac{c_i}{V_i}.

A player with a larger prize or a smaller cost therefore makes its opponent
concede faster. The fight ends at the first concession, at total rate
:math:`h_1 + h_2`: it lasts :math:`1/(h_1+h_2)` on average, survives to
:math:`t` with probability :math:`e^{-(h_1+h_2)t}`, and player :math:`i`
concedes first with probability :math:`h_i / (h_1 + h_2)`. Each player's
expected payoff is 0, what conceding at once would give.

**Pure equilibria.** In the two asymmetric equilibria one player concedes at
once and the other never would; the winner takes its prize at no cost.

**Discrete-time cross-check.** Cut time into steps of length :math:`\Delta`.
In the stationary equilibrium each player's continuation value is 0, so one
step is the stage game

=========  ===================  ==========================================
           Concede              Wait
=========  ===================  ==========================================
Concede    :math:`0,\ 0`        :math:`0,\ V_2`
Wait       :math:`V_1,\ 0`      :math:`-c_1\Delta,\ -c_2\Delta`
=========  ===================  ==========================================

(:func:`discrete_war_of_attrition` builds it as a
:class:`~nea_games.games.normal_form.NormalFormGame` and solves it with
:func:`nea_games.solve`). Its mixed equilibrium has player :math:`i` concede
with probability :math:`c_j\Delta/(V_j + c_j\Delta)` per step, and that
probability divided by :math:`\Delta` tends to the hazard :math:`c_j/V_j`.

Examples
--------
>>> eq = war_of_attrition(prizes={"US": 4, "DPRK": 2}, cost_rates={"US": 1, "DPRK": 1})
>>> eq.hazards
{'US': Fraction(1, 2), 'DPRK': Fraction(1, 4)}
>>> eq.expected_duration, eq.first_to_concede["US"]
(Fraction(4, 3), Fraction(2, 3))
>>> discrete_war_of_attrition({"US": 4, "DPRK": 2}, {"US": 1, "DPRK": 1}, dt=0.001).hazards["US"]
0.4997...
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from nea_games._values import (
    Kind,
    check_range,
    convert,
    exact_output,
    is_array,
    time_array,
    to_sympy,
    value_kind,
)
from nea_games.errors import (
    ParametricGameError,
    PayoffTypeError,
    ShapeError,
    SolverError,
    UnknownNameError,
)
from nea_games.games.normal_form import NormalFormGame
from nea_games.solvers.result import EquilibriumSet

__all__ = [
    "AttritionEquilibrium",
    "DiscreteAttrition",
    "PureConcession",
    "discrete_war_of_attrition",
    "war_of_attrition",
]

ACTIONS = ("Concede", "Wait")


def _positive(owner: str, name: str, value: Any) -> Any:
    x = convert(owner, name, value)
    check_range(owner, name, x, 0, open_low=True)
    return x


def _out(expr: Any, kind: Kind) -> Any:
    """A result in the kind of the inputs (formulas and exact irrationals simplified)."""
    return exact_output(sympy.sympify(expr) if kind == "float" else sympy.simplify(expr), kind)


def _players(prizes: Any, cost_rates: Any) -> tuple[str, str]:
    for label, mapping in (("prizes", prizes), ("cost_rates", cost_rates)):
        if not isinstance(mapping, Mapping):
            raise PayoffTypeError(f"war_of_attrition: {label} must be a dict {{player: value}}")
        if len(mapping) != 2:
            raise ShapeError(f"war_of_attrition: {label} must name exactly two players, got {list(mapping)}")
        for name in mapping:
            if not isinstance(name, str) or not name:
                raise PayoffTypeError(
                    f"war_of_attrition: player names in {label} must be non-empty strings, got {name!r}"
                )
    first, second = prizes
    if set(cost_rates) != {first, second}:
        raise UnknownNameError(
            f"war_of_attrition: cost_rates names {sorted(cost_rates)} but prizes names {[first, second]}"
        )
    return first, second


def _inputs(prizes: Any, cost_rates: Any) -> tuple[tuple[str, str], dict[str, Any], dict[str, Any]]:
    names = _players(prizes, cost_rates)
    prize = {n: _positive("war_of_attrition", f"prizes[{n!r}]", prizes[n]) for n in names}
    cost = {n: _positive("war_of_attrition", f"cost_rates[{n!r}]", cost_rates[n]) for n in names}
    return names, prize, cost


@functools.lru_cache(maxsize=1)
def _indifference_hazard() -> tuple[Any, Any, Any]:
    """Solve h V = c (the other's hazard that leaves a player with prize V, cost c indifferent)."""
    h, prize, cost = sympy.symbols("h V c", cls=sympy.Dummy)
    (root,) = sympy.solve(sympy.Eq(h * prize - cost, 0), h)
    return root, prize, cost


@dataclass(frozen=True)
class PureConcession:
    """A pure equilibrium of the war of attrition: ``concedes`` gives up at once, ``wins`` takes its prize."""

    concedes: str
    wins: str
    payoffs: Mapping[str, Any]


@dataclass(frozen=True)
class AttritionEquilibrium:
    """The equilibria of a complete-information war of attrition (see the module docstring).

    Attributes
    ----------
    players : tuple of str
    prizes, cost_rates : dict
        The inputs :math:`V_i` and :math:`c_i`, converted.
    hazards : dict
        Each player's concession hazard in the stationary mixed equilibrium,
        :math:`h_i = c_j / V_j`.
    expected_duration : number or sympy expression
        :math:`1/(h_1 + h_2)`.
    first_to_concede : dict
        :math:`P(i \\text{ concedes first}) = h_i / (h_1 + h_2)`.
    payoffs : dict
        Expected payoffs in the mixed equilibrium (0 each).
    pure_equilibria : tuple of PureConcession
        The two asymmetric equilibria, one for each player conceding at once.
    """

    players: tuple[str, str]
    prizes: Mapping[str, Any]
    cost_rates: Mapping[str, Any]
    hazards: Mapping[str, Any]
    expected_duration: Any
    first_to_concede: Mapping[str, Any]
    payoffs: Mapping[str, Any]
    pure_equilibria: tuple[PureConcession, PureConcession]

    @property
    def kind(self) -> Kind:
        """``"exact"``, ``"float"`` or ``"symbolic"``."""
        return value_kind([*self.prizes.values(), *self.cost_rates.values()])

    def survival(self, t: Any) -> Any:
        """P(the fight still goes on at ``t``) = exp(-(h1 + h2) t); vectorised over arrays.

        Examples
        --------
        >>> eq = war_of_attrition({"A": 1, "B": 1}, {"A": 1, "B": 1})
        >>> eq.survival(0), eq.survival(1)
        (Fraction(1, 1), exp(-2))
        >>> eq.survival(np.array([0.0, 0.5])).round(4)
        array([1.    , 0.3679])
        """
        total = sum((to_sympy(h) for h in self.hazards.values()), sympy.Integer(0))
        if is_array(t):
            if self.kind == "symbolic":
                raise ParametricGameError("survival: an array of times needs numeric prizes and costs")
            return np.exp(-float(total) * time_array("survival", t))
        tt = convert("survival", "t", t)
        check_range("survival", "t", tt, 0)
        kind = value_kind([*self.prizes.values(), *self.cost_rates.values(), tt])
        return _out(sympy.exp(-total * to_sympy(tt)), kind)


def war_of_attrition(prizes: Mapping[str, Any], cost_rates: Mapping[str, Any]) -> AttritionEquilibrium:
    r"""Solve the two-player war of attrition with complete information.

    Parameters
    ----------
    prizes : dict
        ``{player: V_i}``, what each player wins when the other concedes (> 0).
    cost_rates : dict
        ``{player: c_i}``, what each pays per unit time while fighting (> 0).

    Returns
    -------
    AttritionEquilibrium
        Exact (``Fraction``) for exact inputs, ``float`` for floats, sympy for symbols.

    Raises
    ------
    nea_games.errors.ShapeError
        If a mapping does not name exactly two players.
    nea_games.errors.UnknownNameError
        If the two mappings name different players.
    nea_games.errors.ValidationError
        If a prize or cost is not positive.

    Examples
    --------
    >>> V, c = sympy.symbols("V_US V_DPRK", positive=True), sympy.symbols("c_US c_DPRK", positive=True)
    >>> war_of_attrition(dict(zip(["US", "DPRK"], V)), dict(zip(["US", "DPRK"], c))).hazards
    {'US': c_DPRK/V_DPRK, 'DPRK': c_US/V_US}
    """
    names, prize, cost = _inputs(prizes, cost_rates)
    kind = value_kind([*prize.values(), *cost.values()])
    root, v_sym, c_sym = _indifference_hazard()
    hazard: dict[str, Any] = {}
    for i, j in (names, names[::-1]):
        # j concedes at the hazard that makes i indifferent between conceding and waiting
        hazard[j] = root.xreplace({v_sym: to_sympy(prize[i]), c_sym: to_sympy(cost[i])})
    total = hazard[names[0]] + hazard[names[1]]
    zero = _out(0, kind)
    pure = tuple(
        PureConcession(concedes=loser, wins=winner, payoffs={loser: zero, winner: prize[winner]})
        for loser, winner in (names, names[::-1])
    )
    return AttritionEquilibrium(
        players=names,
        prizes=prize,
        cost_rates=cost,
        hazards={n: _out(hazard[n], kind) for n in names},
        expected_duration=_out(1 / total, kind),
        first_to_concede={n: _out(hazard[n] / total, kind) for n in names},
        payoffs={n: zero for n in names},
        pure_equilibria=(pure[0], pure[1]),
    )


def _indifference_probabilities(
    names: tuple[str, str], prize: Mapping[str, Any], cost: Mapping[str, Any], step: Any
) -> dict[str, Any]:
    """Each player's per-step concession probability, solved from :math:`p_i V_j = (1 - p_i) c_j \\Delta`."""
    p = sympy.Dummy("p")
    probs: dict[str, Any] = {}
    for i, j in (names, names[::-1]):
        (root,) = sympy.solve(p * to_sympy(prize[j]) - (1 - p) * to_sympy(cost[j]) * to_sympy(step), p)
        probs[i] = sympy.simplify(root)
    return probs


@dataclass(frozen=True)
class DiscreteAttrition:
    """The discrete-time war of attrition: one step of length ``dt`` as a stage game.

    Attributes
    ----------
    game : NormalFormGame
        The stage game (actions ``Concede``, ``Wait``; continuation value 0).
    equilibria : EquilibriumSet or None
        All its equilibria from :func:`nea_games.solve` (``None`` when symbolic).
    concession_probabilities : dict
        Each player's probability of conceding in a step, in the mixed equilibrium.
    hazards : dict
        ``concession_probabilities / dt``, which tend to the continuous hazards.
    dt : number or sympy expression
    """

    game: NormalFormGame
    equilibria: EquilibriumSet | None
    concession_probabilities: Mapping[str, Any]
    hazards: Mapping[str, Any]
    dt: Any


def discrete_war_of_attrition(
    prizes: Mapping[str, Any], cost_rates: Mapping[str, Any], dt: Any
) -> DiscreteAttrition:
    r"""Build and solve the stationary stage game of the war of attrition with step ``dt``.

    Numeric inputs are solved with :func:`nea_games.solve` (all equilibria) and
    the mixed one is read off; symbolic inputs give the same probabilities from
    the indifference condition :math:`p_i V_j - (1 - p_i) c_j \Delta = 0` with sympy.

    Raises
    ------
    nea_games.errors.ValidationError
        If ``dt`` or a prize or cost is not positive (and as :func:`war_of_attrition`).

    Examples
    --------
    >>> from fractions import Fraction
    >>> d = discrete_war_of_attrition({"US": 4, "DPRK": 2}, {"US": 1, "DPRK": 1}, dt=Fraction(1, 10))
    >>> d.concession_probabilities
    {'US': Fraction(1, 21), 'DPRK': Fraction(1, 41)}
    >>> d.hazards
    {'US': Fraction(10, 21), 'DPRK': Fraction(10, 41)}
    """
    names, prize, cost = _inputs(prizes, cost_rates)
    step = _positive("discrete_war_of_attrition", "dt", dt)
    kind = value_kind([*prize.values(), *cost.values(), step])
    first, second = names
    payoffs = {
        ("Concede", "Concede"): (0, 0),
        ("Concede", "Wait"): (0, prize[second]),
        ("Wait", "Concede"): (prize[first], 0),
        ("Wait", "Wait"): (-cost[first] * step, -cost[second] * step),
    }
    if kind == "symbolic":
        payoffs = {key: tuple(to_sympy(v) for v in value) for key, value in payoffs.items()}
    game = NormalFormGame(list(names), [list(ACTIONS), list(ACTIONS)], payoffs)
    if kind == "symbolic":
        probs = _indifference_probabilities(names, prize, cost, step)
        hazards = {n: sympy.simplify(probs[n] / to_sympy(step)) for n in names}
        return DiscreteAttrition(game, None, probs, hazards, step)
    from nea_games.solvers.api import solve

    equilibria = solve(game)
    mixed = [eq for eq in equilibria if not eq.is_pure]
    if len(mixed) != 1:  # pragma: no cover - the game is a nondegenerate 2x2 "chicken"
        raise SolverError(f"discrete_war_of_attrition: expected one mixed equilibrium, found {len(mixed)}")
    chances = {n: to_sympy(mixed[0].as_dict()[n]["Concede"]) for n in names}
    if kind == "exact" and any(isinstance(v, sympy.Basic) for v in (*prize.values(), *cost.values(), step)):
        # exact irrational inputs: the solver reports the mixed equilibrium in floats, the
        # indifference condition gives it exactly
        chances = _indifference_probabilities(names, prize, cost, step)
    probs = {n: _out(chances[n], kind) for n in names}
    hazards = {n: _out(to_sympy(probs[n]) / to_sympy(step), kind) for n in names}
    return DiscreteAttrition(game, equilibria, probs, hazards, step)
