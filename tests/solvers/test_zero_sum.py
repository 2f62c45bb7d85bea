"""Zero-sum and constant-sum games by LP, checked against values derived by hand.

Every expected value below is derived in the comment beside it (indifference
conditions, or the graphical method for 2 x n games), not copied from the
solver's output. Properties check the minimax theorem (von Neumann 1928).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import nea_games
from nea_games import NormalFormGame
from nea_games.errors import ParametricGameError, UnsupportedGameError
from nea_games.solvers._exact_lp import solve_fractions
from nea_games.solvers.zero_sum import solve_zero_sum, zero_sum_solution

F = Fraction


def test_matching_pennies() -> None:
    # Each player must make the other indifferent: 1*p - 1*(1-p) = -1*p + 1*(1-p)  =>  p = 1/2, value 0.
    game = NormalFormGame.zero_sum([[1, -1], [-1, 1]], players=["Even", "Odd"], actions=[["H", "T"]] * 2)
    sol = zero_sum_solution(game)
    assert sol.exact
    assert sol.value == 0
    assert sol.row_strategy == (F(1, 2), F(1, 2))
    assert sol.column_strategy == (F(1, 2), F(1, 2))
    assert sol.unique
    assert sol.equilibrium.is_equilibrium()
    assert sol.equilibrium.payoffs == (0, 0)


def test_rock_paper_scissors() -> None:
    # A is skew-symmetric (A = -A^T), so the value is 0; the uniform strategy gives every
    # opposing action the payoff (0 - 1 + 1)/3 = 0, so it guarantees the value on both sides.
    rps = NormalFormGame.zero_sum(
        [[0, -1, 1], [1, 0, -1], [-1, 1, 0]], actions=[["Rock", "Paper", "Scissors"]] * 2
    )
    sol = zero_sum_solution(rps)
    third = F(1, 3)
    assert (sol.value, sol.row_strategy, sol.column_strategy) == (0, (third,) * 3, (third,) * 3)
    assert sol.unique


def test_two_by_three_graphical_method() -> None:
    # A = [[3, -1, 2], [-2, 4, 1]]. With row strategy (p, 1-p) the three columns pay
    #   c1(p) = 5p - 2,  c2(p) = 4 - 5p,  c3(p) = 1 + p.
    # The lower envelope min(c1, c2, c3) peaks where c1 = c2: p = 3/5, value 1 (c3(3/5) = 8/5 > 1,
    # so column 3 is not used). The column player mixes columns 1 and 2 with q, 1-q so that
    # both rows pay the same: 3q - (1-q) = -2q + 4(1-q)  =>  q = 1/2.
    game = NormalFormGame.zero_sum([[3, -1, 2], [-2, 4, 1]])
    sol = zero_sum_solution(game)
    assert sol.value == 1
    assert sol.row_strategy == (F(3, 5), F(2, 5))
    assert sol.column_strategy == (F(1, 2), F(1, 2), F(0))
    assert sol.unique


def test_saddle_point() -> None:
    # Row 1's minimum (2, in column 2) equals column 2's maximum: a pure saddle point, value 2.
    sol = zero_sum_solution(NormalFormGame.zero_sum([[4, 2, 3], [1, 0, 5]]))
    assert (sol.value, sol.row_strategy, sol.column_strategy) == (2, (1, 0), (0, 1, 0))
    assert sol.equilibrium.is_pure


def test_constant_sum_game() -> None:
    # Payoffs add up to 10. Row mixes (p, 1-p): column 1 gives 4 + 2p, column 2 gives 8 - 5p;
    # equal at p = 4/7, value 36/7. Column mixes (q, 1-q): rows give 3 + 3q and 8 - 4q, q = 5/7.
    game = NormalFormGame.bimatrix([[6, 3], [4, 8]], [[4, 7], [6, 2]], players=["Row", "Col"])
    sol = zero_sum_solution(game)
    assert sol.constant == 10
    assert sol.value == F(36, 7)
    assert sol.row_strategy == (F(4, 7), F(3, 7))
    assert sol.column_strategy == (F(5, 7), F(2, 7))
    assert sol.equilibrium.payoffs == (F(36, 7), 10 - F(36, 7))
    eqs = nea_games.solve(game, method="zero_sum")
    assert eqs.method == "zero_sum" and eqs.complete and eqs[0].is_equilibrium()


def test_degenerate_game_is_not_complete() -> None:
    # Every strategy of the row player is optimal when both rows are equal: not a singleton.
    sol = zero_sum_solution(NormalFormGame.zero_sum([[1, 0], [1, 0]]))
    assert sol.value == 0 and sol.column_strategy == (0, 1)
    assert not sol.unique
    eqs = solve_zero_sum(NormalFormGame.zero_sum([[1, 0], [1, 0]]))
    assert not eqs.complete
    assert any("polytope" in note for note in eqs.notes)


def test_float_game_and_alias() -> None:
    # Same as matching pennies scaled by 0.1: value 0 and (1/2, 1/2) within tolerance.
    game = NormalFormGame.zero_sum(np.array([[0.1, -0.1], [-0.1, 0.1]]))
    sol = zero_sum_solution(game)
    assert not sol.exact
    assert sol.value == pytest.approx(0.0, abs=1e-12)
    assert sol.row_strategy == pytest.approx((0.5, 0.5))
    assert nea_games.solve(game, method="lp")[0].is_equilibrium()


def test_float_constant_sum_within_tolerance() -> None:
    a = np.array([[0.3, 0.7], [0.9, 0.2]])
    game = NormalFormGame.bimatrix(a, 1.0 - a + 1e-13)
    sol = zero_sum_solution(game)
    assert sol.constant == pytest.approx(1.0)
    # Row: 0.3p + 0.9(1-p) = 0.7p + 0.2(1-p)  =>  p = 0.7/1.1; value = 0.9 - 0.6p.
    p = 0.7 / 1.1
    assert sol.row_strategy[0] == pytest.approx(p)
    assert sol.value == pytest.approx(0.9 - 0.6 * p)


def test_bad_games() -> None:
    with pytest.raises(UnsupportedGameError, match="neither zero-sum nor constant-sum"):
        zero_sum_solution(NormalFormGame.symmetric([[3, 0], [5, 1]]))
    with pytest.raises(UnsupportedGameError, match="2-player"):
        zero_sum_solution(NormalFormGame.from_array(np.zeros((3, 2, 2, 2), dtype=int)))
    x = sympy.Symbol("x")
    with pytest.raises(ParametricGameError):
        zero_sum_solution(NormalFormGame.zero_sum([[x, 0], [0, 1]]))
    with pytest.raises(UnsupportedGameError):
        nea_games.solve(NormalFormGame.bimatrix([[1, 0]], [[0, 0]]), method="zero_sum")


def test_solve_fractions_singular() -> None:
    assert solve_fractions([[1, 2], [2, 4]], [1, 2]) is None


# --------------------------------------------------------------------------- properties
matrices = st.integers(1, 4).flatmap(
    lambda m: st.integers(1, 5).flatmap(
        lambda n: st.lists(st.lists(st.integers(-5, 5), min_size=n, max_size=n), min_size=m, max_size=m)
    )
)


def envelope_maximin(A: list[list[int]]) -> Fraction:
    """Exact max over p in [0, 1] of min_j (p A[0][j] + (1-p) A[1][j]) for a 2 x n matrix.

    The lower envelope is concave and piecewise linear, so its maximum is at p = 0, p = 1,
    or where two of the lines cross; evaluate it at every such point.
    """
    n = len(A[0])
    lines = [(F(A[0][j] - A[1][j]), F(A[1][j])) for j in range(n)]  # slope, intercept
    candidates = {F(0), F(1)}
    for s1, c1 in lines:
        for s2, c2 in lines:
            if s1 != s2:
                p = (c2 - c1) / (s1 - s2)
                if 0 <= p <= 1:
                    candidates.add(p)
    return max(min(s * p + c for s, c in lines) for p in candidates)


@settings(max_examples=60, deadline=None)
@given(matrices)
def test_minimax_theorem_exactly(A: list[list[int]]) -> None:
    sol = zero_sum_solution(NormalFormGame.zero_sum(A))
    assert sol.exact
    # the row player's guarantee equals what the column player concedes, exactly
    assert sol.row_guarantee() == sol.column_guarantee() == sol.value
    assert sol.exploitability() == 0
    assert sol.equilibrium.regret() == 0
    pure_maximin = max(min(row) for row in A)
    pure_minimax = min(max(col) for col in zip(*A, strict=True))
    assert pure_maximin <= sol.value <= pure_minimax


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 6).flatmap(
        lambda n: st.lists(st.lists(st.integers(-6, 6), min_size=n, max_size=n), min_size=2, max_size=2)
    )
)
def test_value_equals_maximin_of_the_envelope(A: list[list[int]]) -> None:
    assert zero_sum_solution(NormalFormGame.zero_sum(A)).value == envelope_maximin(A)
    # the transposed game -A^T swaps the roles: its value is minus the value
    transposed = (-np.array(A, dtype=int)).T
    assert zero_sum_solution(NormalFormGame.zero_sum(transposed)).value == -envelope_maximin(A)


@settings(max_examples=40, deadline=None)
@given(matrices, st.integers(-7, 7), st.integers(1, 5))
def test_value_is_affine(A: list[list[int]], shift: int, scale: int) -> None:
    base = zero_sum_solution(NormalFormGame.zero_sum(A)).value
    moved = NormalFormGame.zero_sum((scale * np.array(A, dtype=int) + shift).tolist())
    assert zero_sum_solution(moved).value == scale * base + shift


@settings(max_examples=30, deadline=None)
@given(matrices)
def test_float_game_agrees_with_exact(A: list[list[int]]) -> None:
    exact = zero_sum_solution(NormalFormGame.zero_sum(A))
    floats = zero_sum_solution(NormalFormGame.zero_sum(np.array(A, dtype=float) / 3))
    assert floats.value == pytest.approx(float(exact.value) / 3, abs=1e-9)
    assert floats.exploitability() <= 1e-8


def test_against_gambit_lp() -> None:
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(7)
    for _ in range(25):
        A = rng.integers(-3, 4, size=tuple(rng.integers(2, 6, size=2)))
        sol = zero_sum_solution(NormalFormGame.zero_sum(A))
        game = gbt.Game.from_arrays(A, -A)
        eq = gbt.nash.lp_solve(game, rational=True).equilibria[0]
        assert F(str(eq.payoff(next(iter(game.players))))) == sol.value
        # uniqueness claims agree with the number of extreme equilibria Gambit enumerates
        extreme = gbt.nash.enummixed_solve(game, rational=True).equilibria
        assert sol.unique == (len(extreme) == 1)
