r"""Two-player Nash bargaining, derived symbolically.

Two players bargain over a set of utility pairs :math:`(u_1, u_2)` whose
Pareto frontier is :math:`u_2 = f(u_1)` with :math:`f` decreasing and
concave; if they fail to agree they get the *disagreement point*
:math:`(d_1, d_2)`. The (generalised) Nash bargaining solution maximises the
Nash product

.. math:: N(u_1) = (u_1 - d_1)^{\alpha}\,\bigl(f(u_1) - d_2\bigr)^{1-\alpha},
          \qquad 0 < \alpha < 1,

over the agreements that give both players at least their disagreement
payoff; :math:`\alpha` is player 1's bargaining power (Nash 1950;
Kalai 1977 for :math:`\alpha \ne 1/2`). Taking logarithms, the first-order
condition is

.. math:: \frac{\alpha}{u_1 - d_1} + \frac{(1-\alpha) f'(u_1)}{f(u_1) - d_2} = 0,

and the second-order condition holds because :math:`\log N` is strictly
concave where both gains are positive. This module *derives* the solution
with sympy: it solves the first-order condition, checks the second-order
condition at the root, and compares the root with the ends of the
frontier's domain (a truncated frontier can bind).

**Transferable surplus.** With a surplus :math:`S` split as
:math:`x_1 + x_2 = S` the frontier is :math:`f(u_1) = S - u_1`; an agreement
is feasible iff :math:`S \ge d_1 + d_2`, and the derived split is
:math:`x_1 = d_1 + \alpha(S - d_1 - d_2)` ("split the difference" when
:math:`\alpha = 1/2`). When no agreement is feasible the outcome is the
disagreement point.

Numbers stay exact (``int`` and ``Fraction`` inputs give ``Fraction``
outputs, irrational results stay sympy expressions); sympy symbols give
formulas, with feasibility as a sympy relation.

Examples
--------
>>> from fractions import Fraction
>>> deal = split_surplus(10, 2, 3)
>>> deal.shares, deal.feasible
((Fraction(9, 2), Fraction(11, 2)), True)
>>> import sympy
>>> S, d1, d2, a = sympy.symbols("S d_1 d_2 alpha")
>>> split_surplus(S, d1, d2, power=a).shares[0]
S*alpha - alpha*d_1 - alpha*d_2 + d_1
>>> split_surplus(4, 2, 3).agreement
False
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from nea_games._values import exact_output, sympy_value
from nea_games.errors import ValidationError

__all__ = ["BargainingSolution", "nash_bargaining", "split_surplus"]

_U = sympy.Symbol("u_1", real=True)


def _to_sympy(name: str, value: Any) -> Any:
    """A bargaining input as a sympy number or expression (exact for exact inputs)."""
    return sympy_value("nash bargaining", name, value)


def _out(value: Any) -> Any:
    """Rational results as Fraction, float results as float, the rest as sympy."""
    return exact_output(sympy.sympify(value))


def _truth(relation: Any) -> Any:
    """A relation as ``True``/``False`` when sympy can decide it, else the relation itself."""
    value = sympy.simplify(relation) if not isinstance(relation, bool) else relation
    if value is sympy.true or value is True:
        return True
    if value is sympy.false or value is False:
        return False
    return value


@dataclass(frozen=True)
class BargainingSolution:
    r"""The Nash bargaining solution of a two-player problem.

    Attributes
    ----------
    players : tuple of str
        The two players' names.
    disagreement : tuple
        :math:`(d_1, d_2)`.
    power : Fraction or sympy expression
        Player 1's bargaining power :math:`\alpha`.
    feasible : bool or sympy relation
        Whether some agreement gives both players at least their disagreement payoff
        (:math:`S \ge d_1 + d_2` for a transferable surplus).
    shares : tuple or None
        The agreed split :math:`(x_1, x_2)` of the surplus (for a general frontier, the agreed
        utility pair); ``None`` when no agreement is feasible.
    utilities : tuple
        What each player gets: the agreement, or the disagreement point when none is feasible.
        With symbolic inputs, the agreement's formula (valid where ``feasible`` holds).
    nash_product : number or sympy expression or None
        :math:`(u_1 - d_1)^{\alpha}(u_2 - d_2)^{1-\alpha}` at the agreement.
    first_order_condition : sympy expression
        The derivative of :math:`\log N` in :math:`u_1` whose root is the agreement.
    second_order : bool or sympy relation
        Whether :math:`\log N` is strictly concave at the agreement (a maximum).
    binding_bound : str or None
        ``"lower"`` or ``"upper"`` when a bound of the frontier's domain, not the first-order
        condition, fixes the agreement.
    """

    players: tuple[str, str]
    disagreement: tuple[Any, Any]
    power: Any
    feasible: Any
    shares: tuple[Any, Any] | None
    utilities: tuple[Any, Any]
    nash_product: Any
    first_order_condition: Any
    second_order: Any
    binding_bound: str | None = None

    @property
    def agreement(self) -> bool | None:
        """``True`` if the players agree, ``False`` if not, ``None`` if it depends on symbols."""
        return self.feasible if isinstance(self.feasible, bool) else None

    @property
    def gains(self) -> tuple[Any, Any]:
        """Each player's gain over disagreement, :math:`u_i - d_i`."""
        u, d = self.utilities, self.disagreement
        return (
            _out(sympy.sympify(u[0]) - sympy.sympify(d[0])),
            _out(sympy.sympify(u[1]) - sympy.sympify(d[1])),
        )

    def share(self, player: str | int) -> Any:
        """One player's utility, by name or position.

        Raises
        ------
        nea_games.errors.ValidationError
            For a name that is not one of the two players.
        """
        if isinstance(player, int) and not isinstance(player, bool) and player in (0, 1):
            return self.utilities[player]
        if player in self.players:
            return self.utilities[self.players.index(str(player))]
        raise ValidationError(f"BargainingSolution: no player {player!r}; players: {', '.join(self.players)}")


