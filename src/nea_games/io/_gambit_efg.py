"""Reader and writer of Gambit's extensive-form (``.efg``) files.

Grammar accepted (tokens as in :mod:`nea_games.io._gambit_lexer`)::

    file     := "EFG" "2" ("R" | "D") title "{" string* "}" [comment] node
    node     := "p" label player infoset [string "{" string+ "}"] outcome node*
              | "c" label infoset [string "{" (string number)+ "}"] outcome node*
              | "t" label outcome
    outcome  := number [string "{" number ([","] number)* [","] "}"]

Nodes come in pre-order (a node, then the subtrees of its children in
order). Information sets are numbered per player (chance has its own
numbers); outcomes are numbered globally, ``0`` meaning no outcome. The
description of an information set (its name and actions, with probabilities
at chance) or of an outcome (its name and payoffs) is required the first time
its number appears and may be repeated later, but must then match exactly.
Outcomes may sit on any node; a play's payoff is the sum of the outcomes along
its path.

The result is an :class:`EfgTree`, an immutable, flat record of the file
(nodes in pre-order, children as indices), which keeps every label so that
the file can be written back unchanged in content.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from nea_games.io._gambit_lexer import Lexer, format_number, quote
from nea_games.io._gambit_nfg import exact_entries, read_header, read_payoff_vector, read_string_list

__all__ = ["EfgInfoset", "EfgNode", "EfgOutcome", "EfgTree", "parse_efg", "write_efg"]

EfgNodeKind = Literal["personal", "chance", "terminal"]


@dataclass(frozen=True)
class EfgOutcome:
    """An outcome: a name and one payoff increment per player."""

    label: str
    payoffs: tuple[Any, ...]


@dataclass(frozen=True)
class EfgInfoset:
    """An information set: the player who moves (``0`` for chance), its name and actions.

    ``probabilities`` holds the chance probabilities (one per action) and is
    empty for players' information sets.
    """

    player: int
    label: str
    actions: tuple[str, ...]
    probabilities: tuple[Any, ...] = ()


@dataclass(frozen=True)
class EfgNode:
    """One node: its kind and label, its information set and outcome, its children.

    ``infoset`` is a position in :attr:`EfgTree.infosets` (``None`` at
    terminal nodes); ``outcome`` a 1-based position in
    :attr:`EfgTree.outcomes`, ``0`` for none; ``children`` positions in
    :attr:`EfgTree.nodes`, one per action of the information set.
    """

    kind: EfgNodeKind
    label: str
    infoset: int | None
    outcome: int
    children: tuple[int, ...] = ()


@dataclass(frozen=True)
class EfgTree:
    """The content of an ``.efg`` file, as read (immutable).

    Attributes
    ----------
    title, comment : str
        The file's title and comment.
    players : tuple of str
        Player names as written in the file (possibly empty or repeated).
    nodes : tuple of EfgNode
        Every node in pre-order; ``nodes[0]`` is the root.
    infosets : tuple of EfgInfoset
        Information sets in order of first appearance.
    outcomes : tuple of EfgOutcome
        Outcomes in order of first appearance (node outcome ``k`` is ``outcomes[k - 1]``).

    Examples
    --------
    >>> from nea_games.io import gambit
    >>> tree = gambit.read_document_string(
    ...     'EFG 2 R "Entry" { "Entrant" "Incumbent" } '
    ...     'p "" 1 1 "" { "Out" "In" } 0 '
    ...     't "" 1 "" { 0, 2 } '
    ...     'p "" 2 1 "" { "Fight" "Yield" } 0 t "" 2 "" { -1, -1 } t "" 3 "" { 1, 1 }'
    ... ).tree
    >>> len(tree.nodes), [n.kind for n in tree.nodes][:3]
    (5, ['personal', 'terminal', 'personal'])
    >>> tree.path_payoffs()[4]
    (Fraction(1, 1), Fraction(1, 1))
    """

    title: str
    comment: str
    players: tuple[str, ...]
    nodes: tuple[EfgNode, ...]
    infosets: tuple[EfgInfoset, ...]
    outcomes: tuple[EfgOutcome, ...]

    def parents(self) -> tuple[int | None, ...]:
        """The parent of every node (``None`` for the root)."""
        parent: list[int | None] = [None] * len(self.nodes)
        for k, node in enumerate(self.nodes):
            for child in node.children:
                parent[child] = k
        return tuple(parent)

    def path_payoffs(self) -> dict[int, tuple[Any, ...]]:
        """Payoffs of every terminal node: the sum of the outcomes on its path."""
        zero = tuple(Fraction(0) for _ in self.players)
        result: dict[int, tuple[Any, ...]] = {}
        stack: list[tuple[int, tuple[Any, ...]]] = [(0, zero)]
        while stack:
            k, above = stack.pop()
            node = self.nodes[k]
            if node.outcome:
                above = tuple(
                    a + b for a, b in zip(above, self.outcomes[node.outcome - 1].payoffs, strict=True)
                )
            if node.kind == "terminal":
                result[k] = above
            stack.extend((child, above) for child in node.children)
        return dict(sorted(result.items()))


# --------------------------------------------------------------------------- reading
class _TreeReader:
    def __init__(self, lexer: Lexer, n_players: int) -> None:
        self.lexer = lexer
        self.n_players = n_players
        self.infoset_index: dict[tuple[int, int], int] = {}
        self.infosets: list[EfgInfoset] = []
        self.outcome_index: dict[int, int] = {}
        self.outcomes: list[EfgOutcome] = []

    def _actions(self, chance: bool, where: str) -> tuple[tuple[str, ...], tuple[Fraction, ...]]:
        lexer = self.lexer
        lexer.expect("{", f"'{{' opening the action list of {where}")
        names: list[str] = []
        probs: list[Fraction] = []
        while not lexer.at("}"):
            token = lexer.peek()
            if token.kind != "string":
                lexer.expected(f"a quoted action name or '}}' closing the action list of {where}", token)
            names.append(lexer.next().text)
            if chance:
                token = lexer.peek()
                prob = lexer.number(f"the probability of action {names[-1]!r} at {where}")
                if prob < 0 or prob > 1:
                    lexer.error(
                        f"the probability {token.text} of {names[-1]!r} at {where} is not in [0, 1]",
                        token.offset,
                    )
                probs.append(prob)
        close = lexer.next()
        if not names:
            lexer.error(f"{where} has no actions", close.offset)
        if chance and sum(probs) != 1:
            lexer.error(f"the probabilities at {where} sum to {sum(probs)}, not exactly 1", close.offset)
        return tuple(names), tuple(probs)

    def infoset(self, player: int, number: int, at: int) -> int:
        lexer = self.lexer
        where = f"chance event {number}" if player == 0 else f"information set {number} of player {player}"
        key = (player, number)
        if lexer.at("string"):
            label = lexer.next().text
            actions, probs = self._actions(player == 0, where)
            declared = EfgInfoset(player, label, actions, probs)
            if key in self.infoset_index:
                if self.infosets[self.infoset_index[key]] != declared:
                    lexer.error(f"{where} is declared again differently (name, actions or probabilities)", at)
            else:
                self.infoset_index[key] = len(self.infosets)
                self.infosets.append(declared)
        elif key not in self.infoset_index:
            lexer.expected(f"the name and action list of {where}, which appears here first")
        return self.infoset_index[key]

    def outcome(self) -> int:
        lexer = self.lexer
        at = lexer.peek().offset
        number = lexer.integer("an outcome number (0 for none)")
        if number == 0:
            if lexer.at("string"):
                lexer.error("the null outcome 0 cannot have a name or payoffs", lexer.peek().offset)
            return 0
        if lexer.at("string"):
            label = lexer.next().text
            declared = EfgOutcome(label, read_payoff_vector(lexer, self.n_players, f"outcome {number}"))
            if number in self.outcome_index:
                if self.outcomes[self.outcome_index[number]] != declared:
                    lexer.error(f"outcome {number} is declared again with a different name or payoffs", at)
            else:
                self.outcome_index[number] = len(self.outcomes)
                self.outcomes.append(declared)
        elif number not in self.outcome_index:
            lexer.expected(f"the name and payoffs of outcome {number}, which appears here first")
        return self.outcome_index[number] + 1

    def node(self) -> tuple[EfgNode, int]:
        """Read one node; return it and its number of children."""
        lexer = self.lexer
        token = lexer.peek()
        if token.kind != "word" or token.text not in ("p", "c", "t"):
            lexer.expected("a node ('p', 'c' or 't')", token)
        lexer.next()
        label = lexer.string("the node's label (a quoted string)")
        if token.text == "t":
            return EfgNode("terminal", label, None, self.outcome()), 0
        if token.text == "p":
            at = lexer.peek().offset
            player = lexer.integer("a player number", minimum=1)
            if player > self.n_players:
                lexer.error(f"player {player} does not exist (the game has {self.n_players} players)", at)
        else:
            player = 0
        at = lexer.peek().offset
        number = lexer.integer("an information set number", minimum=1)
        index = self.infoset(player, number, at)
        kind: EfgNodeKind = "personal" if player else "chance"
        return EfgNode(kind, label, index, self.outcome()), len(self.infosets[index].actions)


def parse_efg(lexer: Lexer) -> EfgTree:
    """Parse a whole ``.efg`` file from ``lexer`` (which must be at its start)."""
    read_header(lexer, "EFG", "2")
    title = lexer.string("the title of the game (a quoted string)")
    players = read_string_list(lexer, "player list")
    comment = lexer.accept("string")
    reader = _TreeReader(lexer, len(players))
    nodes: list[EfgNode] = []
    children: list[list[int]] = []
    pending: list[tuple[int, int]] = []  # (node, children still to read)
    while True:
        node, n_children = reader.node()
        index = len(nodes)
        nodes.append(node)
        children.append([])
        if pending:
            parent, remaining = pending.pop()
            children[parent].append(index)
            if remaining > 1:
                pending.append((parent, remaining - 1))
        if n_children:
            pending.append((index, n_children))
        if not pending:
            break
    if not lexer.at("eof"):
        lexer.expected("the end of the file after the last node of the tree")
    frozen = tuple(
        EfgNode(n.kind, n.label, n.infoset, n.outcome, tuple(c)) for n, c in zip(nodes, children, strict=True)
    )
    return EfgTree(
        title,
        comment.text if comment else "",
        tuple(players),
        frozen,
        tuple(reader.infosets),
        tuple(reader.outcomes),
    )


# --------------------------------------------------------------------------- writing
def _outcome_text(tree: EfgTree, number: int) -> str:
    if number == 0:
        return "0"
    outcome = tree.outcomes[number - 1]
    payoffs = ", ".join(format_number(v) for v in exact_entries(outcome.payoffs, f"outcome {number}"))
    return f"{number} {quote(outcome.label)} {{ {payoffs} }}"


def write_efg(tree: EfgTree) -> str:
    """The text of an ``.efg`` file for ``tree``; every description is written in full."""
    numbers: dict[int, int] = {}
    per_player: dict[int, int] = {}
    for index, infoset in enumerate(tree.infosets):
        per_player[infoset.player] = per_player.get(infoset.player, 0) + 1
        numbers[index] = per_player[infoset.player]
    lines = [
        f"EFG 2 R {quote(tree.title)} {{ {' '.join(quote(p) for p in tree.players)} }}",
        quote(tree.comment),
        "",
    ]
    stack = [0]
    while stack:
        node = tree.nodes[stack.pop()]
        stack.extend(reversed(node.children))
        outcome = _outcome_text(tree, node.outcome)
        if node.kind == "terminal" or node.infoset is None:
            lines.append(f"t {quote(node.label)} {outcome}")
            continue
        infoset = tree.infosets[node.infoset]
        if node.kind == "chance":
            probs = exact_entries(infoset.probabilities, f"chance event {numbers[node.infoset]}")
            actions = " ".join(
                f"{quote(a)} {format_number(p)}" for a, p in zip(infoset.actions, probs, strict=True)
            )
            lines.append(
                f"c {quote(node.label)} {numbers[node.infoset]} {quote(infoset.label)} "
                f"{{ {actions} }} {outcome}"
            )
        else:
            actions = " ".join(quote(a) for a in infoset.actions)
            lines.append(
                f"p {quote(node.label)} {infoset.player} {numbers[node.infoset]} "
                f"{quote(infoset.label)} {{ {actions} }} {outcome}"
            )
    return "\n".join(lines) + "\n"
