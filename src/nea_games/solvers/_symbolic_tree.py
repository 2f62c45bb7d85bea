r"""Exact backward induction on parametric trees.

With sympy payoffs and probabilities the optimal move at a node depends on
the parameters. The solver carries, for every subgame, a list of *regimes*:
a condition on the parameters (a sympy boolean), the moves made in the
subgame under it, and the resulting payoffs. At a decision node of player
:math:`i` with children values :math:`v_a` (one regime chosen below each
child), action :math:`a` is optimal under

.. math:: C \wedge \bigwedge_{b \ne a} v_{a,i} \ge v_{b,i},

where :math:`C` is the conjunction of the chosen regimes' conditions;
regimes whose condition is false (decided by sympy, under the symbols'
assumptions and the ``given`` constraints) are dropped. A chance node takes
the expectation. A subgame without perfect information is solved in its
reduced normal form: each pure profile is an equilibrium under the condition
that no mover gains by a unilateral switch (mixed equilibria of such
subgames are not derived; the result says so).

Conditions in one parameter are reduced to intervals and written as simply
as the parameter's domain allows (``q <= 3/7`` rather than
``(0 <= q) & (q <= 3/7)`` when ``q`` is a probability). Symbols that appear
as chance probabilities are taken to make every probability lie in [0, 1].
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sympy

from nea_games._symbols import interval_relation, sign_domain
from nea_games.errors import BudgetExceededError, UnknownNameError, UnsupportedGameError, ValidationError
from nea_games.games._names import did_you_mean
from nea_games.games._tree_nodes import NodeData, path_text
from nea_games.games._tree_profile import subgame_roots
from nea_games.games.extensive_form import ExtensiveFormGame

__all__ = ["Regime", "SymbolicSolution", "symbolic_backward_induction"]

_SIMPLIFY_ATOMS = 4  # sympy.simplify is tried on final conditions with at most this many inequalities
_TRUE = sympy.true
_FALSE = sympy.false


@dataclass(frozen=True)
class Regime:
    """Backward-induction play under one condition on the parameters.

    Attributes
    ----------
    condition : sympy boolean
        Where in parameter space this play is subgame perfect.
    choices : mapping
        ``{information set: action}``.
    payoffs : tuple of sympy expressions
        Each player's payoff under it.
    """

    condition: Any
    choices: Mapping[str, str]
    payoffs: tuple[Any, ...]


def _ge(x: Any, y: Any) -> Any:
    """``x >= y`` with the difference split into positive and negative terms."""
    d = sympy.expand(sympy.sympify(x) - sympy.sympify(y))
    if d.is_nonnegative:
        return _TRUE
    if d.is_negative:
        return _FALSE
    terms = sympy.Add.make_args(sympy.expand(d)) if d.is_Add else (d,)
    plus = [t for t in terms if not t.could_extract_minus_sign()]
    minus = [-t for t in terms if t.could_extract_minus_sign()]
    if not plus:
        return sympy.Le(sympy.Add(*minus), 0)
    return sympy.Ge(sympy.Add(*plus), sympy.Add(*minus))


def _as_set(cond: Any, s: sympy.Symbol) -> Any:
    """The set of values of ``s`` satisfying ``cond``; linear relationals without sympy's solver."""
    if isinstance(cond, sympy.And):
        return sympy.Intersection(*(_as_set(c, s) for c in cond.args))
    if isinstance(cond, sympy.Or):
        return sympy.Union(*(_as_set(c, s) for c in cond.args))
    if isinstance(cond, sympy.core.relational.Relational) and not isinstance(cond, sympy.Ne):
        d = sympy.expand(cond.lhs - cond.rhs)
        a = d.coeff(s, 1)
        b = d - a * s
        if a.is_number and b.is_number and a != 0:
            root = -b / a
            op = cond.rel_op
            if op == "==":
                return sympy.FiniteSet(root)
            upward = (op in (">=", ">")) == bool(a > 0)
            closed = op in (">=", "<=")
            if upward:
                return sympy.Interval(root, sympy.oo, left_open=not closed)
            return sympy.Interval(-sympy.oo, root, right_open=not closed)
    return cond.as_set()


