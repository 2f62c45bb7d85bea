"""Turn the accepted forms of types, priors and payoffs of a Bayesian game into arrays.

Shapes: the prior is an array of shape ``n_types`` (one axis per player); the
payoffs an array of shape ``(n_players, *n_types, *n_actions)`` with
``payoffs[i][t_1, ..., t_n, a_1, ..., a_n]`` player i's payoff when the
types are ``t`` and the actions ``a``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from nea_games.errors import ShapeError, UnknownNameError, ValidationError
from nea_games.games._names import check_names, did_you_mean
from nea_games.games._payoff_input import payoff_array, payoff_array_of_shape

__all__ = [
    "DEFAULT_TYPE",
    "normalise_types",
    "payoff_tensor",
    "prior_array",
    "substitute",
    "substitution",
]

ALL: Any = slice(None)

#: Name of the single type of a player whose types are not given.
DEFAULT_TYPE = "default"


def _unknown_player(name: Any, players: tuple[str, ...], where: str) -> UnknownNameError:
    return UnknownNameError(
        f"{where}: unknown player {name!r}{did_you_mean(str(name), players)}; known: {', '.join(players)}"
    )


def normalise_types(types: Any, players: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Types as one tuple of names per player.

    ``types`` is a sequence of type-name lists (one per player), or a mapping
    from player name to type names; players left out of a mapping get the one
    type :data:`DEFAULT_TYPE`.
    """
    if isinstance(types, Mapping):
        for key in types:
            if key not in players:
                raise _unknown_player(key, players, "types")
        return tuple(
            check_names(types[p], f"types of {p!r}") if p in types else (DEFAULT_TYPE,) for p in players
        )
    if isinstance(types, (str, bytes)) or not isinstance(types, Sequence):
        raise ValidationError(
            "types: expected one list of type names per player, or a mapping player -> types"
        )
    if len(types) != len(players):
        raise ShapeError(f"types: got {len(types)} type lists for {len(players)} players")
    return tuple(check_names(t, f"types of {p!r}") for p, t in zip(players, types, strict=True))


def _type_index(name: Any, i: int, players: tuple[str, ...], types: tuple[tuple[str, ...], ...]) -> int:
    if name not in types[i]:
        raise UnknownNameError(
            f"{name!r} is not a type of player {players[i]!r}{did_you_mean(str(name), types[i])}; "
            f"known: {', '.join(types[i])}"
        )
    return types[i].index(name)


def _profile_key(key: Any, n: int, where: str) -> tuple[Any, ...]:
    key_t = (key,) if isinstance(key, str) else tuple(key)
    if len(key_t) != n:
        raise ShapeError(f"{where}: {key!r} names {len(key_t)} types, expected one per player ({n})")
    return key_t


def _type_profile(key: Any, players: tuple[str, ...], types: tuple[tuple[str, ...], ...]) -> tuple[int, ...]:
    key_t = _profile_key(key, len(players), "payoffs")
    return tuple(_type_index(k, i, players, types) for i, k in enumerate(key_t))


def _marginal(value: Any, i: int, players: tuple[str, ...], types: tuple[tuple[str, ...], ...]) -> list[Any]:
    if isinstance(value, Mapping):
        out: list[Any] = [0] * len(types[i])
        for name, p in value.items():
            out[_type_index(name, i, players, types)] = p
        return out
    values = list(value)
    if len(values) != len(types[i]):
        raise ShapeError(
            f"prior[{players[i]!r}]: expected {len(types[i])} probabilities (one per type), got {len(values)}"
        )
    return values


