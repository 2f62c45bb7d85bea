"""Shapley value, Banzhaf index and core of TU games (nea_games.solvers.coalitional).

Literature values and hand derivations, written out next to each test:

* Symmetric 3-player majority game: by symmetry and efficiency phi = 1/3 each.
  The core is empty: x_A + x_B >= 1, x_A + x_C >= 1, x_B + x_C >= 1 sum to
  2 x(N) >= 3, but x(N) = 1. Least core: at x = (1/3, 1/3, 1/3) each pair
  has 2/3 = 1 - eps, so eps* = 1/3 (and no allocation does better, since the
  three pair constraints sum to 2 >= 3 (1 - eps)).
* Glove game (L; R1, R2): L is pivotal in the 4 of 6 orders where it is not
  first, so phi_L = 2/3 and phi_R1 = phi_R2 = 1/6. Core: x_L + x_R1 >= 1 and
  x_L + x_R2 >= 1 with x(N) = 1 force x_R2 <= 0 and x_R1 <= 0, hence
  (1, 0, 0): the scarce side of the market takes everything in the core.
* UN Security Council [39; 7 x 5, 1 x 10] (Shapley-Shubik index, e.g.
  Straffin 1994, "Power and stability in politics", Handbook of Game Theory
  II): a non-permanent member is pivotal iff the members before it are the 5
  permanent ones and exactly 3 of the other 9 non-permanent ones: C(9, 3) =
  84 coalitions of size 8, each with weight 8! 6! / 15!, so
  phi = 84 * 8! * 6! / 15! = 4/2145 ~ 0.001865;
  by efficiency each permanent member gets (1 - 10 * 4/2145) / 5 = 421/2145
  ~ 0.19627.
* [6; 4, 3, 2, 1] (players A, B, C, D): the winning coalitions are AB, AC,
  ABC, ABD, ACD, BCD, ABCD. Swings (a member whose departure makes it lose):
  AB: A, B; AC: A, C; ABC: A; ABD: A, B; ACD: A, C; BCD: B, C, D; ABCD: none.
  Counts A 5, B 3, C 3, D 1 (total 12): normalised (5, 3, 3, 1)/12, raw
  (5, 3, 3, 1)/2**3.
* Convex games: the core is non-empty and contains the Shapley value, and
  its vertices are exactly the marginal vectors (Shapley 1971).
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from nea_games.errors import (
    BudgetExceededError,
    ParametricGameError,
    ShapeError,
    UnknownNameError,
    ValidationError,
)
from nea_games.games.coalitional import CoalitionalGame, weighted_voting_game
from nea_games.solvers.coalitional import Core, banzhaf_index, core, shapley_value, swing_counts

F = Fraction
NAMES = ("A", "B", "C", "D", "E")


def majority() -> CoalitionalGame:
    return CoalitionalGame(["A", "B", "C"], lambda S: 1 if len(S) >= 2 else 0)


def glove() -> CoalitionalGame:
    return CoalitionalGame(["L", "R1", "R2"], lambda S: 1 if "L" in S and len(S) >= 2 else 0)


def unsc() -> CoalitionalGame:
    weights = {f"P{k}": 7 for k in range(1, 6)} | {f"N{k}": 1 for k in range(1, 11)}
    return weighted_voting_game(weights, 39)


def marginal_vector(game: CoalitionalGame, order: tuple[str, ...]) -> tuple[Fraction, ...]:
    """Each player's marginal contribution when players join in ``order`` (written for the tests)."""
    before: list[str] = []
    payoff = {}
    for p in order:
        payoff[p] = game.value([*before, p]) - game.value(before)
        before.append(p)
    return tuple(payoff[p] for p in game.players)


# ---------------------------------------------------------------------- literature games


def test_majority_game() -> None:
    g = majority()
    assert shapley_value(g) == {"A": F(1, 3), "B": F(1, 3), "C": F(1, 3)}
    c = core(g)
    assert c.is_empty and c.point is None and c.vertices == ()
    assert c.least_core_epsilon == F(1, 3) and c.exact
    assert c.least_core_point == {"A": F(1, 3), "B": F(1, 3), "C": F(1, 3)}
    assert not c.contains([F(1, 3)] * 3)


