"""Validation of game trees and the perfect-recall test.

:func:`freeze` turns a :class:`~nea_games.games._tree_nodes.TreeBuilder` into
a tuple of immutable :class:`~nea_games.games._tree_nodes.NodeData` records in
pre-order, after checking that every path ends in a terminal node, that
payoff vectors have one entry per player and are finite numbers or sympy
expressions, that chance probabilities lie in [0, 1] and sum to one (exactly
for exact numbers, within the library tolerance for floats, identically for
sympy expressions where sympy can decide it), and that every information set
has one player and one set of actions. Errors name the node by its path.

A player has *perfect recall* when, at every node of each of her information
sets, her own past moves (the information sets she passed through and the
actions she took there) are the same: she never forgets what she did or what
she knew. :func:`perfect_recall` returns the first violation in words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import sympy

from nea_games._numeric import Kind, classify, convert_entries
from nea_games.errors import (
    DuplicateNameError,
    NonFiniteError,
    ProbabilityError,
    ShapeError,
    UnknownNameError,
    ValidationError,
)
from nea_games.games._names import did_you_mean
from nea_games.games._tree_nodes import BuilderNode, NodeData, TreeBuilder, path_text

__all__ = ["freeze", "own_histories", "perfect_recall"]

_FLOAT_TOL = 1e-9


def _preorder(root: BuilderNode) -> list[BuilderNode]:
    out: list[BuilderNode] = []
    stack = [root]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed([node.children[a] for a in node.actions]))
    return out


def _payoff_vector(node: BuilderNode, players: tuple[str, ...]) -> tuple[Any, ...]:
    where = f"terminal node {path_text(node.path)}"
    value = node.payoffs
    if isinstance(value, Mapping):
        unknown = [p for p in value if p not in players]
        if unknown:
            name = str(unknown[0])
            raise UnknownNameError(
                f"{where}: unknown player {name!r}{did_you_mean(name, players)}; "
                f"players: {', '.join(players)}"
            )
        missing = [p for p in players if p not in value]
        if missing:
            raise ShapeError(f"{where}: no payoff for {', '.join(missing)}")
        return tuple(value[p] for p in players)
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise ValidationError(f"{where}: payoffs must be a sequence or a mapping, got {value!r}")
    if len(value) != len(players):
        raise ShapeError(
            f"{where}: expected {len(players)} payoffs (one per player: {', '.join(players)}), "
            f"got {len(value)}"
        )
    return tuple(value)


def _check_probabilities(node: BuilderNode, probs: tuple[Any, ...], kind: Kind) -> None:
    where = f"chance node {path_text(node.path)}"
    for name, p in zip(node.actions, probs, strict=True):
        if kind == "symbolic":
            expr = sympy.sympify(p)
            if expr.is_negative or (expr - 1).is_positive:
                raise ProbabilityError(f"{where}: probability of {name!r} is {expr}, outside [0, 1]")
        elif kind == "float":
            if not (-_FLOAT_TOL <= float(p) <= 1 + _FLOAT_TOL):
                raise ProbabilityError(f"{where}: probability of {name!r} is {p}, outside [0, 1]")
        elif not (0 <= p <= 1):
            raise ProbabilityError(f"{where}: probability of {name!r} is {p}, outside [0, 1]")
    if kind == "symbolic":
        excess = sympy.simplify(sympy.Add(*[sympy.sympify(p) for p in probs]) - 1)
        if excess != 0 and excess.equals(0) is False:
            raise ProbabilityError(f"{where}: probabilities sum to 1 + ({excess}), not identically 1")
    elif kind == "float":
        total = sum(float(p) for p in probs)
        if abs(total - 1) > _FLOAT_TOL * len(probs):
            raise ProbabilityError(f"{where}: probabilities sum to {total!r}, not 1")
    elif sum(probs) != 1:
        raise ProbabilityError(f"{where}: probabilities sum to {sum(probs)}, not 1")


def _infoset_labels(nodes: list[BuilderNode]) -> dict[int, str]:
    """Information-set label of every decision node (position in ``nodes``)."""
    labels: dict[int, str] = {}
    for k, node in enumerate(nodes):
        if node.kind == "decision":
            labels[k] = node.infoset or node.label or path_text(node.path)
    return labels


def _check_infosets(nodes: list[BuilderNode], labels: dict[int, str]) -> None:
    first: dict[str, BuilderNode] = {}
    for k, label in labels.items():
        node = nodes[k]
        if label not in first:
            first[label] = node
            continue
        ref = first[label]
        if node.infoset is None or ref.infoset is None:
            raise DuplicateNameError(
                f"nodes {path_text(ref.path)} and {path_text(node.path)} both get the information-set "
                f"name {label!r}; give distinct labels, or the same infoset= to both to join them"
            )
        if node.player != ref.player:
            raise ValidationError(
                f"information set {label!r}: node {path_text(ref.path)} belongs to {ref.player!r} but "
                f"node {path_text(node.path)} to {node.player!r}; one player moves at an information set"
            )
        if set(node.actions) != set(ref.actions):
            raise ValidationError(
                f"information set {label!r}: actions {list(node.actions)} at node {path_text(node.path)} "
                f"differ from {list(ref.actions)} at node {path_text(ref.path)}"
            )
        if node.actions != ref.actions:  # same names in another order: use the first node's order
            node.actions = ref.actions
            node.children = {a: node.children[a] for a in ref.actions}


def freeze(builder: TreeBuilder) -> tuple[tuple[NodeData, ...], Kind]:
    """Validate a builder's tree and return its nodes in pre-order, and the number kind."""
    players = builder.players
    nodes = _preorder(builder.root)
    seen_labels: dict[str, tuple[str, ...]] = {}
    for node in nodes:
        where = f"node {path_text(node.path)}"
        if node.kind is None:
            raise ValidationError(
                f"{where} has no move and no payoffs; every path must end in a terminal node"
            )
        if node.kind == "decision" and node.player not in players:
            name = str(node.player)
            raise UnknownNameError(
                f"{where}: unknown player {name!r}{did_you_mean(name, players)}; "
                f"players: {', '.join(players)}"
            )
        if node.label is not None:
            if node.label in seen_labels:
                raise DuplicateNameError(
                    f"{where}: label {node.label!r} is already used by node "
                    f"{path_text(seen_labels[node.label])}"
                )
            seen_labels[node.label] = node.path
    labels = _infoset_labels(nodes)
    _check_infosets(nodes, labels)
    nodes = _preorder(builder.root)  # children may have been reordered
    labels = _infoset_labels(nodes)

    payoff_rows = {k: _payoff_vector(n, players) for k, n in enumerate(nodes) if n.kind == "terminal"}
    entries: list[Any] = []
    for k, node in enumerate(nodes):
        where = f"node {path_text(node.path)}"
        if node.kind == "terminal":
            classify(payoff_rows[k], f"{where}: payoffs")
            entries.extend(payoff_rows[k])
        elif node.kind == "chance":
            try:
                classify(node.probabilities, f"{where}: probabilities")
            except NonFiniteError as error:
                raise NonFiniteError(str(error).replace("payoff", "probability")) from None
            entries.extend(node.probabilities)
    kind = classify(entries) if entries else "exact"
    converted = iter(convert_entries(np.array([*entries, 0], dtype=object)[:-1], kind).tolist())

    index_of = {id(n): k for k, n in enumerate(nodes)}
    ends = _subtree_ends(nodes, index_of)
    frozen: list[NodeData] = []
    parents: dict[int, int] = {}
    for k, node in enumerate(nodes):
        children = tuple(index_of[id(node.children[a])] for a in node.actions)
        for c in children:
            parents[c] = k
        probs: tuple[Any, ...] = ()
        pays: tuple[Any, ...] = ()
        if node.kind == "terminal":
            pays = tuple(next(converted) for _ in players)
        elif node.kind == "chance":
            probs = tuple(next(converted) for _ in node.actions)
            _check_probabilities(node, probs, kind)
        assert node.kind is not None
        frozen.append(
            NodeData(
                index=k,
                kind=node.kind,
                path=node.path,
                parent=parents.get(k),
                label=node.label,
                player=node.player,
                infoset=labels.get(k),
                actions=node.actions,
                children=children,
                probabilities=probs,
                payoffs=pays,
                end=ends[k],
            )
        )
    return tuple(frozen), kind


