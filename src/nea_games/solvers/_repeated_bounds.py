r"""From incentive constraints :math:`g(\delta) \le 0` to bounds on the discount factor.

Each gain is a rational function of :math:`\delta` whose denominator comes from
:math:`\det(I - \delta P)` and so has no root in :math:`(0, 1)`. The numerator
is factored: factors free of :math:`\delta` contribute a sign (decided from the
parameters' assumptions), :math:`\delta`-only factors without a root in
:math:`(0,1)` a constant sign, and a single factor linear in :math:`\delta`,
:math:`a\delta + b` (with coefficients in the parameters or numbers, e.g. the
factor :math:`4\delta - 1` of a gain :math:`e(4\delta - 1)` with :math:`e > 0`), a bound
:math:`\delta \gtrless -b/a` whose direction is the sign of :math:`a` (a :math:`\delta`-only
factor with a single root :math:`r` in :math:`(0, 1)`, where it changes sign, counts as
:math:`\pm(\delta - r)`). A single factor of degree 2 to 4 gives a bound in
radicals when one of its roots is the crossing at every sample point
(:func:`root_bounds`); constraints of higher degree must otherwise be shown
redundant (:func:`binding_point`). Numeric games need none of this: the constraint is
solved exactly with :func:`sympy.solve_univariate_inequality` on :math:`(0,1)`.

**Signs of parametric expressions.** A sign is first sought from sympy's
assumptions on the symbols; failing that, the expression is evaluated at
random points (fixed seed) that satisfy the caller's ``assumptions``
(relationals such as ``T > R``), and a sign is accepted when it is the same
at every point. The points mix values of order 1 to 300 with values 10 to
10,000 times smaller of the parameters the assumptions bound, so that a sign
change near such a bound (e.g. ``eta >= 0``) is seen. This is a
well-tested heuristic, not a proof; an undecided sign becomes an explicit
condition on the parameters in the result.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy

from nea_games.errors import ValidationError

__all__ = ["Bounds", "Signer", "bounds_from_gains"]


class Signer:
    """Decide signs of expressions in ``parameters`` under ``assumptions`` (see the module notes)."""

    def __init__(
        self,
        parameters: Sequence[sympy.Symbol],
        assumptions: Sequence[Any] = (),
        samples: int = 48,
        seed: int = 0,
    ) -> None:
        self.parameters = tuple(parameters)
        # facts about other symbols (e.g. 0 < delta < 1) say nothing about the parameters' signs
        known = set(self.parameters)
        facts = (sympy.sympify(a) for a in assumptions)
        self.assumptions = tuple(a for a in facts if getattr(a, "free_symbols", set()) <= known)
        self.points: list[dict[sympy.Symbol, sympy.Rational]] = []
        self.floats: list[list[float]] = []
        if not self.parameters:
            return
        rng = random.Random(seed)
        tests = [sympy.lambdify(self.parameters, a, modules="math") for a in self.assumptions]
        # values of order 1 to 300 first; if no point satisfies the assumptions (e.g. weights
        # whose sum must stay below 1/3), draws a hundred and ten thousand times smaller
        for scale, tries in ((1, 40000), (100, 20000), (10000, 20000)):
            self._sample(rng, tests, scale, tries, samples)
            if self.points:
                break
        # and small values of the parameters the assumptions bound (e.g. eta >= 0), from a second
        # stream: a sign that changes near such a bound (e.g. of 1/3 - 9*eta/10) is then seen
        bounded = {x for a in self.assumptions for x in getattr(a, "free_symbols", set())}
        small = random.Random(seed + 1)
        for scale in (10, 100, 10000) if bounded else ():
            self._sample(small, tests, scale, 1000, len(self.points) + samples // 4, bounded)
        if not self.points:
            raise ValidationError(f"assumptions {list(self.assumptions)} could not be satisfied by sampling")
        self.floats = [[float(v) for v in point.values()] for point in self.points]

    def _sample(
        self,
        rng: random.Random,
        tests: list[Any],
        scale: int,
        tries: int,
        wanted: int,
        scaled: set[Any] | None = None,
    ) -> None:
        """Add points that satisfy the assumptions, up to ``wanted``.

        The values of the parameters in ``scaled`` (all if None) are divided by ``scale``.
        """
        kinds = [(bool(p.is_integer), bool(p.is_positive), bool(p.is_nonnegative)) for p in self.parameters]
        scales = [
            1 if kind[0] or (scaled is not None and p not in scaled) else scale
            for p, kind in zip(self.parameters, kinds, strict=True)
        ]
        for _ in range(tries):
            if len(self.points) >= wanted:
                return
            drawn = [self._draw(*kind, rng) for kind in kinds]
            point = [(n, d * k) for (n, d), k in zip(drawn, scales, strict=True)]
            floats = [n / d for n, d in point]
            if all(bool(test(*floats)) for test in tests):
                exact = [sympy.Rational(n, d) for n, d in point]
                self.points.append(dict(zip(self.parameters, exact, strict=True)))

    @staticmethod
    def _draw(integer: bool, positive: bool, nonnegative: bool, rng: random.Random) -> tuple[int, int]:
        """A value as (numerator, denominator)."""
        if integer:
            low = 1 if positive else 0 if nonnegative else -10
            return rng.randint(low, 12), 1
        numerator, denominator = rng.randint(1, 2000), rng.choice([7, 11, 13, 97])
        if not (positive or nonnegative) and rng.random() < 0.5:
            numerator = -numerator
        return numerator, denominator

    def sign(self, expr: Any) -> int | None:
        """+1, -1 or 0 when decided, ``None`` when the sign depends on the parameters."""
        expr = sympy.sympify(expr)
        if expr.is_number:
            value = sympy.nsimplify(expr) if expr.is_Float else expr
            return 0 if value == 0 else (1 if value > 0 else -1)
        if expr.is_positive:
            return 1
        if expr.is_negative:
            return -1
        function = sympy.lambdify(self.parameters, expr, modules="math")
        signs = set()
        for point, floats in zip(self.points, self.floats, strict=True):
            try:
                value = float(function(*floats))
            except (ZeroDivisionError, OverflowError, ValueError):
                value = 0.0
            if abs(value) <= 1e-9 * max(1.0, *map(abs, floats)):
                exact = expr.subs(point)  # too close to call in floats
                signs.add(0 if exact == 0 else (1 if exact > 0 else -1))
            else:
                signs.add(1 if value > 0 else -1)
            if len(signs) > 1:
                return None
        return signs.pop()

    def leq(self, a: Any, b: Any) -> bool:
        """True when ``a <= b`` is decided to hold."""
        s = self.sign(sympy.sympify(b) - a)
        return s is not None and s >= 0


@dataclass
class Bounds:
    """Discount bounds collected from the incentive constraints.

    ``lower``/``upper``: ``delta >= r`` / ``delta <= r``; ``parameter_conditions``:
    relationals on the parameters alone; ``infeasible``: a constraint fails for
    every ``delta``; ``numeric_set``: the exact set of ``delta`` for numeric games.
    """

    lower: list[Any] = field(default_factory=list)
    upper: list[Any] = field(default_factory=list)
    parameter_conditions: list[Any] = field(default_factory=list)
    infeasible: bool = False
    numeric_set: Any = None
    nonlinear: list[Any] = field(default_factory=list)


def nonpositive_set(gain: Any, delta: sympy.Symbol) -> Any:
    """Exact set of ``delta`` in (0, 1) where a numeric rational function is <= 0."""
    numerator, denominator = sympy.fraction(sympy.cancel(sympy.together(gain)))
    poly = sympy.Poly(sympy.expand(numerator * denominator), delta)
    if poly.is_zero:
        return sympy.Interval.open(0, 1)
    roots = sorted({r for r in poly.real_roots() if 0 < r < 1}, key=lambda r: float(r))
    edges = [sympy.Integer(0), *roots, sympy.Integer(1)]
    pieces = []
    for left, right in itertools.pairwise(edges):
        middle = _between(left, right, poly)
        if poly.eval(middle) <= 0:
            pieces.append(sympy.Interval(left, right))
    pieces.extend(sympy.FiniteSet(r) for r in roots)
    return sympy.Intersection(sympy.Union(*pieces), sympy.Interval.open(0, 1)) if pieces else sympy.S.EmptySet


def _between(left: Any, right: Any, poly: sympy.Poly) -> Any:
    """A rational strictly between two consecutive distinct roots (or 0/1) of ``poly``."""
    if left.is_Rational and right.is_Rational:
        return (left + right) / 2
    return sympy.Rational(((left + right) / 2).evalf(60))


def _delta_only_sign(factor: Any, delta: sympy.Symbol) -> int | None:
    roots = [r for r in sympy.Poly(factor, delta).real_roots() if 0 < r < 1]
    if roots:
        return None
    value = factor.subs(delta, sympy.Rational(1, 2))
    return 1 if value > 0 else -1


def _single_crossing(factor: Any, delta: sympy.Symbol) -> tuple[Any, Any] | None:
    """``(a, b)`` with ``a*delta + b`` of the factor's sign on (0, 1), if it crosses 0 once there."""
    poly = sympy.Poly(factor, delta)
    roots = [r for r in poly.real_roots() if 0 < r < 1]
    if len(roots) != 1:
        return None  # none, or a double root / several crossings: not one bound
    root = roots[0]
    right = poly.eval(_between(root, sympy.Integer(1), poly))
    slope = sympy.Integer(1 if right > 0 else -1)
    return slope, -slope * root


