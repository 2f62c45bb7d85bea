"""How many equilibria can a small game have?
==========================================

Exact answers for two and three players. Shows the complete solvers on two
games whose equilibria are known from the literature: the McKelvey-McLennan
2x2x2 game (nine equilibria, two of them totally mixed) and a degenerate
two-player game whose equilibria form a segment (reported through its
extreme points and components).

Run: ``python examples/many_equilibria.py``
"""

from __future__ import annotations

import nea_games
from nea_games import NormalFormGame
from nea_games.games import catalog


def main() -> None:
    three = catalog.mckelvey_mclennan_2x2x2()
    result = nea_games.solve(three)
    print(result)
    print(f"totally mixed: {sum(all(len(s) == 2 for s in eq.support) for eq in result)}")
    print()
    # The column player is indifferent between L and R whenever Row plays Up: a segment of equilibria.
    degenerate = NormalFormGame.bimatrix(
        [[1, 1], [0, 2]], [[1, 1], [0, 1]], actions=[["Up", "Down"], ["L", "R"]]
    )
    result = nea_games.solve(degenerate)
    print(result)
    print("components:", result.components)


if __name__ == "__main__":
    main()
