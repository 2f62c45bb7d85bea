r"""Sweeps: which equilibria hold at every point of a parameter grid or sample.

For a parametric normal-form game with payoffs :math:`u_i(a;\theta)`, a sweep
evaluates, at each parameter point :math:`\theta` of a grid or random sample,
the set

.. math:: E(\theta) = \{a : u_i(a;\theta) \ge \max_b u_i(b, a_{-i};\theta)
          - \tau(\theta)\ \text{for every player } i\}

of pure Nash equilibria, with the library tolerance :math:`\tau` (see
:mod:`nea_games._numeric`). The payoff array is lambdified once; each chunk of
points is one set of numpy array operations over all points and profiles
(no Python loop per point). Points are processed ``chunk_size`` at a time, so
working memory is bounded by one chunk whatever the number of points; the
chunks can be mapped on a dask cluster. The result
(:class:`~nea_games.analysis._sweep_result.SweepResult`) partitions the
parameter space into *regions*, the sets :math:`E(\theta)` that occur, and
draws them as an equilibrium map.

Objects other than games plug in through a small protocol: any object with a
``sweep_parameters`` attribute (the parameter names it needs) and a method
``__nea_sweep__(points, what)`` that takes ``{name: 1-D float array}`` and
returns ``{output name: array of the same length}``, vectorised over points.
Boolean outputs are conditions (they define the regions); numeric outputs
(such as a critical discount factor :math:`\delta^*`) are kept alongside.
Models and repeated games use this hook; to run on a dask cluster the object
must be picklable (defined in an importable module).

Examples
--------
A club whose cooperation is sustainable when :math:`\delta \ge 1/2 + \rho`:

>>> import numpy as np
>>> class Club:
...     sweep_parameters = ("rho", "delta")
...     def __nea_sweep__(self, points, what):
...         critical = np.clip(0.5 + points["rho"], 0.0, np.inf)
...         return {"sustainable": points["delta"] >= critical, "critical_discount": critical}
>>> result = sweep(Club(), {"rho": [0.0, 0.3], "delta": [0.6, 0.9]})
>>> result.condition("sustainable")
array([[ True,  True],
       [False,  True]])
>>> result.values["critical_discount"][:, 0]
array([0.5, 0.8])
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from nea_games._progress import track
from nea_games.analysis._sweep_kernel import ProtocolKernel, PureKernel, Sweepable
from nea_games.analysis._sweep_points import Grid, Sample, check_names_against, make_grid
from nea_games.analysis._sweep_result import NONE_LABEL, SweepResult
from nea_games.errors import UnsupportedGameError, ValidationError

__all__ = ["NONE_LABEL", "Sample", "SweepResult", "Sweepable", "sweep"]

#: Bytes of float payoffs per chunk when no chunk size is given: small enough to stay in cache
#: (measured fastest for 2x2 and 2x2x2 games), large enough to amortise numpy's per-call cost.
CHUNK_BYTES = 3 * 2**20

FloatArray = npt.NDArray[np.float64]
Kernel = PureKernel | ProtocolKernel
Source = Grid | dict[str, FloatArray]


def _kernel_for(target: Any, what: str | None, options: dict[str, Any]) -> Kernel:
    from nea_games.games.normal_form import NormalFormGame
    from nea_games.games.repeated import RepeatedGame

    if isinstance(target, RepeatedGame):
        from nea_games.analysis._sweep_repeated import RepeatedSweep

        return ProtocolKernel(RepeatedSweep(target, what=what, **options), what)
    if options:
        raise ValidationError(f"sweep: options {sorted(options)} apply to repeated games only")
    if isinstance(target, NormalFormGame):
        if what not in (None, "pure"):
            raise ValidationError(f"sweep: a normal-form game can be swept for what='pure', not {what!r}")
        return PureKernel(target)
    if isinstance(target, Sweepable):
        return ProtocolKernel(target, what)
    raise UnsupportedGameError(
        f"sweep: cannot sweep a {type(target).__name__}; give a parametric NormalFormGame or an object "
        "with sweep_parameters and __nea_sweep__(points, what)"
    )


def _chunk_points(source: Source, start: int, stop: int) -> dict[str, FloatArray]:
    if isinstance(source, Grid):
        return source.points(start, stop)
    return {name: values[start:stop] for name, values in source.items()}


def _run_chunk(kernel: Kernel, source: Source, start: int, stop: int) -> dict[str, Any]:
    """Evaluate one chunk (module level, so dask workers can import it)."""
    return kernel(_chunk_points(source, start, stop))


def _ranges(n: int, chunk_size: int) -> list[tuple[int, int]]:
    return [(s, min(s + chunk_size, n)) for s in range(0, n, chunk_size)]


def _local_chunks(kernel: Kernel, source: Source, ranges: list[tuple[int, int]]) -> Iterator[dict[str, Any]]:
    for start, stop in ranges:
        yield _run_chunk(kernel, source, start, stop)


def _remote_chunks(
    kernel: Kernel, source: Source, ranges: list[tuple[int, int]], client: Any
) -> Iterator[dict[str, Any]]:
    if not hasattr(client, "map") or not hasattr(client, "gather"):
        raise ValidationError("sweep: client must be a dask.distributed.Client")
    [kernel_future] = client.scatter([kernel], broadcast=True)
    futures = []
    for start, stop in ranges:
        # a grid is tiny and rebuilt from flat indices on the worker; a sample ships its slice
        part = source if isinstance(source, Grid) else _chunk_points(source, start, stop)
        offset = 0 if isinstance(source, Grid) else start
        futures.append(
            client.submit(_run_chunk, kernel_future, part, start - offset, stop - offset, pure=False)
        )
    for future in futures:  # gathered in order, one at a time (memory: one chunk)
        yield future.result()
        future.release()


def sweep(
    game_or_model: Any,
    grid_or_sampler: Mapping[Any, Any] | Sample,
    what: str | None = None,
    *,
    chunk_size: int | None = None,
    progress: bool | None = None,
    seed: int | np.random.Generator | None = None,
    client: Any = None,
    **options: Any,
) -> SweepResult:
    """Evaluate which equilibria (or conditions) hold at every parameter point.

    Parameters
    ----------
    game_or_model : NormalFormGame, RepeatedGame or Sweepable
        A parametric normal-form game; a repeated game (its stage game and
        discount factor may have parameters); or any object following the
        sweep protocol (``sweep_parameters`` and ``__nea_sweep__``; see the
        module docstring), such as a model.
    grid_or_sampler : dict or Sample
        ``{name: 1-D values}``: the Cartesian product of the values (the
        last name varies fastest); a single number holds a parameter fixed.
        Or a :class:`Sample` of random points in a box. Every parameter of
        the game must be given, and no other.
    what : str, optional
        For a normal-form game ``"pure"`` (the default): which pure profiles
        are Nash equilibria. For a repeated game ``"sustainable"`` (the
        default: whether ``delta >= delta*``, with ``delta*`` as a value) or
        ``"critical_discount"`` (``delta*`` only, over the stage parameters).
        Passed on to ``__nea_sweep__`` for other objects.
    chunk_size : int, optional
        Points evaluated at once; bounds the working memory. By default
        enough points for about 3 MB of payoffs (32,768 points of a 2x2
        game, 16,384 of a 2x2x2 game).
    progress : bool, optional
        Progress bar: ``None`` shows one on interactive terminals for runs
        longer than about two seconds, ``True`` always, ``False`` never.
    seed : int or numpy Generator, optional
        Seed of a :class:`Sample` (the same seed gives the same points).
    client : dask.distributed.Client, optional
        Map the chunks on this dask cluster; the result equals the local one.
    **options
        For a repeated game: ``strategy=`` (default ``"grim_trigger"``),
        ``cooperative=``, ``assumptions=`` and the other options of
        :func:`nea_games.solvers.repeated.critical_discount`.

    Returns
    -------
    SweepResult
        Per-point booleans per profile (``result.condition(("C", "C"))``),
        regions (``result.region_names``, ``result.regions``), exports
        (``to_csv``, ``to_json``, ``to_dataframe``) and ``plot()``.

    Raises
    ------
    nea_games.errors.UnknownNameError
        A grid names something that is not a parameter.
    nea_games.errors.ValidationError
        A parameter has no values, or ``chunk_size`` is not positive.
    nea_games.errors.NonFiniteError
        A value, or a payoff at some point, is NaN or infinite.

    Examples
    --------
    A stag hunt whose stag payoff ``a`` varies: (Stag, Stag) is an
    equilibrium exactly when ``a >= 1``.

    >>> import numpy as np, sympy
    >>> from nea_games import NormalFormGame
    >>> a = sympy.Symbol("a")
    >>> hunt = NormalFormGame.symmetric([[a, 0], [1, 1]], actions=["Stag", "Hare"])
    >>> result = sweep(hunt, {"a": np.linspace(0, 2, 5)})
    >>> result.condition(("Stag", "Stag"))
    array([False, False,  True,  True,  True])
    >>> result.region_names
    ('(Hare, Hare)', '(Stag, Stag) & (Hare, Hare)')

    Random points, reproducible with a seed:

    >>> s = sweep(hunt, Sample({"a": (0, 2)}, n=1000), seed=7)
    >>> s.shape, s == sweep(hunt, Sample({"a": (0, 2)}, n=1000), seed=7)
    ((1000,), True)
    """
    if chunk_size is not None and (
        isinstance(chunk_size, bool) or not isinstance(chunk_size, (int, np.integer)) or chunk_size < 1
    ):
        raise ValidationError(f"sweep: chunk_size must be a positive integer, got {chunk_size!r}")
    kernel = _kernel_for(game_or_model, what, options)
    if chunk_size is None:
        entries = math.prod(kernel.shape) if isinstance(kernel, PureKernel) else 8
        chunk_size = points_per_chunk(entries)
    source: Source
    if isinstance(grid_or_sampler, Sample):
        check_names_against(grid_or_sampler.names, kernel.parameters, "sweep")
        ranges_box, fixed = grid_or_sampler.box()
        source = grid_or_sampler.draw(seed)
        n = int(grid_or_sampler.n)
        shape: tuple[int, ...] = (n,)
        axes: dict[str, FloatArray] = {}
        coordinates = {name: source[name] for name in ranges_box}
        kind = "sample"
    elif isinstance(grid_or_sampler, Mapping):
        grid = make_grid(grid_or_sampler)
        check_names_against(grid.names, kernel.parameters, "sweep")
        source, fixed, axes, kind = grid, dict(grid.fixed), dict(grid.axes), "grid"
        shape = grid.shape
        n = grid.size
        coordinates = _mesh(grid)
    else:
        raise ValidationError(
            "sweep: expected a dict {parameter: values} or a Sample, got " + type(grid_or_sampler).__name__
        )
    ranges = _ranges(n, int(chunk_size))
    if client is not None:
        chunks = _remote_chunks(kernel, source, ranges, client)
    else:
        chunks = _local_chunks(kernel, source, ranges)
    chunks = track(chunks, len(ranges), f"sweeping {n:,} points", progress)
    conditions, holds, values = _assemble(kernel, chunks, ranges, n)
    return SweepResult(
        what=kernel.what or "sweep",
        kind=kind,
        axes=axes,
        coordinates=coordinates,
        fixed=fixed,
        conditions=conditions,
        holds=holds.reshape(len(conditions), *shape),
        values={name: v.reshape(shape) for name, v in values.items()},
    )


def _mesh(grid: Grid) -> dict[str, FloatArray]:
    if not grid.axes:
        return {}
    meshes = np.meshgrid(*grid.axes.values(), indexing="ij", sparse=True)
    return {name: np.broadcast_to(m, grid.shape) for name, m in zip(grid.axes, meshes, strict=True)}


def _assemble(
    kernel: Kernel, chunks: Iterator[dict[str, Any]], ranges: list[tuple[int, int]], n: int
) -> tuple[tuple[str, ...], npt.NDArray[np.bool_], dict[str, FloatArray]]:
    conditions: tuple[str, ...] = ()
    holds = np.zeros((0, n), dtype=bool)
    values: dict[str, FloatArray] = {}
    for k, ((start, stop), chunk) in enumerate(zip(ranges, chunks, strict=True)):
        if isinstance(kernel, PureKernel):
            if k == 0:
                conditions = kernel.outputs
                holds = np.empty((len(conditions), n), dtype=bool)
            holds[:, start:stop] = chunk["__equilibria__"]
            continue
        if k == 0:
            conditions = tuple(name for name, v in chunk.items() if v.dtype == bool)
            holds = np.empty((len(conditions), n), dtype=bool)
            values = {name: np.empty(n) for name, v in chunk.items() if v.dtype != bool}
        for j, name in enumerate(conditions):
            holds[j, start:stop] = chunk[name]
        for name, array in values.items():
            array[start:stop] = chunk[name]
    if not ranges and isinstance(kernel, PureKernel):  # pragma: no cover - grids are never empty
        conditions = kernel.outputs
        holds = np.zeros((len(conditions), n), dtype=bool)
    return conditions, holds, values


def points_per_chunk(n_entries: int, budget_bytes: int = CHUNK_BYTES) -> int:
    """A power-of-two chunk size keeping one chunk's float payoff table within ``budget_bytes``.

    Examples
    --------
    >>> points_per_chunk(8), points_per_chunk(24)
    (32768, 16384)
    """
    return int(max(1, 2 ** int(math.log2(max(1, budget_bytes // (8 * max(1, n_entries)))))))