def bounds_from_gains(gains: Sequence[Any], delta: sympy.Symbol, signer: Signer) -> Bounds:
    """Turn gains ``g(delta) <= 0`` into bounds on ``delta`` in ``(0, 1)``."""
    bounds = Bounds()
    numeric = not signer.parameters
    if numeric:
        bounds.numeric_set = sympy.Interval.open(0, 1)
    for gain in gains:
        gain = sympy.cancel(sympy.together(gain))
        if gain == 0:
            continue
        if numeric:
            solved = nonpositive_set(gain, delta)
            bounds.numeric_set = sympy.Intersection(bounds.numeric_set, solved)
            continue
        _add_parametric(gain, delta, signer, bounds)
    if numeric and bounds.numeric_set.is_empty:
        bounds.infeasible = True
    return bounds


def _add_parametric(gain: Any, delta: sympy.Symbol, signer: Signer, bounds: Bounds) -> None:
    numerator, denominator = sympy.fraction(gain)
    sign = 1
    linear: list[tuple[Any, Any]] = []
    undecided: Any = sympy.S.One
    for part, power in (
        *((f, m) for f, m in _factors(numerator)),
        *((f, -m) for f, m in _factors(denominator)),
    ):
        if power % 2 == 0:
            continue  # an even power never changes the sign away from its roots
        if delta not in part.free_symbols:
            s = signer.sign(part)
            if s == 0:
                return  # the gain is identically zero
            if s is None:
                undecided *= part
            else:
                sign *= s
        elif part.free_symbols == {delta} and (s := _delta_only_sign(part, delta)) is not None:
            sign *= s
        elif part.free_symbols == {delta} and (crossing := _single_crossing(part, delta)) is not None:
            linear.append(crossing)  # a delta-only factor with one simple root in (0, 1)
        else:  # a factor in delta and the parameters
            poly = sympy.Poly(part, delta)
            if poly.degree() != 1:
                bounds.nonlinear.append(gain)
                return
            a, b = poly.all_coeffs()
            linear.append((a, b))
    if len(linear) > 1:
        bounds.nonlinear.append(gain)
        return
    if undecided != 1:
        if linear:
            raise ValidationError(
                f"repeated: the sign of {undecided} in the constraint {sympy.factor(gain)} <= 0 depends on "
                "the parameters; pass assumptions=[...] that decide it"
            )
        bounds.parameter_conditions.append(sympy.Le(sign * undecided, 0))
        return
    if not linear:
        if sign > 0:
            bounds.infeasible = True
        return
    a, b = linear[0]
    direction = signer.sign(a)
    if direction is None or direction == 0:
        raise ValidationError(
            f"repeated: the sign of {a} (in the constraint {sympy.factor(gain)} <= 0) depends on the "
            "parameters; pass assumptions=[...] that decide it"
        )
    root = sympy.factor(-b / a)
    # sign * a * (delta - root) <= 0
    (bounds.upper if sign * direction > 0 else bounds.lower).append(root)


