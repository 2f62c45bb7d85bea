r"""China's buffer dilemma: pressure a nuclear North Korea, or shield it?

China wants a non-nuclear Korean peninsula, but it also wants a friendly
buffer state on its border. Pressure that is strong enough to make the DPRK
give up its weapons may instead break the regime, and a collapse costs China
the buffer. This module states that trade-off as a small extensive-form game
with incomplete information and solves it with the library's generic tree
solvers.

**The game.** Nature draws the DPRK's type: *resolute* (it values its
weapons at :math:`v_h`) with probability :math:`q`, *pliable* (value
:math:`v_l`) otherwise; :math:`q` is China's belief. China, not seeing the
type, chooses *Pressure* or *Shield* (one information set). The DPRK sees
China's move and chooses *Denuclearise* or *Hold*. After (Pressure, Hold)
a chance move makes the regime collapse with probability :math:`\kappa`.

Payoffs (China, DPRK), for a DPRK of type value :math:`v`:

==========================  ====================================  ===============
outcome                     China                                 DPRK
==========================  ====================================  ===============
Shield, Denuclearise        :math:`-\sigma`                       :math:`a`
Shield, Hold                :math:`-\sigma - n`                   :math:`v`
Pressure, Denuclearise      :math:`-c_C`                          :math:`a`
Pressure, Hold, Survive     :math:`-c_C - n`                      :math:`v - \psi`
Pressure, Hold, Collapse    :math:`-c_C - (1-g)B`                 :math:`v - K`
==========================  ====================================  ===============

Two modelling choices are worth stating. (1) On collapse China pays the
buffer loss :math:`(1-g)B` *instead of* the nuclear cost :math:`n`: the
regime that held the weapons is gone, and China's problem becomes the border.
This is what makes :math:`B > n` the condition of the dilemma (a more fragile
regime makes pressure less attractive only if losing the buffer is worse
than living with the bomb). (2) The DPRK's payoffs add up: holding gives it
the value :math:`v` of its weapons in every branch, a collapse subtracts
:math:`K`, and surviving under pressure subtracts the sanctions pain
:math:`\psi`.

**Solution concept.** China's information set is reached with the prior
beliefs (:math:`q`, :math:`1-q`) whatever anyone does, so Bayes' rule fixes
China's beliefs and a perfect Bayesian equilibrium is here the same as a
subgame-perfect equilibrium of the tree. Each DPRK decision node starts a
proper subgame; :func:`~nea_games.solvers.backward.backward_induction` solves
them, then solves the root subgame (chance and China) in its normal form.
:func:`~nea_games.solvers.backward.symbolic_backward_induction` does the same
with sympy and returns where each action is optimal.

**Closed forms the library derives.** A DPRK of value :math:`v` holds under
pressure iff :math:`v \ge \bar v = a + \kappa K + (1-\kappa)\psi`; under
shielding it holds iff :math:`v \ge a`. When the types separate
(:math:`v_l < \bar v \le v_h`) and both hold under shielding, China
pressures iff

.. math:: q \le q^* = \frac{n + \sigma - c_C}{(1-\kappa)\,n + \kappa(1-g)B},

and :math:`\partial q^*/\partial\kappa < 0` exactly when :math:`(1-g)B > n`.

The defaults are *illustrative calibrations* chosen so that the source
argument's qualitative claim holds (China shields and the talks have no
leverage); they are not estimates of anything.

Examples
--------
>>> from nea_games.models.buffer_dilemma import BufferDilemmaModel
>>> result = BufferDilemmaModel().solve()
>>> result.headline["China's choice"], result.headline["probability of denuclearisation"]
('Shield', Fraction(0, 1))
>>> result.headline["belief threshold q*"]
9/14
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from fractions import Fraction
from functools import lru_cache
from typing import Any

import numpy as np
import sympy

from nea_games.analysis.conditions import conditions, critical_value
from nea_games.errors import NonFiniteError, ProbabilityError, UnknownNameError, ValidationError
from nea_games.games.extensive_form import ExtensiveFormGame
from nea_games.solvers.backward import (
    SymbolicSolution,
    TreeEquilibriumSet,
    backward_induction,
    symbolic_backward_induction,
)

__all__ = ["BufferDilemmaModel", "BufferDilemmaResult", "KappaEffect"]

#: Information-set labels of the tree.
CHINA = "China"
RESOLUTE_PRESSURE = "DPRK resolute | Pressure"
PLIABLE_PRESSURE = "DPRK pliable | Pressure"
RESOLUTE_SHIELD = "DPRK resolute | Shield"
PLIABLE_SHIELD = "DPRK pliable | Shield"

_NAMES = ("n", "B", "c_C", "kappa", "q", "g", "sigma", "a", "K", "psi", "v_low", "v_high")
_PROBABILITIES = ("kappa", "q", "g")
_POSITIVE = ("n", "B", "K")
_NONNEGATIVE = ("c_C", "sigma", "a", "psi", "v_low", "v_high")
# the separating regime: the resolute type holds under pressure, the pliable one gives in
_SEPARATING = {
    RESOLUTE_PRESSURE: "Hold",
    PLIABLE_PRESSURE: "Denuclearise",
    RESOLUTE_SHIELD: "Hold",
    PLIABLE_SHIELD: "Hold",
    CHINA: "Pressure",
}


def _symbol(name: str) -> sympy.Symbol:
    """The library's own symbol for a parameter (positive or non-negative)."""
    if name in _POSITIVE or name in ("kappa", "q"):
        return sympy.Symbol(name, positive=True)
    return sympy.Symbol(name, nonnegative=True)


