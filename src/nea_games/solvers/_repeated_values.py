r"""Continuation values of an automaton and its deviation conditions.

For a profile automaton with states :math:`q`, outputs :math:`f(q)` and
transitions :math:`\tau`, player *i*'s normalised discounted value solves the
linear system

.. math::

    V_i(q) = (1 - \delta)\, u_i(f(q)) + \delta\, V_i(\tau(q, f(q))),

i.e. :math:`(I - \delta P) V_i = (1 - \delta) u_i`, with :math:`P` the 0/1
transition matrix of on-path play. The one-shot deviation gain of action
:math:`b` in state :math:`q` is

.. math::

    g_i(q, b) = (1 - \delta)\, u_i(b, f_{-i}(q)) + \delta\, V_i(\tau(q, (b, f_{-i}(q)))) - V_i(q),

and the profile is subgame perfect iff every gain is :math:`\le 0` at every
state (the one-shot deviation principle; Fudenberg & Tirole 1991, Thm 4.2).
For Nash equilibrium the deviator may use any stationary policy on the
automaton's states (an optimal one exists in a discounted MDP): the gain is
:math:`V_i^{\pi}(q_0) - V_i(q_0)` for every deterministic policy :math:`\pi`.
Everything is computed in sympy, so exact inputs give exact rational
functions of :math:`\delta`.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Literal

import sympy

from nea_games.errors import BudgetExceededError
from nea_games.games._automata import Automaton
from nea_games.games.normal_form import NormalFormGame

__all__ = ["Condition", "deviation_conditions", "sympy_payoffs"]

Concept = Literal["subgame_perfect", "nash"]

#: Largest number of deviation policies enumerated for the Nash check.
MAX_POLICIES = 4096


@dataclass(frozen=True)
class Condition:
    """One incentive constraint: ``gain <= 0`` must hold."""

    player: str
    state: str
    deviation: str
    gain: Any


def sympy_payoffs(stage: NormalFormGame) -> Any:
    """The stage payoffs as a sympy-valued object array (floats as exact binary rationals)."""
    import numpy as np

    flat = []
    for value in stage.payoffs.reshape(-1):
        if isinstance(value, sympy.Basic):
            flat.append(value)
        elif isinstance(value, float):
            flat.append(sympy.Rational(value))
        else:
            flat.append(sympy.Rational(value.numerator, value.denominator))
    array = np.empty(len(flat), dtype=object)
    array[:] = flat
    return array.reshape(stage.shape)


def _values(
    payoffs: Any, player: int, outputs: list[tuple[int, ...]], successor: list[int], delta: Any
) -> list[Any]:
    """Solve ``(I - delta P) V = (1 - delta) u`` for the state values of one player."""
    n = len(outputs)
    matrix = sympy.eye(n)
    for q in range(n):
        matrix[q, successor[q]] -= delta
    rhs = sympy.Matrix([(1 - delta) * payoffs[(player, *outputs[q])] for q in range(n)])
    solution = matrix.LUsolve(rhs)
    return [sympy.cancel(v) for v in solution]


def _reachable(
    moves: list[dict[tuple[int, ...], int]], outputs: list[tuple[int, ...]], player: int, start: int
) -> list[int]:
    """States reachable from ``start`` when ``player`` may play anything and the others follow."""
    seen, frontier = {start}, [start]
    while frontier:
        q = frontier.pop()
        for profile, target in moves[q].items():
            others_follow = all(profile[j] == outputs[q][j] for j in range(len(profile)) if j != player)
            if others_follow and target not in seen:
                seen.add(target)
                frontier.append(target)
    return sorted(seen)


def deviation_conditions(
    stage: NormalFormGame, automaton: Automaton, delta: Any, concept: Concept = "subgame_perfect"
) -> list[Condition]:
    """Every incentive constraint of ``automaton`` in ``stage`` at discount ``delta``.

    ``delta`` may be a number or a sympy symbol; gains are sympy expressions.

    Examples
    --------
    >>> from nea_games.games.catalog import prisoners_dilemma
    >>> pd = prisoners_dilemma()
    >>> grim = Automaton.punishment(("Cooperate",) * 2, ("Defect",) * 2, None, name="grim")
    >>> d = sympy.Symbol("delta")
    >>> first = deviation_conditions(pd, grim, d)[0]
    >>> first.player, first.state, first.deviation, sympy.expand(first.gain)
    ('Row', 'cooperate', 'Defect', 2 - 4*delta)
    """
    payoffs = sympy_payoffs(stage)
    outputs, moves = automaton.table(stage)
    successor = [moves[q][outputs[q]] for q in range(len(outputs))]
    conditions: list[Condition] = []
    for i, player in enumerate(stage.players):
        values = _values(payoffs, i, outputs, successor, delta)
        if concept == "subgame_perfect":
            for q, state in enumerate(automaton.states):
                for b in range(stage.n_actions[i]):
                    if b == outputs[q][i]:
                        continue
                    profile = (*outputs[q][:i], b, *outputs[q][i + 1 :])
                    gain = (
                        (1 - delta) * payoffs[(i, *profile)] + delta * values[moves[q][profile]] - values[q]
                    )
                    conditions.append(Condition(player, state, stage.actions[i][b], gain))
        else:
            conditions.extend(_nash_conditions(stage, automaton, payoffs, i, outputs, moves, values, delta))
    return conditions


def _nash_conditions(
    stage: NormalFormGame,
    automaton: Automaton,
    payoffs: Any,
    i: int,
    outputs: list[tuple[int, ...]],
    moves: list[dict[tuple[int, ...], int]],
    values: list[Any],
    delta: Any,
) -> list[Condition]:
    start = automaton.states.index(automaton.initial)
    states = _reachable(moves, outputs, i, start)
    count = stage.n_actions[i] ** len(states)
    if count > MAX_POLICIES:
        raise BudgetExceededError(
            f"nash check: {count} deviation policies for {stage.players[i]!r} exceed {MAX_POLICIES}; "
            "use concept='subgame_perfect'"
        )
    position = {q: k for k, q in enumerate(states)}
    found = []
    for policy in itertools.product(range(stage.n_actions[i]), repeat=len(states)):
        if all(policy[position[q]] == outputs[q][i] for q in states):
            continue
        played = [(*outputs[q][:i], policy[position[q]], *outputs[q][i + 1 :]) for q in states]
        successor = [position[moves[q][played[k]]] for k, q in enumerate(states)]
        local = _values(payoffs, i, played, successor, delta)
        label = "; ".join(f"{automaton.states[q]}: {stage.actions[i][policy[position[q]]]}" for q in states)
        gain = local[position[start]] - values[start]
        found.append(Condition(stage.players[i], automaton.initial, label, gain))
    return found
