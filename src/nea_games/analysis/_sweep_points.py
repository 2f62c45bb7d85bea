r"""Parameter points for sweeps: Cartesian grids and random (or quasi-random) samples.

A *grid* is the Cartesian product :math:`X_1 \times \dots \times X_k` of one
1-D array of values per swept parameter, enumerated in C order (the last
parameter varies fastest); parameters given a single number are held fixed.
A *sample* draws :math:`n` points uniformly from the box
:math:`\prod_j [\ell_j, h_j]`, either pseudo-randomly (numpy's PCG64) or as a
scrambled Sobol sequence (``scipy.stats.qmc``); both are reproducible from a
seed.

Points are produced chunk by chunk from flat indices, so a grid of any size
never has to be materialised at once.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import sympy

from nea_games.errors import NonFiniteError, ShapeError, UnknownNameError, ValidationError

__all__ = ["Grid", "Sample", "check_names_against", "make_grid"]

FloatArray = npt.NDArray[np.float64]


def _name(key: Any) -> str:
    if isinstance(key, sympy.Symbol):
        return str(key.name)
    if isinstance(key, str):
        return key
    raise ValidationError(f"sweep: parameter names must be strings or sympy symbols, got {key!r}")


def _finite_values(name: str, values: Any) -> FloatArray:
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as error:
        raise ValidationError(f"sweep: values of {name!r} are not real numbers ({error})") from None
    if array.ndim > 1:
        raise ShapeError(f"sweep: values of {name!r} must be a 1-D array, got shape {array.shape}")
    if array.size == 0:
        raise ShapeError(f"sweep: values of {name!r} are empty")
    bad = ~np.isfinite(array)
    if bad.any():
        first = float(array.reshape(-1)[int(np.argmax(bad.reshape(-1)))])
        raise NonFiniteError(f"sweep: values of {name!r} must be finite, got {first!r}")
    return array


def check_names_against(given: Sequence[str], expected: Sequence[str], where: str) -> None:
    """Raise if ``given`` names an unknown parameter or misses one of ``expected``."""
    from nea_games.games._names import did_you_mean

    for name in given:
        if name not in expected:
            known = ", ".join(expected) or "none"
            raise UnknownNameError(
                f"{where}: {name!r} is not a parameter{did_you_mean(name, list(expected))}; "
                f"parameters: {known}"
            )
    missing = [name for name in expected if name not in given]
    if missing:
        raise ValidationError(f"{where}: no values given for parameter(s) {', '.join(missing)}")


@dataclass(frozen=True, eq=False)
class Grid:
    """A Cartesian grid: one 1-D array per swept parameter, plus fixed values.

    Build it with :func:`make_grid` (``sweep`` does so from a dict).
    """

    axes: dict[str, FloatArray]
    fixed: dict[str, float] = field(default_factory=dict)

    @property
    def names(self) -> tuple[str, ...]:
        """All parameter names: swept first (in axis order), then fixed."""
        return (*self.axes, *self.fixed)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of values along each swept axis."""
        return tuple(len(v) for v in self.axes.values())

    @property
    def size(self) -> int:
        """Number of grid points."""
        return math.prod(self.shape)

    def points(self, start: int, stop: int) -> dict[str, FloatArray]:
        """Parameter values of the flat points ``start, ..., stop - 1`` (C order)."""
        flat = np.arange(start, stop)
        index = np.unravel_index(flat, self.shape) if self.axes else ()
        values = {name: axis[k] for (name, axis), k in zip(self.axes.items(), index, strict=True)}
        for name, value in self.fixed.items():
            values[name] = np.full(stop - start, value)
        return values


def make_grid(spec: Mapping[Any, Any]) -> Grid:
    """Validate a ``{name: values}`` dict into a :class:`Grid`.

    A scalar value holds that parameter fixed; a 1-D array sweeps it.

    Examples
    --------
    >>> grid = make_grid({"a": [0, 1, 2], "b": 5})
    >>> grid.shape, grid.fixed
    ((3,), {'b': 5.0})
    """
    axes: dict[str, FloatArray] = {}
    fixed: dict[str, float] = {}
    for key, values in spec.items():
        name = _name(key)
        if name in axes or name in fixed:
            raise ValidationError(f"sweep: parameter {name!r} is given twice")
        array = _finite_values(name, values)
        if array.ndim == 0:
            fixed[name] = float(array)
        else:
            array.setflags(write=False)
            axes[name] = array
    return Grid(axes, fixed)


@dataclass(frozen=True)
class Sample:
    """Random points in a box of parameter values.

    Parameters
    ----------
    bounds : mapping
        ``{name: (low, high)}`` for each sampled parameter; a single number
        holds a parameter fixed.
    n : int
        Number of points.
    method : {"uniform", "sobol"}
        Independent uniform draws, or a scrambled Sobol sequence (lower
        discrepancy; best with ``n`` a power of two).

    Examples
    --------
    >>> s = Sample({"a": (0, 1), "b": (2, 3)}, n=4)
    >>> pts = s.draw(seed=1)
    >>> pts["a"].shape, bool(((2 <= pts["b"]) & (pts["b"] <= 3)).all())
    ((4,), True)
    >>> bool((s.draw(seed=1)["a"] == pts["a"]).all())
    True
    """

    bounds: Mapping[Any, Any]
    n: int
    method: Literal["uniform", "sobol"] = "uniform"

    def __post_init__(self) -> None:
        if isinstance(self.n, bool) or not isinstance(self.n, (int, np.integer)) or self.n < 1:
            raise ValidationError(f"Sample: n must be a positive integer, got {self.n!r}")
        if self.method not in ("uniform", "sobol"):
            raise ValidationError(f"Sample: method must be 'uniform' or 'sobol', got {self.method!r}")
        self.box()  # validate eagerly

    def box(self) -> tuple[dict[str, tuple[float, float]], dict[str, float]]:
        """The validated ``{name: (low, high)}`` ranges and the fixed values."""
        ranges: dict[str, tuple[float, float]] = {}
        fixed: dict[str, float] = {}
        for key, value in self.bounds.items():
            name = _name(key)
            array = _finite_values(name, value)
            if array.ndim == 0:
                fixed[name] = float(array)
            elif array.shape != (2,) or not array[0] <= array[1]:
                raise ValidationError(f"Sample: bounds of {name!r} must be (low, high) with low <= high")
            else:
                ranges[name] = (float(array[0]), float(array[1]))
        return ranges, fixed

    @property
    def names(self) -> tuple[str, ...]:
        """All parameter names: sampled first, then fixed."""
        ranges, fixed = self.box()
        return (*ranges, *fixed)

    def draw(self, seed: int | np.random.Generator | None = None) -> dict[str, FloatArray]:
        """Draw the points (the same points for the same seed)."""
        ranges, fixed = self.box()
        d = len(ranges)
        if self.method == "sobol" and d:
            from scipy.stats import qmc

            sampler = qmc.Sobol(d, scramble=True, seed=seed)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # balance warning when n is not 2**m
                unit = np.asarray(sampler.random(int(self.n)), dtype=float)
        else:
            rng = np.random.default_rng(seed)
            unit = rng.random((int(self.n), d))
        values: dict[str, FloatArray] = {}
        for k, (name, (low, high)) in enumerate(ranges.items()):
            column = np.ascontiguousarray(low + (high - low) * unit[:, k])
            column.setflags(write=False)
            values[name] = column
        for name, value in fixed.items():
            values[name] = np.full(int(self.n), value)
        return values
