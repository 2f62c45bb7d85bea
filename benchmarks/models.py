"""The Northeast Asia models: seconds to their headline results, numeric and symbolic, cold and warm.

DESIGN §6 asks for "symbolic thresholds of every model derived in seconds,
cached where reused". For every model of
``nea_games.models.registry.available()`` this prints:

1. ``solve()`` at the defaults: ``import`` (nea_games and the model's module)
   and ``cold`` (building the model and solving it) in a fresh interpreter,
   so that every cache is empty; ``warm`` in this process after a first
   solve (best of ``--repeat``, caches filled);
2. ``solve()`` with the model's headline parameters made sympy symbols, the
   first alone and then the first two, cold (fresh interpreter) and warm;
3. ``sweep(model, model.map_grid())``: the first sweep in this process (after
   the solves above) and the best of ``--repeat`` later ones, in points per
   second;
4. nashpy side by side where it can do the same job: every two-player game of
   a model at its defaults (a normal form, or the reduced normal form of a
   game tree) solved by nea_games (exact, and in floats) and by nashpy's
   vertex and support enumeration. Ratio = nashpy time / nea_games exact time
   (> 1 means nea_games is faster); ``eqs`` counts the equilibria returned
   (nashpy's are not checked, and on degenerate games the sets differ);
5. the whole report, ``nea_games.report.write_report(tmpdir, progress=False)``,
   cold in a fresh interpreter (matplotlib's import included) and warm here;
6. Shapley values of weighted voting games by nea_games's dynamic programme
   over weights against its subset formula over all 2^n coalitions (run only
   for n <= 20): the UN Security Council, the EU-27 Council under the Nice
   weights, and the largest n members of that council. The values of the two
   methods are checked equal, and the Security Council's against the closed
   form derived in ``un_security_council_closed_form``.

Timings on a shared machine are noisy; compare orders of magnitude. Run:

    OPENBLAS_NUM_THREADS=1 python benchmarks/models.py [--repeat 3] [--skip-report]
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import warnings
from fractions import Fraction
from typing import Any

import sympy
from _common import optional, print_table, time_call

import nea_games
from nea_games.analysis.sweep import sweep
from nea_games.games.coalitional import WeightedVotingGame, weighted_voting_game
from nea_games.models import registry
from nea_games.solvers.coalitional import shapley_value

nashpy = optional("nashpy")

#: The parameters each model's headline result is about (its equilibrium-map axes, and for the
#: quasi-alliance, which has one axis, ROK's abandonment fear as a second); other models use
#: their first two sweep parameters.
HEADLINE = {
    "multilateral": ("rho_R", "delta"),
    "buffer_dilemma": ("q", "g"),
    "strategic_patience": ("pi0", "k"),
    "inside_balancer": ("u_US", "rho"),
    "quasi_alliance": ("kappa", "abar_K"),
}

#: EU Council of 27 under the Treaty of Nice: weighted votes, and the qualified-majority quota.
NICE_WEIGHTS = {
    "DE": 29, "FR": 29, "IT": 29, "UK": 29, "ES": 27, "PL": 27, "RO": 14, "NL": 13, "GR": 12,
    "CZ": 12, "BE": 12, "HU": 12, "PT": 12, "SE": 10, "BG": 10, "AT": 10, "SK": 7, "DK": 7,
    "FI": 7, "IE": 7, "LT": 7, "LV": 4, "SI": 4, "EE": 4, "CY": 4, "LU": 4, "MT": 3,
}  # fmt: skip
NICE_QUOTA = 255  # of 345 votes


# ---------------------------------------------------------------------- child interpreters


def headline_parameters(name: str, model: Any) -> tuple[str, ...]:
    return HEADLINE.get(name, tuple(model.sweep_parameters[:2]))


#: Run in a fresh interpreter by ``python -c``, with the model's name and the names of the parameters
#: to make symbolic as arguments; prints the seconds to import and to build and solve the model.
CHILD_SOLVE = """
import json, sys, time
start = time.perf_counter()
import sympy
from nea_games.models import registry
registry.model_class(sys.argv[1])
imported = time.perf_counter()
registry.get(sys.argv[1], **{p: sympy.Symbol(p) for p in sys.argv[2:]}).solve()
print(json.dumps({"import": imported - start, "solve": time.perf_counter() - imported}))
"""

#: The same for the whole report (matplotlib is imported lazily, so its import counts in the report's time).
CHILD_REPORT = """
import json, tempfile, time
start = time.perf_counter()
from nea_games.report import write_report
imported = time.perf_counter()
with tempfile.TemporaryDirectory() as folder:
    report = write_report(folder, progress=False)
if report.failed:
    raise SystemExit(f"report sections failed: {report.failed}")
