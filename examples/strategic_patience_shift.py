"""When does strategic patience give way to containment?
=====================================================

The US waits for North Korea to give up its weapons while it believes a concession may still
come; every year without one makes a committed, never-conceding DPRK more likely, until waiting
no longer pays and the US switches to containment. This script computes the belief threshold
and the switch time, the chance of a shift within one and two presidential terms (also when a
more patient administration comes first), checks the closed form against a dynamic programme,
shows how China's shielding brings the shift forward, what the shift does to US-Japan-ROK
coordination, and why a one-shot disarmament deal is not credible while a phased one can be.
Time is in years; all parameters are the model's illustrative calibrations, not estimates.

Run: ``python examples/strategic_patience_shift.py``
"""

from __future__ import annotations

import numpy as np

import nea_games
from nea_games.models.buffer_dilemma import BufferDilemmaModel
from nea_games.models.strategic_patience import StrategicPatienceModel


def main() -> None:
    model = StrategicPatienceModel()
    h = model.solve().headline
    t_star = h["switch time t* (years)"]
    print(f"Belief threshold pi* = 1 - k/(lam D) = {h['belief threshold pi*']}")
    dp = h["DP switch time (dt = 0.01 years)"]
    print(f"Switch time t* = {t_star} ≈ {float(t_star):.2f} years (dynamic programme: {dp:.2f})")
    print(f"P(shift within one term)  = {h['P(shift within one term)']}")
    print(f"P(shift within two terms) = {h['P(shift within two terms)']}")
    patient = h["P(shift within two terms), k_first then k"]
    print(f"... with a patient first administration (k = {model.k_first}): {patient} ≈ {float(patient):.3f}")
    print()
    print("War of attrition (complete information):")
    us, dprk = h["attrition hazard US (switch to containment)"], h["attrition hazard DPRK (concede)"]
    print(f"  concession hazards per year: US {us}, DPRK {dprk}")
    print(
        f"  expected duration {h['expected attrition duration (years)']} years; "
        f"more likely to concede first: {h['more likely to concede first']}"
    )
    print()
    shielded = model.with_shielding(BufferDilemmaModel().solve()).headline
    t_shielded = float(shielded["switch time t* (years)"])
    print(
        f"China shields (buffer-dilemma defaults): t* falls to {t_shielded:.2f} years "
        f"and P(shift) rises to {shielded['P(shift ever)']}"
    )
    print()
    print(
        f"Cohesion under patience: {h['cohesion under patience']}; "
        f"under containment: {h['cohesion under containment']} (gamma* = {h['critical gamma*']})"
    )
    print(
        f"One-shot disarmament deal: {h['one-shot disarmament deal exists']}; "
        f"an action-for-action deal needs {h['minimum phases of an action-for-action deal']} phases"
    )
    print()
    print("prior pi0   switch time t* (years) at k = 1/2")
    swept = nea_games.sweep(model, {"pi0": np.array([0.05, 0.1, 0.2, 0.3, 0.4, 0.5]), "k": [0.5]})
    for pi0, t in zip(swept.axes["pi0"], swept.values["t* (years)"][:, 0], strict=True):
        print(f"{pi0:8.2f}   {t:6.2f}")
    print()
    print(
        f"Answer: without a concession the US switches after about {float(t_star):.1f} years, "
        f"inside one term; the shift happens with probability {h['P(shift ever)']}."
    )


if __name__ == "__main__":
    main()
