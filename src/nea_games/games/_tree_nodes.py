"""Nodes of game trees: the mutable builder and the nested-description reader.

A tree is first written down as :class:`BuilderNode` objects (by hand, or by
:func:`from_nested` from dicts and tuples). :func:`nea_games.games._tree_validate.freeze`
then checks it and turns it into immutable :class:`NodeData` records stored in
pre-order, which is what :class:`~nea_games.games.extensive_form.ExtensiveFormGame`
keeps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import sympy

from nea_games.errors import DuplicateNameError, ValidationError
from nea_games.games._names import check_names

if TYPE_CHECKING:
    from nea_games.games.extensive_form import ExtensiveFormGame

__all__ = ["CHANCE", "BuilderNode", "NodeData", "TreeBuilder", "from_nested", "path_text"]

#: Name of the chance "player" in nested descriptions and outlines.
CHANCE = "chance"

NodeKind = Literal["decision", "chance", "terminal"]


def path_text(path: Sequence[str]) -> str:
    """The path of a node as text: ``"(root)"`` or ``"In/Fight"``."""
    return "/".join(path) if path else "(root)"


@dataclass(frozen=True)
class NodeData:
    """One node of a frozen tree (pre-order position ``index``)."""

    index: int
    kind: NodeKind
    path: tuple[str, ...]
    parent: int | None
    label: str | None
    player: str | None
    infoset: str | None
    actions: tuple[str, ...]
    children: tuple[int, ...]
    probabilities: tuple[Any, ...]
    payoffs: tuple[Any, ...]
    end: int  # one past the last pre-order index of the subtree


class BuilderNode:
    """A node of a tree under construction.

    Call exactly one of :meth:`decision`, :meth:`chance` or :meth:`terminal`
    on every node; the children of decision and chance nodes are then
    reachable by name through :attr:`children` (or ``node["Action"]``).
    """

    def __init__(self, builder: TreeBuilder, path: tuple[str, ...]) -> None:
        self._builder = builder
        self.path = path
        self.kind: NodeKind | None = None
        self.label: str | None = None
        self.player: str | None = None
        self.infoset: str | None = None
        self.actions: tuple[str, ...] = ()
        self.probabilities: tuple[Any, ...] = ()
        self.payoffs: Any = None
        self.children: dict[str, BuilderNode] = {}

    # ------------------------------------------------------------------ moves
    def _claim(self, kind: NodeKind, label: str | None) -> None:
        self._builder._check_open()
        if self.kind is not None:
            raise ValidationError(f"node {path_text(self.path)}: already defined as a {self.kind} node")
        if label is not None and (not isinstance(label, str) or not label):
            raise ValidationError(f"node {path_text(self.path)}: label must be a non-empty string")
        self.kind = kind
        self.label = label

    def _grow(self, names: tuple[str, ...]) -> None:
        self.actions = names
        self.children = {a: BuilderNode(self._builder, (*self.path, a)) for a in names}

    def decision(
        self,
        player: str,
        actions: Sequence[str],
        *,
        infoset: str | None = None,
        label: str | None = None,
    ) -> BuilderNode:
        """Make this a decision node of ``player`` with the named ``actions``.

        Nodes given the same ``infoset`` name form one information set (the
        player cannot tell them apart). Returns the node itself, so that
        ``node.decision(...).children["A"]`` reads naturally.
        """
        where = f"node {path_text(self.path)}"
        names = check_names(actions, f"{where}: actions")
        if infoset is not None and (not isinstance(infoset, str) or not infoset):
            raise ValidationError(f"{where}: infoset must be a non-empty string")
        self._claim("decision", label)
        self.player = player
        self.infoset = infoset
        self._grow(names)
        return self

    def chance(
        self,
        outcomes: Mapping[str, Any] | Sequence[str],
        probabilities: Sequence[Any] | None = None,
        *,
        label: str | None = None,
    ) -> BuilderNode:
        """Make this a chance node: ``{"outcome": probability, ...}``.

        Probabilities may be int, Fraction, float or sympy expressions; they
        are checked to be in [0, 1] and to sum to one when the tree is built.
        """
        where = f"node {path_text(self.path)}"
        if isinstance(outcomes, Mapping):
            if probabilities is not None:
                raise ValidationError(f"{where}: give probabilities in the mapping or separately, not both")
            names = check_names(list(outcomes), f"{where}: chance outcomes")
            probs = tuple(outcomes[n] for n in outcomes)
        else:
            names = check_names(outcomes, f"{where}: chance outcomes")
            if probabilities is None or isinstance(probabilities, (str, bytes)):
                raise ValidationError(f"{where}: chance outcomes need probabilities")
            probs = tuple(probabilities)
            if len(probs) != len(names):
                raise ValidationError(f"{where}: {len(names)} chance outcomes but {len(probs)} probabilities")
        self._claim("chance", label)
        self.probabilities = probs
        self._grow(names)
        return self

    def terminal(self, *payoffs: Any, label: str | None = None) -> BuilderNode:
        """Make this a terminal node with one payoff per player.

        Give the payoffs in player order (``node.terminal(1, -1)``), as one
        sequence, or as a mapping ``{player: payoff}``.
        """
        if (
            len(payoffs) == 1
            and isinstance(payoffs[0], (Mapping, Sequence))
            and not isinstance(payoffs[0], str)
        ):
            value: Any = payoffs[0]
        else:
            value = payoffs
        self._claim("terminal", label)
        self.payoffs = value
        return self

    # ------------------------------------------------------------------ navigation
    def __getitem__(self, action: str) -> BuilderNode:
        try:
            return self.children[action]
        except KeyError:
            known = ", ".join(self.children) or "none (define the move first)"
            raise ValidationError(
                f"node {path_text(self.path)}: no action {action!r}; actions: {known}"
            ) from None

    def __repr__(self) -> str:
        return f"<BuilderNode {path_text(self.path)} kind={self.kind}>"


class TreeBuilder:
    """Write a game tree node by node, then :meth:`build` a frozen game.

    Examples
    --------
    >>> from nea_games.games.extensive_form import ExtensiveFormGame
    >>> tree = ExtensiveFormGame.builder(["Entrant", "Incumbent"], title="Entry")
    >>> root = tree.root.decision("Entrant", ["Out", "In"])
    >>> root.children["Out"].terminal(0, 2)
    <BuilderNode Out kind=terminal>
    >>> inc = root.children["In"].decision("Incumbent", ["Fight", "Accommodate"])
    >>> _ = inc.children["Fight"].terminal(-1, -1)
    >>> _ = inc.children["Accommodate"].terminal(1, 1)
    >>> tree.build().n_nodes
    5
    """

    def __init__(self, players: Sequence[str], *, title: str = "") -> None:
        self.players = check_names(players, "players")
        if CHANCE in self.players:
            raise DuplicateNameError(f"players: {CHANCE!r} is reserved for chance moves")
        self.title = str(title)
        self.root = BuilderNode(self, ())
        self._built = False

    def _check_open(self) -> None:
        if self._built:
            raise ValidationError("this builder has already built its game; start a new builder")

    def build(self) -> ExtensiveFormGame:
        """Validate the tree and return it as an immutable game."""
        from nea_games.games.extensive_form import ExtensiveFormGame

        game = ExtensiveFormGame._from_builder(self)
        self._built = True
        return game


# --------------------------------------------------------------------------- nested descriptions
def _is_payoff_entry(value: Any) -> bool:
    return isinstance(value, (int, float, sympy.Basic)) or hasattr(value, "numerator")


def from_nested(players: Sequence[str], description: Any, *, title: str = "") -> TreeBuilder:
    """Read a nested description into a :class:`TreeBuilder`.

    The forms accepted (``subtree`` is any of them)::

        (player, {action: subtree, ...})               decision node
        (player, {action: subtree, ...}, "infoset")    decision node in a named information set
        ("chance", {outcome: (probability, subtree)})  chance node
        (payoff_1, ..., payoff_n)                      terminal node (a tuple or list of numbers)
        {"player": p, "actions": {...}, "infoset": i, "label": l}
        {"chance": {outcome: (probability, subtree)}, "label": l}
        {"payoffs": (...) or {player: payoff}, "label": l}
    """
    builder = TreeBuilder(players, title=title)
    _fill(builder.root, description)
    return builder


def _fill(node: BuilderNode, spec: Any) -> None:
    where = f"node {path_text(node.path)}"
    if isinstance(spec, Mapping):
        _fill_mapping(node, spec, where)
        return
    if isinstance(spec, (tuple, list)) and spec:
        head = spec[0]
        if isinstance(head, str) and len(spec) in (2, 3) and isinstance(spec[1], Mapping):
            infoset = spec[2] if len(spec) == 3 else None
            if head == CHANCE:
                if infoset is not None:
                    raise ValidationError(f"{where}: chance nodes have no information set")
                _fill_chance(node, spec[1], None, where)
            else:
                _fill_decision(node, head, spec[1], infoset, None)
            return
        if all(_is_payoff_entry(v) for v in spec):
            node.terminal(tuple(spec))
            return
    raise ValidationError(
        f"{where}: cannot read {spec!r}; expected (player, {{action: subtree}}), "
        "('chance', {outcome: (probability, subtree)}) or a tuple of payoffs"
    )


def _fill_mapping(node: BuilderNode, spec: Mapping[str, Any], where: str) -> None:
    label = spec.get("label")
    keys = set(spec) - {"label"}
    if keys == {"payoffs"}:
        node.terminal(spec["payoffs"], label=label)
    elif keys == {"chance"}:
        _fill_chance(node, spec["chance"], label, where)
    elif keys in ({"player", "actions"}, {"player", "actions", "infoset"}):
        if not isinstance(spec["actions"], Mapping):
            raise ValidationError(f"{where}: 'actions' must map action names to subtrees")
        _fill_decision(node, spec["player"], spec["actions"], spec.get("infoset"), label)
    else:
        raise ValidationError(
            f"{where}: a node mapping needs the keys 'payoffs', 'chance' or 'player' and 'actions' "
            f"(plus optional 'infoset', 'label'), got {sorted(map(str, spec))}"
        )


def _fill_decision(
    node: BuilderNode, player: Any, actions: Mapping[str, Any], infoset: Any, label: str | None
) -> None:
    node.decision(player, list(actions), infoset=infoset, label=label)
    for name, subtree in actions.items():
        _fill(node.children[str(name)], subtree)


def _fill_chance(node: BuilderNode, outcomes: Any, label: str | None, where: str) -> None:
    if not isinstance(outcomes, Mapping):
        raise ValidationError(f"{where}: chance outcomes must map names to (probability, subtree)")
    probs = {}
    for name, pair in outcomes.items():
        if not (isinstance(pair, (tuple, list)) and len(pair) == 2):
            raise ValidationError(
                f"{where}: chance outcome {name!r} must be a (probability, subtree) pair, got {pair!r}"
            )
        probs[name] = pair[0]
    node.chance(probs, label=label)
    for name, pair in outcomes.items():
        _fill(node.children[str(name)], pair[1])
