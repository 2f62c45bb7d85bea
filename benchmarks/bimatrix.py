"""All equilibria of random n x n bimatrix games: nea_games against its peers, in one process.

For n = 3..10 and fixed seeds, times per game (median over games, best of
repeats) and the number of equilibria found by:

- nea_games ``vertex_enumeration`` on float payoffs and on exact integer payoffs,
- nashpy's ``support_enumeration`` and ``vertex_enumeration``,
- quantecon's ``vertex_enumeration`` (qhull; fast, incomplete on degenerate games), if installed,
- pygambit's ``enummixed_solve`` in floats and rationals, if installed.

Ratios are peer time / nea_games time (> 1 means nea_games is faster). The
``missed`` column counts equilibria of Gambit's exact set that a method did
not return (summed over games). The ``nea exact`` time includes building
the game object, so nothing is cached between repeats. Run:

    python benchmarks/bimatrix.py [--games 5] [--max-n 10] [--no-peers]
"""

from __future__ import annotations

import argparse
import warnings

import numpy as np
from _common import median, optional, print_table, time_call

import nea_games

nashpy = optional("nashpy")
quantecon = optional("quantecon.game_theory")
gambit = optional("pygambit")


def random_game(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.integers(-100, 101, size=(n, n)), rng.integers(-100, 101, size=(n, n))


def as_float_set(profiles: list[tuple[np.ndarray, np.ndarray]]) -> list[np.ndarray]:
    return [np.concatenate([np.asarray(x, dtype=float), np.asarray(y, dtype=float)]) for x, y in profiles]


def missed(reference: list[np.ndarray], found: list[np.ndarray]) -> int:
    return sum(1 for r in reference if not any(np.allclose(r, f, atol=1e-6) for f in found))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=5, help="random games per size")
    parser.add_argument("--min-n", type=int, default=3)
    parser.add_argument("--max-n", type=int, default=10)
    parser.add_argument("--nashpy-max-n", type=int, default=8, help="largest n for nashpy (it is slow)")
    parser.add_argument("--no-peers", action="store_true", help="time nea_games only")
    args = parser.parse_args()
    peers = not args.no_peers

    methods: dict[str, object] = {}
    rows = []
    for n in range(args.min_n, args.max_n + 1):
        times: dict[str, list[float]] = {}
        counts: dict[str, int] = {}
        misses: dict[str, int] = {}
        for k in range(args.games):
            A, B = random_game(n, seed=1000 * n + k)
            float_game = nea_games.NormalFormGame.bimatrix(A.astype(float), B.astype(float))
            results: dict[str, list[np.ndarray]] = {}
            record = _Recorder(times, counts, results)

            t, eqs = time_call(lambda g=float_game: nea_games.solve(g, "vertex_enumeration"))
            record("nea float", t, as_float_set([eq.strategies for eq in eqs]))
            t, eqs = time_call(
                lambda a=A, b=B: nea_games.solve(
                    nea_games.NormalFormGame.bimatrix(a, b), "vertex_enumeration"
                )
            )
            record("nea exact", t, as_float_set([eq.strategies for eq in eqs]))
            if peers and nashpy is not None and n <= args.nashpy_max_n:
                game = nashpy.Game(A, B)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    t, eqs = time_call(lambda g=game: list(g.support_enumeration()), repeat=1)
                    record("nashpy support", t, as_float_set(eqs))
                    t, eqs = time_call(lambda g=game: list(g.vertex_enumeration()), repeat=1)
                    record("nashpy vertex", t, as_float_set(eqs))
            if peers and quantecon is not None:
                g = quantecon.NormalFormGame(
                    [quantecon.Player(A.astype(float)), quantecon.Player(B.T.astype(float))]
                )
                t, eqs = time_call(lambda g=g: quantecon.vertex_enumeration(g))
                record("quantecon vertex", t, as_float_set(eqs))
            if peers and gambit is not None:
                gg = gambit.Game.from_arrays(A.astype(int).tolist(), B.astype(int).tolist())
                t, res = time_call(lambda gg=gg: gambit.nash.enummixed_solve(gg, rational=False))
                record("gambit float", t, as_float_set(_gambit_profiles(gg, res)))
                t, res = time_call(lambda gg=gg: gambit.nash.enummixed_solve(gg, rational=True), repeat=1)
                record("gambit exact", t, as_float_set(_gambit_profiles(gg, res)))
            reference = results.get("gambit exact", results["nea exact"])
            for name, profiles in results.items():
                misses[name] = misses.get(name, 0) + missed(reference, profiles)
        base = median(times["nea float"])
        for name in times:
            methods[name] = True
            ratio = median(times[name]) / base
            rows.append(
                [
                    str(n),
                    name,
                    f"{median(times[name]) * 1e3:.2f}",
                    f"{ratio:.1f}x",
                    str(counts[name]),
                    str(misses[name]),
                ]
            )
    print(f"random n x n games, integer payoffs in [-100, 100], {args.games} games per size")
    print("ms = median time per game; ratio = time / nea_games float time; eqs = equilibria found in total;")
    print("missed = equilibria of the exact reference set (Gambit rational where installed) not returned")
    print_table(["n", "method", "ms", "ratio", "eqs", "missed"], rows)


class _Recorder:
    """Collects one game's timings, equilibrium counts and profiles per method."""

    def __init__(
        self, times: dict[str, list[float]], counts: dict[str, int], results: dict[str, list[np.ndarray]]
    ) -> None:
        self.times, self.counts, self.results = times, counts, results

    def __call__(self, name: str, seconds: float, profiles: list[np.ndarray]) -> None:
        self.times.setdefault(name, []).append(seconds)
        self.counts[name] = self.counts.get(name, 0) + len(profiles)
        self.results[name] = profiles


def _gambit_profiles(game: object, result: object) -> list[tuple[list[float], list[float]]]:
    profiles = []
    for eq in result.equilibria:  # type: ignore[attr-defined]
        players = list(game.players)  # type: ignore[attr-defined]
        x = [float(eq[s]) for s in players[0].strategies]
        y = [float(eq[s]) for s in players[1].strategies]
        profiles.append((x, y))
    return profiles


if __name__ == "__main__":
    main()
