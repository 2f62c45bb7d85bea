"""Validation of player and action names, and look-ups by name or position."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any

from nea_games.errors import DuplicateNameError, ShapeError, UnknownNameError, ValidationError

__all__ = ["check_names", "did_you_mean", "index_of"]


def check_names(names: Sequence[Any], what: str) -> tuple[str, ...]:
    """Return ``names`` as a tuple of non-empty, distinct strings."""
    if isinstance(names, str):
        raise ValidationError(f"{what}: expected a sequence of names, got the single string {names!r}")
    result = []
    for k, name in enumerate(names):
        if not isinstance(name, (str, int)) or isinstance(name, bool):
            raise ValidationError(f"{what}[{k}]: names must be strings, got {name!r}")
        text = str(name)
        if not text:
            raise ValidationError(f"{what}[{k}]: names must not be empty")
        result.append(text)
    if not result:
        raise ShapeError(f"{what}: at least one name is required")
    seen: set[str] = set()
    for name in result:
        if name in seen:
            raise DuplicateNameError(f"{what}: the name {name!r} appears more than once")
        seen.add(name)
    return tuple(result)


def did_you_mean(name: str, choices: Sequence[str]) -> str:
    """A ' (did you mean ...?)' suffix for an unknown name, or ''."""
    close = difflib.get_close_matches(name, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def index_of(key: Any, names: Sequence[str], what: str) -> int:
    """Position of ``key`` (a name or an integer position) in ``names``."""
    if isinstance(key, str):
        try:
            return list(names).index(key)
        except ValueError:
            raise UnknownNameError(
                f"unknown {what} {key!r}{did_you_mean(key, names)}; known: {', '.join(names)}"
            ) from None
    if isinstance(key, int) and not isinstance(key, bool):
        if -len(names) <= key < len(names):
            return key % len(names)
        raise UnknownNameError(f"{what} position {key} is out of range for {len(names)} {what}s")
    raise UnknownNameError(f"{what} must be given by name or position, got {key!r}")
