r"""Exact polynomial algebra behind n-player support enumeration (private).

Three tools, all exact over the rationals:

* :class:`MPoly` — small sparse polynomials with ``int``/``Fraction``
  coefficients, enough to expand expected payoffs
  :math:`\sum_{s_{-i}} u_i(a, s_{-i}) \prod_{j \ne i} x_{j, s_j}` without sympy.
* :func:`solve_system` — all real solutions of a square polynomial system.
  Linear systems are solved by Gauss–Jordan elimination over ``Fraction``.
  Nonlinear ones go through a Gröbner basis (sympy): a grevlex basis decides
  whether the complex solution set is empty, finite or positive-dimensional;
  a finite one is converted by FGLM to a lexicographic basis in *shape
  position* :math:`\{x_1 - h_1(t), \dots, x_k - h_k(t), g(t)\}` (the shape
  lemma; Becker & Weispfenning 1993, §8.5), after adding a random separating
  linear form :math:`t` and, if needed, the square-free parts of the
  eliminants (Seidenberg's lemma) to make the ideal radical. Every real root
  of every irreducible factor :math:`f` of :math:`g` then gives one solution
  with coordinates in :math:`\mathbb{Q}(r) \cong \mathbb{Q}[t]/(f)`.
* :class:`RealPoint` — a solution whose coordinates are rationals or
  elements of :math:`\mathbb{Q}(r)`. The sign of any polynomial at the point
  is decided exactly: reduce modulo :math:`f` (zero iff :math:`f` divides
  it); otherwise refine the isolating interval of :math:`r` until the value
  at its midpoint exceeds a rigorous bound on the variation over it.

A positive-dimensional solution set of linear equations whose inequality
constraints are linear on it is a polytope: all its vertices are enumerated
exactly (every choice of tight constraints). Any other positive-dimensional
set is *sliced*: free variables are fixed at rational values (the centre of
the simplex first) until the system becomes finite, which yields
representative points only.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy

__all__ = ["MPoly", "RealPoint", "RealRoot", "SystemSolution", "solve_system"]

Monomial = tuple[int, ...]  # sorted variable indices, repeated for powers
Coefficient = int | Fraction


class MPoly:
    """A sparse polynomial: ``{monomial: coefficient}`` with monomials as sorted variable tuples.

    Examples
    --------
    >>> x, y = MPoly.variable(0), MPoly.variable(1)
    >>> p = 3 * x * (1 - y) + 2
    >>> p.evaluate([Fraction(1, 3), Fraction(1, 2)])
    Fraction(5, 2)
    >>> p.degree(), sorted(p.terms.items())
    (2, [((), 2), ((0,), 3), ((0, 1), -3)])
    """

    __slots__ = ("terms",)

    def __init__(self, terms: Mapping[Monomial, Coefficient] | None = None) -> None:
        self.terms: dict[Monomial, Coefficient] = {m: c for m, c in (terms or {}).items() if c != 0}

    @classmethod
    def constant(cls, value: Coefficient) -> MPoly:
        """The constant polynomial ``value``."""
        return cls({(): value})

    @classmethod
    def variable(cls, index: int) -> MPoly:
        """The polynomial ``x_index``."""
        return cls({(index,): 1})

    def __add__(self, other: MPoly | Coefficient) -> MPoly:
        terms = dict(self.terms)
        for m, c in _lift(other).terms.items():
            total = terms.get(m, 0) + c
            if total:
                terms[m] = total
            else:
                terms.pop(m, None)
        return MPoly(terms)

    __radd__ = __add__

    def __neg__(self) -> MPoly:
        return MPoly({m: -c for m, c in self.terms.items()})

    def __sub__(self, other: MPoly | Coefficient) -> MPoly:
        return self + (-_lift(other))

    def __rsub__(self, other: MPoly | Coefficient) -> MPoly:
        return _lift(other) - self

    def __mul__(self, other: MPoly | Coefficient) -> MPoly:
        if not isinstance(other, MPoly):
            return MPoly({m: c * other for m, c in self.terms.items()})
        terms: dict[Monomial, Coefficient] = {}
        for m1, c1 in self.terms.items():
            for m2, c2 in other.terms.items():
                m = tuple(sorted(m1 + m2))
                terms[m] = terms.get(m, 0) + c1 * c2
        return MPoly(terms)

    __rmul__ = __mul__

    def is_zero(self) -> bool:
        """True for the zero polynomial."""
        return not self.terms

    def degree(self) -> int:
        """Total degree (0 for constants and for zero)."""
        return max((len(m) for m in self.terms), default=0)

    def constant_term(self) -> Coefficient:
        """The coefficient of the empty monomial."""
        return self.terms.get((), 0)

    def evaluate(self, point: Sequence[Any]) -> Any:
        """Value at ``point`` (exact for ``Fraction`` points)."""
        total: Any = 0
        for m, c in self.terms.items():
            term: Any = c
            for v in m:
                term = term * point[v]
            total = total + term
        return total

    def compose(self, polys: Sequence[MPoly]) -> MPoly:
        """Substitute ``polys[v]`` for each variable ``x_v``."""
        total = MPoly()
        for m, c in self.terms.items():
            term = MPoly.constant(c)
            for v in m:
                term = term * polys[v]
            total = total + term
        return total

    def to_sympy(self, gens: Sequence[sympy.Symbol]) -> sympy.Poly:
        """Convert to a sympy ``Poly`` over QQ in ``gens``."""
        data: dict[tuple[int, ...], sympy.Rational] = {}
        for m, c in self.terms.items():
            exps = [0] * len(gens)
            for v in m:
                exps[v] += 1
            data[tuple(exps)] = sympy.Rational(c.numerator, c.denominator) if isinstance(c, Fraction) else c
        return sympy.Poly.from_dict(data or {(0,) * len(gens): 0}, *gens, domain=sympy.QQ)

    def __repr__(self) -> str:
        return f"MPoly({self.terms!r})"


def _lift(value: MPoly | Coefficient) -> MPoly:
    return value if isinstance(value, MPoly) else MPoly.constant(value)


# --------------------------------------------------------------------------- real algebraic numbers
@dataclass
class RealRoot:
    """The real root of an irreducible polynomial ``f`` inside the rational interval ``[low, high]``."""

    f: sympy.Poly
    low: sympy.Rational
    high: sympy.Rational
    index: int  # position among the real roots of f, ascending (as in sympy.CRootOf)

    def sign(self, q: sympy.Poly) -> int:
        """Exact sign of ``q`` at the root.

        With ``m`` the midpoint and ``h`` the half-width of the isolating
        interval, ``|q(r) - q(m)| <= h * sum_k k |c_k| R^(k-1)`` (``R`` bounds
        ``|x|`` on the interval); once ``|q(m)|`` exceeds that bound its sign
        is the sign of ``q(r)``. ``q(r) != 0`` unless ``f`` divides ``q``, so
        refining the interval always ends the loop.
        """
        q = q.rem(self.f)
        if q.is_zero:
            return 0
        coeffs = [_fraction(c) for c in reversed(q.all_coeffs())]  # c_0, c_1, ...
        while True:
            low, high = _fraction(self.low), _fraction(self.high)
            mid, half = (low + high) / 2, (high - low) / 2
            radius = max(abs(low), abs(high))
            value = sum((c * mid**k for k, c in enumerate(coeffs)), Fraction(0))
            slope = sum((k * abs(c) * radius ** (k - 1) for k, c in enumerate(coeffs) if k), Fraction(0))
            bound = half * slope
            if abs(value) > bound:
                return 1 if value > 0 else -1
            self._refine((self.high - self.low) / 1024)

    def approximation(self, eps: Fraction = Fraction(1, 10**30)) -> sympy.Rational:
        """A rational within ``eps`` of the root."""
        if self.high - self.low > _rational(eps):
            self._refine(_rational(eps))
        return (self.low + self.high) / 2

    def _refine(self, eps: Any) -> None:
        low, high = self.f.refine_root(self.low, self.high, eps=eps)
        self.low, self.high = sympy.Rational(low), sympy.Rational(high)

    def exact(self, q: sympy.Poly) -> sympy.Expr | None:
        """``q`` at the root in radicals when ``f`` is quadratic, else ``None``.

        (Higher degrees would need ``CRootOf`` expressions with very large
        coefficients; the sign checks above are exact regardless.)
        """
        if self.f.degree() != 2:
            return None
        q = q.rem(self.f)  # root = (-p ± sqrt(p^2 - 4 c)) / 2 of the monic t^2 + p t + c
        _, p, c = (sympy.Rational(v) for v in self.f.monic().all_coeffs())
        sign = 1 if self.index == 1 else -1
        a0, a1 = sympy.Rational(q.coeff_monomial(1)), sympy.Rational(q.coeff_monomial(self.f.gen))
        return a0 - a1 * p / 2 + sign * a1 / 2 * sympy.sqrt(p**2 - 4 * c)


@dataclass
class RealPoint:
    """A real solution: rational coordinates, or coordinates in Q(r) for a real algebraic ``r``."""

    coords: tuple[Any, ...]  # Fraction, or sympy.Poly in t reduced mod root.f
    root: RealRoot | None = None

    @property
    def is_rational(self) -> bool:
        """True when every coordinate is a rational number."""
        return self.root is None

    def value(self, poly: MPoly) -> Any:
        """``poly`` at the point: a ``Fraction``, or a ``Poly`` in t (mod f)."""
        if self.root is None:
            return poly.evaluate(self.coords)
        f = self.root.f
        total = sympy.Poly(0, f.gen, domain=sympy.QQ)
        for m, c in poly.terms.items():
            term = sympy.Poly(_rational(c), f.gen, domain=sympy.QQ)
            for v in m:
                term = (term * self.coords[v]).rem(f)
            total += term
        return total.rem(f)

    def sign(self, poly: MPoly) -> int:
        """Exact sign of ``poly`` at the point."""
        value = self.value(poly)
        if self.root is None:
            return (value > 0) - (value < 0)  # type: ignore[no-any-return]
        return self.root.sign(value)

    def as_floats(self, poly: MPoly) -> float:
        """``poly`` at the point, rounded to a float."""
        value = self.value(poly)
        if self.root is None:
            return float(value)
        return float(value.eval(self.root.approximation()))

    def exact(self, poly: MPoly) -> Any:
        """``poly`` at the point as a ``Fraction``, in radicals (quadratic field), or ``None``."""
        value = self.value(poly)
        return value if self.root is None else self.root.exact(value)


def _rational(c: Coefficient) -> sympy.Rational:
    return sympy.Rational(c.numerator, c.denominator) if isinstance(c, Fraction) else sympy.Integer(c)


def _fraction(value: Any) -> Fraction:
    value = sympy.Rational(value)
    return Fraction(int(value.p), int(value.q))


@dataclass
class SystemSolution:
    """Real solutions of ``equations == 0, inequalities <= 0``, and what is known about the rest.

    ``points`` holds every solution when the complex solution set of the
    equations is finite. When it is positive-dimensional
    (``positive_dimensional``) and every constraint is linear, the feasible
    set is a polytope and ``points`` are *all its vertices* (``polytope``).
    Otherwise ``points`` are representatives found by slicing and
    ``representatives_only`` is set. ``unsolved`` means the exact method gave
    up on a finite system.
    """

    points: list[RealPoint] = field(default_factory=list)
    positive_dimensional: bool = False
    polytope: bool = False
    representatives_only: bool = False
    unsolved: bool = False
    sympy_calls: int = 0


# --------------------------------------------------------------------------- linear systems
def _solve_linear(
    equations: Sequence[MPoly], n_vars: int
) -> tuple[list[tuple[int, dict[int, Fraction], Fraction]], list[int]] | None:
    """Gauss–Jordan over Fractions: ``None`` if inconsistent, else (pivot rows, free variables).

    A pivot row ``(p, coeffs, rhs)`` means ``x_p = rhs - sum(coeffs[v] * x_v)`` over free ``v``.
    """
    rows: list[tuple[dict[int, Fraction], Fraction]] = []
    for eq in equations:
        coeffs = {m[0]: Fraction(c) for m, c in eq.terms.items() if m}
        rows.append((coeffs, -Fraction(eq.constant_term())))
    pivots: list[tuple[int, dict[int, Fraction], Fraction]] = []
    for coeffs, rhs in rows:
        coeffs, rhs = dict(coeffs), rhs
        for p, pc, prhs in pivots:  # eliminate known pivots
            factor = coeffs.pop(p, Fraction(0))
            if factor:
                for v, c in pc.items():
                    coeffs[v] = coeffs.get(v, Fraction(0)) - factor * c
                rhs -= factor * prhs
        coeffs = {v: c for v, c in coeffs.items() if c}
        if not coeffs:
            if rhs != 0:
                return None
            continue
        p = min(coeffs)
        lead = coeffs.pop(p)
        coeffs = {v: c / lead for v, c in coeffs.items()}
        rhs /= lead
        new_pivots = []
        for q, qc, qrhs in pivots:  # back-substitute into earlier pivots
            factor = qc.pop(p, Fraction(0))
            if factor:
                for v, c in coeffs.items():
                    qc[v] = qc.get(v, Fraction(0)) - factor * c
                qc = {v: c for v, c in qc.items() if c}
                qrhs -= factor * rhs
            new_pivots.append((q, qc, qrhs))
        pivots = [*new_pivots, (p, coeffs, rhs)]
    pivot_vars = {p for p, _, _ in pivots}
    return pivots, [v for v in range(n_vars) if v not in pivot_vars]


def _linear_point(
    pivots: list[tuple[int, dict[int, Fraction], Fraction]], free: Mapping[int, Fraction], n_vars: int
) -> RealPoint:
    coords = [Fraction(0)] * n_vars
    for v, value in free.items():
        coords[v] = value
    for p, coeffs, rhs in pivots:
        coords[p] = rhs - sum((c * free[v] for v, c in coeffs.items()), Fraction(0))
    return RealPoint(tuple(coords))


# --------------------------------------------------------------------------- nonlinear systems
def _groebner(polys: Sequence[sympy.Poly], gens: Sequence[sympy.Symbol], order: str = "grevlex") -> Any:
    return sympy.groebner(list(polys), *gens, order=order, domain=sympy.QQ, method="buchberger")


def _is_inconsistent(basis: Any) -> bool:
    return len(basis.exprs) == 1 and basis.exprs[0].is_number and basis.exprs[0] != 0


def _eliminant(polys: Sequence[sympy.Poly], gens: Sequence[sympy.Symbol], v: sympy.Symbol) -> sympy.Poly:
    order = [g for g in gens if g != v] + [v]
    basis = _groebner(polys, order).fglm("lex")
    univariate = next(e for e in basis.exprs if e.free_symbols <= {v})  # exists: zero-dimensional
    return sympy.Poly(univariate, v, domain=sympy.QQ)


def _shape(basis: Any, gens: Sequence[sympy.Symbol]) -> tuple[list[sympy.Poly], sympy.Poly] | None:
    """``(h_1..h_{k-1}, g)`` if a reduced lex basis is in shape position w.r.t. the last gen."""
    t = gens[-1]
    exprs = list(basis.exprs)
    if len(exprs) != len(gens):
        return None
    last = sympy.Poly(exprs[-1], *gens)
    if any(last.degree(g) > 0 for g in gens[:-1]):
        return None
    hs = []
    for v, expr in zip(gens[:-1], exprs[:-1], strict=True):
        p = sympy.Poly(expr, *gens)
        lead = p.coeff_monomial(v)
        rest = p - sympy.Poly(lead * v, *gens)
        if lead == 0 or any(rest.degree(g) > 0 for g in gens[:-1]):
            return None
        hs.append(sympy.Poly(-rest.as_expr() / lead, t, domain=sympy.QQ))
    return hs, sympy.Poly(last.as_expr(), t, domain=sympy.QQ)


def _points_from_shape(hs: Sequence[sympy.Poly], g: sympy.Poly, n_vars: int) -> list[RealPoint]:
    t = g.gen
    points = []
    _, factors = sympy.Poly(sympy.sqf_part(g.as_expr()), t, domain=sympy.QQ).factor_list()
    for f, _mult in factors:
        f = f.monic()
        coords_t = [*hs, sympy.Poly(t, t, domain=sympy.QQ)]
        if f.degree() == 1:
            r = -f.coeff_monomial(1)
            values = [_fraction(h.eval(r)) for h in coords_t]
            points.append(RealPoint(tuple(values[:n_vars])))
            continue
        intervals = sorted(f.intervals(), key=lambda item: item[0][0])
        for index, ((low, high), _m) in enumerate(intervals):
            root = RealRoot(f, sympy.Rational(low), sympy.Rational(high), index)
            points.append(RealPoint(tuple(h.rem(f) for h in coords_t[:n_vars]), root))
    return points


def _solve_zero_dimensional(
    polys: list[sympy.Poly], gens: list[sympy.Symbol], basis: Any
) -> tuple[list[RealPoint] | None, int]:
    """Real solutions of a zero-dimensional system (``None`` if the shape method gave up)."""
    calls = 1
    shape = _shape(basis.fglm("lex"), gens)
    if shape is not None:
        return _points_from_shape(*shape, len(gens)), calls
    rng = random.Random(len(polys) * 7919 + len(gens))
    work = list(polys)
    for attempt in range(4):
        if attempt >= 1:  # make the ideal radical (Seidenberg) before trying again
            for v in gens:
                calls += 1
                eliminant = sympy.sqf_part(_eliminant(work, gens, v).as_expr())
                work.append(sympy.Poly(eliminant, *gens, domain=sympy.QQ))
        t = sympy.Dummy("t")
        form = t - sum((rng.randint(1, 9 + 10 * attempt) * v for v in gens), sympy.Integer(0))
        all_gens = [*gens, t]
        augmented = [sympy.Poly(p.as_expr(), *all_gens, domain=sympy.QQ) for p in work]
        augmented.append(sympy.Poly(form, *all_gens, domain=sympy.QQ))
        calls += 1
        lex = _groebner(augmented, all_gens).fglm("lex")
        shape = _shape(lex, all_gens)
        if shape is not None:
            return _points_from_shape(*shape, len(gens)), calls
    return None, calls


def _solve_nonlinear(
    equations: Sequence[MPoly],
    n_vars: int,
    slices: Sequence[Sequence[Fraction]],
    keep: Callable[[RealPoint], bool],
) -> SystemSolution:
    gens = list(sympy.symbols(f"x0:{n_vars}"))
    polys = [eq.to_sympy(gens) for eq in equations]
    basis = _groebner(polys, gens)
    result = SystemSolution(sympy_calls=1)
    if _is_inconsistent(basis):
        return result
    if basis.is_zero_dimensional:
        points, calls = _solve_zero_dimensional(polys, gens, basis)
        result.sympy_calls += calls
        result.points, result.unsolved = [p for p in points or [] if keep(p)], points is None
        return result
    result.positive_dimensional = result.representatives_only = True
    for values in slices:  # fix variables one at a time until the slice is finite
        sliced = list(polys)
        for v in range(n_vars):
            sliced.append(sympy.Poly(gens[v] - _rational(values[v]), *gens, domain=sympy.QQ))
            basis = _groebner(sliced, gens)
            result.sympy_calls += 1
            if _is_inconsistent(basis):
                break
            if basis.is_zero_dimensional:
                points, calls = _solve_zero_dimensional(sliced, gens, basis)
                result.sympy_calls += calls
                result.points.extend(p for p in points or [] if keep(p))
                break
        if result.points:
            break
    return result


def _affine_map(
    pivots: list[tuple[int, dict[int, Fraction], Fraction]], free: list[int], n_vars: int
) -> list[MPoly]:
    """Each unknown as a polynomial in the free variables ``y_k = x_{free[k]}``."""
    position = {v: k for k, v in enumerate(free)}
    xs = [MPoly()] * n_vars
    for v, k in position.items():
        xs[v] = MPoly.variable(k)
    for p, coeffs, rhs in pivots:
        xs[p] = MPoly({(): rhs, **{(position[w],): -c for w, c in coeffs.items()}})
    return xs


def _vertices(
    pivots: list[tuple[int, dict[int, Fraction], Fraction]],
    free: list[int],
    constraints: Sequence[MPoly],
    n_vars: int,
    max_bases: int,
) -> list[RealPoint] | None:
    """Vertices of ``{y : constraints(y) <= 0}`` (constraints linear in the free variables ``y``).

    A vertex makes ``len(free)`` linearly independent constraints tight; every
    such choice is tried (``None`` if there are more than ``max_bases``).
    """
    rows: set[tuple[tuple[Coefficient, ...], Coefficient]] = set()
    for g in constraints:
        a = tuple(g.terms.get((k,), 0) for k in range(len(free)))
        if any(a):
            rows.add((a, g.constant_term()))
        elif g.constant_term() > 0:
            return []
    if math.comb(len(rows), len(free)) > max_bases:
        return None
    ordered = sorted(rows)
    found: dict[tuple[Fraction, ...], RealPoint] = {}
    for basis in itertools.combinations(ordered, len(free)):
        tight = [MPoly({(k,): c for k, c in enumerate(a)}) + b for a, b in basis]
        solved = _solve_linear(tight, len(free))
        if solved is None or solved[1]:
            continue
        y = _linear_point(solved[0], {}, len(free)).coords
        if all(sum((c * yk for c, yk in zip(a, y, strict=True)), b) <= 0 for a, b in ordered):
            point = _linear_point(pivots, dict(zip(free, y, strict=True)), n_vars)
            found.setdefault(point.coords, point)
    return list(found.values())


def solve_system(
    equations: Iterable[MPoly],
    inequalities: Sequence[MPoly],
    n_vars: int,
    slices: Sequence[Sequence[Fraction]] = (),
    max_bases: int = 20000,
) -> SystemSolution:
    """Real solutions of ``equations == 0`` with every ``inequalities <= 0``, in ``n_vars`` unknowns.

    A finite solution set is returned in full. A positive-dimensional one
    with linear constraints is returned as the vertices of its polytope;
    otherwise the value vectors in ``slices`` are tried in turn to fix free
    variables, and the first slice giving a feasible point ends the search.

    Examples
    --------
    >>> x, y = MPoly.variable(0), MPoly.variable(1)
    >>> sol = solve_system([x * y - 1, x + y - 3], [], 2)
    >>> sorted(round(p.as_floats(x), 6) for p in sol.points)
    [0.381966, 2.618034]
    >>> sol = solve_system([x + y - 1], [-x, -y, x - Fraction(2, 3)], 2)
    >>> sol.polytope, sorted(p.coords for p in sol.points)
    (True, [(Fraction(0, 1), Fraction(1, 1)), (Fraction(2, 3), Fraction(1, 3))])
    """

    def keep(point: RealPoint) -> bool:
        return all(point.sign(g) <= 0 for g in inequalities)

    eqs = [eq for eq in equations if not eq.is_zero()]
    if any(eq.degree() == 0 for eq in eqs):
        return SystemSolution()
    if n_vars == 0:
        point = RealPoint(())
        return SystemSolution([point] if keep(point) else [])
    if any(eq.degree() > 1 for eq in eqs):
        return _solve_nonlinear(eqs, n_vars, slices, keep)
    solved = _solve_linear(eqs, n_vars)
    if solved is None:
        return SystemSolution()
    pivots, free = solved
    if not free:
        point = _linear_point(pivots, {}, n_vars)
        return SystemSolution([point] if keep(point) else [])
    result = SystemSolution(positive_dimensional=True)
    xs = _affine_map(pivots, free, n_vars)
    restricted = [g.compose(xs) for g in inequalities]  # the constraints as polynomials in y
    if all(g.degree() <= 1 for g in restricted):
        vertices = _vertices(pivots, free, restricted, n_vars, max_bases)
        if vertices is not None:
            result.points, result.polytope = vertices, True
            return result
    result.representatives_only = True
    for values in slices:
        point = _linear_point(pivots, {v: values[v] for v in free}, n_vars)
        if keep(point):
            result.points.append(point)
            break
    return result
