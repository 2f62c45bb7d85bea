r"""Behaviour-strategy profiles of game trees.

A *behaviour strategy* gives, at each information set :math:`h` of a player,
a probability distribution :math:`\beta(\cdot \mid h)` over its actions,
drawn independently at every visit. A profile of them induces a probability
of reaching every node and so an expected payoff for every player. A profile
is a Nash equilibrium when no player gains by switching to another pure
strategy, and *subgame perfect* when that holds in every proper subgame.

Where a player's own earlier moves exclude an information set, a profile that
came from a mixed strategy (Kuhn's theorem) may leave it *unspecified*: no
action there changes any payoff.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import sympy

from nea_games._numeric import TOLERANCE, as_fraction, tolerance_for
from nea_games.errors import ProbabilityError, UnknownNameError, ValidationError
from nea_games.games._names import did_you_mean, index_of
from nea_games.games._tree_nodes import NodeData, path_text
from nea_games.games._tree_strategies import Assignment, kuhn_behaviour, node_value, reduced_strategies
from nea_games.games.render import format_number

if TYPE_CHECKING:
    from nea_games.games.extensive_form import ExtensiveFormGame

__all__ = ["BehaviourProfile", "profile_from_mixed", "subgame_roots"]


def subgame_roots(nodes: tuple[NodeData, ...]) -> list[int]:
    """Pre-order positions of the non-terminal nodes that start a proper subgame (root included)."""
    members: dict[str, list[int]] = {}
    for d in nodes:
        if d.infoset is not None:
            members.setdefault(d.infoset, []).append(d.index)
    roots = []
    for d in nodes:
        if d.kind == "terminal":
            continue
        if d.kind == "decision" and len(members[d.infoset or ""]) > 1:
            continue
        ok = True
        for ks in members.values():
            inside = [d.index <= k < d.end for k in ks]
            if any(inside) and not all(inside):
                ok = False
                break
        if ok:
            roots.append(d.index)
    return roots


def _convert(p: Any, exact: bool, where: str) -> Any:
    if isinstance(p, sympy.Basic) and p.free_symbols:
        return p
    if exact:
        try:
            return as_fraction(p)
        except Exception:
            raise ProbabilityError(f"{where}: {p!r} is not an exact probability") from None
    return float(p)


@dataclass(frozen=True, eq=False)
class BehaviourProfile:
    """A behaviour strategy for every player of a tree, with its expected payoffs.

    Attributes
    ----------
    game : ExtensiveFormGame
        The tree.
    behaviour : mapping
        ``{information set: {action: probability}}`` for every specified set.
    payoffs : tuple
        Expected payoff of each player.
    method : str
        The solver that produced it.
    exact : bool
        Whether probabilities and payoffs are exact.
    unspecified : frozenset of str
        Information sets the owner's own strategy excludes, where no action is named.

    Examples
    --------
    >>> from nea_games.games.extensive_form import ExtensiveFormGame
    >>> g = ExtensiveFormGame(["A", "B"], ("A", {"Out": (0, 2), "In": ("B", {"F": (-1, -1), "Y": (1, 1)})}))
    >>> p = g.behaviour_profile({"(root)": "In", "In": "Y"})
    >>> p.path, p.payoffs, p.is_nash(), p.is_subgame_perfect()
    (('In', 'Y'), (Fraction(1, 1), Fraction(1, 1)), True, True)
    >>> g.behaviour_profile({"(root)": "Out", "In": "F"}).is_subgame_perfect()
    False
    """

    game: ExtensiveFormGame
    behaviour: Mapping[str, Mapping[str, Any]]
    payoffs: tuple[Any, ...]
    method: str = ""
    exact: bool = False
    unspecified: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_behaviour(
        cls,
        game: ExtensiveFormGame,
        behaviour: Mapping[str, Any],
        *,
        method: str = "",
        exact: bool | None = None,
        unspecified: Any = (),
    ) -> BehaviourProfile:
        """Validate ``{infoset: action or {action: probability}}`` and compute payoffs.

        Information sets not given are unspecified; reaching one with positive
        probability is an error.
        """
        known = game._infoset_nodes
        exact = game.kind != "float" if exact is None else exact
        table: dict[str, dict[str, Any]] = {}
        for h, value in behaviour.items():
            if h not in known:
                raise UnknownNameError(
                    f"no information set {h!r}{did_you_mean(str(h), list(known))}; known: {', '.join(known)}"
                )
            actions = game.infoset_actions(h)
            if isinstance(value, str):
                value = {value: 1}
            if not isinstance(value, Mapping):
                raise ValidationError(f"information set {h!r}: expected an action or {{action: probability}}")
            for a in value:
                if a not in actions:
                    raise UnknownNameError(
                        f"information set {h!r}: no action {a!r}{did_you_mean(str(a), actions)}; "
                        f"actions: {', '.join(actions)}"
                    )
            probs = {a: _convert(value.get(a, 0), exact, f"information set {h!r}") for a in actions}
            total = sum(probs.values())
            bad = any(isinstance(p, (Fraction, float)) and p < -TOLERANCE for p in probs.values())
            if bad or (exact and total != 1) or (not exact and abs(float(total) - 1) > 1e-7):
                raise ProbabilityError(f"information set {h!r}: {value} is not a probability distribution")
            table[h] = probs
        missing = frozenset(set(known) - set(table)) | frozenset(unspecified)
        payoffs = _value(game, 0, table)
        return cls(game, table, payoffs, method, bool(exact), missing)

    # ------------------------------------------------------------------ views
    def at(self, infoset: str) -> dict[str, Any]:
        """``{action: probability}`` at one information set."""
        if infoset in self.behaviour:
            return dict(self.behaviour[infoset])
        if infoset in self.unspecified:
            raise ValidationError(
                f"information set {infoset!r} is excluded by its player's own strategy; no action is named"
            )
        raise UnknownNameError(f"no information set {infoset!r}{did_you_mean(infoset, list(self.behaviour))}")

    def choice(self, infoset: str) -> str | None:
        """The action played for sure at an information set, else ``None``."""
        if infoset not in self.behaviour:
            return None
        sure = [a for a, p in self.behaviour[infoset].items() if p == 1]
        return sure[0] if sure else None

    def __getitem__(self, player: str) -> dict[str, dict[str, Any]]:
        return {h: dict(self.behaviour[h]) for h in self.game.infosets_of(player) if h in self.behaviour}

    @property
    def is_pure(self) -> bool:
        """True when every specified information set has one action with probability one."""
        return all(self.choice(h) is not None for h in self.behaviour)

    def outcome_distribution(self) -> dict[tuple[str, ...], Any]:
        """``{path of a terminal node: probability of ending there}`` (positive ones only)."""
        nodes = self.game._nodes
        out: dict[tuple[str, ...], Any] = {}

        def walk(n: int, reach: Any) -> None:
            d = nodes[n]
            if d.kind == "terminal":
                out[d.path] = reach
                return
            probs = d.probabilities if d.kind == "chance" else _probabilities(self.behaviour, d)
            for p, c in zip(probs, d.children, strict=True):
                if not (isinstance(p, (int, Fraction, float)) and p == 0):
                    walk(c, reach * p)

        walk(0, Fraction(1) if self.exact else 1.0)
        return out

    @property
    def path(self) -> tuple[str, ...] | None:
        """The actions along the equilibrium path when play is deterministic, else ``None``."""
        dist = self.outcome_distribution()
        return next(iter(dist)) if len(dist) == 1 else None

    def payoff_of(self, player: str | int) -> Any:
        """Expected payoff of one player, by name or position."""
        return self.payoffs[index_of(player, self.game.players, "player")]

    # ------------------------------------------------------------------ checks
    def player_regrets(self, subgame: Any = None) -> tuple[Any, ...]:
        """Each player's gain from her best pure deviation.

        With ``subgame`` (a node, its label or its path) the gains are those in
        the subgame starting there.
        """
        self.game._require_numeric()
        if subgame is None:
            start = 0
        elif isinstance(subgame, int):
            start = subgame
        else:
            start = subgame.index if hasattr(subgame, "index") else self.game.node(subgame).index
        nodes = self.game._nodes
        current = _value(self.game, start, self.behaviour)
        out = []
        for i, player in enumerate(self.game.players):
            best = current[i]
            for s in reduced_strategies(nodes, player, start):
                table = dict(self.behaviour)
                table.update({h: {a: int(a == s[h]) for a in self.game.infoset_actions(h)} for h in s})
                value = _value(self.game, start, table)[i]
                best = max(best, value)
            out.append(best - current[i])
        return tuple(out)

    def regret(self, subgame: Any = None) -> Any:
        """Largest gain any player gets by deviating (0 at a Nash equilibrium)."""
        return max(self.player_regrets(subgame))

    def _ok(self, regret: Any, tol: float | None) -> bool:
        if self.exact and tol is None:
            return bool(regret == 0)
        if tol is None:
            values = [float(v) for d in self.game._nodes for v in d.payoffs]
            tol = tolerance_for(values) if values else TOLERANCE
        return float(regret) <= tol

    def is_nash(self, tol: float | None = None) -> bool:
        """True when no player gains by deviating (exactly, or within ``tol`` for floats)."""
        return self._ok(self.regret(), tol)

    def is_subgame_perfect(self, tol: float | None = None) -> bool:
        """True when the profile is a Nash equilibrium of every proper subgame."""
        nodes = self.game._nodes
        return all(self._ok(self.regret(k), tol) for k in subgame_roots(nodes))

    # ------------------------------------------------------------------ rendering
    @property
    def label(self) -> str:
        """Plain-language description: the action (or mixture) at every information set."""
        parts = []
        for h, probs in self.behaviour.items():
            sure = self.choice(h)
            if sure is not None:
                parts.append(f"{h}: {sure}")
            else:
                mix = ", ".join(f"{a} {format_number(p)}" for a, p in probs.items() if p != 0)
                parts.append(f"{h}: {mix}")
        return "; ".join(parts)

    def to_text(self) -> str:
        """Player by player, the behaviour at every information set, then path and payoffs."""
        lines = []
        for player in self.game.players:
            own = self.game.infosets_of(player)
            if not own:
                continue
            lines.append(f"{player}:")
            for h in own:
                if h in self.unspecified and h not in self.behaviour:
                    lines.append(f"  {h}: (excluded by own play; unspecified)")
                    continue
                sure = self.choice(h)
                probs = self.behaviour[h]
                text = (
                    sure
                    if sure is not None
                    else ", ".join(f"{a} {format_number(p)}" for a, p in probs.items() if p != 0)
                )
                lines.append(f"  {h}: {text}")
        path = self.path
        if path is not None:
            lines.append("path: " + (" > ".join(path) or "(root)"))
        else:
            dist = self.outcome_distribution()
            lines.append(
                "outcomes: " + "; ".join(f"{path_text(z)} {format_number(p)}" for z, p in dist.items())
            )
        lines.append(
            "payoffs: "
            + ", ".join(
                f"{p} {format_number(v)}" for p, v in zip(self.game.players, self.payoffs, strict=True)
            )
        )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        pay = ", ".join(format_number(v) for v in self.payoffs)
        return f"<BehaviourProfile {self.label} payoffs=({pay}) method={self.method!r}>"

    def isclose(self, other: BehaviourProfile, tol: float = 1e-9) -> bool:
        """Same behaviour at every specified information set (exactly when both are exact)."""
        if set(self.behaviour) != set(other.behaviour):
            return False
        for h, probs in self.behaviour.items():
            for a, p in probs.items():
                q = other.behaviour[h][a]
                if self.exact and other.exact:
                    if p != q:
                        return False
                elif abs(float(p) - float(q)) > tol:
                    return False
        return True

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BehaviourProfile):
            return NotImplemented
        return self.game == other.game and self.isclose(other)

    __hash__ = None  # type: ignore[assignment]


def _probabilities(behaviour: Mapping[str, Mapping[str, Any]], d: NodeData) -> tuple[Any, ...]:
    assert d.infoset is not None
    if d.infoset not in behaviour:
        raise ValidationError(
            f"information set {d.infoset!r} (node {path_text(d.path)}) is reached with positive "
            "probability but the profile names no action there"
        )
    probs = behaviour[d.infoset]
    return tuple(probs[a] for a in d.actions)


def _value(
    game: ExtensiveFormGame, start: int, behaviour: Mapping[str, Mapping[str, Any]]
) -> tuple[Any, ...]:
    return node_value(game._nodes, start, lambda d: _probabilities(behaviour, d), game.kind)


def profile_from_mixed(
    game: ExtensiveFormGame,
    table: list[tuple[list[str], list[Assignment]]],
    equilibrium: Any,
    method: str | None,
) -> BehaviourProfile:
    """Kuhn's behaviour profile of a mixed profile over the strategies in ``table``."""
    behaviour: dict[str, dict[str, Any]] = {}
    unspecified: set[str] = set()
    for i, player in enumerate(game.players):
        infosets = game.infosets_of(player)
        actions = {h: game.infoset_actions(h) for h in infosets}
        found, missing = kuhn_behaviour(
            table[i][1], list(equilibrium.strategies[i]), infosets, actions, game._histories
        )
        behaviour.update(found)
        unspecified |= missing
    exact = bool(getattr(equilibrium, "exact", game.is_exact))
    return BehaviourProfile.from_behaviour(
        game,
        behaviour,
        method=method or str(getattr(equilibrium, "method", "")),
        exact=exact,
        unspecified=unspecified,
    )
