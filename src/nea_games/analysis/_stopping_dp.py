r"""Number handling and the discretised dynamic programme of :mod:`nea_games.analysis.stopping`.

Parameters are kept as ``Fraction`` (exact), ``float`` or sympy expressions
(symbolic, or exact irrationals such as ``log(12)``) by the library-wide
helpers of :mod:`nea_games._values`.

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
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from nea_games._values import check_range, convert
from nea_games.errors import BudgetExceededError, PayoffTypeError, ValidationError

__all__ = ["StoppingDP", "solve_stopping_dp"]


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
    x = convert("solve_dp", name, value)
    check_range("solve_dp", name, x, 0, open_low=True)
    try:
        return float(x)
    except TypeError:
        raise PayoffTypeError(f"solve_dp: {name} must be a number, got {x}") from None


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
    nea_games.errors.PayoffTypeError
        If ``dt`` or ``horizon`` is not a number.
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
