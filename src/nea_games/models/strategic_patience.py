r"""US strategic patience versus containment of a nuclear DPRK (DESIGN §4.3).

Four linked pieces, each solved by the library's generic machinery.

**1. Patience as learning** (:mod:`nea_games.analysis.stopping`). The DPRK
is committed (never concedes) with prior :math:`\pi_0`, else it concedes at
rate :math:`\lambda`; the US waits at flow cost :math:`k`, a concession is
worth :math:`D`, and containment is an irreversible switch worth 0. The US
waits while its belief :math:`\pi(t)` that the DPRK is committed stays below

.. math:: \pi^* = 1 - \frac{k}{\lambda D},
   \qquad t^* = \frac{1}{\lambda}\ln\frac{(1-\pi_0)\pi^*}{\pi_0(1-\pi^*)},
   \qquad P(\text{shift}) = \frac{\pi_0}{\pi^*}\ \ (\pi_0 < \pi^*).

Time is in **years**; a US administration (a ``term``) lasts 4. A discretised
dynamic programme cross-checks :math:`t^*`, and a cost schedule across
administrations (``k_first`` in the first term, ``k`` after) shows how a more
patient first administration delays the shift.

**2. War of attrition** (:func:`nea_games.solvers.attrition.war_of_attrition`)
with complete information: the US holds out for the prize :math:`D` at cost
:math:`k`, the DPRK for the prize :math:`V_N` (US acceptance of its arsenal)
at cost :math:`c_N`. In the stationary mixed equilibrium each side concedes at
the hazard that leaves the *other* indifferent: the US at
:math:`c_N/V_N`, the DPRK at :math:`k/D`.

**3. Trilateral cohesion after the shift** (a 2x2x2
:class:`~nea_games.games.normal_form.NormalFormGame`; see
:mod:`nea_games.models._patience_trilateral`): the US, Japan and the ROK
choose Coordinate or Independent; coordinators adopt the mean of their ideal
points and earn :math:`G_\sigma + b(n_c-1) - (\bar x - \theta_i)^2`, with
:math:`G` under patience and :math:`\gamma G` under containment. Modelling
decisions: an Independent state earns 0, and a lone coordinator is as
independent (coordination needs a partner). The trilateral holds iff
:math:`\gamma G + 2b - \max_i(\theta_i-\bar x)^2 \ge 0`:
:math:`\gamma^* = (1-2b)/G = 1/3` at the defaults.

**4. The disarmament commitment problem** (Fearon 1995; Powell 2006; see
:mod:`nea_games.models._patience_commitment`): a one-shot deal exists iff
:math:`\delta\Delta/(1-\delta) \le 1 - m_N`; a deal in :math:`N` equal
phases needs :math:`N \ge \delta\Delta/((1-\delta)(1-m_N))`.

The defaults are *illustrative calibrations* chosen so that the source
argument's qualitative claims hold (the US shifts within a term if the DPRK
has not conceded; the trilateral holds under patience and falls back to
hub-and-spoke under containment); they are not estimates.

Examples
--------
>>> from nea_games.models.strategic_patience import StrategicPatienceModel
>>> h = StrategicPatienceModel().solve().headline
>>> h["belief threshold pi*"], h["P(shift ever)"]
(Fraction(1, 2), Fraction(2, 5))
>>> h["cohesion under patience"], h["cohesion under containment"], h["critical gamma*"]
('trilateral', 'hub-and-spoke', Fraction(1, 3))
>>> h["one-shot disarmament deal exists"], h["minimum phases of an action-for-action deal"]
(False, 5)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt
import sympy

from nea_games.analysis.conditions import conditions
from nea_games.errors import UnknownNameError, ValidationError
from nea_games.games.normal_form import NormalFormGame
from nea_games.models import _patience_trilateral as tri
from nea_games.models._parameters import (
    NONNEGATIVE,
    POSITIVE,
    PROBABILITY,
    REAL,
    Range,
    check_range,
    convert,
    exact_output,
    is_symbolic,
    range_assumptions,
    to_sympy,
    validate_fields,
)
from nea_games.models._patience_commitment import CommitmentProblem, commitment_problem
from nea_games.models._patience_learning import SYMBOLS, learning_expressions
from nea_games.models._patience_numeric import attrition_headline, learning_headline
from nea_games.models._patience_result import StrategicPatienceResult, reading
from nea_games.models._patience_sweep import default_kind, sweep_commitment, sweep_switch

__all__ = ["StrategicPatienceModel", "StrategicPatienceResult", "from_buffer_dilemma"]

RANGES: dict[str, Range] = {
    "pi0": PROBABILITY,
    "lam": POSITIVE,
    "k": POSITIVE,
    "D": POSITIVE,
    "term": POSITIVE,
    "k_first": POSITIVE,
    "V_N": POSITIVE,
    "c_N": POSITIVE,
    "G": POSITIVE,
    "b": NONNEGATIVE,
    "gamma": Range(0, 1),
    "theta_US": REAL,
    "theta_JPN": REAL,
    "theta_ROK": REAL,
    "delta": Range(0, 1, open_low=True, open_high=True),
    "Delta": Range(0, 1),
    "m_N": Range(0, 1),
}
#: the parameters of the learning piece (numbers there give the numeric learning headline)
LEARNING = ("pi0", "lam", "k", "D", "term", "k_first")
#: outputs of ``__nea_sweep__`` by ``what``
SWEEP_KINDS = ("switch", "cohesion", "commitment")


@dataclass(frozen=True)
class StrategicPatienceModel:
    r"""US strategic patience versus containment, and what a shift does to the trilateral.

    Any parameter may be a sympy symbol; the model then returns conditions
    instead of numbers. Numbers are kept exact (Fraction) unless given as floats.
    Time is measured in years; all payoffs in one arbitrary utility unit.

    Parameters
    ----------
    pi0 : number or sympy expression, default 1/5
        Prior probability that the DPRK is committed (never concedes), in [0, 1].
    lam : number or sympy expression, default 1/2
        Concession rate of an uncommitted DPRK under Chinese pressure, per year, > 0.
    k : number or sympy expression, default 1/2
        US flow cost of waiting (sanctions upkeep, risk, attention), utility per year, > 0.
    D : number or sympy expression, default 2
        US value of a DPRK concession (dismantlement), utility, > 0.
    term : number or sympy expression, default 4
        Length of a US administration in years, > 0 (the horizons are one and two terms).
    k_first : number or sympy expression, default 1/4
        US flow cost during the first administration in the cost-schedule scenario
        (``k`` applies from year ``term`` on), utility per year, > 0.
    V_N : number or sympy expression, default 2
        DPRK's value of US acceptance of its arsenal (its prize in the war of attrition), > 0.
    c_N : number or sympy expression, default 1
        DPRK's flow cost of holding out (sanctions pain), utility per year, > 0.
    G : number or sympy expression, default 3/2
        Value of trilateral policy coordination under strategic patience, utility, > 0.
    b : number or sympy expression, default 1/4
        Gain per additional coordination partner, utility, >= 0.
    gamma : number or sympy expression, default 1/5
        Share of ``G`` coordination keeps under containment, in [0, 1].
    theta_US : number or sympy expression, default 0
        US ideal point on the dove (-) / hawk (+) axis towards the DPRK, any real.
    theta_JPN : number or sympy expression, default 1
        Japan's ideal point on that axis, any real.
    theta_ROK : number or sympy expression, default -1
        The ROK's ideal point on that axis, any real.
    delta : number or sympy expression, default 9/10
        Discount factor per period of the disarmament bargain, in (0, 1).
    Delta : number or sympy expression, default 1/4
        Per-period fall in the share the DPRK can secure once disarmed, in [0, m_N].
    m_N : number or sympy expression, default 1/2
        Per-period share of the surplus the DPRK secures while nuclear, in [0, 1].

    Raises
    ------
    nea_games.errors.ProbabilityError
        If ``pi0`` lies outside [0, 1].
    nea_games.errors.ValidationError
        For a value outside its range, or ``Delta > m_N``.
    nea_games.errors.NonFiniteError, nea_games.errors.PayoffTypeError
        For NaN/infinite values or values that are not numbers.

    Examples
    --------
    >>> StrategicPatienceModel().pi0
    Fraction(1, 5)
    >>> StrategicPatienceModel(Delta=Fraction(3, 4))
    Traceback (most recent call last):
    ...
    nea_games.errors.ValidationError: StrategicPatienceModel: Delta (3/4) must not exceed m_N (1/2): ...
    """

    QUESTION: ClassVar[str] = (
        "How long should the US wait for North Korea to give up its weapons before it switches from "
        "strategic patience to containment, and what does the switch do to US-Japan-ROK coordination?"
    )

    pi0: Any = Fraction(1, 5)
    lam: Any = Fraction(1, 2)
    k: Any = Fraction(1, 2)
    D: Any = Fraction(2)
    term: Any = Fraction(4)
    k_first: Any = Fraction(1, 4)
    V_N: Any = Fraction(2)
    c_N: Any = Fraction(1)
    G: Any = Fraction(3, 2)
    b: Any = Fraction(1, 4)
    gamma: Any = Fraction(1, 5)
    theta_US: Any = Fraction(0)
    theta_JPN: Any = Fraction(1)
    theta_ROK: Any = Fraction(-1)
    delta: Any = Fraction(9, 10)
    Delta: Any = Fraction(1, 4)
    m_N: Any = Fraction(1, 2)

    def __post_init__(self) -> None:
        validate_fields(self, RANGES)
        if not is_symbolic(self.Delta) and not is_symbolic(self.m_N) and self.Delta > self.m_N:
            raise ValidationError(
                f"StrategicPatienceModel: Delta ({self.Delta}) must not exceed m_N ({self.m_N}): "
                "the DPRK cannot lose more bargaining power than it has"
            )

    # ------------------------------------------------------------------ parameters
    @property
    def parameters(self) -> dict[str, Any]:
        """``{name: value}`` for every parameter."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    @property
    def is_symbolic(self) -> bool:
        """True when some parameter contains a free sympy symbol."""
        return any(is_symbolic(v) for v in self.parameters.values())

    def _facts(self) -> list[Any]:
        return range_assumptions(self, RANGES)

    @property
    def theta(self) -> tuple[Any, Any, Any]:
        """The ideal points (US, Japan, ROK)."""
        return (self.theta_US, self.theta_JPN, self.theta_ROK)

    # ------------------------------------------------------------------ games
    def cohesion_game(self, policy: str = "containment") -> NormalFormGame:
        """The US-Japan-ROK cohesion game under ``"patience"`` or ``"containment"``.

        Examples
        --------
        >>> g = StrategicPatienceModel().cohesion_game("containment")
        >>> g.payoff(("Coordinate", "Coordinate", "Coordinate"))
        (Fraction(4, 5), Fraction(-1, 5), Fraction(-1, 5))
        """
        if policy not in ("patience", "containment"):
            raise ValidationError(
                f"cohesion_game: policy must be 'patience' or 'containment', got {policy!r}"
            )
        value = to_sympy(self.G) if policy == "patience" else to_sympy(self.gamma) * to_sympy(self.G)
        return tri.cohesion_game(value, self.b, self.theta, title=f"US-Japan-ROK cohesion under {policy}")

    def games(self) -> dict[str, NormalFormGame]:
        """The model's named games: the cohesion game under each US policy."""
        return {
            "cohesion under patience": self.cohesion_game("patience"),
            "cohesion under containment": self.cohesion_game("containment"),
        }

    def critical_gamma(self) -> Any:
        r"""The containment share :math:`\gamma^*` of G below which the trilateral fails (library-derived).

        Examples
        --------
        >>> StrategicPatienceModel().critical_gamma()
        Fraction(1, 3)
        """
        # only facts about the cohesion parameters (others slow the derivation and change nothing)
        cohesion = set().union(*(to_sympy(v).free_symbols for v in (self.G, self.b, *self.theta)))
        facts = [f for f in self._facts() if f.free_symbols & cohesion and self.gamma not in f.free_symbols]
        return exact_output(tri.critical_gamma(self.G, self.b, self.theta, facts))

    def commitment(self) -> CommitmentProblem:
        """The disarmament commitment problem at the model's ``delta``, ``Delta`` and ``m_N``."""
        return commitment_problem(self.delta, self.Delta, self.m_N)

    def learning_problem(self, rate: Any = None) -> Any:
        """The US stopping problem as a :class:`nea_games.analysis.stopping.BeliefStoppingProblem`."""
        from nea_games.analysis.stopping import BeliefStoppingProblem

        return BeliefStoppingProblem(self.pi0, self.lam if rate is None else rate, self.k, self.D)

    # ------------------------------------------------------------------ solving
    def solve(self) -> StrategicPatienceResult:
        """Solve all four pieces and collect the headline.

        Examples
        --------
        >>> r = StrategicPatienceModel(gamma=Fraction(1, 2)).solve()
        >>> r.headline["cohesion under containment"]
        'trilateral'
        """
        headline: dict[str, Any] = {}
        if any(is_symbolic(getattr(self, n)) for n in LEARNING):
            headline.update(self._symbolic_learning())
        else:
            headline.update(learning_headline(self))
        headline.update(attrition_headline(self))
        headline.update(self._cohesion_headline())
        problem = self.commitment()
        headline["one-shot disarmament deal exists"] = problem.one_shot_deal
        headline["disarmament temptation delta*Delta/(1-delta)"] = problem.temptation
        headline["surplus available at once 1 - m_N"] = problem.margin
        headline["critical power shift Delta*"] = problem.critical_shift
        headline["minimum phases of an action-for-action deal"] = problem.min_phases
        game = self.cohesion_game("containment")
        equilibria = None
        if not game.is_parametric:
            from nea_games.solvers.api import solve as _solve

            equilibria = _solve(game)
        return StrategicPatienceResult(self, game, equilibria, headline, reading(self, headline))

    def _symbolic_learning(self) -> dict[str, Any]:
        pi_star, t_star, shift = learning_expressions()
        values = {SYMBOLS[n]: to_sympy(getattr(self, n)) for n in SYMBOLS}
        p_star = sympy.simplify(pi_star.subs(values))
        pi0, term = to_sympy(self.pi0), to_sympy(self.term)
        switch = sympy.Piecewise((0, pi0 >= p_star), (sympy.simplify(t_star.subs(values)), True))
        ever = sympy.Piecewise((1, pi0 >= p_star), (sympy.simplify(shift.subs(values)), True))
        # the US switches at t* unless the DPRK has conceded: a shift by time t needs t* <= t
        return {
            "belief threshold pi*": p_star,
            "switch time t* (years)": switch,
            "P(shift within one term)": sympy.Piecewise((ever, switch <= term), (0, True)),
            "P(shift within two terms)": sympy.Piecewise((ever, switch <= 2 * term), (0, True)),
            "P(shift ever)": ever,
        }

    def _cohesion_headline(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for policy in ("patience", "containment"):
            game = self.cohesion_game(policy)
            if game.is_parametric:
                facts = [f for f in self._facts() if f.free_symbols & set(game.parameters)]
                for name, profile in tri.COALITIONS.items():
                    cond = conditions(game, profile, assumptions=facts).expr
                    out[f"{name} is an equilibrium under {policy} iff"] = cond
            else:
                holds = tri.coalition_equilibria(game)
                out[f"coalitions in equilibrium under {policy}"] = tuple(n for n, ok in holds.items() if ok)
                out[f"cohesion under {policy}"] = tri.classify(holds)
        out["critical gamma*"] = self.critical_gamma()
        return out

    # ------------------------------------------------------------------ the buffer link
    def with_shielding(self, buffer_result: Any, retained: Any = Fraction(3, 4)) -> StrategicPatienceResult:
        r"""Solve again with the DPRK's concession rate set by China's choice in the buffer model.

        ``lam`` is the concession rate under Chinese pressure. If the solved
        :class:`~nea_games.models.buffer_dilemma.BufferDilemmaModel` says China
        *shields*, the DPRK keeps only the share ``retained`` of it:
        :math:`\lambda' = \rho\lambda`; if China pressures, :math:`\lambda` is unchanged.

        Parameters
        ----------
        buffer_result : BufferDilemmaResult or BufferDilemmaModel
            A solved (or solvable) numeric buffer-dilemma model.
        retained : number, default 3/4
            Share :math:`\rho \in [0, 1]` of the concession rate left under shielding.

        Raises
        ------
        nea_games.errors.ValidationError
            If the buffer result does not say what China chooses (e.g. it is symbolic).

        Examples
        --------
        >>> from nea_games.models.buffer_dilemma import BufferDilemmaModel
        >>> shielded = StrategicPatienceModel().with_shielding(BufferDilemmaModel().solve())
        >>> shielded.model.lam, shielded.headline["belief threshold pi*"]
        (Fraction(3, 8), Fraction(1, 3))
        """
        return from_buffer_dilemma(buffer_result, self, retained=retained)

    # ------------------------------------------------------------------ sweep protocol
    @property
    def sweep_parameters(self) -> tuple[str, ...]:
        """The symbolic parameters, or ``("pi0", "k")`` for a numeric model."""
        free = tuple(name for name, v in self.parameters.items() if is_symbolic(v))
        return free or ("pi0", "k")

    def map_grid(self) -> dict[str, npt.NDArray[np.float64]]:
        """The report's map: prior ``pi0`` against the US cost ``k``, shaded by when the US switches."""
        return {"pi0": np.linspace(0.02, 0.8, 40), "k": np.linspace(0.02, 1.0, 41)}

    def __nea_sweep__(self, points: Mapping[str, Any], what: str | None) -> dict[str, Any]:
        """Vectorised outputs for ``what`` in ``SWEEP_KINDS``.

        Without ``what`` the kind follows the swept parameters: ``"cohesion"`` when they are all
        cohesion parameters (``G``, ``b``, ``gamma``, ``theta_*``), ``"commitment"`` when they
        are all among ``delta``, ``Delta``, ``m_N``, else ``"switch"``.

        ``"switch"``: exclusive regions "containment at once", "shift within one term", "shift within
        two terms", "patience beyond two terms", with the values "t* (years)", "pi*" and
        "P(shift ever)". ``"cohesion"``: which coalitions are equilibria under containment.
        ``"commitment"``: whether a one-shot deal exists, with "minimum phases".

        Examples
        --------
        >>> import nea_games
        >>> res = nea_games.sweep(StrategicPatienceModel(), {"pi0": [0.2, 0.6], "k": [0.5, 0.9]})
        >>> res.condition("shift within one term")
        array([[ True, False],
               [False, False]])
        """
        kind = what or default_kind(points)
        if kind not in SWEEP_KINDS:
            raise ValidationError(
                f"StrategicPatienceModel sweep: what must be one of {SWEEP_KINDS}, not {what!r}"
            )
        for name in points:
            if name not in RANGES:
                raise UnknownNameError(
                    f"StrategicPatienceModel: no parameter {name!r}; parameters: {', '.join(RANGES)}"
                )
        m = len(next(iter(points.values()))) if points else 1
        args: dict[str, npt.NDArray[np.float64]] = {}
        for name in RANGES:
            if name in points:
                args[name] = np.asarray(points[name], dtype=float)
            elif is_symbolic(getattr(self, name)):
                raise ValidationError(f"StrategicPatienceModel sweep: {name} is symbolic; give it values")
            else:
                args[name] = np.full(m, float(getattr(self, name)))
        if kind == "switch":
            return sweep_switch(args)
        if kind == "commitment":
            return sweep_commitment(args)
        symbols = {name: sympy.Symbol(name, real=True) for name in points}
        swept = dataclasses.replace(self, **symbols)
        game = swept.cohesion_game("containment")
        used = tuple(sorted(game.parameters, key=lambda s: s.name))
        return tri.sweep_cohesion(game, used, [args[s.name] for s in used], m)


def from_buffer_dilemma(
    buffer_result: Any, model: StrategicPatienceModel | None = None, *, retained: Any = Fraction(3, 4)
) -> StrategicPatienceResult:
    """The strategic-patience result once China's choice in the buffer model sets the concession rate.

    See :meth:`StrategicPatienceModel.with_shielding` (``model`` defaults to the default model).

    Examples
    --------
    >>> from nea_games.models.buffer_dilemma import BufferDilemmaModel
    >>> pressured = from_buffer_dilemma(BufferDilemmaModel(sigma=1))
    >>> pressured.model.lam
    Fraction(1, 2)
    """
    base = model or StrategicPatienceModel()
    share = convert("from_buffer_dilemma", "retained", retained)
    check_range("from_buffer_dilemma", "retained", share, 0, 1)
    solved = buffer_result.solve() if hasattr(buffer_result, "solve") else buffer_result
    headline = getattr(solved, "headline", None)
    choice = headline.get("China's choice") if isinstance(headline, Mapping) else None
    if choice not in ("Shield", "Pressure"):
        raise ValidationError(
            "from_buffer_dilemma: expected a solved numeric BufferDilemmaModel whose headline names "
            f'"China\'s choice" (Shield or Pressure), got {type(buffer_result).__name__}'
        )
    rate = base.lam * share if choice == "Shield" else base.lam
    return dataclasses.replace(base, lam=rate).solve()
