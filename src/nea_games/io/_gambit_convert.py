"""Conversion between the raw content of an ``.efg`` file and :class:`ExtensiveFormGame`.

Reading (:func:`tree_to_game`):

* names are made valid for nea_games: empty or repeated player names get
  ``"Player k"`` or a suffix (and ``"chance"``, reserved, becomes
  ``"chance_2"``); empty action names become their 1-based position; repeated
  ones get a suffix;
* a player's information set keeps its Gambit name when it has one, else it is
  named by the path to its first node (``"(root)"``, ``"In/Fight"``), the
  library's convention; repeated names get a suffix;
* node labels are kept where non-empty and not already used by an earlier node;
* outcomes, which Gambit allows on any node, are added up along each path into
  the terminal payoffs (their names are dropped);
* several chance nodes sharing one Gambit chance event become independent
  chance nodes with the same probabilities.

Writing (:func:`game_to_tree`) numbers each player's information sets in order
of first appearance, gives each chance node its own event and each terminal
node its own outcome. Float probabilities are written as their shortest
decimals, the largest one adjusted so that they sum to exactly one (as Gambit
requires); the adjustment is below the library's float tolerance.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from nea_games.errors import NeaGamesError, ParametricGameError, ParseError, ProbabilityError
from nea_games.games._tree_nodes import CHANCE, BuilderNode, path_text
from nea_games.games.extensive_form import ExtensiveFormGame
from nea_games.io._gambit_efg import EfgInfoset, EfgNode, EfgOutcome, EfgTree
from nea_games.io._gambit_nfg import unique_names

__all__ = ["MAX_TREE_PATH_LENGTH", "game_to_tree", "tree_to_game"]

#: Largest total path length (sum over nodes of their depth) of a tree read
#: into an :class:`ExtensiveFormGame`, which stores the path of every node.
MAX_TREE_PATH_LENGTH = 5_000_000


def _check_size(tree: EfgTree, source: str) -> list[int | None]:
    parents: list[int | None] = list(tree.parents())
    depth = [0] * len(tree.nodes)
    total = 0
    for k in range(1, len(tree.nodes)):  # pre-order: parents come first
        parent = parents[k]
        depth[k] = depth[parent] + 1 if parent is not None else 0
        total += depth[k]
        if total > MAX_TREE_PATH_LENGTH:
            raise ParseError(
                f"the tree is too deep to read: its paths exceed {MAX_TREE_PATH_LENGTH} moves in total "
                "(nea_games.io.gambit.MAX_TREE_PATH_LENGTH)",
                source=source,
            )
    return parents


def _infoset_names(tree: EfgTree, actions: list[tuple[str, ...]], parents: list[int | None]) -> list[str]:
    first_node: dict[int, int] = {}
    for k, node in enumerate(tree.nodes):
        if node.infoset is not None:
            first_node.setdefault(node.infoset, k)

    def path_of(k: int) -> str:
        steps: list[str] = []
        parent = parents[k]
        while parent is not None:
            above = tree.nodes[parent]
            assert above.infoset is not None
            steps.append(actions[above.infoset][above.children.index(k)])
            k, parent = parent, parents[parent]
        return path_text(tuple(reversed(steps)))

    own = [k for k, infoset in enumerate(tree.infosets) if infoset.player != 0]
    names = unique_names([tree.infosets[k].label or path_of(first_node[k]) for k in own], str)
    labels = [""] * len(tree.infosets)  # chance events have no name in ExtensiveFormGame
    for k, name in zip(own, names, strict=True):
        labels[k] = name
    return labels


def tree_to_game(tree: EfgTree, source: str = "<string>") -> ExtensiveFormGame:
    """Build the :class:`ExtensiveFormGame` described by a parsed ``.efg`` file."""
    parents = _check_size(tree, source)
    players = unique_names([CHANCE, *tree.players], lambda k: f"Player {k - 1}")[1:]
    actions = [unique_names(infoset.actions, str) for infoset in tree.infosets]
    infoset_names = _infoset_names(tree, actions, parents)
    payoffs = tree.path_payoffs()
    used_labels: set[str] = set()
    try:
        builder = ExtensiveFormGame.builder(players, title=tree.title)
        targets: dict[int, BuilderNode] = {0: builder.root}
        for k, node in enumerate(tree.nodes):
            target = targets.pop(k)
            label = node.label if node.label and node.label not in used_labels else None
            if label is not None:
                used_labels.add(label)
            if node.kind == "terminal" or node.infoset is None:
                target.terminal(payoffs[k], label=label)
                continue
            infoset = tree.infosets[node.infoset]
            names = actions[node.infoset]
            if node.kind == "chance":
                target.chance(names, infoset.probabilities, label=label)
            else:
                player = players[infoset.player - 1]
                target.decision(player, names, infoset=infoset_names[node.infoset], label=label)
            for name, child in zip(names, node.children, strict=True):
                targets[child] = target.children[name]
        return builder.build()
    except (NeaGamesError, RecursionError) as error:
        raise ParseError(f"the file does not describe a valid game tree: {error}", source=source) from None


# --------------------------------------------------------------------------- writing
def _exact_distribution(probabilities: tuple[Any, ...], where: str) -> tuple[Fraction, ...]:
    """Float probabilities as exact decimals that sum to exactly one."""
    values = [Fraction(repr(float(p))) for p in probabilities]
    largest = max(range(len(values)), key=lambda j: values[j])
    values[largest] += 1 - sum(values)
    if not 0 <= values[largest] <= 1:  # pragma: no cover - the game has validated its probabilities
        raise ProbabilityError(f"{where}: probabilities do not sum to one")
    return tuple(values)


def game_to_tree(game: ExtensiveFormGame, comment: str = "") -> EfgTree:
    """The ``.efg`` content of an :class:`ExtensiveFormGame` (see the module docstring)."""
    if game.is_parametric:
        names = ", ".join(str(p) for p in game.parameters)
        raise ParametricGameError(
            f"the game has free parameters ({names}); Gambit files hold numbers only, "
            "so substitute values first with game.subs(...)"
        )
    infoset_index: dict[str, int] = {}
    infosets: list[EfgInfoset] = []
    outcomes: list[EfgOutcome] = []
    nodes: list[EfgNode] = []
    for node in game.nodes:
        label = node.label or ""
        children = tuple(child.index for child in node.children.values())
        if node.is_terminal:
            outcomes.append(EfgOutcome("", tuple(node.payoffs)))
            nodes.append(EfgNode("terminal", label, None, len(outcomes)))
        elif node.is_chance:
            probabilities = tuple(node.probabilities.values())
            if game.kind == "float":
                probabilities = _exact_distribution(probabilities, f"chance node {node.name}")
            infosets.append(EfgInfoset(0, "", node.actions, probabilities))
            nodes.append(EfgNode("chance", label, len(infosets) - 1, 0, children))
        else:
            assert node.infoset is not None and node.player is not None
            if node.infoset not in infoset_index:
                infoset_index[node.infoset] = len(infosets)
                player = game.players.index(node.player) + 1
                infosets.append(EfgInfoset(player, node.infoset, node.actions))
            nodes.append(EfgNode("personal", label, infoset_index[node.infoset], 0, children))
    return EfgTree(game.title, comment, game.players, tuple(nodes), tuple(infosets), tuple(outcomes))