print(json.dumps({"import": imported - start, "solve": time.perf_counter() - imported}))
"""


def in_fresh_interpreter(code: str, *args: str) -> dict[str, float] | str:
    """Run ``code`` in a new interpreter; the timings it prints, or the last line of its error."""
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines()
        return lines[-1] if lines else f"exit status {done.returncode}"
    timings: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return timings


# ---------------------------------------------------------------------- models


def seconds(value: float) -> str:
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def warm_solve(name: str, overrides: dict[str, Any], repeat: int) -> float:
    registry.get(name, **overrides).solve()  # fill the caches
    best, _ = time_call(lambda: registry.get(name, **overrides).solve(), repeat=repeat)
    return best


def bench_solves(names: list[str], repeat: int, problems: list[str]) -> None:
    rows = []
    for name in names:
        params = headline_parameters(name, registry.get(name))
        row = [name]
        cold = in_fresh_interpreter(CHILD_SOLVE, name)
        if isinstance(cold, str):
            problems.append(f"{name} at the defaults: {cold}")
            row += ["error", "error", "-"]
        else:
            row += [seconds(cold["import"]), seconds(cold["solve"]), seconds(warm_solve(name, {}, repeat))]
        subsets = [params[:1], params[:2]] if len(params) > 1 else [params[:1]]
        for subset in subsets:
            label = ", ".join(subset)
            cold = in_fresh_interpreter(CHILD_SOLVE, name, *subset)
            if isinstance(cold, str):
                problems.append(f"{name} with {label} symbolic: {cold}")
                row += [label, "error", "-"]
                continue
            warm = warm_solve(name, {p: sympy.Symbol(p) for p in subset}, repeat)
            row += [label, seconds(cold["solve"]), seconds(warm)]
        row += ["-", "-", "-"] * (2 - len(subsets))
        rows.append(row)
    print("\nsolve(): seconds (cold = fresh interpreter, after the import; warm = best of repeats here)")
    print_table(
        [
            "model",
            "import",
            "cold",
            "warm",
            "symbolic (1)",
            "cold",
            "warm",
            "symbolic (2)",
            "cold",
            "warm",
        ],
        rows,
    )


def bench_sweeps(names: list[str], repeat: int) -> None:
    rows = []
    for name in names:
        model = registry.get(name)
        grid = model.map_grid()
        points = math.prod(len(axis) for axis in grid.values())
        first, _ = time_call(lambda m=model, g=grid: sweep(m, g), repeat=1)
        warm, _ = time_call(lambda m=model, g=grid: sweep(m, g), repeat=repeat)
        shape = " x ".join(f"{len(axis)} {axis_name}" for axis_name, axis in grid.items())
        times = [f"{first * 1e3:.1f}", f"{warm * 1e3:.2f}", f"{points / warm:,.0f}"]
        rows.append([name, shape, str(points), *times])
    print("\nsweep(model, model.map_grid()) at the defaults: ms, and points per second when warm")
    print_table(["model", "grid", "points", "first ms", "warm ms", "warm pts/s"], rows)


# ---------------------------------------------------------------------- nashpy side by side


def two_player_games(name: str) -> list[tuple[str, nea_games.NormalFormGame]]:
    """The model's numeric two-player games at the defaults, as normal forms."""
    found = []
    for label, game in registry.get(name).games().items():
        if isinstance(game, nea_games.ExtensiveFormGame) and not game.is_parametric:
            game = game.to_normal_form()
            label = f"{label} (reduced normal form)"
        if isinstance(game, nea_games.NormalFormGame) and game.n_players == 2 and not game.is_parametric:
            found.append((f"{name}: {label}", game))
    return found


def bench_nashpy(names: list[str], repeat: int) -> None:
    rows, skipped = [], []
    for name in names:
        games = two_player_games(name)
        if not games:
            skipped.append(name)
        for label, game in games:
            as_floats = nea_games.NormalFormGame(game.players, game.actions, game.float_payoffs())
            exact, eqs = time_call(lambda g=game: nea_games.solve(g), repeat=repeat)
            floats, feqs = time_call(lambda g=as_floats: nea_games.solve(g), repeat=repeat)
            row = [label, "x".join(map(str, game.shape[1:])), f"{exact * 1e3:.2f}", str(len(eqs))]
            row += [f"{floats * 1e3:.2f}", str(len(feqs))]
            if nashpy is None:
                row += ["-"] * 6
            else:
                peer = game.to_nashpy()
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    vertex, veqs = time_call(lambda p=peer: list(p.vertex_enumeration()), repeat=repeat)
                    # slow on degenerate games (tens of seconds on the buffer dilemma): timed once
                    support, seqs = time_call(lambda p=peer: list(p.support_enumeration()), repeat=1)
                row += [f"{vertex * 1e3:.2f}", str(len(veqs)), f"{vertex / exact:.1f}x"]
                row += [f"{support * 1e3:.2f}", str(len(seqs)), f"{support / exact:.1f}x"]
            rows.append(row)
    print("\nnashpy side by side on the models' two-player games at the defaults: ms (best of repeats)")
    print("(nashpy's support enumeration is timed once)")
    print("ratio = nashpy time / nea_games exact time; eqs = equilibria returned")
    print_table(
        [
            "game",
            "shape",
            "nea exact",
            "eqs",
            "nea float",
            "eqs",
            "nashpy vertex",
            "eqs",
            "ratio",
            "nashpy support",
            "eqs",
            "ratio",
        ],
        rows,
    )
    if skipped:
        print(f"no two-player game at the defaults (nashpy is two-player only): {', '.join(skipped)}")


