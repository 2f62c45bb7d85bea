r"""The buffer dilemma with continuous pressure: China's optimal intensity and the US's.

DESIGN §4.2 asks for a variant in which China chooses how hard to press, an intensity
:math:`s \in [0, 1]` (0 is *Shield*, 1 is full *Pressure*), and for the gap between the
intensity China prefers and the one the United States prefers. DESIGN fixes neither how
:math:`s` enters nor the US payoff; this module makes the following modelling decision,
chosen so that :math:`s = 0` and :math:`s = 1` give back the discrete game exactly.

* **DPRK.** Holding out under intensity :math:`s` costs the regime :math:`s\,D` in
  expectation, with :math:`D = \kappa K + (1-\kappa)\psi` its expected cost of holding
  under full pressure. A type of value :math:`v` gives in iff
  :math:`v \le a + sD` (ties go to giving in, so that optima exist), i.e. iff
  :math:`s \ge s_v = (v - a)/D`: the cut-off :math:`\bar v(s) = a + sD` rises with
  :math:`s` from the shielded cut-off :math:`a` to the discrete :math:`\bar v`.
* **China.** Pressure costs :math:`c_C s`; shielding under US secondary sanctions
  costs :math:`\sigma(1 - s)`. A type that holds out collapses with probability
  :math:`\kappa s`, costing China the buffer :math:`(1-g)B`; if it survives China lives
  with the bomb, :math:`n`. So, with :math:`h_v(s) = 1` while type :math:`v` holds,

  .. math:: U_C(s) = -c_C s - \sigma(1-s) - \sum_v p_v\, h_v(s)\,
            \bigl[\kappa s (1-g) B + (1 - \kappa s)\, n\bigr].

* **United States.** It loses :math:`n_{US}` if the DPRK stays nuclear (a collapse
  removes the weapons, as in China's payoff), gains nothing from the collapse itself,
  and bears no cost of China's pressure:

  .. math:: U_{US}(s) = -n_{US} \sum_v p_v\, h_v(s)\,(1 - \kappa s).

**Solution.** Both payoffs are linear in :math:`s` between the cut-offs :math:`s_v` and
jump *up* where a type gives in, so each maximum lies at a corner: :math:`0`, :math:`1`,
or a cut-off inside :math:`(0, 1)`. The first-order condition on each piece is a constant
slope (:math:`\sigma - c_C - \sum_{v\ \text{holding}} p_v \kappa[(1-g)B - n]` for China), so
sympy compares the payoffs at these candidates exactly; among equal maxima the smallest
intensity is reported. The US payoff never falls in :math:`s`, so every intensity from
:math:`s_{US}` up is as good for the US: it wants full pressure unless a lower intensity
already makes every type give in (or, with :math:`\kappa = 0`, more pressure adds nothing).
The *intensity gap* :math:`s_{US} - s^*` measures how much harder Washington would press than
Beijing. It is negative only when China presses beyond the point at which further pressure
stops mattering to the US, as it may when sanctions :math:`\sigma > c_C` make pressing pay.

At the defaults :math:`D = 32/5`, the pliable type gives in from :math:`s = 15/16` and the
resolute one never does: China shields (:math:`s^* = 0`) while the US wants
:math:`s_{US} = 1`. Secondary sanctions :math:`\sigma \ge 3/5` move China to
:math:`s^* = 15/16` (just enough to turn the pliable type), below the :math:`\sigma = 4/5`
that flips the discrete game, and :math:`\sigma > 19/5` to full pressure.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from nea_games.errors import ParametricGameError
from nea_games.models._parameters import exact_output, is_symbolic, to_sympy
from nea_games.models._result import HeadlineView

__all__ = ["IntensityVariant", "intensity_variant"]

#: The pressure intensity.
S = sympy.Symbol("s", nonnegative=True)


@dataclass(frozen=True)
class IntensityVariant(HeadlineView):
    """China's optimal pressure intensity and the US's preferred one (see the module docstring).

    Attributes
    ----------
    model : BufferDilemmaModel
        The parameters (with ``n_US``, the US cost of a nuclear DPRK).
    cutoffs : dict
        ``{"pliable": s_l, "resolute": s_h}``: the intensity from which each type gives in
        (``0``: even when shielded; ``None``: not at any intensity in [0, 1]).
    china_payoff, us_payoff : sympy expression
        Expected payoffs as piecewise functions of the symbol :data:`S` (``s``).
    slopes : dict
        China's payoff slope on each piece between candidates, ``{(low, high): slope}``.
    candidates : tuple
        The corner candidates: 0, 1 and the cut-offs inside (0, 1).
    s_star, s_us, gap : Fraction
        China's optimal intensity, the US's preferred intensity and ``s_us - s_star``.
    headline : dict
    reading : str
    """

    model: Any
    cutoffs: dict[str, Any]
    china_payoff: Any
    us_payoff: Any
    slopes: dict[tuple[Any, Any], Any]
    candidates: tuple[Any, ...]
    s_star: Any
    s_us: Any
    gap: Any
    headline: dict[str, Any]
    reading: str

    def payoffs(self, s: Any) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """China's and the US's expected payoffs (floats) at intensities ``s``."""
        values = np.asarray(s, dtype=float)
        china = sympy.lambdify([S], self.china_payoff, modules="numpy")(values)
        us = sympy.lambdify([S], self.us_payoff, modules="numpy")(values)
        return (
            np.broadcast_to(np.asarray(china, dtype=float), values.shape).copy(),
            np.broadcast_to(np.asarray(us, dtype=float), values.shape).copy(),
        )

    def plot(self, ax: Any = None) -> Any:
        """China's and the US's expected payoff over ``s``, with ``s*`` and ``s_US`` marked.

        Returns a :class:`matplotlib.figure.Figure` (not registered with pyplot).
        """
        from matplotlib.figure import Figure

        if ax is None:
            figure = Figure(figsize=(6.4, 4.0))
            ax = figure.add_subplot()
        else:
            figure = ax.figure
        grid = np.linspace(0.0, 1.0, 801)
        china, us = self.payoffs(grid)
        ax.plot(grid, china, label="China  $U_C(s)$", color="tab:red")
        ax.plot(grid, us, label="United States  $U_{US}(s)$", color="tab:blue")
        ax.axvline(float(self.s_star), color="tab:red", linestyle="--", label=f"$s^* = {self.s_star}$")
        ax.axvline(float(self.s_us), color="tab:blue", linestyle=":", label=f"$s_{{US}} = {self.s_us}$")
        ax.set_xlabel("pressure intensity $s$")
        ax.set_ylabel("expected payoff")
        ax.legend(loc="best", fontsize="small")
        return figure


def _best(payoff: Any, candidates: tuple[Any, ...]) -> Any:
    """The smallest candidate at which ``payoff`` is largest (exact comparison)."""
    values = [(sympy.nsimplify(payoff.subs(S, c)), c) for c in candidates]
    top = max(v for v, _ in values)
    return min(c for v, c in values if v == top)


def intensity_variant(model: Any) -> IntensityVariant:
    """Solve the continuous-intensity variant of a numeric :class:`BufferDilemmaModel`.

    Raises
    ------
    nea_games.errors.ParametricGameError
        When a parameter is symbolic: the corner comparison needs numbers.
    """
    names = (*model.parameters, "n_US")
    if any(is_symbolic(getattr(model, name)) for name in names):
        raise ParametricGameError(
            "BufferDilemmaModel.intensity(): give every parameter a number; the optimal intensity "
            "compares payoffs at corners, which needs numbers"
        )
    p = {name: to_sympy(getattr(model, name)) for name in names}
    kappa, q = p["kappa"], p["q"]
    D = kappa * p["K"] + (1 - kappa) * p["psi"]
    types = {"pliable": (1 - q, p["v_low"]), "resolute": (q, p["v_high"])}
    cutoffs: dict[str, Any] = {}
    china = -p["c_C"] * S - p["sigma"] * (1 - S)
    us: Any = sympy.Integer(0)
    for kind, (weight, v) in types.items():
        if v <= p["a"]:
            cutoff: Any = sympy.Integer(0)
        elif D > 0 and (v - p["a"]) / D <= 1:
            cutoff = sympy.nsimplify((v - p["a"]) / D)
        else:
            cutoff = None
        cutoffs[kind] = exact_output(cutoff)
        holds = sympy.true if cutoff is None else sympy.Lt(S, cutoff)
        loss_china = kappa * S * (1 - p["g"]) * p["B"] + (1 - kappa * S) * p["n"]
        china -= weight * sympy.Piecewise((loss_china, holds), (0, True))
        us -= p["n_US"] * weight * sympy.Piecewise((1 - kappa * S, holds), (0, True))
    inner = sorted({c for c in cutoffs.values() if c is not None and 0 < c < 1})
    candidates = tuple(sympy.nsimplify(c) for c in (0, *inner, 1))
    slopes: dict[tuple[Any, Any], Any] = {}
    for low, high in itertools.pairwise(candidates):
        middle = (low + high) / 2
        slopes[(exact_output(low), exact_output(high))] = exact_output(
            sympy.nsimplify(sympy.diff(china, S).subs(S, middle))
        )
    s_star = exact_output(_best(china, candidates))
    s_us = exact_output(_best(us, candidates))
    gap = s_us - s_star
    headline: dict[str, Any] = {
        "intensity at which the pliable DPRK gives in": cutoffs["pliable"],
        "intensity at which the resolute DPRK gives in": cutoffs["resolute"],
        "China's optimal pressure intensity s*": s_star,
        "US preferred pressure intensity s_US": s_us,
        "intensity gap s_US - s*": gap,
        "China's expected payoff at s*": exact_output(sympy.nsimplify(china.subs(S, s_star))),
        "US expected payoff at s*": exact_output(sympy.nsimplify(us.subs(S, s_star))),
    }
    reading = (
        f"China's best pressure intensity is s* = {s_star}; the United States would prefer "
        f"s_US = {s_us}, a gap of {gap}. "
        + (
            "China shields: any pressure short of turning a DPRK type costs it more than it gains."
            if s_star == 0
            else "China presses just hard enough to make the pliable DPRK give in."
            if s_star == cutoffs["pliable"] and s_star != 1
            else "China presses fully."
        )
    )
    return IntensityVariant(
        model, cutoffs, china, us, slopes, candidates, s_star, s_us, gap, headline, reading
    )
