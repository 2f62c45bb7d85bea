r"""Deciding and simplifying inequalities under assumptions (private helper).

Assumptions come in two kinds: sympy symbol assumptions (``positive=True``)
and a list of relations such as ``[T > R, R > P, P > S]``. Each linear
relation :math:`g > 0` (or :math:`\ge 0`) is turned into a substitution
that eliminates one symbol through a fresh positive (non-negative) slack
variable :math:`s_k`: ``T > R`` becomes :math:`T = R + s_1`. An inequality
:math:`d \ge 0` is then *implied* when :math:`d` rewritten in the slacks is
non-negative by sympy's assumption system, and *contradicted* when it is
negative. This is sound (never a wrong True/False) but not complete: what
sympy cannot decide stays a relation.

Conditions left in one symbol are reduced to intervals intersected with the
symbol's domain (its assumptions and the one-symbol assumption relations).
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterable, Sequence
from typing import Any

import sympy
from sympy.core.relational import Relational

from nea_games._symbols import interval_relation, sign_domain
from nea_games.errors import ValidationError

__all__ = ["Assumptions", "relation"]

_TRUE = sympy.true
_FALSE = sympy.false
_BOX_SYMBOLS = 6  # corners checked by Assumptions._box_sign: at most 2**6


def relation(d: Any, strict: bool = False) -> Any:
    """``d >= 0`` (``> 0``) written as ``positive terms >= negative terms``."""
    d = sympy.expand(sympy.sympify(d))
    if d.is_number:
        return sympy.true if (d > 0 if strict else d >= 0) else sympy.false
    terms = sympy.Add.make_args(d)
    plus = [t for t in terms if not t.could_extract_minus_sign()]
    minus = [-t for t in terms if t.could_extract_minus_sign()]
    op = sympy.Gt if strict else sympy.Ge
    if not plus:
        return (sympy.Lt if strict else sympy.Le)(sympy.Add(*minus), 0)
    return op(sympy.Add(*plus), sympy.Add(*minus))


def _normalise(rel: Any) -> tuple[Any, bool] | None:
    """``(g, strict)`` with the relation equivalent to ``g > 0`` / ``g >= 0``; None for = and !=."""
    if not isinstance(rel, Relational):
        raise ValidationError(f"assumptions: expected relations such as T > R, got {rel!r}")
    op = rel.rel_op
    if op in (">", ">="):
        return sympy.expand(rel.lhs - rel.rhs), op == ">"
    if op in ("<", "<="):
        return sympy.expand(rel.rhs - rel.lhs), op == "<"
    return None


class Assumptions:
    """Assumption relations compiled into slack substitutions.

    Examples
    --------
    >>> T, R, P, S = sympy.symbols("T R P S")
    >>> a = Assumptions([T > R, R > P, P > S])
    >>> a.decide(sympy.Ge(R, T)), a.decide(sympy.Ge(P, S))
    (False, True)
    """

    def __init__(self, relations: Iterable[Any] | None = None) -> None:
        items = [sympy.sympify(r) for r in (relations or [])]
        flat: list[Any] = []
        for r in items:
            if isinstance(r, sympy.And):
                flat.extend(r.args)
            elif r is _TRUE:
                continue
            elif r is _FALSE:
                raise ValidationError("assumptions: the assumptions are contradictory (False)")
            else:
                flat.append(r)
        self.relations: tuple[Any, ...] = tuple(flat)
        self.forward: dict[Any, Any] = {}
        self.leftover: list[Any] = []
        self._domains: dict[Any, Any] = {}  # domain() per symbol (the relations never change)
        eliminated: set[Any] = set()
        for k, rel in enumerate(self.relations):
            if isinstance(rel, sympy.Eq):
                g, kind = sympy.expand(rel.lhs - rel.rhs), "eq"
            else:
                norm = _normalise(rel)
                if norm is None:
                    continue
                g, strict = norm
                kind = "strict" if strict else "weak"
            g = sympy.expand(g.xreplace(self.forward))
            target = self._pick(g, eliminated)
            if target is None:
                self.leftover.append(rel)
                continue
            coeff = g.coeff(target, 1)
            rest = sympy.expand(g - coeff * target)
            if kind == "eq":
                value = -rest / coeff
            else:
                facts = {"positive": True} if kind == "strict" else {"nonnegative": True}
                slack = sympy.Dummy(f"s{k}", real=True, **facts)
                value = (slack - rest) / coeff
            value = sympy.expand(value)
            self.forward = {s: sympy.expand(v.xreplace({target: value})) for s, v in self.forward.items()}
            self.forward[target] = value
            eliminated.add(target)

    @staticmethod
    def _pick(g: Any, eliminated: set[Any]) -> Any:
        for s in sorted(g.free_symbols, key=lambda x: x.name):
            if s in eliminated or isinstance(s, sympy.Dummy):
                continue
            if sympy.degree(g, s) == 1 if g.is_polynomial(s) else False:
                c = g.coeff(s, 1)
                if c.is_number and c != 0:
                    return s
        return None

    def rewrite(self, expr: Any) -> Any:
        """``expr`` in the slack variables."""
        return sympy.expand(sympy.sympify(expr).xreplace(self.forward)) if self.forward else expr

    def sign_of(self, d: Any) -> tuple[bool | None, bool | None]:
        """``(is_nonnegative, is_positive)`` of ``d`` under the assumptions (None = unknown)."""
        d = sympy.sympify(d)
        out_nn: bool | None = None
        out_p: bool | None = None
        for form in self._forms(d):
            nn, p = form.is_nonnegative, form.is_positive
            if out_nn is None and nn is not None:
                out_nn = bool(nn)
            if out_p is None and p is not None:
                out_p = bool(p)
            if out_nn is not None and out_p is not None:
                break
        for fallback in (self._box_sign, self._affine_sign):
            if out_nn is not None and out_p is not None:
                break
            more_nn, more_p = fallback(d)
            out_nn = more_nn if out_nn is None else out_nn
            out_p = more_p if out_p is None else out_p
        return out_nn, out_p

    def _affine_sign(self, d: Any) -> tuple[bool | None, bool | None]:
        r"""The sign of ``d`` when it is :math:`\alpha g + \beta` for an assumption :math:`g > 0`.

        E.g. :math:`6\varphi\rho - 5 = -2(1 - 3\varphi\rho) - 3 < 0` under
        :math:`3\varphi\rho < 1`: numbers :math:`\alpha, \beta` with :math:`\alpha\beta \ge 0`
        give the sign of :math:`\beta` (the relation may be weak, then only a weak sign).
        """
        d = sympy.expand(sympy.sympify(d))
        if not getattr(d, "free_symbols", None) or not d.is_polynomial():
            return None, None
        d0 = d.as_coeff_Add()[0]
        for rel in self.relations:
            norm = _normalise(rel)
            if norm is None:
                continue
            g, strict = norm
            g0 = g.as_coeff_Add()[0]
            if g - g0 == 0:
                continue
            alpha = sympy.cancel((d - d0) / (g - g0))
            if not alpha.is_number or alpha == 0:
                continue
            beta = d0 - alpha * g0  # d = alpha * g + beta
            if alpha > 0 and beta >= 0:  # d > beta >= 0 (d >= beta if the relation is weak)
                return True, (True if strict or beta > 0 else None)
            if alpha < 0 and beta <= 0:
                return (False if strict or beta < 0 else None), False
        return None, None

    def _box_sign(self, d: Any) -> tuple[bool | None, bool | None]:
        """``(is_nonnegative, is_positive)`` of a multilinear polynomial on its symbols' domains.

        A polynomial of degree at most 1 in each symbol is affine along every axis, so its
        extremes over the closed box of the symbols' domains are at the corners; the box
        contains the region the assumptions allow, so a sign found there holds on it. A
        zero at an allowed point makes the polynomial vanish on a whole face through it
        (every corner of the face a zero, the fixed coordinates closed endpoints), so a
        bound of 0 is strict when no such face exists.
        """
        symbols = sorted(getattr(d, "free_symbols", set()), key=lambda x: x.name)
        if not symbols or len(symbols) > _BOX_SYMBOLS or any(isinstance(x, sympy.Dummy) for x in symbols):
            return None, None
        try:
            degrees = sympy.Poly(d, *symbols).degree_list()
        except (sympy.PolynomialError, sympy.GeneratorsNeeded):
            return None, None
        if any(k > 1 for k in degrees):
            return None, None
        edges = []
        for x in symbols:
            dom = self.domain(x)
            if not isinstance(dom, sympy.Interval) or not (dom.inf.is_finite and dom.sup.is_finite):
                return None, None
            edges.append(dom)
        values = {
            c: d.xreplace(dict(zip(symbols, c, strict=True)))
            for c in itertools.product(*((dom.inf, dom.sup) for dom in edges))
        }
        low, high = min(values.values()), max(values.values())

        def attained() -> bool:  # is 0 taken at a point of the half-open box?
            options = []
            for dom in edges:
                choice: list[tuple[Any, ...]] = [(dom.inf, dom.sup)]
                choice += [(dom.inf,)] if not dom.left_open else []
                choice += [(dom.sup,)] if not dom.right_open else []
                options.append(choice)
            return any(
                all(values[c] == 0 for c in itertools.product(*face)) for face in itertools.product(*options)
            )

        if low >= 0:
            return True, (True if low > 0 or not attained() else None)
        if high <= 0:
            return (False if high < 0 or not attained() else None), False
        return None, None

    def _forms(self, d: Any) -> list[Any]:
        forms = [d]
        rewritten = self.rewrite(d)
        forms.append(rewritten)
        with contextlib.suppress(sympy.PolynomialError, NotImplementedError):
            forms.append(sympy.factor(sympy.together(rewritten)))
        return forms

    def decide(self, rel: Any) -> Any:
        """True/False when ``rel`` is implied/contradicted, else ``rel`` itself."""
        rel = sympy.sympify(rel)
        if rel in (_TRUE, _FALSE) or not isinstance(rel, Relational):
            return rel
        norm = _normalise(rel)
        if norm is None:
            return rel
        g, strict = norm
        nn, pos = self.sign_of(g)
        neg_nn, neg_pos = self.sign_of(-g)
        if strict:
            if pos:
                return _TRUE
            if neg_nn:  # g <= 0
                return _FALSE
        else:
            if nn:
                return _TRUE
            if neg_pos:  # g < 0
                return _FALSE
        for side, other in ((rel.lhs, rel.rhs), (rel.rhs, rel.lhs)):
            if isinstance(side, sympy.Symbol) and side not in other.free_symbols:
                return rel  # already solved for a symbol: keep it readable
        return relation(self._reduce(g), strict)

    def _reduce(self, g: Any) -> Any:
        """``g`` with factors of known sign divided out (keeping the sign of ``g``)."""
        try:
            factored = sympy.factor(g)
        except (sympy.PolynomialError, NotImplementedError):
            return g
        coeff, factors = factored.as_coeff_mul()
        negative = bool(coeff < 0)
        keep = []
        for f in factors:
            _, pos = self.sign_of(f)
            _, neg = self.sign_of(-f)
            if pos:
                continue
            if neg:
                negative = not negative
                continue
            keep.append(f)
        if not keep:  # every factor has a known strict sign: so has g
            return sympy.Integer(-1 if negative else 1)
        out = sympy.expand(sympy.Mul(*keep))
        return -out if negative else out

    def domain(self, s: Any) -> Any:
        """The values of ``s`` allowed by its assumptions and one-symbol relations."""
        if s in self._domains:
            return self._domains[s]
        dom = sign_domain(s)
        for rel in self.relations:
            if rel.free_symbols == {s} and not isinstance(rel, sympy.Ne):
                try:
                    dom = dom.intersect(rel.as_set())
                except (NotImplementedError, TypeError, ValueError):
                    continue
        self._domains[s] = dom
        return dom

    def univariate(self, cond: Any, s: Any) -> Any:
        """A one-symbol condition as the simplest relation on ``s``'s domain."""
        dom = self.domain(s)
        try:
            region = cond.as_set().intersect(dom)
        except (NotImplementedError, TypeError, ValueError):
            return cond
        if region == sympy.S.EmptySet:
            return _FALSE
        if region == dom:
            return _TRUE
        return interval_relation(region, s, dom)

    def conjunction(self, atoms: Sequence[Any]) -> Any:
        """Decide each atom, drop duplicates and merge one-symbol parts into intervals."""
        decided: list[Any] = []
        for atom in atoms:
            value = self.decide(atom)
            if value is _FALSE:
                return _FALSE
            if value is not _TRUE and value not in decided:
                decided.append(value)
        groups: dict[frozenset[Any], list[Any]] = {}
        for atom in decided:
            groups.setdefault(frozenset(atom.free_symbols), []).append(atom)
        parts: list[Any] = []
        for symbols, members in groups.items():
            if len(symbols) == 1:
                merged = self.univariate(sympy.And(*members), next(iter(symbols)))
                if merged is _FALSE:
                    return _FALSE
                parts.append(merged)
            else:
                parts.extend(members)
        return sympy.And(*parts)

    def simplify(self, cond: Any) -> Any:
        """Simplify a boolean combination of relations (And/Or of atoms)."""
        cond = sympy.sympify(cond)
        if cond in (_TRUE, _FALSE):
            return cond
        if isinstance(cond, sympy.Or):
            return sympy.Or(*(self.simplify(a) for a in cond.args))
        if isinstance(cond, sympy.And):
            return self.conjunction(list(cond.args))
        return self.conjunction([cond])