def prior_array(prior: Any, players: tuple[str, ...], types: tuple[tuple[str, ...], ...]) -> npt.NDArray[Any]:
    """The prior as an object array of shape ``n_types`` (not yet validated as probabilities).

    Accepted forms: an array of that shape (a correlated prior); a mapping
    from type profiles (tuples of type names) to probabilities, missing
    profiles having probability zero; or a mapping from player names to that
    player's marginal (a mapping type -> probability or a sequence), which
    makes the types independent; players with one type may be left out.
    """
    n_types = tuple(len(t) for t in types)
    n = len(players)
    if isinstance(prior, Mapping):
        if prior and all(isinstance(k, str) for k in prior) and all(k in players for k in prior):
            marginals = []
            for i, p in enumerate(players):
                if p in prior:
                    marginals.append(np.array(_marginal(prior[p], i, players, types), dtype=object))
                elif len(types[i]) == 1:
                    marginals.append(np.array([1], dtype=object))
                else:
                    raise ValidationError(
                        f"prior: no marginal for player {p!r}, who has {len(types[i])} types"
                    )
            joint = marginals[0]
            for m in marginals[1:]:
                joint = np.multiply.outer(joint, m)
            return np.asarray(joint, dtype=object).reshape(n_types)
        array = np.zeros(n_types, dtype=object)
        for key, p in prior.items():
            key_t = _profile_key(key, n, "prior")
            array[tuple(_type_index(k, i, players, types) for i, k in enumerate(key_t))] = p
        return array
    if isinstance(prior, (str, bytes)):
        raise ValidationError("prior: expected an array or a mapping, got a string")
    if n == 1 and isinstance(prior, Sequence) and not isinstance(prior, np.ndarray):
        prior = list(prior)
    try:
        array = np.array(prior, dtype=object)
    except ValueError:
        raise ShapeError(f"prior: ragged nested sequences; expected shape {n_types}") from None
    if array.shape != n_types or any(isinstance(v, (list, tuple, np.ndarray)) for v in array.reshape(-1)):
        raise ShapeError(
            f"prior: expected an array of shape {n_types} (one axis per player), got {array.shape}"
        )
    return array


def _call_payoff(
    function: Callable[..., Any],
    players: tuple[str, ...],
    types: tuple[tuple[str, ...], ...],
    actions: tuple[tuple[str, ...], ...],
) -> npt.NDArray[Any]:
    n = len(players)
    shape = (n, *(len(t) for t in types), *(len(a) for a in actions))
    array = np.empty(shape, dtype=object)
    type_indices = itertools.product(*(range(len(t)) for t in types))
    for t_index in type_indices:
        type_names = tuple(types[i][k] for i, k in enumerate(t_index))
        for a_index in itertools.product(*(range(len(a)) for a in actions)):
            action_names = tuple(actions[i][k] for i, k in enumerate(a_index))
            values = function(type_names, action_names)
            values_t = tuple(values) if isinstance(values, (Sequence, np.ndarray)) else (values,)
            if len(values_t) != n:
                raise ShapeError(
                    f"payoffs{type_names, action_names}: the function returned {len(values_t)} payoffs, "
                    f"expected one per player ({n})"
                )
            for i, value in enumerate(values_t):
                array[(i, *t_index, *a_index)] = value
    return array


def _is_pair_key(key: Any) -> bool:
    return isinstance(key, tuple) and len(key) == 2 and all(isinstance(part, (tuple, list)) for part in key)


