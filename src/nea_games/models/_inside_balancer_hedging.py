r"""The discrete hedging game of the inside-balancer model (private helper).

Three players: the ROK chooses *Align* (with the US), *Hedge* or *Lean*
(to China); the US chooses *Reassure* or *Pressure*; China chooses *Reward*
or *Coerce*. :math:`\rho \ge 0` is the intensity of US-China rivalry.

ROK payoff = US relation + China relation − :math:`h\,[\text{Hedge}]`:

==============  =============  =============  ============
US \ ROK        Align          Hedge          Lean
==============  =============  =============  ============
Reassure        :math:`u`      :math:`u`      0
Pressure        :math:`u`      :math:`-m`     :math:`-m`
==============  =============  =============  ============

==============  =============  =============  ============
China \ ROK     Align          Hedge          Lean
==============  =============  =============  ============
Reward          0              :math:`r`      :math:`r`
Coerce          :math:`-m`     :math:`-m`     :math:`r`
==============  =============  =============  ============

The patrons: tolerating a ROK that gives a share :math:`\theta` of its
dealings to the rival costs a patron :math:`\rho\theta` (the rival's gains
count against it, more so the fiercer the rivalry); punishing costs it a
fixed :math:`k`. With :math:`\theta = 0, 1/2, 1` for a ROK that aligns with
the patron, hedges, or sides with the rival:

=============  ==================  ==================
ROK            US: Reassure        US: Pressure
=============  ==================  ==================
Align          0                   :math:`-k_{US}`
Hedge          :math:`-\rho/2`     :math:`-k_{US}`
Lean           :math:`-\rho`       :math:`-k_{US}`
=============  ==================  ==================

and China's payoffs mirror the US's (Reward :math:`-\rho\theta_{CN}`,
Coerce :math:`-k_{CN}`, with :math:`\theta_{CN} = 1, 1/2, 0` for Align,
Hedge, Lean). Each patron's base value of the ROK does not depend on its
own choice and is normalised to 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from nea_games.analysis.conditions import CriticalValue
from nea_games.games.normal_form import NormalFormGame

PLAYERS = ("ROK", "US", "China")
ROK_ACTIONS = ("Align", "Hedge", "Lean")
US_ACTIONS = ("Reassure", "Pressure")
CHINA_ACTIONS = ("Reward", "Coerce")
ACTIONS = (ROK_ACTIONS, US_ACTIONS, CHINA_ACTIONS)
HEDGE = ("Hedge", "Reassure", "Reward")
ALIGN = ("Align", "Reassure", "Coerce")

#: Share of the ROK's dealings that go to the US's rival / to China's rival.
_THETA_US = {"Align": 0, "Hedge": sympy.Rational(1, 2), "Lean": 1}
_THETA_CN = {"Align": 1, "Hedge": sympy.Rational(1, 2), "Lean": 0}


def hedging_payoffs(p: Mapping[str, Any]) -> dict[tuple[str, str, str], tuple[Any, Any, Any]]:
    """``{(ROK, US, China) action names: (ROK, US, China) payoffs}`` from the parameters."""
    u, r, m, h = p["u_US"], p["reward"], p["punishment"], p["hedge_cost"]
    rho, k_us, k_cn = p["rho"], p["cost_US"], p["cost_CN"]
    us_part = {
        ("Reassure", "Align"): u, ("Reassure", "Hedge"): u, ("Reassure", "Lean"): 0,
        ("Pressure", "Align"): u, ("Pressure", "Hedge"): -m, ("Pressure", "Lean"): -m,
    }  # fmt: skip
    cn_part = {
        ("Reward", "Align"): 0, ("Reward", "Hedge"): r, ("Reward", "Lean"): r,
        ("Coerce", "Align"): -m, ("Coerce", "Hedge"): -m, ("Coerce", "Lean"): r,
    }  # fmt: skip
    table: dict[tuple[str, str, str], tuple[Any, Any, Any]] = {}
    for a in ROK_ACTIONS:
        for b in US_ACTIONS:
            for c in CHINA_ACTIONS:
                rok = us_part[b, a] + cn_part[c, a] - (h if a == "Hedge" else 0)
                us = -rho * _THETA_US[a] if b == "Reassure" else -k_us
                cn = -rho * _THETA_CN[a] if c == "Reward" else -k_cn
                table[a, b, c] = (rok, us, cn)
    return table


def hedging_game(p: Mapping[str, Any]) -> NormalFormGame:
    """The 3x2x2 hedging game at the parameter values ``p`` (numbers or sympy)."""
    return NormalFormGame(list(PLAYERS), [list(a) for a in ACTIONS], hedging_payoffs(p), title="ROK hedging")


def pure_equilibria_over_points(
    p: Mapping[str, Any], points: Mapping[str, npt.NDArray[np.float64]], names: tuple[str, ...]
) -> dict[str, npt.NDArray[np.bool_]]:
    """Which pure profiles are equilibria at every point (vectorised; names are the swept parameters).

    ``p`` holds the parameters (the swept ones as sympy symbols named ``names``).
    """
    table = hedging_payoffs(p)
    profiles = list(table)
    symbols = [sympy.Symbol(n) for n in names]
    by_name = {s.name: s for v in table.values() for x in v for s in sympy.sympify(x).free_symbols}
    args_symbols = [by_name.get(n, s) for n, s in zip(names, symbols, strict=True)]
    flat = [sympy.sympify(x) for prof in profiles for x in table[prof]]
    function = sympy.lambdify(args_symbols, flat, modules="numpy")
    args = [np.asarray(points[n], dtype=float) for n in names]
    m = len(args[0]) if args else 1
    values = np.array([np.broadcast_to(np.asarray(v, dtype=float), (m,)) for v in function(*args)])
    u = values.reshape(3, 2, 2, 3, m)  # [ROK action, US action, China action, player, point]
    u = np.moveaxis(u, 3, 0)  # [player, a, b, c, point]
    tol = 1e-9 * np.maximum(1.0, np.abs(u).max(axis=(0, 1, 2, 3)))
    best = [u[0].max(axis=0), u[1].max(axis=1), u[2].max(axis=2)]
    out: dict[str, npt.NDArray[np.bool_]] = {}
    for i, a in enumerate(ROK_ACTIONS):
        for j, b in enumerate(US_ACTIONS):
            for k, c in enumerate(CHINA_ACTIONS):
                ok = (
                    (u[0, i, j, k] >= best[0][j, k] - tol)
                    & (u[1, i, j, k] >= best[1][i, k] - tol)
                    & (u[2, i, j, k] >= best[2][i, j] - tol)
                )
                out[f"({a}, {b}, {c})"] = ok
    return out


def threshold_over_points(
    cv: CriticalValue | None,
    points: Mapping[str, npt.NDArray[np.float64]],
    names: tuple[str, ...],
    shape: tuple[int, ...],
) -> npt.NDArray[np.float64]:
    """A critical value's threshold lambdified over the swept parameters ``names`` (NaN if none)."""
    if cv is None:
        return np.full(shape, np.nan)
    threshold = sympy.sympify(cv.threshold)
    by_name = {s.name: s for s in threshold.free_symbols}
    symbols = [by_name.get(n, sympy.Symbol(n)) for n in names]
    function = sympy.lambdify(symbols, threshold, modules="numpy")
    value = function(*(np.asarray(points[n], dtype=float) for n in names))
    return np.broadcast_to(np.asarray(value, dtype=float), shape).copy()