def _is_symbolic(value: Any) -> bool:
    return isinstance(value, sympy.Basic) and bool(value.free_symbols)


def _exact(value: Any) -> Any:
    """Integers become Fractions; numeric sympy rationals too; everything else is kept."""
    if isinstance(value, bool):
        raise ValidationError(f"expected a number, got {value!r}")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    if isinstance(value, sympy.Basic) and not value.free_symbols:
        return float(value)
    return value


def _tree(p: Mapping[str, Any]) -> ExtensiveFormGame:
    n, B, c, kappa, g, sigma, a, K, psi = (
        p[k] for k in ("n", "B", "c_C", "kappa", "g", "sigma", "a", "K", "psi")
    )

    def after_china(v: Any, kind: str) -> dict[str, Any]:
        hold_under_pressure = (
            "chance",
            {"Collapse": (kappa, (-c - (1 - g) * B, v - K)), "Survive": (1 - kappa, (-c - n, v - psi))},
        )
        return {
            "Pressure": (
                "DPRK",
                {"Denuclearise": (-c, a), "Hold": hold_under_pressure},
                f"DPRK {kind} | Pressure",
            ),
            "Shield": (
                "DPRK",
                {"Denuclearise": (-sigma, a), "Hold": (-sigma - n, v)},
                f"DPRK {kind} | Shield",
            ),
        }

    q = p["q"]
    return ExtensiveFormGame(
        ["China", "DPRK"],
        (
            "chance",
            {
                "Resolute": (q, ("China", after_china(p["v_high"], "resolute"), CHINA)),
                "Pliable": (1 - q, ("China", after_china(p["v_low"], "pliable"), CHINA)),
            },
        ),
        title="China's buffer dilemma",
    )


@lru_cache(maxsize=1)
def _general() -> tuple[SymbolicSolution, Any, Any, Any]:
    """The fully symbolic tree solved once: (solution, v̄, q* of the separating regime, China's condition)."""
    symbols = {k: _symbol(k) for k in _NAMES}
    solution = symbolic_backward_induction(_tree(symbols))
    v_bar = solution.thresholds(RESOLUTE_PRESSURE, symbols["v_high"])[0]
    regime = next(r for r in solution.regimes if all(r.choices[h] == a for h, a in _SEPARATING.items()))
    q = symbols["q"]
    atom = next(
        c
        for c in sympy.And.make_args(regime.condition)
        if q in c.free_symbols and symbols["n"] in c.free_symbols
    )
    # the coefficient of q, -((1 - kappa) n + kappa (1 - g) B), is negative for kappa, g in [0, 1],
    # a fact critical_value's slack method cannot see; solve the boundary as SymbolicSolution.thresholds does
    (root,) = sympy.solve(atom.lhs - atom.rhs, q)
    q_star = sympy.factor(root)
    pressure = solution.condition(CHINA, "Pressure")
    return solution, v_bar, q_star, pressure


