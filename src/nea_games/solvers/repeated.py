r"""Sustainability of cooperation in repeated games: equilibrium checks and critical discount factors.

For a profile automaton (see :mod:`nea_games.games.repeated`) player *i*'s
continuation values solve :math:`(I - \delta P)V_i = (1-\delta)u_i`, and the
profile is a subgame-perfect equilibrium at :math:`\delta` iff no one-shot
deviation gains in any state (Friedman 1971; Abreu 1988):

.. math::

    (1-\delta)\,u_i(b, f_{-i}(q)) + \delta V_i(\tau(q,(b, f_{-i}(q)))) \le V_i(q)
    \quad \text{for all } i,\ q,\ b.

With :math:`\delta` a symbol, every constraint is a rational function of
:math:`\delta` and the stage parameters; the *critical discount factor*
:math:`\delta^*` is the smallest :math:`\delta \in (0,1)` at which all hold.
For grim trigger in the prisoner's dilemma the code derives
:math:`\delta^* = (T-R)/(T-P)`. ``concept="nash"`` checks Nash equilibrium
instead (the deviator may use any policy on the automaton's states), which
for tit-for-tat gives Axelrod's :math:`\max\{(T-R)/(T-P), (T-R)/(R-S)\}`;
tit-for-tat is subgame perfect only on a knife edge. Constraints of degree
2–4 in :math:`\delta` (e.g. two-period punishments) give thresholds in
radicals; the signs of parametric expressions are decided under the caller's
``assumptions`` as described in :mod:`nea_games.solvers._repeated_bounds`
(sampling-based, documented as a heuristic).

Return conventions of :func:`critical_discount`: a sympy expression (a
number for numeric games); ``0`` when every :math:`\delta \in (0,1)` works;
``oo`` when none does; a ``Piecewise`` when the answer also needs conditions
on the parameters or an upper bound on :math:`\delta` may bind.

References
----------
J. W. Friedman (1971), *Review of Economic Studies* 38, 1–12.
D. Abreu (1988), *Econometrica* 56, 383–396.
D. Fudenberg and E. Maskin (1986), *Econometrica* 54, 533–554.
R. Axelrod (1984), *The Evolution of Cooperation*, Basic Books.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import sympy

from nea_games._numeric import TOLERANCE
from nea_games.errors import ValidationError
from nea_games.games._automata import Automaton
from nea_games.games.repeated import DELTA, RepeatedGame
from nea_games.solvers._repeated_bounds import (
    Bounds,
    Signer,
    binding_point,
    bounds_from_gains,
    check_nonlinear,
    prune,
    root_bounds,
)
from nea_games.solvers._repeated_minmax import FeasibleSet, feasible_ir_set, minmax
from nea_games.solvers._repeated_strategies import STRATEGIES, strategy_automaton
from nea_games.solvers._repeated_values import deviation_conditions

__all__ = [
    "STRATEGIES",
    "DiscountFunction",
    "FeasibleSet",
    "critical_discount",
    "critical_discount_function",
    "feasible_ir_set",
    "is_subgame_perfect",
    "minmax",
    "strategy_automaton",
    "sustainability_bounds",
]

Concept = Literal["subgame_perfect", "nash"]


def _game(game: Any) -> RepeatedGame:
    if not isinstance(game, RepeatedGame):
        raise ValidationError(f"expected a RepeatedGame, got {type(game).__name__}")
    return game


def _symbol(game: RepeatedGame) -> sympy.Symbol:
    if isinstance(game.discount, sympy.Symbol):
        return game.discount
    return DELTA


def is_subgame_perfect(
    game: RepeatedGame,
    strategy: str | Automaton,
    cooperative: Any = None,
    *,
    discount: Any = None,
    concept: Concept = "subgame_perfect",
    **options: Any,
) -> bool:
    """Whether a strategy profile is an equilibrium of the repeated game at its discount factor.

    Parameters
    ----------
    game : RepeatedGame
        A game with a numeric stage and a numeric discount factor (or pass ``discount=``).
    strategy : str or Automaton
        A built-in name (see :func:`strategy_automaton`) or an automaton.
    cooperative : profile, optional
        The profile the strategy sustains (default: every player's first action).
    discount : number, optional
        Overrides the game's discount factor.
    concept : {"subgame_perfect", "nash"}
        Subgame perfection by the one-shot deviation principle at every
        automaton state, or Nash equilibrium.
    **options
        ``punishment=``, ``k=`` of :func:`strategy_automaton`.

    Exact stage games and exact discount factors are checked exactly; float
    ones within :data:`nea_games._numeric.TOLERANCE` (relative).

    Examples
    --------
    >>> from nea_games.games.catalog import prisoners_dilemma
    >>> game = RepeatedGame(prisoners_dilemma(), Fraction(1, 2))
    >>> is_subgame_perfect(game, "grim_trigger"), is_subgame_perfect(game, "grim_trigger", discount=0.49)
    (True, False)
    """
    game = _game(game)
    delta = game.discount if discount is None else RepeatedGame(game.stage, discount).discount
    if (isinstance(delta, sympy.Basic) and delta.free_symbols) or game.stage.parameters:
        from nea_games.errors import ParametricGameError

        raise ParametricGameError(
            "is_equilibrium: substitute values for every parameter first (game.subs(...))"
        )
    automaton = strategy_automaton(game.stage, strategy, cooperative, **options)
    exact = isinstance(delta, Fraction) and game.stage.is_exact
    value = sympy.Rational(delta.numerator, delta.denominator) if isinstance(delta, Fraction) else delta
    if not exact:
        value = sympy.Rational(float(value))
    gains = [c.gain for c in deviation_conditions(game.stage, automaton, value, concept)]
    if exact:
        return all(g <= 0 for g in gains)
    scale = max(1.0, float(np.abs(game.stage.float_payoffs()).max()))
    return all(float(g) <= TOLERANCE * scale for g in gains)


def sustainability_bounds(
    game: RepeatedGame,
    strategy: str | Automaton,
    cooperative: Any = None,
    *,
    assumptions: Sequence[Any] = (),
    concept: Concept = "subgame_perfect",
    **options: Any,
) -> Bounds:
    """All bounds on :math:`\\delta` under which the profile is an equilibrium (pruned).

    Examples
    --------
    >>> from nea_games.games.catalog import prisoners_dilemma
    >>> sustainability_bounds(RepeatedGame(prisoners_dilemma()), "grim_trigger").numeric_set
    Interval.Ropen(1/2, 1)
    """
    game = _game(game)
    delta = _symbol(game)
    automaton = strategy_automaton(game.stage, strategy, cooperative, assumptions=assumptions, **options)
    signer = Signer(game.stage.parameters, assumptions)
    gains = [c.gain for c in deviation_conditions(game.stage, automaton, delta, concept)]
    bounds = bounds_from_gains(gains, delta, signer)
    if bounds.nonlinear:  # keep the binding ones, and try closed-form roots for those
        provisional = sympy.Max(*bounds.lower) if bounds.lower else sympy.S.Zero
        bounds.nonlinear = [g for g in bounds.nonlinear if binding_point(g, provisional, delta, signer)]
        root_bounds(bounds, delta, signer)
    bounds.lower = prune([b for b in bounds.lower if not signer.leq(b, 0)], signer, keep_largest=True)
    bounds.upper = prune([b for b in bounds.upper if not signer.leq(1, b)], signer, keep_largest=False)
    return bounds


def critical_discount(
    game: RepeatedGame,
    strategy: str | Automaton,
    cooperative: Any = None,
    *,
    assumptions: Sequence[Any] = (),
    concept: Concept = "subgame_perfect",
    **options: Any,
) -> Any:
    """The smallest discount factor at which the strategy profile is an equilibrium.

    Parameters
    ----------
    game : RepeatedGame
        Its discount factor is ignored (the threshold is in the symbol
        ``delta``, or the game's own symbol).
    strategy, cooperative, concept, **options
        As in :func:`is_subgame_perfect`.
    assumptions : sequence of sympy relationals
        Facts about the stage parameters, e.g. ``[T > R, R > P, P > S]``.

    Returns
    -------
    sympy expression
        Simplified :math:`\\delta^*` in the stage parameters (a number for
        numeric games; ``0`` if every :math:`\\delta` works, ``oo`` if none;
        a ``Piecewise`` when further conditions are needed).

    Examples
    --------
    >>> import sympy
    >>> from nea_games import NormalFormGame
    >>> T, R, P, S = sympy.symbols("T R P S")
    >>> pd = NormalFormGame.symmetric([[R, S], [T, P]], actions=["C", "D"])
    >>> critical_discount(RepeatedGame(pd), "grim_trigger", assumptions=[T > R, R > P, P > S])
    (R - T)/(P - T)
    """
    game = _game(game)
    bounds = sustainability_bounds(
        game, strategy, cooperative, assumptions=assumptions, concept=concept, **options
    )
    if bounds.infeasible:
        return sympy.oo
    if bounds.numeric_set is not None:
        result = bounds.numeric_set.inf
        if isinstance(game.stage.payoffs.flat[0], float) and result.is_number and result.is_finite:
            return sympy.Float(float(result))
        return result
    lower = sympy.Max(*bounds.lower) if bounds.lower else sympy.S.Zero
    lower = sympy.simplify(lower)
    check_nonlinear(bounds, lower, _symbol(game), Signer(game.stage.parameters, assumptions))
    conditions = [*bounds.parameter_conditions, *(sympy.Le(lower, u) for u in bounds.upper)]
    if conditions:
        return sympy.Piecewise((lower, sympy.And(*conditions)), (sympy.oo, True))
    return lower


@dataclass(frozen=True)
class DiscountFunction:
    """:math:`\\delta^*` as an expression and a numpy function of the stage parameters.

    ``function(*arrays)`` takes one array per symbol of ``parameters`` (in that
    order; any broadcastable shapes) and returns :math:`\\delta^*` element-wise
    — lambdified once, so a sweep over :math:`10^6` points is one numpy call.
    Calling the object itself accepts positional arrays or keywords by name.

    Examples
    --------
    >>> import numpy as np, sympy
    >>> from nea_games import NormalFormGame
    >>> T, R, P, S = sympy.symbols("T R P S")
    >>> pd = NormalFormGame.symmetric([[R, S], [T, P]], actions=["C", "D"])
    >>> f = critical_discount_function(RepeatedGame(pd), "grim_trigger", assumptions=[T > R, R > P, P > S])
    >>> f.parameters
    (P, R, T)
    >>> f(P=1, R=3, T=np.array([4.0, 5.0]))
    array([0.33333333, 0.5       ])
    """

    expression: Any
    parameters: tuple[sympy.Symbol, ...]
    function: Callable[..., npt.NDArray[np.float64]]

    def __call__(self, *arrays: Any, **named: Any) -> npt.NDArray[np.float64]:
        if named:
            by_name = {p.name: p for p in self.parameters}
            missing = [name for name in by_name if name not in named]
            if missing or arrays:
                raise ValidationError(f"DiscountFunction: give every parameter by name; missing {missing}")
            arrays = tuple(named[p.name] for p in self.parameters)
        if len(arrays) != len(self.parameters):
            raise ValidationError(f"DiscountFunction: expected {len(self.parameters)} arrays")
        values = self.function(*(np.asarray(a, dtype=float) for a in arrays))
        shape = np.broadcast_shapes(*(np.shape(a) for a in arrays)) if arrays else ()
        return np.broadcast_to(np.asarray(values, dtype=float), shape).copy()


def critical_discount_function(
    game: RepeatedGame, strategy: str | Automaton, cooperative: Any = None, **options: Any
) -> DiscountFunction:
    """:func:`critical_discount` as a vectorised numpy function of the stage parameters.

    The keyword options are those of :func:`critical_discount`. ``oo`` (never
    sustainable) becomes ``inf``.
    """
    expression = critical_discount(game, strategy, cooperative, **options)
    parameters = tuple(sorted(sympy.sympify(expression).free_symbols, key=lambda s: s.name))
    function = sympy.lambdify(parameters, expression, modules="numpy")
    return DiscountFunction(expression, parameters, function)
