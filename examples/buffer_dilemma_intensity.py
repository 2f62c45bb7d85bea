"""How hard would China press Pyongyang, and how hard would Washington like it to?
===============================================================================

In the continuous variant of the buffer dilemma China chooses a pressure
intensity s between 0 (shield) and 1 (full pressure). A DPRK type gives in once
the intensity passes its cut-off; a type that holds out risks collapse with
probability kappa * s, which costs China its buffer. The United States loses
only while a nuclear DPRK survives. This script prints China's optimal
intensity s*, the US's preferred s_US and the gap between them, first at the
defaults and then as US secondary sanctions sigma rise, and draws both
expected payoffs over s. The parameters are the model's illustrative
calibrations, not estimates; how s enters the payoffs is a modelling decision
stated in the buffer-dilemma module.

Run: ``python examples/buffer_dilemma_intensity.py``
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from nea_games.models.buffer_dilemma import BufferDilemmaModel

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def main() -> Figure:
    """Print the table and return the figure of both expected payoffs over s."""
    variant = BufferDilemmaModel().intensity()
    print(variant)
    print()
    print(f"{'sanctions sigma':>16}  {'s*':>6}  {'s_US':>5}  {'gap':>5}")
    for sigma in (Fraction(0), Fraction(1, 2), Fraction(3, 5), Fraction(7, 10), Fraction(1), Fraction(4)):
        v = BufferDilemmaModel(sigma=sigma).intensity()
        print(f"{sigma!s:>16}  {v.s_star!s:>6}  {v.s_us!s:>5}  {v.gap!s:>5}")
    print()
    print(
        "Answer: at the defaults China shields (s* = 0) while the US wants full pressure; "
        "sanctions above 3/5 make China press just hard enough (s* = 15/16) to turn the pliable regime."
    )
    figure: Figure = variant.plot()
    return figure


if __name__ == "__main__":
    figure = main()
