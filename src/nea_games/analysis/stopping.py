r"""Optimal stopping on a belief: when does waiting for a concession stop paying?

**The problem.** An opponent is *committed* (never concedes) with prior
probability :math:`\pi_0`; otherwise it concedes at Poisson rate
:math:`\lambda`. The decision maker waits at cost :math:`k` per unit time,
receives :math:`D` if the opponent concedes, and may stop irreversibly for
:math:`W` (with :math:`D > W`). Future payoffs may be discounted at rate
:math:`r \ge 0`.

**Bayes' rule over time.** A flexible opponent fails to concede for
:math:`t` units of time with probability :math:`e^{-\lambda t}`, a committed
one with probability 1, so after :math:`t` without a concession

.. math:: \pi_t = \frac{\pi_0}{\pi_0 + (1 - \pi_0) e^{-\lambda t}},

which rises towards 1 (:func:`belief_path`).

**The threshold.** Over a short interval :math:`dt`, waiting instead of
stopping gains :math:`(1-\pi)\lambda (D - W)\,dt` in expectation (the
concession probability times its worth over the stopping value) and costs
:math:`(k + rW)\,dt`. Stopping is optimal as soon as the gain no longer
covers the cost; solving :math:`(1-\pi^*)\lambda(D-W) = k + rW` gives

.. math:: \pi^* = 1 - \frac{k + rW}{\lambda (D - W)}

(clipped to :math:`[0, 1]`; with :math:`W = r = 0` it is
:math:`1 - k/(\lambda D)`). Because the belief only rises while waiting,
once the gain falls short it falls short for ever, so this one-step rule is
optimal (the "monotone case" of optimal stopping). The decision maker stops
at the first :math:`t` with :math:`\pi_t \ge \pi^*`,

.. math:: t^* = \frac{1}{\lambda} \ln\Bigl(\frac{\pi^*}{1-\pi^*}\cdot\frac{1-\pi_0}{\pi_0}\Bigr)
   \quad (\pi_0 < \pi^*), \qquad t^* = 0 \quad (\pi_0 \ge \pi^*),

and has stopped by time :math:`t \ge t^*` unless the opponent conceded
first, with probability :math:`\pi_0 + (1-\pi_0)e^{-\lambda t^*} = \pi_0 / \pi^*`.
When :math:`\pi^* = 1` (waiting costs nothing net) it never stops.

**Administrations.** With costs that change every :math:`T` units of time
(:class:`CostSchedule`), each administration applies its own threshold to
the belief it inherits: the shift happens the first time the belief
exceeds the threshold of the administration then in office. When every
administration draws its cost from a finite distribution, the probability
of a shift by :math:`t` is an exact finite sum over administrations.

Exact inputs give exact outputs (``Fraction``, or sympy expressions such as
``log(12)`` for irrational values); float inputs give floats; symbolic
inputs give the interior formulas, valid where :math:`0 < \pi_0 < \pi^* < 1`.

Examples
--------
>>> from fractions import Fraction
>>> p = BeliefStoppingProblem(prior=Fraction(1, 5), rate=1, flow_cost=Fraction(1, 2), prize=2)
>>> p.threshold()
Fraction(3, 4)
>>> p.switch_time()
log(12)
>>> p.shift_probability(3)
Fraction(4, 15)
>>> p.shift_probability(2)
Fraction(0, 1)
>>> dp = p.solve_dp(dt=0.001)  # the discretised programme agrees with the closed form
>>> abs(dp.stop_time - math.log(12)) < 0.01
True
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from nea_games._values import (
    Kind,
    check_range,
    convert,
    exact_output,
    is_array,
    is_symbolic,
    time_array,
    to_sympy,
    value_kind,
)
from nea_games.analysis._stopping_dp import StoppingDP, solve_stopping_dp
from nea_games.errors import BudgetExceededError, ParametricGameError, ProbabilityError, ValidationError

__all__ = ["BeliefStoppingProblem", "CostSchedule", "StoppingDP", "belief_path", "shift_probability_schedule"]


@functools.lru_cache(maxsize=1)
def _threshold_formula() -> tuple[Any, tuple[Any, ...]]:
    """Solve the stopping condition (1 - pi) lambda (D - W) = k + r W for pi, once."""
    pi, lam, k, prize, stop, r = sympy.symbols("pi lambda k D W r", cls=sympy.Dummy)
    (root,) = sympy.solve(sympy.Eq((1 - pi) * lam * (prize - stop), k + r * stop), pi)
    return root, (lam, k, prize, stop, r)


def belief_path(prior: Any, rate: Any, t: Any) -> Any:
    r"""The belief :math:`\pi_t = \pi_0 / (\pi_0 + (1-\pi_0)e^{-\lambda t})` after ``t`` without a concession.

    Parameters
    ----------
    prior : number or sympy expression
        :math:`\pi_0`, the prior probability that the opponent is committed, in [0, 1].
    rate : number or sympy expression
        :math:`\lambda > 0`, the concession rate of a flexible opponent.
    t : number, sympy expression or array of numbers
        Elapsed time(s), >= 0. Arrays give a float array of the same shape.

    Returns
    -------
    Fraction, float, sympy expression or numpy.ndarray
        Exact where the inputs are exact (``Fraction`` when rational).

    Raises
    ------
    nea_games.errors.ProbabilityError
        If ``prior`` is outside [0, 1].
    nea_games.errors.ValidationError
        If ``rate <= 0`` or a time is negative.

    Examples
    --------
    >>> from fractions import Fraction
    >>> belief_path(Fraction(1, 5), 1, 0)
    Fraction(1, 5)
    >>> belief_path(Fraction(1, 5), 1, sympy.log(12))
    Fraction(3, 4)
    >>> belief_path(0.2, 1.0, np.array([0.0, 1.0])).round(4)
    array([0.2   , 0.4046])
    """
    p0 = convert("belief_path", "prior", prior)
    lam = convert("belief_path", "rate", rate)
    check_range("belief_path", "prior", p0, 0, 1, probability=True)
    check_range("belief_path", "rate", lam, 0, open_low=True)
    if is_array(t):
        times = time_array("belief_path", t)
        if is_symbolic(p0) or is_symbolic(lam):
            raise ParametricGameError("belief_path: an array of times needs numeric prior and rate")
        return float(p0) / (float(p0) + (1 - float(p0)) * np.exp(-float(lam) * times))  # type: ignore[no-any-return]
    tt = convert("belief_path", "t", t)
    check_range("belief_path", "t", tt, 0)
    kind = value_kind([p0, lam, tt])
    p, e = to_sympy(p0), sympy.exp(-to_sympy(lam) * to_sympy(tt))
    return exact_output(p / (p + (1 - p) * e), kind)


@dataclass(frozen=True)
class CostSchedule:
    """Flow costs that change with each administration of length ``term``.

    Give either ``flow_costs`` (administration 1 has cost ``flow_costs[0]``,
    the next ``flow_costs[1]`` and so on; the last stays in office for ever)
    or ``distribution`` (every administration draws its cost independently
    from this finite ``{cost: probability}`` distribution).

    Examples
    --------
    >>> from fractions import Fraction
    >>> CostSchedule(term=2, flow_costs=(Fraction(1, 4), 1)).flow_costs
    (Fraction(1, 4), Fraction(1, 1))
    """

    term: Any
    flow_costs: Sequence[Any] = ()
    distribution: Mapping[Any, Any] | None = None

    def __post_init__(self) -> None:
        owner = "CostSchedule"
        term = convert(owner, "term", self.term)
        if is_symbolic(term):
            raise ParametricGameError(f"{owner}: term must be a number, got {term}")
        check_range(owner, "term", term, 0, open_low=True)
        object.__setattr__(self, "term", term)
        if (self.distribution is None) == (not self.flow_costs):
            raise ValidationError(
                f"{owner}: give exactly one of flow_costs (a list) or distribution (a dict)"
            )
        if self.distribution is None:
            costs = tuple(convert(owner, f"flow_costs[{j}]", k) for j, k in enumerate(self.flow_costs))
            for j, k in enumerate(costs):
                check_range(owner, f"flow_costs[{j}]", k, 0)
            object.__setattr__(self, "flow_costs", costs)
            return
        dist = {
            convert(owner, "a cost", k): convert(owner, f"P(cost={k})", w)
            for k, w in self.distribution.items()
        }
        for k, w in dist.items():
            if is_symbolic(k) or is_symbolic(w):
                raise ParametricGameError(f"{owner}: distribution entries must be numbers, got {k}: {w}")
            check_range(owner, "a cost", k, 0)
            check_range(owner, f"P(cost={k})", w, 0, 1, probability=True)
        total = sum(dist.values())
        if abs(float(total) - 1) > 1e-9 or (not isinstance(total, float) and total != 1):
            raise ProbabilityError(
                f"{owner}: the probabilities of the cost distribution sum to {total}, not 1"
            )
        object.__setattr__(self, "distribution", dist)


@dataclass(frozen=True)
class BeliefStoppingProblem:
    r"""When to give up waiting for an opponent who may be committed (see the module docstring).

    Parameters
    ----------
    prior : number or sympy expression
        :math:`\pi_0`, prior probability that the opponent is committed, in [0, 1].
    rate : number or sympy expression
        :math:`\lambda > 0`, concession rate of a flexible opponent (per unit time).
    flow_cost : number or sympy expression
        :math:`k \ge 0`, cost of waiting per unit time.
    prize : number or sympy expression
        :math:`D`, the worth of a concession; must exceed ``stop_value``.
    stop_value : number or sympy expression, default 0
        :math:`W`, the worth of stopping (an irreversible switch).
    discount : number or sympy expression, default 0
        :math:`r \ge 0`, the discount rate.

    Raises
    ------
    nea_games.errors.ProbabilityError
        If ``prior`` is outside [0, 1].
    nea_games.errors.ValidationError
        If ``rate <= 0``, ``flow_cost < 0``, ``discount < 0`` or ``prize <= stop_value``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> lam, k, D = sympy.symbols("lambda k D", positive=True)
    >>> BeliefStoppingProblem(prior=Fraction(1, 5), rate=lam, flow_cost=k, prize=D).threshold()
    1 - k/(D*lambda)
    """

    prior: Any
    rate: Any
    flow_cost: Any
    prize: Any
    stop_value: Any = 0
    discount: Any = 0

    def __post_init__(self) -> None:
        owner = type(self).__name__
        for name in ("prior", "rate", "flow_cost", "prize", "stop_value", "discount"):
            object.__setattr__(self, name, convert(owner, name, getattr(self, name)))
        check_range(owner, "prior", self.prior, 0, 1, probability=True)
        check_range(owner, "rate", self.rate, 0, open_low=True)
        check_range(owner, "flow_cost", self.flow_cost, 0)
        check_range(owner, "discount", self.discount, 0)
        if not (is_symbolic(self.prize) or is_symbolic(self.stop_value)) and self.prize <= self.stop_value:
            raise ValidationError(
                f"{owner}: prize ({self.prize}) must exceed stop_value ({self.stop_value}); "
                "otherwise stopping at once is trivially optimal"
            )

    @property
    def kind(self) -> Kind:
        """``"exact"``, ``"float"`` or ``"symbolic"``: how results are returned."""
        return value_kind([getattr(self, f.name) for f in dataclasses.fields(self)])

    def _threshold_sym(self) -> Any:
        root, (lam, k, prize, stop, r) = _threshold_formula()
        values = (self.rate, self.flow_cost, self.prize, self.stop_value, self.discount)
        raw = root.xreplace({s: to_sympy(v) for s, v in zip((lam, k, prize, stop, r), values, strict=True)})
        if self.kind == "symbolic":
            return sympy.simplify(raw)
        return sympy.Max(sympy.Integer(0), sympy.Min(sympy.Integer(1), raw))

    def threshold(self) -> Any:
        r"""The belief :math:`\pi^*` at or above which stopping is optimal.

        Derived with sympy from :math:`(1-\pi)\lambda(D-W) = k + rW` and clipped to
        [0, 1] for numeric inputs (symbolic inputs give the unclipped formula).

        Examples
        --------
        >>> BeliefStoppingProblem(prior=0.2, rate=1, flow_cost=0.5, prize=2).threshold()
        0.75
        """
        return exact_output(self._threshold_sym(), self.kind)

    def _switch_time_sym(self) -> Any:
        pi_s, p0, lam = self._threshold_sym(), to_sympy(self.prior), to_sympy(self.rate)
        if self.kind != "symbolic":
            if pi_s >= 1 or (p0 == 0 and pi_s > 0):
                return sympy.oo
            if p0 >= pi_s:
                return sympy.Integer(0)
        return sympy.log(pi_s / (1 - pi_s) * (1 - p0) / p0) / lam

    def switch_time(self) -> Any:
        r"""The time :math:`t^*` at which the decision maker stops if no concession came first.

        ``0`` when the prior already reaches the threshold; ``math.inf`` when it
        never stops (:math:`\pi^* = 1`, or a prior of 0 below a positive threshold).

        Examples
        --------
        >>> from fractions import Fraction
        >>> BeliefStoppingProblem(prior=Fraction(4, 5), rate=1, flow_cost=1, prize=2).switch_time()
        Fraction(0, 1)
        >>> BeliefStoppingProblem(prior=Fraction(1, 5), rate=1, flow_cost=0, prize=2).switch_time()
        inf
        """
        return exact_output(self._switch_time_sym(), self.kind)

    def posterior(self, t: Any) -> Any:
        """The belief at ``t`` given no concession so far: :func:`belief_path` of this problem."""
        return belief_path(self.prior, self.rate, t)

    def _survival(self, s: Any) -> Any:
        """P(no concession by s) = pi0 + (1 - pi0) exp(-lambda s), as sympy."""
        p0 = to_sympy(self.prior)
        if s == sympy.oo:
            return p0
        return p0 + (1 - p0) * sympy.exp(-to_sympy(self.rate) * s)

    def shift_probability(
        self,
        t: Any,
        *,
        flow_costs: Sequence[Any] | None = None,
        terms: Any = None,
        flow_cost_distribution: Mapping[Any, Any] | None = None,
    ) -> Any:
        r"""P(the decision maker has stopped by time ``t``), vectorised over arrays of ``t``.

        With one cost: 0 for :math:`t < t^*` and :math:`\pi_0 + (1-\pi_0)e^{-\lambda t^*}`
        from :math:`t^*` on. With ``flow_costs=[k1, k2, ...]`` or
        ``flow_cost_distribution={k: p}`` and ``terms=T``: the cost changes every ``T``
        (see :class:`CostSchedule` and :func:`shift_probability_schedule`).

        Examples
        --------
        >>> p = BeliefStoppingProblem(prior=0.2, rate=1, flow_cost=0.5, prize=2)
        >>> p.shift_probability(np.array([1.0, 2.0, 3.0])).round(4)
        array([0.    , 0.    , 0.2667])
        """
        if flow_costs is not None or flow_cost_distribution is not None:
            if terms is None:
                raise ValidationError(f"{type(self).__name__}: a cost schedule needs terms= (its length T)")
            schedule = CostSchedule(
                term=terms, flow_costs=tuple(flow_costs or ()), distribution=flow_cost_distribution
            )
            return shift_probability_schedule(self, schedule, t)
        if terms is not None:
            raise ValidationError(
                f"{type(self).__name__}: terms= needs flow_costs= or flow_cost_distribution="
            )
        t_star = self._switch_time_sym()
        mass = sympy.Integer(0) if t_star == sympy.oo else self._survival(t_star)
        return _step_function(self, [(t_star, mass)], t)

    def value(self) -> Any:
        r"""The value of the problem at time 0 under the optimal rule (closed form).

        Waiting until :math:`t^*` costs :math:`k\int_0^{t^*} e^{-rs}S(s)\,ds` with
        :math:`S(s) = \pi_0 + (1-\pi_0)e^{-\lambda s}`, earns
        :math:`D(1-\pi_0)\frac{\lambda}{\lambda+r}(1 - e^{-(\lambda+r)t^*})` from
        concessions, and :math:`W e^{-rt^*}S(t^*)` from stopping.

        Examples
        --------
        >>> from fractions import Fraction
        >>> BeliefStoppingProblem(prior=Fraction(1, 5), rate=1, flow_cost=Fraction(1, 2), prize=2).value()
        11/10 - log(12)/10
        """
        p0, lam, k = to_sympy(self.prior), to_sympy(self.rate), to_sympy(self.flow_cost)
        prize, stop, r = to_sympy(self.prize), to_sympy(self.stop_value), to_sympy(self.discount)
        ts = self._switch_time_sym()
        if ts == sympy.oo:
            committed = k * p0 / r if r != 0 else (sympy.Integer(0) if k * p0 == 0 else sympy.oo)
            total = -k * (1 - p0) / (lam + r) - committed + prize * (1 - p0) * lam / (lam + r)
            return exact_output(total, self.kind)
        late = 1 - sympy.exp(-(lam + r) * ts)
        committed = p0 * ts if r == 0 else p0 * (1 - sympy.exp(-r * ts)) / r
        total = (
            -k * (committed + (1 - p0) * late / (lam + r))
            + prize * (1 - p0) * lam / (lam + r) * late
            + stop * sympy.exp(-r * ts) * self._survival(ts)
        )
        return exact_output(sympy.expand(sympy.simplify(total)) if self.kind != "float" else total, self.kind)

    def solve_dp(
        self, dt: Any = 0.01, horizon: Any = None, *, max_steps: int = 10_000_000
    ) -> StoppingDP:
        """Solve a discretised version by backward induction (float arithmetic).

        Parameters
        ----------
        dt : positive number, default 0.01
            Step length of the time grid.
        horizon : positive number, optional
            Last grid time, where stopping is forced. Default: ``2 t* + 10/rate``
            (``50/rate`` when the closed form never stops).
        max_steps : int, default 10**7
            Bound on ``horizon / dt``; larger grids raise
            :class:`~nea_games.errors.BudgetExceededError`.

        Raises
        ------
        nea_games.errors.ParametricGameError
            If a parameter is symbolic.

        Examples
        --------
        >>> from fractions import Fraction
        >>> p = BeliefStoppingProblem(prior=Fraction(1, 5), rate=1, flow_cost=Fraction(1, 2), prize=2)
        >>> round(p.solve_dp(dt=0.001).threshold, 3)
        0.75
        """
        if self.kind == "symbolic":
            raise ParametricGameError(
                f"{type(self).__name__}: solve_dp needs numeric parameters; substitute values"
            )
        rate = float(self.rate)
        if horizon is None:
            ts = float(self._switch_time_sym())
            horizon = 50 / rate if math.isinf(ts) else 2 * ts + 10 / rate
        return solve_stopping_dp(
            float(self.prior), rate, float(self.flow_cost), float(self.prize), float(self.stop_value),
            float(self.discount), dt=dt, horizon=horizon, max_steps=max_steps,
        )


def _step_function(problem: BeliefStoppingProblem, atoms: Sequence[tuple[Any, Any]], t: Any) -> Any:
    """Sum of the atom weights whose time is <= t (t scalar or array)."""
    owner = type(problem).__name__
    if is_array(t):
        if problem.kind == "symbolic":
            raise ParametricGameError(f"{owner}: an array of times needs numeric parameters")
        times = time_array(owner, t)
        out = np.zeros(times.shape)
        for s, w in atoms:
            out += np.where(times >= float(s), float(w), 0.0)
        return out
    tt = convert(owner, "t", t)
    check_range(owner, "t", tt, 0)
    kind = value_kind([tt, *(getattr(problem, f.name) for f in dataclasses.fields(problem))])
    if kind == "symbolic":
        return sympy.Add(*[sympy.Piecewise((w, to_sympy(tt) >= s), (0, True)) for s, w in atoms])
    total = sum((w for s, w in atoms if bool(to_sympy(tt) >= s)), sympy.Integer(0))
    return exact_output(total, kind)


def shift_probability_schedule(
    problem: BeliefStoppingProblem, schedule: CostSchedule, t: Any, *, max_terms: int = 100_000
) -> Any:
    r"""P(a shift by time ``t``) when the flow cost changes with each administration.

    Administration :math:`j` holds office on :math:`[(j-1)T, jT)` (the last of a
    ``flow_costs`` list for ever) and stops at the first moment its own threshold
    :math:`\pi^*(k_j)` is reached, i.e. at :math:`\max((j-1)T, t^*(k_j))` if that is
    before :math:`jT`. The shift time :math:`\tau` is the first such moment, and
    the probability of a shift by :math:`t` is the sum over the possible
    :math:`\tau \le t` of :math:`P(\tau)\,(\pi_0 + (1-\pi_0)e^{-\lambda\tau})`.
    Draws of independent administrations multiply; the result is exact for exact inputs.

    Raises
    ------
    nea_games.errors.ParametricGameError
        If a parameter of ``problem`` is symbolic.
    nea_games.errors.BudgetExceededError
        If ``t`` spans more than ``max_terms`` administrations of a cost distribution.

    Examples
    --------
    Administration 1 (cost 1/4, threshold 7/8) does not reach its threshold in
    its term of 2; administration 2 (cost 1, threshold 1/2) inherits the belief
    :math:`1/(1 + 4e^{-2}) > 1/2` and shifts at once, at :math:`t = 2`:

    >>> from fractions import Fraction
    >>> p = BeliefStoppingProblem(prior=Fraction(1, 5), rate=1, flow_cost=1, prize=2)
    >>> shift_probability_schedule(p, CostSchedule(term=2, flow_costs=[Fraction(1, 4), 1]), 3)
    4*exp(-2)/5 + 1/5
    """
    if problem.kind == "symbolic":
        raise ParametricGameError(f"{type(problem).__name__}: cost schedules need numeric parameters")
    if is_array(t):
        t_max = float(np.max(time_array("shift_probability", t), initial=0.0))
    else:
        tt = convert("shift_probability", "t", t)
        if is_symbolic(tt) and schedule.distribution is not None:
            raise ParametricGameError("shift_probability: a cost distribution needs a numeric time t")
        t_max = math.inf if is_symbolic(tt) else float(tt)
    return _step_function(problem, _schedule_atoms(problem, schedule, t_max, max_terms), t)


def _schedule_atoms(
    problem: BeliefStoppingProblem, schedule: CostSchedule, t_max: float, max_terms: int
) -> list[tuple[Any, Any]]:
    """(shift time, probability of shifting then) for every possible shift up to t_max."""
    term = to_sympy(schedule.term)
    if schedule.distribution is None:
        offices: list[tuple[Any, Any, Mapping[Any, Any]]] = []
        for j, k in enumerate(schedule.flow_costs):
            end = sympy.oo if j == len(schedule.flow_costs) - 1 else (j + 1) * term
            offices.append((j * term, end, {k: 1}))
    else:
        count = math.floor(t_max / float(schedule.term)) + 1
        if count > max_terms:
            raise BudgetExceededError(
                f"shift_probability: t = {t_max:g} spans {count} administrations, "
                f"more than max_terms={max_terms}"
            )
        offices = [(j * term, (j + 1) * term, schedule.distribution) for j in range(count)]
    switch = functools.lru_cache(maxsize=None)(
        lambda k: dataclasses.replace(problem, flow_cost=k)._switch_time_sym()
    )
    atoms: list[tuple[Any, Any]] = []
    reach: Any = sympy.Integer(1)
    for start, end, dist in offices:
        if float(start) > t_max:
            break
        stays: Any = sympy.Integer(0)
        for k, w in dist.items():
            ts = switch(k)
            if bool(ts < end):
                when = sympy.Max(start, ts)
                atoms.append((when, reach * to_sympy(w) * problem._survival(when)))
            else:
                stays += to_sympy(w)
        reach *= stays
        if reach == 0:
            break
    return atoms
