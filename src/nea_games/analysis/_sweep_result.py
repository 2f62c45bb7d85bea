r"""The labelled result of a sweep, and its exports.

A sweep evaluates conditions :math:`c_1(\theta), \dots, c_K(\theta)` (for a
normal-form game: "profile :math:`a` is a pure Nash equilibrium") at points
:math:`\theta` of a grid or sample. :class:`SweepResult` keeps each condition
as a boolean array laid out like the grid, numeric outputs (such as a
critical discount factor) alongside, and the categorical *region* of every
point: the set :math:`\{k : c_k(\theta)\}` of conditions that hold there.
"""

from __future__ import annotations

import csv
import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from nea_games.errors import UnknownNameError, ValidationError

if TYPE_CHECKING:
    import pandas
    from matplotlib.figure import Figure

__all__ = ["NONE_LABEL", "SweepResult"]

#: Region label of points where no condition holds.
NONE_LABEL = "none"

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class SweepResult:
    """Which conditions hold at every point of a parameter sweep.

    Attributes
    ----------
    what : str
        What was evaluated (``"pure"`` for pure equilibria of a game).
    kind : {"grid", "sample"}
        A Cartesian grid (arrays shaped like the grid, one axis per swept
        parameter) or a sample (flat arrays, one entry per point).
    axes : dict
        ``{name: 1-D values}`` of a grid's axes, in axis order (empty for a
        sample).
    coordinates : dict
        ``{name: values}`` of every swept parameter at every point, shaped
        like :attr:`shape` (a sample's drawn points; a grid's mesh).
    fixed : dict
        Parameters held at one value.
    conditions : tuple of str
        Names of the boolean outputs (profiles such as ``"(Stag, Stag)"``).
    holds : ndarray of bool
        Shape ``(len(conditions), *shape)``: ``holds[k][point]`` is whether
        condition ``k`` holds there.
    values : dict
        Numeric outputs ``{name: array shaped like shape}``.
    """

    what: str
    kind: str
    axes: dict[str, FloatArray]
    coordinates: dict[str, FloatArray]
    fixed: dict[str, float]
    conditions: tuple[str, ...]
    holds: BoolArray
    values: dict[str, FloatArray] = field(default_factory=dict)

    # ------------------------------------------------------------------ shape and look-ups
    @property
    def parameters(self) -> tuple[str, ...]:
        """Swept parameter names (grid axes in order, or sampled names)."""
        return tuple(self.coordinates)

    @property
    def shape(self) -> tuple[int, ...]:
        """Grid shape, or ``(n,)`` for a sample."""
        return tuple(self.holds.shape[1:])

    @property
    def size(self) -> int:
        """Number of points."""
        return int(np.prod(self.shape))

    def __len__(self) -> int:
        return self.size

    def condition(self, name: str | tuple[str, ...]) -> BoolArray:
        """Boolean array (shaped like the grid) of one condition or profile.

        A profile may be given as a tuple of action names.
        """
        key = "(" + ", ".join(name) + ")" if isinstance(name, tuple) else name
        if key not in self.conditions:
            from nea_games.games._names import did_you_mean

            raise UnknownNameError(
                f"SweepResult: no condition {key!r}{did_you_mean(key, list(self.conditions))}; "
                f"conditions: {', '.join(self.conditions)}"
            )
        return np.asarray(self.holds[self.conditions.index(key)], dtype=bool)

    def select(self, **values: float) -> SweepResult:
        """The slice of a grid result at given values of some swept parameters.

        Each value picks the nearest grid value of that axis; the parameter
        becomes fixed. Useful to draw a map of a sweep over more than two
        parameters.

        Examples
        --------
        >>> import sympy, numpy as np
        >>> from nea_games import NormalFormGame
        >>> from nea_games.analysis.sweep import sweep
        >>> a, b, c = sympy.symbols("a b c")
        >>> g = NormalFormGame.symmetric([[a, b], [c, 0]])
        >>> r = sweep(g, {"a": [0, 1], "b": [0, 1, 2], "c": [0.5, 1.5]})
        >>> s = r.select(c=1.4)
        >>> s.shape, s.fixed
        ((2, 3), {'c': 1.5})
        """
        if self.kind != "grid":
            raise ValidationError("select: only grid results can be sliced")
        index: list[Any] = [slice(None)] * len(self.axes)
        names = list(self.axes)
        fixed = dict(self.fixed)
        for name, value in values.items():
            if name not in self.axes:
                raise UnknownNameError(f"select: {name!r} is not a swept parameter ({', '.join(names)})")
            axis = self.axes[name]
            k = int(np.argmin(np.abs(axis - float(value))))
            index[names.index(name)] = k
            fixed[name] = float(axis[k])
        where = tuple(index)
        keep = [n for n, i in zip(names, index, strict=True) if isinstance(i, slice)]
        return SweepResult(
            what=self.what,
            kind="grid",
            axes={n: self.axes[n] for n in keep},
            coordinates={n: self.coordinates[n][where] for n in keep},
            fixed=fixed,
            conditions=self.conditions,
            holds=self.holds[(slice(None), *where)],
            values={n: v[where] for n, v in self.values.items()},
        )

    # ------------------------------------------------------------------ regions
    @cached_property
    def _regions(self) -> tuple[npt.NDArray[np.intp], tuple[str, ...]]:
        k = len(self.conditions)
        flat = self.holds.reshape(k, -1)
        if k <= 62:
            weights = np.left_shift(np.int64(1), np.arange(k, dtype=np.int64))
            keys = weights @ flat.astype(np.int64) if k else np.zeros(flat.shape[1], dtype=np.int64)
            unique, codes = np.unique(keys, return_inverse=True)
            members = [[j for j in range(k) if (int(u) >> j) & 1] for u in unique]
        else:
            rows, codes = np.unique(flat.T, axis=0, return_inverse=True)
            members = [list(np.flatnonzero(r)) for r in rows]
        names = tuple(" & ".join(self.conditions[j] for j in m) or NONE_LABEL for m in members)
        return np.asarray(codes, dtype=np.intp).reshape(self.shape), names

    @property
    def region_names(self) -> tuple[str, ...]:
        """Distinct regions that occur, e.g. ``("none", "(Stag, Stag)")``.

        Each is the set of conditions holding there, joined by ``" & "``;
        ``"none"`` where none holds. Ordered by the binary code of the set.
        """
        return self._regions[1]

    @property
    def regions(self) -> npt.NDArray[np.intp]:
        """Region code of every point (an index into :attr:`region_names`)."""
        return self._regions[0]

    def labels(self) -> npt.NDArray[np.object_]:
        """Region name of every point, as an object array shaped like the grid."""
        names = np.array(self.region_names, dtype=object)
        return np.asarray(names[self.regions], dtype=object)

    def share(self) -> dict[str, float]:
        """Fraction of points in each region.

        Examples
        --------
        >>> import sympy, numpy as np
        >>> from nea_games import NormalFormGame
        >>> from nea_games.analysis.sweep import sweep
        >>> a = sympy.Symbol("a")
        >>> g = NormalFormGame.symmetric([[a, 0], [1, 1]], actions=["S", "H"])
        >>> sweep(g, {"a": np.arange(4)}).share()
        {'(H, H)': 0.25, '(S, S) & (H, H)': 0.75}
        """
        counts = np.bincount(self.regions.reshape(-1), minlength=len(self.region_names))
        return {n: float(c) / self.size for n, c in zip(self.region_names, counts, strict=True)}

    # ------------------------------------------------------------------ exports
    def columns(self) -> dict[str, npt.NDArray[Any]]:
        """One flat column per parameter, condition and value, plus ``"region"``."""
        out: dict[str, npt.NDArray[Any]] = {}
        for name, coord in self.coordinates.items():
            out[name] = coord.reshape(-1)
        for name, value in self.fixed.items():
            out[name] = np.full(self.size, value)
        for k, name in enumerate(self.conditions):
            out[name] = self.holds[k].reshape(-1)
        for name, array in self.values.items():
            out[name] = array.reshape(-1)
        out["region"] = self.labels().reshape(-1)
        return out

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: metadata and one list per column (see :meth:`columns`)."""
        return {
            "what": self.what,
            "kind": self.kind,
            "shape": list(self.shape),
            "parameters": list(self.parameters),
            "axes": {n: a.tolist() for n, a in self.axes.items()},
            "fixed": dict(self.fixed),
            "conditions": list(self.conditions),
            "values": list(self.values),
            "columns": {n: _json_column(c) for n, c in self.columns().items()},
        }

    def to_json(self, path: str | os.PathLike[str]) -> None:
        """Write :meth:`to_dict` as JSON to ``path`` (infinite or NaN values as ``null``)."""
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(self.to_dict(), handle)

    def to_csv(self, path: str | os.PathLike[str]) -> None:
        """Write one row per point (columns of :meth:`columns`) as CSV to ``path``."""
        columns = self.columns()
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(list(columns))
            writer.writerows(zip(*(c.tolist() for c in columns.values()), strict=True))

    def to_dataframe(self) -> pandas.DataFrame:
        """One row per point as a :class:`pandas.DataFrame` (``region`` categorical).

        Raises
        ------
        ImportError
            If pandas is not installed (``pip install pandas``).
        """
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover - exercised only without pandas
            raise ImportError(
                "SweepResult.to_dataframe needs pandas: pip install pandas (or nea_games[dataframe])"
            ) from None
        frame = pd.DataFrame(self.columns())
        frame["region"] = pd.Categorical(frame["region"], categories=list(self.region_names))
        return frame

    # ------------------------------------------------------------------ plotting
    def plot(self, ax: Any = None, boundaries: Any = None) -> Figure:
        """Equilibrium map; see :func:`nea_games.analysis.plots.equilibrium_map`."""
        from nea_games.analysis.plots import equilibrium_map

        return equilibrium_map(self, ax=ax, boundaries=boundaries)

    # ------------------------------------------------------------------ value semantics
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SweepResult):
            return NotImplemented
        return (
            (self.what, self.kind, self.conditions, self.fixed)
            == (other.what, other.kind, other.conditions, other.fixed)
            and _same_arrays(self.axes, other.axes)
            and _same_arrays(self.coordinates, other.coordinates)
            and _same_arrays(self.values, other.values)
            and np.array_equal(self.holds, other.holds)
        )

    __hash__ = None  # type: ignore[assignment]

    def _repr_html_(self) -> str:
        import html

        rows = "".join(
            f"<tr><td>{html.escape(name)}</td><td>{share:.1%}</td></tr>"
            for name, share in self.share().items()
        )
        png = self._repr_png_()
        image = ""
        if png is not None:
            import base64

            data = base64.b64encode(png).decode("ascii")
            alt = f"equilibrium map of {html.escape(self.what)}"
            image = f'<img src="data:image/png;base64,{data}" alt="{alt}"/>'
        return (
            f"<p>{html.escape(repr(self))}</p>"
            "<table><thead><tr><th>region</th><th>share of points</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>" + image
        )

    def _repr_png_(self) -> bytes | None:
        """Jupyter: the equilibrium map (:meth:`plot`) as PNG, or ``None`` for more than two parameters."""
        import io

        from nea_games.errors import NeaGamesError

        try:
            figure = self.plot()
        except (NeaGamesError, ImportError):  # more than two swept parameters, or no matplotlib
            return None
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=72)
        return buffer.getvalue()

    def __repr__(self) -> str:
        dims = " x ".join(f"{n}[{len(a)}]" for n, a in self.axes.items()) or f"{self.size} points"
        return f"<SweepResult {self.what} over {dims}: {len(self.region_names)} regions>"


def _json_column(column: npt.NDArray[Any]) -> list[Any]:
    values = column.tolist()
    if column.dtype.kind == "f" and not np.isfinite(column).all():
        return [v if math.isfinite(v) else None for v in values]
    return list(values)


def _same_arrays(a: Mapping[str, npt.NDArray[Any]], b: Mapping[str, npt.NDArray[Any]]) -> bool:
    return list(a) == list(b) and all(np.array_equal(a[k], b[k], equal_nan=True) for k in a)


def check_2d(result: SweepResult) -> None:
    """Raise unless the result can be drawn (one or two swept parameters)."""
    if len(result.parameters) not in (1, 2):
        raise ValidationError(
            f"plot: can draw sweeps over one or two parameters, this one has {len(result.parameters)}; "
            "fix the others to single values in the grid, or draw result.select(name=value)"
        )
