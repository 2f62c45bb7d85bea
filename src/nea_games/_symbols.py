"""Small helpers on sympy symbols shared by the symbolic solvers."""

from __future__ import annotations

from typing import Any

import sympy

__all__ = ["interval_relation", "sign_domain"]


def sign_domain(symbol: Any) -> Any:
    """The interval of values a symbol's sign assumptions allow (the reals when it has none).

    Examples
    --------
    >>> sign_domain(sympy.Symbol("x", positive=True))
    Interval.open(0, oo)
    >>> sign_domain(sympy.Symbol("y"))
    Reals
    """
    if symbol.is_positive:
        return sympy.Interval.open(0, sympy.oo)
    if symbol.is_nonnegative:
        return sympy.Interval(0, sympy.oo)
    if symbol.is_negative:
        return sympy.Interval.open(-sympy.oo, 0)
    if symbol.is_nonpositive:
        return sympy.Interval(-sympy.oo, 0)
    return sympy.S.Reals


def interval_relation(region: Any, symbol: Any, domain: Any) -> Any:
    """The simplest relation on ``symbol`` that picks ``region`` out of ``domain``.

    For an interval, a single bound suffices when the domain supplies the other
    one (the upper bound is tried first); otherwise, and for other sets, the
    full relational form of the region.

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> interval_relation(sympy.Interval(0, 1), x, sympy.Interval(0, sympy.oo))
    x <= 1
    >>> interval_relation(sympy.Interval(0, 1), x, sympy.S.Reals)
    (0 <= x) & (x <= 1)
    """
    if isinstance(region, sympy.Interval):
        if region.sup.is_finite:
            below = sympy.Interval(-sympy.oo, region.sup, True, region.right_open)
            if below.intersect(domain) == region:
                return sympy.Lt(symbol, region.sup) if region.right_open else sympy.Le(symbol, region.sup)
        if region.inf.is_finite:
            above = sympy.Interval(region.inf, sympy.oo, region.left_open, True)
            if above.intersect(domain) == region:
                return sympy.Gt(symbol, region.inf) if region.left_open else sympy.Ge(symbol, region.inf)
    return region.as_relational(symbol)
