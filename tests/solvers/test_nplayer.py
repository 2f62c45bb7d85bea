"""Exact support enumeration for n-player games (``nea_games.solvers.nplayer``).

Expected equilibria are derived by hand in comments, or computed here
independently by solving the indifference conditions with sympy; pygambit's
``enumpoly`` is an optional cross-check, run through a Gambit file in a
subprocess (it is GPL-licensed, and it can hang on some games).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from fractions import Fraction as F
from itertools import product

import numpy as np
import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import nea_games
from literature_games import GAMES, LiteratureGame
from nea_games import NormalFormGame
from nea_games.errors import (
    BudgetExceededError,
    ParametricGameError,
    UnsupportedGameError,
    ValidationError,
)
from nea_games.solvers.nplayer import estimate_support_profiles, solve_nplayer_support
from nea_games.solvers.result import Equilibrium, EquilibriumSet
from nea_games.strategies import bimatrix_games, normal_form_games

# McKelvey & McLennan (1997), Gambit's contrib/games/2x2x2.nfg: payoffs (u1, u2, u3) by profile.
MM_PAYOFFS = {
    ("1", "1", "1"): (9, 8, 12),
    ("2", "1", "1"): (0, 0, 0),
    ("1", "2", "1"): (0, 0, 0),
    ("2", "2", "1"): (9, 8, 2),
    ("1", "1", "2"): (0, 0, 0),
    ("2", "1", "2"): (3, 4, 6),
    ("1", "2", "2"): (3, 4, 6),
    ("2", "2", "2"): (0, 0, 0),
}


def mm_game() -> NormalFormGame:
    return NormalFormGame(["P1", "P2", "P3"], [["1", "2"]] * 3, MM_PAYOFFS, title="2x2x2")


def _strategies(eqs: EquilibriumSet) -> set[tuple[tuple[F, ...], ...]]:
    return {eq.strategies for eq in eqs}


def _indifference_solutions(game: NormalFormGame) -> list[tuple[sympy.Expr, ...]]:
    """Totally mixed equilibria of a 2x2x2 game, from the indifference conditions solved by sympy.

    With p, q, r the probabilities of each player's first action, player i is
    indifferent when u_i(first, others) = u_i(second, others).
    """
    p, q, r = sympy.symbols("p q r")
    mix = [(p, 1 - p), (q, 1 - q), (r, 1 - r)]
    equations = []
    for i in range(3):
        gain = 0
        for profile in product(range(2), repeat=3):
            if profile[i] != 0:
                continue
            weight = sympy.Integer(1)
            for j in range(3):
                if j != i:
                    weight *= mix[j][profile[j]]
            deviation = list(profile)
            deviation[i] = 1
            u = game.payoffs[i]
            gain += (sympy.Rational(str(u[profile])) - sympy.Rational(str(u[tuple(deviation)]))) * weight
        equations.append(sympy.expand(gain))
    solutions = sympy.solve(equations, [p, q, r], dict=True)
    inside = []
    for s in solutions:
        values = tuple(sympy.nsimplify(s[v]) for v in (p, q, r))
        if all(v.is_real and 0 < v < 1 for v in values):
            inside.append(values)
    return inside


# --------------------------------------------------------------------------- the 2x2x2 game
def test_mckelvey_mclennan_has_nine_equilibria_two_totally_mixed() -> None:
    game = mm_game()
    start = time.perf_counter()
    eqs = solve_nplayer_support(game)
    assert time.perf_counter() - start < 5  # about 0.1 s on a laptop
    assert len(eqs) == 9 and eqs.complete and eqs.exact and eqs.degenerate is False
    assert all(eq.regret() == 0 for eq in eqs)
    assert eqs.method == "support_enumeration"
    totally_mixed = [eq for eq in eqs if all(len(s) == 2 for s in eq.support)]
    assert len(totally_mixed) == 2
    # independent derivation: solve the three indifference equations with sympy
    expected = _indifference_solutions(game)
    assert len(expected) == 2
    found = {tuple(s[0] for s in eq.strategies) for eq in totally_mixed}
    assert found == {tuple(F(str(v)) for v in values) for values in expected}
    assert found == {(F(1, 2), F(2, 5), F(1, 4)), (F(2, 5), F(1, 2), F(1, 3))}


def test_mckelvey_mclennan_pure_and_partially_mixed_equilibria_by_hand() -> None:
    eqs = solve_nplayer_support(mm_game())
    h, one, two = F(1, 2), (F(1), F(0)), (F(0), F(1))
    expected_partial = {
        # P3 plays 1: P1 gets 9q from action 1 and 9(1-q) from 2, so q = 1/2; likewise P2 needs p = 1/2.
        # P3 then gets 12pq + 2(1-p)(1-q) = 7/2 from 1 and 6(1-p)q + 6p(1-q) = 3 from 2: no deviation.
        ((h, h), (h, h), one),
        # P2 plays 1: P1 gets 9r from 1 and 3(1-r) from 2, so r = 1/4; P3 gets 12p from 1 and
        # 6(1-p) from 2, so p = 1/3. P2 gets 8pr + 4(1-p)(1-r) = 8/3 from 1, 8(1-p)r + 4p(1-r) = 7/3 from 2.
        ((F(1, 3), F(2, 3)), one, (F(1, 4), F(3, 4))),
        # P1 plays 2: P2 gets 4(1-r) from 1 and 8r from 2, so r = 1/3; P3 gets 6q from 2 and
        # 2(1-q) from 1, so q = 1/4. P1 gets 9qr + 3(1-q)(1-r) = 9/4 from 1, 9(1-q)r + 3q(1-r) = 11/4 from 2.
        (two, (F(1, 4), F(3, 4)), (F(1, 3), F(2, 3))),
    }
    pure = {tuple(one if k == 0 else two for k in index) for index in nea_games.pure_equilibria(mm_game())}
    assert len(pure) == 4
    partial = {eq.strategies: eq.payoffs for eq in eqs.mixed() if not all(len(s) == 2 for s in eq.support)}
    assert set(partial) == expected_partial
    assert partial[((h, h), (h, h), one)][2] == F(7, 2)
    assert partial[((F(1, 3), F(2, 3)), one, (F(1, 4), F(3, 4)))][1] == F(8, 3)
    assert partial[(two, (F(1, 4), F(3, 4)), (F(1, 3), F(2, 3)))][0] == F(11, 4)
    assert {eq.strategies for eq in eqs.pure()} == pure


def test_float_payoffs_give_the_same_equilibria_as_floats() -> None:
    exact = mm_game()
    floats = NormalFormGame(exact.players, exact.actions, exact.float_payoffs())
    eqs = solve_nplayer_support(floats)
    assert not eqs.exact and eqs.complete
    assert eqs.isclose([eq.to_float() for eq in solve_nplayer_support(exact)])
    assert any("floating-point" in note for note in eqs.notes)


# --------------------------------------------------------------------------- hand-derived 3-player games
def test_public_goods_game_has_only_the_pure_free_riding_equilibrium() -> None:
    # Three players contribute (C) or not (D): V_i = (1 - x_i) + (2/3)(x_1 + x_2 + x_3).
    # Contributing costs 1 and returns 2/3 to oneself, so D strictly dominates C.
    payoffs = np.empty((3, 2, 2, 2), dtype=object)
    for profile in product(range(2), repeat=3):
        x = [1 - a for a in profile]  # action 0 is C
        for i in range(3):
            payoffs[(i, *profile)] = (1 - x[i]) + F(2, 3) * sum(x)
    game = NormalFormGame(["A", "B", "C"], [["C", "D"]] * 3, payoffs)
    assert estimate_support_profiles(game) == 1
    eqs = solve_nplayer_support(game)
    assert [eq.pure_profile for eq in eqs] == [("D", "D", "D")]
    assert eqs.complete and eqs[0].payoffs == (1, 1, 1)


def test_three_player_matching_pennies_has_a_unique_totally_mixed_equilibrium() -> None:
    # Jordan (1993)-style cycle: P1 wants to match P2 (gets 1 on (H,H), 2 on (T,T)); P2 wants to
    # match P3 (1 on (H,H), 3 on (T,T)); P3 wants to mismatch P1 (1 for H against T, 4 for T
    # against H); everything else pays 0.
    # No player is pure: if P1 plays H, P3 plays T, P2 plays T, and then P1 prefers T (and
    # symmetrically from T). So P1 mixes, which needs q(H of P2) = 2/(1+2) = 2/3; then P2 mixes,
    # which needs r(H of P3) = 3/(1+3) = 3/4; then P3 mixes, which needs 1 - p = 4p, p = 1/5.
    payoffs = np.zeros((3, 2, 2, 2), dtype=object)
    H, T = 0, 1
    for a1, a2, a3 in product(range(2), repeat=3):
        payoffs[0, a1, a2, a3] = {(H, H): 1, (T, T): 2}.get((a1, a2), 0)
        payoffs[1, a1, a2, a3] = {(H, H): 1, (T, T): 3}.get((a2, a3), 0)
        payoffs[2, a1, a2, a3] = {(H, T): 1, (T, H): 4}.get((a3, a1), 0)
    game = NormalFormGame(["P1", "P2", "P3"], [["H", "T"]] * 3, payoffs)
    eqs = solve_nplayer_support(game)
    assert eqs.complete and len(eqs) == 1
    (eq,) = eqs
    assert eq.strategies == ((F(1, 5), F(4, 5)), (F(2, 3), F(1, 3)), (F(3, 4), F(1, 4)))
    # payoffs: P1 gets q = 2/3 from H, P2 gets r = 3/4, P3 gets 1 - p = 4/5
    assert eq.payoffs == (F(2, 3), F(3, 4), F(4, 5))


def test_irrational_equilibrium_is_certified_and_returned_as_floats_with_exact_values_in_notes() -> None:
    payoffs = [
        [[[1, 4], [0, 1]], [[0, 4], [3, 3]]],
        [[[1, 4], [0, 2]], [[1, 2], [1, 4]]],
        [[[2, 0], [1, 0]], [[3, 4], [1, 4]]],
    ]
    game = NormalFormGame.from_array(payoffs)
    eqs = solve_nplayer_support(game)
    assert eqs.complete and len(eqs) == 3 and len(eqs.pure()) == 2
    (mixed,) = eqs.mixed()
    assert not mixed.exact and mixed.is_equilibrium() and float(mixed.regret()) <= 1e-12
    expected = _indifference_solutions(game)  # the independent computation
    assert len(expected) == 1
    assert [s[0] for s in mixed.strategies] == pytest.approx([float(v) for v in expected[0]], abs=1e-12)
    assert sympy.simplify(expected[0][2] - (sympy.sqrt(6) - 2)) == 0  # r = sqrt(6) - 2, irrational
    assert any("sqrt(6)" in note and "exact=False" in note for note in eqs.notes)


# --------------------------------------------------------------------------- two players
@pytest.mark.parametrize("case", GAMES, ids=[g.name for g in GAMES])
def test_two_player_literature_games(case: LiteratureGame) -> None:
    eqs = solve_nplayer_support(case.game)
    assert eqs.complete and eqs.exact
    assert {eq.strategies: eq.payoffs for eq in eqs} == dict(zip(case.equilibria, case.payoffs, strict=True))


@settings(max_examples=15)
@given(bimatrix_games(min_actions=2, max_actions=3))
def test_two_player_games_agree_with_pure_equilibria_and_vertex_enumeration(game: NormalFormGame) -> None:
    eqs = solve_nplayer_support(game)
    assert all(eq.regret() == 0 for eq in eqs if eq.exact)
    found = {eq.pure_profile_index for eq in eqs.pure()}
    assert set(nea_games.pure_equilibria(game)) <= found
    if eqs.complete:
        assert len(eqs) >= 1
    vertex = nea_games.solve(game, method="vertex_enumeration")
    if eqs.degenerate is False and vertex.degenerate is False:
        assert _strategies(eqs) == _strategies(vertex)


# --------------------------------------------------------------------------- properties
@settings(max_examples=20)
@given(normal_form_games(players=3, actions=2, min_value=-3, max_value=3))
def test_every_returned_profile_is_an_equilibrium(game: NormalFormGame) -> None:
    eqs = solve_nplayer_support(game)
    for eq in eqs:
        assert eq.regret() == 0 if eq.exact else eq.is_equilibrium(tol=1e-9)
    assert set(nea_games.pure_equilibria(game)) <= {eq.pure_profile_index for eq in eqs.pure()}
    if eqs.complete:
        assert len(eqs) >= 1  # Nash's theorem
    else:
        assert eqs.degenerate and any("not complete" in note for note in eqs.notes)


@settings(max_examples=6)
@given(normal_form_games(players=3, actions=(2, 3), min_value=-20, max_value=20), st.permutations(range(3)))
def test_permuting_players_permutes_the_equilibria(game: NormalFormGame, order: list[int]) -> None:
    assume(estimate_support_profiles(game) <= 100)
    eqs = solve_nplayer_support(game)
    assume(eqs.complete)  # representatives of a continuum depend on the variable order
    permuted = game.permute_players(order)
    expected = [
        Equilibrium.from_strategies(permuted, [eq.strategies[k] for k in order], exact=eq.exact) for eq in eqs
    ]
    assert solve_nplayer_support(permuted).isclose(expected)


# --------------------------------------------------------------------------- budgets and validation
def test_budget_on_supports_raises_or_returns_a_flagged_partial_result() -> None:
    game = mm_game()
    assert estimate_support_profiles(game) == 27
    with pytest.raises(BudgetExceededError, match="max_supports=5"):
        solve_nplayer_support(game, max_supports=5)
    partial = solve_nplayer_support(game, max_supports=5, on_budget="partial")
    assert not partial.complete and partial.degenerate is None
    assert any("max_supports=5" in note for note in partial.notes)
    assert 1 <= len(partial) <= 5 and all(eq.regret() == 0 for eq in partial)
    assert _strategies(partial) <= _strategies(solve_nplayer_support(game))
    assert len(solve_nplayer_support(game, max_supports=27)) == 9


def test_time_limit_raises_or_returns_a_flagged_partial_result() -> None:
    with pytest.raises(BudgetExceededError, match="time_limit"):
        solve_nplayer_support(mm_game(), time_limit=0)
    partial = solve_nplayer_support(mm_game(), time_limit=0, on_budget="partial")
    assert not partial.complete and len(partial) == 0
    assert any("time_limit=0" in note for note in partial.notes)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="the limit interrupts through SIGALRM")
def test_time_limit_interrupts_a_long_polynomial_system() -> None:
    # With five players of two actions, sympy's Gröbner bases for the systems where four or five
    # players mix take minutes; the limit must still hold (it interrupts the computation).
    rng = np.random.default_rng(0)
    game = NormalFormGame.from_array(rng.integers(-9, 10, size=(5, 2, 2, 2, 2, 2)))
    start = time.perf_counter()
    partial = solve_nplayer_support(game, time_limit=1.5, on_budget="partial")
    assert time.perf_counter() - start < 5
    assert not partial.complete and any("time_limit=1.5s" in note for note in partial.notes)
    assert all(eq.regret() == 0 if eq.exact else eq.is_equilibrium() for eq in partial)
    assert set(nea_games.pure_equilibria(game)) <= {eq.pure_profile_index for eq in partial.pure()}


def test_invalid_arguments_are_rejected_clearly() -> None:
    with pytest.raises(ValidationError, match="on_budget"):
        solve_nplayer_support(mm_game(), on_budget="ignore")
    with pytest.raises(ValidationError, match="max_supports"):
        solve_nplayer_support(mm_game(), max_supports=-1)
    with pytest.raises(ValidationError, match="time_limit"):
        solve_nplayer_support(mm_game(), time_limit=-1.0)
    with pytest.raises(UnsupportedGameError):
        solve_nplayer_support([[1, 2], [3, 4]])  # type: ignore[arg-type]
    b = sympy.Symbol("b")
    with pytest.raises(ParametricGameError, match="subs"):
        solve_nplayer_support(NormalFormGame.from_array([[[b, 0], [0, 1]], [[1, 0], [0, b]]]))


def test_progress_bar_can_be_forced_on_or_off() -> None:
    assert len(solve_nplayer_support(mm_game(), progress=True)) == 9
    assert len(solve_nplayer_support(mm_game(), progress=False)) == 9


# --------------------------------------------------------------------------- degenerate games
def test_constant_game_is_flagged_degenerate_and_lists_the_extreme_equilibria() -> None:
    # Every profile is an equilibrium: the equilibrium set is the whole cube of mixed profiles,
    # a polytope whose vertices are the 8 pure profiles.
    game = NormalFormGame.from_array(np.ones((3, 2, 2, 2), dtype=int))
    start = time.perf_counter()
    eqs = solve_nplayer_support(game)
    assert time.perf_counter() - start < 10
    assert eqs.degenerate is True and eqs.complete
    assert len(eqs) == 8 and len(eqs.pure()) == 8
    assert eqs.components == (tuple(range(8)),)
    assert any("polytope" in note for note in eqs.notes)


def test_duplicate_action_gives_a_segment_of_equilibria_with_both_ends() -> None:
    # Player 3 has two identical actions and the others' payoffs ignore them. P1 and P2 play a
    # pure coordination game with (a1, a1) paying 2 and (a2, a2) paying 1; P3 can mix freely.
    payoffs = np.zeros((3, 2, 2, 2), dtype=int)
    for a3 in range(2):
        payoffs[0, 0, 0, a3] = payoffs[1, 0, 0, a3] = 2
        payoffs[0, 1, 1, a3] = payoffs[1, 1, 1, a3] = 1
    game = NormalFormGame.from_array(payoffs)
    eqs = solve_nplayer_support(game)
    assert eqs.degenerate and eqs.complete
    assert all(eq.regret() == 0 for eq in eqs)
    # each P1/P2 equilibrium ((a1,a1), (a2,a2), and the mix 1/3, 1/3) combined with P3's two pure ends
    assert len(eqs) == 6 and len(eqs.components) == 3
    for component in eqs.components:
        p3 = {eqs[k].strategies[2] for k in component}
        assert p3 == {(F(1), F(0)), (F(0), F(1))}


def test_nonlinear_continuum_is_reported_as_not_complete() -> None:
    payoffs = [
        [[[0, 1], [0, 1]], [[0, 1], [-1, 1]]],
        [[[0, 0], [1, 0]], [[-1, -1], [-1, -1]]],
        [[[0, 0], [-1, -1]], [[-1, 0], [0, -1]]],
    ]
    eqs = solve_nplayer_support(NormalFormGame.from_array(payoffs))
    assert eqs.degenerate is True and not eqs.complete
    assert any("nonlinear" in note for note in eqs.notes)
    assert len(eqs) >= 1 and all(eq.regret() == 0 for eq in eqs)


# --------------------------------------------------------------------------- pygambit cross-check
_GAMBIT_SCRIPT = """
import io, json, sys
import pygambit as gbt
game = gbt.read_nfg(io.BytesIO(sys.stdin.buffer.read()))
result = gbt.nash.enumpoly_solve(game)
print(json.dumps([[[float(eq[s]) for s in p.strategies] for p in game.players] for eq in result.equilibria]))
"""


def _enumpoly(game: NormalFormGame, timeout: float = 30) -> list[list[list[float]]]:
    pytest.importorskip("pygambit")
    from nea_games.io import gambit

    try:
        done = subprocess.run(
            [sys.executable, "-c", _GAMBIT_SCRIPT],
            input=gambit.to_string(game).encode(),
            capture_output=True,
            timeout=timeout,
            check=True,
        )
    except subprocess.TimeoutExpired:
        pytest.skip("pygambit's enumpoly did not finish")
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _contains(eqs: EquilibriumSet, profile: list[list[float]]) -> bool:
    theirs = [y for strategy in profile for y in strategy]
    for eq in eqs:
        ours = [float(x) for strategy in eq.strategies for x in strategy]
        if all(abs(x - y) < 1e-6 for x, y in zip(ours, theirs, strict=True)):
            return True
    return False


def test_pygambit_enumpoly_agrees_on_the_2x2x2_game() -> None:
    theirs = _enumpoly(mm_game())
    ours = solve_nplayer_support(mm_game())
    assert len(theirs) == len(ours) == 9
    assert all(_contains(ours, profile) for profile in theirs)


@pytest.mark.parametrize(("shape", "seed"), [((2, 2, 2), 2), ((2, 2, 2), 5), ((2, 2, 3), 0), ((2, 2, 3), 2)])
def test_every_pygambit_enumpoly_equilibrium_is_found(shape: tuple[int, ...], seed: int) -> None:
    # enumpoly (pygambit 16.x) misses equilibria of some random games (it even returns none for
    # some, which Nash's theorem rules out; compare gambitproject/gambit#474 on 2x2x2.nfg), and can
    # hang (gambit#1055), so the check is one-way and skips on a timeout. Every equilibrium we
    # return is verified on the game anyway.
    rng = np.random.default_rng(seed)
    game = NormalFormGame.from_array(rng.integers(-9, 10, size=(len(shape), *shape)))
    ours = solve_nplayer_support(game)
    assert ours.complete
    assert all(_contains(ours, profile) for profile in _enumpoly(game))


def test_four_players() -> None:
    rng = np.random.default_rng(3)
    game = NormalFormGame.from_array(rng.integers(-9, 10, size=(4, 2, 2, 2, 2)))
    eqs = solve_nplayer_support(game)
    assert eqs.complete and len(eqs) >= 1
    assert all(eq.regret() == 0 if eq.exact else eq.is_equilibrium() for eq in eqs)
    assert set(nea_games.pure_equilibria(game)) <= {eq.pure_profile_index for eq in eqs.pure()}


# --------------------------------------------------------------------------- the exact algebra underneath
def test_polynomial_systems_that_are_not_in_shape_position() -> None:
    from nea_games.solvers._polynomial import MPoly, solve_system

    x, y = MPoly.variable(0), MPoly.variable(1)
    # two solutions sharing y: the last variable does not separate them (a random form does)
    assert sorted(p.coords for p in solve_system([x * x - 1, y - 1], [], 2).points) == [(-1, 1), (1, 1)]
    # a fat point (x^2, xy, y^2): not radical, needs the square-free eliminants (Seidenberg)
    assert [p.coords for p in solve_system([x * x, x * y, y * y], [], 2).points] == [(0, 0)]
    # inequalities filter solutions exactly
    assert [p.coords for p in solve_system([x * x - 1, y - 1], [-x], 2).points] == [(1, 1)]


def test_signs_at_an_algebraic_point_are_exact() -> None:
    from nea_games.solvers._polynomial import MPoly, solve_system

    x, y = MPoly.variable(0), MPoly.variable(1)
    (point,) = solve_system([x * x * x - 2, y - x * x], [], 2).points  # x = 2^(1/3), y = 2^(2/3)
    assert not point.is_rational
    assert point.sign(x * x * x - 2) == 0 and point.sign(x * y - 2) == 0
    assert point.sign(x - F(126, 100)) == -1 and point.sign(x - F(1259, 1000)) == 1  # 1.2599...
    assert point.as_floats(y) == pytest.approx(2 ** (2 / 3), abs=1e-15)
    assert point.exact(x) is None  # cubic: no radical form is offered
