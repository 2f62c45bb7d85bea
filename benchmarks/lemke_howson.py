"""One equilibrium of large random bimatrix games: nea_games' Lemke-Howson against nashpy and pygambit.

nea_games runs in this process. nashpy's Lemke-Howson can cycle and
pygambit's ``lcp_solve`` can run for minutes on these games, so each peer
call runs in a child process with a timeout (``--timeout``, default 30 s);
a timeout is reported as such, not as a time. Every answer is checked to be
an equilibrium. Run:

    python benchmarks/lemke_howson.py [--sizes 10,50,100,200] [--games 3] [--timeout 30]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

import numpy as np
from _common import median, print_table

import nea_games

CHILD = r"""
import json, sys, time, warnings
import numpy as np
which, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(seed)
A, B = rng.random((n, n)), rng.random((n, n))
import nashpy, pygambit  # imported before the clock starts
start = time.perf_counter()
if which == "nashpy":
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        x, y = nashpy.Game(A, B).lemke_howson(initial_dropped_label=0)
else:
    g = pygambit.Game.from_arrays(A, B)
    eq = pygambit.nash.lcp_solve(g, rational=False, stop_after=1).equilibria[0]
    players = list(g.players)
    x = np.array([float(eq[s]) for s in players[0].strategies])
    y = np.array([float(eq[s]) for s in players[1].strategies])
seconds = time.perf_counter() - start
x, y = np.asarray(x, float), np.asarray(y, float)
ok = bool(np.all(np.isfinite(x)) and abs(x.sum() - 1) < 1e-6 and abs(y.sum() - 1) < 1e-6
          and (A @ y).max() - x @ A @ y < 1e-6 and (x @ B).max() - x @ B @ y < 1e-6)
print(json.dumps({"time": seconds, "ok": ok}))
"""


def random_game(n: int, seed: int) -> nea_games.NormalFormGame:
    rng = np.random.default_rng(seed)
    return nea_games.NormalFormGame.bimatrix(rng.random((n, n)), rng.random((n, n)))


def peer(which: str, n: int, seed: int, timeout: float) -> str:
    try:
        out = subprocess.run(
            [sys.executable, "-c", CHILD, which, str(n), str(seed)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f">{timeout:.0f}s"
    if out.returncode != 0:
        return "error"
    result = json.loads(out.stdout)
    return f"{result['time'] * 1e3:.1f}" + ("" if result["ok"] else " (wrong)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,50,100,200")
    parser.add_argument("--games", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        for k in range(args.games):
            seed = 1000 + 10 * n + k
            game = random_game(n, seed)
            start = time.perf_counter()
            result = nea_games.solve(game, method="lemke_howson")
            ours = time.perf_counter() - start
            assert result[0].is_equilibrium()
            rows.append(
                [
                    str(n),
                    str(seed),
                    f"{ours * 1e3:.1f}",
                    peer("nashpy", n, seed, args.timeout),
                    peer("gambit", n, seed, args.timeout),
                ]
            )
    print("one equilibrium of random n x n games with uniform [0, 1) payoffs; times in ms")
    print("peers run in child processes with a timeout; '(wrong)' marks an answer that is not an equilibrium")
    print_table(["n", "seed", "nea_games", "nashpy", "gambit lcp"], rows)
    print(f"median nea_games time: {median([float(r[2]) for r in rows]):.1f} ms over all games")


if __name__ == "__main__":
    main()