def root_bounds(bounds: Bounds, delta: sympy.Symbol, signer: Signer, points: int = 16) -> None:
    """Closed-form bounds for constraints with one parametric factor of degree 2 to 4 in ``delta``.

    The factor's roots are solved symbolically (radicals); at each sample
    point the constraint is evaluated on a fine grid of ``delta``, and when it
    holds exactly above (or below) one crossing that is the same root at
    every point, that root becomes a lower (upper) bound. Other constraints
    stay in ``bounds.nonlinear`` (a heuristic, like :class:`Signer`).
    """
    import numpy as np

    grid = np.linspace(0.0, 1.0, 4001)[1:-1]
    step = grid[1] - grid[0]
    remaining = []
    for gain in bounds.nonlinear:
        found = _root_bound(gain, delta, signer, grid, step, points)
        if found is None:
            remaining.append(gain)
        else:
            (bounds.lower if found[1] == "lower" else bounds.upper).append(found[0])
    bounds.nonlinear = remaining


def _root_bound(
    gain: Any, delta: sympy.Symbol, signer: Signer, grid: Any, step: float, points: int
) -> tuple[Any, str] | None:
    import numpy as np

    numerator, _ = sympy.fraction(gain)
    parametric = [
        f for f, m in _factors(numerator) if m % 2 and delta in f.free_symbols and f.free_symbols != {delta}
    ]
    if len(parametric) != 1 or not 2 <= sympy.Poly(parametric[0], delta).degree() <= 4:
        return None
    roots = sympy.solve(parametric[0], delta)
    function = sympy.lambdify((delta, *signer.parameters), gain, modules="numpy")
    root_functions = [sympy.lambdify(signer.parameters, r, modules="cmath") for r in roots]
    choice: tuple[int, str] | None = None
    for floats in signer.floats[:points]:
        with np.errstate(all="ignore"):
            holds = np.asarray(function(grid, *floats), dtype=float) <= 1e-9 * max(1.0, *map(abs, floats))
        changes = np.flatnonzero(holds[1:] != holds[:-1])
        if len(changes) == 0:
            continue  # the root lies outside (0, 1) here: no information
        if len(changes) != 1:
            return None
        crossing = float(grid[changes[0]] + step / 2)
        direction = "lower" if holds[-1] else "upper"
        matches = []
        for k, root in enumerate(root_functions):
            try:
                value = complex(root(*floats))
            except (ZeroDivisionError, ValueError, OverflowError):
                continue
            if abs(value.imag) < 1e-9 and abs(value.real - crossing) <= step:
                matches.append(k)
        if len(matches) != 1 or (choice is not None and choice != (matches[0], direction)):
            return None
        choice = (matches[0], direction)
    if choice is None:
        return None
    return sympy.simplify(roots[choice[0]]), choice[1]


