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

**Continuous intensity** (:meth:`BufferDilemmaModel.intensity`). China may instead choose an
intensity :math:`s \in [0, 1]`. DESIGN leaves open how :math:`s` enters and what the United
States wants, so this module decides, such that :math:`s = 0` is *Shield* and :math:`s = 1` is
*Pressure* of the tree above: a DPRK that holds out collapses with probability
:math:`\kappa s` and expects to lose :math:`sD`, :math:`D = \kappa K + (1-\kappa)\psi`, so a
type of value :math:`v` gives in iff :math:`s \ge s_v = (v - a)/D` (ties to giving in);
China pays :math:`c_C s + \sigma(1-s)` plus, for each type still holding,
:math:`\kappa s(1-g)B + (1-\kappa s)n`; the United States loses :math:`n_{US}` while a
nuclear DPRK survives and nothing else (no cost of pressure, no gain from collapse). Both
payoffs are linear between the cut-offs and jump up at them, so sympy compares the corners
:math:`\{0, 1\} \cup \{s_v\} \cap (0, 1)` exactly; China's optimum :math:`s^*` and the US's
preferred :math:`s_{US}` are the smallest maximisers, and the *intensity gap* is
:math:`s_{US} - s^*` (details in :class:`IntensityVariant`). At the defaults
:math:`s^* = 0`, :math:`s_{US} = 1`; sanctions :math:`\sigma > 3/5` already move China to
:math:`s^* = 15/16`, the intensity that just turns the pliable type.

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
Fraction(9, 14)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from nea_games.analysis.conditions import conditions, critical_value
from nea_games.errors import PayoffTypeError, UnknownNameError, ValidationError
from nea_games.games.extensive_form import ExtensiveFormGame
from nea_games.models._buffer_intensity import IntensityVariant, intensity_variant
from nea_games.models._buffer_tree import (
    _NAMES,
    _NONNEGATIVE,
    _POSITIVE,
    _PROBABILITIES,
    CHINA,
    PLIABLE_PRESSURE,
    RESOLUTE_PRESSURE,
    KappaEffect,
    outcome_probabilities,
    reading,
    sweep_points,
)
from nea_games.models._buffer_tree import general as _general
from nea_games.models._buffer_tree import symbol as _symbol
from nea_games.models._buffer_tree import tree as _tree
from nea_games.models._parameters import Range, exact_output, to_sympy, validate_fields
from nea_games.models._parameters import is_symbolic as _is_symbolic
from nea_games.models._result import HeadlineView
from nea_games.solvers.backward import (
    SymbolicSolution,
    TreeEquilibriumSet,
    backward_induction,
    symbolic_backward_induction,
)

__all__ = ["BufferDilemmaModel", "BufferDilemmaResult", "IntensityVariant", "KappaEffect"]

#: The range each parameter must lie in (symbolic values are not checked).
RANGES: dict[str, Range] = {
    **{name: Range(0, 1, probability=True) for name in _PROBABILITIES},
    **{name: Range(0, None, open_low=True) for name in _POSITIVE},
    **{name: Range(0, None) for name in _NONNEGATIVE},
    "n_US": Range(0, None, open_low=True),
}