class _Simplifier:
    def __init__(self, game: ExtensiveFormGame, given: list[Any]) -> None:
        self.given = list(given)
        for d in game._nodes:
            for p in d.probabilities:
                expr = sympy.sympify(p)
                if expr.free_symbols:
                    self.given += [expr >= 0, expr <= 1]
        self._domains: dict[sympy.Symbol, Any] = {}

    def domain(self, s: sympy.Symbol) -> Any:
        if s not in self._domains:
            dom = sign_domain(s)
            for g in self.given:
                g = sympy.sympify(g)
                if g.free_symbols == {s}:
                    dom = dom.intersect(_as_set(g, s))
            self._domains[s] = dom
        return self._domains[s]

    def __call__(self, cond: Any, final: bool = False) -> Any:
        cond = sympy.sympify(cond)
        if cond in (_TRUE, _FALSE):
            return cond
        symbols = cond.free_symbols
        if len(symbols) == 1:
            return self._univariate(cond, next(iter(symbols)))
        if isinstance(cond, sympy.Or):
            cond = sympy.Or(*(self(arg) for arg in cond.args))
        elif isinstance(cond, sympy.And):
            cond = self._conjunction(cond.args)
        if cond in (_TRUE, _FALSE):
            return cond
        relevant = [g for g in self.given if sympy.sympify(g).free_symbols & symbols]
        if sympy.And(cond, *relevant) == _FALSE:  # sympy's own cheap evaluation
            return _FALSE
        small = len(cond.atoms(sympy.core.relational.Relational)) <= _SIMPLIFY_ATOMS
        if not final or not small or isinstance(cond, sympy.core.relational.Relational):
            return cond
        try:  # full simplification only for small final compound conditions
            out = sympy.simplify(cond)
        except (NotImplementedError, TypeError, ValueError):
            out = cond
        return out

    def _univariate(self, cond: Any, s: sympy.Symbol) -> Any:
        dom = self.domain(s)
        try:
            region = _as_set(cond, s).intersect(dom)
        except (NotImplementedError, TypeError, ValueError):
            return cond
        if region == sympy.S.EmptySet:
            return _FALSE
        if region == dom:
            return _TRUE
        return interval_relation(region, s, dom)

    def _conjunction(self, args: Iterable[Any]) -> Any:
        """``And(*args)`` with the one-parameter parts merged into intervals (empty -> false)."""
        groups: dict[frozenset[Any], list[Any]] = {}
        for arg in args:
            groups.setdefault(frozenset(arg.free_symbols), []).append(arg)
        parts = []
        for symbols, members in groups.items():
            if len(symbols) == 1:
                merged = self._univariate(sympy.And(*members), next(iter(symbols)))
                if merged == _FALSE:
                    return _FALSE
                parts.append(merged)
            else:
                parts.extend(members)
        return sympy.And(*parts)


class SymbolicSolution:
    """Result of :func:`symbolic_backward_induction`.

    Attributes
    ----------
    game : ExtensiveFormGame
        The parametric tree.
    conditions : dict
        ``{information set: {action: condition}}``: where each action is
        optimal in the subgame at that information set.
    regimes : tuple of Regime
        The whole subgame-perfect play, region by region of parameter space.
    complete : bool
        False when mixed equilibria of some subgame were not derived.
    notes : tuple of str
        Plain-language remarks.
    """

    def __init__(
        self,
        game: ExtensiveFormGame,
        conditions: dict[str, dict[str, Any]],
        regimes: list[Regime],
        complete: bool,
        notes: list[str],
    ) -> None:
        self.game = game
        self.conditions = conditions
        self.regimes = tuple(regimes)
        self.complete = complete
        self.notes = tuple(dict.fromkeys(notes))

    def condition(self, infoset: str, action: str) -> Any:
        """Where ``action`` is optimal at ``infoset`` (a simplified sympy boolean)."""
        if infoset not in self.conditions:
            known = list(self.conditions)
            raise UnknownNameError(f"no information set {infoset!r}{did_you_mean(infoset, known)}")
        actions = self.conditions[infoset]
        if action not in actions:
            raise UnknownNameError(
                f"information set {infoset!r}: no action {action!r}; actions: {', '.join(actions)}"
            )
        return actions[action]

    def thresholds(self, infoset: str, symbol: Any) -> list[Any]:
        """Values of ``symbol`` at which the optimal action at ``infoset`` can switch.

        Each relational in the conditions is solved for ``symbol`` (the
        result may depend on other parameters).
        """
        s = symbol if isinstance(symbol, sympy.Symbol) else sympy.Symbol(str(symbol))
        by_name = {p.name: p for p in self.game.parameters}
        s = by_name.get(s.name, s)
        found: list[Any] = []
        for cond in (self.condition(infoset, a) for a in self.conditions[infoset]):
            for atom in sympy.sympify(cond).atoms(sympy.core.relational.Relational):
                for root in sympy.solve(atom.lhs - atom.rhs, s):
                    root = sympy.simplify(root)
                    if root not in found:
                        found.append(root)
        try:
            return sorted(found, key=lambda v: float(v))
        except TypeError:
            return found

    def at(self, values: Mapping[Any, Any] | None = None, /, **kwargs: Any) -> list[Regime]:
        """The regimes that hold at a parameter point (several on a boundary)."""
        point = dict(values or {})
        point.update(kwargs)
        by_name = {p.name: p for p in self.game.parameters}
        subs = {
            by_name[k.name if isinstance(k, sympy.Symbol) else str(k)]: sympy.nsimplify(v)
            for k, v in point.items()
            if (k.name if isinstance(k, sympy.Symbol) else str(k)) in by_name
        }
        out = []
        for r in self.regimes:
            value = sympy.sympify(r.condition).subs(subs)
            if value not in (_TRUE, _FALSE):
                value = sympy.simplify(value)
            if value not in (_TRUE, _FALSE):
                raise ValidationError(
                    f"at: the condition {r.condition} needs values for {value.free_symbols}"
                )
            if value == _TRUE:
                out.append(r)
        return out

    def to_text(self) -> str:
        """Conditions node by node, then the regimes."""
        lines = []
        for h, actions in self.conditions.items():
            lines.append(f"{self.game.infoset_player(h)} at {h}:")
            lines += [f"  {a} iff {sympy.sstr(c)}" for a, c in actions.items()]
        lines.append("regimes:")
        for r in self.regimes:
            choice = ", ".join(f"{h}: {a}" for h, a in r.choices.items())
            lines.append(f"  if {sympy.sstr(r.condition)}: {choice}")
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        return f"<SymbolicSolution {len(self.regimes)} regimes, {len(self.conditions)} information sets>"