def _check_power(power: Any) -> Any:
    alpha = _to_sympy("power", power)
    if not alpha.free_symbols and not (0 < alpha < 1):
        raise ValidationError(
            f"nash bargaining: power (player 1's bargaining power) must lie in (0, 1), got {_out(alpha)}"
        )
    return alpha


def _decreasing_concave(f: Any, d1: Any, d2: Any, low: Any, high: Any) -> None:
    r"""Reject numeric frontiers that rise or bend outwards where both players gain.

    Checked at 11 points from :math:`\max(d_1, low)` to ``high`` (or 10 units on), keeping
    those where :math:`f \ge d_2`.
    """
    if (f.free_symbols - {_U}) or d1.free_symbols or d2.free_symbols:
        return
    slope, curve = sympy.diff(f, _U), sympy.diff(f, _U, 2)
    lo = d1 if low is None or low.free_symbols else max(d1, low)
    hi = lo + 10 if high is None or high.free_symbols or not high.is_finite else high
    for k in range(11):
        point = lo + (hi - lo) * sympy.Rational(k, 10)
        if not f.subs(_U, point) >= d2:
            continue
        s, c = slope.subs(_U, point), curve.subs(_U, point)
        if s.is_real and s > 0:
            raise ValidationError(
                f"nash bargaining: the frontier must be decreasing; its slope at u_1 = {point} is {s}"
            )
        if c.is_real and c > 0:
            raise ValidationError(
                f"nash bargaining: the frontier must be concave; f'' at u_1 = {point} is {c}"
            )


