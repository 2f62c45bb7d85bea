"""The registry of Northeast Asia models: list them, describe them, build them by name.

Each model lives in its own module of :mod:`nea_games.models` as a frozen
dataclass of named parameters; the registry imports a model's module only
when it is asked for, so listing stays cheap.

Examples
--------
>>> from nea_games.models import registry
>>> "multilateral" in registry.KNOWN
True
>>> [p.name for p in registry.describe("quasi_alliance")][:3]
['kappa', 'beta_J', 'beta_K']
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import re
from dataclasses import dataclass
from typing import Any

from nea_games.errors import UnknownNameError, ValidationError
from nea_games.games._names import did_you_mean

__all__ = [
    "KNOWN",
    "ModelEntry",
    "ParameterInfo",
    "available",
    "describe",
    "get",
    "model_class",
    "parameter_names",
    "question",
]


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


def parameter_names(name: str) -> tuple[str, ...]:
    """The model's parameter names, in the order of its dataclass fields.

    Examples
    --------
    >>> parameter_names("quasi_alliance")[:2]
    ('kappa', 'beta_J')
    """
    return tuple(f.name for f in dataclasses.fields(model_class(name)))


def describe(name: str) -> list[ParameterInfo]:
    """Every parameter of a model: name, default and meaning.

    The default is the dataclass field's own default; the meaning is read
    from the ``Parameters`` section of the model class's numpydoc docstring
    (with :mod:`numpydoc` when it is installed, else with a small parser of
    the same format).

    Raises
    ------
    nea_games.errors.UnknownNameError
        For an unknown model, or one not shipped in this version.

    Examples
    --------
    >>> info = describe("quasi_alliance")[0]
    >>> info.name, info.default
    ('kappa', Fraction(3, 5))
    >>> info.meaning.startswith("US commitment")
    True
    """
    return _parameter_infos(model_class(name))


def question(name: str) -> str | None:
    """The model's question in plain words (its ``QUESTION`` class attribute), if it states one."""
    text = getattr(model_class(name), "QUESTION", None)
    return text if isinstance(text, str) else None


# ---------------------------------------------------------------------------- docstrings
@dataclass(frozen=True)
class ParameterInfo:
    """One model parameter as documented.

    Attributes
    ----------
    name : str
        The dataclass field (and keyword argument) name.
    default : object
        The field's default value (exact where the model's default is exact).
    meaning : str
        The docstring's description, joined into one line ("" if undocumented).
    spec : str
        The docstring's type text, e.g. ``"number or sympy expression, default 3/5"``.
    kind : {"number", "integer", "text", "other"}
        What a value from a file or the command line may be, from the field's annotation:
        ``int`` fields take whole numbers, ``str`` fields text, tuples and other
        containers cannot be set that way, and everything else takes numbers.
    """

    name: str
    default: Any
    meaning: str
    spec: str = ""
    kind: str = "number"


def _numpydoc_parameters(doc: str) -> list[tuple[str, str, list[str]]] | None:
    try:
        from numpydoc.docscrape import NumpyDocString  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - numpydoc is a docs dependency
        return None
    try:
        parsed = NumpyDocString(doc)
    except Exception:  # pragma: no cover - malformed docstrings fall back to the small parser
        return None
    return [(p.name, p.type, list(p.desc)) for p in parsed["Parameters"]]


def _simple_parameters(doc: str) -> list[tuple[str, str, list[str]]]:
    """The ``Parameters`` section of a numpydoc docstring: ``(names, type, description lines)``."""
    lines = inspect.cleandoc(doc).splitlines()
    out: list[tuple[str, str, list[str]]] = []
    inside = False
    k = 0
    while k < len(lines):
        line = lines[k]
        underline = k + 1 < len(lines) and re.fullmatch(r"-{3,}", lines[k + 1].strip()) is not None
        if underline and line and not line[0].isspace():
            inside = line.strip() == "Parameters"
            k += 2
            continue
        if inside and line and not line[0].isspace():
            names, _, spec = line.partition(" : ") if " : " in line else (line.rstrip(":"), "", "")
            out.append((names.strip(), spec.strip(), []))
        elif inside and line.strip() and out:
            out[-1][2].append(line.strip())
        k += 1
    return out


def _parameter_infos(cls: type[Any]) -> list[ParameterInfo]:
    doc = inspect.getdoc(cls) or ""
    entries = _numpydoc_parameters(doc)
    if entries is None:
        entries = _simple_parameters(doc)
    documented: dict[str, tuple[str, str]] = {}
    for names, spec, desc in entries:
        for one in names.split(","):
            documented.setdefault(one.strip(), (" ".join(d.strip() for d in desc if d.strip()), spec))
    infos = []
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            default: Any = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:  # pragma: no cover - every model parameter has a default
            default = None
        meaning, spec = documented.get(f.name, ("", ""))
        infos.append(ParameterInfo(f.name, default, meaning, spec, _kind(f.type)))
    return infos


def _kind(annotation: Any) -> str:
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", str(annotation))
    text = text.replace("typing.", "")
    if text == "int":
        return "integer"
    if text == "str":
        return "text"
    if text.startswith(("tuple", "list", "dict", "Sequence", "Mapping")):
        return "other"
    return "number"
