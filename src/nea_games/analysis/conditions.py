r"""Exact conditions on the parameters under which a profile is an equilibrium.

**Normal form.** A profile :math:`\sigma` (pure, or mixed with possibly
symbolic probabilities) of a parametric game is a Nash equilibrium iff no
player gains by a unilateral deviation to a pure action:

.. math:: \bigwedge_{i} \bigwedge_{b \in A_i}\; u_i(\sigma) \ge u_i(b, \sigma_{-i}),

together with :math:`\sigma_i(a) \ge 0` for symbolic probabilities. Each
inequality is decided under the assumptions (see below); what cannot be
decided stays a relation, written as *positive terms* :math:`\ge` *negative
terms*, and conditions in one parameter are reduced to an interval.

**Trees.** For an :class:`~nea_games.games.extensive_form.ExtensiveFormGame`
and a pure behaviour profile ``{information set: action}`` the condition is
that the profile is a *subgame-perfect* equilibrium: the disjunction of the
regimes of :func:`~nea_games.solvers.backward.symbolic_backward_induction`
whose choices agree with the profile (information sets the profile leaves out
are unconstrained). With ``concept="nash"`` and a tuple of reduced strategy
names the tree's reduced normal form is used instead.

**Repeated games.** For a ``RepeatedGame`` and a strategy (e.g.
``"grim_trigger"``) the condition is :math:`\delta \ge \delta^*`, with
:math:`\delta^*` from ``RepeatedGame.critical_discount``.

**Assumptions.** Symbol assumptions (``sympy.Symbol("e", positive=True)``)
are honoured, and so is a list of relations ``assumptions=[T > R, R > P]``:
each linear relation eliminates one symbol through a positive slack
variable (``T = R + s``), and an inequality is True when it is non-negative
in the slacks, False when it is negative there. This is sound but not
complete: what sympy cannot decide is left as a relation.

:func:`critical_value` solves a condition for one symbol: the threshold,
its direction and the set of values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import sympy
from sympy.core.relational import Relational

from nea_games._numeric import tolerance_for
from nea_games.analysis._conditions_simplify import Assumptions
from nea_games.analysis._conditions_solve import solve_threshold
from nea_games.errors import (
    ProbabilityError,
    ShapeError,
    UnknownNameError,
    UnsupportedGameError,
    ValidationError,
)
from nea_games.games._names import did_you_mean, index_of
from nea_games.games.extensive_form import ExtensiveFormGame
from nea_games.games.normal_form import NormalFormGame

__all__ = ["Condition", "CriticalValue", "conditions", "critical_value"]

Direction = Literal[">=", "<=", ">", "<"]
_SYMBOLS = {">=": "≥", "<=": "≤", ">": ">", "<": "<"}
_LATEX = {">=": r"\geq", "<=": r"\leq", ">": ">", "<": "<"}


def _point(values: Mapping[Any, Any] | None, kwargs: Mapping[str, Any], symbols: Any) -> dict[Any, Any]:
    given = dict(values or {})
    given.update(kwargs)
    by_name = {s.name: s for s in symbols}
    out: dict[Any, Any] = {}
    for key, value in given.items():
        name = key.name if isinstance(key, sympy.Symbol) else str(key)
        if name in by_name:
            out[by_name[name]] = sympy.nsimplify(value) if isinstance(value, (str, float)) else value
    return out


@dataclass(frozen=True)
class Condition:
    r"""A condition on the parameters (a simplified sympy boolean) and what it is about.

    Attributes
    ----------
    expr : sympy boolean
        ``sympy.true``, ``sympy.false``, a relation or an And/Or of relations.
    description : str
        What the condition says, e.g. ``"(D, D) is a Nash equilibrium"``.
    assumptions : tuple
        The assumption relations it was simplified under.

    Examples
    --------
    >>> import sympy
    >>> d = sympy.Symbol("delta")
    >>> c = Condition(d >= sympy.Rational(1, 2), "cooperation is sustainable")
    >>> c.text()
    'delta >= 1/2'
    >>> c.latex()
    '\\delta \\geq \\frac{1}{2}'
    >>> c.holds_at(delta=0.6), c.holds_at(delta=0.4)
    (True, False)
    """

    expr: Any
    description: str = ""
    assumptions: tuple[Any, ...] = field(default=())

    @property
    def free_symbols(self) -> frozenset[sympy.Symbol]:
        """The parameters the condition depends on."""
        return frozenset(getattr(self.expr, "free_symbols", set()))

    @property
    def is_true(self) -> bool:
        """True when the condition holds for every parameter value allowed by the assumptions."""
        return self.expr is sympy.true

    @property
    def is_false(self) -> bool:
        """True when the condition holds for no parameter value allowed by the assumptions."""
        return self.expr is sympy.false

    def holds_at(self, values: Mapping[Any, Any] | None = None, /, **kwargs: Any) -> bool:
        """Whether the condition holds at a parameter point (symbols or names as keys).

        Floats are converted to exact rationals first, so boundary points are
        decided exactly.

        Raises
        ------
        nea_games.errors.ValidationError
            If a parameter of the condition has no value.
        """
        point = _point(values, kwargs, self.free_symbols)
        value = sympy.sympify(self.expr).subs(point)
        if value not in (sympy.true, sympy.false):
            value = sympy.simplify(value)
        if value not in (sympy.true, sympy.false):
            missing = ", ".join(sorted(str(s) for s in getattr(value, "free_symbols", ())))
            raise ValidationError(f"holds_at: give values for {missing or 'the parameters'}")
        return value is sympy.true

    def text(self) -> str:
        """Plain text (sympy's string form)."""
        return str(sympy.sstr(self.expr))

    def latex(self) -> str:
        """LaTeX of the condition (without dollar signs)."""
        return str(sympy.latex(self.expr))

    def _repr_latex_(self) -> str:
        return f"${self.latex()}$"

    def __str__(self) -> str:
        return f"{self.description}: {self.text()}" if self.description else self.text()

    def __repr__(self) -> str:
        return f"<Condition {self!s}>"


@dataclass(frozen=True)
class CriticalValue:
    r"""The solution of a condition for one symbol: ``symbol direction threshold``.

    Attributes
    ----------
    symbol : sympy.Symbol
        The symbol solved for (e.g. the discount factor).
    threshold : sympy expression
        The critical value (may depend on other parameters).
    direction : {">=", "<=", ">", "<"}
        The condition holds iff ``symbol direction threshold`` (and ``side``).
    interval : sympy.Set
        The same as a set of values of ``symbol`` (not intersected with the
        symbol's domain, e.g. :math:`\delta < 1`, so that it stays a plain
        interval when the threshold is symbolic).
    side : sympy boolean
        Parts of the condition that do not involve ``symbol`` (``True`` if none).

    Examples
    --------
    >>> import sympy
    >>> d = sympy.Symbol("delta", positive=True)
    >>> cv = critical_value(2 * d - 1 >= 0, d)
    >>> cv.threshold, cv.direction, cv.interval
    (1/2, '>=', Interval(1/2, oo))
    >>> cv.text()
    'delta ≥ 1/2'
    """

    symbol: Any
    threshold: Any
    direction: Direction
    interval: Any
    side: Any = sympy.true

    def text(self) -> str:
        """Plain text, e.g. ``delta ≥ 1/2``."""
        out = f"{sympy.sstr(self.symbol)} {_SYMBOLS[self.direction]} {sympy.sstr(self.threshold)}"
        return out if self.side is sympy.true else f"{out} and {sympy.sstr(self.side)}"

    def latex(self) -> str:
        """LaTeX, e.g. ``\\delta \\geq \\frac{1}{2}``."""
        out = f"{sympy.latex(self.symbol)} {_LATEX[self.direction]} {sympy.latex(self.threshold)}"
        return out if self.side is sympy.true else rf"{out} \wedge {sympy.latex(self.side)}"

    def _repr_latex_(self) -> str:
        return f"${self.latex()}$"

    def as_condition(self) -> Condition:
        """The same statement as a :class:`Condition`."""
        rel = {">=": sympy.Ge, "<=": sympy.Le, ">": sympy.Gt, "<": sympy.Lt}[self.direction]
        return Condition(sympy.And(rel(self.symbol, self.threshold), self.side), self.text())

    def __str__(self) -> str:
        return self.text()


# ------------------------------------------------------------------ normal form
def _strategy(game: NormalFormGame, i: int, item: Any) -> list[Any]:
    m = game.n_actions[i]
    if isinstance(item, (str, int)) and not isinstance(item, bool):
        k = game.action_index(i, item)
        return [sympy.Integer(1 if j == k else 0) for j in range(m)]
    if isinstance(item, Mapping):
        vector = [sympy.Integer(0)] * m
        for action, p in item.items():
            vector[game.action_index(i, action)] = sympy.sympify(p)
    elif isinstance(item, Sequence) and len(item) == m:
        vector = [sympy.sympify(p) for p in item]
    else:
        raise ShapeError(
            f"profile: the strategy of {game.players[i]!r} must be an action, a mapping "
            f"{{action: probability}} or {m} probabilities, got {item!r}"
        )
    total = sympy.simplify(sum(vector, sympy.Integer(0)))
    if total != 1:
        raise ProbabilityError(f"profile: the probabilities of {game.players[i]!r} sum to {total}, not 1")
    for p in vector:
        if p.is_number and p < 0:
            raise ProbabilityError(f"profile: negative probability {p} for {game.players[i]!r}")
    return vector


def _contract(table: Any, strategies: list[list[Any]], skip: int | None) -> Any:
    import numpy as np

    result: Any = np.asarray(table, dtype=object)
    for j in range(len(strategies) - 1, -1, -1):
        if j == skip:
            continue
        result = np.tensordot(result, np.asarray(strategies[j], dtype=object), axes=([j], [0]))
    return result


def _normal_form_atoms(game: NormalFormGame, profile: Sequence[Any]) -> tuple[list[Any], str]:
    if isinstance(profile, (str, bytes)) or not isinstance(profile, Sequence):
        raise ShapeError(f"profile {profile!r}: expected one action or strategy per player")
    if len(profile) != game.n_players:
        raise ShapeError(
            f"profile {profile!r}: expected one action or strategy per player ({game.n_players})"
        )
    strategies = [_strategy(game, i, item) for i, item in enumerate(profile)]
    atoms: list[Any] = []
    payoffs = game.payoffs.astype(object)
    # float games: numeric comparisons use the library's one tolerance, as the solvers do
    tol = tolerance_for(game.float_payoffs()) if game.kind == "float" else 0.0
    for i in range(game.n_players):
        own = strategies[i]
        against = _contract(payoffs[i], strategies, skip=i)  # u_i(b, sigma_-i) for every b
        value = sum((p * v for p, v in zip(own, against, strict=True)), sympy.Integer(0))
        for b in range(game.n_actions[i]):
            if own[b] == 1:
                continue
            gain = sympy.expand(value - against[b])
            if tol and gain.is_number:
                atoms.append(sympy.true if float(gain) >= -tol else sympy.false)
            else:
                atoms.append(sympy.Ge(gain, 0))
        atoms.extend(sympy.Ge(p, 0) for p in own if not p.is_number)
    names = []
    for i, item in enumerate(profile):
        names.append(game.actions[i][game.action_index(i, item)] if isinstance(item, (str, int)) else "mixed")
    return atoms, f"({', '.join(names)}) is a Nash equilibrium"


# ------------------------------------------------------------------ trees
def _tree_condition(
    game: ExtensiveFormGame, profile: Any, assumptions: Assumptions, concept: str
) -> tuple[Any, str]:
    if concept == "nash":
        normal = game.to_normal_form(reduced=True)
        if isinstance(profile, Mapping):
            raise ValidationError(
                "conditions: with concept='nash' give a tree's profile as a tuple of reduced strategy "
                f"names, one per player; e.g. {tuple(next(iter(game.strategies(p))) for p in game.players)}"
            )
        atoms, text = _normal_form_atoms(normal, profile)
        return assumptions.conjunction(atoms), text
    if not isinstance(profile, Mapping):
        raise ValidationError(
            "conditions: give a tree's profile as a mapping {information set: action} "
            "(or use concept='nash' with reduced strategy names)"
        )
    from nea_games.solvers.backward import symbolic_backward_induction

    known = list(game.infosets)
    for h, a in profile.items():
        if h not in known:
            raise UnknownNameError(f"profile: no information set {h!r}{did_you_mean(str(h), known)}")
        index_of(a, game.infoset_actions(h), f"action at {h!r}")
    solution = symbolic_backward_induction(game, given=assumptions.relations)
    matching = [
        r.condition for r in solution.regimes if all(r.choices.get(h, a) == a for h, a in profile.items())
    ]
    text = ", ".join(f"{h}: {a}" for h, a in profile.items())
    return assumptions.simplify(sympy.Or(*matching)), f"{{{text}}} is subgame perfect"


# ------------------------------------------------------------------ repeated games
def _is_repeated(game: Any) -> bool:
    return type(game).__name__ == "RepeatedGame"


def _repeated_condition(
    game: Any, profile: Any, assumptions: Assumptions, options: Mapping[str, Any]
) -> tuple[Any, str] | None:
    try:
        from nea_games.games.repeated import RepeatedGame
    except ImportError:  # pragma: no cover - the module ships with the library
        return None
    if not isinstance(game, RepeatedGame):
        return None
    critical = sympy.sympify(game.critical_discount(profile, assumptions=assumptions.relations, **options))
    discount = sympy.sympify(game.discount)
    facts = assumptions
    if discount.free_symbols:
        facts = Assumptions([*assumptions.relations, discount > 0, discount < 1])
    if isinstance(critical, sympy.Piecewise):
        expr = sympy.Or(*(sympy.And(c, sympy.Ge(discount, v)) for v, c in critical.args if v is not sympy.oo))
    elif critical is sympy.oo:
        expr = sympy.false
    else:
        expr = sympy.Ge(discount, critical)
    name = profile if isinstance(profile, str) else getattr(profile, "name", "the strategy")
    return facts.simplify(expr), f"{name} is subgame perfect"


def conditions(
    game: Any,
    profile: Any,
    *,
    assumptions: Sequence[Any] | None = None,
    concept: str = "subgame perfect",
    **options: Any,
) -> Condition:
    r"""Where in parameter space ``profile`` is an equilibrium of a parametric game.

    Parameters
    ----------
    game : NormalFormGame, ExtensiveFormGame or RepeatedGame
        The game; payoffs may contain sympy symbols.
    profile
        NormalFormGame: one entry per player, each an action (name or
        position), a mapping ``{action: probability}`` or a probability
        vector (probabilities may be sympy expressions).
        ExtensiveFormGame: ``{information set: action}`` (pure behaviour), or
        with ``concept="nash"`` a tuple of reduced strategy names.
        RepeatedGame: a strategy name such as ``"grim_trigger"`` or an automaton.
    assumptions : sequence of sympy relations, optional
        Facts about the parameters, e.g. ``[T > R, R > P, P > S]``.
    concept : {"subgame perfect", "nash"}
        For trees only (see the module docstring).
    **options
        For repeated games only: passed to ``RepeatedGame.critical_discount``
        (e.g. ``cooperative=`` the profile the strategy sustains).

    Returns
    -------
    Condition
        ``.expr`` is ``sympy.true`` when the assumptions imply the profile is
        an equilibrium, ``sympy.false`` when they rule it out.

    Raises
    ------
    nea_games.errors.UnsupportedGameError
        For other kinds of games.
    nea_games.errors.ShapeError, UnknownNameError, ProbabilityError
        For malformed profiles.

    Examples
    --------
    >>> import sympy
    >>> from nea_games import NormalFormGame
    >>> T, R, P, S = sympy.symbols("T R P S")
    >>> pd = NormalFormGame.symmetric([[R, S], [T, P]], actions=["C", "D"])
    >>> conditions(pd, ("C", "C")).text()
    'R >= T'
    >>> ordering = [T > R, R > P, P > S]
    >>> [conditions(pd, p, assumptions=ordering).expr for p in [("C", "C"), ("D", "D")]]
    [False, True]
    """
    if concept not in ("subgame perfect", "nash"):
        raise ValidationError(f"conditions: concept must be 'subgame perfect' or 'nash', got {concept!r}")
    facts = Assumptions(assumptions)
    assumed = facts.relations
    if options and not _is_repeated(game):
        raise ValidationError(f"conditions: unexpected options {sorted(options)} (only for repeated games)")
    if isinstance(game, NormalFormGame):
        atoms, text = _normal_form_atoms(game, profile)
        return Condition(facts.conjunction(atoms), text, assumed)
    if isinstance(game, ExtensiveFormGame):
        expr, text = _tree_condition(game, profile, facts, concept)
        return Condition(expr, text, assumed)
    repeated = _repeated_condition(game, profile, facts, options)
    if repeated is not None:
        return Condition(repeated[0], repeated[1], assumed)
    raise UnsupportedGameError(
        f"conditions: expected a NormalFormGame, ExtensiveFormGame or RepeatedGame, got {type(game).__name__}"
    )


def critical_value(
    condition: Condition | Any, symbol: Any, *, assumptions: Sequence[Any] | None = None
) -> CriticalValue:
    r"""Solve a condition for one symbol: ``symbol ≥ threshold`` (or ≤, >, <).

    The condition must be a relation, or a conjunction of relations, each
    linear in ``symbol`` after clearing a denominator whose sign is known
    (from the assumptions) and with a coefficient of known sign; several
    bounds in the same direction give a ``Max``/``Min`` threshold. Parts
    without ``symbol`` are returned as ``side``. A condition that is identically
    True (False) gives ``symbol >= -oo`` (``symbol >= oo``, the empty set).

    Parameters
    ----------
    condition : Condition or sympy boolean
    symbol : sympy.Symbol or str
        The symbol (or its name) to solve for.
    assumptions : sequence of sympy relations, optional
        Facts used to decide signs (added to the condition's own).

    Raises
    ------
    nea_games.errors.ValidationError
        If the condition is not of that form (nonlinear, sign unknown,
        bounds on both sides, a disjunction, or no ``symbol`` in it).

    Examples
    --------
    The grim-trigger condition of the prisoner's dilemma,
    :math:`R/(1-\delta) \ge T + \delta P/(1-\delta)`:

    >>> import sympy
    >>> T, R, P, S = sympy.symbols("T R P S")
    >>> d = sympy.Symbol("delta", positive=True)
    >>> cond = R / (1 - d) >= T + d * P / (1 - d)
    >>> cv = critical_value(cond, d, assumptions=[T > R, R > P, d < 1])
    >>> cv.threshold, cv.direction
    ((R - T)/(P - T), '>=')
    """
    base = condition if isinstance(condition, Condition) else Condition(sympy.sympify(condition))
    expr = sympy.sympify(base.expr)
    if expr in (sympy.true, sympy.false):  # holds for every value of the symbol, or for none
        if not isinstance(symbol, sympy.Symbol):
            symbol = sympy.Symbol(str(symbol))
        bound = -sympy.oo if expr is sympy.true else sympy.oo
        return CriticalValue(symbol, bound, ">=", sympy.Interval(bound, sympy.oo))
    free = {s.name: s for s in expr.free_symbols}
    if isinstance(symbol, str):
        if symbol not in free:
            raise UnknownNameError(
                f"critical_value: {symbol!r} does not occur in the condition"
                f"{did_you_mean(symbol, list(free))}"
            )
        symbol = free[symbol]
    if not isinstance(symbol, sympy.Symbol):
        raise ValidationError(f"critical_value: expected a symbol, got {symbol!r}")
    facts = Assumptions([*base.assumptions, *(assumptions or [])])
    atoms = list(expr.args) if isinstance(expr, sympy.And) else [expr]
    for a in atoms:
        if not isinstance(a, Relational) or isinstance(a, (sympy.Eq, sympy.Ne)):
            raise ValidationError(
                f"critical_value: expected inequalities (or a conjunction of them), got {sympy.sstr(a)}"
            )
    threshold, direction, side = solve_threshold(atoms, symbol, facts)
    if direction in (">=", ">"):
        interval = sympy.Interval(threshold, sympy.oo, left_open=direction == ">")
    else:
        interval = sympy.Interval(-sympy.oo, threshold, right_open=direction == "<")
    return CriticalValue(symbol, threshold, direction, interval, side)