@dataclass(frozen=True)
class KappaEffect:
    """How China's belief threshold :math:`q^*` moves with the regime's fragility :math:`\\kappa`.

    Attributes
    ----------
    q_star : sympy expression
        :math:`q^*` as a function of the symbol ``kappa`` (other parameters at the model's values),
        in the separating regime.
    derivative : sympy expression
        :math:`\\partial q^*/\\partial \\kappa`.
    sign : sympy expression or int
        Sign of the derivative: -1 when a more fragile regime makes pressure less likely (the
        dilemma, iff :math:`(1-g)B > n`), +1 when it makes pressure more likely, 0 when flat;
        a sympy expression when parameters are symbolic.
    """

    q_star: Any
    derivative: Any
    sign: Any

    @property
    def dilemma(self) -> bool | None:
        """True when a higher collapse risk makes China less willing to pressure (None if undecided)."""
        return None if isinstance(self.sign, sympy.Basic) and self.sign.free_symbols else self.sign == -1


@dataclass(frozen=True)
class BufferDilemmaResult:
    """The solved buffer dilemma.

    Attributes
    ----------
    model : BufferDilemmaModel
        The parameters.
    game : ExtensiveFormGame
        The tree that was solved.
    equilibria : TreeEquilibriumSet or None
        Every pure subgame-perfect (= perfect Bayesian) equilibrium, for numeric models.
    solution : SymbolicSolution
        The symbolic backward induction of the tree: where each action is optimal.
    headline : dict
        The headline quantities by descriptive name (exact when the inputs are).
    reading : str
        A plain-language reading.
    """

    model: BufferDilemmaModel
    game: ExtensiveFormGame
    equilibria: TreeEquilibriumSet | None
    solution: SymbolicSolution
    headline: dict[str, Any]
    reading: str

    def __str__(self) -> str:
        lines = [f"{k}: {v}" for k, v in self.headline.items()]
        return "\n".join([*lines, "", self.reading])


