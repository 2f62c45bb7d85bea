"""The plain-language reading of a solved inside-balancer model (private helper)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nea_games.models._parameters import is_symbolic


def reading(rho: Any, h: Mapping[str, Any]) -> str:
    """A short reading of the headline ``h`` at rivalry ``rho``."""
    if is_symbolic(h["optimal consolidation A*"]) or "hedging-game equilibria" not in h:
        return "Symbolic parameters: the headline holds formulas and conditions rather than numbers."
    posture, optimum = h["ROK posture"], h["optimal consolidation A*"]
    first = {
        "hedge": f"The ROK hedges: it consolidates its alliance only partly (A* = {optimum}).",
        "full alignment": "The ROK aligns fully with the US and Japan (A* = 1).",
        "equidistance": "The ROK keeps its distance from both camps (A* = 0).",
    }[posture]
    slope = h["terms gained per unit of consolidation dx_K/dA"]
    if h["terms require consolidation"]:
        second = (
            f"Consolidation improves its terms with China ({slope} per unit): the alliance raises "
            "Seoul's outside option by more than it shrinks the deal, so better terms require it."
        )
    else:
        second = f"Consolidation does not improve its terms with China (dx_K/dA = {slope})."
    rho_star = h["critical rivalry rho*"]
    equilibria = ", ".join(h["hedging-game equilibria"])
    third = f"In the hedging game at rivalry {rho}, the equilibria are {equilibria}; " + (
        f"hedging survives only while rivalry is at most {rho_star}."
        if rho_star is not None
        else "hedging is never an equilibrium."
    )
    shapley = h["ROK Shapley value (swing vote)"]
    fourth = f"As a swing vote between the blocs, the ROK's Shapley value is {shapley}."
    return " ".join([first, second, third, fourth])