class _Engine:
    def __init__(self, game: ExtensiveFormGame, simplify: _Simplifier, max_regimes: int | None) -> None:
        self.game = game
        self.nodes = game._nodes
        self.roots = set(subgame_roots(self.nodes))
        self.simplify = simplify
        self.max_regimes = max_regimes
        self.local: dict[str, dict[str, list[Any]]] = {}
        self.complete = True
        self.notes: list[str] = []
        self.memo: dict[int, list[Regime]] = {}

    def _name(self, d: NodeData) -> str:
        return d.label or path_text(d.path)

    def _check(self, count: int, n: int) -> None:
        if self.max_regimes is not None and count > self.max_regimes:
            raise BudgetExceededError(
                f"the subgame at {self._name(self.nodes[n])} splits into more than max_regimes="
                f"{self.max_regimes} regimes; raise the bound or substitute some parameters"
            )

    def solve(self, n: int) -> list[Regime]:
        if n in self.memo:
            return self.memo[n]
        if self.nodes[n].kind == "terminal":  # a tree that is one terminal node
            return [Regime(_TRUE, {}, self.nodes[n].payoffs)]
        frontier: list[int] = []
        single = True
        stack = list(reversed(self.nodes[n].children))
        while stack:
            k = stack.pop()
            if k in self.roots:
                frontier.append(k)
            elif self.nodes[k].kind != "terminal":
                single = False
                stack.extend(reversed(self.nodes[k].children))
        below = [self.solve(m) for m in frontier]
        out: list[Regime] = []
        for combo in itertools.product(*below):
            cond = self.simplify(sympy.And(*(r.condition for r in combo)))
            if cond == _FALSE:
                continue
            values = {m: r.payoffs for m, r in zip(frontier, combo, strict=True)}
            choices: dict[str, str] = {}
            for r in combo:
                choices.update(r.choices)
            step = self._single(n, values, cond) if single else self._collapsed(n, values, cond)
            for c, local_choices, payoffs in step:
                out.append(Regime(c, {**choices, **local_choices}, payoffs))
            self._check(len(out), n)
        self.memo[n] = out
        return out

    def _record(self, h: str, a: str, cond: Any) -> None:
        self.local.setdefault(h, {}).setdefault(a, []).append(cond)

    def _single(
        self, n: int, values: dict[int, tuple[Any, ...]], cond: Any
    ) -> list[tuple[Any, dict[str, str], tuple[Any, ...]]]:
        d = self.nodes[n]
        children = [values.get(c, self.nodes[c].payoffs) for c in d.children]
        if d.kind == "chance":
            total = tuple(
                sympy.expand(
                    sum(
                        (sympy.sympify(p) * v[j] for p, v in zip(d.probabilities, children, strict=True)),
                        sympy.Integer(0),
                    )
                )
                for j in range(self.game.n_players)
            )
            return [(cond, {}, total)]
        assert d.player is not None and d.infoset is not None
        i = self.game.players.index(d.player)
        out = []
        for a, v in zip(d.actions, children, strict=True):
            better = [_ge(v[i], w[i]) for b, w in zip(d.actions, children, strict=True) if b != a]
            c = self.simplify(sympy.And(cond, *better))
            self._record(d.infoset, a, c)
            if c != _FALSE:
                out.append((c, {d.infoset: a}, tuple(v)))
        return out

    def _collapsed(
        self, n: int, values: dict[int, tuple[Any, ...]], cond: Any
    ) -> list[tuple[Any, dict[str, str], tuple[Any, ...]]]:
        sub = self.game._rebuild(n, values)
        if not sub.has_perfect_recall:
            raise UnsupportedGameError(f"symbolic_backward_induction: {sub.perfect_recall_violation}")
        nf = sub.to_normal_form(reduced=True)
        movers = [i for i, m in enumerate(nf.n_actions) if m > 1]
        plans = [list(sub.strategies(p).values()) for p in sub.players]
        where = self._name(self.nodes[n])
        if len(movers) > 1:
            self.complete = False
            self.notes.append(
                f"the subgame at {where} has simultaneous moves or imperfect information among "
                "several players: only its pure equilibria are derived"
            )
        out = []
        for index in itertools.product(*(range(m) for m in nf.n_actions)):
            pay = tuple(nf.payoffs[(j, *index)] for j in range(nf.n_players))
            better = []
            for i in movers:
                for k in range(nf.n_actions[i]):
                    if k != index[i]:
                        other = (*index[:i], k, *index[i + 1 :])
                        better.append(_ge(pay[i], nf.payoffs[(i, *other)]))
            c = self.simplify(sympy.And(cond, *better))
            local: dict[str, str] = {}
            for i, k in enumerate(index):
                local.update(plans[i][k])
            for h, a in local.items():
                self._record(h, a, c)
            if c != _FALSE:
                out.append((c, local, pay))
        return out