@dataclass(frozen=True)
class BufferDilemmaModel:
    """China's buffer dilemma over a nuclear DPRK (DESIGN §4.2).

    All payoffs are in one common, arbitrary utility unit. Every parameter
    may be a number (integers become exact ``Fraction``) or a sympy
    expression. The defaults are illustrative calibrations, not estimates.

    Parameters
    ----------
    n : number, default 10
        China's cost of a DPRK that stays nuclear (utility units, > 0).
    B : number, default 30
        China's loss of the buffer if the regime collapses: border, refugees, US forces at the
        Yalu (utility units, > 0).
    c_C : number, default 1
        China's own cost of pressuring (utility units, >= 0).
    kappa : number, default 1/5
        Probability that the regime collapses if it holds out under pressure, in [0, 1].
    q : number, default 7/10
        China's belief that the DPRK is resolute (values its weapons at ``v_high``), in [0, 1].
    g : number, default 0
        Share of the buffer loss a credible US pledge neutralises (US lever 1), in [0, 1].
    sigma : number, default 0
        Cost to China of shielding under US secondary sanctions (US lever 2; utility units, >= 0).
    a : number, default 2
        The DPRK's inducement for denuclearising (utility units, >= 0).
    K : number, default 20
        The DPRK regime's loss on collapse (utility units, > 0).
    psi : number, default 3
        Sanctions pain if the DPRK holds under pressure and survives (utility units, >= 0).
    v_low : number, default 8
        A pliable DPRK's value of its weapons (utility units, >= 0).
    v_high : number, default 10
        A resolute DPRK's value of its weapons (utility units, >= ``v_low``).

    Raises
    ------
    nea_games.errors.ProbabilityError
        If ``kappa``, ``q`` or ``g`` lies outside [0, 1].
    nea_games.errors.ValidationError
        For a negative (or zero, where it must be positive) cost or value, ``v_low > v_high``,
        or something that is not a number or sympy expression.

    Examples
    --------
    >>> m = BufferDilemmaModel()
    >>> m.kappa, m.q
    (Fraction(1, 5), Fraction(7, 10))
    >>> BufferDilemmaModel(q=2)
    Traceback (most recent call last):
    ...
    nea_games.errors.ProbabilityError: BufferDilemmaModel: q must lie in [0, 1], got 2
    """

    n: Any = Fraction(10)
    B: Any = Fraction(30)
    c_C: Any = Fraction(1)
    kappa: Any = Fraction(1, 5)
    q: Any = Fraction(7, 10)
    g: Any = Fraction(0)
    sigma: Any = Fraction(0)
    a: Any = Fraction(2)
    K: Any = Fraction(20)
    psi: Any = Fraction(3)
    v_low: Any = Fraction(8)
    v_high: Any = Fraction(10)

    def __post_init__(self) -> None:
        for name in _NAMES:
            raw = getattr(self, name)
            if isinstance(raw, str):
                raw = sympy.nsimplify(raw)
            if not isinstance(raw, (int, float, Fraction, sympy.Basic)) or isinstance(raw, bool):
                raise ValidationError(
                    f"BufferDilemmaModel: {name} must be a number or a sympy expression, got {raw!r}"
                )
            value = _exact(raw)
            object.__setattr__(self, name, value)
            if _is_symbolic(value):
                continue
            if isinstance(value, float) and not math.isfinite(value):
                raise NonFiniteError(f"BufferDilemmaModel: {name} must be finite, got {value}")
            if name in _PROBABILITIES and not 0 <= value <= 1:
                raise ProbabilityError(f"BufferDilemmaModel: {name} must lie in [0, 1], got {value}")
            if name in _POSITIVE and not value > 0:
                raise ValidationError(f"BufferDilemmaModel: {name} must be positive, got {value}")
            if name in _NONNEGATIVE and not value >= 0:
                raise ValidationError(f"BufferDilemmaModel: {name} must be non-negative, got {value}")
        if not _is_symbolic(self.v_low) and not _is_symbolic(self.v_high) and self.v_low > self.v_high:
            raise ValidationError(
                f"BufferDilemmaModel: v_low ({self.v_low}) must not exceed v_high ({self.v_high}); "
                "the resolute type is the one that values its weapons more"
            )

    # ------------------------------------------------------------------ parameters
    @property
    def parameters(self) -> dict[str, Any]:
        """``{name: value}`` for every parameter."""
        return {name: getattr(self, name) for name in _NAMES}

    @property
    def is_symbolic(self) -> bool:
        """True when some parameter contains a free sympy symbol."""
        return any(_is_symbolic(v) for v in self.parameters.values())

    def _with_symbol(self, name: str) -> tuple[ExtensiveFormGame, Any]:
        """The tree with parameter ``name`` replaced by a symbol (kept if already symbolic)."""
        value = getattr(self, name)
        symbol = value if isinstance(value, sympy.Symbol) else _symbol(name)
        return _tree({**self.parameters, name: symbol}), symbol

    def _sympy_values(self) -> dict[sympy.Symbol, Any]:
        return {
            _symbol(k): sympy.nsimplify(v) if isinstance(v, (Fraction, float)) else v
            for k, v in self.parameters.items()
        }

    # ------------------------------------------------------------------ game
    def tree(self) -> ExtensiveFormGame:
        """The extensive-form game (payoff table in the module docstring).

        Examples
        --------
        >>> game = BufferDilemmaModel().tree()
        >>> game.infosets_of("China")
        ('China',)
        >>> game.node("Resolute/Pressure/Hold/Collapse").payoffs
        (Fraction(-31, 1), Fraction(-10, 1))
        """
        return _tree(self.parameters)

    # ------------------------------------------------------------------ thresholds
    def dprk_cutoff(self) -> Any:
        """The cut-off :math:`\\bar v`: a DPRK type holds under pressure iff its value is at least this.

        Derived by symbolic backward induction at the DPRK's node after Pressure.

        Examples
        --------
        >>> BufferDilemmaModel().dprk_cutoff()
        42/5
        """
        _, v_bar, _, _ = _general()
        return sympy.simplify(v_bar.subs(self._sympy_values()))

    def belief_threshold(self) -> Any:
        """China's belief threshold :math:`q^*`: it pressures iff :math:`q \\le q^*`.

        For a numeric model this is solved from China's condition on the model's own tree
        with ``q`` symbolic (``None`` when China's choice does not depend on ``q``, as when both
        types respond alike). For a symbolic model it is the separating-regime formula.

        Examples
        --------
        >>> BufferDilemmaModel().belief_threshold()
        9/14
        >>> print(BufferDilemmaModel(v_high=11, v_low=10).belief_threshold())
        None
        """
        if self.is_symbolic:
            _, _, q_star, _ = _general()
            values = {k: v for k, v in self._sympy_values().items() if k.name != "q"}
            return sympy.simplify(q_star.subs(values))
        game, q = self._with_symbol("q")
        cond = conditions(game, {CHINA: "Pressure"})
        if q not in cond.free_symbols:
            return None
        return critical_value(cond, q).threshold

    def _lever(self, name: str) -> Any:
        """Smallest value of a US lever (g or sigma) at which China pressures, or None."""
        game, s = self._with_symbol(name)
        facts = [s >= 0, s <= 1] if name == "g" else [s >= 0]
        cond = conditions(game, {CHINA: "Pressure"}, assumptions=facts)
        if cond.is_true:
            return sympy.Integer(0)
        if cond.is_false or s not in cond.free_symbols:
            return None
        cv = critical_value(cond, s, assumptions=facts)
        if cv.direction not in (">=", ">"):
            return None
        low = sympy.Max(cv.threshold, 0)
        if name == "g" and low.is_number and low > 1:
            return None
        return low

    def smallest_g(self) -> Any:
        """The smallest buffer guarantee ``g`` at which China pressures (``None``: no g in [0, 1] does).

        Other parameters (including ``sigma``) stay at the model's values; ``0`` means China
        already pressures without a guarantee.

        Examples
        --------
        >>> BufferDilemmaModel().smallest_g()
        4/21
        """
        return self._lever("g")

    def smallest_sigma(self) -> Any:
        """The smallest secondary-sanctions cost ``sigma`` at which China pressures (``None``: none does).

        Other parameters (including ``g``) stay at the model's values; ``0`` means China already
        pressures without sanctions.

        Examples
        --------
        >>> BufferDilemmaModel().smallest_sigma()
        4/5
        """
        return self._lever("sigma")

    def pressure_threshold_in_kappa(self) -> KappaEffect:
        """The dilemma: how :math:`q^*` moves with the collapse risk :math:`\\kappa`.

        Uses the library's separating-regime :math:`q^*` with ``kappa`` left symbolic.

        Examples
        --------
        >>> effect = BufferDilemmaModel().pressure_threshold_in_kappa()
        >>> effect.q_star, effect.sign, effect.dilemma
        (9/(10*(2*kappa + 1)), -1, True)
        >>> BufferDilemmaModel(B=5).pressure_threshold_in_kappa().dilemma
        False
        """
        _, _, q_star, _ = _general()
        kappa = self.kappa if isinstance(self.kappa, sympy.Symbol) else _symbol("kappa")
        values = {k: v for k, v in self._sympy_values().items() if k.name != "kappa"}
        expr = sympy.simplify(q_star.subs(values).subs(_symbol("kappa"), kappa))
        derivative = sympy.simplify(sympy.diff(expr, kappa))
        numerator, denominator = sympy.fraction(sympy.factor(derivative))
        sign = sympy.sign(numerator)  # the denominator is a square: (1 - kappa) n + kappa (1 - g) B squared
        if not denominator.is_nonnegative:
            sign = sympy.sign(sympy.factor(derivative))
        if isinstance(sign, sympy.Basic) and sign.is_number:
            sign = int(sign)
        return KappaEffect(expr, derivative, sign)

    # ------------------------------------------------------------------ solve
    def solve(self) -> BufferDilemmaResult:
        """Solve the game: equilibria, headline quantities and a reading.

        Returns
        -------
        BufferDilemmaResult

        Examples
        --------
        >>> r = BufferDilemmaModel().solve()
        >>> r.headline["resolute DPRK after Pressure"], r.headline["pliable DPRK after Pressure"]
        ('Hold', 'Denuclearise')
        >>> r.headline["smallest g that flips China to pressure"]
        4/21
        >>> r2 = BufferDilemmaModel(sigma=1).solve()
        >>> r2.headline["China's choice"], r2.headline["probability of denuclearisation"]
        ('Pressure', Fraction(3, 10))
        """
        game = self.tree()
        solution = symbolic_backward_induction(game)
        headline: dict[str, Any] = {}
        equilibria: TreeEquilibriumSet | None = None
        if self.is_symbolic:
            headline["China pressures iff"] = solution.condition(CHINA, "Pressure")
            headline["resolute DPRK holds after Pressure iff"] = solution.condition(RESOLUTE_PRESSURE, "Hold")
            headline["pliable DPRK holds after Pressure iff"] = solution.condition(PLIABLE_PRESSURE, "Hold")
        else:
            equilibria = backward_induction(game)
            eq = equilibria[0]
            headline["China's choice"] = eq.choice(CHINA)
            headline["resolute DPRK after Pressure"] = eq.choice(RESOLUTE_PRESSURE)
            headline["pliable DPRK after Pressure"] = eq.choice(PLIABLE_PRESSURE)
            dist = eq.outcome_distribution()
            zero = Fraction(0) if game.is_exact else 0.0
            headline["probability of denuclearisation"] = sum(
                (p for path, p in dist.items() if path[-1] == "Denuclearise"), zero
            )
            headline["probability of collapse"] = sum(
                (p for path, p in dist.items() if path[-1] == "Collapse"), zero
            )
        headline["DPRK cut-off v̄"] = self.dprk_cutoff()
        headline["belief threshold q*"] = self.belief_threshold()
        if not self.is_symbolic:
            headline["smallest g that flips China to pressure"] = self.smallest_g()
            headline["smallest sigma that flips China to pressure"] = self.smallest_sigma()
        # the comparative static in kappa speaks only where the two DPRK types separate (q* exists)
        q_star = headline["belief threshold q*"]
        headline["q* falls as collapse risk rises"] = (
            None if q_star is None else self.pressure_threshold_in_kappa().dilemma
        )
        return BufferDilemmaResult(self, game, equilibria, solution, headline, self._reading(headline))

    def _reading(self, h: Mapping[str, Any]) -> str:
        if self.is_symbolic:
            return (
                "With symbolic parameters the result is a set of conditions: China pressures where "
                "'China pressures iff' holds; the DPRK holds out under pressure when its value of the "
                f"weapons is at least v̄ = {h['DPRK cut-off v̄']}."
            )
        china = h["China's choice"]
        parts = [
            f"China's best reply is to {china.lower()} the DPRK.",
            f"A DPRK that values its weapons at v̄ = {h['DPRK cut-off v̄']} or more holds out under pressure.",
        ]
        if h["belief threshold q*"] is not None:
            parts.append(
                f"China pressures only if its belief that the DPRK is resolute is at most "
                f"q* = {h['belief threshold q*']} (here q = {self.q})."
            )
        leverage = h["probability of denuclearisation"]
        parts.append(
            "The talks have no leverage: the DPRK never denuclearises."
            if leverage == 0
            else f"The talks succeed with probability {leverage}; the regime collapses with probability "
            f"{h['probability of collapse']}."
        )
        g, s = h["smallest g that flips China to pressure"], h["smallest sigma that flips China to pressure"]
        if china == "Shield":
            parts.append(
                "US levers that flip China to pressure: "
                + (f"a buffer guarantee g ≥ {g}" if g is not None else "no buffer guarantee suffices")
                + " or "
                + (f"secondary sanctions σ ≥ {s}." if s is not None else "no sanction suffices.")
            )
        return " ".join(parts)

    # ------------------------------------------------------------------ sweep
    @property
    def sweep_parameters(self) -> tuple[str, ...]:
        """The parameters a sweep grid must give: those left symbolic, else ``("q", "g")``.

        A fully numeric model is swept over China's belief ``q`` and the US buffer guarantee
        ``g``; to sweep other parameters, make them sympy symbols, e.g.
        ``BufferDilemmaModel(q=sympy.Symbol("q"), kappa=sympy.Symbol("kappa"))``.
        """
        free = tuple(name for name in _NAMES if _is_symbolic(getattr(self, name)))
        return free or ("q", "g")

    def __nea_sweep__(self, points: Mapping[str, Any], what: str | None) -> dict[str, Any]:
        """Vectorised: where China pressures (the library's symbolic condition, lambdified).

        Returns ``{"China pressures": bool array, "q*": float array, "v̄": float array}``;
        ``q*`` is NaN where the two types do not separate (then China's choice does not
        depend on ``q``).

        Examples
        --------
        >>> import nea_games
        >>> res = nea_games.sweep(BufferDilemmaModel(), {"q": [0.5, 0.9], "g": [0.0, 1.0]})
        >>> res.condition("China pressures")
        array([[ True,  True],
               [False,  True]])
        """
        unknown = [k for k in points if k not in _NAMES]
        if unknown:
            raise UnknownNameError(f"BufferDilemmaModel: no parameter {unknown[0]!r}; parameters: {_NAMES}")
        m = len(next(iter(points.values()))) if points else 1
        args = []
        for name in _NAMES:
            if name in points:
                args.append(np.asarray(points[name], dtype=float))
                continue
            value = getattr(self, name)
            if _is_symbolic(value):  # pragma: no cover - sweep checks the grid against sweep_parameters
                raise ValidationError(f"sweep: {name} is symbolic in the model; give it values in the grid")
            args.append(np.full(m, float(value)))
        pressure, q_star, v_bar = _numeric_functions()
        values = dict(zip(_NAMES, args, strict=True))
        cut = np.asarray(v_bar(*args), dtype=float)
        separating = (values["v_low"] < cut) & (cut <= values["v_high"]) & (values["v_low"] >= values["a"])
        with np.errstate(divide="ignore", invalid="ignore"):
            threshold = np.where(separating, np.asarray(q_star(*args), dtype=float), np.nan)
        return {
            "China pressures": np.broadcast_to(np.asarray(pressure(*args), dtype=bool), (m,)),
            "q*": np.broadcast_to(threshold, (m,)),
            "v̄": np.broadcast_to(cut, (m,)),
        }

    def with_values(self, **overrides: Any) -> BufferDilemmaModel:
        """A copy with some parameters changed (validated again)."""
        known = {f.name for f in fields(self)}
        for key in overrides:
            if key not in known:
                raise UnknownNameError(f"BufferDilemmaModel: no parameter {key!r}; parameters: {_NAMES}")
        return replace(self, **overrides)


@lru_cache(maxsize=1)
def _numeric_functions() -> tuple[Any, Any, Any]:
    _, v_bar, q_star, pressure = _general()
    symbols = [_symbol(k) for k in _NAMES]
    return (
        sympy.lambdify(symbols, pressure, modules="numpy", docstring_limit=0),
        sympy.lambdify(symbols, q_star, modules="numpy", docstring_limit=0),
        sympy.lambdify(symbols, v_bar, modules="numpy", docstring_limit=0),
    )
