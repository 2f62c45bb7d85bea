"""Parameter sweeps: points per second against a hand-written numpy kernel and a nashpy loop.

Two parametric games are swept over Cartesian grids of 10^4, 10^5 and 10^6
points (one core):

* a 2x2 prisoner's dilemma / stag hunt family ``[[3, S], [T, 1]]`` in the
  temptation ``T`` and the sucker's payoff ``S``;
* a 2x2x2 three-player game whose payoffs are affine in two parameters.

For each size it prints the points per second of ``nea_games.analysis.sweep``
(cold: the first sweep of the game, including the one-off analysis and
lambdification of its payoffs; warm: best of ``--repeat`` later sweeps),
of a hand-written numpy kernel for that one 2x2 game (the best one can do
by hand), and of a loop calling nashpy's support enumeration per point
(measured on ``--nashpy-points`` points and extrapolated, since its rate does
not depend on the size); the ratios; and the peak traced memory of the sweep
(tracemalloc), with and without the result itself, to show that the working
memory stays at about one chunk. Run:

    OPENBLAS_NUM_THREADS=1 python benchmarks/sweep.py [--sizes 10000 100000 1000000] [--nashpy-points 2000]
"""

from __future__ import annotations

import argparse
import math
import time
import tracemalloc
import warnings

import numpy as np
import sympy
from _common import optional, print_table, time_call

from nea_games import NormalFormGame
from nea_games.analysis import _sweep_kernel as _kernel
from nea_games.analysis.sweep import sweep

nashpy = optional("nashpy")
T, S = sympy.symbols("T S")


def two_by_two() -> NormalFormGame:
    return NormalFormGame.symmetric([[3, S], [T, 1]], actions=["C", "D"], title="PD / stag hunt family")


def three_players() -> NormalFormGame:
    rng = np.random.default_rng(2024)
    entries = np.empty((3, 2, 2, 2), dtype=object)
    for index in np.ndindex(entries.shape):
        p, q, r = (int(v) for v in rng.integers(-2, 3, size=3))
        entries[index] = p + q * T + r * S
    return NormalFormGame.from_array(entries, title="2x2x2 affine in (T, S)")


def grid(n: int) -> dict[str, np.ndarray]:
    rows = math.isqrt(n)
    while n % rows:
        rows -= 1
    return {"T": np.linspace(0, 6, rows), "S": np.linspace(-2, 2, n // rows)}


def hand_kernel(points: dict[str, np.ndarray]) -> np.ndarray:
    """Which of the four profiles of [[3, S], [T, 1]] are pure equilibria (symmetric game)."""
    t_mesh, s_mesh = np.meshgrid(points["T"], points["S"], indexing="ij")
    t, s = t_mesh.reshape(-1), s_mesh.reshape(-1)
    scale = np.maximum(np.maximum(np.abs(t), np.abs(s)), 3.0)
    tol = 1e-9 * scale
    c_vs_c = t - tol <= 3  # C best against C
    d_vs_c = t >= 3 - tol
    c_vs_d = s >= 1 - tol
    d_vs_d = s - tol <= 1
    return np.stack([c_vs_c, c_vs_d & d_vs_c, d_vs_c & c_vs_d, d_vs_d])


def nashpy_rate(game: NormalFormGame, points: dict[str, np.ndarray], count: int) -> float:
    """Points per second of a loop solving each point with nashpy's support enumeration."""
    if nashpy is None or game.n_players != 2:
        return float("nan")
    payoffs = sympy.lambdify((T, S), sympy.Matrix(game.payoffs.reshape(-1)), modules="numpy")
    rng = np.random.default_rng(0)
    ts = rng.choice(points["T"], count)
    ss = rng.choice(points["S"], count)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for t, s in zip(ts, ss, strict=True):
            u = np.asarray(payoffs(t, s), dtype=float).reshape(game.shape)
            equilibria = nashpy.Game(u[0], u[1]).support_enumeration()
            _ = [e for e in equilibria if all(np.isclose(np.max(x), 1) for x in e)]
    return count / (time.perf_counter() - start)


def peak_memory(game: NormalFormGame, points: dict[str, np.ndarray]) -> tuple[float, float]:
    """Peak traced MB of one sweep, and the MB of the result's own arrays."""
    tracemalloc.start()
    result = sweep(game, points)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    own = result.holds.nbytes + sum(v.nbytes for v in result.values.values())
    return peak / 2**20, own / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10**4, 10**5, 10**6])
    parser.add_argument("--nashpy-points", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for game in (two_by_two(), three_players()):
        rows = []
        base = nashpy_rate(game, grid(args.sizes[0]), args.nashpy_points)
        for n in args.sizes:
            points = grid(n)
            _kernel._lambdify.cache_clear()
            _kernel._affine_form.cache_clear()
            cold, _ = time_call(lambda g=game, p=points: sweep(g, p), repeat=1)
            ours, result = time_call(lambda g=game, p=points: sweep(g, p), repeat=args.repeat)
            row = [f"{n:.0e}", f"{n / cold:,.0f}", f"{n / ours:,.0f}"]
            if game.n_players == 2:
                hand, holds = time_call(lambda p=points: hand_kernel(p), repeat=args.repeat)
                assert np.array_equal(holds, result.holds.reshape(4, -1)), "hand kernel disagrees"
                row += [f"{n / hand:,.0f}", f"{hand / ours:.2f}"]
            else:
                row += ["-", "-"]
            if not math.isnan(base):
                row += [f"{base:,.0f}", f"{(n / ours) / base:,.0f}x"]
            else:
                row += ["-", "-"]
            peak, own = peak_memory(game, points)
            row += [f"{peak:.1f}", f"{peak - own:.1f}"]
            rows.append(row)
        print(f"\n{game.title}: {game.n_actions} actions, parameters {[p.name for p in game.parameters]}")
        print_table(
            [
                "points",
                "nea cold pts/s",
                "nea warm pts/s",
                "hand pts/s",
                "nea/hand",
                "nashpy pts/s",
                "nea/nashpy",
                "peak MB",
                "peak-result MB",
            ],
            rows,
        )
    print("\nnashpy: support enumeration per point, measured on --nashpy-points points and extrapolated.")


if __name__ == "__main__":
    main()
