r"""Strategic patience as learning: when does the US give up waiting for a concession?

The DPRK is *committed* (it never concedes) with prior probability
:math:`\pi_0`; otherwise it concedes at Poisson rate :math:`\lambda`. The US
waits at flow cost :math:`k`; a concession is worth :math:`D` to it, and
containment is an irreversible switch worth 0. With no concession by time
:math:`t` the US belief that the DPRK is committed rises by Bayes' rule,

.. math:: \pi(t) = \frac{\pi_0}{\pi_0 + (1-\pi_0)e^{-\lambda t}} .

Waiting a moment longer gains :math:`(1-\pi)\lambda D\,dt` in expectation and
costs :math:`k\,dt`, so the US waits while :math:`(1-\pi)\lambda D \ge k`,
i.e. while :math:`\pi \le \pi^* = 1 - k/(\lambda D)` (derived here with
:func:`~nea_games.analysis.conditions.critical_value`). It switches at

.. math:: t^* = \frac{1}{\lambda}\ln\frac{(1-\pi_0)\,\pi^*}{\pi_0\,(1-\pi^*)}
   \quad(\pi_0 < \pi^*), \qquad t^* = 0 \quad(\pi_0 \ge \pi^*),

and a shift happens (by any time :math:`t \ge t^*`) iff the DPRK has not
conceded by :math:`t^*`, with probability
:math:`\pi_0 + (1-\pi_0)e^{-\lambda t^*} = \pi_0/\pi^*`. The numbers, the
discretised dynamic programme and the administration schedules come from
:mod:`nea_games.analysis.stopping`; this module keeps the symbolic forms
used for conditions and vectorised sweeps.

**Shielding.** ``lam`` is read as the concession rate of an uncommitted
DPRK when China *pressures*. When China shields (the solved buffer-dilemma
model says so), the DPRK keeps only the share ``retained`` of that rate:
:math:`\lambda' = \rho\lambda`. A lower :math:`\lambda` lowers :math:`\pi^*`
and learning is slower, but the first effect dominates when :math:`\pi_0`
is near :math:`\pi^*`; at the defaults the shift comes earlier.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from nea_games.analysis.conditions import critical_value

__all__ = ["SYMBOLS", "learning_expressions", "learning_numpy"]

#: the library's symbols for the learning piece
SYMBOLS = {name: sympy.Symbol(name, positive=True) for name in ("pi0", "lam", "k", "D")}
_BELIEF = sympy.Symbol("pi", nonnegative=True)


@lru_cache(maxsize=1)
def _threshold_and_time() -> tuple[Any, Any]:
    pi0, lam, k, D = (SYMBOLS[n] for n in ("pi0", "lam", "k", "D"))
    waiting = critical_value((1 - _BELIEF) * lam * D - k >= 0, _BELIEF, assumptions=[_BELIEF <= 1])
    pi_star = sympy.expand(waiting.threshold)
    # Bayes' rule in odds form: the odds of "committed" grow by the likelihood ratio e^{lam t},
    # so pi(t) = pi* exactly when lam t = logit(pi*) - logit(pi0)
    t_star = (sympy.log(pi_star / (1 - pi_star)) - sympy.log(pi0 / (1 - pi0))) / lam
    return pi_star, t_star


def learning_expressions() -> tuple[Any, Any, Any]:
    r"""``(pi*, t*, P(shift))`` as sympy expressions of ``pi0, lam, k, D`` (interior case).

    :math:`\pi^*` is the critical value of the condition "waiting pays":
    :math:`(1-\pi)\lambda D - k \ge 0`; :math:`t^*` solves :math:`\pi(t) = \pi^*` (in odds form,
    :math:`\lambda t^* = \operatorname{logit}\pi^* - \operatorname{logit}\pi_0`); the shift
    probability is the probability of no concession by :math:`t^*`.

    Examples
    --------
    >>> pi_star, t_star, shift = learning_expressions()
    >>> pi_star, shift
    (1 - k/(D*lam), D*lam*pi0/(D*lam - k))
    """
    pi0, lam = SYMBOLS["pi0"], SYMBOLS["lam"]
    pi_star, t_star = _threshold_and_time()
    survive = sympy.simplify(pi0 + (1 - pi0) * sympy.exp(-lam * t_star))
    return pi_star, t_star, survive


@lru_cache(maxsize=1)
def _functions() -> tuple[Any, Any]:
    pi_star, t_star = _threshold_and_time()
    symbols = [SYMBOLS[n] for n in ("pi0", "lam", "k", "D")]
    return (
        sympy.lambdify(symbols, pi_star, modules="numpy", docstring_limit=0),
        sympy.lambdify(symbols, t_star, modules="numpy", docstring_limit=0),
    )


def learning_numpy(
    pi0: npt.NDArray[np.float64],
    lam: npt.NDArray[np.float64],
    k: npt.NDArray[np.float64],
    D: npt.NDArray[np.float64],
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Vectorised ``(pi*, t*, P(shift ever))`` over arrays of parameters.

    ``t*`` is 0 where the prior is already at or above the threshold and ``inf`` where the
    prior is 0 (the US is sure the DPRK will concede and never switches).

    Examples
    --------
    >>> import numpy as np
    >>> pi_star, t_star, shift = learning_numpy(*(np.array([x]) for x in (0.2, 0.5, 0.5, 2.0)))
    >>> float(pi_star[0]), round(float(t_star[0]), 4), float(shift[0])
    (0.5, 2.7726, 0.4)
    """
    threshold, switch = _functions()
    pi_star = np.asarray(threshold(pi0, lam, k, D), dtype=float)
    at_once = pi0 >= pi_star
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.asarray(switch(pi0, lam, k, D), dtype=float)
        shift = np.where(at_once, 1.0, pi0 / np.where(at_once, 1.0, pi_star))
    t_star = np.where(at_once, 0.0, np.where(pi0 <= 0, np.inf, t))
    return pi_star, t_star, np.where(pi0 <= 0, 0.0, shift)