def payoff_tensor(
    payoffs: Any,
    players: tuple[str, ...],
    types: tuple[tuple[str, ...], ...],
    actions: tuple[tuple[str, ...], ...],
    prior: npt.NDArray[Any],
) -> npt.NDArray[Any]:
    """Payoffs as an object array of shape ``(n_players, *n_types, *n_actions)``.

    Accepted forms: a callable ``payoffs(types, actions) -> tuple`` (names in,
    one payoff per player out); an array of that shape; a mapping from
    ``(type_profile, action_profile)`` pairs to payoff tuples; or a mapping
    from type profiles to the payoffs of the game at those types (anything
    :class:`~nea_games.games.normal_form.NormalFormGame` accepts, or a
    ``NormalFormGame`` with the same players and actions). Type profiles with
    zero prior probability may be left out of the mappings (their payoffs are
    set to 0; they never matter).
    """
    n = len(players)
    n_types = tuple(len(t) for t in types)
    n_actions = tuple(len(a) for a in actions)
    shape = (n, *n_types, *n_actions)
    if callable(payoffs) and not isinstance(payoffs, (Mapping, np.ndarray)):
        return _call_payoff(payoffs, players, types, actions)
    if isinstance(payoffs, Mapping):
        array = np.empty(shape, dtype=object)
        filled = np.zeros(n_types + n_actions, dtype=bool)
        if payoffs and all(_is_pair_key(k) for k in payoffs):
            for (type_key, action_key), values in payoffs.items():
                t_index = _type_profile(type_key, players, types)
                a_key = _profile_key(action_key, n, "payoffs")
                a_index = []
                for i, a in enumerate(a_key):
                    if a not in actions[i]:
                        raise UnknownNameError(
                            f"payoffs: {a!r} is not an action of player {players[i]!r}"
                            f"{did_you_mean(str(a), actions[i])}; known: {', '.join(actions[i])}"
                        )
                    a_index.append(actions[i].index(a))
                values_t = tuple(values) if isinstance(values, (Sequence, np.ndarray)) else (values,)
                if len(values_t) != n:
                    raise ShapeError(
                        f"payoffs[{type_key!r}, {action_key!r}]: expected {n} payoffs, got {len(values_t)}"
                    )
                for i, value in enumerate(values_t):
                    array[(i, *t_index, *a_index)] = value
                filled[(*t_index, *a_index)] = True
        else:
            for type_key, block in payoffs.items():
                t_index = _type_profile(type_key, players, types)
                array[(ALL, *t_index)] = _block(block, type_key, players, actions)
                filled[t_index] = True
        for profile in itertools.product(*(range(m) for m in n_types)):
            where: tuple[int, ...] = tuple(profile)
            if not filled[where].all():
                if prior[where] == 0:
                    array[(ALL, *where)] = 0
                    continue
                names = tuple(types[i][k] for i, k in enumerate(where))
                raise ShapeError(
                    f"payoffs: no payoffs for type profile {names!r} (it has positive probability)"
                )
        return array
    return payoff_array_of_shape(payoffs, shape, "(n_players, *n_types, *n_actions)")


def _block(
    block: Any, type_key: Any, players: tuple[str, ...], actions: tuple[tuple[str, ...], ...]
) -> npt.NDArray[Any]:
    from nea_games.games.normal_form import NormalFormGame

    if isinstance(block, NormalFormGame):
        if block.players != players or block.actions != actions:
            raise ValidationError(
                f"payoffs[{type_key!r}]: the game's players and actions must be those of the Bayesian game"
            )
        return np.asarray(block.payoffs, dtype=object)
    try:
        return payoff_array(block, players, actions)
    except ShapeError as error:
        raise ShapeError(f"payoffs[{type_key!r}]: {error}") from None


def substitution(
    parameters: Sequence[sympy.Symbol], values: Mapping[Any, Any] | None, kwargs: Mapping[str, Any]
) -> dict[sympy.Symbol, Any]:
    """Map ``{name or symbol: value}`` (plus keyword arguments) onto a game's parameters.

    Raises
    ------
    nea_games.errors.UnknownNameError
        If a name is not one of ``parameters``.
    """
    mapping: dict[Any, Any] = dict(values or {})
    mapping.update(kwargs)
    by_name = {p.name: p for p in parameters}
    out: dict[sympy.Symbol, Any] = {}
    for key, value in mapping.items():
        name = key.name if isinstance(key, sympy.Symbol) else str(key)
        if name not in by_name:
            raise UnknownNameError(
                f"subs: {name!r} is not a parameter of this game{did_you_mean(name, list(by_name))}; "
                f"parameters: {', '.join(by_name) or 'none'}"
            )
        out[by_name[name]] = sympy.nsimplify(value) if isinstance(value, str) else value
    return out


def substitute(array: npt.NDArray[Any], values: Mapping[sympy.Symbol, Any]) -> npt.NDArray[Any]:
    """Object array with ``values`` substituted into every entry."""
    out = np.empty(array.size, dtype=object)
    out[:] = [sympy.sympify(v).subs(values) for v in array.reshape(-1)]
    return out.reshape(array.shape)
