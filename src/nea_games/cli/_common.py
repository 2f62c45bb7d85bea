"""What the commands share: reading ``--set``, finding a model or game file, printing tables.

A command's first argument is a model name (``nea-games models`` lists them),
a TOML scenario file (:mod:`nea_games.scenario`) or a Gambit ``.nfg``/``.efg``
file. ``--set name=value`` takes exact numbers (``1/2``, ``0.25``, ``3``); nothing typed is ever evaluated.
Tables go through rich, and every cell is plain text (never rich markup), so
a name such as ``[0, 1]`` prints as typed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import click

from nea_games.errors import UnknownNameError, ValidationError
from nea_games.games._names import did_you_mean

__all__ = [
    "GAME_SUFFIXES",
    "Target",
    "console",
    "jsonable",
    "model_games",
    "parse_assignments",
    "pick_game",
    "print_table",
    "resolve",
    "set_option",
    "table_of",
]

GAME_SUFFIXES = (".nfg", ".efg")


def console() -> Any:
    """A rich console on stdout: wide when output is not a terminal, so pipes get whole lines."""
    from rich.console import Console

    terminal = sys.stdout.isatty()
    return Console(width=None if terminal else 200, highlight=False, soft_wrap=not terminal)


def print_table(
    title: str | None, header: Sequence[str], rows: Iterable[Sequence[str]], *, caption: str | None = None
) -> None:
    """Print a table with rich; cells are plain text."""
    click.echo(table_of(title, header, rows, caption=caption), nl=False)


def table_of(
    title: str | None, header: Sequence[str], rows: Iterable[Sequence[str]], *, caption: str | None = None
) -> str:
    """A rich table rendered to text (plain text when not on a terminal)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=Text(title) if title else None,
        caption=Text(caption) if caption else None,
        box=box.SIMPLE_HEAD,
        title_justify="left",
        caption_justify="left",
    )
    for name in header:
        table.add_column(Text(name), overflow="fold")
    for row in rows:
        table.add_row(*(Text(str(cell)) for cell in row))
    out = console()
    with out.capture() as captured:
        out.print(table)
    return "".join(line.rstrip() + "\n" for line in captured.get().splitlines())


# ---------------------------------------------------------------------------- --set
set_option = click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override a model parameter, e.g. --set g=1/2 (exact fractions welcome). Repeatable.",
)


def parse_assignments(model: str, assignments: Sequence[str]) -> dict[str, Any]:
    """``["g=1/2", ...]`` as ``{"g": Fraction(1, 2), ...}``, names checked against the model.

    Raises
    ------
    click.BadParameter
        For an item without ``=``.
    nea_games.errors.UnknownNameError
        For a name the model does not have (with a did-you-mean).
    nea_games.errors.ValidationError
        For a value that is not a finite number.
    """
    from nea_games.models import registry
    from nea_games.scenario import parse_value

    kinds = {p.name: p.kind for p in registry.describe(model)}
    names = list(kinds)
    out: dict[str, Any] = {}
    for item in assignments:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise click.BadParameter(f"expected NAME=VALUE, got {item!r}", param_hint="'--set'")
        if name not in names:
            raise UnknownNameError(
                f"--set {name}: model {model!r} has no parameter {name!r}{did_you_mean(name, names)}; "
                f"parameters: {', '.join(names)}"
            )
        out[name] = parse_value(kinds[name], value, f"--set {name}")
    return out


# ---------------------------------------------------------------------------- targets
@dataclass(frozen=True)
class Target:
    """What a command works on: a model (``model`` set; from a scenario file also its
    ``parameters`` and sweep ``axes``) or a game read from a Gambit file (``game``)."""

    name: str
    model: str | None = None
    game: Any = None
    parameters: Mapping[str, Any] = field(default_factory=dict)
    axes: Mapping[str, Any] = field(default_factory=dict)

    def overrides(self, assignments: Sequence[str]) -> dict[str, Any]:
        """The scenario's parameter values, then the ``--set`` ones on top."""
        if self.model is None:
            if assignments:
                raise ValidationError("--set applies to models and scenarios, not to game files")
            return {}
        return {**self.parameters, **parse_assignments(self.model, assignments)}


def resolve(target: str) -> Target:
    """A model name, a TOML scenario file or a Gambit file path.

    Raises
    ------
    nea_games.errors.UnknownNameError
        For a name that is neither a model nor a file (with a did-you-mean).
    OSError, nea_games.errors.ParseError
        For a file that cannot be read or parsed.
    """
    from nea_games.models import registry

    if target in registry.KNOWN:
        registry.model_class(target)  # raises if not shipped in this version
        return Target(target, model=target)
    path = Path(target)
    if path.suffix.lower() == ".toml":
        from nea_games.scenario import load_scenario

        scenario = load_scenario(path)
        return Target(target, model=scenario.model, parameters=scenario.parameters, axes=scenario.sweep)
    if path.suffix.lower() in GAME_SUFFIXES or path.exists():
        from nea_games.io import gambit

        return Target(target, game=gambit.read(os.fspath(path)))
    models = list(registry.available())
    raise UnknownNameError(
        f"{target!r} is neither a model{did_you_mean(target, models)} nor a .toml/.nfg/.efg file; "
        f"models: {', '.join(models)}"
    )


def model_games(model: Any) -> dict[str, Any]:
    """The model's named game objects (``model.games()``; older models: ``game()`` or ``tree()``)."""
    games = getattr(model, "games", None)
    if callable(games):
        return dict(games())
    for attribute in ("game", "tree"):
        build = getattr(model, attribute, None)
        if callable(build):
            return {attribute: build()}
    return {}


def pick_game(games: Mapping[str, Any], name: str | None, owner: str) -> tuple[str, Any]:
    """The game called ``name`` (default: the first one)."""
    if not games:
        raise ValidationError(f"{owner} offers no game objects")
    if name is None:
        return next(iter(games.items()))
    if name not in games:
        raise UnknownNameError(
            f"--game: {owner} has no game {name!r}{did_you_mean(name, list(games))}; "
            f"games: {', '.join(repr(g) for g in games)}"
        )
    return name, games[name]


# ---------------------------------------------------------------------------- JSON
def jsonable(value: Any) -> Any:
    """A value for ``json.dumps``: exact numbers as strings (``"9/14"``), floats as floats."""
    import math

    import sympy

    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [jsonable(v) for v in value]
    if value is sympy.true or value is sympy.false:
        return bool(value)
    if isinstance(value, sympy.Basic):
        return str(sympy.sstr(value))
    try:
        import numpy as np

        if isinstance(value, np.generic):
            return jsonable(value.item())
        if isinstance(value, np.ndarray):
            return [jsonable(v) for v in value.tolist()]
    except ImportError:  # pragma: no cover - numpy is a dependency
        pass
    return str(value)
