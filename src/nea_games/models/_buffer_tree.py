"""The buffer dilemma's tree, its symbolic solution and the pieces the model builds on.

See :mod:`nea_games.models.buffer_dilemma` for the game, the payoffs and the closed forms.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import sympy

from nea_games.errors import UnknownNameError, ValidationError
from nea_games.games.extensive_form import ExtensiveFormGame
from nea_games.models._parameters import is_symbolic
from nea_games.solvers.backward import SymbolicSolution, symbolic_backward_induction

__all__ = ["KappaEffect", "outcome_probabilities", "reading", "sweep_points"]

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


def symbol(name: str) -> sympy.Symbol:
    """The library's own symbol for a parameter (positive or non-negative)."""
    if name in _POSITIVE or name in ("kappa", "q"):
        return sympy.Symbol(name, positive=True)
    return sympy.Symbol(name, nonnegative=True)


def tree(p: Mapping[str, Any]) -> ExtensiveFormGame:
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
def general() -> tuple[SymbolicSolution, Any, Any, Any]:
    """The fully symbolic tree solved once: (solution, v̄, q* of the separating regime, China's condition)."""
    symbols = {k: symbol(k) for k in _NAMES}
    solution = symbolic_backward_induction(tree(symbols))
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


def outcome_probabilities(solution: SymbolicSolution, q: Any, kappa: Any) -> tuple[Any, Any]:
    r"""P(denuclearisation) and P(collapse) as ``Piecewise`` over the regimes of ``solution``.

    In a regime where China plays :math:`c` and the types answer :math:`r` (resolute, probability
    :math:`q`) and :math:`p` (pliable), the DPRK denuclearises with probability
    :math:`q[r = D] + (1-q)[p = D]`; after Pressure a type that holds is toppled with probability
    :math:`\kappa`.
    """
    denuclearise, collapse = [], []
    for regime in solution.regimes:
        china = regime.choices[CHINA]
        answers = (regime.choices[f"DPRK resolute | {china}"], regime.choices[f"DPRK pliable | {china}"])
        weights = (q, 1 - q)
        given_up = sum(w for w, a in zip(weights, answers, strict=True) if a == "Denuclearise")
        denuclearise.append((given_up, regime.condition))
        held = (
            sum(w for w, a in zip(weights, answers, strict=True) if a == "Hold") if china == "Pressure" else 0
        )
        collapse.append((sympy.expand(kappa * held), regime.condition))
    return sympy.Piecewise(*denuclearise), sympy.Piecewise(*collapse)


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

    @property
    def dilemma_condition(self) -> Any:
        r""":attr:`dilemma` as a bool, or with symbols the condition :math:`\partial q^*/\partial\kappa < 0`.

        The derivative's denominator is a positive number times a square (for real parameters),
        so the condition is that its numerator is negative.
        """
        if self.dilemma is not None:
            return self.dilemma
        numerator, denominator = sympy.fraction(sympy.factor(self.derivative))
        square = all(
            (f.is_number and f > 0) or (f.is_Pow and f.exp.is_even) for f in sympy.Mul.make_args(denominator)
        )
        condition = sympy.simplify(numerator < 0 if square else self.derivative < 0)
        return bool(condition) if condition in (sympy.true, sympy.false) else condition


@lru_cache(maxsize=1)
def _numeric_functions() -> tuple[Any, Any, Any]:
    _, v_bar, q_star, pressure = general()
    symbols = [symbol(k) for k in _NAMES]
    return (
        sympy.lambdify(symbols, pressure, modules="numpy", docstring_limit=0),
        sympy.lambdify(symbols, q_star, modules="numpy", docstring_limit=0),
        sympy.lambdify(symbols, v_bar, modules="numpy", docstring_limit=0),
    )


def sweep_points(model: Any, points: Mapping[str, Any]) -> dict[str, Any]:
    """The model's ``__nea_sweep__``: China's choice (both ways, so every region is named), q* and v̄."""
    unknown = [k for k in points if k not in _NAMES]
    if unknown:
        raise UnknownNameError(f"BufferDilemmaModel: no parameter {unknown[0]!r}; parameters: {_NAMES}")
    m = len(next(iter(points.values()))) if points else 1
    args = []
    for name in _NAMES:
        if name in points:
            args.append(np.asarray(points[name], dtype=float))
            continue
        value = getattr(model, name)
        if is_symbolic(value):  # pragma: no cover - sweep checks the grid against sweep_parameters
            raise ValidationError(f"sweep: {name} is symbolic in the model; give it values in the grid")
        args.append(np.full(m, float(value)))
    pressure, q_star, v_bar = _numeric_functions()
    values = dict(zip(_NAMES, args, strict=True))
    cut = np.asarray(v_bar(*args), dtype=float)
    separating = (values["v_low"] < cut) & (cut <= values["v_high"]) & (values["v_low"] >= values["a"])
    with np.errstate(divide="ignore", invalid="ignore"):
        threshold = np.where(separating, np.asarray(q_star(*args), dtype=float), np.nan)
    pressures = np.broadcast_to(np.asarray(pressure(*args), dtype=bool), (m,))
    return {
        "China pressures": pressures,
        "China shields": ~pressures,
        "q*": np.broadcast_to(threshold, (m,)),
        "v̄": np.broadcast_to(cut, (m,)),
    }


def reading(model: Any, h: Mapping[str, Any]) -> str:
    """The plain-language reading of a solved model's headline."""
    if model.is_symbolic:
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
            f"q* = {h['belief threshold q*']} (here q = {model.q})."
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
