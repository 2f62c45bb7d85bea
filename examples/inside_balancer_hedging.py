"""How much US-China rivalry can South Korea's hedge survive?
===========================================================

South Korea keeps its alliance with the United States and still deals with
China. This script asks two things of the inside-balancer model: how far
Seoul should consolidate its alliance when a firmer alliance also improves
its bargaining terms with Beijing, and up to what intensity of US-China
rivalry hedging between the two patrons remains an equilibrium. It prints the
optimal consolidation, the terms it brings, the critical rivalry, and the
equilibria of the hedging game on both sides of that threshold. The
parameters are the model's illustrative calibrations, not estimates.

Run: ``python examples/inside_balancer_hedging.py``
"""

from __future__ import annotations

from fractions import Fraction

from nea_games.models.inside_balancer import InsideBalancerModel


def main() -> None:
    model = InsideBalancerModel()
    h = model.solve().headline
    optimum, terms = h["optimal consolidation A*"], h["terms with China x_K(A*)"]
    china, slope = h["China's share x_C(A*)"], h["terms gained per unit of consolidation dx_K/dA"]
    print(f"Optimal alliance consolidation A* = {optimum} ({h['ROK posture']})")
    print(f"Terms with China at A*: x_K = {terms} (China keeps {china})")
    print(f"Each unit of consolidation changes those terms by {slope}")
    print(f"Better terms require consolidation iff {model.consolidation_condition()}")
    rho_star = h["critical rivalry rho*"]
    print(f"Hedging is an equilibrium of the hedging game iff rivalry rho <= rho* = {rho_star}")
    print()
    print("rho    equilibria of the hedging game")
    for rho in (Fraction(1, 4), Fraction(3, 4), Fraction(3, 2)):
        equilibria = InsideBalancerModel(rho=rho).solve().equilibria
        print(f"{rho!s:<6} " + "; ".join(eq.label for eq in equilibria))
    print()
    print(
        f"Answer: Seoul hedges with a partly consolidated alliance (A* = {optimum}), "
        f"and the hedge survives US-China rivalry up to rho* = {rho_star}; beyond it, only alignment "
        "with the US (or, if the US guarantee is worth little, leaning to China) is an equilibrium."
    )


if __name__ == "__main__":
    main()