def test_glove_game() -> None:
    g = glove()
    assert shapley_value(g) == {"L": F(2, 3), "R1": F(1, 6), "R2": F(1, 6)}
    c = core(g)
    assert not c.is_empty and c.exact
    assert c.point == {"L": 1, "R1": 0, "R2": 0}
    assert c.vertices == ({"L": 1, "R1": 0, "R2": 0},)
    assert c.least_core_epsilon == 0
    assert c.contains({"L": 1, "R1": 0, "R2": 0})
    assert not c.contains({"L": F(9, 10), "R1": F(1, 10), "R2": 0})
    assert all(isinstance(v, Fraction) for v in c.point.values())


def test_un_security_council() -> None:
    phi = shapley_value(unsc())
    by_hand = F(84 * math.factorial(8) * math.factorial(6), math.factorial(15))
    assert by_hand == F(4, 2145)
    assert phi["N1"] == F(4, 2145) and all(phi[f"N{k}"] == phi["N1"] for k in range(1, 11))
    assert phi["P1"] == F(421, 2145) and all(phi[f"P{k}"] == phi["P1"] for k in range(1, 6))
    assert float(phi["P1"]) == pytest.approx(0.19627, abs=5e-6)
    assert float(phi["N1"]) == pytest.approx(0.001865, abs=5e-7)
    assert shapley_value(unsc(), method="subsets") == phi  # 2**15 coalitions, same exact numbers


def test_un_security_council_banzhaf_by_hand() -> None:
    # a non-permanent member swings the coalitions of all 5 permanent members plus exactly 3 of
    # the other 9: C(9, 3) = 84; a permanent member swings every winning coalition it is in,
    # i.e. the other 4 permanent ones plus at least 4 of the 10: sum_{k>=4} C(10, k) = 848.
    raw = banzhaf_index(unsc(), normalized=False)
    assert raw["N1"] == F(84, 2**14) and raw["P1"] == F(848, 2**14)
    norm = banzhaf_index(unsc())
    assert norm["P1"] == F(848, 5 * 848 + 10 * 84)


def test_banzhaf_of_6_4321() -> None:
    w = weighted_voting_game({"A": 4, "B": 3, "C": 2, "D": 1}, 6)
    assert banzhaf_index(w) == {"A": F(5, 12), "B": F(3, 12), "C": F(3, 12), "D": F(1, 12)}
    assert banzhaf_index(w, normalized=False) == {"A": F(5, 8), "B": F(3, 8), "C": F(3, 8), "D": F(1, 8)}
    assert banzhaf_index(w, method="subsets") == banzhaf_index(w, method="dp")
    assert sum(swing_counts(w)["A"]) == 5


def test_eu_council_nice_weights_is_instant_and_bounded() -> None:
    # Treaty of Nice voting weights for 27 members, qualified majority 255 of 345.
    weights = [29] * 4 + [27] * 2 + [14, 13] + [12] * 5 + [10] * 3 + [7] * 5 + [4] * 5 + [3]
    assert sum(weights) == 345 and len(weights) == 27
    eu = weighted_voting_game(weights, 255)
    phi = shapley_value(eu)
    assert sum(phi.values()) == 1
    assert phi["P1"] == phi["P4"] and phi["P14"] == phi["P16"]
    ordered = [phi[f"P{k}"] for k in range(1, 28)]
    assert ordered == sorted(ordered, reverse=True)  # more weight, no less power
    assert sum(banzhaf_index(eu).values()) == 1
    with pytest.raises(
        BudgetExceededError, match=r"2\*\*27 = 134217728 coalitions of 27 players.*max_players=20"
    ):
        shapley_value(eu, method="subsets")
    with pytest.raises(BudgetExceededError, match="max_work=1000"):
        shapley_value(eu, max_work=1000)


# ---------------------------------------------------------------------- kinds of numbers