# ---------------------------------------------------------------------- the whole report


def bench_report(problems: list[str]) -> None:
    cold = in_fresh_interpreter(CHILD_REPORT)
    if isinstance(cold, str):
        problems.append(f"write_report: {cold}")
        return
    from nea_games.report import write_report

    with tempfile.TemporaryDirectory() as folder:
        write_report(folder, progress=False)  # warm every cache, then time a second report
        warm, report = time_call(lambda: write_report(folder, progress=False), repeat=1)
    print("\nnea_games.report.write_report(tmpdir, progress=False): seconds")
    print_table(
        ["sections", "figures", "import (cold)", "cold", "warm"],
        [
            [
                str(len(report.sections)),
                str(len(report.figures)),
                seconds(cold["import"]),
                seconds(cold["solve"]),
                seconds(warm),
            ]
        ],
    )


# ---------------------------------------------------------------------- Shapley values of voting games


def un_security_council() -> WeightedVotingGame:
    """Five permanent members (weight 7, a veto each) and ten elected (weight 1); nine votes pass."""
    weights = {p: 7 for p in ("CHN", "FRA", "RUS", "GBR", "USA")} | {f"E{k}": 1 for k in range(1, 11)}
    return weighted_voting_game(weights, 39, title="UN Security Council")


def un_security_council_closed_form() -> dict[str, Fraction]:
    """Shapley-Shubik values of the Security Council by counting orders.

    An elected member is pivotal iff it comes ninth, after all five permanent
    members and exactly three of the other nine elected ones: the share of
    such orders is C(9, 3) 8! 6! / 15! = 4/2145. By efficiency and symmetry
    each permanent member gets (1 - 10 * 4/2145) / 5 = 421/2145.
    """
    elected = Fraction(math.comb(9, 3) * math.factorial(8) * math.factorial(6), math.factorial(15))
    permanent = (1 - 10 * elected) / 5
    game = un_security_council()
    return {p: permanent if w == 7 else elected for p, w in game.weights.items()}


def nice_council(size: int | None = None) -> WeightedVotingGame:
    """The EU-27 Council (Nice weights, quota 255 of 345), or its ``size`` largest members.

    A smaller council keeps the Nice quota's share of the weight, rounded up.
    """
    if size is None:
        return weighted_voting_game(NICE_WEIGHTS, NICE_QUOTA, title="EU-27 Council (Nice)")
    kept = dict(list(NICE_WEIGHTS.items())[:size])
    quota = math.ceil(Fraction(NICE_QUOTA, sum(NICE_WEIGHTS.values())) * sum(kept.values()))
    return weighted_voting_game(kept, quota, title=f"Nice weights, largest {size}")


def bench_shapley(repeat: int, problems: list[str]) -> None:
    games = [un_security_council(), *(nice_council(n) for n in (10, 15, 20)), nice_council()]
    rows = []
    for game in games:
        n = game.n_players
        dp, by_dp = time_call(lambda g=game: shapley_value(g, method="dp"), repeat=repeat)
        row = [game.title, str(n), str(game.quota), f"{dp * 1e3:.2f}"]
        if n <= 20:
            subsets, by_subsets = time_call(
                lambda g=game: shapley_value(g, method="subsets"), repeat=1 if n >= 18 else repeat
            )
            if by_subsets != by_dp:
                problems.append(f"{game.title}: the dynamic programme and the subset formula disagree")
            row += [f"{subsets * 1e3:.2f}", f"{subsets / dp:,.0f}x"]
        else:
            row += ["-", "-"]
        if game.title == "UN Security Council" and by_dp != un_security_council_closed_form():
            problems.append("UN Security Council: Shapley values differ from 421/2145 and 4/2145")
        top = max(by_dp, key=lambda p: by_dp[p])
        row += [f"{top} {float(by_dp[top]):.4f}", f"{float(sum(by_dp.values())):.4f}"]
        rows.append(row)
    print("\nShapley values of weighted voting games: ms (dynamic programme vs subset formula, n <= 20)")
    print("ratio = subset-formula time / dynamic-programme time; both exact (Fractions), checked equal")
    print_table(["council", "n", "quota", "dp ms", "subsets ms", "ratio", "largest value", "sum"], rows)


# ---------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="repeats for the warm (best-of) timings")
    parser.add_argument("--skip-report", action="store_true", help="do not time write_report")
    args = parser.parse_args()
    names = list(registry.available())
    problems: list[str] = []
    bench_solves(names, args.repeat, problems)
    bench_sweeps(names, args.repeat)
    bench_nashpy(names, args.repeat)
    if not args.skip_report:
        bench_report(problems)
    bench_shapley(args.repeat, problems)
    if problems:
        print("\nproblems:")
        for problem in problems:
            print(f"  {problem}")


if __name__ == "__main__":
    main()
