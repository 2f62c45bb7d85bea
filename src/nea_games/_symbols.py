"""Small helpers on sympy symbols shared by the symbolic solvers."""

from __future__ import annotations

from typing import Any

import sympy

__all__ = ["sign_domain"]


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