def test_float_game_gives_floats() -> None:
    g = CoalitionalGame(["A", "B"], {"A": 0.5, "B": 0.0, ("A", "B"): 2.0})
    phi = shapley_value(g)
    # two players: phi_A = v(A) + (v(AB) - v(A) - v(B)) / 2
    assert phi == {"A": pytest.approx(1.25), "B": pytest.approx(0.75)}
    assert all(isinstance(v, float) for v in phi.values())
    c = core(g)
    assert not c.exact and not c.is_empty and c.contains({"A": 1.25, "B": 0.75})
    assert c.vertices is not None and len(c.vertices) == 2  # the segment from (0.5, 1.5) to (2, 0)


def test_symbolic_shapley_value() -> None:
    a, b, c = sympy.symbols("a b c")
    g = CoalitionalGame(["A", "B"], {"A": a, "B": b, ("A", "B"): c})
    phi = shapley_value(g)
    assert sympy.simplify(phi["A"] - (a + (c - a - b) / 2)) == 0
    assert sympy.simplify(phi["B"] - (b + (c - a - b) / 2)) == 0
    raw = banzhaf_index(g, normalized=False)
    assert sympy.simplify(raw["A"] - (a + (c - b)) / 2) == 0
    with pytest.raises(ParametricGameError, match="substitute values"):
        core(g)


# ---------------------------------------------------------------------- the core: both sides of the threshold


@pytest.mark.parametrize(
    ("t", "empty", "eps"),
    [
        (F(0), False, F(-1, 3)),
        (F(2, 3), False, F(0)),  # the threshold: x = (1/3, 1/3, 1/3) just meets every pair
        (F(2, 3) + F(1, 100), True, F(1, 100)),
        (F(1), True, F(1, 3)),
    ],
)
def test_core_of_pair_game(t: Fraction, empty: bool, eps: Fraction) -> None:
    # v(pair) = t, v(N) = 1: pairs sum to 2 x(N) >= 3 (t - eps), so eps* = max(t - 2/3, -1/3)
    # (the singleton constraints x_i >= -eps bind when t < 1/3).
    g = CoalitionalGame(list("ABC"), lambda S: {0: 0, 1: 0, 2: t, 3: 1}[len(S)])
    c = core(g)
    assert c.is_empty is empty and c.least_core_epsilon == eps and c.exact


def test_convex_game_vertices_are_marginal_vectors() -> None:
    g = CoalitionalGame(list("ABC"), lambda S: len(S) ** 2)
    c = core(g)
    # joining first adds 1, second 4 - 1 = 3, third 9 - 4 = 5
    expected = {marginal_vector(g, order) for order in itertools.permutations(g.players)}
    assert expected == {tuple(map(F, p)) for p in itertools.permutations((1, 3, 5))}
    assert c.vertices is not None
    assert {tuple(v[p] for p in g.players) for v in c.vertices} == expected


def test_vertices_switches_and_bounds() -> None:
    g = CoalitionalGame([f"P{k}" for k in range(6)], lambda S: len(S) ** 2)
    c = core(g)  # C(62, 5) = 6471002 square systems: over the default bound
    assert c.vertices is None and "6471002" in c.notes[0]
    assert not c.is_empty
    with pytest.raises(BudgetExceededError, match="max_bases=1000000"):
        core(g, vertices=True)
    assert core(glove(), vertices=False).vertices is None
    with pytest.raises(BudgetExceededError, match="max_players=5"):
        core(g, max_players=5)


def test_contains_validation() -> None:
    c = core(glove())
    with pytest.raises(UnknownNameError, match="did you mean 'R1'"):
        c.contains({"L": 1, "R11": 0, "R2": 0})
    with pytest.raises(ValidationError, match="no amount for R2"):
        c.contains({"L": 1, "R1": 0})
    with pytest.raises(ShapeError):
        c.contains([1, 0])
    assert c.contains([1.0, 0.0, 1e-12])  # floats: within tolerance
    assert not c.contains([1.0, 0.0, 1e-3])


def test_core_rendering() -> None:
    text = str(core(glove())).splitlines()
    assert text[0] == "core: non-empty, 1 vertices; least-core epsilon = 0"
    assert text[2].split() == ["vertex", "1", "1", "0", "0"]
    assert "least-core point 1" in str(core(majority()))
    assert isinstance(core(glove()), Core)


