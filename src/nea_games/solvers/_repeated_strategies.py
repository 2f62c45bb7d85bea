"""Built-in strategy profiles of repeated games, by name, with their default profiles.

Defaults: the *cooperative* profile is every player's first action; the
*punishment* profile is the pure stage Nash equilibrium with the lowest total
payoff (decided under the caller's assumptions for parametric games); the
*stick* of stick-and-carrot is the pure profile with the lowest total payoff.
A stage game without a pure Nash equilibrium needs an explicit ``punishment``
(pure automata cannot play a mixed minmax profile).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

import sympy

from nea_games.errors import UnknownNameError, ValidationError
from nea_games.games._automata import Automaton
from nea_games.games._names import did_you_mean
from nea_games.games.normal_form import NormalFormGame
from nea_games.solvers._repeated_bounds import Signer
from nea_games.solvers._repeated_values import sympy_payoffs

__all__ = ["STRATEGIES", "profile_names", "strategy_automaton"]

STRATEGIES = ("grim_trigger", "tit_for_tat", "k_period_punishment", "stick_and_carrot")


def profile_names(stage: NormalFormGame, profile: Any, what: str) -> tuple[str, ...]:
    """A profile given as a tuple of names/positions, or one action name shared by all players."""
    if isinstance(profile, str):
        profile = (profile,) * stage.n_players
    if not isinstance(profile, Sequence):
        raise ValidationError(f"{what}: expected a profile (one action per player), got {profile!r}")
    positions = stage.profile_index(profile)
    return tuple(stage.actions[i][k] for i, k in enumerate(positions))


def _total_at(stage: NormalFormGame, signer: Signer, profile: tuple[int, ...]) -> Any:
    payoffs = sympy_payoffs(stage)
    total = sum(payoffs[(i, *profile)] for i in range(stage.n_players))
    point = signer.points[0] if signer.points else {}
    return sympy.sympify(total).subs(point)


def pure_nash(stage: NormalFormGame, signer: Signer) -> list[tuple[int, ...]]:
    """Pure stage equilibria; for parametric games decided under the signer's assumptions."""
    payoffs = sympy_payoffs(stage)
    found = []
    for profile in itertools.product(*(range(m) for m in stage.n_actions)):
        stable = True
        for i in range(stage.n_players):
            for b in range(stage.n_actions[i]):
                deviation = (*profile[:i], b, *profile[i + 1 :])
                s = signer.sign(payoffs[(i, *deviation)] - payoffs[(i, *profile)])
                if s is None or s > 0:
                    stable = False
                    break
            if not stable:
                break
        if stable:
            found.append(profile)
    return found


def _default_punishment(stage: NormalFormGame, signer: Signer) -> tuple[str, ...]:
    equilibria = pure_nash(stage, signer)
    if not equilibria:
        raise ValidationError(
            "the stage game has no pure Nash equilibrium (under the given assumptions); pass punishment=(...)"
        )
    best = min(equilibria, key=lambda p: _total_at(stage, signer, p))
    return tuple(stage.actions[i][k] for i, k in enumerate(best))


def _harshest(stage: NormalFormGame, signer: Signer) -> tuple[str, ...]:
    profiles = list(itertools.product(*(range(m) for m in stage.n_actions)))
    best = min(profiles, key=lambda p: _total_at(stage, signer, p))
    return tuple(stage.actions[i][k] for i, k in enumerate(best))


def strategy_automaton(
    stage: NormalFormGame,
    strategy: str | Automaton,
    cooperative: Any = None,
    *,
    punishment: Any = None,
    k: int = 1,
    assumptions: Sequence[Any] = (),
) -> Automaton:
    """The automaton of a named strategy profile (or check a user's automaton).

    Parameters
    ----------
    stage : NormalFormGame
    strategy : str or Automaton
        ``"grim_trigger"``, ``"tit_for_tat"`` (n players: each cooperates iff
        all others did last period), ``"k_period_punishment"`` (``k``
        periods of ``punishment``, restarted by any deviation, then back to
        cooperation) or ``"stick_and_carrot"`` (``k`` periods of the
        harshest pure profile — lowest total payoff — then cooperation), or
        an :class:`~nea_games.games._automata.Automaton`.
    cooperative, punishment : profile, optional
        Tuples of action names (or one name shared by all players); see the
        module notes for the defaults.
    k : int
        Punishment length for ``k_period_punishment`` and ``stick_and_carrot``.
    assumptions : sequence of sympy relationals
        Used to find stage equilibria of parametric games.

    Examples
    --------
    >>> from nea_games.games.catalog import prisoners_dilemma
    >>> strategy_automaton(prisoners_dilemma(), "grim_trigger").actions["punish"]
    ('Defect', 'Defect')
    >>> strategy_automaton(prisoners_dilemma(), "grim_triger")
    Traceback (most recent call last):
    ...
    nea_games.errors.UnknownNameError: unknown strategy 'grim_triger' (did you mean 'grim_trigger'?)...
    """
    if isinstance(strategy, Automaton):
        strategy.check_against(stage)
        return strategy
    if not isinstance(strategy, str) or strategy not in STRATEGIES:
        name = str(strategy)
        raise UnknownNameError(
            f"unknown strategy {name!r}{did_you_mean(name, STRATEGIES)}; known: {', '.join(STRATEGIES)}"
        )
    signer = Signer(stage.parameters, assumptions)
    coop = (
        profile_names(stage, cooperative, "cooperative")
        if cooperative is not None
        else tuple(a[0] for a in stage.actions)
    )
    builders: dict[str, Callable[[], Automaton]] = {
        "grim_trigger": lambda: Automaton.punishment(coop, punish(), None, name="grim trigger"),
        "tit_for_tat": lambda: Automaton.reciprocity(coop, punish(), name="tit-for-tat"),
        "k_period_punishment": lambda: Automaton.punishment(coop, punish(), k, name=f"{k}-period punishment"),
        "stick_and_carrot": lambda: Automaton.punishment(coop, stick(), k, name="stick and carrot"),
    }

    def punish() -> tuple[str, ...]:
        if punishment is not None:
            return profile_names(stage, punishment, "punishment")
        return _default_punishment(stage, signer)

    def stick() -> tuple[str, ...]:
        if punishment is not None:
            return profile_names(stage, punishment, "punishment")
        return _harshest(stage, signer)

    automaton = builders[strategy]()
    automaton.check_against(stage)
    return automaton
