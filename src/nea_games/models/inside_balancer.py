r"""South Korea as an inside balancer: consolidate with the US and Japan to bargain with China.

A small power between two rival great powers can *hedge*: keep its alliance
and still deal with the rival. The argument modelled here is that, for the
ROK, better terms with China may *require* a firmer alliance, because the
alliance is what gives Seoul bargaining leverage in Beijing.

**Consolidation and bargaining.** The ROK chooses alliance consolidation
:math:`A \in [0, 1]` with the US and Japan. Then the ROK and China split a
surplus :math:`S(A) = S_0 - \sigma A` (consolidation irritates Beijing) by
Nash bargaining (:func:`nea_games.analysis.bargaining.split_surplus`, ROK
bargaining power :math:`p`, default 1/2) from the disagreement points

.. math:: d_K(A) = d_0 + \alpha A, \qquad d_C(A) = d_{C0} - \beta A

(the alliance improves the ROK's outside option and worsens China's). The
ROK's utility is :math:`U(A) = u_{US} A - \tfrac{\omega}{2} A^2 + x_K(A)`.
The library derives, with sympy, :math:`x_K(A) = d_K + p\,(S - d_K - d_C)`, so

.. math:: \frac{dx_K}{dA} = (1-p)\alpha + p(\beta - \sigma)
          \;\overset{p = 1/2}{=}\; \frac{\alpha + \beta - \sigma}{2},

and better terms *require* consolidation iff :math:`\alpha + \beta > \sigma`
(at :math:`p = 1/2`). :math:`U` is concave (:math:`U'' = -\omega < 0`), so

.. math:: A^* = \frac{u_{US} + dx_K/dA}{\omega}\ \text{clipped to}\ [0, 1],

interior (a **hedge**) iff :math:`U'(0) > 0 > U'(1)`; :math:`A^* = 1` is
**full alignment**, :math:`A^* = 0` **equidistance**. Bargaining is feasible
at :math:`A` iff :math:`S(A) \ge d_K(A) + d_C(A)`; where it is not, the ROK
gets :math:`d_K(A)`. Since :math:`x_K - d_K = p\,(S - d_K - d_C)`, the ROK's
utility is the larger of the deal piece and the no-deal piece, and :math:`A^*`
is the better of their clipped stationary points. With symbolic parameters the
headline states this as a ``Piecewise`` valid for all values, the posture as
``{posture: condition}``, and whether a deal is struck at :math:`A^*` as a condition.

**The hedging game** (modelling decision; payoffs in
:mod:`nea_games.models._inside_balancer_hedging`). The ROK chooses *Align*,
*Hedge* or *Lean*; the US *Reassure* or *Pressure*; China *Reward* or
*Coerce*. The ROK gains the US guarantee :math:`u_{US}` unless it leans
(or is pressured while not aligned), China's reward :math:`r` unless it aligns
(or is coerced while not leaning), punishment costs it :math:`m`, and hedging
costs :math:`h`. A patron tolerating a ROK that gives a share :math:`\theta`
of its dealings to the rival loses :math:`\rho\theta` (:math:`\rho`: US-China
rivalry); punishing costs it :math:`k`. A hedger has :math:`\theta = 1/2`,
so (Hedge, Reassure, Reward) is an equilibrium iff the ROK prefers hedging
(:math:`r \ge h`, :math:`u_{US} \ge h`) and neither patron punishes:

.. math:: \rho \le \rho^* = 2\min(k_{US}, k_{CN}).

**The swing vote.** The ROK's Shapley value in an illustrative weighted
voting game over {US, JPN, ROK, CHN, RUS} (weights 4, 2, 1, 4, 2; quota 7:
each bloc has 6 and needs a partner).

The defaults are *illustrative calibrations* chosen so that the argument's
qualitative claim holds; they are not estimates.

Examples
--------
>>> from nea_games.models.inside_balancer import InsideBalancerModel
>>> h = InsideBalancerModel().solve().headline
>>> h["optimal consolidation A*"], h["ROK posture"], h["terms with China x_K(A*)"]
(Fraction(1, 2), 'hedge', Fraction(5, 1))
>>> h["critical rivalry rho*"]
Fraction(1, 1)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from nea_games.analysis.bargaining import BargainingSolution, split_surplus
from nea_games.analysis.conditions import CriticalValue, conditions, critical_value
from nea_games.errors import ValidationError
from nea_games.games.normal_form import NormalFormGame
from nea_games.models import _inside_balancer_hedging as hedging
from nea_games.models._inside_balancer_posture import Posture, decide, derive_posture, posture_over_points
from nea_games.models._inside_balancer_reading import reading
from nea_games.models._parameters import (
    NONNEGATIVE,
    POSITIVE,
    REAL,
    Range,
    exact_output,
    is_symbolic,
    range_assumptions,
    to_sympy,
    validate_fields,
)
from nea_games.models._result import HeadlineView

__all__ = ["VOTING_QUOTA", "VOTING_WEIGHTS", "InsideBalancerModel", "InsideBalancerResult"]

#: Illustrative voting weights: each bloc (US+JPN, CHN+RUS) has 6, short of the quota 7.
VOTING_WEIGHTS: dict[str, int] = {"US": 4, "JPN": 2, "ROK": 1, "CHN": 4, "RUS": 2}
VOTING_QUOTA = 7

RANGES: dict[str, Range] = {
    "S0": NONNEGATIVE,
    "sigma": NONNEGATIVE,
    "d0": REAL,
    "d_C0": REAL,
    "alpha": NONNEGATIVE,
    "beta": NONNEGATIVE,
    "u_US": NONNEGATIVE,
    "omega": POSITIVE,
    "power": Range(0, 1, open_low=True, open_high=True),
    "rho": NONNEGATIVE,
    "reward": NONNEGATIVE,
    "punishment": NONNEGATIVE,
    "hedge_cost": NONNEGATIVE,
    "cost_US": POSITIVE,
    "cost_CN": POSITIVE,
}
_CONTINUOUS = ("S0", "sigma", "d0", "d_C0", "alpha", "beta", "u_US", "omega", "power")
_GAME = ("u_US", "rho", "reward", "punishment", "hedge_cost", "cost_US", "cost_CN")


@dataclass(frozen=True)
class InsideBalancerModel:
    r"""South Korea as an inside balancer (DESIGN §4.4).

    All payoffs are in one arbitrary utility unit. Any parameter may be a sympy symbol; the
    model then returns formulas and conditions. The defaults are illustrative calibrations.

    Parameters
    ----------
    S0 : number or sympy expression, default 10
        ROK-China surplus without consolidation (utility), >= 0.
    sigma : number or sympy expression, default 2
        Surplus lost per unit of consolidation (utility per unit of A), >= 0.
    d0 : number or sympy expression, default 2
        ROK's disagreement payoff without consolidation (utility), any real.
    d_C0 : number or sympy expression, default 3
        China's disagreement payoff without consolidation (utility), any real.
    alpha : number or sympy expression, default 3
        Gain in the ROK's outside option per unit of consolidation (utility per unit of A), >= 0.
    beta : number or sympy expression, default 1
        Loss in China's outside option per unit of consolidation (utility per unit of A), >= 0.
    u_US : number or sympy expression, default 1
        ROK's value of the US alliance: per unit of consolidation, and the US guarantee in the
        hedging game (utility), >= 0.
    omega : number or sympy expression, default 4
        Curvature of the cost of consolidation, (omega/2) A^2 (autonomy, entrapment), > 0.
    power : number or sympy expression, default 1/2
        ROK's bargaining power with China, in (0, 1).
    rho : number or sympy expression, default 1/4
        Intensity of US-China rivalry: what a patron loses by fully tolerating a ROK that deals
        with its rival (utility), >= 0.
    reward : number or sympy expression, default 1/2
        China's economic reward to a ROK that hedges or leans (utility), >= 0.
    punishment : number or sympy expression, default 1/4
        What a patron's punishment (US pressure, Chinese coercion) costs the ROK (utility), >= 0.
    hedge_cost : number or sympy expression, default 1/8
        ROK's cost of juggling both patrons when it hedges (utility), >= 0.
    cost_US : number or sympy expression, default 1
        US cost of pressuring the ROK (alliance friction; utility), > 0.
    cost_CN : number or sympy expression, default 1/2
        China's cost of coercing the ROK (lost trade; utility), > 0.

    Raises
    ------
    nea_games.errors.ValidationError
        A numeric parameter outside its range (e.g. ``omega <= 0``, ``power`` not in (0, 1)).
    nea_games.errors.NonFiniteError, nea_games.errors.PayoffTypeError
        NaN/infinite values or values that are not numbers.

    Examples
    --------
    >>> InsideBalancerModel(omega=0)
    Traceback (most recent call last):
    ...
    nea_games.errors.ValidationError: InsideBalancerModel: omega must lie in (0, oo), got 0
    """

    S0: Any = Fraction(10)
    sigma: Any = Fraction(2)
    d0: Any = Fraction(2)
    d_C0: Any = Fraction(3)
    alpha: Any = Fraction(3)
    beta: Any = Fraction(1)
    u_US: Any = Fraction(1)
    omega: Any = Fraction(4)
    power: Any = Fraction(1, 2)
    rho: Any = Fraction(1, 4)
    reward: Any = Fraction(1, 2)
    punishment: Any = Fraction(1, 4)
    hedge_cost: Any = Fraction(1, 8)
    cost_US: Any = Fraction(1)
    cost_CN: Any = Fraction(1, 2)

    # a class attribute, not a field (validate_fields walks __dataclass_fields__)
    QUESTION = (
        "How far should South Korea consolidate its alliance with the US and Japan if it also wants "
        "good terms with China? And when does US-China rivalry make hedging between them impossible?"
    )

    def __post_init__(self) -> None:
        validate_fields(self, RANGES)

    # ------------------------------------------------------------------ parameters
    @property
    def parameters(self) -> dict[str, Any]:
        """``{name: value}`` for every parameter."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    def _assumptions(self) -> list[Any]:
        return range_assumptions(self, RANGES)

    def _values(self, symbolic: tuple[str, ...] = ()) -> dict[str, Any]:
        """Parameters as sympy values, with the names in ``symbolic`` replaced by symbols."""
        out = {}
        for name, value in self.parameters.items():
            if name in symbolic and not is_symbolic(value):
                value = sympy.Symbol(name, positive=True) if RANGES[name] is POSITIVE else sympy.Symbol(name)
            out[name] = to_sympy(value)
        return out

    # ------------------------------------------------------------------ bargaining and consolidation
    def bargaining(self, A: Any = None) -> BargainingSolution:
        r"""The ROK-China Nash bargain at consolidation ``A`` (default: a symbol ``A``).

        Examples
        --------
        >>> deal = InsideBalancerModel().bargaining(Fraction(1, 2))
        >>> deal.shares, deal.feasible
        ((Fraction(5, 1), Fraction(4, 1)), True)
        >>> InsideBalancerModel().bargaining().feasible
        A <= 5/4
        """
        v = self._values()
        a = sympy.Symbol("A", real=True) if A is None else to_sympy(A)
        return split_surplus(
            v["S0"] - v["sigma"] * a,
            v["d0"] + v["alpha"] * a,
            v["d_C0"] - v["beta"] * a,
            power=v["power"],
            players=("ROK", "China"),
        )

    def posture(self) -> Posture:
        """The derived consolidation problem: x_K(A), dx_K/dA, A*, the hedging region.

        Examples
        --------
        >>> post = InsideBalancerModel().posture()
        >>> post.terms_slope, post.interior_optimum, post.optimum, post.posture
        (Fraction(1, 1), Fraction(1, 2), Fraction(1, 2), 'hedge')
        """
        return derive_posture(self._values(), self.bargaining())

    def hedging_region(self, *names: str) -> Any:
        r"""Where :math:`A^*` is interior, with the named parameters as symbols.

        Derived as :math:`U'(0) > 0` and :math:`U'(1) < 0` (``U`` is concave).

        Examples
        --------
        >>> InsideBalancerModel().hedging_region("u_US").as_set()
        Interval.open(-1, 3)
        """
        model = self._with_symbols(names)
        return model.posture().hedging_region

    def consolidation_condition(self) -> CriticalValue:
        r"""When better terms require consolidation: :math:`dx_K/dA > 0`, solved for :math:`\sigma`.

        Derived from the model's own bargaining solution with ``alpha``, ``beta`` and ``sigma``
        as symbols.

        Examples
        --------
        >>> print(InsideBalancerModel().consolidation_condition())
        sigma < alpha + beta
        """
        model = self._with_symbols(("alpha", "beta", "sigma"))
        slope = model.posture().terms_slope
        facts = [*model._assumptions()]
        sigma = model.sigma
        return critical_value(sympy.Gt(slope, 0), sigma, assumptions=facts)

    def _with_symbols(self, names: tuple[str, ...]) -> InsideBalancerModel:
        for name in names:
            if name not in RANGES:
                raise ValidationError(
                    f"InsideBalancerModel: no parameter {name!r}; parameters: {', '.join(RANGES)}"
                )
        values = self._values(tuple(names))
        return dataclasses.replace(self, **{n: values[n] for n in names})

    # ------------------------------------------------------------------ hedging game
    def hedging_game(self) -> NormalFormGame:
        """The 3x2x2 hedging game (ROK, US, China) at the current parameters.

        Examples
        --------
        >>> g = InsideBalancerModel().hedging_game()
        >>> g.payoff(("Hedge", "Reassure", "Reward"))
        (Fraction(11, 8), Fraction(-1, 8), Fraction(-1, 8))
        """
        return hedging.hedging_game(self._values())

    def critical_rivalry(self) -> CriticalValue | None:
        r"""The rivalry :math:`\rho^*` above which hedging stops being an equilibrium.

        Derived by :func:`~nea_games.analysis.conditions.conditions` on the profile
        (Hedge, Reassure, Reward) with :math:`\rho` as a symbol, then
        :func:`~nea_games.analysis.conditions.critical_value`. ``None`` when hedging is an
        equilibrium for no rivalry at all.

        Examples
        --------
        >>> cv = InsideBalancerModel().critical_rivalry()
        >>> cv.threshold, cv.direction
        (1, '<=')
        """
        return self._rivalry_threshold(hedging.HEDGE)

    def alignment_rivalry(self) -> CriticalValue | None:
        r"""The rivalry above which (Align, Reassure, Coerce) is an equilibrium (``None`` if never).

        China coerces an aligned ROK once tolerating it costs more than coercion; the ROK then
        stays aligned iff the US guarantee net of coercion beats China's reward.

        Examples
        --------
        >>> cv = InsideBalancerModel().alignment_rivalry()
        >>> cv.threshold, cv.direction
        (1/2, '>=')
        """
        return self._rivalry_threshold(hedging.ALIGN)

    def _rivalry_threshold(self, profile: tuple[str, str, str]) -> CriticalValue | None:
        rho = self.rho if isinstance(self.rho, sympy.Symbol) else sympy.Symbol("rho", nonnegative=True)
        values = {**self._values(), "rho": rho}
        game = hedging.hedging_game(values)
        facts = [*range_assumptions(dataclasses.replace(self, rho=rho), RANGES)]
        condition = conditions(game, profile, assumptions=facts)
        if condition.is_false:
            return None
        return critical_value(condition, rho, assumptions=facts)

    def games(self) -> dict[str, NormalFormGame]:
        """The model's named games: the hedging game at the current parameters.

        Examples
        --------
        >>> list(InsideBalancerModel().games())
        ['hedging']
        """
        return {"hedging": self.hedging_game()}

    # ------------------------------------------------------------------ swing vote
    def swing_vote(self, weights: Mapping[str, Any] | None = None, quota: Any = None) -> dict[str, Any]:
        """Shapley values in the (illustrative) weighted voting game between the blocs.

        Examples
        --------
        >>> InsideBalancerModel().swing_vote()["ROK"]
        Fraction(2, 15)
        """
        from nea_games.games.coalitional import weighted_voting_game
        from nea_games.solvers.coalitional import shapley_value

        game = weighted_voting_game(
            dict(VOTING_WEIGHTS if weights is None else weights), VOTING_QUOTA if quota is None else quota
        )
        return dict(shapley_value(game))

    # ------------------------------------------------------------------ solving
    def solve(self) -> InsideBalancerResult:
        """Derive and solve every part of the model.

        Returns
        -------
        InsideBalancerResult

        Examples
        --------
        >>> r = InsideBalancerModel(rho=2).solve()
        >>> [eq.label for eq in r.equilibria]
        ['pure (Align, Reassure, Coerce)']
        """
        post = self.posture()
        game = self.hedging_game()
        cv = self.critical_rivalry()
        condition = self.consolidation_condition()
        # the posture's name when decided, else {posture: condition} for the postures that can occur
        decided = post.posture_conditions.get(post.posture) is True
        headline: dict[str, Any] = {
            "optimal consolidation A*": post.optimum,
            "ROK posture": post.posture if decided else post.posture_conditions,
            "ROK hedges (A* interior)": post.hedges,
            "ROK and China strike a deal at A*": post.agreement_at_optimum,
            "terms with China x_K(A*)": post.terms_at_optimum,
            "China's share x_C(A*)": post.china_at_optimum,
            "terms gained per unit of consolidation dx_K/dA": post.terms_slope,
            "terms require consolidation iff": condition.as_condition().expr,
            "terms require consolidation": exact_output(decide(sympy.Gt(to_sympy(post.terms_slope), 0))),
            "bargaining breaks down above A": post.breakdown,
            "bargaining feasible for all A in [0, 1]": post.feasible_on_unit_interval,
        }
        equilibria = None
        if not game.is_parametric:
            from nea_games.solvers.api import solve as _solve

            equilibria = _solve(game)
            headline["hedging-game equilibria"] = [eq.label for eq in equilibria]
            headline["ROK hedges in the hedging game"] = any(
                eq.is_pure and eq.pure_profile == hedging.HEDGE for eq in equilibria
            )
        headline["critical rivalry rho*"] = None if cv is None else exact_output(cv.threshold)
        align = self.alignment_rivalry()
        headline["rivalry above which alignment is an equilibrium"] = (
            None if align is None else exact_output(align.threshold)
        )
        shapley = self.swing_vote()
        headline["ROK Shapley value (swing vote)"] = shapley["ROK"]
        headline["Shapley values"] = shapley
        return InsideBalancerResult(self, game, equilibria, headline, reading(self.rho, headline))

    # ------------------------------------------------------------------ sweep protocol
    @property
    def sweep_parameters(self) -> tuple[str, ...]:
        """``u_US`` and ``rho``, plus any other symbolic parameters."""
        names = ["u_US", "rho"]
        names += sorted(n for n, v in self.parameters.items() if is_symbolic(v) and n not in names)
        return tuple(names)

    def map_grid(self) -> dict[str, npt.NDArray[np.float64]]:
        """The default map: 41 x 41 points of ``u_US`` in [0, 2] and ``rho`` in [0, 3].

        Other symbolic parameters get a coarse axis over [0, 4].

        Examples
        --------
        >>> {n: len(v) for n, v in InsideBalancerModel().map_grid().items()}
        {'u_US': 41, 'rho': 41}
        """
        grid = {"u_US": np.linspace(0.0, 2.0, 41), "rho": np.linspace(0.0, 3.0, 41)}
        for name in self.sweep_parameters:
            grid.setdefault(name, np.linspace(0.0, 4.0, 11))
        return grid

    def __nea_sweep__(
        self, points: Mapping[str, npt.NDArray[np.float64]], what: str | None
    ) -> dict[str, Any]:
        """Hedging-game pure equilibria (``what=None``) or the consolidation posture.

        ``what="consolidation"`` gives booleans ``full alignment``, ``hedge`` and
        ``equidistance`` for :math:`A^*`; either way the values ``A*`` and ``rho*`` are kept.
        """
        if what not in (None, "hedging", "consolidation"):
            raise ValidationError(
                f"InsideBalancerModel sweep: what must be 'hedging' or 'consolidation', not {what!r}"
            )
        names = self.sweep_parameters
        values = self._values()
        values.update({n: sympy.Symbol(n) for n in names})
        optimum = posture_over_points(values, points, names)
        out: dict[str, Any] = {}
        if what == "consolidation":
            out["full alignment"] = optimum >= 1 - 1e-12
            out["equidistance"] = optimum <= 1e-12
            out["hedge"] = ~(out["full alignment"] | out["equidistance"])
        else:
            out.update(hedging.pure_equilibria_over_points(values, points, names))
        out["A*"] = optimum
        others = tuple(n for n in names if n != "rho")
        cv = self._with_symbols(others).critical_rivalry()
        out["rho*"] = hedging.threshold_over_points(cv, points, others, optimum.shape)
        return out


@dataclass(frozen=True)
class InsideBalancerResult(HeadlineView):
    """The solved inside-balancer model.

    Attributes
    ----------
    model : InsideBalancerModel
        The parameters that were solved.
    game : NormalFormGame
        The hedging game (parametric when a game parameter is symbolic).
    equilibria : EquilibriumSet or None
        All equilibria of the hedging game; ``None`` when it is parametric.
    headline : dict
        Named headline quantities, exact where the inputs are exact.
    reading : str
        A short plain-language reading.
    """

    model: InsideBalancerModel
    game: NormalFormGame
    equilibria: Any
    headline: dict[str, Any]
    reading: str