def nash_bargaining(
    frontier: Any,
    disagreement: Sequence[Any],
    *,
    variable: Any = None,
    domain: Sequence[Any] | None = None,
    power: Any = Fraction(1, 2),
    players: Sequence[str] = ("player 1", "player 2"),
) -> BargainingSolution:
    r"""The Nash bargaining solution on the frontier :math:`u_2 = f(u_1)`.

    Parameters
    ----------
    frontier : sympy expression
        :math:`f(u_1)`, decreasing and concave in ``variable``.
    disagreement : pair of numbers or sympy expressions
        :math:`(d_1, d_2)`.
    variable : sympy.Symbol, optional
        The symbol standing for :math:`u_1` in ``frontier`` (default: the frontier's only free
        symbol that is not a parameter named elsewhere; give it when there are several).
    domain : pair, optional
        ``(low, high)`` bounds on :math:`u_1` (``None`` for unbounded); a *truncated* frontier.
    power : number or sympy expression, default 1/2
        Player 1's bargaining power :math:`\alpha \in (0, 1)`.
    players : pair of str
        Names used in the result.

    Returns
    -------
    BargainingSolution

    Raises
    ------
    nea_games.errors.ValidationError
        For a power outside (0, 1), a numeric frontier that is not decreasing and concave, a
        malformed disagreement point or domain, or a symbolic problem whose first-order
        condition has several candidate roots.

    Examples
    --------
    Split the difference on the frontier :math:`u_2 = 4 - u_1^2` from :math:`(0, 0)`:

    >>> import sympy
    >>> u = sympy.Symbol("u")
    >>> deal = nash_bargaining(4 - u**2, (0, 0), variable=u)
    >>> deal.utilities
    (2*sqrt(3)/3, Fraction(8, 3))
    >>> nash_bargaining(4 - u**2, (0, 0), variable=u, domain=(0, 1)).utilities
    (Fraction(1, 1), Fraction(3, 1))
    """
    if isinstance(disagreement, (str, bytes)) or len(disagreement) != 2:
        raise ValidationError(
            f"nash bargaining: disagreement must be a pair (d_1, d_2), got {disagreement!r}"
        )
    names = (str(players[0]), str(players[1]))
    d1, d2 = (_to_sympy(f"d_{k + 1}", v) for k, v in enumerate(disagreement))
    alpha = _check_power(power)
    expr = _to_sympy("frontier", frontier)
    if variable is None:
        free = sorted(expr.free_symbols, key=str)
        if len(free) != 1:
            raise ValidationError(
                "nash bargaining: give variable= (the symbol for player 1's utility); "
                f"the frontier has symbols {', '.join(map(str, free)) or 'none'}"
            )
        variable = free[0]
    if not isinstance(variable, sympy.Symbol):
        raise ValidationError(f"nash bargaining: variable must be a sympy Symbol, got {variable!r}")
    f = sympy.sympify(expr).subs(variable, _U)
    low, high = (None, None) if domain is None else domain
    low = None if low is None else _to_sympy("domain low", low)
    high = None if high is None else _to_sympy("domain high", high)
    if low is not None and high is not None and not (high - low).free_symbols and high < low:
        raise ValidationError(f"nash bargaining: domain low {low} exceeds high {high}")
    _decreasing_concave(f, d1, d2, low, high)
    return _solve(f, d1, d2, alpha, low, high, names, transferable=None)


def split_surplus(
    surplus: Any,
    d_1: Any,
    d_2: Any,
    *,
    power: Any = Fraction(1, 2),
    players: Sequence[str] = ("player 1", "player 2"),
) -> BargainingSolution:
    r"""Nash bargaining over a transferable surplus :math:`x_1 + x_2 = S`.

    Parameters
    ----------
    surplus : number or sympy expression
        :math:`S`.
    d_1, d_2 : number or sympy expression
        The disagreement payoffs.
    power : number or sympy expression, default 1/2
        Player 1's bargaining power :math:`\alpha \in (0, 1)`.
    players : pair of str
        Names used in the result.

    Returns
    -------
    BargainingSolution
        ``shares`` derived from the first-order condition; ``feasible`` is
        :math:`S \ge d_1 + d_2` (a bool for numbers, a sympy relation for symbols).

    Examples
    --------
    >>> split_surplus(10, 2, 3, power=Fraction(1, 4), players=("ROK", "China")).shares
    (Fraction(13, 4), Fraction(27, 4))
    >>> split_surplus(10, 2, 3).nash_product
    Fraction(5, 2)
    """
    S = _to_sympy("surplus", surplus)
    d1, d2 = _to_sympy("d_1", d_1), _to_sympy("d_2", d_2)
    alpha = _check_power(power)
    names = (str(players[0]), str(players[1]))
    return _solve(S - _U, d1, d2, alpha, None, None, names, transferable=S)


