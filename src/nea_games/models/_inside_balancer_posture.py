r"""Consolidation and bargaining in the inside-balancer model (private helper).

Given the Nash bargain :math:`x_K(A)` (derived by
:func:`nea_games.analysis.bargaining.split_surplus`), the ROK maximises

.. math:: U(A) = u_{US} A - \tfrac{\omega}{2} A^2 + x_K(A)  \quad\text{on}\ [0, 1]

where bargaining is feasible (:math:`g(A) = S(A) - d_K(A) - d_C(A) \ge 0`), and
:math:`u_{US} A - \tfrac{\omega}{2} A^2 + d_K(A)` where it breaks down. Both
pieces are concave and meet at the breakdown point (there :math:`x_K = d_K`),
so :math:`A^*` is the best of: 0, 1, the breakdown point, and each piece's
stationary point inside its own region. Because :math:`x_K - d_K = p\,g(A)`,
:math:`U = \max(U_{agree}, U_{broken})`: with symbolic parameters, :math:`A^*`
is the agreement piece's clipped stationary point :math:`a` where
:math:`U_{agree}(a) \ge U_{broken}(b)` and the breakdown piece's :math:`b`
elsewhere (a ``Piecewise``, valid for all parameter values).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from nea_games.analysis.bargaining import BargainingSolution, split_surplus
from nea_games.errors import ValidationError
from nea_games.models._parameters import exact_output

A = sympy.Symbol("A", real=True)


@dataclass(frozen=True)
class Posture:
    r"""The ROK's consolidation problem, derived.

    Attributes
    ----------
    terms : sympy expression
        :math:`x_K(A)`, the ROK's share of the bargain as a function of ``A``.
    terms_slope : Fraction or sympy expression
        :math:`dx_K/dA`.
    interior_optimum : Fraction or sympy expression
        The stationary point :math:`(u_{US} + dx_K/dA)/\omega` of the agreement piece.
    optimum : Fraction or sympy expression
        :math:`A^*` (symbolic: a ``Piecewise`` choosing between the two pieces' clipped
        stationary points, valid for all parameter values).
    posture : str
        ``"hedge"`` (interior), ``"full alignment"`` (1), ``"equidistance"`` (0), or
        ``"depends on the parameters"``.
    hedges : bool or sympy boolean
        Whether :math:`A^*` is interior.
    hedging_region : bool or sympy boolean
        :math:`U'(0) > 0` and :math:`U'(1) < 0` for the agreement piece.
    terms_at_optimum, china_at_optimum : Fraction or sympy expression
        :math:`x_K(A^*)` and :math:`x_C(A^*)` (disagreement payoffs where bargaining breaks down).
    breakdown : Fraction, sympy expression or None
        The consolidation above which bargaining breaks down (``None`` if it never does as
        ``A`` rises; with symbols, a ``Piecewise`` that is ``oo`` where it never does).
    feasible_on_unit_interval : bool or sympy boolean
        Whether bargaining is feasible for every :math:`A \in [0, 1]`.
    agreement_at_optimum : bool or sympy boolean
        Whether the ROK and China strike a deal at :math:`A^*` (the agreement piece is optimal).
    posture_conditions : dict
        Each possible posture mapped to the condition under which it is the ROK's (``True``
        alone for numbers; with symbols, the postures that can occur, each with its condition).
    """

    terms: Any
    terms_slope: Any
    interior_optimum: Any
    optimum: Any
    posture: str
    hedges: Any
    hedging_region: Any
    terms_at_optimum: Any
    china_at_optimum: Any
    breakdown: Any
    feasible_on_unit_interval: Any
    agreement_at_optimum: Any
    posture_conditions: dict[str, Any]


def decide(relation: Any) -> Any:
    """A relation as a bool when sympy can decide it, else the simplified relation."""
    value = sympy.simplify(relation)
    if value is sympy.true or value is sympy.false:
        return bool(value)
    return value


def _pieces(v: Mapping[str, Any], deal: BargainingSolution) -> tuple[Any, Any, Any, Any, Any]:
    """(x_K(A), x_C(A), agreement utility, breakdown utility, feasibility gap) as expressions in A."""
    d_K = v["d0"] + v["alpha"] * A
    # no agreement at any A (the surplus never covers both fallbacks): both keep their fallbacks
    shares = deal.shares if deal.shares is not None else (d_K, v["d_C0"] - v["beta"] * A)
    x_K = sympy.expand(sympy.sympify(shares[0]))
    x_C = sympy.expand(sympy.sympify(shares[1]))
    base = v["u_US"] * A - v["omega"] / 2 * A**2
    gap = v["S0"] - v["sigma"] * A - d_K - (v["d_C0"] - v["beta"] * A)
    return x_K, x_C, base + x_K, base + d_K, sympy.expand(gap)


def derive_posture(v: Mapping[str, Any], deal: BargainingSolution) -> Posture:
    """Derive the consolidation problem from the parameters ``v`` and the bargain in ``A``."""
    x_K, x_C, agree, broken, gap = _pieces(v, deal)
    slope = sympy.simplify(sympy.diff(x_K, A))
    marginal = sympy.diff(agree, A)
    if not sympy.simplify(sympy.diff(agree, A, 2) + v["omega"]) == 0:  # pragma: no cover - algebra
        raise ValidationError("inside balancer: U'' should be -omega")
    (stationary,) = sympy.solve(marginal, A)
    stationary = sympy.simplify(stationary)
    region = decide(sympy.And(marginal.subs(A, 0) > 0, marginal.subs(A, 1) < 0))
    c0, c1 = gap.subs(A, 0), -sympy.diff(gap, A)
    breakdown = None if c1 == 0 else sympy.simplify(c0 / c1)
    feasible = decide(sympy.And(c0 >= 0, gap.subs(A, 1) >= 0))
    (broken_stationary,) = sympy.solve(sympy.diff(broken, A), A)
    free = slope.free_symbols | stationary.free_symbols | broken_stationary.free_symbols | gap.free_symbols
    if free - {A}:
        pieces = (x_K, x_C, agree, broken, gap)
        return _symbolic_posture(v, pieces, slope, (stationary, broken_stationary), region, feasible)
    # numbers: the best candidate over both pieces
    candidates = {sympy.Integer(0), sympy.Integer(1)}
    for point, agreed in ((stationary, True), (broken_stationary, False), (breakdown, None)):
        if point is None or not (0 < point < 1):
            continue
        if agreed is None or (gap.subs(A, point) >= 0) == agreed:
            candidates.add(point)

    def value(a: Any) -> Any:
        return agree.subs(A, a) if gap.subs(A, a) >= 0 else broken.subs(A, a)

    best = max(sorted(candidates), key=value)
    posture = "full alignment" if best == 1 else "equidistance" if best == 0 else "hedge"
    agreed_at_best = gap.subs(A, best) >= 0
    terms = x_K.subs(A, best) if agreed_at_best else v["d0"] + v["alpha"] * best
    china = x_C.subs(A, best) if agreed_at_best else v["d_C0"] - v["beta"] * best
    return Posture(
        terms=x_K,
        terms_slope=exact_output(slope),
        interior_optimum=exact_output(stationary),
        optimum=exact_output(best),
        posture=posture,
        hedges=posture == "hedge",
        hedging_region=region,
        terms_at_optimum=exact_output(terms),
        china_at_optimum=exact_output(china),
        breakdown=exact_output(breakdown) if breakdown is not None and c1 > 0 else None,
        feasible_on_unit_interval=feasible,
        agreement_at_optimum=bool(agreed_at_best),
        posture_conditions={posture: True},
    )


def _clip(x: Any) -> Any:
    return sympy.Min(1, sympy.Max(0, x))


def _symbolic_posture(
    v: Mapping[str, Any],
    pieces: tuple[Any, Any, Any, Any, Any],
    slope: Any,
    stationary: tuple[Any, Any],
    region: Any,
    feasible: Any,
) -> Posture:
    r"""The posture with symbolic parameters, valid for every parameter value.

    :math:`U = \max(U_{agree}, U_{broken})` on [0, 1], so :math:`A^*` is the clipped
    stationary point :math:`a` of the agreement piece when
    :math:`U_{agree}(a) \ge U_{broken}(b)` (``agreed``), else the clipped stationary point
    :math:`b` of the breakdown piece; at :math:`a` a deal is then feasible, at :math:`b` it
    is not.
    """
    x_K, x_C, agree, broken, gap = pieces
    s_a, s_b = stationary
    a, b = _clip(s_a), _clip(s_b)
    if feasible is True:  # the agreement piece is U on the whole of [0, 1]
        agreed: Any = sympy.true
    elif decide(sympy.And(gap.subs(A, 0) < 0, gap.subs(A, 1) < 0)) is True:  # no deal on [0, 1]
        agreed = sympy.false
    else:
        # U_agree(a) >= U_broken(b), split by where each stationary point lies (no Min/Max left)
        agreed = _simplest(
            sympy.Or(
                *(
                    sympy.And(where_a, where_b, sympy.Ge(agree.subs(A, x), broken.subs(A, y)))
                    for x, where_a in _clip_cases(s_a)
                    for y, where_b in _clip_cases(s_b)
                )
            )
        )
    lost = sympy.Not(agreed)
    cases = {
        "hedge": sympy.Or(sympy.And(agreed, s_a > 0, s_a < 1), sympy.And(lost, s_b > 0, s_b < 1)),
        "full alignment": sympy.Or(sympy.And(agreed, s_a >= 1), sympy.And(lost, s_b >= 1)),
        "equidistance": sympy.Or(sympy.And(agreed, s_a <= 0), sympy.And(lost, s_b <= 0)),
    }
    cases = {name: _simplest(cond) if isinstance(cond, sympy.Basic) else cond for name, cond in cases.items()}
    possible = {name: cond for name, cond in cases.items() if cond is not sympy.false and cond is not False}
    decided = [name for name, cond in possible.items() if cond is sympy.true or cond is True]
    d_K, d_C = v["d0"] + v["alpha"] * A, v["d_C0"] - v["beta"] * A
    c0, c1 = gap.subs(A, 0), -sympy.diff(gap, A)
    if c1.is_number:
        breakdown = sympy.simplify(c0 / c1) if c1 > 0 else None
    else:
        breakdown = sympy.Piecewise((sympy.simplify(c0 / c1), c1 > 0), (sympy.oo, True))
    return Posture(
        terms=x_K,
        terms_slope=exact_output(slope),
        interior_optimum=exact_output(s_a),
        optimum=exact_output(sympy.Piecewise((a, agreed), (b, True))),
        posture=decided[0] if decided else "depends on the parameters",
        hedges=_boolean(sympy.sympify(cases["hedge"])),
        hedging_region=region,
        terms_at_optimum=exact_output(sympy.Piecewise((x_K.subs(A, a), agreed), (d_K.subs(A, b), True))),
        china_at_optimum=exact_output(sympy.Piecewise((x_C.subs(A, a), agreed), (d_C.subs(A, b), True))),
        breakdown=exact_output(breakdown) if breakdown is not None else None,
        feasible_on_unit_interval=feasible,
        agreement_at_optimum=_boolean(agreed),
        posture_conditions=possible,
    )


def _boolean(condition: Any) -> Any:
    """A sympy boolean as ``bool`` when it is decided, else as it is."""
    return bool(condition) if condition in (sympy.true, sympy.false) else condition


def _clip_cases(x: Any) -> list[tuple[Any, Any]]:
    r"""``[(value, condition)]`` of :math:`\min(1, \max(0, x))`: 0, ``x`` or 1."""
    return [(sympy.Integer(0), x <= 0), (x, sympy.And(x > 0, x < 1)), (sympy.Integer(1), x >= 1)]


def _simplest(condition: Any) -> Any:
    """``condition`` simplified when that is cheap (one symbol, no ``Min``/``Max``), else as it is."""
    if not isinstance(condition, sympy.Basic) or condition in (sympy.true, sympy.false):
        return condition
    if condition.has(sympy.Min, sympy.Max) or len(condition.free_symbols) > 1:
        return condition
    return decide(condition)


def posture_over_points(
    v: Mapping[str, Any], points: Mapping[str, npt.NDArray[np.float64]], names: tuple[str, ...]
) -> npt.NDArray[np.float64]:
    """:math:`A^*` at every point (vectorised over points; swept parameters are symbols in ``v``)."""
    deal = split_surplus(
        v["S0"] - v["sigma"] * A,
        v["d0"] + v["alpha"] * A,
        v["d_C0"] - v["beta"] * A,
        power=v["power"],
        players=("ROK", "China"),
    )
    _, _, agree, broken, gap = _pieces(v, deal)
    free = {s.name: s for e in (agree, broken, gap) for s in e.free_symbols}
    symbols = [free.get(n, sympy.Symbol(n)) for n in names]
    stationary = sympy.solve(sympy.diff(agree, A), A)[0]
    broken_stationary = sympy.solve(sympy.diff(broken, A), A)[0]
    c0, c1 = gap.subs(A, 0), -sympy.diff(gap, A)
    args = [np.asarray(points[n], dtype=float) for n in names]
    m = len(args[0])

    def evaluate(expr: Any, *extra: Any) -> npt.NDArray[np.float64]:
        f = sympy.lambdify([A, *symbols], expr, modules="numpy")
        with np.errstate(divide="ignore", invalid="ignore"):
            out = f(*(extra or (np.zeros(m),)), *args)
        return np.broadcast_to(np.asarray(out, dtype=float), (m,)).copy()

    with np.errstate(divide="ignore", invalid="ignore"):
        breakdown = evaluate(c0) / evaluate(c1)
    candidates = [np.zeros(m), np.ones(m)]
    for point in (evaluate(stationary), evaluate(broken_stationary), breakdown):
        candidates.append(np.clip(np.nan_to_num(point, nan=0.0, posinf=1.0, neginf=0.0), 0.0, 1.0))
    stack = np.array(candidates)
    utility = np.empty_like(stack)
    for k, a in enumerate(stack):
        feasible = evaluate(gap, a) >= -1e-12
        utility[k] = np.where(feasible, evaluate(agree, a), evaluate(broken, a))
    best = np.argmax(utility + 1e-12 * (stack == 0), axis=0)  # ties go to the first candidate
    return np.asarray(stack[best, np.arange(m)], dtype=float)
