"""Conversions of a Bayesian game to its agent normal form and its strategic (ex-ante) form.

Both are built by broadcasting: the payoff block of each type profile, an
array over the players' actions, is placed on the axes of the agents of those
types and added, weighted by the prior (ex-ante) or the conditional prior
(interim), into each agent's table. See :mod:`nea_games.games.bayesian`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import sympy

from nea_games.errors import BudgetExceededError
from nea_games.games._probability import is_exact_zero
from nea_games.games.normal_form import NormalFormGame
from nea_games.games.render import format_number

if TYPE_CHECKING:
    from nea_games.games.bayesian import BayesianGame

__all__ = [
    "agent_layout",
    "agent_normal_form",
    "agent_tables",
    "all_players",
    "check_size",
    "derived_title",
    "expand",
    "profile_label",
    "strategic_form",
    "to_text",
]


def all_players(t: tuple[int, ...]) -> tuple[Any, ...]:
    """Index selecting every player's payoffs at type profile ``t``."""
    return (slice(None), *t)


def expand(block: npt.NDArray[Any], positions: Sequence[int], ndim: int) -> npt.NDArray[Any]:
    """Put axis ``j`` of ``block`` at axis ``positions[j]`` of an ``ndim``-array (size 1 elsewhere)."""
    order = np.argsort(positions)
    shape = [1] * ndim
    for j, pos in enumerate(positions):
        shape[pos] = block.shape[j]
    return block.transpose(order).reshape(shape)


def agent_layout(
    game: BayesianGame, include_null_types: bool
) -> tuple[list[tuple[int, int]], dict[tuple[int, int], int]]:
    """Agents as (player, type) positions, and the axis of each in agent profiles."""
    pairs = [
        (game.player_index(p), game.type_index(p, t))
        for p, t in game.agents(include_null_types=include_null_types)
    ]
    return pairs, {pair: k for k, pair in enumerate(pairs)}


def check_size(game: BayesianGame, pairs: list[tuple[int, int]], what: str, max_entries: int | None) -> None:
    """Raise ``BudgetExceededError`` if a conversion would build more than ``max_entries`` entries."""
    size = len(pairs) * int(np.prod([game.n_actions[i] for i, _ in pairs], dtype=float))
    if max_entries is not None and size > max_entries:
        raise BudgetExceededError(
            f"{what}: would hold {size:.3g} payoff entries, more than max_entries={max_entries}; "
            "raise the bound or solve for pure equilibria with a direct method"
        )


def agent_tables(
    game: BayesianGame,
    prior: npt.NDArray[Any],
    payoffs: npt.NDArray[Any],
    pairs: list[tuple[int, int]],
    position: dict[tuple[int, int], int],
    conditional: bool,
) -> list[Any]:
    """Per agent: its (ex-ante or interim) payoff over agent profiles, broadcastable."""
    ndim = len(pairs)
    n = game.n_players
    tables: list[Any] = [0] * ndim
    marginals = [game.marginal(i) for i in range(n)]
    for t in itertools.product(*(range(m) for m in game.n_types)):
        weight = prior[t]
        if is_exact_zero(weight) or any((j, t[j]) not in position for j in range(n)):
            continue
        positions = [position[(j, t[j])] for j in range(n)]
        for i in range(n):
            w = weight
            if conditional:
                w = weight / marginals[i][game.types[i][t[i]]]
                if game.kind == "symbolic":
                    w = sympy.cancel(w)
            k = position[(i, t[i])]
            tables[k] = tables[k] + w * expand(payoffs[(i, *t)], positions, ndim)
    return tables


def derived_title(game: BayesianGame, what: str) -> str:
    """Title of a converted game."""
    return f"{game.title} ({what})" if game.title else what


def agent_normal_form(
    game: BayesianGame, include_null_types: bool, max_entries: int | None
) -> NormalFormGame:
    """See :meth:`nea_games.games.bayesian.BayesianGame.agent_normal_form`."""
    pairs, position = agent_layout(game, include_null_types)
    check_size(game, pairs, "agent_normal_form", max_entries)
    shape = tuple(game.n_actions[i] for i, _ in pairs)
    tables = agent_tables(game, game.prior, game.payoffs, pairs, position, conditional=True)
    zero: Any = 0.0 if game.kind == "float" else 0
    array = np.empty((len(pairs), *shape), dtype=float if game.kind == "float" else object)
    for k, table in enumerate(tables):
        if isinstance(table, int):  # no type profile of positive probability: a null type
            table = np.full(shape, zero, dtype=array.dtype)
        array[k] = np.broadcast_to(table, shape)
    names = [game.agent_name(i, t) for i, t in pairs]
    return NormalFormGame(
        names, [game.actions[i] for i, _ in pairs], array, title=derived_title(game, "agent normal form")
    )


def strategic_form(game: BayesianGame, include_null_types: bool, max_entries: int | None) -> NormalFormGame:
    """See :meth:`nea_games.games.bayesian.BayesianGame.strategic_form`."""
    pairs, position = agent_layout(game, include_null_types)
    check_size(game, pairs, "strategic_form", max_entries)
    shape = tuple(game.n_actions[i] for i, _ in pairs)
    array = np.empty((game.n_players, *shape), dtype=float if game.kind == "float" else object)
    for i in range(game.n_players):
        total: Any = 0
        for t in itertools.product(*(range(m) for m in game.n_types)):
            if is_exact_zero(game.prior[t]) or any((j, t[j]) not in position for j in range(game.n_players)):
                continue
            positions = [position[(j, t[j])] for j in range(game.n_players)]
            total = total + game.prior[t] * expand(game.payoffs[(i, *t)], positions, len(pairs))
        array[i] = np.broadcast_to(total, shape)
    counts = [int(np.prod([game.n_actions[i] for j, _ in pairs if j == i])) for i in range(game.n_players)]
    names = [game.strategy_names(i, include_null_types=include_null_types) for i in range(game.n_players)]
    return NormalFormGame(
        game.players,
        names,
        array.reshape(game.n_players, *counts),
        title=derived_title(game, "strategic form"),
    )


def profile_label(game: BayesianGame, t: Sequence[str]) -> str:
    """The types of the players who have several, e.g. ``"Tough, High"``."""
    shown = [name for i, name in enumerate(t) if len(game.types[i]) > 1]
    return ", ".join(shown) if shown else "no private information"


def to_text(game: BayesianGame) -> str:
    """Plain-text description: types, prior, and the payoff table at each likely type profile."""
    title = f" {game.title!r}" if game.title else ""
    lines = [f"Bayesian game{title}"]
    for player, names in zip(game.players, game.types, strict=True):
        if len(names) > 1:
            lines.append(f"types of {player}: {', '.join(names)}")
    for t in game.type_profiles():
        p = game.probability(t)
        if is_exact_zero(p):
            continue
        lines.append("")
        lines.append(f"types ({profile_label(game, t)}), probability {format_number(p)}:")
        lines.append(game.game_at(t).to_text())
    return "\n".join(lines)
