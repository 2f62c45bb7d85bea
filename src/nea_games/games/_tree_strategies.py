r"""Pure strategies of game trees, the (reduced) normal form, and Kuhn's theorem.

A *pure strategy* of player *i* names an action at each of her information
sets. Two pure strategies are equivalent when they differ only at information
sets that the player's own choices prevent from being reached; the *reduced*
strategies are the classes of this relation, written as partial assignments
that name an action exactly at the information sets the strategy itself does
not cut off. They are found by one recursion over the tree: at the player's
own nodes one action is followed, at every other node all branches are
followed and the assignments found below are merged when they agree.

The normal-form payoff of a pure profile is the chance-weighted sum of the
terminal payoffs it reaches. Terminal :math:`z` is reached by the profile
:math:`(s_1, \dots, s_n)` iff every :math:`s_i` takes the player's moves on
the path to :math:`z`; so the payoff array is accumulated terminal by terminal
over blocks of consistent strategies.

Under perfect recall a mixed strategy :math:`\sigma_i` and the behaviour
strategy

.. math:: \beta_i(a \mid h) = \frac{\sum_{s \supseteq H(h) \cup \{(h, a)\}} \sigma_i(s)}
                                  {\sum_{s \supseteq H(h)} \sigma_i(s)},

where :math:`H(h)` is the player's own history before :math:`h`, reach every
terminal with the same probability against any play of the others (Kuhn
1953). Where the denominator is zero the player's own strategy excludes
:math:`h` and the behaviour there is left unspecified.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from nea_games._numeric import Kind
from nea_games.errors import BudgetExceededError
from nea_games.games._tree_nodes import NodeData

__all__ = [
    "NO_MOVE",
    "Assignment",
    "full_strategies",
    "kuhn_behaviour",
    "node_value",
    "normal_form_payoffs",
    "reduced_strategies",
    "strategy_names",
    "strategy_table",
    "zero_of",
]

#: Strategy name of a player who never moves (in the whole tree or in a subgame).
NO_MOVE = "(no move)"

Assignment = dict[str, str]


def zero_of(kind: Kind) -> Any:
    """The zero of a number kind."""
    return {"exact": Fraction(0), "float": 0.0, "symbolic": sympy.Integer(0)}[kind]


def _merge(left: Assignment, right: Assignment) -> Assignment | None:
    for key, value in right.items():
        if left.get(key, value) != value:
            return None
    return {**left, **right}


def _dedupe(items: list[Assignment]) -> list[Assignment]:
    seen: set[frozenset[tuple[str, str]]] = set()
    out = []
    for item in items:
        key = frozenset(item.items())
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def reduced_strategies(
    nodes: Sequence[NodeData], player: str, start: int = 0, *, limit: int | None = None
) -> list[Assignment]:
    """Reduced pure strategies of ``player`` in the subtree at ``start`` (unsorted)."""

    def walk(n: int) -> list[Assignment]:
        node = nodes[n]
        if node.kind == "terminal":
            return [{}]
        if node.kind == "decision" and node.player == player:
            assert node.infoset is not None
            out = []
            for action, child in zip(node.actions, node.children, strict=True):
                for below in walk(child):
                    merged = _merge({node.infoset: action}, below)
                    if merged is not None:
                        out.append(merged)
            result = _dedupe(out)
        else:
            result = [{}]
            for child in node.children:
                found = walk(child)
                if found == [{}]:
                    continue
                result = _dedupe([m for x in result for y in found if (m := _merge(x, y)) is not None])
                if limit is not None and len(result) > limit:
                    break
        if limit is not None and len(result) > limit:
            raise BudgetExceededError(
                f"{player!r} has more than max_strategies={limit} reduced pure strategies; "
                "raise the bound or simplify the tree"
            )
        return result

    return walk(start)


def full_strategies(
    infosets: Sequence[str], actions: Mapping[str, tuple[str, ...]], *, limit: int | None = None
) -> list[Assignment]:
    """Every pure strategy: one action at each information set, in lexicographic order."""
    count = 1
    for h in infosets:
        count *= len(actions[h])
    if limit is not None and count > limit:
        raise BudgetExceededError(
            f"{count} pure strategies exceed max_strategies={limit}; use reduced=True or raise the bound"
        )
    return [
        dict(zip(infosets, combo, strict=True))
        for combo in itertools.product(*(actions[h] for h in infosets))
    ]


def strategy_table(
    nodes: Sequence[NodeData],
    players: Sequence[str],
    infosets: Sequence[Sequence[str]],
    actions: Mapping[str, tuple[str, ...]],
    reduced: bool,
    limit: int | None,
) -> list[tuple[list[str], list[Assignment]]]:
    """Per player: strategy names and assignments, reduced or full, in canonical order."""
    table = []
    for player, own in zip(players, infosets, strict=True):
        if reduced:
            found = reduced_strategies(nodes, player, limit=limit)
        else:
            found = full_strategies(own, actions, limit=limit)
        found = sort_strategies(found, own, actions)
        table.append((strategy_names(found, own), found))
    return table


def sort_strategies(
    strategies: list[Assignment], infosets: Sequence[str], actions: Mapping[str, tuple[str, ...]]
) -> list[Assignment]:
    """Sort assignments by the action positions at each information set (unassigned first)."""

    def key(s: Assignment) -> tuple[int, ...]:
        return tuple(actions[h].index(s[h]) if h in s else -1 for h in infosets)

    return sorted(strategies, key=key)


def strategy_names(strategies: Sequence[Assignment], infosets: Sequence[str]) -> list[str]:
    """Readable, distinct names: actions in information-set order joined by ``/``.

    Information sets a reduced strategy leaves open are skipped; should that
    make two names equal they are written with ``*`` in the open places.
    """
    if not infosets:
        return [NO_MOVE] * len(strategies)
    short = ["/".join(s[h] for h in infosets if h in s) for s in strategies]
    if len(set(short)) == len(short):
        return short
    starred = ["/".join(s.get(h, "*") for h in infosets) for s in strategies]
    if len(set(starred)) == len(starred):
        return starred
    return [f"{name}#{k + 1}" for k, name in enumerate(starred)]


def _requirements(
    nodes: Sequence[NodeData], terminal: int, start: int
) -> tuple[dict[str, Assignment], Any] | None:
    """Moves each player must make to reach ``terminal`` from ``start``, and the chance weight.

    ``None`` when no pure strategy profile reaches it: an absent-minded player
    would have to choose two different actions at one information set.
    """
    needs: dict[str, Assignment] = {}
    weight: Any = 1
    child = terminal
    parent = nodes[terminal].parent
    while child != start and parent is not None:
        above = nodes[parent]
        k = above.children.index(child)
        if above.kind == "chance":
            weight = above.probabilities[k] * weight
        else:
            assert above.player is not None and above.infoset is not None
            moves = needs.setdefault(above.player, {})
            if moves.setdefault(above.infoset, above.actions[k]) != above.actions[k]:
                return None
        child, parent = parent, above.parent
    return needs, weight


def normal_form_payoffs(
    nodes: Sequence[NodeData],
    players: Sequence[str],
    strategies: Sequence[Sequence[Assignment]],
    kind: Kind,
    start: int = 0,
) -> npt.NDArray[Any]:
    """Payoff array ``(n_players, *n_strategies)`` of the subtree at ``start``."""
    shape = (len(players), *(len(s) for s in strategies))
    zero = zero_of(kind)
    table = np.empty(shape, dtype=object)
    table.fill(zero)
    counts = np.zeros(shape[1:], dtype=int)
    for z in range(start, nodes[start].end):
        node = nodes[z]
        if node.kind != "terminal":
            continue
        requirements = _requirements(nodes, z, start)
        if requirements is None:
            continue
        needs, weight = requirements
        blocks = []
        for i, player in enumerate(players):
            need = needs.get(player, {})
            blocks.append(
                [k for k, s in enumerate(strategies[i]) if all(s.get(h) == a for h, a in need.items())]
            )
        if any(not b for b in blocks):
            continue
        index = np.ix_(*blocks)
        for j in range(len(players)):
            table[j][index] = table[j][index] + weight * node.payoffs[j]
        counts[index] += 1
    if kind == "symbolic":
        flat = table.reshape(len(players), -1)
        many = counts.reshape(-1) > 1
        for j in range(len(players)):
            for k in np.flatnonzero(many):
                flat[j, k] = sympy.expand(flat[j, k])
    elif kind == "float":
        return table.astype(float)
    return table


def node_value(
    nodes: Sequence[NodeData],
    start: int,
    probability: Any,
    kind: Kind,
) -> tuple[Any, ...]:
    """Expected payoffs at ``start`` when decision node ``n`` plays ``probability(n)`` (a tuple).

    Branches played with probability zero are not entered.
    """
    zero = zero_of(kind)

    def walk(n: int) -> tuple[Any, ...]:
        node = nodes[n]
        if node.kind == "terminal":
            return node.payoffs
        probs = node.probabilities if node.kind == "chance" else probability(node)
        total: list[Any] | None = None
        for p, child in zip(probs, node.children, strict=True):
            if isinstance(p, (int, Fraction, float)) and p == 0:
                continue
            values = walk(child)
            if total is None:
                total = [p * v for v in values]
            else:
                total = [t + p * v for t, v in zip(total, values, strict=True)]
        if total is None:  # every probability zero: cannot happen for valid input
            return tuple(zero for _ in nodes[start].payoffs or ())
        return tuple(total)

    return walk(start)


def kuhn_behaviour(
    strategies: Sequence[Assignment],
    mixture: Sequence[Any],
    infosets: Sequence[str],
    actions: Mapping[str, tuple[str, ...]],
    histories: Mapping[str, tuple[tuple[str, str], ...]],
) -> tuple[dict[str, dict[str, Any]], set[str]]:
    """Behaviour strategy of one player from a mixture of her pure strategies.

    Returns the behaviour at every information set her own play can reach,
    and the set of information sets it cannot reach (left unspecified).
    """
    behaviour: dict[str, dict[str, Any]] = {}
    unspecified: set[str] = set()
    for h in infosets:
        history = histories[h]
        consistent = [
            (s, p) for s, p in zip(strategies, mixture, strict=True) if all(s.get(g) == a for g, a in history)
        ]
        total = sum((p for _, p in consistent), start=0 * mixture[0] if mixture else 0)
        if total == 0 or (isinstance(total, float) and total <= 1e-12):
            unspecified.add(h)
            continue
        behaviour[h] = {
            a: sum((p for s, p in consistent if s.get(h) == a), start=0 * total) / total for a in actions[h]
        }
    return behaviour, unspecified
