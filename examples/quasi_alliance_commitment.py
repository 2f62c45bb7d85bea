"""How much US commitment leaves room for Japan-ROK cooperation?
=============================================================

In Cha's quasi-alliance argument, Japan and South Korea cooperate with each
other when both fear US abandonment. A firmer US commitment kappa (0: none,
1: total) calms that fear, and with it the reason to bear the domestic costs
of cooperating. This script finds the commitment above which Japan-ROK
cooperation stops being an equilibrium, which state sets that limit, the
friction zone in which only one of them would still cooperate, and the much
lower commitment below which cooperation is also the safer (risk-dominant)
bet. The parameters are the model's illustrative calibrations, not estimates.

Run: ``python examples/quasi_alliance_commitment.py``
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

import nea_games
from nea_games.models.quasi_alliance import QuasiAllianceModel


def main() -> None:
    model = QuasiAllianceModel()
    h = model.solve().headline
    k_star = h["binding threshold kappa*"]
    low, high = h["friction zone (low, high]"]
    k_rd = h["risk-dominance threshold kappa_RD"]
    k_japan, k_rok = h["threshold kappa*_J (Japan)"], h["threshold kappa*_K (ROK)"]
    print(f"Thresholds: Japan κ*_J = {k_japan}, ROK κ*_K = {k_rok}")
    print(f"Cooperation is an equilibrium iff κ ≤ κ* = {k_star} (set by {h['binding state']})")
    print(f"Friction zone (only one state would cooperate): {low} < κ ≤ {high}")
    print(f"Cooperation is also risk-dominant only for κ < κ_RD = {k_rd} ≈ {float(k_rd):.3f}")
    print(f"Snyder's preferred commitments: {h['Snyder preferred commitment a/(a+e)']}")
    print()
    print("κ     equilibria (pure)")
    kappas = np.linspace(0, 1, 11)
    swept = nea_games.sweep(model, {"kappa": kappas})
    cooperate = swept.condition("(Cooperate, Cooperate)")
    for kappa, cc in zip(kappas, cooperate, strict=True):
        print(f"{kappa:.1f}   {'(Cooperate, Cooperate) and (Not, Not)' if cc else '(Not, Not) only'}")
    print()
    print(f"At today's illustrative κ = {model.kappa}:", model.solve().reading)
    after = model.after_containment(Fraction(1, 5))
    print(f"After a containment shift to κ = {after.model.kappa}:", after.reading)
    print(
        f"Answer: a US commitment of at most {k_star} leaves room for Japan-ROK cooperation; "
        f"below about {float(k_rd):.2f} cooperation is also the safer outcome."
    )


if __name__ == "__main__":
    main()
