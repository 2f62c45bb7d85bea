"""Read-only views of the nodes of a frozen game tree."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nea_games.errors import UnknownNameError
from nea_games.games._names import did_you_mean
from nea_games.games._tree_nodes import NodeData, path_text

if TYPE_CHECKING:
    from nea_games.games.extensive_form import ExtensiveFormGame

__all__ = ["Node"]


class Node:
    """A read-only view of one node of an :class:`ExtensiveFormGame`.

    Examples
    --------
    >>> from nea_games.games.extensive_form import ExtensiveFormGame
    >>> game = ExtensiveFormGame(["A", "B"], ("A", {"L": (1, 0), "R": ("B", {"l": (0, 1), "r": (2, 2)})}))
    >>> node = game.root.children["R"]
    >>> node.player, node.actions, node.path
    ('B', ('l', 'r'), ('R',))
    >>> node.children["r"].payoffs
    (Fraction(2, 1), Fraction(2, 1))
    """

    __slots__ = ("_data", "_game")

    def __init__(self, game: ExtensiveFormGame, data: NodeData) -> None:
        self._game = game
        self._data = data

    @property
    def index(self) -> int:
        """Position of the node in pre-order (the root is 0)."""
        return self._data.index

    @property
    def kind(self) -> str:
        """``"decision"``, ``"chance"`` or ``"terminal"``."""
        return self._data.kind

    @property
    def is_terminal(self) -> bool:
        """True for terminal nodes."""
        return self._data.kind == "terminal"

    @property
    def is_chance(self) -> bool:
        """True for chance nodes."""
        return self._data.kind == "chance"

    @property
    def is_decision(self) -> bool:
        """True for decision nodes."""
        return self._data.kind == "decision"

    @property
    def path(self) -> tuple[str, ...]:
        """Actions and chance outcomes leading from the root to this node."""
        return self._data.path

    @property
    def label(self) -> str | None:
        """The label given when the tree was built, if any."""
        return self._data.label

    @property
    def name(self) -> str:
        """The label if there is one, else the path as text (``"In/Fight"``)."""
        return self._data.label or path_text(self._data.path)

    @property
    def player(self) -> str | None:
        """The player who moves here (decision nodes), else ``None``."""
        return self._data.player

    @property
    def infoset(self) -> str | None:
        """Label of the node's information set (decision nodes), else ``None``."""
        return self._data.infoset

    @property
    def actions(self) -> tuple[str, ...]:
        """Action names (decision nodes) or chance outcomes (chance nodes)."""
        return self._data.actions

    @property
    def probabilities(self) -> dict[str, Any]:
        """``{outcome: probability}`` at a chance node (empty elsewhere)."""
        return dict(zip(self._data.actions, self._data.probabilities, strict=True))

    @property
    def payoffs(self) -> tuple[Any, ...]:
        """Payoff of each player at a terminal node (empty elsewhere)."""
        return self._data.payoffs

    @property
    def children(self) -> dict[str, Node]:
        """``{action: child node}``."""
        nodes = self._game._nodes
        return {
            a: Node(self._game, nodes[c])
            for a, c in zip(self._data.actions, self._data.children, strict=True)
        }

    @property
    def parent(self) -> Node | None:
        """The parent node (``None`` at the root)."""
        p = self._data.parent
        return None if p is None else Node(self._game, self._game._nodes[p])

    def __getitem__(self, action: str) -> Node:
        children = self.children
        if action not in children:
            raise UnknownNameError(
                f"node {self.name}: no action {action!r}{did_you_mean(str(action), list(children))}; "
                f"actions: {', '.join(children) or 'none (terminal node)'}"
            )
        return children[action]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Node) and other._game is self._game and other._data.index == self._data.index

    def __hash__(self) -> int:
        return hash((id(self._game), self._data.index))

    def __repr__(self) -> str:
        who = f" {self._data.player}" if self._data.player else ""
        return f"<Node {self.name} {self._data.kind}{who}>"