def symbolic_backward_induction(
    tree: ExtensiveFormGame,
    assumptions: Mapping[Any, Mapping[str, bool]] | None = None,
    *,
    given: Iterable[Any] = (),
    max_regimes: int | None = 10_000,
) -> SymbolicSolution:
    """Backward induction with sympy: where each action is optimal, exactly.

    Parameters
    ----------
    tree : ExtensiveFormGame
        A tree whose payoffs and probabilities may contain sympy symbols.
    assumptions : mapping, optional
        Assumptions to put on parameters, by name or symbol, as sympy
        keywords: ``{"q": {"positive": True}}``. Assumptions carried by the
        symbols themselves are honoured too. The results use the tree's
        own symbols.
    given : iterable of sympy relationals
        Further constraints on the parameters, e.g. ``[B > n]``; used to drop
        impossible regimes and to reduce one-parameter conditions.
    max_regimes : int or None, default 10_000
        Bound on the number of regimes of any subgame.

    Returns
    -------
    SymbolicSolution
        ``.conditions[infoset][action]`` and the ``.regimes`` of parameter space.

    Examples
    --------
    China pressures the DPRK unless the risk ``q`` of a collapse is too high:

    >>> import sympy
    >>> from nea_games.games.extensive_form import ExtensiveFormGame
    >>> q = sympy.Symbol("q")
    >>> game = ExtensiveFormGame(["China"], ("China", {
    ...     "Shield": (-3,),
    ...     "Pressure": ("chance", {"Collapse": (q, (-10,)), "Survive": (1 - q, (0,))})}))
    >>> sol = symbolic_backward_induction(game)
    >>> sol.condition("(root)", "Pressure")
    q <= 3/10
    >>> sol.thresholds("(root)", "q")
    [3/10]
    """
    if not isinstance(tree, ExtensiveFormGame):
        raise UnsupportedGameError(
            f"symbolic_backward_induction: expected an ExtensiveFormGame, got {type(tree).__name__}"
        )
    by_name = {p.name: p for p in tree.parameters}
    replace: dict[str, Any] = {}
    back: dict[Any, Any] = {}
    for key, facts in (assumptions or {}).items():
        name = key.name if isinstance(key, sympy.Symbol) else str(key)
        if name not in by_name:
            raise UnknownNameError(
                f"assumptions: {name!r} is not a parameter{did_you_mean(name, list(by_name))}; "
                f"parameters: {', '.join(by_name) or 'none'}"
            )
        old = by_name[name]
        new = sympy.Symbol(name, **{**old.assumptions0, **dict(facts)})
        replace[name] = new
        back[new] = old
    work = tree.subs(replace) if replace else tree
    forward = {old: new for new, old in back.items()}
    given_list = [sympy.sympify(g).xreplace(forward) for g in given]
    engine = _Engine(work, _Simplifier(work, given_list), max_regimes)
    regimes = engine.solve(0)
    simplify = engine.simplify

    def restore(x: Any) -> Any:
        return sympy.sympify(x).xreplace(back) if back else x

    conditions: dict[str, dict[str, Any]] = {}
    for h in work._infoset_nodes:
        found = engine.local.get(h, {})
        conditions[h] = {
            a: restore(simplify(sympy.Or(*found.get(a, [_FALSE])), final=True))
            for a in work.infoset_actions(h)
        }
    out = [
        Regime(restore(r.condition), dict(r.choices), tuple(restore(v) for v in r.payoffs)) for r in regimes
    ]
    return SymbolicSolution(tree, conditions, out, engine.complete, engine.notes)
