r"""Quasi-alliance: Japan-ROK cooperation driven by fear of US abandonment.

Victor Cha's *quasi-alliance* argument holds that Japan and South Korea,
two US allies without an alliance of their own, cooperate with each other
when both fear that the United States will abandon them, and drift apart
when US commitment is firm. Glenn Snyder's *alliance dilemma* adds the
other side: a more committed patron relieves the fear of abandonment but
raises the risk of entrapment.

**The game.** Japan (row) and the ROK (column) each choose *Cooperate* or
*Not*. The US commitment :math:`\kappa \in [0, 1]` is exogenous. Each state
:math:`i \in \{J, K\}` fears abandonment to the degree

.. math:: a_i = \bar a_i (1 - \kappa),

and its payoffs, normalised so that mutual non-cooperation pays 0, are

=================  ===========================  =======================
Japan \ ROK        Cooperate                    Not
=================  ===========================  =======================
Cooperate          :math:`M_J,\ M_K`            :math:`-(h_J+s),\ f`
Not                :math:`f,\ -(h_K+s)`         :math:`0,\ 0`
=================  ===========================  =======================

with :math:`M_i = \beta_i a_i - h_i - \varepsilon_i` (insurance value of
cooperation minus its domestic history cost minus the entrapment cost).

**Results** (derived by :func:`nea_games.analysis.conditions.conditions`
and :func:`~nea_games.analysis.conditions.critical_value`). State *i* is
willing to cooperate when the other does iff :math:`M_i \ge f`, i.e.

.. math:: \kappa \le \kappa_i^* = 1 - \frac{h_i + \varepsilon_i + f}{\beta_i \bar a_i},

so (C, C) is an equilibrium iff :math:`\kappa \le \kappa^* = \min(\kappa_J^*, \kappa_K^*)`.
Between the two thresholds lies the *friction zone*: one state would
cooperate, the other would not. (N, N) is always an equilibrium when
:math:`h_i + s \ge 0`; when (C, C) is one too, the mixed equilibrium has
Japan cooperate with probability :math:`p = (h_K+s)/(M_K - f + h_K + s)`
and the ROK with :math:`q = (h_J+s)/(M_J - f + h_J + s)`, and (C, C)
risk-dominates iff :math:`(M_J - f)(M_K - f) > (h_J+s)(h_K+s)`, that is
below a commitment :math:`\kappa_{RD}` (the root of a quadratic in :math:`\kappa`;
:math:`(9 - \sqrt{33})/16 \approx 0.20` at the defaults).

**Snyder's preferred commitment.** A state that weighs abandonment by
:math:`a = \beta_i \bar a_i` (the insurance value lost if the US walks away
entirely) and entrapment by :math:`e = \varepsilon_i`, and minimises the
quadratic loss :math:`a(1-\kappa)^2 + e\kappa^2`, prefers the commitment
:math:`\hat\kappa_i = a/(a+e)`. This is a stylised addition beside the 2x2 game.

The default parameters are illustrative calibrations chosen to reproduce
the qualitative claim (friction today; a US shift to containment can
bring cooperation), never empirical estimates.

Examples
--------
>>> from nea_games.models.quasi_alliance import QuasiAllianceModel
>>> result = QuasiAllianceModel().solve()
>>> result.headline["binding threshold kappa*"]
Fraction(1, 2)
>>> result.headline["friction zone"]
True
>>> QuasiAllianceModel().after_containment().headline["(C, C) is an equilibrium"]
True
>>> result.headline["risk-dominance threshold kappa_RD"]
9/16 - sqrt(33)/16

An equilibrium map over the US commitment:

>>> import numpy as np
>>> from nea_games import sweep
>>> swept = sweep(QuasiAllianceModel(), {"kappa": np.linspace(0, 1, 5)})
>>> swept.condition("(Cooperate, Cooperate)")
array([ True,  True,  True, False, False])
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from nea_games.analysis.conditions import conditions, critical_value
from nea_games.errors import ValidationError
from nea_games.games.normal_form import NormalFormGame
from nea_games.models._parameters import (
    Range,
    check_range,
    convert,
    exact_output,
    is_symbolic,
    range_assumptions,
    validate_fields,
)
from nea_games.models._result import HeadlineView
from nea_games.solvers.api import solve as _solve
from nea_games.solvers.selection import risk_dominance

__all__ = ["QuasiAllianceModel", "QuasiAllianceResult"]

PLAYERS = ("Japan", "ROK")
ACTIONS = ("Cooperate", "Not")

#: The range each parameter must lie in (symbolic values are not checked).
RANGES: dict[str, Range] = {
    "kappa": Range(0, 1),
    "beta_J": Range(0, None, open_low=True),
    "beta_K": Range(0, None, open_low=True),
    "h_J": Range(0, None),
    "h_K": Range(0, None),
    "eps_J": Range(0, None),
    "eps_K": Range(0, None),
    "abar_J": Range(0, 1, open_low=True),
    "abar_K": Range(0, 1, open_low=True),
    "s": Range(0, None),
    "f": Range(),
}


@dataclass(frozen=True)
class QuasiAllianceModel:
    r"""Japan-ROK cooperation game under US commitment (Cha; Snyder).

    Any parameter may be a sympy symbol (or expression); the model then
    returns conditions instead of numbers. Numbers are kept exact
    (:class:`fractions.Fraction`) unless given as floats.

    Parameters
    ----------
    kappa : number or sympy expression, default 3/5
        US commitment to both allies, in [0, 1] (0: none, 1: total). The
        default 3/5 is an illustrative "firm but not total" commitment that
        puts the defaults in the friction zone.
    beta_J : number or sympy expression, default 10
        Japan's insurance value of Japan-ROK cooperation per unit of abandonment fear
        (utility units per unit of fear), in (0, oo).
    beta_K : number or sympy expression, default 10
        The ROK's insurance value of cooperation per unit of abandonment fear (utility units
        per unit of fear), in (0, oo).
    h_J : number or sympy expression, default 1
        Japan's domestic history cost of cooperating with the ROK (utility units), in [0, oo).
    h_K : number or sympy expression, default 2
        The ROK's domestic history cost of cooperating with Japan (utility units), in [0, oo).
    eps_J : number or sympy expression, default 2
        Japan's entrapment cost of mutual cooperation (utility units), in [0, oo).
    eps_K : number or sympy expression, default 1
        The ROK's entrapment cost of mutual cooperation (utility units), in [0, oo).
    abar_J : number or sympy expression, default 3/5
        Japan's abandonment fear when the US is not committed at all (share), in (0, 1].
    abar_K : number or sympy expression, default 4/5
        The ROK's abandonment fear when the US is not committed at all (share), in (0, 1].
    s : number or sympy expression, default 1
        Extra ("sucker") cost of cooperating alone, for both states (utility units), in [0, oo).
    f : number or sympy expression, default 0
        Payoff from free riding on the other's cooperation (utility units), any real.

    Raises
    ------
    nea_games.errors.ValidationError
        When a numeric parameter is outside its range.
    nea_games.errors.NonFiniteError, nea_games.errors.PayoffTypeError
        For NaN/infinite values or values that are not numbers.

    Examples
    --------
    >>> m = QuasiAllianceModel(kappa=Fraction(1, 5))
    >>> print(m.game())
    Japan \ ROK  Cooperate  Not
    Cooperate    9/5, 17/5  -2, 0
    Not          0, -3      0, 0
    """

    kappa: Any = Fraction(3, 5)
    beta_J: Any = 10
    beta_K: Any = 10
    h_J: Any = 1
    h_K: Any = 2
    eps_J: Any = 2
    eps_K: Any = 1
    abar_J: Any = Fraction(3, 5)
    abar_K: Any = Fraction(4, 5)
    s: Any = 1
    f: Any = 0

    # a class attribute, not a field (not annotated: validate_fields walks __dataclass_fields__,
    # which lists ClassVar pseudo-fields too)
    QUESTION = (
        "When do Japan and South Korea, two US allies without an alliance of their own, cooperate "
        "with each other? Cha's answer: when both fear US abandonment, so a weaker US commitment "
        "can bring them together."
    )

    def __post_init__(self) -> None:
        validate_fields(self, RANGES)

    # ------------------------------------------------------------------ pieces
    def _kappa_symbol(self) -> sympy.Symbol:
        if isinstance(self.kappa, sympy.Symbol):
            return self.kappa
        return sympy.Symbol("kappa")

    def _assumptions(self) -> list[Any]:
        """Sign facts about symbolic parameters (from the parameter ranges)."""
        return range_assumptions(self, RANGES)

    def abandonment_fear(self, kappa: Any = None) -> tuple[Any, Any]:
        r"""The abandonment fears :math:`(a_J, a_K) = (\bar a_J(1-\kappa), \bar a_K(1-\kappa))`.

        Examples
        --------
        >>> QuasiAllianceModel().abandonment_fear()
        (Fraction(6, 25), Fraction(8, 25))
        """
        k = self.kappa if kappa is None else kappa
        return self.abar_J * (1 - k), self.abar_K * (1 - k)

    def _game(self, kappa: Any) -> NormalFormGame:
        a_J, a_K = self.abandonment_fear(kappa)
        M_J = self.beta_J * a_J - self.h_J - self.eps_J
        M_K = self.beta_K * a_K - self.h_K - self.eps_K
        A = [[M_J, -(self.h_J + self.s)], [self.f, 0]]
        B = [[M_K, self.f], [-(self.h_K + self.s), 0]]
        return NormalFormGame.bimatrix(
            A, B, players=PLAYERS, actions=[ACTIONS, ACTIONS], title="Japan-ROK quasi-alliance"
        )

    def game(self) -> NormalFormGame:
        r"""The 2x2 game between Japan (row) and the ROK (column).

        Payoffs are normalised so that mutual non-cooperation (Not, Not)
        pays 0 to both; see the module docstring for the matrix.

        Examples
        --------
        >>> QuasiAllianceModel().game().payoff(("Cooperate", "Cooperate"))
        (Fraction(-3, 5), Fraction(1, 5))
        """
        return self._game(self.kappa)

    def parametric_game(self) -> NormalFormGame:
        """The game with the US commitment kept as a symbol (``kappa`` unless given as one).

        Examples
        --------
        >>> QuasiAllianceModel().parametric_game().parameters
        (kappa,)
        """
        return self._game(self._kappa_symbol())

    def games(self) -> dict[str, NormalFormGame]:
        """The model's named games at the current parameters.

        ``"cooperation"`` is the 2x2 Japan-ROK game; ``"cooperation (kappa symbolic)"`` the same
        game with the US commitment left as a symbol.

        Examples
        --------
        >>> list(QuasiAllianceModel().games())
        ['cooperation', 'cooperation (kappa symbolic)']
        """
        return {"cooperation": self.game(), "cooperation (kappa symbolic)": self.parametric_game()}

    def map_grid(self) -> dict[str, npt.NDArray[np.float64]]:
        """The default grid of the equilibrium map: 41 values of the US commitment in [0, 1].

        A numeric model is swept over ``kappa`` alone (its only sweep parameter), which shows
        the three regimes: cooperation possible, the friction zone, and no cooperation. Make a
        second parameter a sympy symbol (e.g. ``h_J``) to sweep it as well.

        Examples
        --------
        >>> {name: len(values) for name, values in QuasiAllianceModel().map_grid().items()}
        {'kappa': 41}
        """
        grid = {self._kappa_symbol().name: np.linspace(0.0, 1.0, 41)}
        for name in self.sweep_parameters:
            if name not in grid:  # other symbolic parameters: a coarse axis over a plausible range
                spec = RANGES.get(name, Range())
                low = float(spec.low) if spec.low is not None else 0.0
                high = float(spec.high) if spec.high is not None else low + 4.0
                grid[name] = np.linspace(low, high, 41)
        return grid

    def thresholds(self) -> dict[str, Any]:
        r"""Each state's threshold :math:`\kappa_i^*`, derived by the library.

        :math:`\kappa_i^*` is where state *i* stops wanting to cooperate when
        the other cooperates: the critical value of the condition that *i*
        has no profitable deviation from (C, C), computed in the game where
        only *i*'s payoffs count.

        Examples
        --------
        >>> QuasiAllianceModel().thresholds()
        {'Japan': Fraction(1, 2), 'ROK': Fraction(5, 8)}
        """
        g = self.parametric_game()
        k = self._kappa_symbol()
        facts = self._assumptions()
        zeros = np.zeros((2, 2), dtype=object)
        out: dict[str, Any] = {}
        for i, player in enumerate(PLAYERS):
            own = g.payoffs[i]
            pair = [own, zeros] if i == 0 else [zeros, own]
            only = NormalFormGame.bimatrix(*pair, players=PLAYERS, actions=[ACTIONS, ACTIONS])
            condition = conditions(only, ("Cooperate", "Cooperate"), assumptions=facts)
            cv = critical_value(condition, k, assumptions=facts)
            out[player] = exact_output(cv.threshold)
        return out

    # ------------------------------------------------------------------ solving
    def solve(self) -> QuasiAllianceResult:
        r"""Solve the game and derive the headline quantities.

        Returns
        -------
        QuasiAllianceResult
            Equilibria (``None`` when a parameter is symbolic), headline and reading. With
            symbols the headline states conditions: where (C, C) is an equilibrium, where the
            mixed equilibrium exists (both gains :math:`M_i - f` positive) and where (C, C)
            risk-dominates; :math:`\kappa_{RD}` is derived when only ``kappa`` is symbolic.

        Examples
        --------
        >>> r = QuasiAllianceModel(kappa=Fraction(2, 5)).solve()
        >>> [eq.label for eq in r.equilibria]  # doctest: +ELLIPSIS
        ['pure (Cooperate, Cooperate)', ...'pure (Not, Not)']
        >>> r.headline["risk-dominant equilibrium"]
        '(Not, Not)'
        """
        game = self.game()
        thresholds = self.thresholds()
        k_J, k_K = thresholds["Japan"], thresholds["ROK"]
        binding = sympy.Min(k_J, k_K) if is_symbolic(k_J) or is_symbolic(k_K) else min(k_J, k_K)
        binder: Any
        if is_symbolic(binding):
            binder = "depends on the parameters"
        else:
            binder = "Japan" if k_J < k_K else "ROK" if k_K < k_J else "both"
        M_J = game.payoffs[0][0, 0]
        M_K = game.payoffs[1][0, 0]
        c_J, c_K = self.h_J + self.s, self.h_K + self.s
        a_J, a_K = self.beta_J * self.abar_J, self.beta_K * self.abar_K
        snyder = {
            "Japan": exact_output(sympy.sympify(a_J) / (a_J + self.eps_J)),
            "ROK": exact_output(sympy.sympify(a_K) / (a_K + self.eps_K)),
        }
        headline: dict[str, Any] = {
            "threshold kappa*_J (Japan)": k_J,
            "threshold kappa*_K (ROK)": k_K,
            "binding threshold kappa*": binding,
            "binding state": binder,
            "friction zone (low, high]": (binding, _max(k_J, k_K)),
            "Snyder preferred commitment a/(a+e)": snyder,
        }
        equilibria = None
        if game.is_parametric:
            cc = conditions(game, ("Cooperate", "Cooperate"), assumptions=self._assumptions())
            headline["(C, C) is an equilibrium"] = cc.expr
            headline["friction zone"] = sympy.And(self.kappa > binding, self.kappa <= _max(k_J, k_K))
            p = sympy.simplify(sympy.sympify(c_K) / (M_K - self.f + c_K))
            q = sympy.simplify(sympy.sympify(c_J) / (M_J - self.f + c_J))
            headline["mixed equilibrium P(Cooperate) (Japan, ROK)"] = (p, q)
            # p, q lie in (0, 1) iff both gains M_i - f are positive (with h_i + s > 0): (C, C) strict
            both_strict = sympy.simplify(sympy.And(M_J - self.f > 0, M_K - self.f > 0))
            headline["mixed equilibrium exists iff"] = both_strict
            headline["(C, C) risk-dominates (N, N) iff"] = sympy.simplify(
                sympy.And(both_strict, (M_J - self.f) * (M_K - self.f) > c_J * c_K)
            )
            others = free_symbols(M_J) | free_symbols(M_K) | free_symbols(c_J * c_K)
            if not others - free_symbols(self.kappa):  # kappa alone is symbolic: kappa_RD is a number
                headline["risk-dominance threshold kappa_RD"] = self._risk_threshold(binding)
            reading = "Symbolic parameters: the headline holds the conditions rather than numbers."
        else:
            equilibria = _solve(game)
            cc_holds = bool(self.kappa <= binding)
            friction = bool(binding < self.kappa <= _max(k_J, k_K))
            mixed = [eq for eq in equilibria if not eq.is_pure]
            headline["(C, C) is an equilibrium"] = cc_holds
            headline["friction zone"] = friction
            headline["mixed equilibrium P(Cooperate) (Japan, ROK)"] = (
                (mixed[0].strategies[0][0], mixed[0].strategies[1][0]) if mixed else None
            )
            strict = [eq for eq in equilibria if eq.is_pure and _strict(eq)]
            dominant = risk_dominance(strict) if len(strict) > 1 else strict
            headline["risk-dominant equilibrium"] = (
                "(" + ", ".join(dominant[0].pure_profile or ()) + ")" if len(dominant) == 1 else "tie or none"
            )
            headline["risk-dominance threshold kappa_RD"] = self._risk_threshold(binding)
            reading = _reading(self.kappa, k_J, k_K, binding, cc_holds, friction, headline)
        return QuasiAllianceResult(self, game, equilibria, headline, reading)

    def _risk_threshold(self, binding: Any) -> Any:
        r"""The commitment below which (C, C) risk-dominates (N, N), or ``None`` if never.

        On :math:`\kappa < \kappa^*` the product :math:`(M_J - f)(M_K - f)` falls as
        :math:`\kappa` rises, so (C, C) risk-dominates iff :math:`\kappa < \kappa_{RD}`,
        the root of :math:`(M_J - f)(M_K - f) = (h_J + s)(h_K + s)` below :math:`\kappa^*`.
        """
        k = sympy.Symbol("kappa", real=True)
        g = self._game(k)
        gap = (g.payoffs[0][0, 0] - self.f) * (g.payoffs[1][0, 0] - self.f)
        gap = sympy.nsimplify(gap - (self.h_J + self.s) * (self.h_K + self.s))
        roots = [r for r in sympy.solve(gap, k) if r.is_real and r < binding]
        if not roots:
            return None
        root = sympy.radsimp(max(roots))
        return exact_output(root)

    def after_containment(self, kappa_drop: Any = Fraction(1, 5)) -> QuasiAllianceResult:
        """Solve again after a US shift to containment lowers US commitment by ``kappa_drop``.

        The link to the strategic-patience model: accepting a nuclear DPRK
        reads in Tokyo and Seoul as weaker US commitment, raising abandonment
        fear, which can make Japan-ROK cooperation an equilibrium.
        Commitment is floored at 0.

        Examples
        --------
        >>> QuasiAllianceModel().after_containment(Fraction(1, 5)).model.kappa
        Fraction(2, 5)
        """
        drop = convert("after_containment", "kappa_drop", kappa_drop)
        check_range("after_containment", "kappa_drop", drop, 0)
        new = self.kappa - drop
        if not is_symbolic(new):
            new = max(new, 0)
        return dataclasses.replace(self, kappa=new).solve()

    # ------------------------------------------------------------------ sweep protocol
    @property
    def sweep_parameters(self) -> tuple[str, ...]:
        """``kappa`` plus the names of any other symbolic parameters."""
        names = [self._kappa_symbol().name]
        g = self.parametric_game()
        names += sorted(s.name for s in g.parameters if s.name not in names)
        return tuple(names)

    def __nea_sweep__(
        self, points: Mapping[str, npt.NDArray[np.float64]], what: str | None
    ) -> dict[str, Any]:
        """Which pure profiles are equilibria, and the binding threshold, at every point."""
        if what not in (None, "pure"):
            raise ValidationError(f"QuasiAllianceModel sweep: what must be 'pure', not {what!r}")
        g = self.parametric_game()
        by_name = {s.name: s for s in g.parameters}
        symbols = tuple(by_name[n] for n in self.sweep_parameters)
        entries = [sympy.sympify(e) for e in g.payoffs.reshape(-1)]
        function = sympy.lambdify(symbols, entries, modules="numpy")
        args = [np.asarray(points[n], dtype=float) for n in self.sweep_parameters]
        m = len(args[0])
        u = np.array([np.broadcast_to(np.asarray(v, dtype=float), (m,)) for v in function(*args)])
        u = u.reshape(2, 2, 2, m)
        tol = 1e-9 * np.maximum(1.0, np.abs(u).max(axis=(0, 1, 2)))
        out: dict[str, Any] = {}
        for r, row in enumerate(ACTIONS):
            for c, col in enumerate(ACTIONS):
                ok_J = u[0, r, c] >= u[0, :, c].max(axis=0) - tol
                ok_K = u[1, r, c] >= u[1, r, :].max(axis=0) - tol
                out[f"({row}, {col})"] = ok_J & ok_K
        th = self.thresholds()
        binding = sympy.Min(*(sympy.sympify(v) for v in th.values()))
        value = sympy.lambdify(symbols, binding, modules="numpy")(*args)
        out["kappa*"] = np.broadcast_to(np.asarray(value, dtype=float), (m,)).copy()
        return out


def free_symbols(value: Any) -> set[Any]:
    """The free symbols of a parameter or payoff (none for numbers)."""
    return set(value.free_symbols) if isinstance(value, sympy.Basic) else set()


def _max(a: Any, b: Any) -> Any:
    return sympy.Max(a, b) if is_symbolic(a) or is_symbolic(b) else max(a, b)


def _strict(eq: Any) -> bool:
    """Whether a pure equilibrium is strict (each player loses by deviating alone)."""
    index = eq.pure_profile_index
    payoffs = eq.game.payoffs if eq.exact else eq.game.float_payoffs()
    for i in range(2):
        deviation = list(index)
        deviation[i] = 1 - index[i]
        if not payoffs[i][tuple(index)] > payoffs[i][tuple(deviation)]:
            return False
    return True


def _reading(
    kappa: Any, k_J: Any, k_K: Any, binding: Any, cc: bool, friction: bool, headline: Mapping[str, Any]
) -> str:
    if cc:
        start = (
            f"US commitment {kappa} is at or below kappa* = {binding}: both states fear abandonment "
            "enough that Japan-ROK cooperation is an equilibrium (as is mutual non-cooperation)."
        )
        rd = headline["risk-dominant equilibrium"]
        return f"{start} The risk-dominant outcome is {rd}."
    if friction:
        eager = "ROK" if k_K > k_J else "Japan"
        reluctant = "Japan" if eager == "ROK" else "ROK"
        return (
            f"US commitment {kappa} lies in the friction zone ({binding}, {max(k_J, k_K)}]: the {eager} "
            f"would cooperate if {reluctant} did, but {reluctant} feels secure enough to free ride, "
            "so only mutual non-cooperation is an equilibrium."
        )
    return (
        f"US commitment {kappa} is above both thresholds ({k_J}, {k_K}): neither state fears "
        "abandonment enough to bear the costs of cooperating, so only mutual non-cooperation holds."
    )


@dataclass(frozen=True)
class QuasiAllianceResult(HeadlineView):
    """The solved quasi-alliance model.

    Printing it shows the headline quantities followed by the reading.

    Attributes
    ----------
    model : QuasiAllianceModel
        The parameters that were solved.
    game : NormalFormGame or None
        The 2x2 game at these parameters.
    equilibria : EquilibriumSet or None
        All equilibria (library solver); ``None`` when a parameter is symbolic.
    headline : dict
        Named headline quantities, exact where the inputs are exact.
    reading : str
        A short plain-language reading.
    """

    model: QuasiAllianceModel
    game: NormalFormGame
    equilibria: Any
    headline: dict[str, Any] = field(default_factory=dict)
    reading: str = ""
