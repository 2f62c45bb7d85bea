r"""Equilibrium maps (phase diagrams) of sweeps.

A sweep over parameters :math:`\theta` partitions the swept box into regions
:math:`R_E = \{\theta : E(\theta) = E\}` by the set :math:`E` of equilibria
(or conditions) that hold. :func:`equilibrium_map` colours each region, with
a legend naming its equilibria; over one parameter it draws a strip. Exact
boundaries :math:`f(\theta) = 0` (sympy expressions, or relationals
:math:`f \gtrless g` read as :math:`f - g = 0`, e.g. from
:func:`nea_games.conditions`) are overlaid as the zero contour of the
lambdified :math:`f` on a fine mesh.

matplotlib is imported only when a function here is called.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import sympy

from nea_games.analysis._sweep_result import SweepResult, check_2d
from nea_games.errors import ValidationError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["boundary_function", "equilibrium_map"]

FloatArray = npt.NDArray[np.float64]


def boundary_function(expression: Any, names: Sequence[str]) -> Any:
    """Vectorised :math:`f` whose zero set is the boundary given by ``expression``.

    Relationals ``lhs op rhs`` become ``lhs - rhs``; other expressions are
    used as they are.

    Examples
    --------
    >>> a, b = sympy.symbols("a b")
    >>> f = boundary_function(a >= 2 * b, ["a", "b"])
    >>> float(f(4.0, 2.0))
    0.0
    """
    expr = sympy.sympify(expression)
    if isinstance(expr, sympy.core.relational.Relational):
        expr = expr.lhs - expr.rhs
    if not isinstance(expr, sympy.Expr):
        raise ValidationError(
            f"plot: cannot draw a boundary from {expression!r}; give an expression or inequality"
        )
    unknown = sorted(s.name for s in expr.free_symbols if s.name not in names)
    if unknown:
        raise ValidationError(
            f"plot: boundary {expression} uses {', '.join(unknown)}, which is not swept; "
            f"substitute it first (swept: {', '.join(names)})"
        )
    by_name = {s.name: s for s in expr.free_symbols}
    symbols = [by_name.get(n, sympy.Symbol(n)) for n in names]
    return sympy.lambdify(symbols, expr, modules="numpy")


def _colours(n: int) -> list[Any]:
    from matplotlib import colormaps

    cmap = colormaps["tab10" if n <= 10 else "tab20"]
    return [cmap(k % cmap.N) for k in range(n)]


def _axes(ax: Any) -> tuple[Figure, Any]:
    if ax is not None:
        return ax.figure, ax
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6.4, 4.8), layout="constrained")
    return figure, figure.add_subplot()


def _as_list(boundaries: Any) -> list[Any]:
    if boundaries is None:
        return []
    if isinstance(boundaries, (list, tuple)):
        return list(boundaries)
    return [boundaries]


def equilibrium_map(result: SweepResult, ax: Any = None, boundaries: Any = None) -> Figure:
    """Draw where each set of equilibria holds, with a legend of profile names.

    Parameters
    ----------
    result : SweepResult
        A sweep over one or two parameters (others held fixed).
    ax : matplotlib Axes, optional
        Axes to draw on; by default a new :class:`matplotlib.figure.Figure`
        (not registered with pyplot, so no window opens).
    boundaries : sympy expression, relational, or a list of them, optional
        Exact boundaries to overlay (dashed black lines).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import numpy as np
    >>> from nea_games import NormalFormGame
    >>> from nea_games.analysis.sweep import sweep
    >>> a, b = sympy.symbols("a b")
    >>> hunt = NormalFormGame.symmetric([[a, 0], [b, 1]], actions=["Stag", "Hare"])
    >>> result = sweep(hunt, {"a": np.linspace(0, 3, 31), "b": np.linspace(0, 3, 31)})
    >>> figure = equilibrium_map(result, boundaries=[a >= b])
    >>> [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    ['(Hare, Hare)', '(Stag, Stag) & (Hare, Hare)']
    """
    check_2d(result)
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    figure, axes = _axes(ax)
    names = result.region_names
    colours = _colours(len(names))
    cmap = ListedColormap(colours)
    codes = result.regions
    params = result.parameters
    if result.kind == "sample":
        coords = [result.coordinates[p] for p in params]
        if len(params) == 1:
            axes.scatter(
                coords[0],
                np.zeros_like(coords[0]),
                c=codes,
                cmap=cmap,
                vmin=-0.5,
                vmax=len(names) - 0.5,
                s=6,
                marker="|",
            )
            axes.set_yticks([])
        else:
            axes.scatter(coords[0], coords[1], c=codes, cmap=cmap, vmin=-0.5, vmax=len(names) - 0.5, s=4)
    elif len(params) == 1:
        x = result.axes[params[0]]
        axes.pcolormesh(
            _edges(x), [0.0, 1.0], codes[None, :], cmap=cmap, vmin=-0.5, vmax=len(names) - 0.5, shading="flat"
        )
        axes.set_yticks([])
    else:
        x, y = (result.axes[p] for p in params)
        axes.pcolormesh(
            _edges(x), _edges(y), codes.T, cmap=cmap, vmin=-0.5, vmax=len(names) - 0.5, shading="flat"
        )
        axes.set_ylabel(params[1])
    axes.set_xlabel(params[0])
    _draw_boundaries(axes, result, _as_list(boundaries))
    handles = [Patch(facecolor=c, label=n) for n, c in zip(names, colours, strict=True)]
    axes.legend(
        handles=handles,
        title="equilibria" if result.what == "pure" else result.what,
        loc="best",
        fontsize="small",
    )
    fixed = ", ".join(f"{k} = {v:g}" for k, v in result.fixed.items())
    if fixed:
        axes.set_title(fixed, fontsize="small")
    return figure


def _edges(values: FloatArray) -> FloatArray:
    """Cell edges around sorted centres (a unit cell for a single value)."""
    v = np.asarray(values, dtype=float)
    if v.size == 1:
        return np.array([v[0] - 0.5, v[0] + 0.5])
    middle = (v[1:] + v[:-1]) / 2
    return np.concatenate([[v[0] - (middle[0] - v[0])], middle, [v[-1] + (v[-1] - middle[-1])]])


def _extent(result: SweepResult, name: str) -> FloatArray:
    values = result.coordinates[name]
    low, high = float(np.min(values)), float(np.max(values))
    return np.linspace(low, high, 400)


def _draw_boundaries(axes: Any, result: SweepResult, boundaries: list[Any]) -> None:
    params = result.parameters
    for expression in boundaries:
        function = boundary_function(expression, params)
        if len(params) == 1:
            x = _extent(result, params[0])
            with np.errstate(all="ignore"):
                f = np.broadcast_to(np.asarray(function(x), dtype=float), x.shape)
            crossings = np.flatnonzero(np.diff(np.sign(f)) != 0)
            for k in crossings:
                axes.axvline(float((x[k] + x[k + 1]) / 2), color="black", linestyle="--", linewidth=1)
        else:
            x, y = (_extent(result, p) for p in params)
            mx, my = np.meshgrid(x, y, indexing="xy")
            with np.errstate(all="ignore"):
                f = np.broadcast_to(np.asarray(function(mx, my), dtype=float), mx.shape)
            if np.nanmin(f) <= 0 <= np.nanmax(f):
                axes.contour(mx, my, f, levels=[0.0], colors="black", linestyles="--", linewidths=1)
