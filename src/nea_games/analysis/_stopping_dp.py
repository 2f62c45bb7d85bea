r"""Number handling and the discretised dynamic programme of :mod:`nea_games.analysis.stopping`.

Parameters are kept as ``Fraction`` (exact), ``float`` or sympy expressions
(symbolic, or exact irrationals such as ``log(12)``); :func:`_out` turns a
sympy result back into the kind the inputs had.

**The dynamic programme** behind ``BeliefStoppingProblem.solve_dp``.

Time is cut into steps of length :math:`\Delta`, :math:`t_n = n\Delta`,
:math:`n = 0, \dots, N`. The belief that the opponent is committed is
updated by Bayes' rule after every step without a concession,

.. math:: \pi_{n+1} = \frac{\pi_n}{\pi_n + (1 - \pi_n) e^{-\lambda\Delta}},

and a concession arrives within step *n* with probability
:math:`p_n = (1 - \pi_n)(1 - e^{-\lambda\Delta})`. Backwards from the
horizon, where the decision maker must stop (:math:`V_N = W`),

.. math::

   V_n = \max\Bigl\{ W,\ -k\Delta + e^{-r\Delta}\bigl[p_n D + (1 - p_n) V_{n+1}\bigr] \Bigr\}.

Stopping is chosen where the first term is at least the second. The
programme knows nothing of the closed-form threshold; that the two agree
as :math:`\Delta \to 0` is the cross-check.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import sympy

from nea_games.errors import (
    BudgetExceededError,
    NonFiniteError,
    PayoffTypeError,
    ProbabilityError,
    ValidationError,
)

__all__ = ["Kind", "StoppingDP", "solve_stopping_dp"]

Kind = Literal["exact", "float", "symbolic"]


def _convert(owner: str, name: str, value: Any) -> Any:
    """A ``Fraction``, a finite ``float`` or a sympy expression with free symbols."""
    if isinstance(value, bool):
        raise PayoffTypeError(f"{owner}: {name} must be a number or sympy expression, got a bool")
    if isinstance(value, sympy.Basic):
        if value.free_symbols:
            return value
        if value.is_Rational:
            return Fraction(int(value.p), int(value.q))  # type: ignore[attr-defined]
        if value.is_Float:
            return _convert(owner, name, float(value))  # type: ignore[arg-type]
        if value.is_real and value.is_finite:
            return value  # an exact irrational number such as log(12)
        raise PayoffTypeError(f"{owner}: {name} must be a finite real number, got {value}")
    if isinstance(value, numbers.Rational):
        return Fraction(int(value.numerator), int(value.denominator))
    if isinstance(value, numbers.Real):
        x = float(value)
        if not math.isfinite(x):
            raise NonFiniteError(f"{owner}: {name} must be finite, got {value!r}")
        return x
    raise PayoffTypeError(f"{owner}: {name} must be a number or sympy expression, got {type(value).__name__}")


def _symbolic(value: Any) -> bool:
    return isinstance(value, sympy.Basic) and bool(value.free_symbols)


def _check(owner: str, name: str, value: Any, low: Any, *, strict: bool, high: Any = None) -> None:
    """Raise unless ``low (<|<=) value (<= high)``; symbolic values pass."""
    if _symbolic(value):
        return
    if (value <= low if strict else value < low) or (high is not None and value > high):
        error = ProbabilityError if high is not None else ValidationError
        where = f"[{low}, {high}]" if high is not None else (f"> {low}" if strict else f">= {low}")
        raise error(f"{owner}: {name} must be {where}, got {value}")


def _kind(values: Sequence[Any]) -> Kind:
    if any(_symbolic(v) for v in values):
        return "symbolic"
    return "float" if any(isinstance(v, float) for v in values) else "exact"


def _sym(value: Any) -> Any:
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    return sympy.sympify(value)


def _out(expr: Any, kind: Kind) -> Any:
    """An exact ``Fraction``/sympy number, a ``float`` (``inf`` for never) or the expression."""
    expr = sympy.sympify(expr)
    if kind == "symbolic" and expr.free_symbols:
        return expr
    if expr in (sympy.oo, -sympy.oo):
        return float(expr)
    if kind == "float":
        return float(expr)
    if expr.is_Rational:
        return Fraction(int(expr.p), int(expr.q))
    return expr


def _is_array(t: Any) -> bool:
    return isinstance(t, (np.ndarray, list, tuple))


def _time_array(owner: str, t: Any) -> npt.NDArray[np.float64]:
    try:
        array = np.asarray(t, dtype=float)
    except (TypeError, ValueError):
        raise PayoffTypeError(f"{owner}: t must be numbers, got {t!r}") from None
    if not np.all(np.isfinite(array)):
        raise NonFiniteError(f"{owner}: every time in t must be finite")
    if np.any(array < 0):
        raise ValidationError(f"{owner}: times must be >= 0, got min(t) = {array.min():g}")
    return array




@dataclass(frozen=True, eq=False)
class StoppingDP:
    """The solution of the discretised stopping problem.

    Attributes
    ----------
    times, beliefs, values : numpy.ndarray
        The grid :math:`t_n`, the belief :math:`\\pi_n` at each grid time
        (given no concession so far) and the value :math:`V_n` of the
        problem there.
    stop : numpy.ndarray of bool
        Whether stopping is optimal at each grid time (always at the horizon).
    stop_time : float
        The first grid time at which stopping is optimal, or ``math.inf``
        when the decision maker waits until the horizon (the horizon is then
        too short to show the stop).
    threshold : float or None
        The implied belief threshold: the belief at ``stop_time`` (``None``
        when no voluntary stop happens before the horizon).
    value : float
        :math:`V_0`, the value of the problem at time 0.
    dt, horizon : float
        The step length and the last grid time.
    """

    times: npt.NDArray[np.float64]
    beliefs: npt.NDArray[np.float64]
    values: npt.NDArray[np.float64]
    stop: npt.NDArray[np.bool_]
    stop_time: float
    threshold: float | None
    value: float
    dt: float
    horizon: float

    def __repr__(self) -> str:
        threshold = "none" if self.threshold is None else f"{self.threshold:.6g}"
        return (
            f"StoppingDP(dt={self.dt:g}, steps={len(self.times) - 1}, stop_time={self.stop_time:.6g}, "
            f"threshold={threshold}, value={self.value:.6g})"
        )


def _positive_float(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        try:
            x = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ValidationError(
                f"solve_dp: {name} must be a positive number, got {type(value).__name__}"
            ) from None
    else:
        x = float(value)
    if not math.isfinite(x):
        raise NonFiniteError(f"solve_dp: {name} must be finite, got {value!r}")
    if x <= 0:
        raise ValidationError(f"solve_dp: {name} must be > 0, got {value!r}")
    return x


def solve_stopping_dp(
    prior: float,
    rate: float,
    flow_cost: float,
    prize: float,
    stop_value: float,
    discount: float,
    *,
    dt: object,
    horizon: object,
    max_steps: int = 10_000_000,
) -> StoppingDP:
    """Backward induction over the time grid (float arithmetic); see the module docstring.

    Raises
    ------
    nea_games.errors.ValidationError
        If ``dt`` or ``horizon`` is not a positive finite number, or ``dt > horizon``.
    nea_games.errors.BudgetExceededError
        If the grid would have more than ``max_steps`` steps.
    """
    step = _positive_float("dt", dt)
    end = _positive_float("horizon", horizon)
    if step > end:
        raise ValidationError(f"solve_dp: dt ({step:g}) must not exceed the horizon ({end:g})")
    n_steps = math.ceil(end / step - 1e-9)
    if n_steps > max_steps:
        raise BudgetExceededError(
            f"solve_dp: horizon/dt = {n_steps} steps exceeds max_steps={max_steps}; "
            "raise max_steps or use a larger dt or a shorter horizon"
        )
    times = step * np.arange(n_steps + 1, dtype=float)
    survive = math.exp(-rate * step)
    beliefs = np.empty(n_steps + 1)
    beliefs[0] = prior
    for n in range(n_steps):  # Bayes' rule after a step without a concession
        pi = beliefs[n]
        beliefs[n + 1] = pi / (pi + (1.0 - pi) * survive)
    concede = (1.0 - beliefs) * (1.0 - survive)
    shrink = math.exp(-discount * step)
    values = np.empty(n_steps + 1)
    stop = np.zeros(n_steps + 1, dtype=bool)
    values[n_steps], stop[n_steps] = stop_value, True
    for n in range(n_steps - 1, -1, -1):
        wait = -flow_cost * step + shrink * (concede[n] * prize + (1.0 - concede[n]) * values[n + 1])
        stop[n] = stop_value >= wait
        values[n] = stop_value if stop[n] else wait
    voluntary = np.flatnonzero(stop[:-1])
    if voluntary.size:
        first = int(voluntary[0])
        stop_time, threshold = float(times[first]), float(beliefs[first])
    else:
        stop_time, threshold = math.inf, None
    return StoppingDP(
        times=times,
        beliefs=beliefs,
        values=values,
        stop=stop,
        stop_time=stop_time,
        threshold=threshold,
        value=float(values[0]),
        dt=step,
        horizon=float(times[-1]),
    )