@dataclass(frozen=True)
class BufferDilemmaResult(HeadlineView):
    """The solved buffer dilemma; printing it shows the headline and the reading.

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


@dataclass(frozen=True)
class BufferDilemmaModel:
    """China's buffer dilemma over a nuclear DPRK (DESIGN §4.2).

    All payoffs are in one common, arbitrary utility unit. Every parameter
    may be a number (integers become exact ``Fraction``) or a sympy
    expression. The defaults are illustrative calibrations, not estimates.

    Parameters
    ----------
    n : number or sympy expression, default 10
        China's cost of a DPRK that stays nuclear (utility units), in (0, oo).
    B : number or sympy expression, default 30
        China's loss of the buffer on collapse: border, refugees, US forces (utility units), in (0, oo).
    c_C : number or sympy expression, default 1
        China's own cost of pressuring (utility units), in [0, oo).
    kappa : number or sympy expression, default 1/5
        Probability that the regime collapses if it holds out under pressure, in [0, 1].
    q : number or sympy expression, default 7/10
        China's belief that the DPRK is resolute (values its weapons at ``v_high``), in [0, 1].
    g : number or sympy expression, default 0
        Share of the buffer loss a credible US pledge neutralises (US lever 1), in [0, 1].
    sigma : number or sympy expression, default 0
        China's cost of shielding under US secondary sanctions (US lever 2; utility units), in [0, oo).
    a : number or sympy expression, default 2
        The DPRK's inducement for denuclearising (utility units), in [0, oo).
    K : number or sympy expression, default 20
        The DPRK regime's loss on collapse (utility units), in (0, oo).
    psi : number or sympy expression, default 3
        Sanctions pain if the DPRK holds under pressure and survives (utility units), in [0, oo).
    v_low : number or sympy expression, default 8
        A pliable DPRK's value of its weapons (utility units), in [0, ``v_high``].
    v_high : number or sympy expression, default 10
        A resolute DPRK's value of its weapons (utility units), in [``v_low``, oo).
    n_US : number or sympy expression, default 10
        The US's cost of a DPRK that stays nuclear, used only by :meth:`intensity`
        (US utility units), in (0, oo).

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

    QUESTION = (  # a class attribute, not a field
        "Why does China shield a nuclear North Korea rather than pressure it, and which US lever "
        "(a guarantee of China's buffer, or secondary sanctions) would change its choice?"
    )

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
    n_US: Any = Fraction(10)

    def __post_init__(self) -> None:
        try:
            validate_fields(self, RANGES)
        except PayoffTypeError as error:  # a wrong type is a validation error of this model
            raise ValidationError(str(error)) from None
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

    def games(self) -> dict[str, ExtensiveFormGame]:
        """The model's named games: ``{"buffer dilemma": tree}`` at the current parameters.

        Examples
        --------
        >>> list(BufferDilemmaModel().games())
        ['buffer dilemma']
        """
        return {"buffer dilemma": self.tree()}

    def map_grid(self) -> dict[str, np.ndarray]:
        """The default grid of the equilibrium map: 41 x 41 values of ``q`` and ``g`` in [0, 1].

        When parameters are symbolic the grid covers those instead: probabilities over [0, 1],
        other parameters from 0 to twice their default (41 values each for one or two
        parameters, 11 for more).

        Examples
        --------
        >>> {name: len(values) for name, values in BufferDilemmaModel().map_grid().items()}
        {'q': 41, 'g': 41}
        """
        names = self.sweep_parameters
        count = 41 if len(names) <= 2 else 11
        defaults: dict[str, Any] = {f.name: f.default for f in fields(self)}
        grid: dict[str, np.ndarray] = {}
        for name in names:
            high = 1.0 if name in _PROBABILITIES else 2.0 * float(defaults[name])
            grid[name] = np.linspace(0.0, high, count)
        return grid

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

    def intensity(self) -> IntensityVariant:
        """The continuous-intensity variant: China's optimal pressure s* and the US's preferred s_US.

        Pressure is chosen on [0, 1]; ``s = 0`` and ``s = 1`` are the discrete game's Shield
        and Pressure. The modelling decisions and the derivation are in
        :mod:`nea_games.models._buffer_intensity`.

        Raises
        ------
        nea_games.errors.ParametricGameError
            When a parameter is symbolic.

        Examples
        --------
        >>> variant = BufferDilemmaModel().intensity()
        >>> variant.cutoffs
        {'pliable': Fraction(15, 16), 'resolute': None}
        >>> variant.s_star, variant.s_us, variant.gap
        (Fraction(0, 1), Fraction(1, 1), Fraction(1, 1))
        >>> BufferDilemmaModel(sigma=1).intensity().s_star
        Fraction(15, 16)
        """
        return intensity_variant(self)

    # ------------------------------------------------------------------ solve
    def solve(self) -> BufferDilemmaResult:
        r"""Solve the game: equilibria, headline quantities and a reading.

        Returns
        -------
        BufferDilemmaResult
            With symbols the headline gives each choice as a condition, the probabilities of
            denuclearisation and collapse as ``Piecewise`` over the regimes, and the dilemma
            as the condition that :math:`q^*` falls in :math:`\kappa`; the US levers and the
            intensity variant are computed for numbers only.

        Examples
        --------
        >>> r = BufferDilemmaModel().solve()
        >>> r.headline["resolute DPRK after Pressure"], r.headline["pliable DPRK after Pressure"]
        ('Hold', 'Denuclearise')
        >>> r.headline["smallest g that flips China to pressure"]
        Fraction(4, 21)
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
            denuclearise, collapse = outcome_probabilities(solution, to_sympy(self.q), to_sympy(self.kappa))
            headline["probability of denuclearisation"] = denuclearise
            headline["probability of collapse"] = collapse
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
            None if q_star is None else self.pressure_threshold_in_kappa().dilemma_condition
        )
        if not self.is_symbolic and not _is_symbolic(self.n_US):
            variant = self.intensity()
            for name in ("China's optimal pressure intensity s*", "US preferred pressure intensity s_US"):
                headline[name] = variant.headline[name]
            headline["intensity gap s_US - s*"] = variant.gap
        headline = {name: exact_output(value) for name, value in headline.items()}
        return BufferDilemmaResult(self, game, equilibria, solution, headline, reading(self, headline))

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

        Returns ``{"China pressures": bool array, "China shields": bool array, "q*": float array,
        "v̄": float array}``;
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
        return sweep_points(self, points)

    def with_values(self, **overrides: Any) -> BufferDilemmaModel:
        """A copy with some parameters changed (validated again)."""
        known = {f.name for f in fields(self)}
        for key in overrides:
            if key not in known:
                raise UnknownNameError(f"BufferDilemmaModel: no parameter {key!r}; parameters: {_NAMES}")
        return replace(self, **overrides)