def _subtree_ends(nodes: list[BuilderNode], index_of: dict[int, int]) -> list[int]:
    ends = [0] * len(nodes)
    for k in range(len(nodes) - 1, -1, -1):
        node = nodes[k]
        ends[k] = ends[index_of[id(node.children[node.actions[-1]])]] if node.actions else k + 1
    return ends


# --------------------------------------------------------------------------- perfect recall
def own_histories(nodes: Sequence[NodeData]) -> dict[int, tuple[tuple[str, str], ...]]:
    """For every decision node: its player's own (information set, action) moves before it."""
    result: dict[int, tuple[tuple[str, str], ...]] = {}
    for node in nodes:
        if node.kind != "decision":
            continue
        history: list[tuple[str, str]] = []
        child = node.index
        parent = node.parent
        while parent is not None:
            above = nodes[parent]
            if above.kind == "decision" and above.player == node.player:
                action = above.actions[above.children.index(child)]
                assert above.infoset is not None
                history.append((above.infoset, action))
            child, parent = parent, above.parent
        result[node.index] = tuple(reversed(history))
    return result


def perfect_recall(nodes: Sequence[NodeData]) -> str | None:
    """``None`` when every player has perfect recall, else the first violation in words."""
    histories = own_histories(nodes)
    first: dict[str, int] = {}
    for index, history in histories.items():
        node = nodes[index]
        assert node.infoset is not None
        if node.infoset not in first:
            first[node.infoset] = index
            continue
        other = nodes[first[node.infoset]]
        if histories[other.index] != history:

            def said(h: tuple[tuple[str, str], ...]) -> str:
                return ", ".join(f"{a} at {i}" for i, a in h) or "no earlier move"

            return (
                f"information set {node.infoset!r} of {node.player!r}: at node {path_text(other.path)} "
                f"the player's own past moves were ({said(histories[other.index])}) but at node "
                f"{path_text(node.path)} they were ({said(history)}); the player forgets what she did "
                "or knew"
            )
    return None
