"""Equilibrium maps: regions, legends and exact boundaries (Agg backend, no windows)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from nea_games import NormalFormGame
from nea_games.analysis.plots import equilibrium_map
from nea_games.analysis.sweep import Sample, sweep
from nea_games.errors import ValidationError

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402

a, b, c = sympy.symbols("a b c")


def chicken() -> NormalFormGame:
    # Swerve pays 0 (or -1 against Straight); Straight pays b against Swerve and -a in a crash.
    return NormalFormGame.symmetric([[0, -1], [b, -a]], actions=["Swerve", "Straight"])


def legend_texts(figure: Figure) -> list[str]:
    legend = figure.axes[0].get_legend()
    assert legend is not None
    return [t.get_text() for t in legend.get_texts()]


def test_two_dimensional_map_has_one_legend_entry_per_region() -> None:
    result = sweep(chicken(), {"a": np.linspace(-2, 2, 21), "b": np.linspace(-2, 2, 21)})
    figure = result.plot()
    assert isinstance(figure, Figure)
    assert legend_texts(figure) == list(result.region_names)
    assert len(result.region_names) >= 3
    mesh = figure.axes[0].collections[0]
    assert set(np.unique(np.asarray(mesh.get_array()))) == set(range(len(result.region_names)))


def test_boundaries_are_drawn_as_contours() -> None:
    result = sweep(chicken(), {"a": np.linspace(-2, 2, 21), "b": np.linspace(-2, 2, 21)})
    plain = len(result.plot().axes[0].collections)
    figure = result.plot(boundaries=[b >= -1, sympy.Eq(a, 0)])
    assert len(figure.axes[0].collections) == plain + 2
    with pytest.raises(ValidationError, match="not swept"):
        result.plot(boundaries=a - c)


def test_one_dimensional_strip_with_boundary_lines() -> None:
    result = sweep(chicken(), {"a": np.linspace(-2, 2, 41), "b": 1})
    figure = equilibrium_map(result, boundaries=a)
    ax = figure.axes[0]
    assert legend_texts(figure) == list(result.region_names)
    assert len(ax.get_lines()) == 1  # one vertical line at a = 0
    assert abs(float(np.asarray(ax.get_lines()[0].get_xdata())[0])) < 0.1
    assert "b = 1" in ax.get_title()


def test_samples_are_scattered_and_given_axes_are_used() -> None:
    from matplotlib.figure import Figure as F

    result = sweep(chicken(), Sample({"a": (-2, 2), "b": (-2, 2)}, n=200), seed=0)
    figure = F()
    ax = figure.add_subplot()
    assert result.plot(ax=ax) is figure
    assert legend_texts(figure) == list(result.region_names)


def test_three_swept_parameters_cannot_be_drawn() -> None:
    g = NormalFormGame.symmetric([[a, b], [c, 0]])
    result = sweep(g, {"a": [0.0, 1.0], "b": [0.0, 1.0], "c": [0.0, 1.0]})
    with pytest.raises(ValidationError, match="one or two parameters"):
        result.plot()
    sliced = result.select(c=0.9)
    assert sliced.fixed == {"c": 1.0} and sliced.shape == (2, 2)
    figure = sliced.plot()
    assert legend_texts(figure) == list(sliced.region_names)
    assert "c = 1" in figure.axes[0].get_title()
