r"""The disarmament commitment problem (Fearon 1995; Powell 2006), one-shot and phased.

**Reading of the parameters.** Each period the US and the DPRK divide a
surplus of size 1 (the benefits of a settlement: aid, normalisation,
security guarantees, measured as a share). While it keeps its weapons the
DPRK can secure the share :math:`m_N \in [0, 1]` per period by itself (what
its arsenal lets it extract or deny). Disarming is a *shift in power*: once
disarmed, the DPRK can secure only :math:`m_N - \Delta` per period, with
:math:`\Delta \in [0, m_N]`. Both discount the future by
:math:`\delta \in (0, 1)` per period. The US cannot commit to future
transfers, so after the DPRK has disarmed it pays only what the DPRK could
then secure.

**One-shot deal.** The most the US can offer for disarming is the whole
current surplus, 1, followed by :math:`m_N - \Delta` for ever. The DPRK
accepts iff

.. math:: 1 + \frac{\delta(m_N - \Delta)}{1-\delta} \ \ge\ \frac{m_N}{1-\delta}
    \iff \frac{\delta\,\Delta}{1-\delta} \ \le\ 1 - m_N ,

the discounted future loss from the shift must not exceed the surplus the
US can pay at once (Powell 2006, eq. 1 in spirit). Solved for the shift:
:math:`\Delta \le \Delta^* = (1-\delta)(1-m_N)/\delta`.

**Action-for-action deal in N phases.** Disarmament comes in :math:`N` equal
steps, each shifting power by :math:`\Delta/N`. Before step :math:`j` the
DPRK can still secure :math:`m_j = m_N - (j-1)\Delta/N`; holding the US to
what it can credibly promise (the DPRK's continuation value after a step is
its new secure share for ever), step :math:`j` is accepted iff
:math:`\delta(\Delta/N)/(1-\delta) \le 1 - m_j`. The first step binds
(:math:`m_1 = m_N` is the largest secure share), so a phased deal works iff

.. math:: N \ \ge\ \frac{\delta\,\Delta}{(1-\delta)(1-m_N)},
    \qquad N_{\min} = \max\!\left(1, \left\lceil \frac{\delta\,\Delta}{(1-\delta)(1-m_N)} \right\rceil\right),

and no number of phases works when :math:`m_N = 1 < 1 + \Delta` (nothing left
to pay at once). Both thresholds are derived with
:func:`~nea_games.analysis.conditions.critical_value` on the acceptance
condition written out in sympy (multiplied by :math:`1-\delta > 0`).

Examples
--------
>>> from fractions import Fraction as F
>>> c = commitment_problem(F(9, 10), F(1, 4), F(1, 2))
>>> c.one_shot_deal, c.temptation, c.margin, c.critical_shift, c.min_phases
(False, Fraction(9, 4), Fraction(1, 2), Fraction(1, 18), 5)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sympy

from nea_games.analysis.conditions import critical_value
from nea_games.models._parameters import exact_output, is_symbolic, to_sympy

__all__ = ["CommitmentProblem", "commitment_problem"]

_DELTA = sympy.Symbol("delta", positive=True)
_SHIFT = sympy.Symbol("Delta", nonnegative=True)
_SHARE = sympy.Symbol("m_N", nonnegative=True)
_PHASES = sympy.Symbol("N", positive=True)


@dataclass(frozen=True)
class CommitmentProblem:
    r"""The commitment problem of disarmament at given parameters.

    Attributes
    ----------
    temptation : Fraction, float or sympy expression
        :math:`\delta\Delta/(1-\delta)`, the discounted value of the power the DPRK gives up.
    margin : Fraction, float or sympy expression
        :math:`1 - m_N`, the most the US can pay at once above the DPRK's secure share.
    one_shot_deal : bool or sympy boolean
        Whether a one-shot deal exists (``temptation <= margin``).
    critical_shift : Fraction, float, sympy expression or None
        :math:`\Delta^*`: a one-shot deal exists iff :math:`\Delta \le \Delta^*`.
    min_phases : int, sympy expression or None
        The fewest equal phases of an action-for-action deal that every step of which the DPRK
        accepts; ``None`` when no number of phases works (:math:`m_N = 1`, :math:`\Delta > 0`).
    """

    temptation: Any
    margin: Any
    one_shot_deal: Any
    critical_shift: Any
    min_phases: Any


@lru_cache(maxsize=1)
def _derived() -> tuple[Any, Any]:
    """(Δ*, N bound) solved once with the library from the acceptance conditions."""
    facts = [_DELTA < 1, _SHARE < 1]
    accept = 1 + _DELTA * (_SHARE - _SHIFT) / (1 - _DELTA) - _SHARE / (1 - _DELTA)
    cleared = sympy.expand(sympy.cancel(accept * (1 - _DELTA)))  # times 1 - delta > 0
    shift = critical_value(cleared >= 0, _SHIFT, assumptions=facts)
    step = 1 + _DELTA * (_SHARE - _SHIFT / _PHASES) / (1 - _DELTA) - _SHARE / (1 - _DELTA)
    cleared_step = sympy.expand(sympy.cancel(step * (1 - _DELTA)))
    phases = critical_value(cleared_step >= 0, _PHASES, assumptions=facts)
    return sympy.factor(shift.threshold), sympy.factor(phases.threshold)


def commitment_problem(delta: Any, Delta: Any, m_N: Any) -> CommitmentProblem:
    r"""Whether a one-shot disarmament deal exists, and the fewest phases of a phased deal.

    Parameters
    ----------
    delta : number or sympy expression
        Discount factor per period, in (0, 1).
    Delta : number or sympy expression
        Per-period fall in the share the DPRK can secure once disarmed, in [0, m_N].
    m_N : number or sympy expression
        Per-period share of the surplus the DPRK secures while nuclear, in [0, 1].

    Returns
    -------
    CommitmentProblem

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> commitment_problem(F(1, 2), F(1, 4), F(1, 2)).one_shot_deal
    True
    >>> commitment_problem(F(1, 2), F(1, 4), F(1)).min_phases is None
    True
    """
    d, s, m = (to_sympy(v) for v in (delta, Delta, m_N))
    shift_bound, phase_bound = _derived()
    values = {_DELTA: d, _SHIFT: s, _SHARE: m}
    temptation = sympy.simplify(d * s / (1 - d))
    margin = sympy.simplify(1 - m)
    symbolic = any(is_symbolic(v) for v in (d, s, m))
    if symbolic:
        deal: Any = temptation <= margin
        phases: Any = sympy.Max(1, sympy.ceiling(sympy.simplify(phase_bound.subs(values))))
        critical: Any = sympy.simplify(shift_bound.subs(values))
    else:
        deal = bool(temptation <= margin)
        critical = sympy.simplify(shift_bound.subs(values))
        if m == 1:
            phases = 1 if s == 0 else None
        else:
            bound = sympy.simplify(phase_bound.subs(values))
            # floats: a relative tolerance keeps 5.000000000001 from counting as 6 phases
            exact = bound.is_Rational
            phases = max(1, math.ceil(bound if exact else float(bound) * (1 - 1e-12)))
    return CommitmentProblem(
        exact_output(temptation), exact_output(margin), deal, exact_output(critical), phases
    )
