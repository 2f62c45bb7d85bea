"""Which US lever makes China pressure Pyongyang, and how much is needed?
======================================================================

China shields the DPRK because pressure that fails against a resolute regime
risks a collapse that costs China its buffer state. The United States has two
levers: a buffer guarantee g (the share of China's loss from a collapse that a
credible US pledge takes away) and secondary sanctions sigma (the cost China
pays for shielding). This script finds the smallest value of each that flips
China to pressure, and what pressure then buys. The parameters are the
model's illustrative calibrations, not estimates.

Run: ``python examples/buffer_dilemma_levers.py``
"""

from __future__ import annotations

from fractions import Fraction

from nea_games.models.buffer_dilemma import BufferDilemmaModel


def describe(label: str, model: BufferDilemmaModel) -> None:
    h = model.solve().headline
    choice = h["China's choice"]
    print(
        f"{label:<28} China: {choice:<8} q* = {h['belief threshold q*']!s:<6} "
        f"P(denuclearise) = {h['probability of denuclearisation']!s:<5} "
        f"P(collapse) = {h['probability of collapse']}"
    )


def main() -> None:
    model = BufferDilemmaModel()
    g_min, sigma_min = model.smallest_g(), model.smallest_sigma()
    print(f"China's belief that the DPRK is resolute: q = {model.q}")
    print(f"DPRK cut-off under pressure: v̄ = {model.dprk_cutoff()}")
    print(f"Smallest buffer guarantee that flips China: g = {g_min} (≈ {float(g_min):.3f})")
    print(f"Smallest secondary sanctions that flip China: σ = {sigma_min} (≈ {float(sigma_min):.3f})")
    print()
    describe("no lever", model)
    describe(f"guarantee g = {g_min}", model.with_values(g=Fraction(str(g_min))))
    describe(f"sanctions σ = {sigma_min}", model.with_values(sigma=Fraction(str(sigma_min))))
    half = Fraction(str(g_min)) / 2, Fraction(str(sigma_min)) / 2
    both = model.with_values(g=half[0], sigma=half[1])
    describe(f"half of each: g={half[0]}, σ={half[1]}", both)
    print("The levers add up: half of each is exactly enough,")
    print("because the condition q ≤ q* is linear in g and σ.")
    print()
    effect = model.pressure_threshold_in_kappa()
    print(f"q* as a function of the collapse risk κ: {effect.q_star}")
    print(
        "A more fragile regime makes China less willing to pressure (B > n)."
        if effect.dilemma
        else "A more fragile regime does not deter China from pressuring."
    )
    print(
        f"Answer: either lever works; the guarantee must neutralise {g_min} of the buffer loss, "
        f"or sanctions must cost China {sigma_min} (in the model's utility units) for shielding."
    )


if __name__ == "__main__":
    main()
