r"""Extensive-form games: game trees with chance moves and information sets.

A finite extensive-form game is a rooted tree whose nodes are of three kinds:

*decision nodes*
    a player moves, choosing one of the node's named actions;
*chance nodes*
    nature draws one of the named outcomes with given probabilities
    (exact, float or sympy expressions);
*terminal nodes*
    the play ends with a payoff :math:`u_i(z)` for every player *i*.

The decision nodes of each player are partitioned into *information sets*:
the player knows which set she is at, not which node, so every node of a set
has the same player and the same actions. A tree in which every information
set is one node has *perfect information*. A *proper subgame* starts at a
node whose information set is that node alone and whose subtree cuts no
information set in two.

A pure strategy names an action at each of the player's information sets; the
normal form of the tree (:meth:`ExtensiveFormGame.to_normal_form`) has these
strategies as actions and the chance-weighted terminal payoffs as payoffs.

Trees are immutable values. Write one node by node with
:meth:`ExtensiveFormGame.builder`, or from a nested description of dicts and
tuples (see :func:`nea_games.games._tree_nodes.from_nested`). Nodes are
addressed by the actions leading to them (``game.root.children["In"]``) or
by label, and information sets by label: a label given with ``infoset=``,
else the node's ``label=``, else its path such as ``"In"`` (``"(root)"`` for
the root).

References
----------
Kuhn, H. W. (1953). Extensive games and the problem of information.
*Contributions to the Theory of Games II*, 193-216.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

import sympy

from nea_games._numeric import Kind
from nea_games.errors import ParametricGameError, UnknownNameError, UnsupportedGameError, ValidationError
from nea_games.games._names import did_you_mean, index_of
from nea_games.games._tree_nodes import CHANCE, NodeData, TreeBuilder, from_nested, path_text
from nea_games.games._tree_profile import BehaviourProfile, profile_from_mixed
from nea_games.games._tree_strategies import NO_MOVE, Assignment, normal_form_payoffs, strategy_table
from nea_games.games._tree_validate import freeze, own_histories, perfect_recall
from nea_games.games._tree_view import Node
from nea_games.games.normal_form import NormalFormGame

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["CHANCE", "NO_MOVE", "BehaviourProfile", "ExtensiveFormGame", "Node", "TreeBuilder"]


class ExtensiveFormGame:
    """A finite game tree with chance moves and information sets.

    Parameters
    ----------
    players : sequence of str
        Player names, in order (``"chance"`` is reserved).
    tree : nested description
        ``(player, {action: subtree})``, ``(player, {action: subtree}, "infoset")``,
        ``("chance", {outcome: (probability, subtree)})`` or a tuple of payoffs
        (one per player); dict forms with ``"player"``/``"actions"``,
        ``"chance"`` or ``"payoffs"`` keys also take a ``"label"``.
    title : str, optional
        A short description used when the game is rendered.

    Raises
    ------
    nea_games.errors.ValidationError
        (or a subclass) naming the node by its path when the tree is not a
        valid game: a path without a terminal node, a payoff vector of the
        wrong length (``ShapeError``), an unknown player (``UnknownNameError``),
        chance probabilities outside [0, 1] or not summing to one
        (``ProbabilityError``), NaN or infinite numbers (``NonFiniteError``),
        an information set with two players or different actions.

    Examples
    --------
    Selten's entry game:

    >>> from nea_games.games.extensive_form import ExtensiveFormGame
    >>> entry = ExtensiveFormGame(
    ...     ["Entrant", "Incumbent"],
    ...     ("Entrant", {"Out": (0, 2), "In": ("Incumbent", {"Fight": (-1, -1), "Accommodate": (1, 1)})}),
    ...     title="Entry game",
    ... )
    >>> entry.root.children["In"].actions
    ('Fight', 'Accommodate')
    >>> print(entry.to_normal_form())
    Entrant \\ Incumbent  Fight   Accommodate
    Out                  0, 2    0, 2
    In                   -1, -1  1, 1
    """

    __slots__ = ("__dict__", "_kind", "_nodes", "_players", "title")

    _players: tuple[str, ...]
    _nodes: tuple[NodeData, ...]
    _kind: Kind
    title: str

    def __init__(self, players: Sequence[str], tree: Any, *, title: str = "") -> None:
        builder = from_nested(players, tree, title=title)
        nodes, kind = freeze(builder)
        self._set(builder.players, nodes, kind, builder.title)

    def _set(self, players: tuple[str, ...], nodes: tuple[NodeData, ...], kind: Kind, title: str) -> None:
        object.__setattr__(self, "_players", players)
        object.__setattr__(self, "_nodes", nodes)
        object.__setattr__(self, "_kind", kind)
        object.__setattr__(self, "title", title)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("ExtensiveFormGame is immutable; build a new game instead")

    @classmethod
    def builder(cls, players: Sequence[str], *, title: str = "") -> TreeBuilder:
        """Start writing a tree node by node; ``.build()`` returns the game.

        Examples
        --------
        >>> tree = ExtensiveFormGame.builder(["China", "DPRK"])
        >>> china = tree.root.decision("China", ["Pressure", "Shield"], label="China")
        >>> _ = china.children["Shield"].terminal(0, 0)
        >>> dprk = china.children["Pressure"].decision("DPRK", ["Denuclearise", "Hold"])
        >>> _ = dprk.children["Denuclearise"].terminal(-1, 2)
        >>> _ = dprk.children["Hold"].terminal({"China": -11, "DPRK": -3})
        >>> game = tree.build()
        >>> game.root["Pressure"]["Hold"].payoffs
        (Fraction(-11, 1), Fraction(-3, 1))
        """
        return TreeBuilder(players, title=title)

    @classmethod
    def _from_builder(cls, builder: TreeBuilder) -> ExtensiveFormGame:
        nodes, kind = freeze(builder)
        game = cls.__new__(cls)
        game._set(builder.players, nodes, kind, builder.title)
        return game

    def _rebuild(
        self,
        start: int = 0,
        replace: Mapping[int, tuple[Any, ...]] | None = None,
        numbers: Any = None,
    ) -> ExtensiveFormGame:
        """The subtree at ``start`` as a game; nodes in ``replace`` become terminals.

        ``numbers`` (optional) maps every payoff and probability. Labels of
        nodes and information sets are kept.
        """
        replace = replace or {}
        builder = TreeBuilder(self._players, title=self.title)
        convert = numbers or (lambda v: v)

        def copy(n: int, target: Any) -> None:
            data = self._nodes[n]
            if n in replace:
                target.terminal(tuple(replace[n]), label=data.label)
            elif data.kind == "terminal":
                target.terminal(tuple(convert(v) for v in data.payoffs), label=data.label)
            elif data.kind == "chance":
                target.chance(data.actions, [convert(p) for p in data.probabilities], label=data.label)
            else:
                target.decision(data.player, data.actions, infoset=data.infoset, label=data.label)
            for action, child in zip(data.actions, data.children, strict=True):
                if n not in replace:
                    copy(child, target.children[action])

        copy(start, builder.root)
        return builder.build()

    # ----------------------------------------------------------------- basic data
    @property
    def players(self) -> tuple[str, ...]:
        """Player names, in order."""
        return self._players

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self._players)

    @property
    def kind(self) -> Kind:
        """``"exact"``, ``"float"`` or ``"symbolic"`` for all payoffs and probabilities together."""
        return self._kind

    @property
    def is_exact(self) -> bool:
        """True when every payoff and probability is an exact rational."""
        return self._kind == "exact"

    @property
    def root(self) -> Node:
        """The root node."""
        return Node(self, self._nodes[0])

    @property
    def nodes(self) -> tuple[Node, ...]:
        """Every node, in pre-order (children in action order)."""
        return tuple(Node(self, d) for d in self._nodes)

    @property
    def n_nodes(self) -> int:
        """Number of nodes."""
        return len(self._nodes)

    @property
    def terminals(self) -> tuple[Node, ...]:
        """Terminal nodes, left to right."""
        return tuple(Node(self, d) for d in self._nodes if d.kind == "terminal")

    def node(self, key: str | Sequence[str]) -> Node:
        """A node by its label, or by its path (a sequence of action names or ``"In/Fight"``).

        Examples
        --------
        >>> g = ExtensiveFormGame(["A"], ("A", {"L": (1,), "R": (2,)}))
        >>> g.node("R").payoffs, g.node(("L",)).payoffs
        ((Fraction(2, 1),), (Fraction(1, 1),))
        """
        for d in self._nodes:
            if isinstance(key, str) and (d.label == key or path_text(d.path) == key):
                return Node(self, d)
            if not isinstance(key, str) and d.path == tuple(key):
                return Node(self, d)
        names = [d.label or path_text(d.path) for d in self._nodes]
        text = key if isinstance(key, str) else path_text(tuple(key))
        raise UnknownNameError(f"no node {text!r}{did_you_mean(text, names)}")

    @cached_property
    def _infoset_nodes(self) -> dict[str, tuple[int, ...]]:
        out: dict[str, list[int]] = {}
        for d in self._nodes:
            if d.infoset is not None:
                out.setdefault(d.infoset, []).append(d.index)
        return {h: tuple(v) for h, v in out.items()}

    @property
    def infosets(self) -> dict[str, tuple[Node, ...]]:
        """``{information-set label: its nodes}`` in order of first appearance."""
        return {h: tuple(Node(self, self._nodes[k]) for k in ks) for h, ks in self._infoset_nodes.items()}

    def infosets_of(self, player: str | int) -> tuple[str, ...]:
        """Labels of one player's information sets, in order of first appearance."""
        name = self._players[index_of(player, self._players, "player")]
        return tuple(h for h, ks in self._infoset_nodes.items() if self._nodes[ks[0]].player == name)

    def _infoset(self, label: str) -> NodeData:
        if label not in self._infoset_nodes:
            known = list(self._infoset_nodes)
            raise UnknownNameError(
                f"no information set {label!r}{did_you_mean(label, known)}; known: {', '.join(known)}"
            )
        return self._nodes[self._infoset_nodes[label][0]]

    def infoset_player(self, label: str) -> str:
        """The player who moves at an information set."""
        player = self._infoset(label).player
        assert player is not None
        return player

    def infoset_actions(self, label: str) -> tuple[str, ...]:
        """The actions available at an information set."""
        return self._infoset(label).actions

    @property
    def is_perfect_information(self) -> bool:
        """True when every information set is a single node."""
        return all(len(ks) == 1 for ks in self._infoset_nodes.values())

    @cached_property
    def perfect_recall_violation(self) -> str | None:
        """Why some player lacks perfect recall, or ``None`` when every player has it."""
        return perfect_recall(self._nodes)

    @property
    def has_perfect_recall(self) -> bool:
        """True when no player ever forgets her own past moves or what she knew.

        Examples
        --------
        >>> forgetful = ExtensiveFormGame(["A"], ("A", {
        ...     "L": ("A", {"x": (1,), "y": (0,)}, "later"),
        ...     "R": ("A", {"x": (0,), "y": (2,)}, "later")}))
        >>> forgetful.has_perfect_recall
        False
        >>> print(forgetful.perfect_recall_violation)  # doctest: +ELLIPSIS
        information set 'later' of 'A': at node L the player's own past moves were (L at (root)) ...
        """
        return self.perfect_recall_violation is None

    # ----------------------------------------------------------------- parameters
    @cached_property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """Free sympy symbols of payoffs and probabilities, sorted by name."""
        if self._kind != "symbolic":
            return ()
        symbols: set[sympy.Symbol] = set()
        for d in self._nodes:
            for v in (*d.payoffs, *d.probabilities):
                symbols |= sympy.sympify(v).free_symbols
        return tuple(sorted(symbols, key=lambda s: s.name))

    @property
    def is_parametric(self) -> bool:
        """True when payoffs or probabilities contain free sympy symbols."""
        return bool(self.parameters)

    def _require_numeric(self) -> None:
        if self.is_parametric:
            names = ", ".join(str(p) for p in self.parameters)
            raise ParametricGameError(
                f"the game has free parameters ({names}); substitute values with game.subs(...)"
            )

    def subs(self, values: Mapping[Any, Any] | None = None, /, **kwargs: Any) -> ExtensiveFormGame:
        """Substitute values (numbers or expressions) for parameters and return a new tree.

        Examples
        --------
        >>> import sympy
        >>> q = sympy.Symbol("q")
        >>> g = ExtensiveFormGame(["A"], ("chance", {"H": (q, (1,)), "T": (1 - q, (0,))}))
        >>> g.parameters
        (q,)
        >>> g.subs(q=sympy.Rational(1, 3)).root.probabilities
        {'H': Fraction(1, 3), 'T': Fraction(2, 3)}
        """
        mapping: dict[Any, Any] = dict(values or {})
        mapping.update(kwargs)
        by_name = {p.name: p for p in self.parameters}
        substitution: dict[sympy.Symbol, Any] = {}
        for key, value in mapping.items():
            name = key.name if isinstance(key, sympy.Symbol) else str(key)
            if name not in by_name:
                known = ", ".join(by_name) or "none"
                raise UnknownNameError(
                    f"subs: {name!r} is not a parameter of this game{did_you_mean(name, list(by_name))}; "
                    f"parameters: {known}"
                )
            substitution[by_name[name]] = sympy.nsimplify(value) if isinstance(value, str) else value
        if not substitution:
            return self

        def convert(v: Any) -> Any:
            out = sympy.sympify(v).subs(substitution)
            return out if out.free_symbols or not out.is_Float else float(out)

        return self._rebuild(0, numbers=convert)

    # ----------------------------------------------------------------- strategies
    @cached_property
    def _histories(self) -> dict[str, tuple[tuple[str, str], ...]]:
        by_node = own_histories(self._nodes)
        return {h: by_node[ks[0]] for h, ks in self._infoset_nodes.items()}

    def _strategy_table(
        self, reduced: bool, limit: int | None = None
    ) -> list[tuple[list[str], list[Assignment]]]:
        cache: dict[tuple[bool, int | None], Any] = self.__dict__.setdefault("_tables", {})
        if (reduced, limit) in cache:
            return cache[(reduced, limit)]  # type: ignore[no-any-return]
        actions = {h: self._nodes[ks[0]].actions for h, ks in self._infoset_nodes.items()}
        infosets = [self.infosets_of(p) for p in self._players]
        table = strategy_table(self._nodes, self._players, infosets, actions, reduced, limit)
        cache[(reduced, limit)] = table
        return table

    def strategies(self, player: str | int, *, reduced: bool = True) -> dict[str, dict[str, str]]:
        """Pure strategies of a player: ``{name: {information set: action}}``.

        Reduced strategies name actions only where the player's own choices
        do not already exclude the information set.

        Examples
        --------
        >>> g = ExtensiveFormGame(["A", "B"], ("A", {"Take": (1, 0), "Pass": ("B", {
        ...     "Take": (0, 2), "Pass": ("A", {"Take": (3, 1), "Pass": (2, 4)})})}))
        >>> list(g.strategies("A"))
        ['Take', 'Pass/Take', 'Pass/Pass']
        >>> list(g.strategies("A", reduced=False))
        ['Take/Take', 'Take/Pass', 'Pass/Take', 'Pass/Pass']
        """
        i = index_of(player, self._players, "player")
        names, found = self._strategy_table(reduced)[i]
        return dict(zip(names, (dict(s) for s in found), strict=True))

    def to_normal_form(self, *, reduced: bool = True, max_strategies: int | None = 100_000) -> NormalFormGame:
        """The normal form: pure strategies as actions, chance-weighted payoffs.

        Parameters
        ----------
        reduced : bool, default True
            Merge strategies that differ only where the player's own moves
            prevent play from going (the reduced normal form).
        max_strategies : int or None
            Bound on the number of pure strategies of any one player
            (:class:`~nea_games.errors.BudgetExceededError` beyond it).

        Examples
        --------
        >>> import sympy
        >>> q = sympy.Symbol("q")
        >>> g = ExtensiveFormGame(["A", "B"], ("chance", {
        ...     "Good": (q, ("A", {"Go": (2, 1), "Stop": (0, 0)}, "A")),
        ...     "Bad": (1 - q, ("A", {"Go": (-1, 1), "Stop": (0, 0)}, "A"))}))
        >>> g.to_normal_form().payoff(("Go", "(no move)"))
        (3*q - 1, 1)
        """
        table = self._strategy_table(reduced, max_strategies)
        payoffs = normal_form_payoffs(self._nodes, self._players, [s for _, s in table], self._kind)
        return NormalFormGame(self._players, [names for names, _ in table], payoffs, title=self.title)

    def behaviour_strategy(self, equilibrium: Any, *, method: str | None = None) -> BehaviourProfile:
        """Map a mixed profile of the (reduced) normal form to behaviour strategies (Kuhn).

        ``equilibrium`` is an :class:`~nea_games.solvers.result.Equilibrium`
        (or anything with ``.game`` and ``.strategies``) of
        ``self.to_normal_form(reduced=...)``. Needs perfect recall.

        Examples
        --------
        >>> import nea_games
        >>> g = ExtensiveFormGame(["A", "B"], ("A", {"L": ("B", {"l": (1, -1), "r": (-1, 1)}, "B"),
        ...                                          "R": ("B", {"l": (-1, 1), "r": (1, -1)}, "B")}))
        >>> eq = nea_games.solve(g.to_normal_form(), method="zero_sum")[0]
        >>> g.behaviour_strategy(eq).at("B")
        {'l': Fraction(1, 2), 'r': Fraction(1, 2)}
        """
        if not self.has_perfect_recall:
            raise UnsupportedGameError(
                f"behaviour strategies need perfect recall (Kuhn's theorem): {self.perfect_recall_violation}"
            )
        names = tuple(tuple(a) for a in getattr(equilibrium.game, "actions", ()))
        for reduced in (True, False):
            table = self._strategy_table(reduced)
            if (
                names == tuple(tuple(n) for n, _ in table)
                and tuple(equilibrium.game.players) == self._players
            ):
                break
        else:
            raise ValidationError(
                "behaviour_strategy: the equilibrium does not belong to this tree's normal form "
                "(players or strategy names differ)"
            )
        return profile_from_mixed(self, table, equilibrium, method)

    def behaviour_profile(self, behaviour: Mapping[str, Any], *, method: str = "") -> BehaviourProfile:
        """A behaviour profile from ``{information set: action}`` or ``{information set: {action: prob}}``.

        Examples
        --------
        >>> g = ExtensiveFormGame(["A"], ("A", {"L": (1,), "R": (2,)}))
        >>> g.behaviour_profile({"(root)": "R"}).payoffs
        (Fraction(2, 1),)
        """
        return BehaviourProfile.from_behaviour(self, behaviour, method=method)

    # ----------------------------------------------------------------- rendering
    def to_text(self) -> str:
        """An indented outline of the tree (one line per node).

        Examples
        --------
        >>> g = ExtensiveFormGame(["A", "B"], ("A", {"L": (1, 0), "R": ("B", {"l": (0, 1), "r": (2, 2)})}))
        >>> print(g.to_text())
        A [(root)]
        ├─ L: (1, 0)
        └─ R: B [R]
           ├─ l: (0, 1)
           └─ r: (2, 2)
        """
        from nea_games.games._tree_render import outline

        return outline(self)

    def plot(self, ax: Axes | None = None, **options: Any) -> Figure:
        """Draw the tree with matplotlib and return the figure.

        Decision nodes are coloured by player, chance nodes are grey squares
        with probabilities on their branches, terminal payoffs are written
        under the leaves, and the nodes of an information set are joined by a
        dashed line. ``options``: ``figsize``, ``fontsize``.
        """
        from nea_games.games._tree_render import plot_tree

        return plot_tree(self, ax, **options)

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        """Jupyter: the text tree (:meth:`to_text`) in a ``<pre>`` block, escaped."""
        import html

        return f'<pre class="nea-games-tree">{html.escape(self.to_text())}</pre>'

    def __repr__(self) -> str:
        title = f" {self.title!r}" if self.title else ""
        params = f", parameters={list(map(str, self.parameters))}" if self.parameters else ""
        return (
            f"<ExtensiveFormGame{title}: players={list(self._players)}, nodes={len(self._nodes)}, "
            f"kind={self._kind}{params}>"
        )

    def __iter__(self) -> Iterator[Node]:
        return iter(self.nodes)

    # ----------------------------------------------------------------- value semantics
    def _key(self) -> tuple[Any, ...]:
        return (self._players, self._kind, self._nodes)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ExtensiveFormGame):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())
