"""Will Japan and South Korea share intelligence?
==============================================

Equilibrium selection in a stag hunt. Two allies decide whether to share
military intelligence. Sharing pays off only if the other shares too;
withholding is safe. The game is a stag hunt with two pure equilibria and a
mixed one. Which outcome should we expect? Payoff dominance picks mutual
sharing, risk dominance picks mutual withholding: the gap between the two is
the room that trust-building measures have to close. (The payoffs are
illustrative, not estimates.)

Run: ``python examples/intelligence_sharing.py``
"""

from __future__ import annotations

import nea_games
from nea_games import NormalFormGame


def main() -> None:
    game = NormalFormGame(
        ["Japan", "ROK"],
        [["Share", "Withhold"], ["Share", "Withhold"]],
        {
            ("Share", "Share"): (4, 4),
            ("Share", "Withhold"): (0, 3),
            ("Withhold", "Share"): (3, 0),
            ("Withhold", "Withhold"): (3, 3),
        },
        title="Intelligence sharing as a stag hunt",
    )
    equilibria = nea_games.solve(game)
    print(game.to_text(equilibria))
    print()
    print(equilibria)
    print()
    best = nea_games.payoff_dominant(equilibria)
    safest = nea_games.risk_dominance(equilibria)
    print("payoff-dominant:", ", ".join(eq.label for eq in best))
    print("risk-dominant:  ", ", ".join(eq.label for eq in safest))
    mixed = equilibria.mixed()[0]
    print(
        f"Sharing is a best response only if the partner shares with probability at least "
        f"{mixed['ROK']['Share']}: below that belief, each side withholds."
    )


if __name__ == "__main__":
    main()
