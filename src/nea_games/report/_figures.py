r"""Equilibrium maps for the report, saved as PNG files.

A model's map is the sweep :math:`\theta \mapsto E(\theta)` of
:func:`nea_games.sweep` over a two-parameter grid (the model's
``map_grid()`` or a scenario's grid), drawn by
:meth:`~nea_games.analysis._sweep_result.SweepResult.plot`: each region, a
set :math:`E` of equilibria (or conditions) that hold together, gets one
colour. Alongside the file the report keeps the share of grid points in
each region, so the text can say what the picture shows.

The figure is rendered by matplotlib's Agg canvas, attached to this one
figure inside :func:`draw_map`; the global matplotlib backend is left as the
caller set it (a notebook keeps its inline backend), and matplotlib is
imported only when a map is drawn.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nea_games.errors import ValidationError

__all__ = ["DPI", "MapFigure", "draw_map"]

#: Resolution of the saved maps (dots per inch): about 640 x 480 pixels.
DPI = 100


@dataclass(frozen=True)
class MapFigure:
    """A saved equilibrium map.

    Attributes
    ----------
    path : Path
        The PNG file.
    parameters : tuple of str
        The swept parameters (the axes of the map).
    fixed : dict
        Parameters the grid held at one value.
    shares : tuple of (str, float)
        Each region that occurs and the share of grid points in it.
    points : int
        Number of grid points.
    """

    path: Path
    parameters: tuple[str, ...]
    fixed: dict[str, float]
    shares: tuple[tuple[str, float], ...]
    points: int


def draw_map(
    model: Any, grid: Mapping[str, Any], path: Path, *, title: str = "", dpi: int = DPI
) -> MapFigure:
    """Sweep ``model`` over ``grid``, draw its equilibrium map and save it as PNG at ``path``.

    Parameters
    ----------
    model : Sweepable
        Anything :func:`nea_games.sweep` accepts (a model following the sweep protocol).
    grid : dict
        ``{parameter: values}`` over one or two swept parameters (others single values).
    path : Path
        The PNG file to write (overwritten if it exists).
    title : str
        A title drawn above the map.
    dpi : int
        Resolution.

    Raises
    ------
    nea_games.errors.ValidationError
        When the grid does not fit the model or the file cannot be written.

    Examples
    --------
    >>> import tempfile, numpy as np
    >>> from pathlib import Path
    >>> from nea_games.models.quasi_alliance import QuasiAllianceModel
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     saved = draw_map(QuasiAllianceModel(), {"kappa": np.linspace(0, 1, 11)}, Path(folder) / "map.png")
    ...     saved.path.stat().st_size > 0
    True
    >>> saved.shares
    (('(Not, Not)', 0.4545...), ('(Cooperate, Cooperate) & (Not, Not)', 0.5454...))
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from nea_games.analysis.sweep import sweep

    result = sweep(model, grid, progress=False)
    figure = result.plot()
    _legend_below(figure)
    if title:
        figure.suptitle(title, fontsize="medium")
    FigureCanvasAgg(figure)
    try:
        figure.savefig(path, dpi=dpi, format="png")
    except OSError as error:
        raise ValidationError(f"report: cannot write the map {path}: {error.strerror or error}") from None
    return MapFigure(
        path=path,
        parameters=result.parameters,
        fixed=dict(result.fixed),
        shares=tuple(result.share().items()),
        points=result.size,
    )


def _legend_below(figure: Any) -> None:
    """Move the map's legend under the plot, so that it never hides a region, however long its labels."""
    axes = figure.axes[0] if figure.axes else None
    legend = axes.get_legend() if axes is not None else None
    if legend is None:
        return
    handles = list(legend.legend_handles)
    labels = [textwrap.fill(t.get_text(), 64) for t in legend.get_texts()]
    title = legend.get_title().get_text()
    legend.remove()
    lines = sum(label.count("\n") + 1 for label in labels)
    columns = 2 if max(len(label) for label in labels) <= 28 and len(labels) > 2 else 1
    rows = lines if columns == 1 else (len(labels) + 1) // 2
    width, height = figure.get_size_inches()
    figure.set_size_inches(width, height + 0.22 * rows + 0.3)
    figure.legend(
        handles,
        labels,
        loc="outside lower center",
        ncols=columns,
        title="regions (what holds)" if title in ("", "sweep") else title,
        fontsize="small",
        frameon=False,
    )
