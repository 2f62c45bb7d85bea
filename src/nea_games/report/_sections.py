r"""One report section per model: what the model asks, its game, equilibria, headline and map.

A section is built only through the model protocol that every model of
:mod:`nea_games.models` follows (``QUESTION``, ``solve()`` returning a result
with ``headline``, ``reading``, ``game`` and ``equilibria``, ``map_grid()``,
and the sweep protocol), so a model added to the registry appears in the
report without any code here knowing about it. Where a model does not offer
a piece yet (no ``QUESTION``, no ``map_grid()``), the section falls back to
the registry's summary or says what is missing instead of failing.

A headline item :math:`(\text{name}, v)` is kept with its plain-text and
LaTeX renderings (:func:`nea_games.models._result.format_value`,
:func:`~nea_games.models._result.format_latex`) and with the value itself,
so each output format can typeset it in its own way.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import sympy

from nea_games._tables import TableView
from nea_games.errors import NeaGamesError
from nea_games.games.normal_form import NormalFormGame
from nea_games.models import registry
from nea_games.models._result import format_latex, format_value
from nea_games.report._figures import MapFigure, draw_map

__all__ = ["HeadlineItem", "ScenarioLike", "Section", "build_section", "game_parts", "own_renderer"]


class ScenarioLike(Protocol):
    """What the report needs from a scenario (see :mod:`nea_games.scenario`)."""

    @property
    def model(self) -> str:
        """The registry name of the model."""

    @property
    def title(self) -> str:
        """A human title for the scenario."""

    @property
    def parameters(self) -> Mapping[str, Any]:
        """The parameter overrides."""

    def grid(self) -> Mapping[str, Any]:
        """The sweep grid for the map (empty: use the model's own ``map_grid()``)."""

    def build(self) -> Any:
        """The model instance with the overrides applied."""


@dataclass(frozen=True)
class HeadlineItem:
    """One headline quantity: its name, the value, and the value as text and as LaTeX."""

    name: str
    value: Any
    text: str
    latex: str


@dataclass(frozen=True)
class Section:
    """Everything the report shows about one model (at its defaults or in one scenario).

    Attributes
    ----------
    key : str
        A unique slug (anchors and figure file names).
    model_name : str
        The model's registry name.
    label : str
        How the summary table names the section (model name, or scenario title).
    title : str
        The section heading.
    question : str
        The model's question (``QUESTION``, else the registry summary).
    parameters : tuple of (str, str)
        Every parameter and its value as text.
    overrides : tuple of str
        Parameters a scenario changed from the defaults.
    model, result : object
        The model instance and its solved result.
    headline : tuple of HeadlineItem
    reading : str
    figure : MapFigure or None
        The equilibrium map, when one was drawn.
    map_note : str
        Why there is no map (empty when there is one).
    seconds : float
        Time spent solving and drawing this section.
    error : str
        Why the model could not be solved (empty when it was).
    """

    key: str
    model_name: str
    label: str
    title: str
    question: str
    parameters: tuple[tuple[str, str], ...]
    overrides: tuple[str, ...]
    model: Any
    result: Any
    headline: tuple[HeadlineItem, ...]
    reading: str
    figure: MapFigure | None
    map_note: str
    seconds: float
    error: str = ""

    @property
    def game(self) -> Any:
        """The result's main game object, or ``None``."""
        return getattr(self.result, "game", None)

    @property
    def equilibria(self) -> Any:
        """The result's equilibrium set, or ``None``."""
        return getattr(self.result, "equilibria", None)

    @property
    def game_names(self) -> tuple[str, ...]:
        """Names of the model's games (from ``games()``), when it has that method."""
        games = getattr(self.model, "games", None)
        if not callable(games):
            return ()
        try:
            return tuple(str(name) for name in games())
        except NeaGamesError:
            return ()


def slug(text: str) -> str:
    """A file- and anchor-safe form of ``text``.

    Examples
    --------
    >>> slug("Buffer dilemma: g = 1/2")
    'buffer-dilemma-g-1-2'
    >>> slug("quasi_alliance")
    'quasi_alliance'
    """
    return re.sub(r"[^a-z0-9_]+", "-", text.lower()).strip("-") or "section"


def question_of(model: Any, name: str) -> str:
    """The model's ``QUESTION``, or the registry summary turned into a sentence."""
    question = getattr(type(model), "QUESTION", None)
    if isinstance(question, str) and question.strip():
        return question.strip()
    summary = registry.KNOWN[name].summary if name in registry.KNOWN else name
    return "This model asks " + summary + "."


def headline_items(result: Any) -> tuple[HeadlineItem, ...]:
    """The result's headline as items, through ``headline_rows()`` when the result has it."""
    headline: Mapping[str, Any] = getattr(result, "headline", {}) or {}
    rows = getattr(result, "headline_rows", None)
    if callable(rows):
        triples = [(str(n), str(t), str(x)) for n, t, x in rows()]
    else:
        triples = [(str(n), format_value(v), format_latex(v)) for n, v in headline.items()]
    return tuple(HeadlineItem(n, headline.get(n), t, x) for n, t, x in triples)


def own_renderer(result: Any, method: str) -> Callable[[], str] | None:
    """A result's own table (``to_markdown``/``to_html`` of a table result), if it is one.

    Every result renders its headline through :class:`~nea_games.models._result.HeadlineView`; a result
    that is also a :class:`~nea_games._tables.TableView` (such as a table of
    critical discount factors) has a table of its own, which the report
    shows beside the headline.
    """
    if not isinstance(result, TableView):
        return None
    function: Callable[[TableView], str] = getattr(TableView, method)
    return lambda: function(result)


def game_parts(game: Any) -> tuple[str, Any]:
    """A lead sentence and the game to draw: a repeated game is shown through its stage game."""
    stage = getattr(game, "stage", None)
    if isinstance(stage, NormalFormGame) and hasattr(game, "discount"):
        title = f" ({stage.title})" if stage.title else ""
        lead = (
            f"A repeated game with discount factor {format_value(game.discount)}; "
            f"its stage game{title} has {len(stage.players)} players ({', '.join(stage.players)})."
        )
        return lead, stage
    return "", game


def _parameters(model: Any) -> tuple[tuple[str, str], ...]:
    if not dataclasses.is_dataclass(model):
        return ()
    return tuple((f.name, format_value(getattr(model, f.name))) for f in dataclasses.fields(model))


def _grid(model: Any, scenario: ScenarioLike | None) -> tuple[Mapping[str, Any] | None, str]:
    """The map grid (the scenario's, else the model's ``map_grid()``), or ``None`` with a reason."""
    if scenario is not None:
        grid = scenario.grid()
        if grid:
            return grid, ""
    map_grid = getattr(model, "map_grid", None)
    if not callable(map_grid):
        return None, "No equilibrium map: this model does not define map_grid() yet."
    grid = map_grid()
    if not grid:
        return None, "No equilibrium map: the model's map_grid() is empty."
    return grid, ""


def build_section(
    name: str,
    *,
    scenario: ScenarioLike | None = None,
    figure_path: Path,
    key: str,
    step: Callable[[str], None] | None = None,
) -> Section:
    """Solve one model (at its defaults, or as a scenario builds it) and draw its map.

    Parameters
    ----------
    name : str
        The model's registry name.
    scenario : ScenarioLike, optional
        Build the model from this scenario instead of the defaults.
    figure_path : Path
        Where the map PNG goes.
    key : str
        The section's unique slug.
    step : callable, optional
        Called with a description before each stage (progress display).

    Returns
    -------
    Section
        When the model's ``solve()`` fails, a section that records the
        error (``error``) instead of results, so that one broken model does
        not stop the report; a map that cannot be drawn is replaced by a note.

    Raises
    ------
    nea_games.errors.UnknownNameError
        For a model that is not available.
    nea_games.errors.NeaGamesError
        Whatever building the model raises for bad parameters (a scenario's mistake).
    """
    start = time.perf_counter()
    say = step or (lambda _: None)
    label = name if scenario is None else (scenario.title or name)
    say(f"solving {label}")
    model = scenario.build() if scenario is not None else registry.get(name)
    summary = registry.KNOWN[name].summary if name in registry.KNOWN else ""
    common: dict[str, Any] = {
        "key": key,
        "model_name": name,
        "label": label,
        "title": f"{name}: {summary}" if scenario is None else f"{label} ({name})",
        "question": question_of(model, name),
        "parameters": _parameters(model),
        "overrides": tuple(str(k) for k in (scenario.parameters if scenario is not None else {})),
        "model": model,
    }
    try:
        result = model.solve()
    except Exception as error:  # one broken model must not stop the report: record and go on
        say(f"{label} failed")
        return Section(
            **common,
            result=None,
            headline=(),
            reading="",
            figure=None,
            map_note="",
            seconds=time.perf_counter() - start,
            error=_describe(error),
        )
    say(f"drawing the map of {label}")
    grid, note = _grid(model, scenario)
    figure: MapFigure | None = None
    if grid is not None:
        try:
            figure = draw_map(_sweep_target(model, grid), dict(grid), figure_path, title=label)
        except Exception as error:  # the map is secondary: say why it is missing
            note = f"No equilibrium map: {_describe(error)}"
    return Section(
        **common,
        result=result,
        headline=headline_items(result),
        reading=str(getattr(result, "reading", "") or ""),
        figure=figure,
        map_note=note,
        seconds=time.perf_counter() - start,
    )


def _sweep_target(model: Any, grid: Mapping[str, Any]) -> Any:
    """The model to sweep over ``grid``: with the grid's parameters made symbolic when it sweeps others.

    A numeric model sweeps a default pair of parameters; a scenario's grid
    may name other ones, which the sweep protocol reads as "make these
    symbolic" (every model parameter may be a sympy symbol).
    """
    names = set(grid)
    if names <= set(getattr(model, "sweep_parameters", ())):
        return model
    if not dataclasses.is_dataclass(model) or isinstance(model, type):
        return model
    fields = {f.name for f in dataclasses.fields(model)}
    swept = [name for name in grid if name in fields and np.ndim(grid[name]) > 0]
    return dataclasses.replace(model, **{name: sympy.Symbol(name) for name in swept})


def _describe(error: BaseException) -> str:
    """An error as one line: the library's own message, or the type and message of another error."""
    text = " ".join(str(error).split())
    if isinstance(error, NeaGamesError):
        return text
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