def _solve(
    f: Any,
    d1: Any,
    d2: Any,
    alpha: Any,
    low: Any,
    high: Any,
    names: tuple[str, str],
    transferable: Any,
) -> BargainingSolution:
    log_product = alpha * sympy.log(_U - d1) + (1 - alpha) * sympy.log(f - d2)
    foc = sympy.together(sympy.diff(log_product, _U))
    numerator = sympy.numer(foc)
    start = d1 if low is None else (sympy.Max(d1, low) if (d1 - low).free_symbols else max(d1, low))
    if transferable is not None:
        feasible_rel = sympy.Ge(transferable, d1 + d2)
    else:
        feasible_rel = sympy.Ge(f.subs(_U, start), d2)
        if high is not None:
            feasible_rel = sympy.And(feasible_rel, sympy.Ge(high, d1))
    feasible = _truth(feasible_rel)
    if feasible is False:
        return BargainingSolution(
            names, (_out(d1), _out(d2)), _out(alpha), False, None, (_out(d1), _out(d2)), None, foc, True
        )
    roots = sympy.solve(numerator, _U)
    symbolic = bool(set().union(*(sympy.sympify(x).free_symbols for x in (f, d1, d2, alpha))) - {_U})
    bound: str | None = None
    if symbolic:
        if len(roots) != 1:
            raise ValidationError(
                f"nash bargaining: the first-order condition has {len(roots)} candidate roots "
                f"{roots}; substitute numbers to choose among them"
            )
        u1 = sympy.simplify(roots[0])
    else:
        u1, bound = _numeric_optimum(roots, f, d1, d2, alpha, low, high)
    u2 = sympy.simplify(f.subs(_U, u1))
    second = sympy.diff(log_product, _U, 2).subs(_U, u1)
    product = sympy.simplify((u1 - d1) ** alpha * (u2 - d2) ** (1 - alpha))
    if transferable is not None:
        u1 = sympy.expand(u1)
        u2 = sympy.expand(transferable - u1)
    utilities = (_out(u1), _out(u2))
    return BargainingSolution(
        players=names,
        disagreement=(_out(d1), _out(d2)),
        power=_out(alpha),
        feasible=feasible,
        shares=utilities,
        utilities=utilities,
        nash_product=_out(product),
        first_order_condition=foc,
        second_order=_second_order(second, f, u1, bound),
        binding_bound=bound,
    )


def _numeric_optimum(
    roots: list[Any], f: Any, d1: Any, d2: Any, alpha: Any, low: Any, high: Any
) -> tuple[Any, str | None]:
    """The agreement on a numeric frontier: the interior root, or a binding end of the domain."""

    def admissible(u: Any) -> bool:
        if not (u.is_real and u >= d1 and f.subs(_U, u) >= d2):
            return False
        return (low is None or u >= low) and (high is None or u <= high)

    def value(u: Any) -> float:
        g1, g2 = float(u - d1), float(f.subs(_U, u) - d2)
        if g1 <= 0 or g2 <= 0:
            return -math.inf
        return float(alpha) * math.log(g1) + (1 - float(alpha)) * math.log(g2)

    candidates: list[tuple[Any, str | None]] = [(r, None) for r in roots]
    ends = ((low, "lower"), (high, "upper"))
    candidates += [(b, name) for b, name in ends if b is not None and b.is_finite]
    candidates = [(u, name) for u, name in candidates if admissible(u)]
    if not candidates:  # feasible only at a single point with zero gains
        point = d1 if low is None else max(d1, low)
        return point, None
    best = max(candidates, key=lambda c: value(c[0]))
    interior = [c for c in candidates if c[1] is None]
    # an interior root that ties with a bound is the same point: report it as interior
    for u, _ in interior:
        if sympy.simplify(u - best[0]) == 0:
            return u, None
    return best


def _second_order(second: Any, f: Any, u1: Any, bound: str | None) -> Any:
    r"""Whether the log Nash product is strictly concave at the agreement.

    With symbols: :math:`(\log N)'' = -\alpha/g_1^2 + (1-\alpha)(f'' g_2 - f'^2)/g_2^2` is negative
    whenever both gains :math:`g_i` are positive, :math:`0 < \alpha < 1` and :math:`f'' \le 0`; so a
    frontier with a known non-positive curvature gives ``True`` (at positive gains).
    """
    if bound is not None:
        return True  # an end of the domain: the maximum over a closed set
    second = sympy.simplify(second)
    if not second.free_symbols:
        return bool(second < 0) if second.is_real else True
    curvature = sympy.simplify(sympy.diff(f, _U, 2).subs(_U, u1))
    if curvature.is_nonpositive:
        return True
    return _truth(sympy.Lt(second, 0))