def test_method_validation() -> None:
    with pytest.raises(UnknownNameError, match="method"):
        shapley_value(glove(), method="orders")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="method='dp' needs a weighted voting game"):
        shapley_value(glove(), method="dp")
    with pytest.raises(ValidationError, match="exact"):
        shapley_value(weighted_voting_game([0.5, 0.5], 0.5), method="dp")
    with pytest.raises(ValidationError, match="normalised index is undefined"):
        banzhaf_index(CoalitionalGame(["A", "B"], lambda S: 0))
    with pytest.raises(ValidationError, match="expected a CoalitionalGame"):
        shapley_value({"A": 1})  # type: ignore[arg-type]


def test_float_weighted_voting_game_uses_subsets() -> None:
    phi = shapley_value(weighted_voting_game([0.5, 0.25, 0.25], 0.75))  # same game as [3; 2, 1, 1]
    assert phi == shapley_value(weighted_voting_game([2, 1, 1], 3), method="subsets")
    assert phi == {"P1": F(2, 3), "P2": F(1, 6), "P3": F(1, 6)}


# ---------------------------------------------------------------------- properties (hypothesis)


@st.composite
def games(draw: st.DrawFn, min_players: int = 1, max_players: int = 4) -> CoalitionalGame:
    n = draw(st.integers(min_players, max_players))
    values = draw(st.lists(st.integers(-20, 20), min_size=2**n - 1, max_size=2**n - 1))
    return CoalitionalGame.from_array(NAMES[:n], [0, *values])


@st.composite
def convex_games(draw: st.DrawFn) -> CoalitionalGame:
    """Non-negative sums of unanimity games u_T (u_T(S) = 1 iff T is in S) plus an additive game."""
    n = draw(st.integers(1, 4))
    players = NAMES[:n]
    masks = draw(st.lists(st.integers(1, 2**n - 1), max_size=6))
    weights = draw(st.lists(st.integers(0, 9), min_size=len(masks), max_size=len(masks)))
    singles = draw(st.lists(st.integers(-5, 5), min_size=n, max_size=n))

    def v(S: frozenset[str]) -> int:
        bits = sum(1 << players.index(p) for p in S)
        return sum(w for m, w in zip(masks, weights, strict=True) if m & bits == m) + sum(
            singles[players.index(p)] for p in S
        )

    return CoalitionalGame(players, v)


@settings(max_examples=60)
@given(convex_games())
def test_convex_games_have_the_shapley_value_in_their_core(game: CoalitionalGame) -> None:
    assert game.is_convex()
    phi = shapley_value(game)
    c = core(game)
    assert not c.is_empty and c.contains(phi)
    # the vertices of a convex game's core are exactly its marginal vectors (Shapley 1971)
    marginals = {marginal_vector(game, order) for order in itertools.permutations(game.players)}
    assert c.vertices is not None
    assert {tuple(x[p] for p in game.players) for x in c.vertices} == marginals


@settings(max_examples=60)
@given(games())
def test_efficiency_and_core_point(game: CoalitionalGame) -> None:
    assert sum(shapley_value(game).values()) == game.grand_value
    c = core(game)
    if game.n_players == 1:  # the core is {v(N)}, and no constraint bounds eps
        assert c.point == {"A": game.grand_value} and c.least_core_epsilon is None
        return
    x = c.least_core_point
    assert c.exact and sum(x.values()) == game.grand_value
    # every coalition gets at least v(S) - eps*, checked here coalition by coalition
    for r in range(1, game.n_players):
        for S in itertools.combinations(game.players, r):
            assert sum(x[p] for p in S) >= game.value(S) - c.least_core_epsilon
    assert c.is_empty == (c.least_core_epsilon > 0)
    if not c.is_empty:
        assert c.contains(x)
        assert all(c.contains(vertex) for vertex in c.vertices or ())


