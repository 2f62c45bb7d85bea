r"""Strategy profiles of repeated games as finite automata on public play.

A *profile automaton* (Abreu 1988; Osborne & Rubinstein 1994, §8.4) is a
tuple :math:`(Q, q_0, f, \tau)`: a finite set of states :math:`Q`, an initial
state :math:`q_0`, an output :math:`f(q) \in A_1 \times \dots \times A_n`
that every player follows in state :math:`q`, and a transition
:math:`\tau(q, a)` to the next state after the action profile :math:`a` has
been observed. Every player knows the state because play is public, so one
automaton describes the whole strategy profile.

Transitions are given as a mapping ``{(state, pattern): next_state}`` where a
*pattern* is a tuple with one entry per player: an action name, or ``"*"``
for any action. The first matching pattern (in the order given) wins; a
profile that matches no pattern moves to ``otherwise[state]``, and to the
same state when ``otherwise`` does not mention it.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from nea_games.errors import ShapeError, UnknownNameError, ValidationError
from nea_games.games._names import check_names, did_you_mean
from nea_games.games.normal_form import NormalFormGame

__all__ = ["ANY", "Automaton"]

#: Wildcard in a transition pattern: any action of that player.
ANY = "*"

Profile = tuple[str, ...]


@dataclass(frozen=True)
class Automaton:
    """A strategy profile of a repeated game as a finite automaton on observed profiles.

    Parameters
    ----------
    states : sequence of str
        State names.
    initial : str
        The state in the first period.
    actions : mapping
        ``{state: profile}``: the action profile (one action name per player)
        played in each state.
    transitions : mapping
        ``{(state, pattern): next_state}``; ``pattern`` has one action name or
        ``"*"`` per player. First match wins.
    otherwise : mapping, optional
        ``{state: next_state}`` for observed profiles that match no pattern;
        unmentioned states stay where they are.
    name : str
        A label used in reports.

    Examples
    --------
    Grim trigger in the prisoner's dilemma, written out by hand:

    >>> grim = Automaton(
    ...     states=["coop", "punish"], initial="coop",
    ...     actions={"coop": ("C", "C"), "punish": ("D", "D")},
    ...     transitions={("coop", ("C", "C")): "coop"},
    ...     otherwise={"coop": "punish"}, name="grim trigger")
    >>> grim.next_state("coop", ("C", "D")), grim.next_state("punish", ("C", "C"))
    ('punish', 'punish')
    """

    states: tuple[str, ...]
    initial: str
    actions: Mapping[str, Profile]
    transitions: Mapping[tuple[str, Profile], str] = field(default_factory=dict)
    otherwise: Mapping[str, str] = field(default_factory=dict)
    name: str = "automaton"

    def __post_init__(self) -> None:
        states = check_names(self.states, "automaton states")
        object.__setattr__(self, "states", states)
        self._check_state(self.initial, "initial")
        if not isinstance(self.actions, Mapping):
            raise ValidationError("automaton actions: expected a mapping {state: action profile}")
        actions: dict[str, Profile] = {}
        for state, profile in self.actions.items():
            self._check_state(state, "actions")
            if isinstance(profile, str) or not isinstance(profile, Sequence):
                raise ValidationError(f"automaton actions[{state!r}]: expected a tuple of action names")
            actions[state] = tuple(str(a) for a in profile)
        missing = [s for s in states if s not in actions]
        if missing:
            raise ValidationError(f"automaton: no action profile for state {missing[0]!r}")
        sizes = {len(p) for p in actions.values()}
        if len(sizes) != 1:
            raise ShapeError("automaton actions: every state must name one action per player")
        n = sizes.pop()
        transitions: dict[tuple[str, Profile], str] = {}
        for key, target in self.transitions.items():
            if not (isinstance(key, tuple) and len(key) == 2):
                raise ValidationError(f"automaton transitions: key {key!r} must be (state, pattern)")
            state, pattern = key
            self._check_state(state, "transitions")
            self._check_state(target, f"transitions[{key!r}]")
            pattern_t = (pattern,) if isinstance(pattern, str) else tuple(str(a) for a in pattern)
            if len(pattern_t) != n:
                raise ShapeError(f"automaton transitions: pattern {pattern!r} needs {n} entries")
            transitions[(state, pattern_t)] = target
        for state, target in self.otherwise.items():
            self._check_state(state, "otherwise")
            self._check_state(target, f"otherwise[{state!r}]")
        object.__setattr__(self, "actions", actions)
        object.__setattr__(self, "transitions", transitions)
        object.__setattr__(self, "otherwise", dict(self.otherwise))

    def _check_state(self, state: Any, where: str) -> None:
        if state not in self.states:
            raise UnknownNameError(
                f"automaton {where}: unknown state {state!r}{did_you_mean(str(state), self.states)}; "
                f"states: {', '.join(self.states)}"
            )

    @property
    def n_players(self) -> int:
        """Number of players the automaton prescribes actions for."""
        return len(self.actions[self.initial])

    def next_state(self, state: str, observed: Sequence[str]) -> str:
        """The state after ``observed`` (an action profile by names) in ``state``."""
        observed_t = tuple(observed)
        for (source, pattern), target in self.transitions.items():
            if source == state and all(p in (ANY, a) for p, a in zip(pattern, observed_t, strict=True)):
                return target
        return self.otherwise.get(state, state)

    def check_against(self, stage: NormalFormGame) -> None:
        """Raise if the automaton does not fit the stage game (players and action names)."""
        if self.n_players != stage.n_players:
            raise ShapeError(
                f"automaton {self.name!r} prescribes {self.n_players} actions, "
                f"the stage game has {stage.n_players} players"
            )
        for profile in self.actions.values():
            for i, action in enumerate(profile):
                stage.action_index(i, action)  # raises UnknownNameError with did-you-mean
        for _state, pattern in self.transitions:
            for i, action in enumerate(pattern):
                if action != ANY:
                    stage.action_index(i, action)

    def table(self, stage: NormalFormGame) -> tuple[list[tuple[int, ...]], list[dict[tuple[int, ...], int]]]:
        """Positions: the profile of each state, and the next state after each pure profile."""
        self.check_against(stage)
        index = {s: k for k, s in enumerate(self.states)}
        outputs = [stage.profile_index(self.actions[s]) for s in self.states]
        moves: list[dict[tuple[int, ...], int]] = []
        for state in self.states:
            row = {}
            for positions in itertools.product(*(range(m) for m in stage.n_actions)):
                names = tuple(stage.actions[i][k] for i, k in enumerate(positions))
                row[positions] = index[self.next_state(state, names)]
            moves.append(row)
        return outputs, moves

    # ----------------------------------------------------------------- standard automata
    @classmethod
    def punishment(
        cls, cooperative: Profile, punishment: Profile, length: int | None, *, name: str
    ) -> Automaton:
        """Cooperate; after any deviation play ``punishment`` for ``length`` periods (``None``: forever).

        A deviation during the punishment restarts it. ``length=None`` is grim
        trigger (Friedman 1971); a finite length is a k-period punishment, and
        with a harsh ``punishment`` a stick-and-carrot profile (Abreu 1986).
        """
        if length is None:
            return cls(
                ("cooperate", "punish"),
                "cooperate",
                {"cooperate": cooperative, "punish": punishment},
                {("cooperate", cooperative): "cooperate"},
                {"cooperate": "punish"},
                name=name,
            )
        if isinstance(length, bool) or not isinstance(length, int) or length < 1:
            raise ValidationError(
                f"{name}: the punishment length k must be a positive integer, got {length!r}"
            )
        states = ("cooperate", *(f"punish {j + 1}" for j in range(length)))
        actions = {"cooperate": cooperative, **{s: punishment for s in states[1:]}}
        transitions = {("cooperate", cooperative): "cooperate"}
        for j, state in enumerate(states[1:]):
            following = states[j + 2] if j + 2 < len(states) else "cooperate"
            transitions[(state, punishment)] = following
        otherwise = {s: "punish 1" for s in states}
        return cls(states, "cooperate", actions, transitions, otherwise, name=name)

    @classmethod
    def reciprocity(cls, cooperative: Profile, punishment: Profile, *, name: str) -> Automaton:
        """Tit-for-tat and its n-player generalisation.

        Player *i* plays its cooperative action next period if every *other*
        player played its cooperative action this period, and its punishment
        action otherwise. The state is the set of players who punish, named by
        the profile they play; with two players this is tit-for-tat (each
        copies the other's last move when actions are cooperative/punishment).
        """
        n = len(cooperative)
        if any(c == p for c, p in zip(cooperative, punishment, strict=True)):
            raise ValidationError(
                f"{name}: the cooperative and punishment actions must differ for every player"
            )
        profiles = [
            tuple(punishment[i] if flag else cooperative[i] for i, flag in enumerate(flags))
            for flags in itertools.product((False, True), repeat=n)
        ]
        names = [",".join(p) for p in profiles]
        transitions: dict[tuple[str, Profile], str] = {}
        for source in names:
            for flags in itertools.product((False, True), repeat=n):
                pattern = tuple(cooperative[i] if not flag else ANY for i, flag in enumerate(flags))
                cooperated = [not flag for flag in flags]
                target = tuple(
                    cooperative[i] if all(cooperated[j] for j in range(n) if j != i) else punishment[i]
                    for i in range(n)
                )
                # patterns with '*' also match the cooperative action; order from most specific
                transitions.setdefault((source, pattern), ",".join(target))
        ordered = dict(sorted(transitions.items(), key=lambda kv: kv[0][1].count(ANY)))
        return cls(tuple(names), names[0], dict(zip(names, profiles, strict=True)), ordered, {}, name=name)
