"""Compare a symbolic model solve with the numeric one, entry by entry of the headline."""

from __future__ import annotations

import sympy


def same_value(symbolic: object, numeric: object, point: dict[sympy.Symbol, object]) -> bool:
    """Whether a symbolic headline value, with ``point`` substituted, equals the numeric one.

    Containers are compared element by element. A choice given symbolically as
    ``{name: condition}`` must hold exactly for the numeric choice; ``oo`` stands for
    "never" (``None``) where a threshold is a Piecewise; a condition still in the model's own
    symbols is compared in canonical form.
    """
    if isinstance(numeric, str) and isinstance(symbolic, dict):
        return all(bool(sympy.sympify(c).subs(point)) == (name == numeric) for name, c in symbolic.items())
    if isinstance(numeric, dict):
        assert isinstance(symbolic, dict)
        return symbolic.keys() == numeric.keys() and all(
            same_value(symbolic[k], numeric[k], point) for k in numeric
        )
    if isinstance(numeric, (tuple, list)):
        assert isinstance(symbolic, (tuple, list))
        return len(symbolic) == len(numeric) and all(
            same_value(s, n, point) for s, n in zip(symbolic, numeric, strict=True)
        )
    if isinstance(numeric, str) or symbolic is None:
        return symbolic == numeric
    value = sympy.sympify(symbolic).subs(point)
    if numeric is None:
        return bool(value == sympy.oo)
    target = sympy.sympify(numeric).subs(point)
    if isinstance(value, sympy.logic.boolalg.Boolean) or isinstance(target, sympy.logic.boolalg.Boolean):
        if value.free_symbols or target.free_symbols:
            return bool(value.canonical == target.canonical)
        return bool(value) == bool(target)
    return bool(sympy.simplify(value - target) == 0)
