"""Vertex enumeration: textbook equilibria derived by hand, Gambit cross-checks, properties, bad input.

Every expected equilibrium below is derived in a comment from the indifference
conditions; nothing is copied from the solver's output.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import nea_games
from nea_games import EquilibriumSet, NormalFormGame
from nea_games._numeric import deviation_payoffs, expected_payoffs
from nea_games.errors import ParametricGameError, UnsupportedGameError, ValidationError
from nea_games.solvers import _polytope
from nea_games.solvers._bimatrix import build_equilibrium
from nea_games.solvers.support_enumeration import solve_support_enumeration
from nea_games.solvers.vertex_enumeration import maximal_nash_subsets, solve_vertex_enumeration

Profile = tuple[tuple[F, ...], ...]


def _p(*vectors: tuple[Any, ...]) -> Profile:
    return tuple(tuple(F(v) for v in vector) for vector in vectors)


def profiles(result: Any) -> set[Profile]:
    return {eq.strategies for eq in result}


def component_sets(result: Any) -> set[frozenset[Profile]]:
    return {frozenset(result[k].strategies for k in component) for component in result.components}


# --------------------------------------------------------------------------- textbook games
def test_matching_pennies() -> None:
    # Each player must make the other indifferent: Row's q solves q - (1-q) = -q + (1-q), q = 1/2;
    # likewise p = 1/2. No pure profile is stable. Value 0.
    g = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    result = solve_vertex_enumeration(g)
    assert profiles(result) == {_p((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))}
    assert result[0].payoffs == (0, 0) and result[0].regret() == 0
    assert result.complete and result.degenerate is False and result.exact
    assert result.method == "vertex_enumeration"


def test_battle_of_the_sexes() -> None:
    # A=[[2,0],[0,1]], B=[[1,0],[0,2]]. Pure: (0,0) and (1,1) are mutual best responses.
    # Mixed: Column indifferent when 1*p = 2*(1-p) -> p = 2/3; Row indifferent when 2q = 1-q -> q = 1/3.
    # Payoffs at the mixed one: Row 2q = 2/3, Column p = 2/3.
    g = NormalFormGame.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    result = solve_vertex_enumeration(g)
    mixed = _p((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))
    assert profiles(result) == {_p((1, 0), (1, 0)), _p((0, 1), (0, 1)), mixed}
    assert next(eq for eq in result if eq.strategies == mixed).payoffs == (F(2, 3), F(2, 3))
    assert [eq.is_pure for eq in result] == [True, False, True]  # canonical order of EquilibriumSet


def test_rock_paper_scissors() -> None:
    # Against the uniform mix every action earns 0, and any other mix is exploited: unique uniform eq.
    g = NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    third = (F(1, 3),) * 3
    assert profiles(solve_vertex_enumeration(g)) == {(third, third)}


def test_three_by_three_coordination_game_has_seven_equilibria() -> None:
    # Both players get a_k = (3, 2, 1)[k] when they match on action k, else 0. For every nonempty
    # support S the opponent must equalise a_k y_k on S: y_k proportional to 1/a_k; actions outside S
    # earn 0 < value. So one equilibrium per support: 7. Full support: y ∝ (1/3, 1/2, 1) = (2, 3, 6)/11,
    # value 6/11.
    a = [[3, 0, 0], [0, 2, 0], [0, 0, 1]]
    g = NormalFormGame.bimatrix(a, a)
    expected = set()
    weights = (F(1, 3), F(1, 2), F(1))
    for size in (1, 2, 3):
        for support in itertools.combinations(range(3), size):
            total = sum(weights[k] for k in support)
            mix = tuple(weights[k] / total if k in support else F(0) for k in range(3))
            expected.add((mix, mix))
    result = solve_vertex_enumeration(g)
    assert profiles(result) == expected and len(expected) == 7
    full = next(eq for eq in result if len(eq.support[0]) == 3)
    assert full.strategies[0] == (F(2, 11), F(3, 11), F(6, 11)) and full.payoffs == (F(6, 11), F(6, 11))
    assert result.degenerate is False


def test_von_stengel_degenerate_game_extreme_equilibria_and_components() -> None:
    # A=[[3,3],[2,5],[0,6]], B=[[3,3],[2,6],[3,1]] (von Stengel 2007's 3x2 example, made degenerate by
    # giving Column 3 with both columns against the top row). Against y=(q,1-q) rows pay 3, 5-3q, 6-6q:
    # best rows are {2} for q<1/3, {1,2} at 1/3, {1} on (1/3,2/3), {0,1} at 2/3, {0} above.
    # Against x Column's columns differ by c0-c1 = -4 x1 + 2 x2.
    # - q in [2/3,1]: x = (1,0,0) (at q=2/3 x must still make Column indifferent: -4 x1 = 0), and
    #   then c0 = c1 = 3, so Column may mix: a segment with extreme points q = 1 and q = 2/3.
    # - q = 1/3: x = (0,p,1-p) with -4p + 2(1-p) = 0, p = 1/3: isolated equilibrium.
    # - q in (1/3,2/3): x = (0,1,0) makes col1 strictly better, contradiction; q in (0,1/3): x = (0,0,1)
    #   makes col0 strictly better, contradiction; q = 0: x = (0,0,1) again, contradiction.
    # So 3 extreme equilibria in 2 components; payoffs at the isolated one: Row 5-3/3 = 4, Column 8/3.
    g = NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    result = solve_vertex_enumeration(g)
    top_pure = _p((1, 0, 0), (1, 0))
    top_mixed = _p((1, 0, 0), (F(2, 3), F(1, 3)))
    isolated = _p((0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))
    assert profiles(result) == {top_pure, top_mixed, isolated}
    assert result.degenerate is True and result.complete
    assert component_sets(result) == {frozenset({top_pure, top_mixed}), frozenset({isolated})}
    assert any("degenerate" in note for note in result.notes)
    assert next(eq for eq in result if eq.strategies == isolated).payoffs == (F(4), F(8, 3))
    subsets = {frozenset(result[k].strategies for k in s) for s in maximal_nash_subsets(result)}
    assert subsets == component_sets(result)


def test_constant_game_every_pure_profile_is_extreme() -> None:
    # A = B = all ones: every profile is an equilibrium; the equilibrium set is the whole square,
    # whose extreme points are the four pure profiles: one component, one maximal Nash subset.
    g = NormalFormGame.bimatrix([[1, 1], [1, 1]], [[1, 1], [1, 1]])
    result = solve_vertex_enumeration(g)
    pure = {_p(r, c) for r in ((1, 0), (0, 1)) for c in ((1, 0), (0, 1))}
    assert profiles(result) == pure
    assert result.degenerate and result.components == ((0, 1, 2, 3),)
    assert maximal_nash_subsets(result) == [(0, 1, 2, 3)]


def test_duplicated_row_gives_a_segment_of_equilibria() -> None:
    # Rows 0 and 1 are copies (A and B). Column's payoff is (1,0) against either copy and (0,1)
    # against row 2; Row's payoff is (2,0) from the copies and (0,1) from row 2 against (col0, col1).
    # Col0 makes the copies best (2 > 0), and against any mix of the copies col0 is best: the segment
    # {(p, 1-p, 0)} x {col0}, extreme points p = 0, 1. Against col1 row 2 is best, and against row 2
    # col1 is best: pure (row 2, col1). Mixed row2/copies with col mix: Row indifferent 2q = 1-q,
    # q = 1/3; Column indifferent when the copies' weight s equals row 2's weight 1-s: s = 1/2 split
    # freely between the copies: extreme points (1/2, 0, 1/2) and (0, 1/2, 1/2) with (1/3, 2/3).
    a = [[2, 0], [2, 0], [0, 1]]
    b = [[1, 0], [1, 0], [0, 1]]
    result = solve_vertex_enumeration(NormalFormGame.bimatrix(a, b))
    h, third = F(1, 2), (F(1, 3), F(2, 3))
    expected = {
        _p((1, 0, 0), (1, 0)),
        _p((0, 1, 0), (1, 0)),
        _p((0, 0, 1), (0, 1)),
        _p((h, 0, h), third),
        _p((0, h, h), third),
    }
    assert profiles(result) == expected and result.degenerate
    assert component_sets(result) == {
        frozenset({_p((1, 0, 0), (1, 0)), _p((0, 1, 0), (1, 0))}),
        frozenset({_p((0, 0, 1), (0, 1))}),
        frozenset({_p((h, 0, h), third), _p((0, h, h), third)}),
    }


def test_maximal_nash_subsets_differ_from_components() -> None:
    # A=[[2,0],[2,0]] (Row always indifferent), B=[[1,2],[1,0]]: columns pay 1 and 2p against
    # x=(p,1-p). Equilibria: p >= 1/2 with col 1, p <= 1/2 with col 0, p = 1/2 with any y: one
    # connected set with four extreme points, the union of three maximal Nash subsets
    # {(1,0),(1/2,1/2)} x {col1}, {(0,1),(1/2,1/2)} x {col0} and {(1/2,1/2)} x {col0, col1}.
    g = NormalFormGame.bimatrix([[2, 0], [2, 0]], [[1, 2], [1, 0]])
    result = solve_vertex_enumeration(g)
    half, c0, c1 = (F(1, 2), F(1, 2)), (F(1), F(0)), (F(0), F(1))
    x1, x0 = (F(1), F(0)), (F(0), F(1))
    assert profiles(result) == {(x1, c1), (half, c1), (x0, c0), (half, c0)}
    assert result.degenerate and result.components == ((0, 1, 2, 3),)
    subsets = {frozenset(result[k].strategies for k in s) for s in maximal_nash_subsets(result)}
    assert subsets == {
        frozenset({(x1, c1), (half, c1)}),
        frozenset({(x0, c0), (half, c0)}),
        frozenset({(half, c0), (half, c1)}),
    }
    assert "3 maximal Nash subsets in 1 component" in result.notes[0]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # 1x1: the only profile.
        ([[5]], [[-2]], {_p((1,), (1,))}),
        # 1x3: Column best-responds to the single row: B = (1, 5, 5) has two maxima, a segment
        # whose extreme points are the two pure best responses (degenerate).
        ([[3, 1, 2]], [[1, 5, 5]], {_p((1,), (0, 1, 0)), _p((1,), (0, 0, 1))}),
        # 3x1: Row's unique best response against the single column is row 1.
        ([[1], [4], [2]], [[0], [0], [0]], {_p((0, 1, 0), (1,))}),
    ],
)
def test_one_action_players(a: list[list[int]], b: list[list[int]], expected: set[Profile]) -> None:
    result = solve_vertex_enumeration(NormalFormGame.bimatrix(a, b))
    assert profiles(result) == expected and result.complete


def test_float_games_give_float_equilibria_within_tolerance() -> None:
    g = NormalFormGame.bimatrix([[2.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 2.0]])
    result = solve_vertex_enumeration(g)
    assert not result.exact and len(result) == 3
    mixed = result.mixed()[0]
    assert np.allclose(mixed.strategies, [[2 / 3, 1 / 3], [1 / 3, 2 / 3]], atol=1e-12, rtol=0)
    assert all(float(eq.regret()) <= 1e-9 for eq in result)


def test_exact_false_on_an_exact_game_computes_in_floats() -> None:
    g = NormalFormGame.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    exact, floats = solve_vertex_enumeration(g), solve_vertex_enumeration(g, exact=False)
    assert not floats.exact and floats.isclose([eq.to_float() for eq in exact])
    assert floats.degenerate and component_sets(floats) != set()


def test_solve_uses_vertex_enumeration_by_default_for_two_players() -> None:
    g = NormalFormGame.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert nea_games.solve(g).method == "vertex_enumeration"
    assert nea_games.solve(g, method="enummixed") == solve_vertex_enumeration(g)


# --------------------------------------------------------------------------- vertex methods
def _random_game(seed: int, m: int, n: int, high: int = 1000) -> NormalFormGame:
    rng = np.random.default_rng(seed)
    a = rng.integers(-high, high + 1, (m, n)).tolist()
    b = rng.integers(-high, high + 1, (m, n)).tolist()
    return NormalFormGame.bimatrix(a, b)


@pytest.mark.parametrize(("seed", "high"), [(1, 1000), (2, 1000), (3, 2), (4, 1)])
def test_qhull_bases_and_joggled_hull_agree(seed: int, high: int, monkeypatch: pytest.MonkeyPatch) -> None:
    game = _random_game(seed, 6, 5, high)
    reference = solve_vertex_enumeration(game)  # 6x5 uses qhull
    monkeypatch.setattr(_polytope, "BASIS_LIMIT", 10**6)
    by_bases = solve_vertex_enumeration(game)
    assert profiles(by_bases) == profiles(reference)
    assert component_sets(by_bases) == component_sets(reference)

    from scipy.spatial import QhullError

    real = _polytope._hull_vertices

    def failing(coef: Any, norms: Any, joggle: bool, *rest: Any) -> Any:
        if not joggle:
            raise QhullError("simulated precision failure")
        return real(coef, norms, joggle, *rest)

    monkeypatch.setattr(_polytope, "BASIS_LIMIT", 0)
    monkeypatch.setattr(_polytope, "_hull_vertices", failing)
    joggled = solve_vertex_enumeration(game)
    assert profiles(joggled) == profiles(reference)
    assert any("joggled" in note for note in joggled.notes)


def test_more_than_64_labels() -> None:
    # 2 x 63 = 65 labels need two mask words; checked against independent support enumeration.
    game = _random_game(7, 2, 63)
    result = solve_vertex_enumeration(game)
    other = solve_support_enumeration(game)
    assert other.complete and profiles(result) == profiles(other)


# --------------------------------------------------------------------------- Gambit
def _gambit_profiles(game: NormalFormGame) -> set[Profile]:
    gbt = pytest.importorskip("pygambit")
    a, b = (game.payoffs[i].tolist() for i in range(2))
    g = gbt.Game.from_arrays(a, b)
    solved = gbt.nash.enummixed_solve(g, rational=True)
    return {
        tuple(tuple(F(str(p[player][s])) for s in player.strategies) for player in g.players)
        for p in solved.equilibria
    }


@pytest.mark.parametrize("seed", range(30))
def test_same_set_as_gambit_enummixed_on_random_games(seed: int) -> None:
    size = 2 + seed % 5  # 2x2 .. 6x6, with some rectangular shapes
    m, n = size, max(2, size - (seed // 5) % 2)
    game = _random_game(100 + seed, m, n)
    result = solve_vertex_enumeration(game)
    assert result.degenerate is False
    assert profiles(result) == _gambit_profiles(game)
    assert all(eq.regret() == 0 for eq in result)


@pytest.mark.parametrize("seed", range(8))
def test_degenerate_games_contain_every_extreme_equilibrium_gambit_reports(seed: int) -> None:
    game = _random_game(500 + seed, 2 + seed % 3, 2 + seed % 4, high=1)
    result = solve_vertex_enumeration(game)
    assert _gambit_profiles(game) <= profiles(result)
    assert all(eq.regret() == 0 for eq in result)


# --------------------------------------------------------------------------- properties
@st.composite
def integer_games(draw: st.DrawFn, max_size: int = 4, high: int = 6) -> NormalFormGame:
    m, n = draw(st.integers(1, max_size)), draw(st.integers(1, max_size))
    entries = st.integers(-high, high)
    a = draw(st.lists(st.lists(entries, min_size=n, max_size=n), min_size=m, max_size=m))
    b = draw(st.lists(st.lists(entries, min_size=n, max_size=n), min_size=m, max_size=m))
    return NormalFormGame.bimatrix(a, b)


@settings(max_examples=100, deadline=None)
@given(integer_games())
def test_every_returned_profile_is_an_exact_equilibrium(game: NormalFormGame) -> None:
    result = solve_vertex_enumeration(game)
    assert len(result) >= 1  # every finite game has an equilibrium (Nash 1951)
    assert all(eq.exact and eq.regret() == 0 for eq in result)
    if result.degenerate:
        assert sorted(k for c in result.components for k in c) == list(range(len(result)))


@settings(max_examples=40, deadline=None)
@given(integer_games(max_size=5), st.integers(0, 2**32 - 1))
def test_float_games_regret_within_tolerance(game: NormalFormGame, seed: int) -> None:
    noise = np.random.default_rng(seed).random(game.shape)
    floats = NormalFormGame.from_array(game.float_payoffs() + noise)
    result = solve_vertex_enumeration(floats)
    scale = float(np.abs(floats.float_payoffs()).max())
    assert len(result) >= 1
    assert all(float(eq.regret()) <= 1e-9 * max(1.0, scale) for eq in result)


@settings(max_examples=100, deadline=None)
@given(integer_games())
def test_agrees_with_support_enumeration(game: NormalFormGame) -> None:
    vertices, supports = solve_vertex_enumeration(game), solve_support_enumeration(game)
    assert vertices.degenerate == supports.degenerate  # two independent degeneracy tests
    if vertices.degenerate:
        assert profiles(supports) <= profiles(vertices)  # support solutions are vertex pairs
    else:
        assert supports.complete and profiles(supports) == profiles(vertices)


@settings(max_examples=40, deadline=None)
@given(integer_games(max_size=7, high=3))
def test_hull_and_basis_enumeration_agree_on_larger_games(game: NormalFormGame) -> None:
    # Small payoff ranges make many of these degenerate, the hard case for qhull.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_polytope, "BASIS_LIMIT", 0)
        by_hull = solve_vertex_enumeration(game)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_polytope, "BASIS_LIMIT", 10**6)
        by_bases = solve_vertex_enumeration(game)
    assert profiles(by_hull) == profiles(by_bases)
    assert by_hull.degenerate == by_bases.degenerate
    assert component_sets(by_hull) == component_sets(by_bases)


@settings(max_examples=40, deadline=None)
@given(integer_games(max_size=5))
def test_float_arithmetic_finds_the_exact_set(game: NormalFormGame) -> None:
    exact, floats = solve_vertex_enumeration(game), solve_vertex_enumeration(game, exact=False)
    assert floats.isclose([eq.to_float() for eq in exact], tol=1e-9)
    assert floats.degenerate == exact.degenerate

    def flat(profile: Any) -> Any:
        return np.concatenate([np.asarray(s, dtype=float) for s in profile])

    def exact_twin(profile: Any) -> Profile:
        close = (eq for eq in exact if np.abs(flat(eq.strategies) - flat(profile)).max() <= 1e-9)
        return next(close).strategies

    float_components = {frozenset(exact_twin(prof) for prof in c) for c in component_sets(floats)}
    assert float_components == component_sets(exact)


@settings(max_examples=40, deadline=None)
@given(integer_games(), st.randoms(use_true_random=False))
def test_invariant_under_relabelling_actions_and_players(game: NormalFormGame, rnd: Any) -> None:
    m, n = game.n_actions
    rows, cols = list(range(m)), list(range(n))
    rnd.shuffle(rows)
    rnd.shuffle(cols)
    permuted = game.permute_actions(0, rows).permute_actions(1, cols)
    original = profiles(solve_vertex_enumeration(game))
    expected = {(tuple(x[r] for r in rows), tuple(y[c] for c in cols)) for x, y in original}
    result = solve_vertex_enumeration(permuted)
    assert profiles(result) == expected
    swapped = solve_vertex_enumeration(permuted.permute_players([1, 0]))
    assert profiles(swapped) == {(y, x) for x, y in expected}
    assert swapped.degenerate == result.degenerate
    swap_components = {frozenset((y, x) for x, y in c) for c in component_sets(swapped)}
    assert swap_components == component_sets(result)


@settings(max_examples=40, deadline=None)
@given(integer_games(), st.fractions(min_value=F(1, 7), max_value=9), st.fractions(-5, 5), st.integers(0, 1))
def test_invariant_under_positive_affine_transforms(
    game: NormalFormGame, scale: F, shift: F, player: int
) -> None:
    result = solve_vertex_enumeration(game)
    transformed = solve_vertex_enumeration(game.affine_transform(player, scale, shift))
    assert profiles(transformed) == profiles(result)
    assert transformed.degenerate == result.degenerate
    assert component_sets(transformed) == component_sets(result)


# --------------------------------------------------------------------------- bad input
def test_three_players_are_refused() -> None:
    game = NormalFormGame.from_array(np.zeros((3, 2, 2, 2), dtype=int))
    with pytest.raises(UnsupportedGameError, match="2-player"):
        solve_vertex_enumeration(game)


def test_non_games_parameters_and_exact_floats_are_refused() -> None:
    with pytest.raises(UnsupportedGameError):
        solve_vertex_enumeration([[1, 2], [3, 4]])  # type: ignore[arg-type]
    t = sympy.Symbol("t")
    with pytest.raises(ParametricGameError):
        solve_vertex_enumeration(NormalFormGame.bimatrix([[t, 0], [0, 1]], [[1, 0], [0, 1]]))
    with pytest.raises(ValidationError, match="exact=True"):
        solve_vertex_enumeration(NormalFormGame.bimatrix([[1.5, 0]], [[0, 1]]), exact=True)
    three = NormalFormGame.from_array(np.ones((3, 1, 1, 1), dtype=int))
    with pytest.raises(UnsupportedGameError):
        maximal_nash_subsets(EquilibriumSet(three, [], method="hand"))


# --------------------------------------------------------------------------- exact verification on integers
BOS = NormalFormGame.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])


def test_exact_verification_rejects_a_non_equilibrium_built_by_hand() -> None:
    # BoS at x = y = (1/2, 1/2): Row earns 2 * 1/2 = 1 with row 0 and 1 * 1/2 = 1/2 with row 1, so
    # 3/4 on average and regret 1/4; Column likewise (1/2 and 1 against x): payoff 3/4, regret 1/4.
    half = (F(1, 2), F(1, 2))
    eq = nea_games.Equilibrium.from_strategies(BOS, [half, half])
    assert eq.payoffs == (F(3, 4), F(3, 4)) and eq.player_regrets() == (F(1, 4), F(1, 4))
    assert not eq.is_equilibrium()
    assert build_equilibrium(BOS, [F(1), F(1)], [F(1), F(1)], method="hand", exact=True) is None
    # The mixed equilibrium (x, y) = ((2/3, 1/3), (1/3, 2/3)) passes, from unnormalised polytope points.
    mixed = build_equilibrium(BOS, [F(2), F(1)], [F(1), F(2)], method="hand", exact=True)
    assert mixed is not None and mixed.payoffs == (F(2, 3), F(2, 3))


def test_exact_verification_sees_a_perturbation_of_ten_to_the_minus_thirty() -> None:
    # x = (2/3 + e, 1/3 - e), y = (1/3, 2/3): Row is still indifferent (2/3 each). Column earns 2/3 + e
    # from column 0 and 2 (1/3 - e) = 2/3 - 2e from column 1; mixing 1/3 : 2/3 pays
    # (2/3 + e)/3 + 2 (2/3 - 2e)/3 = 2/3 - e, so its regret is exactly (2/3 + e) - (2/3 - e) = 2e.
    # The denominators (3 * 10^30) overflow int64: Python integers are used.
    e = F(1, 10**30)
    x, y = (F(2, 3) + e, F(1, 3) - e), (F(1, 3), F(2, 3))
    eq = nea_games.Equilibrium.from_strategies(BOS, [x, y])
    assert eq.player_regrets() == (0, 2 * e)
    assert build_equilibrium(BOS, list(x), list(y), method="hand", exact=True) is None


@st.composite
def exact_profiles(draw: Any, max_players: int = 3) -> tuple[NormalFormGame, list[list[F]]]:
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=2, max_size=max_players)))
    numbers = st.fractions(min_value=-50, max_value=50, max_denominator=draw(st.sampled_from([1, 7, 10**25])))
    count = len(shape) * int(np.prod(shape))
    payoffs = np.array(draw(st.lists(numbers, min_size=count, max_size=count)), dtype=object)
    game = NormalFormGame.from_array(payoffs.reshape((len(shape), *shape)))
    strategies = []
    for size in shape:
        weights = draw(
            st.lists(st.integers(0, 10 ** draw(st.sampled_from([2, 20]))), min_size=size, max_size=size)
        )
        weights[0] += 1
        strategies.append([F(w, sum(weights)) for w in weights])
    return game, strategies


@settings(max_examples=80, deadline=None)
@given(exact_profiles())
def test_integer_verification_equals_the_fraction_computation(
    case: tuple[NormalFormGame, list[list[F]]],
) -> None:
    # Reference: Fraction tensor contraction of the unscaled payoffs (the former implementation).
    game, strategies = case
    eq = nea_games.Equilibrium.from_strategies(game, strategies)
    expected = expected_payoffs(game.payoffs, strategies)
    assert eq.payoffs == tuple(expected)
    best = [max(deviation_payoffs(game.payoffs, strategies, i).tolist()) for i in range(game.n_players)]
    assert eq.player_regrets() == tuple(b - u for b, u in zip(best, expected, strict=True))
    assert all(isinstance(r, F) and r >= 0 for r in eq.player_regrets())
