r"""Symbolic parameters in the multilateral model: sustainability conditions and the critical rivalry.

With a symbolic parameter the critical discount factor :math:`\delta^*` is an expression,
possibly a ``Piecewise`` :math:`\delta^* = v_k` on regime :math:`c_k` (first match wins).
Cooperation is sustainable iff

.. math:: \bigvee_k \Bigl(c_k \wedge \bigwedge_{j < k} \neg c_j \wedge \delta \ge v_k\Bigr),

each relation decided, or reduced, under the model's domain (:func:`sustainable_condition`).

The critical rivalry :math:`\bar\rho` solves the grim-trigger condition for :math:`\rho_R`
(cooperation iff :math:`\rho_R \le \bar\rho`). When the coefficient of :math:`\rho_R` can
vanish on the boundary of a parameter's range (e.g. fungibility :math:`\varphi = 0`: rivalry
then does not matter), :func:`rivalry_threshold` solves on the interior of the ranges and
states the boundary separately: :math:`\bar\rho = \infty` where the condition holds for every
rivalry, :math:`-\infty` where it holds for none.

See :mod:`nea_games.models.multilateral`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import sympy

from nea_games.analysis._conditions_simplify import Assumptions
from nea_games.analysis.conditions import Condition, conditions, critical_value
from nea_games.errors import ValidationError

if TYPE_CHECKING:
    from nea_games.models._parameters import Range
    from nea_games.models.multilateral import MultilateralModel

__all__ = ["critical_rivalry", "rivalry_threshold", "sustainable_condition"]


def sustainable_condition(delta: Any, critical: Any, assumptions: Sequence[Any] = ()) -> Any:
    r""":math:`\delta \ge \delta^*` as a sympy boolean, simplified under ``assumptions``.

    Examples
    --------
    >>> M = sympy.Symbol("M")
    >>> sustainable_condition(sympy.Rational(4, 5), (60 - M) / (5 * M + 54), [M > 1, M < 6])
    M >= 84/25
    >>> critical = sympy.Piecewise((0, M >= sympy.Rational(5, 2)), ((3 - M) / (2 * M), True))
    >>> sustainable_condition(sympy.Rational(1, 5), critical, [M > 1, M < 3])  # (3 - M)/(2M) <= 1/5
    M >= 15/7
    """
    facts = Assumptions(assumptions)
    delta, critical = sympy.sympify(delta), sympy.sympify(critical)
    if isinstance(critical, sympy.Piecewise):
        earlier: list[Any] = []
        cases = []
        for value, regime in critical.args:
            cases.append(sympy.And(regime, *(sympy.Not(c) for c in earlier), _at_least(delta, value)))
            earlier.append(regime)
        expr: Any = sympy.Or(*cases)
    else:
        expr = _at_least(delta, critical)
    out = _simplify(facts, expr)
    free: set[Any] = set(getattr(out, "free_symbols", set()))
    if len(free) == 1 and isinstance(out, (sympy.Or, sympy.And)):  # one interval if it is one
        out = facts.univariate(out, next(iter(free)))
    return out


def _at_least(delta: Any, value: Any) -> Any:
    if value is sympy.oo:
        return sympy.false
    if value is sympy.S.Zero or value is -sympy.oo:
        return sympy.true  # delta > 0 on its domain
    return sympy.Ge(delta, value)


def _simplify(facts: Assumptions, expr: Any) -> Any:
    """An And/Or of relations decided under ``facts`` (Not pushed down to the relations)."""
    expr = sympy.sympify(expr)
    if isinstance(expr, sympy.Or):
        return sympy.Or(*(_simplify(facts, a) for a in expr.args))
    if isinstance(expr, sympy.And):
        parts = [_simplify(facts, a) for a in expr.args]
        if any(p is sympy.false for p in parts):
            return sympy.false
        if any(isinstance(p, sympy.Or) for p in parts):
            return sympy.And(*parts)
        return facts.simplify(sympy.And(*parts))
    if isinstance(expr, sympy.Not):
        return _simplify(facts, sympy.simplify_logic(expr))
    return facts.simplify(expr)


def rivalry_threshold(
    condition: Condition, rho: Any, assumptions: Sequence[Any], interior: Sequence[Any]
) -> Any:
    r""":math:`\bar\rho` with cooperation iff :math:`\rho_R \le \bar\rho`, from the condition.

    ``interior`` are strict versions of the ranges' closed lower bounds (e.g. :math:`\varphi > 0`
    for :math:`\varphi \in [0, 1]`), used only when the condition cannot be solved on the
    whole domain; the boundary is then the ``Piecewise``'s last case.

    Examples
    --------
    >>> rho, phi, d = sympy.Symbol("rho", nonnegative=True), sympy.Symbol("phi"), sympy.Symbol("d")
    >>> cond = Condition(phi * rho * (d + 1) <= d)
    >>> rivalry_threshold(cond, rho, [phi >= 0, phi <= 1, d > 0], [phi > 0])
    Piecewise((d/(phi*(d + 1)), phi > 0), (oo, True))
    """
    expr = sympy.sympify(condition.expr)
    if expr in (sympy.true, sympy.false):  # rivalry does not matter
        return sympy.oo if expr is sympy.true else -sympy.oo
    try:
        return _upper_bound(critical_value(condition, rho, assumptions=assumptions))
    except ValidationError as error:
        failure = error
    for fact in interior:  # one parameter off the boundary of its range at a time
        try:
            inner = _upper_bound(critical_value(condition, rho, assumptions=[fact, *assumptions]))
        except ValidationError:
            continue
        (x,) = fact.free_symbols
        at_boundary = Assumptions(assumptions).simplify(expr.subs(x, fact.rhs if fact.lhs == x else fact.lhs))
        if rho in getattr(at_boundary, "free_symbols", set()):
            continue
        return sympy.Piecewise((inner, fact), (sympy.oo, at_boundary), (-sympy.oo, True))
    raise failure


def _upper_bound(value: Any) -> Any:
    if value.direction not in ("<=", "<"):
        raise ValidationError(
            f"critical rivalry: expected cooperation to hold below a rivalry level, got {value.text()}"
        )
    if value.side is not sympy.true:
        return sympy.Piecewise((value.threshold, value.side), (-sympy.oo, True))
    return value.threshold


def critical_rivalry(model: MultilateralModel, ranges: Mapping[str, Range]) -> Any:
    r""":math:`\bar\rho(\delta)` of region-wide security cooperation (see ``MultilateralModel``).

    The condition of the model's strategy with symbolic :math:`\rho_R` and :math:`\delta`
    (with :math:`\delta` at the model's value under ``k_period``), solved by
    :func:`rivalry_threshold` on the model's domain; a parameter with a closed lower end
    (e.g. :math:`\varphi_{security} \in [0, 1]`) may be taken off it.
    """
    rho, delta = sympy.Symbol("rho_R", nonnegative=True), sympy.Symbol("delta", positive=True)
    options: dict[str, Any] = {}
    if model.strategy == "k_period":
        delta, options = model.delta, {"k": model.k}
    symbolic = replace(model, rho_R=rho, delta=delta)
    game = symbolic.repeated_game("region", "security")
    cooperative = ("C",) * len(game.players)
    automaton = "k_period_punishment" if model.strategy == "k_period" else "grim_trigger"
    domain = symbolic.domain("security", "region")
    condition = conditions(game, automaton, assumptions=domain, cooperative=cooperative, **options)
    facts = [*domain, *([delta < 1] if isinstance(delta, sympy.Symbol) else [])]
    interior = [
        getattr(symbolic, name) > spec.low
        for name, spec in ranges.items()
        if name != "rho_R" and isinstance(getattr(symbolic, name), sympy.Symbol) and not spec.open_low
    ]
    return rivalry_threshold(condition, rho, facts, interior)
