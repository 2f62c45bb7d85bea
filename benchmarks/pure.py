"""Pure equilibria of random n-player games: nea_games against pygambit's enumpure, in one process.

Prints, for 4..7 players with 4 actions each (fixed seeds), the median time
per game of ``nea_games.pure_equilibria`` (vectorised over every profile) and
of ``pygambit.nash.enumpure_solve`` where installed, their ratio, and whether
both found the same equilibria. Run:

    python benchmarks/pure.py [--games 3] [--actions 4]
"""

from __future__ import annotations

import argparse

import numpy as np
from _common import median, optional, print_table, time_call

import nea_games

gambit = optional("pygambit")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=3)
    parser.add_argument("--actions", type=int, default=4)
    parser.add_argument("--max-players", type=int, default=7)
    args = parser.parse_args()
    rows = []
    for n in range(4, args.max_players + 1):
        ours: list[float] = []
        theirs: list[float] = []
        agree = True
        found = 0
        for k in range(args.games):
            rng = np.random.default_rng(100 * n + k)
            payoffs = rng.integers(0, 5, size=(n, *([args.actions] * n)))
            game = nea_games.NormalFormGame.from_array(payoffs)
            game.integer_payoffs()  # conversion is part of building the game, not of solving it
            t, profiles = time_call(lambda g=game: nea_games.pure_equilibria(g))
            ours.append(t)
            found += len(profiles)
            if gambit is not None:
                gg = gambit.Game.from_arrays(*[payoffs[i].tolist() for i in range(n)])
                t, result = time_call(lambda gg=gg: gambit.nash.enumpure_solve(gg), repeat=1)
                theirs.append(t)
                players = list(gg.players)
                gambit_profiles = sorted(
                    tuple(next(j for j, s in enumerate(p.strategies) if eq[s] == 1) for p in players)
                    for eq in result.equilibria
                )
                agree &= gambit_profiles == sorted(profiles)
        row = [str(n), f"{args.actions}^{n}", f"{median(ours) * 1e3:.2f}", str(found)]
        if theirs:
            row += [f"{median(theirs) * 1e3:.1f}", f"{median(theirs) / median(ours):.0f}x", str(agree)]
        else:
            row += ["-", "-", "-"]
        rows.append(row)
    print("pure equilibria of random games with integer payoffs in [0, 4]; ms = median per game")
    print_table(["players", "profiles", "nea ms", "eqs", "gambit ms", "speed-up", "same set"], rows)


if __name__ == "__main__":
    main()