def binding_point(gain: Any, lower: Any, delta: sympy.Symbol, signer: Signer) -> Any:
    """A sample point where ``gain <= 0`` fails somewhere on ``[lower, 1)``, or ``None``.

    Evaluated on a grid of 255 values of ``delta`` and confirmed exactly
    before a point is returned (a heuristic, like :class:`Signer`).
    """
    import numpy as np

    grid = np.linspace(0.0, 1.0, 257)[1:-1]
    function = sympy.lambdify((delta, *signer.parameters), gain, modules="numpy")
    start_of = sympy.lambdify(signer.parameters, lower, modules="numpy")
    for point, floats in zip(signer.points, signer.floats, strict=True):
        start = float(start_of(*floats))
        if start >= 1:
            continue
        deltas = grid[grid >= start - 1e-12]
        with np.errstate(all="ignore"):
            values = np.asarray(function(deltas, *floats), dtype=float)
        if np.all(values <= 1e-9 * max(1.0, *map(abs, floats))):
            continue
        exact_start = sympy.sympify(lower).subs(point)
        wanted = sympy.Interval.open(0, 1) if exact_start <= 0 else sympy.Interval.Ropen(exact_start, 1)
        if not wanted.is_subset(nonpositive_set(gain.subs(point), delta)):
            return point
    return None


def check_nonlinear(bounds: Bounds, lower: Any, delta: sympy.Symbol, signer: Signer) -> None:
    """Raise unless every constraint of higher degree is redundant given ``delta >= lower``."""
    for gain in bounds.nonlinear:
        point = binding_point(gain, lower, delta, signer)
        if point is not None:
            raise ValidationError(
                f"repeated: the constraint {sympy.factor(gain)} <= 0 (of higher degree in {delta}) binds "
                f"at {point}; no closed form - substitute numbers with .subs(...)"
            )


def _factors(expr: Any) -> list[tuple[Any, int]]:
    constant, factors = sympy.factor_list(expr)
    return [(sympy.sympify(constant), 1), *factors]


def prune(values: list[Any], signer: Signer, *, keep_largest: bool) -> list[Any]:
    """Drop bounds dominated by another (smaller lower bounds, larger upper bounds)."""
    kept: list[Any] = []
    for value in values:
        if any(signer.sign(value - k) == 0 for k in kept):
            continue
        if keep_largest:
            if any(signer.leq(value, other) for other in values if signer.sign(value - other) != 0):
                continue
        elif any(signer.leq(other, value) for other in values if signer.sign(value - other) != 0):
            continue
        kept.append(value)
    return kept
