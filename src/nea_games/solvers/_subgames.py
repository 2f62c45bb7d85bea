r"""Roll-back over proper subgames: the engine behind :func:`~nea_games.solvers.backward.backward_induction`.

A profile is a subgame-perfect equilibrium (SPE) iff it induces a Nash
equilibrium in every proper subgame. Working upwards from the smallest
subgames: for a subgame rooted at :math:`n`, every combination of SPEs chosen
in the maximal proper subgames below :math:`n` replaces those subgames by
terminal nodes carrying their payoffs; what is left of the subgame (the
*collapsed* subgame) has no proper subgame but itself, and its Nash
equilibria, combined with the chosen SPEs below, are the SPEs at :math:`n`.

* When the collapsed subgame is one decision node (perfect information), its
  equilibria are the actions that maximise the mover's payoff; **every**
  maximiser is kept, so ties yield several SPEs.
* A chance node takes the expectation.
* Otherwise (simultaneous moves, imperfect information) the collapsed
  subgame is converted to its reduced normal form, the players who do not
  move there are dropped, and :func:`nea_games.solve` finds its equilibria
  (all extreme equilibria for two players); each is mapped back to behaviour
  strategies by Kuhn's theorem.

The number of SPEs is the product of the counts below each node; it is
checked against ``max_equilibria`` before any combination is built.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import numpy as np

from nea_games._numeric import tolerance_for
from nea_games.errors import BudgetExceededError
from nea_games.games._tree_nodes import NodeData, path_text
from nea_games.games._tree_profile import subgame_roots
from nea_games.games.extensive_form import ExtensiveFormGame
from nea_games.games.normal_form import NormalFormGame

__all__ = ["Partial", "SubgameEngine"]


@dataclass(frozen=True)
class Partial:
    """An SPE of one subgame: behaviour at its information sets and its payoffs."""

    behaviour: dict[str, dict[str, Any]]
    payoffs: tuple[Any, ...]
    unspecified: frozenset[str] = frozenset()


def _name(d: NodeData) -> str:
    return d.label or path_text(d.path)


@dataclass
class SubgameEngine:
    """Enumerate the SPEs of a numeric tree (see the module docstring)."""

    game: ExtensiveFormGame
    method: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    max_equilibria: int | None = 10_000
    complete: bool = True
    degenerate: bool = False
    notes: list[str] = field(default_factory=list)
    solved_with: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._nodes = self.game._nodes
        self._roots = set(subgame_roots(self._nodes))
        self._memo: dict[int, list[Partial]] = {}
        self._local: dict[tuple[int, tuple[tuple[Any, ...], ...]], list[Partial]] = {}
        self._exact = self.game.kind == "exact"
        values = [float(v) for d in self._nodes for v in d.payoffs]
        self._tol = 0.0 if self._exact else tolerance_for(values or [1.0])

    # ------------------------------------------------------------------ structure
    def _frontier(self, n: int) -> tuple[list[int], bool]:
        """Maximal proper subgames below ``n``, and whether ``n`` alone is left above them."""
        frontier: list[int] = []
        single = True
        stack = list(reversed(self._nodes[n].children))
        while stack:
            k = stack.pop()
            d = self._nodes[k]
            if k in self._roots:
                frontier.append(k)
            elif d.kind != "terminal":
                single = False
                stack.extend(reversed(d.children))
        return frontier, single

    def _check(self, count: int, n: int) -> None:
        if self.max_equilibria is not None and count > self.max_equilibria:
            raise BudgetExceededError(
                f"the subgame at {_name(self._nodes[n])} has at least {count} subgame-perfect equilibria, "
                f"more than max_equilibria={self.max_equilibria}; raise the bound"
            )

    # ------------------------------------------------------------------ recursion
    def solve(self, n: int = 0) -> list[Partial]:
        """Every SPE of the subgame rooted at ``n`` (a subgame root)."""
        if n in self._memo:
            return self._memo[n]
        if self._nodes[n].kind == "terminal":  # a tree that is one terminal node
            return [Partial({}, self._nodes[n].payoffs)]
        frontier, single = self._frontier(n)
        below = [self.solve(m) for m in frontier]
        self._check(math.prod(len(b) for b in below), n)
        out: list[Partial] = []
        for combo in itertools.product(*below):
            values = {m: p.payoffs for m, p in zip(frontier, combo, strict=True)}
            if single:
                local = self._single(n, values)
            else:
                key = (n, tuple(values[m] for m in frontier))
                if key not in self._local:
                    self._local[key] = self._collapsed(n, values)
                local = self._local[key]
            for step in local:
                behaviour: dict[str, dict[str, Any]] = {}
                unspecified: frozenset[str] = step.unspecified
                for p in combo:
                    behaviour.update(p.behaviour)
                    unspecified |= p.unspecified
                behaviour.update(step.behaviour)
                out.append(Partial(behaviour, step.payoffs, unspecified))
            self._check(len(out), n)
        self._memo[n] = out
        return out

    def _value_of(self, k: int, values: dict[int, tuple[Any, ...]]) -> tuple[Any, ...]:
        return values[k] if k in values else self._nodes[k].payoffs

    def _single(self, n: int, values: dict[int, tuple[Any, ...]]) -> list[Partial]:
        d = self._nodes[n]
        children = [self._value_of(c, values) for c in d.children]
        if d.kind == "chance":
            total = [
                sum(p * v[j] for p, v in zip(d.probabilities, children, strict=True))
                for j in range(self.game.n_players)
            ]
            return [Partial({}, tuple(total))]
        assert d.player is not None and d.infoset is not None
        i = self.game.players.index(d.player)
        best = max(v[i] for v in children)
        one, zero = (1, 0)
        out = []
        for a, v in zip(d.actions, children, strict=True):
            if (v[i] == best) if self._exact else (v[i] >= best - self._tol):
                choice = {b: (one if b == a else zero) for b in d.actions}
                out.append(Partial({d.infoset: choice}, tuple(v)))
        return out

    def _collapsed(self, n: int, values: dict[int, tuple[Any, ...]]) -> list[Partial]:
        from nea_games.solvers.api import solve

        sub = self.game._rebuild(n, values)
        nf = sub.to_normal_form(reduced=True)
        movers = [i for i, m in enumerate(nf.n_actions) if m > 1]
        where = _name(self._nodes[n])
        if not movers:
            return [self._partial(sub, nf, [[1] for _ in nf.players], "collapsed")]
        index = tuple(slice(None) if i in movers else 0 for i in range(nf.n_players))
        array = np.stack([nf.payoffs[(i, *index)] for i in movers])
        small = NormalFormGame([nf.players[i] for i in movers], [nf.actions[i] for i in movers], array)
        result = solve(small, self.method, **self.options)
        self.solved_with.add(result.method)
        if not result.complete:
            self.complete = False
            self.notes.append(f"the solver did not guarantee all equilibria of the subgame at {where}")
        if result.degenerate:
            self.degenerate = True
            self.notes.append(
                f"the subgame at {where} is degenerate: its equilibria form a continuum, and only its "
                "extreme equilibria are combined here"
            )
        if len(movers) == 1 and len(result) > 1:
            self.notes.append(
                f"at {where} one player decides alone; only her pure optimal plans are listed "
                "(mixtures of tied plans are also optimal)"
            )
        out = []
        for eq in result:
            strategies: list[list[Any]] = []
            position = 0
            for i in range(nf.n_players):
                if i in movers:
                    strategies.append(list(eq.strategies[position]))
                    position += 1
                else:
                    strategies.append([1])
            out.append(self._partial(sub, nf, strategies, result.method))
        return out

    def _partial(
        self, sub: ExtensiveFormGame, nf: NormalFormGame, strategies: list[list[Any]], method: str
    ) -> Partial:
        exact = self._exact
        fake = SimpleNamespace(game=nf, strategies=strategies, exact=exact, method=method)
        profile = sub.behaviour_strategy(fake)
        return Partial(
            {h: dict(p) for h, p in profile.behaviour.items()}, profile.payoffs, profile.unspecified
        )
