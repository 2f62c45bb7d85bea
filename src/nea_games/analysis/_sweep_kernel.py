r"""Vectorised evaluation of one chunk of parameter points.

For a parametric normal-form game with payoffs :math:`u_i(a; \theta)`, the
pure profile :math:`a` is a Nash equilibrium at :math:`\theta` when, for every
player :math:`i`,

.. math:: u_i(a; \theta) \ge \max_{b \in A_i} u_i(b, a_{-i}; \theta) - \tau(\theta),

with the library tolerance :math:`\tau(\theta) = 10^{-9}\max(1, \max|u(\theta)|)`
(the same rule as :func:`nea_games.solvers.pure.pure_equilibria` applies to a
float game). The whole payoff array is turned once into one vectorised
function of the parameter arrays: when every payoff is affine in the
parameters, :math:`u = c + J\theta`, it is a single matrix product;
otherwise one lambdified numpy function (cached per game). One chunk of
:math:`m` points gives an array of shape ``(n_players, *n_actions, m)``, and
the test is one maximum along each player's own axis, broadcast over
profiles and points.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt
import sympy

from nea_games._numeric import TOLERANCE
from nea_games.errors import NonFiniteError, ValidationError

__all__ = ["ProtocolKernel", "PureKernel", "Sweepable", "profile_label"]

FloatArray = npt.NDArray[np.float64]


@runtime_checkable
class Sweepable(Protocol):
    """What an object needs to be swept by :func:`nea_games.analysis.sweep.sweep`.

    ``sweep_parameters`` names every parameter the object needs;
    ``__nea_sweep__(points, what)`` receives ``{name: 1-D float array}`` (all
    arrays of one length *m*, one entry per point) and returns
    ``{output name: array of length m}``. Boolean outputs are conditions
    (they make the categorical label of each point and the regions of the
    map); numeric outputs (e.g. a critical discount factor) are carried
    along. It must be vectorised (no loop per point), deterministic, and
    picklable when used with a dask client.
    """

    @property
    def sweep_parameters(self) -> tuple[str, ...]: ...

    def __nea_sweep__(self, points: Mapping[str, FloatArray], what: str | None) -> Mapping[str, Any]: ...


@lru_cache(maxsize=64)
def _lambdify(symbols: tuple[sympy.Symbol, ...], expressions: tuple[Any, ...]) -> Callable[..., Any]:
    """One numpy function returning every payoff entry (cached: sweeping a game again is free)."""
    function: Callable[..., Any] = sympy.lambdify(
        symbols, list(expressions), modules="numpy", docstring_limit=0
    )
    return function


@lru_cache(maxsize=64)
def _affine_form(
    symbols: tuple[sympy.Symbol, ...], expressions: tuple[Any, ...]
) -> tuple[FloatArray, FloatArray] | None:
    """``(c, J)`` with payoff ``k`` equal to ``c[k] + J[k] @ theta``, or None if not affine.

    Payoffs affine in the parameters (the common case: stage games with
    parameters as payoffs, relative-gains weights at fixed payoffs...) are
    evaluated as one matrix product instead of one numpy call per operation.
    """
    constants = np.empty(len(expressions))
    coefficients = np.empty((len(expressions), len(symbols)))
    for k, expr in enumerate(expressions):
        if not expr.is_polynomial(*symbols):
            return None
        poly = sympy.Poly(expr, *symbols) if symbols else None
        if poly is not None and poly.total_degree() > 1:
            return None
        constant = expr.subs(dict.fromkeys(symbols, 0))
        row = [sympy.diff(expr, s) for s in symbols]
        if not all(v.is_number and v.is_real for v in (constant, *row)):
            return None
        constants[k] = float(constant)
        coefficients[k] = [float(v) for v in row]
    constants.setflags(write=False)
    coefficients.setflags(write=False)
    return constants, coefficients


def profile_label(actions: tuple[str, ...]) -> str:
    """The name of a pure profile in sweep results: ``"(Stag, Stag)"``."""
    return "(" + ", ".join(actions) + ")"


class PureKernel:
    """Which pure profiles of a parametric game are equilibria, chunk by chunk.

    Picklable (the lambdified function is rebuilt after unpickling), so it
    can be shipped to dask workers.
    """

    def __init__(self, game: Any) -> None:
        self.what: str | None = "pure"
        self.parameters: tuple[str, ...] = tuple(p.name for p in game.parameters)
        self.shape: tuple[int, ...] = tuple(game.shape)
        self.outputs: tuple[str, ...] = tuple(profile_label(p) for p in game.profiles())
        self._symbols = tuple(game.parameters)
        self._expressions = [sympy.sympify(e) for e in game.payoffs.reshape(-1)]
        self._function: Callable[..., Any] | None = None
        self._affine = _affine_form(self._symbols, tuple(self._expressions))

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_function"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def _compiled(self) -> Callable[..., Any]:
        if self._function is None:
            self._function = _lambdify(self._symbols, tuple(self._expressions))
        return self._function

    def payoffs(self, points: Mapping[str, FloatArray]) -> FloatArray:
        """Payoff array of shape ``(n_players, *n_actions, m)`` at ``m`` points."""
        m = len(next(iter(points.values()))) if points else 1
        arrays = [points[name] for name in self.parameters]
        if self._affine is not None:  # one matrix product: constants + coefficients @ points
            constants, coefficients = self._affine
            with np.errstate(all="ignore"):
                table = coefficients @ np.stack(arrays) if arrays else np.zeros((len(constants), m))
                table += constants[:, None]
        else:
            with np.errstate(all="ignore"):
                raw = self._compiled()(*arrays)
            table = np.empty((len(self._expressions), m), dtype=float)
            for k, value in enumerate(raw):
                table[k] = value  # constants come back as scalars: broadcast
        finite = np.isfinite(table)
        if not finite.all():
            column = int(np.argmax(~finite.all(axis=0)))
            where = ", ".join(f"{n}={float(points[n][column])!r}" for n in self.parameters)
            raise NonFiniteError(f"sweep: a payoff is not finite at {where}")
        return table.reshape(*self.shape, m)

    def __call__(self, points: Mapping[str, FloatArray]) -> dict[str, Any]:
        table = self.payoffs(points)
        n_players = self.shape[0]
        scale = np.abs(table).max(axis=tuple(range(table.ndim - 1)))
        tol = TOLERANCE * np.maximum(1.0, scale)
        mask: npt.NDArray[np.bool_] | None = None
        for i in range(n_players):
            own = table[i]
            best = own.max(axis=i, keepdims=True)
            ok = own >= best - tol
            mask = ok if mask is None else (mask & ok)
        assert mask is not None
        flat = mask.reshape(-1, mask.shape[-1])
        return {"__equilibria__": flat}


class ProtocolKernel:
    """Adapter calling an object's ``__nea_sweep__`` on a chunk and checking its answer."""

    def __init__(self, target: Any, what: str | None) -> None:
        self.target = target
        self.what: str | None = what or getattr(target, "what", None)
        self.parameters: tuple[str, ...] = tuple(str(p) for p in target.sweep_parameters)

    def __call__(self, points: Mapping[str, FloatArray]) -> dict[str, Any]:
        m = len(next(iter(points.values()))) if points else 1
        answer = self.target.__nea_sweep__(dict(points), self.what)
        if not isinstance(answer, Mapping) or not answer:
            raise ValidationError("sweep: __nea_sweep__ must return a non-empty dict of arrays")
        out: dict[str, Any] = {}
        for name, value in answer.items():
            array = np.broadcast_to(np.asarray(value), (m,))
            if array.dtype != bool:
                array = array.astype(float)
            out[str(name)] = np.array(array)
        return out
