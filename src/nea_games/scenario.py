r"""Scenario files: a model, its parameter values and the axes of a sweep, in TOML.

A *scenario* fixes a point :math:`\theta \in \Theta` of a model's parameter
space (the values in ``[parameters]``; every other parameter keeps its
default) and, optionally, a grid :math:`G = X_1 \times \dots \times X_k` of
evenly spaced values on some of its axes (``[sweep]``), each
:math:`X_j = \{a_j + i\,(b_j - a_j)/(n_j - 1) : i = 0, \dots, n_j - 1\}`.
A file reads::

    title = "A credible US buffer guarantee"
    model = "buffer_dilemma"

    [parameters]
    g = "1/2"          # exact fractions as strings; integers and floats too

    [sweep]            # optional: the axes of an equilibrium map
    q = { start = 0, stop = 1, num = 41 }
    g = { start = 0, stop = 1, num = 41 }

    [output]           # optional
    dir = "nea-report"

Files are read with :mod:`tomllib` and nothing in them is ever evaluated:
a value is an integer, a float, or a string holding an exact number
(``"1/2"``, ``"0.25"``, ``"-3"``); integers and strings become
:class:`fractions.Fraction`. Every mistake raises
:class:`~nea_games.errors.ScenarioError` (or :class:`~nea_games.errors.ParseError`
for TOML syntax, with line and column) naming the file and the key. The
ranges a model assumes (a probability in [0, 1] ...) are checked when the
model is built (:meth:`Scenario.build`).

Examples
--------
>>> from nea_games.scenario import parse_scenario
>>> s = parse_scenario('model = "quasi_alliance"\n[parameters]\nkappa = "2/5"\n')
>>> s.parameters
{'kappa': Fraction(2, 5)}
>>> s.build().solve().headline["(C, C) is an equilibrium"]
True
>>> parse_scenario(s.to_toml()) == s
True
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from nea_games.errors import NeaGamesError, ParseError, ScenarioError
from nea_games.games._names import did_you_mean

__all__ = [
    "MAX_AXIS_POINTS",
    "MAX_GRID_POINTS",
    "Scenario",
    "SweepAxis",
    "load_scenario",
    "parse_number",
    "parse_scenario",
    "parse_value",
    "sweep_inputs",
]

#: Most points one sweep axis may have.
MAX_AXIS_POINTS = 100_000
#: Most points a scenario's whole grid may have.
MAX_GRID_POINTS = 10_000_000

Number = Fraction | float
TOP_KEYS = ("title", "model", "parameters", "sweep", "output")
AXIS_KEYS = ("start", "stop", "num")
OUTPUT_KEYS = ("dir",)


def parse_number(value: Any, where: str) -> Number:
    """One parameter value from a file or the command line, as ``Fraction`` or finite ``float``.

    Integers and strings (``"1/2"``, ``"0.25"``, ``"3"``) become exact
    fractions; floats stay floats. Nothing is evaluated.

    Raises
    ------
    nea_games.errors.ScenarioError
        For anything that is not a finite number, naming ``where``.

    Examples
    --------
    >>> parse_number("9/14", "q"), parse_number(0.5, "q")
    (Fraction(9, 14), 0.5)
    >>> parse_number("nan", "q")
    Traceback (most recent call last):
    ...
    nea_games.errors.ScenarioError: q: expected a finite number such as 3/5 or 0.6, got 'nan'
    """
    if isinstance(value, bool):
        raise ScenarioError(f"{where}: expected a number, got the boolean {str(value).lower()}")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ScenarioError(f"{where}: expected a finite number, got {value!r}")
        return value
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,4})?(/\d+)?", text):
            try:
                return Fraction(text)
            except (ValueError, ZeroDivisionError):
                pass
        raise ScenarioError(f"{where}: expected a finite number such as 3/5 or 0.6, got {value!r}")
    raise ScenarioError(f"{where}: expected a number, got {type(value).__name__} {value!r}")


def parse_value(kind: str, value: Any, where: str) -> Any:
    """A parameter value of the given kind (see :class:`~nea_games.models.registry.ParameterInfo`).

    ``"number"``: :func:`parse_number`; ``"integer"``: a whole number (``3`` or ``"3"``);
    ``"text"``: a string, kept as it is; ``"other"``: refused (such parameters are set
    in Python only).

    Raises
    ------
    nea_games.errors.ScenarioError
        For a value that does not fit, naming ``where``.

    Examples
    --------
    >>> parse_value("integer", "2", "k"), parse_value("text", "grim", "strategy")
    (2, 'grim')
    """
    if kind == "text":
        if not isinstance(value, str):
            raise ScenarioError(f"{where}: expected text (a quoted string), got {value!r}")
        return value
    if kind == "integer":
        if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d{1,18}\s*", value):
            return int(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise ScenarioError(f"{where}: expected a whole number, got {value!r}")
    if kind == "other":
        raise ScenarioError(f"{where}: this parameter cannot be set from a file or the command line")
    return parse_number(value, where)


@dataclass(frozen=True)
class SweepAxis:
    """Evenly spaced values ``start, ..., stop`` (``num`` of them, ends included).

    Examples
    --------
    >>> SweepAxis(Fraction(0), Fraction(1), 5).values()
    array([0.  , 0.25, 0.5 , 0.75, 1.  ])
    >>> SweepAxis(1, 0, 5)
    Traceback (most recent call last):
    ...
    nea_games.errors.ScenarioError: sweep axis: start (1) must be below stop (0)
    """

    start: Number
    stop: Number
    num: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", parse_number(self.start, "sweep axis: start"))
        object.__setattr__(self, "stop", parse_number(self.stop, "sweep axis: stop"))
        if isinstance(self.num, bool) or not isinstance(self.num, int):
            raise ScenarioError(f"sweep axis: num must be a whole number, got {self.num!r}")
        if self.num < 2:
            raise ScenarioError(f"sweep axis: num must be at least 2, got {self.num}")
        if self.num > MAX_AXIS_POINTS:
            raise ScenarioError(f"sweep axis: num must be at most {MAX_AXIS_POINTS}, got {self.num}")
        if not self.start < self.stop:
            raise ScenarioError(f"sweep axis: start ({self.start}) must be below stop ({self.stop})")

    def values(self) -> npt.NDArray[np.float64]:
        """The axis as a float array (what a sweep evaluates)."""
        return np.linspace(float(self.start), float(self.stop), self.num)


def _model_kinds(model: str) -> dict[str, str]:
    """``{parameter: kind}`` of a registered model."""
    from nea_games.models import registry

    if model not in registry.KNOWN:
        raise ScenarioError(f"model: unknown model {model!r}{did_you_mean(model, list(registry.KNOWN))}")
    try:
        return {p.name: p.kind for p in registry.describe(model)}
    except NeaGamesError as error:
        raise ScenarioError(f"model: {error}") from None


def _check_name(name: Any, fields: Iterable[str], model: str, where: str) -> str:
    fields = tuple(fields)
    if not isinstance(name, str) or name not in fields:
        raise ScenarioError(
            f"{where} {name}: model {model!r} has no parameter {name!r}{did_you_mean(str(name), fields)}; "
            f"parameters: {', '.join(fields)}"
        )
    return name


@dataclass(frozen=True)
class Scenario:
    """A model with parameter values, optional sweep axes and output options.

    Building one validates the model name (with a did-you-mean), the
    parameter names and that every value is a finite number; the model's own
    ranges are checked by :meth:`build`. Scenarios compare equal when their
    contents do (``source`` is ignored); they are not hashable.

    Attributes
    ----------
    title : str
        A short description ("" for none).
    model : str
        A name from :func:`nea_games.models.registry.available`.
    parameters : dict
        ``{name: value}`` overriding the model's defaults: ``Fraction`` or ``float``
        (``int`` or ``str`` for the few integer or text parameters).
    sweep : dict
        ``{name: SweepAxis}``: the axes of the scenario's equilibrium map.
    output : dict
        ``{"dir": str}``: where a report goes.
    source : str
        Where the scenario came from (a path or ``"<string>"``), for messages.
    """

    title: str
    model: str
    parameters: dict[str, Any] = field(default_factory=dict)
    sweep: dict[str, SweepAxis] = field(default_factory=dict)
    output: dict[str, str] = field(default_factory=dict)
    source: str = field(default="<scenario>", compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.title, str):
            raise ScenarioError(f"title: expected a string, got {self.title!r}")
        if not isinstance(self.model, str):
            raise ScenarioError(f"model: expected a model name (a string), got {self.model!r}")
        kinds = _model_kinds(self.model)
        params = {
            _check_name(k, kinds, self.model, "[parameters]"): parse_value(kinds[k], v, f"[parameters] {k}")
            for k, v in dict(self.parameters).items()
        }
        axes: dict[str, SweepAxis] = {}
        for k, axis in dict(self.sweep).items():
            _check_name(k, kinds, self.model, "[sweep]")
            if kinds[k] != "number":
                raise ScenarioError(f"[sweep] {k}: only numeric parameters can be swept")
            if not isinstance(axis, SweepAxis):
                raise ScenarioError(f"[sweep] {k}: expected a SweepAxis, got {axis!r}")
            axes[k] = axis
        if math.prod(a.num for a in axes.values()) > MAX_GRID_POINTS:
            raise ScenarioError(f"[sweep]: the grid has more than {MAX_GRID_POINTS} points; use fewer")
        output = dict(self.output)
        for k, v in output.items():
            if k not in OUTPUT_KEYS:
                raise ScenarioError(
                    f"[output] {k}: unknown key{did_you_mean(str(k), OUTPUT_KEYS)}; "
                    f"known: {', '.join(OUTPUT_KEYS)}"
                )
            if not isinstance(v, str) or not v:
                raise ScenarioError(f"[output] {k}: expected a non-empty string, got {v!r}")
        object.__setattr__(self, "parameters", params)
        object.__setattr__(self, "sweep", axes)
        object.__setattr__(self, "output", output)

    __hash__ = None  # type: ignore[assignment]

    # ------------------------------------------------------------------ use
    def build(self) -> Any:
        """The model at the scenario's parameters (``registry.get``).

        Raises
        ------
        nea_games.errors.ScenarioError
            When the model rejects a value (out of its range), naming the source.
        """
        from nea_games.models import registry

        try:
            return registry.get(self.model, **self.parameters)
        except NeaGamesError as error:
            raise ScenarioError(f"{self.source}: [parameters]: {error}") from None

    def grid(self) -> dict[str, npt.NDArray[np.float64]]:
        """The sweep axes as arrays; without a ``[sweep]`` table, the model's ``map_grid()``."""
        if self.sweep:
            return {name: axis.values() for name, axis in self.sweep.items()}
        model = self.build()
        default = getattr(model, "map_grid", None)
        return dict(default()) if callable(default) else {}

    def run_sweep(self, **options: Any) -> Any:
        """Sweep the model over :meth:`grid` with :func:`nea_games.sweep` (options passed on)."""
        from nea_games.analysis.sweep import sweep

        model, grid = sweep_inputs(self.model, self.parameters, self.grid())
        return sweep(model, grid, **options)

    # ------------------------------------------------------------------ writing
    def to_toml(self) -> str:
        """The scenario as TOML text; :func:`parse_scenario` reads it back to an equal scenario."""
        lines = [f"title = {_toml_string(self.title)}", f"model = {_toml_string(self.model)}"]
        if self.parameters:
            lines += ["", "[parameters]"]
            lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in self.parameters.items()]
        if self.sweep:
            lines += ["", "[sweep]"]
            lines += [
                f"{_toml_key(k)} = {{ start = {_toml_number(a.start)}, stop = {_toml_number(a.stop)}, "
                f"num = {a.num} }}"
                for k, a in self.sweep.items()
            ]
        if self.output:
            lines += ["", "[output]"]
            lines += [f"{_toml_key(k)} = {_toml_string(v)}" for k, v in self.output.items()]
        return "\n".join(lines) + "\n"

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write :meth:`to_toml` to ``path`` (UTF-8)."""
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(self.to_toml())


def sweep_inputs(
    model: str, parameters: Mapping[str, Any], axes: Mapping[str, Any]
) -> tuple[Any, dict[str, Any]]:
    """The model object and grid that sweep a registered model over ``axes``.

    A model sweeps over its ``sweep_parameters``. Axes among them are swept
    on the numeric model; other axes are turned into sympy symbols first
    (so that the model adds them to its ``sweep_parameters``). Sweep
    parameters without an axis are held at their current values.

    Raises
    ------
    nea_games.errors.UnknownNameError, nea_games.errors.ValidationError
        For an unknown parameter, or one the model cannot sweep over.

    Examples
    --------
    >>> import numpy as np
    >>> m, grid = sweep_inputs("quasi_alliance", {}, {"kappa": np.array([0.0, 1.0])})
    >>> sorted(grid)
    ['kappa']
    """
    import sympy

    from nea_games.errors import ValidationError
    from nea_games.models import registry

    fields = registry.parameter_names(model)
    for name in axes:
        _check_name(name, fields, model, "sweep axis")
    base = registry.get(model, **parameters)
    swept = tuple(getattr(base, "sweep_parameters", ()))
    if not all(name in swept for name in axes):
        symbols = {name: sympy.Symbol(name) for name in axes}
        base = registry.get(model, **{**parameters, **symbols})
        swept = tuple(getattr(base, "sweep_parameters", ()))
        missing = [name for name in axes if name not in swept]
        if missing:
            raise ValidationError(
                f"model {model!r} cannot sweep over {', '.join(missing)}; it sweeps over {', '.join(swept)}"
            )
    grid: dict[str, Any] = dict(axes)
    for name in swept:
        if name not in grid:
            value = getattr(base, name, None)
            if value is None or not isinstance(value, (Fraction, int, float)):
                raise ValidationError(f"model {model!r} sweeps over {name}: give it an axis")
            grid[name] = float(value)
    return base, grid


# ---------------------------------------------------------------------------- reading
def _position(error: tomllib.TOMLDecodeError) -> tuple[int | None, int | None, str]:
    text = str(error)
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)", text)
    if match:
        return int(match.group(1)), int(match.group(2)), text[: match.start()] + text[match.end() :]
    match = re.search(r"\s*\(at end of document\)", text)
    if match:
        return None, None, text[: match.start()] + " at end of document"
    return None, None, text


def _axis(name: str, spec: Any) -> SweepAxis:
    if not isinstance(spec, Mapping):
        raise ScenarioError(f"[sweep] {name}: expected a table {{ start = ..., stop = ..., num = ... }}")
    for key in spec:
        if key not in AXIS_KEYS:
            raise ScenarioError(
                f"[sweep] {name}: unknown key {key!r}{did_you_mean(key, AXIS_KEYS)}; "
                f"expected {', '.join(AXIS_KEYS)}"
            )
    missing = [key for key in AXIS_KEYS if key not in spec]
    if missing:
        raise ScenarioError(f"[sweep] {name}: missing {', '.join(missing)}")
    try:
        return SweepAxis(
            parse_number(spec["start"], f"[sweep] {name}.start"),
            parse_number(spec["stop"], f"[sweep] {name}.stop"),
            spec["num"],
        )
    except ScenarioError as error:
        raise ScenarioError(str(error).replace("sweep axis:", f"[sweep] {name}:", 1)) from None


def _table(data: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, Mapping):
        raise ScenarioError(f"{key}: expected a table [{key}], got {value!r}")
    return dict(value)


def parse_scenario(text: str, source: str = "<string>") -> Scenario:
    """A scenario from TOML text.

    Raises
    ------
    nea_games.errors.ParseError
        For malformed TOML (with line and column).
    nea_games.errors.ScenarioError
        For an unknown key, model or parameter, or a value that is not usable,
        the message starting with ``source``.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, column, message = _position(error)
        raise ParseError(message, line=line, column=column, source=source) from None
    try:
        for key in data:
            if key not in TOP_KEYS:
                raise ScenarioError(
                    f"unknown key {key!r}{did_you_mean(key, TOP_KEYS)}; known: {', '.join(TOP_KEYS)}"
                )
        if "model" not in data:
            raise ScenarioError('model: missing (say which model, e.g. model = "buffer_dilemma")')
        axes = {name: _axis(name, spec) for name, spec in _table(data, "sweep").items()}
        return Scenario(
            title=data.get("title", ""),
            model=data["model"],
            parameters=_table(data, "parameters"),
            sweep=axes,
            output=_table(data, "output"),
            source=source,
        )
    except ScenarioError as error:
        raise ScenarioError(f"{source}: {error}") from None


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Read and validate a scenario file (see :func:`parse_scenario`).

    Raises
    ------
    OSError
        If the file cannot be read.
    nea_games.errors.ParseError, nea_games.errors.ScenarioError
        As :func:`parse_scenario`, naming the path.
    """
    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ParseError(f"not UTF-8 text ({error.reason} at byte {error.start})", source=str(path)) from None
    return parse_scenario(text, source=os.fspath(path))


# ---------------------------------------------------------------------------- writing TOML
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _toml_string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_string(key)


def _toml_value(value: Any) -> str:
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, int):
        return str(value)
    return _toml_number(value)


def _toml_number(value: Number) -> str:
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else _toml_string(str(value))
    text = repr(float(value))
    return text if any(c in text for c in ".en") else text + ".0"
