r"""Solving inequalities for one symbol (private helper of :func:`critical_value`).

A relation :math:`g(x) \mathrel{\square} 0` is written as :math:`N(x)/D`
with :math:`D` free of :math:`x` or of known sign on the domain; if
:math:`N = a x + b` with :math:`a` of known sign the relation is
:math:`x \mathrel{\square'} -b/a`, the direction flipped once for each of
:math:`a < 0` and :math:`D < 0`.
"""

from __future__ import annotations

from typing import Any, Literal

import sympy

from nea_games.analysis._conditions_simplify import Assumptions
from nea_games.errors import ValidationError

__all__ = ["solve_threshold"]

_FLIP = {">=": "<=", "<=": ">=", ">": "<", "<": ">"}


def _sign(facts: Assumptions, x: Any) -> int | None:
    nn, pos = facts.sign_of(x)
    neg_nn, neg_pos = facts.sign_of(-x)
    if pos:
        return 1
    if neg_pos:
        return -1
    if nn is False:
        return -1
    if neg_nn is False:
        return 1
    return None


def _solve_one(rel: Any, s: Any, facts: Assumptions) -> tuple[Any, str]:
    op = rel.rel_op
    g = sympy.expand(sympy.sympify(rel.lhs - rel.rhs))
    if op in ("<", "<="):
        g, op = -g, _FLIP[op]
    if g.is_polynomial(s) and sympy.degree(g, s) == 1:
        numer = g  # already linear in s: no denominator to clear
    else:
        numer, denom = sympy.fraction(sympy.together(g))
        numer = sympy.expand(numer)
        sign = _sign(facts, denom) if not denom.is_number else (1 if denom > 0 else -1)
        if sign is None:
            raise ValidationError(
                f"critical_value: cannot tell the sign of {sympy.sstr(denom)} in {sympy.sstr(rel)}; "
                "add assumptions"
            )
        if sign < 0:
            op = _FLIP[op]
        if not numer.is_polynomial(s) or sympy.degree(numer, s) != 1:
            raise ValidationError(
                f"critical_value: {sympy.sstr(rel)} is not linear in {s} (after clearing denominators)"
            )
    a = numer.coeff(s, 1)
    b = sympy.expand(numer - a * s)
    sa = _sign(facts, a)
    if sa is None:
        raise ValidationError(
            f"critical_value: cannot tell the sign of the coefficient {sympy.sstr(a)} of {s} in "
            f"{sympy.sstr(rel)}; add assumptions"
        )
    if sa < 0:
        op = _FLIP[op]
    return sympy.factor(sympy.simplify(-b / a)), op


def solve_threshold(
    atoms: list[Any], s: Any, facts: Assumptions
) -> tuple[Any, Literal[">=", "<=", ">", "<"], Any]:
    """``(threshold, direction, side)`` of a conjunction of relations in ``s``."""
    bounds: list[tuple[Any, str]] = []
    side: list[Any] = []
    for rel in atoms:
        if s in rel.free_symbols:
            bounds.append(_solve_one(rel, s, facts))
        else:
            side.append(rel)
    if not bounds:
        raise ValidationError(f"critical_value: the condition does not involve {s}")
    lower = [b for b in bounds if b[1] in (">=", ">")]
    upper = [b for b in bounds if b[1] in ("<=", "<")]
    if lower and upper:
        raise ValidationError(
            f"critical_value: the condition bounds {s} from both sides; it is not one threshold"
        )
    chosen = lower or upper
    ops = {op for _, op in chosen}
    if len(ops) > 1:
        raise ValidationError(f"critical_value: the condition mixes strict and weak bounds on {s}")
    values = [v for v, _ in chosen]
    threshold = values[0] if len(values) == 1 else (sympy.Max if lower else sympy.Min)(*values)
    op = ops.pop()
    return threshold, op, sympy.And(*side)  # type: ignore[return-value]
