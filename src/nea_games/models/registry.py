"""The registry of Northeast Asia models: list them, describe them, build them by name.

Each model lives in its own module of :mod:`nea_games.models` as a frozen
dataclass of named parameters; the registry imports a model's module only
when it is asked for, so listing stays cheap.

Examples
--------
>>> from nea_games.models import registry
>>> "multilateral" in registry.KNOWN
True
"""

from __future__ import annotations

import dataclasses
import importlib
from dataclasses import dataclass
from typing import Any

from nea_games.errors import UnknownNameError, ValidationError
from nea_games.games._names import did_you_mean

__all__ = ["KNOWN", "ModelEntry", "available", "get", "model_class"]


@dataclass(frozen=True)
class ModelEntry:
    """Where a model lives and what it is about."""

    name: str
    module: str
    cls: str
    summary: str


KNOWN: dict[str, ModelEntry] = {
    e.name: e
    for e in [
        ModelEntry(
            "multilateral",
            "nea_games.models.multilateral",
            "MultilateralModel",
            "when multilateral security cooperation is sustainable under great-power rivalry",
        ),
        ModelEntry(
            "buffer_dilemma",
            "nea_games.models.buffer_dilemma",
            "BufferDilemmaModel",
            "China's North Korea buffer dilemma and the leverage of multilateral talks",
        ),
        ModelEntry(
            "strategic_patience",
            "nea_games.models.strategic_patience",
            "StrategicPatienceModel",
            "US strategic patience versus containment, and US-Japan-ROK cohesion after a shift",
        ),
        ModelEntry(
            "inside_balancer",
            "nea_games.models.inside_balancer",
            "InsideBalancerModel",
            "South Korea hedging as an inside balancer between the blocs",
        ),
        ModelEntry(
            "quasi_alliance",
            "nea_games.models.quasi_alliance",
            "QuasiAllianceModel",
            "Japan-ROK cooperation driven by fear of US abandonment (Cha's quasi-alliance)",
        ),
    ]
}


def _entry(name: str) -> ModelEntry:
    if name not in KNOWN:
        raise UnknownNameError(
            f"unknown model {name!r}{did_you_mean(name, list(KNOWN))}; known: {', '.join(KNOWN)}"
        )
    return KNOWN[name]


def model_class(name: str) -> type[Any]:
    """The model's dataclass, importing its module.

    Raises
    ------
    nea_games.errors.UnknownNameError
        For an unknown name, or a model not yet shipped in this version.
    """
    entry = _entry(name)
    try:
        module = importlib.import_module(entry.module)
    except ModuleNotFoundError as error:
        if error.name != entry.module:
            raise
        raise UnknownNameError(f"model {name!r} is not available in this version of nea_games") from None
    cls: type[Any] = getattr(module, entry.cls)
    return cls


def available() -> dict[str, str]:
    """Models shipped in this version, with their one-line descriptions."""
    out = {}
    for name, entry in KNOWN.items():
        try:
            model_class(name)
        except UnknownNameError:
            continue
        out[name] = entry.summary
    return out


def get(name: str, **overrides: Any) -> Any:
    """Build a model by name with parameters overridden.

    Raises
    ------
    nea_games.errors.UnknownNameError
        For an unknown model or parameter name (with a did-you-mean).
    """
    cls = model_class(name)
    fields = [f.name for f in dataclasses.fields(cls)]
    for key in overrides:
        if key not in fields:
            raise UnknownNameError(
                f"model {name!r} has no parameter {key!r}{did_you_mean(key, fields)}; "
                f"parameters: {', '.join(fields)}"
            )
    try:
        return cls(**overrides)
    except TypeError as error:  # pragma: no cover - dataclass constructor errors
        raise ValidationError(f"model {name!r}: {error}") from None
