r"""Consolidation and bargaining in the inside-balancer model (private helper).

Given the Nash bargain :math:`x_K(A)` (derived by
:func:`nea_games.analysis.bargaining.split_surplus`), the ROK maximises

.. math:: U(A) = u_{US} A - \tfrac{\omega}{2} A^2 + x_K(A)  \quad\text{on}\ [0, 1]

where bargaining is feasible (:math:`g(A) = S(A) - d_K(A) - d_C(A) \ge 0`), and
:math:`u_{US} A - \tfrac{\omega}{2} A^2 + d_K(A)` where it breaks down. Both
pieces are concave and meet at the breakdown point (there :math:`x_K = d_K`),
so :math:`A^*` is the best of: 0, 1, the breakdown point, and each piece's
stationary point inside its own region.
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
        :math:`A^*` (symbolic: the stationary point clipped to [0, 1], valid where bargaining
        is feasible on [0, 1]).
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
        ``A`` rises).
    feasible_on_unit_interval : bool or sympy boolean
        Whether bargaining is feasible for every :math:`A \in [0, 1]`.
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
    if (slope.free_symbols | stationary.free_symbols | gap.free_symbols) - {A}:
        optimum = sympy.Min(1, sympy.Max(0, stationary))
        return Posture(
            terms=x_K,
            terms_slope=exact_output(slope),
            interior_optimum=exact_output(stationary),
            optimum=optimum,
            posture="depends on the parameters",
            hedges=region,
            hedging_region=region,
            terms_at_optimum=sympy.simplify(x_K.subs(A, stationary)),
            china_at_optimum=sympy.simplify(x_C.subs(A, stationary)),
            breakdown=None if breakdown is None or (c1.is_number and c1 < 0) else breakdown,
            feasible_on_unit_interval=feasible,
        )
    # numbers: the best candidate over both pieces
    (broken_stationary,) = sympy.solve(sympy.diff(broken, A), A)
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
    )


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
