"""Turn the accepted payoff forms into one ``(n_players, *n_actions)`` array."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from nea_games.errors import ShapeError, UnknownNameError, ValidationError
from nea_games.games._names import did_you_mean

__all__ = ["payoff_array", "payoff_array_of_shape"]


def payoff_array(
    payoffs: Any, players: tuple[str, ...], actions: tuple[tuple[str, ...], ...]
) -> npt.NDArray[Any]:
    """Normalise ``payoffs`` to an object array of shape ``(n_players, *n_actions)``.

    Accepted forms: one array of that shape; a sequence of per-player arrays;
    a mapping from player name to that player's array; a mapping from action
    profiles (tuples of action names) to payoff tuples.
    """
    n_actions = tuple(len(a) for a in actions)
    expected = (len(players), *n_actions)
    if isinstance(payoffs, Mapping):
        if payoffs and all(isinstance(k, str) for k in payoffs):
            return _from_player_mapping(payoffs, players, n_actions)
        return _from_profile_mapping(payoffs, players, actions)
    if isinstance(payoffs, (str, bytes)):
        raise ValidationError("payoffs: expected an array or a mapping, got a string")
    if isinstance(payoffs, np.ndarray) and payoffs.dtype != object:
        array = payoffs.astype(object)
    else:
        try:
            array = np.empty(0, dtype=object)
            array = _nested_to_object_array(payoffs)
        except ValueError:
            raise ShapeError(
                f"payoffs: ragged nested sequences; expected shape {expected} (n_players, *n_actions)"
            ) from None
    if array.shape != expected:
        raise ShapeError(
            f"payoffs: expected an array of shape {expected} (n_players, *n_actions), got shape {array.shape}"
        )
    return array


def _nested_to_object_array(payoffs: Any) -> npt.NDArray[Any]:
    if isinstance(payoffs, Sequence) and payoffs and all(isinstance(p, np.ndarray) for p in payoffs):
        shapes = {p.shape for p in payoffs}
        if len(shapes) != 1:
            raise ValueError("ragged")
        return np.stack([p.astype(object) for p in payoffs])
    array = np.array(payoffs, dtype=object)
    # np.array(dtype=object) may silently build an array of lists for ragged input
    if any(isinstance(v, (list, tuple, np.ndarray)) for v in array.reshape(-1)):
        raise ValueError("ragged")
    return array


def _from_player_mapping(
    payoffs: Mapping[str, Any], players: tuple[str, ...], n_actions: tuple[int, ...]
) -> npt.NDArray[Any]:
    unknown = [k for k in payoffs if k not in players]
    if unknown:
        raise UnknownNameError(
            f"payoffs: unknown player {unknown[0]!r}{did_you_mean(unknown[0], players)}; "
            f"known: {', '.join(players)}"
        )
    missing = [p for p in players if p not in payoffs]
    if missing:
        raise ValidationError(f"payoffs: no payoff array for player {missing[0]!r}")
    tables = []
    for name in players:
        try:
            table = _nested_to_object_array(payoffs[name])
        except ValueError:
            raise ShapeError(f"payoffs[{name!r}]: ragged nested sequences") from None
        if table.shape != n_actions:
            raise ShapeError(f"payoffs[{name!r}]: expected shape {n_actions}, got shape {table.shape}")
        tables.append(table)
    return np.stack(tables)


def _from_profile_mapping(
    payoffs: Mapping[Any, Any], players: tuple[str, ...], actions: tuple[tuple[str, ...], ...]
) -> npt.NDArray[Any]:
    n = len(players)
    array = np.empty((n, *(len(a) for a in actions)), dtype=object)
    filled = np.zeros(array.shape[1:], dtype=bool)
    for profile, values in payoffs.items():
        profile_t = (profile,) if isinstance(profile, str) else tuple(profile)
        if len(profile_t) != n:
            raise ShapeError(f"payoffs: profile {profile!r} names {len(profile_t)} actions, expected {n}")
        index = []
        for i, action in enumerate(profile_t):
            if action not in actions[i]:
                raise UnknownNameError(
                    f"payoffs: profile {profile!r}: {action!r} is not an action of player "
                    f"{players[i]!r}{did_you_mean(str(action), actions[i])}; known: {', '.join(actions[i])}"
                )
            index.append(actions[i].index(action))
        values_t = tuple(values) if isinstance(values, (Sequence, np.ndarray)) else (values,)
        if len(values_t) != n:
            raise ShapeError(
                f"payoffs[{profile!r}]: expected {n} payoffs (one per player), got {len(values_t)}"
            )
        for i, value in enumerate(values_t):
            array[(i, *index)] = value
        filled[tuple(index)] = True
    if not filled.all():
        missing = next(itertools.compress(itertools.product(*actions), (~filled).reshape(-1)))
        raise ShapeError(f"payoffs: no payoffs given for the profile {missing!r}")
    return array


def payoff_array_of_shape(payoffs: Any, shape: tuple[int, ...], layout: str) -> npt.NDArray[Any]:
    """Payoffs given as one nested array: an object array of exactly ``shape``.

    ``layout`` names the axes for the error message, e.g.
    ``"(n_players, *n_types, *n_actions)"``.
    """
    if isinstance(payoffs, (str, bytes)):
        raise ValidationError("payoffs: expected a function, an array or a mapping, got a string")
    try:
        array = np.array(payoffs, dtype=object)
    except ValueError:
        raise ShapeError(f"payoffs: ragged nested sequences; expected shape {shape}") from None
    if array.shape != shape or any(isinstance(v, (list, tuple, np.ndarray)) for v in array.reshape(-1)):
        raise ShapeError(f"payoffs: expected an array of shape {shape} {layout}, got {array.shape}")
    return array
