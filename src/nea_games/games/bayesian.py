r"""Bayesian games: players with private types and a common prior (Harsanyi 1967–68).

A finite Bayesian game has players :math:`i = 1, \dots, n`, each with a finite
set of types :math:`T_i` and of actions :math:`A_i`, a common prior
:math:`p \in \Delta(T_1 \times \dots \times T_n)` (possibly correlated), and
payoffs :math:`u_i(t, a)` that depend on the type profile :math:`t` and the
action profile :math:`a`. Nature draws :math:`t` from :math:`p`; each player
learns its own type :math:`t_i` and updates by Bayes' rule to the interim
belief

.. math:: p(t_{-i} \mid t_i) = \frac{p(t_i, t_{-i})}{\sum_{s_{-i}} p(t_i, s_{-i})}.

A (behaviour) strategy maps types to mixed actions,
:math:`\sigma_i : T_i \to \Delta(A_i)`. Two normal forms represent the game
(Harsanyi 1967–68; Selten 1975; Fudenberg & Tirole 1991, §6.2):

* the **agent normal form**: one player ("agent") per player-type
  :math:`(i, t_i)` with :math:`p(t_i) > 0`, choosing from :math:`A_i`, whose
  payoff is the *interim* expected payoff
  :math:`\sum_{t_{-i}} p(t_{-i} \mid t_i)\, u_i((t_i, t_{-i}), (a_{j, t_j})_j)`;
* the **strategic (ex-ante) form**: player *i* chooses a pure strategy
  :math:`s_i : T_i \to A_i` and gets :math:`\sum_t p(t)\, u_i(t, s(t))`.

A Bayes–Nash equilibrium is a Nash equilibrium of either form (for types of
positive probability the two coincide). Storage follows
:class:`~nea_games.games.normal_form.NormalFormGame`:
``payoffs[i][t_1, ..., t_n, a_1, ..., a_n]`` is player *i*'s payoff; the
prior has one axis per player.

**Types of zero probability.** The ex-ante definition puts no restriction on
what a type of zero prior probability does, and its interim belief is not
defined by Bayes' rule (it conditions on a null event). Both conversions
therefore leave such types out by default (``include_null_types=True`` puts
them back, with all-zero payoffs in the agent form); the solvers report them
as unconstrained.

References
----------
Harsanyi, J. C. (1967–68). Games with incomplete information played by
"Bayesian" players, I–III. *Management Science* 14.
Selten, R. (1975). Reexamination of the perfectness concept for equilibrium
points in extensive games. *International Journal of Game Theory* 4, 25–55.
Fudenberg, D., & Tirole, J. (1991). *Game Theory*, ch. 6. MIT Press.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any

import numpy.typing as npt
import sympy

from nea_games._numeric import Kind, classify, convert_entries
from nea_games.errors import (
    ParametricGameError,
    ProbabilityError,
    ShapeError,
    ValidationError,
)
from nea_games.games import _bayesian_forms as forms
from nea_games.games._bayesian_input import (
    DEFAULT_TYPE,
    normalise_types,
    payoff_tensor,
    prior_array,
    substitute,
    substitution,
)
from nea_games.games._names import check_names, index_of
from nea_games.games._probability import check_distribution, combine_kinds, is_exact_zero, probability_kind
from nea_games.games.normal_form import NormalFormGame

__all__ = ["DEFAULT_TYPE", "BayesianGame"]

#: Default bound on the number of payoff entries a conversion may build.
MAX_ENTRIES = 2_000_000


class BayesianGame:
    r"""A finite game of incomplete information with a common prior.

    Parameters
    ----------
    players : sequence of str
        Player names, in order.
    actions : sequence of sequences of str
        ``actions[i]``: the action names of player ``i`` (the same for all
        of its types).
    types : sequence of sequences of str, or mapping
        ``types[i]``: the type names of player ``i``; or a mapping from
        player name to type names, in which players left out have the single
        type ``"default"`` (complete information about them).
    prior : array_like or mapping
        The common prior: an array of shape ``n_types`` (``prior[t_1, ...,
        t_n]``; correlated types allowed); a mapping from type profiles
        (tuples of type names) to probabilities, missing profiles having
        probability zero; or a mapping from player name to that player's
        marginal (a mapping type -> probability, or a sequence), which makes
        types independent. Entries may be int, Fraction, float or sympy.
    payoffs : callable, array_like or mapping
        A function ``payoffs(types, actions) -> tuple`` called with tuples
        of names and returning one payoff per player; an array of shape
        ``(n_players, *n_types, *n_actions)``; a mapping from
        ``(type_profile, action_profile)`` to payoff tuples; or a mapping
        from type profiles to the payoffs of the game at those types (any
        form :class:`NormalFormGame` accepts, or a ``NormalFormGame``).
        Type profiles of zero prior probability may be omitted from mappings.
    title : str, optional
        A short description.

    Raises
    ------
    nea_games.errors.ProbabilityError
        If the prior has a negative entry or does not sum to one.
    nea_games.errors.ShapeError
        If an array has the wrong shape or a type profile lacks payoffs.
    nea_games.errors.UnknownNameError
        If a mapping names an unknown player, type or action.

    Examples
    --------
    Entry deterrence (Fudenberg & Tirole 1991, §6.1): the incumbent builds a
    plant or not; building is cheap for a tough incumbent (prior 3/4) and
    dear for a weak one; the entrant does not know which it faces.

    >>> from fractions import Fraction as F
    >>> INCUMBENT = {
    ...     "Tough": {("Build", "Enter"): F(3, 2), ("Build", "Out"): F(7, 2),
    ...               ("Don't", "Enter"): 2, ("Don't", "Out"): 3},
    ...     "Weak": {("Build", "Enter"): 0, ("Build", "Out"): 2, ("Don't", "Enter"): 2, ("Don't", "Out"): 3},
    ... }
    >>> ENTRANT = {("Build", "Enter"): -1, ("Don't", "Enter"): 1}
    >>> game = BayesianGame(
    ...     ["Incumbent", "Entrant"], [["Build", "Don't"], ["Enter", "Out"]],
    ...     {"Incumbent": ["Tough", "Weak"]}, {"Incumbent": [F(3, 4), F(1, 4)]},
    ...     lambda types, actions: (INCUMBENT[types[0]][actions], ENTRANT.get(actions, 0)),
    ... )
    >>> game.marginal("Incumbent")
    {'Tough': Fraction(3, 4), 'Weak': Fraction(1, 4)}
    >>> game.payoff(("Weak", "default"), ("Build", "Enter"))
    (Fraction(0, 1), Fraction(-1, 1))
    >>> game.agent_normal_form().players
    ('Incumbent[Tough]', 'Incumbent[Weak]', 'Entrant')
    >>> game.strategic_form().actions[0]
    ('Tough:Build|Weak:Build', "Tough:Build|Weak:Don't", "Tough:Don't|Weak:Build", "Tough:Don't|Weak:Don't")
    """

    __slots__ = ("__dict__", "_actions", "_kind", "_payoffs", "_players", "_prior", "_types", "title")

    _players: tuple[str, ...]
    _actions: tuple[tuple[str, ...], ...]
    _types: tuple[tuple[str, ...], ...]
    _prior: npt.NDArray[Any]
    _payoffs: npt.NDArray[Any]
    _kind: Kind
    title: str

    def __init__(
        self,
        players: Sequence[str],
        actions: Sequence[Sequence[str]],
        types: Sequence[Sequence[str]] | Mapping[str, Sequence[str]],
        prior: Any,
        payoffs: Any,
        *,
        title: str = "",
    ) -> None:
        players_t = check_names(players, "players")
        if isinstance(actions, (str, bytes)) or not isinstance(actions, Sequence):
            raise ValidationError("actions: expected one list of action names per player")
        if len(actions) != len(players_t):
            raise ShapeError(f"actions: got {len(actions)} action lists for {len(players_t)} players")
        actions_t = tuple(
            check_names(a, f"actions of {p!r}") for p, a in zip(players_t, actions, strict=True)
        )
        types_t = normalise_types(types, players_t)
        prior_raw = prior_array(prior, players_t, types_t)
        prior_kind = probability_kind(prior_raw, "prior")
        payoff_raw = payoff_tensor(payoffs, players_t, types_t, actions_t, prior_raw)
        kind = combine_kinds(prior_kind, classify(payoff_raw.reshape(-1), "payoffs"))
        prior_s = check_distribution(prior_raw, "prior", kind)
        payoffs_s = convert_entries(payoff_raw, kind)
        payoffs_s.setflags(write=False)
        for name, value in [
            ("_players", players_t),
            ("_actions", actions_t),
            ("_types", types_t),
            ("_prior", prior_s),
            ("_payoffs", payoffs_s),
            ("_kind", kind),
            ("title", str(title)),
        ]:
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("BayesianGame is immutable; build a new game instead")

    # ----------------------------------------------------------------- basic data
    @property
    def players(self) -> tuple[str, ...]:
        """Player names, in order."""
        return self._players

    @property
    def actions(self) -> tuple[tuple[str, ...], ...]:
        """Action names, one tuple per player."""
        return self._actions

    @property
    def types(self) -> tuple[tuple[str, ...], ...]:
        """Type names, one tuple per player."""
        return self._types

    @property
    def prior(self) -> npt.NDArray[Any]:
        """Read-only prior of shape :attr:`n_types`: ``prior[t_1, ..., t_n]``."""
        return self._prior

    @property
    def payoffs(self) -> npt.NDArray[Any]:
        """Read-only payoffs of shape ``(n_players, *n_types, *n_actions)``."""
        return self._payoffs

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self._players)

    @property
    def n_types(self) -> tuple[int, ...]:
        """Number of types of each player."""
        return tuple(len(t) for t in self._types)

    @property
    def n_actions(self) -> tuple[int, ...]:
        """Number of actions of each player."""
        return tuple(len(a) for a in self._actions)

    @property
    def kind(self) -> Kind:
        """``"exact"``, ``"float"`` or ``"symbolic"`` (prior and payoffs together)."""
        return self._kind

    @property
    def is_exact(self) -> bool:
        """True when prior and payoffs are exact rationals."""
        return self._kind == "exact"

    @cached_property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """Free sympy symbols of the prior and payoffs, sorted by name."""
        if self._kind != "symbolic":
            return ()
        symbols: set[sympy.Symbol] = set()
        for value in itertools.chain(self._prior.reshape(-1), self._payoffs.reshape(-1)):
            symbols |= value.free_symbols
        return tuple(sorted(symbols, key=lambda s: s.name))

    @property
    def is_parametric(self) -> bool:
        """True when the prior or payoffs contain free sympy symbols."""
        return bool(self.parameters)

    def require_numeric(self) -> None:
        """Raise :class:`~nea_games.errors.ParametricGameError` if the game has free parameters."""
        if self.parameters:
            names = ", ".join(str(p) for p in self.parameters)
            raise ParametricGameError(
                f"the game has free parameters ({names}); substitute values with game.subs(...)"
            )

    # ----------------------------------------------------------------- look-ups
    def player_index(self, player: str | int) -> int:
        """Position of a player given by name or position."""
        return index_of(player, self._players, "player")

    def type_index(self, player: str | int, type_: str | int) -> int:
        """Position of a type of ``player``, given by name or position."""
        i = self.player_index(player)
        return index_of(type_, self._types[i], f"type of {self._players[i]!r}")

    def action_index(self, player: str | int, action: str | int) -> int:
        """Position of an action of ``player``, given by name or position."""
        i = self.player_index(player)
        return index_of(action, self._actions[i], f"action of {self._players[i]!r}")

    def _type_profile_index(self, types: Sequence[str | int]) -> tuple[int, ...]:
        if isinstance(types, str) or len(types) != self.n_players:
            raise ShapeError(f"type profile {types!r}: expected one type per player ({self.n_players})")
        return tuple(self.type_index(i, t) for i, t in enumerate(types))

    def type_profiles(self) -> list[tuple[str, ...]]:
        """Every type profile as a tuple of type names, in array (C) order."""
        return list(itertools.product(*self._types))

    def probability(self, types: Sequence[str | int]) -> Any:
        """Prior probability of a type profile."""
        return self._prior[self._type_profile_index(types)]

    def payoff(self, types: Sequence[str | int], actions: Sequence[str | int]) -> tuple[Any, ...]:
        """Payoff of every player at a type profile and a pure action profile."""
        t = self._type_profile_index(types)
        if isinstance(actions, str) or len(actions) != self.n_players:
            raise ShapeError(f"profile {actions!r}: expected one action per player ({self.n_players})")
        a = tuple(self.action_index(i, x) for i, x in enumerate(actions))
        return tuple(self._payoffs[(i, *t, *a)] for i in range(self.n_players))

    def marginal(self, player: str | int) -> dict[str, Any]:
        """Prior probability of each type of ``player``."""
        i = self.player_index(player)
        axes = tuple(j for j in range(self.n_players) if j != i)
        totals = self._prior.sum(axis=axes) if axes else self._prior
        return {name: totals[k] for k, name in enumerate(self._types[i])}

    def positive_types(self, player: str | int) -> tuple[str, ...]:
        """Types of ``player`` with positive prior probability (not identically zero if symbolic)."""
        return tuple(t for t, p in self.marginal(player).items() if not is_exact_zero(p))

    @property
    def null_types(self) -> dict[str, tuple[str, ...]]:
        """Types of zero prior probability, by player (players without any are left out)."""
        out = {}
        for i, player in enumerate(self._players):
            kept = set(self.positive_types(i))
            null = tuple(t for t in self._types[i] if t not in kept)
            if null:
                out[player] = null
        return out

    def beliefs(self, player: str | int, type_: str | int) -> dict[tuple[str, ...], Any]:
        """Interim belief of a type about the others' types, by Bayes' rule on the prior.

        Keys are the other players' type profiles (in player order).

        Raises
        ------
        nea_games.errors.ProbabilityError
            If the type has zero prior probability (Bayes' rule does not apply).
        """
        i = self.player_index(player)
        k = self.type_index(i, type_)
        total = self.marginal(i)[self._types[i][k]]
        if is_exact_zero(total):
            raise ProbabilityError(
                f"beliefs: type {self._types[i][k]!r} of {self._players[i]!r} has zero prior probability; "
                "its beliefs are not defined by Bayes' rule"
            )
        out = {}
        for t in itertools.product(*(range(m) for m in self.n_types)):
            if t[i] != k:
                continue
            value = self._prior[t] / total
            if self._kind == "symbolic":
                value = sympy.cancel(value)
            out[tuple(self._types[j][t[j]] for j in range(self.n_players) if j != i)] = value
        return out

    def game_at(self, types: Sequence[str | int]) -> NormalFormGame:
        """The complete-information game played at a type profile."""
        t = self._type_profile_index(types)
        names = ", ".join(self._types[i][k] for i, k in enumerate(t))
        return NormalFormGame(
            self._players, self._actions, self._payoffs[forms.all_players(t)], title=f"types ({names})"
        )

    # ----------------------------------------------------------------- conversions
    def agents(self, *, include_null_types: bool = False) -> tuple[tuple[str, str], ...]:
        """The (player, type) pairs that become players of the agent normal form, in order."""
        return tuple(
            (p, t)
            for i, p in enumerate(self._players)
            for t in (self._types[i] if include_null_types else self.positive_types(i))
        )

    def agent_name(self, player: str | int, type_: str | int) -> str:
        """Name of an agent: ``"Player[type]"``, or the player's name if it has one type."""
        i = self.player_index(player)
        k = self.type_index(i, type_)
        return self._players[i] if len(self._types[i]) == 1 else f"{self._players[i]}[{self._types[i][k]}]"

    def agent_normal_form(
        self, *, include_null_types: bool = False, max_entries: int | None = MAX_ENTRIES
    ) -> NormalFormGame:
        """The agent normal form: one player per player-type, with interim expected payoffs.

        Agent ``(i, t_i)`` is named ``"Player[type]"`` (or the player's name
        if the player has one type), has player *i*'s actions, and gets
        :math:`\\sum_{t_{-i}} p(t_{-i} \\mid t_i) u_i(t, (a_{j, t_j})_j)`.
        Its Nash equilibria are the Bayes–Nash equilibria of this game.

        Parameters
        ----------
        include_null_types : bool
            Also make agents of types with zero prior probability (their
            payoffs are all zero, so any action is a best response).
        max_entries : int or None
            Refuse (``BudgetExceededError``) to build more payoff entries.

        Examples
        --------
        >>> g = BayesianGame(["A", "B"], [["x", "y"], ["l", "r"]], {"B": ["b1", "b2"]},
        ...                  {"B": [0.5, 0.5]}, lambda t, a: (1.0 if a[0] == "x" else 0.0, 0.0))
        >>> g.agent_normal_form().players
        ('A', 'B[b1]', 'B[b2]')
        """
        return forms.agent_normal_form(self, include_null_types, max_entries)

    def strategy_names(self, player: str | int, *, include_null_types: bool = False) -> tuple[str, ...]:
        """Names of ``player``'s pure strategies in :meth:`strategic_form`.

        A strategy maps each type to an action and is named
        ``"Tough:Fight|Weak:Yield"``; a player with one type has its action
        names as strategies.

        Examples
        --------
        >>> g = BayesianGame(["A"], [["x", "y"]], [["s", "t"]], [0.5, 0.5], lambda t, a: (0.0,))
        >>> g.strategy_names("A")
        ('s:x|t:x', 's:x|t:y', 's:y|t:x', 's:y|t:y')
        """
        i = self.player_index(player)
        kept = self._types[i] if include_null_types else self.positive_types(i)
        if len(self._types[i]) == 1:
            return self._actions[i]
        return tuple(
            "|".join(f"{t}:{a}" for t, a in zip(kept, combo, strict=True))
            for combo in itertools.product(self._actions[i], repeat=len(kept))
        )

    def strategic_form(
        self, *, include_null_types: bool = False, max_entries: int | None = MAX_ENTRIES
    ) -> NormalFormGame:
        """The ex-ante normal form: strategies are type -> action maps, payoffs ex-ante expectations.

        Player *i*'s strategy ``s_i`` (named as in :meth:`strategy_names`,
        in lexicographic order of the actions of its types) gets
        :math:`\\sum_t p(t)\\, u_i(t, s(t))`.

        Examples
        --------
        >>> g = BayesianGame(["A", "B"], [["x", "y"], ["l", "r"]], {"B": ["b1", "b2"]},
        ...                  {"B": [0.5, 0.5]}, lambda t, a: (1.0 if a[0] == "x" else 0.0, 0.0))
        >>> g.strategic_form().actions[1]
        ('b1:l|b2:l', 'b1:l|b2:r', 'b1:r|b2:l', 'b1:r|b2:r')
        """
        return forms.strategic_form(self, include_null_types, max_entries)

    def _derived_title(self, what: str) -> str:
        return f"{self.title} ({what})" if self.title else what

    # ----------------------------------------------------------------- transformations
    def subs(self, values: Mapping[Any, Any] | None = None, /, **kwargs: Any) -> BayesianGame:
        """Substitute values for parameters of the prior and payoffs; return a new game.

        Raises
        ------
        nea_games.errors.UnknownNameError
            If a name is not a parameter of the game.
        nea_games.errors.ProbabilityError
            If the substituted prior is not a probability distribution.

        Examples
        --------
        >>> import sympy
        >>> q = sympy.Symbol("q")
        >>> g = BayesianGame(["A", "B"], [["x"], ["l", "r"]], {"A": ["hi", "lo"]}, {"A": [q, 1 - q]},
        ...                  lambda t, a: (0, 1 if (t[0] == "hi") == (a[1] == "l") else 0))
        >>> g.parameters
        (q,)
        >>> g.subs(q=sympy.Rational(1, 3)).marginal("A")
        {'hi': Fraction(1, 3), 'lo': Fraction(2, 3)}
        """
        values_s = substitution(self.parameters, values, kwargs)
        if not values_s:
            return self
        return BayesianGame(
            self._players,
            self._actions,
            self._types,
            substitute(self._prior, values_s),
            substitute(self._payoffs, values_s),
            title=self.title,
        )

    # ----------------------------------------------------------------- rendering
    def to_text(self) -> str:
        """Plain-text description: types, prior, and the payoff table at each likely type profile."""
        return forms.to_text(self)

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        import html

        return f"<pre>{html.escape(self.to_text())}</pre>"

    def __repr__(self) -> str:
        title = f" {self.title!r}" if self.title else ""
        types = "x".join(str(m) for m in self.n_types)
        shape = "x".join(str(m) for m in self.n_actions)
        params = f", parameters={list(map(str, self.parameters))}" if self.parameters else ""
        return (
            f"<BayesianGame{title} types {types}, actions {shape}: players={list(self._players)}, "
            f"kind={self._kind}{params}>"
        )

    # ----------------------------------------------------------------- value semantics
    def _key(self) -> tuple[Any, ...]:
        return (
            self._players,
            self._actions,
            self._types,
            self._kind,
            tuple(self._prior.reshape(-1).tolist()),
            tuple(self._payoffs.reshape(-1).tolist()),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BayesianGame):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())