@settings(max_examples=60)
@given(games(min_players=2))
def test_symmetry(game: CoalitionalGame) -> None:
    # symmetrise over swapping the first two players: w(S) = v(S) + v(swap(S))
    a, b = game.players[:2]
    swap = {a: b, b: a}
    sym = CoalitionalGame(game.players, lambda S: game.value(S) + game.value([swap.get(p, p) for p in S]))
    phi = shapley_value(sym)
    assert phi[a] == phi[b]
    beta = banzhaf_index(sym, normalized=False)
    assert beta[a] == beta[b]


@settings(max_examples=60)
@given(games(max_players=3), st.integers(-5, 5))
def test_dummy_player(game: CoalitionalGame, c: int) -> None:
    # a new player Z adds exactly c to every coalition: phi_Z = c and the others keep their values
    players = (*game.players, "Z")
    bigger = CoalitionalGame(players, lambda S: game.value(S - {"Z"}) + (c if "Z" in S else 0))
    phi, old = shapley_value(bigger), shapley_value(game)
    assert phi["Z"] == c and all(phi[p] == old[p] for p in game.players)
    assert banzhaf_index(bigger, normalized=False)["Z"] == c


@settings(max_examples=40)
@given(games(min_players=3, max_players=3), games(min_players=3, max_players=3))
def test_additivity(v: CoalitionalGame, w: CoalitionalGame) -> None:
    total = CoalitionalGame(v.players, lambda S: v.value(S) + w.value(S))
    phi_v, phi_w, phi = shapley_value(v), shapley_value(w), shapley_value(total)
    assert all(phi[p] == phi_v[p] + phi_w[p] for p in v.players)


@settings(max_examples=60)
@given(games(), st.randoms(use_true_random=False))
def test_relabelling_invariance(game: CoalitionalGame, rnd: object) -> None:
    order = list(game.players)
    rnd.shuffle(order)  # type: ignore[attr-defined]
    permuted = CoalitionalGame(order, game.value)
    assert shapley_value(permuted) == shapley_value(game)
    assert banzhaf_index(permuted, normalized=False) == banzhaf_index(game, normalized=False)
    renamed = game.rename({p: p.lower() for p in game.players})
    assert shapley_value(renamed) == {p.lower(): v for p, v in shapley_value(game).items()}
    assert core(permuted).least_core_epsilon == core(game).least_core_epsilon


@settings(max_examples=60)
@given(
    games(),
    st.fractions(min_value=F(1, 10), max_value=10, max_denominator=10),
    st.lists(st.integers(-5, 5), min_size=5, max_size=5),
)
def test_positive_affine_transform(game: CoalitionalGame, a: Fraction, b: list[int]) -> None:
    shift = dict(zip(game.players, b, strict=False))
    moved = CoalitionalGame(game.players, lambda S: a * game.value(S) + sum(shift[p] for p in S))
    phi, old = shapley_value(moved), shapley_value(game)
    assert all(phi[p] == a * old[p] + shift[p] for p in game.players)
    # the least core moves the same way: eps* scales by a
    if game.n_players > 1:
        assert core(moved).least_core_epsilon == a * core(game).least_core_epsilon


@settings(max_examples=80)
@given(st.lists(st.integers(0, 12), min_size=1, max_size=8), st.data())
def test_dynamic_programme_agrees_with_subset_formula(weights: list[int], data: st.DataObject) -> None:
    total = sum(weights)
    if total == 0:
        weights = [*weights[:-1], 1]
        total = sum(weights)
    quota = data.draw(st.integers(1, total))
    w = weighted_voting_game(weights, quota)
    assert shapley_value(w, method="dp") == shapley_value(w, method="subsets")
    assert banzhaf_index(w, method="dp", normalized=False) == banzhaf_index(
        w, method="subsets", normalized=False
    )


@settings(max_examples=30)
@given(st.lists(st.fractions(min_value=0, max_value=5, max_denominator=6), min_size=2, max_size=6), st.data())
def test_dynamic_programme_with_fraction_weights(weights: list[Fraction], data: st.DataObject) -> None:
    total = sum(weights)
    if total == 0:
        return
    quota = total * data.draw(st.fractions(min_value=F(1, 7), max_value=1, max_denominator=7))
    w = weighted_voting_game(weights, quota)
    assert shapley_value(w, method="dp") == shapley_value(w, method="subsets")
