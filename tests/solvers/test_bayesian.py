"""Bayes–Nash equilibria and Bayes' rule, checked against hand derivations and properties."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import nea_games
from nea_games import NormalFormGame
from nea_games.errors import (
    BudgetExceededError,
    ParametricGameError,
    ProbabilityError,
    ShapeError,
    UnknownMethodError,
    UnknownNameError,
    UnsupportedGameError,
    ValidationError,
)
from nea_games.games.bayesian import BayesianGame
from nea_games.solvers.bayesian import bayes_nash_equilibria, posterior, pure_bayes_nash_equilibria
from nea_games.solvers.bayesian_result import BayesNashEquilibrium, BayesNashSet


def _nplayer_solver_available() -> bool:
    try:
        nea_games.solve(NormalFormGame.from_array(np.zeros((3, 1, 1, 1), dtype=int)))
    except (ImportError, NotImplementedError):
        return False
    return True


NEEDS_NPLAYER = pytest.mark.skipif(
    not _nplayer_solver_available(),
    reason="n-player support enumeration is not yet registered in nea_games.solve",
)

# ----------------------------------------------------------------------------- entry deterrence
# Fudenberg & Tirole (1991), §6.1.1. The incumbent builds a plant or not; the entrant enters or
# stays out. Building costs the tough incumbent 3/2 and the weak one 3. With y the probability of
# entry and x the probability that the tough type builds, and q the prior on the tough type:
#   * Weak: Don't strictly dominates Build (2 > 0 against Enter, 3 > 2 against Out).
#   * Tough: Build pays 3/2 y + 7/2 (1 - y), Don't pays 2 y + 3 (1 - y); Build is better iff
#     7/2 - 2y > 3 - y, i.e. iff y < 1/2.
#   * Entrant: Enter pays -1 against a builder and +1 otherwise: q x (-1) + (1 - q x) = 1 - 2 q x,
#     so it enters iff x < 1/(2q).
# If q < 1/2, then 1/(2q) > 1 >= x: the entrant always enters, the tough type does not build:
# the unique BNE is (Don't, Don't; Enter). If q > 1/2 there are three BNE:
#   (Build, Don't; Out), (Don't, Don't; Enter), and the mixed x = 1/(2q), y = 1/2.
# The prior threshold is q* = 1/2.
INCUMBENT = {
    "Tough": {
        ("Build", "Enter"): F(3, 2),
        ("Build", "Out"): F(7, 2),
        ("Don't", "Enter"): 2,
        ("Don't", "Out"): 3,
    },
    "Weak": {("Build", "Enter"): 0, ("Build", "Out"): 2, ("Don't", "Enter"): 2, ("Don't", "Out"): 3},
}
ENTRANT = {("Build", "Enter"): -1, ("Build", "Out"): 0, ("Don't", "Enter"): 1, ("Don't", "Out"): 0}


def entry_game(q: Any) -> BayesianGame:
    return BayesianGame(
        ["Incumbent", "Entrant"],
        [["Build", "Don't"], ["Enter", "Out"]],
        {"Incumbent": ["Tough", "Weak"]},
        {"Incumbent": [q, 1 - q]},
        lambda t, a: (INCUMBENT[t[0]][a], ENTRANT[a]),
        title="Entry deterrence",
    )


def expected_entry_equilibria(q: F) -> list[tuple[tuple[F, F], tuple[F, F], tuple[F, F]]]:
    """(tough, weak, entrant) probability vectors, from the derivation above."""
    accommodate = ((F(0), F(1)), (F(0), F(1)), (F(1), F(0)))
    if q < F(1, 2):
        return [accommodate]
    x = 1 / (2 * q)
    return [
        ((F(1), F(0)), (F(0), F(1)), (F(0), F(1))),
        ((x, 1 - x), (F(0), F(1)), (F(1, 2), F(1, 2))),
        accommodate,
    ]


def as_vectors(eq: BayesNashEquilibrium) -> tuple[Any, ...]:
    return (eq.strategies[0][0], eq.strategies[0][1], eq.strategies[1][0])


@pytest.mark.parametrize("q", [F(1, 10), F(1, 4), F(2, 5), F(3, 5), F(3, 4), F(9, 10)])
@pytest.mark.parametrize("form", ["strategic", pytest.param("agent", marks=NEEDS_NPLAYER)])
def test_entry_game_equilibria_match_the_hand_derivation(q: F, form: str) -> None:
    found = bayes_nash_equilibria(entry_game(q), form=form)  # type: ignore[arg-type]
    assert found.complete and found.exact
    assert sorted(map(as_vectors, found)) == sorted(expected_entry_equilibria(q))
    assert all(eq.regret() == 0 and eq.is_equilibrium() for eq in found)


def test_entry_game_threshold_from_the_pure_solver() -> None:
    # A pure BNE that deters entry (tough builds, entrant stays out) needs 1 - 2q <= 0: q >= 1/2.
    for k in range(21):
        q = F(k, 20)
        deterring = [
            eq
            for eq in pure_bayes_nash_equilibria(entry_game(q))
            if eq.strategy("Entrant", "default") == {"Enter": 0, "Out": 1}
        ]
        assert bool(deterring) == (q >= F(1, 2)), q
        if deterring:
            strategies = deterring[0].pure_strategies
            assert strategies is not None and strategies["Incumbent"]["Tough"] == "Build"
            assert strategies["Incumbent"]["Weak"] == ("Don't" if q < 1 else None)  # None: probability 0


def test_entry_game_mixed_equilibrium_values() -> None:
    mixed = bayes_nash_equilibria(entry_game(F(3, 4))).mixed()
    assert len(mixed) == 1
    eq = mixed[0]
    assert eq.strategy("Incumbent", "Tough") == {"Build": F(2, 3), "Don't": F(1, 3)}
    assert eq["Entrant"] == {"default": {"Enter": F(1, 2), "Out": F(1, 2)}}
    # Interim payoffs: tough is indifferent, 3/2 * 1/2 + 7/2 * 1/2 = 5/2; weak plays Don't: 2/2 + 3/2.
    assert eq.interim_payoffs[0] == (F(5, 2), F(5, 2))
    # The entrant is indifferent: payoff 0. Ex ante the incumbent gets 5/2.
    assert eq.payoffs == (F(5, 2), F(0))
    assert eq.label == "Incumbent: Tough→(Build 2/3, Don't 1/3), Weak→Don't; Entrant: (Enter 1/2, Out 1/2)"


def test_float_games_are_solved_within_the_tolerance() -> None:
    found = bayes_nash_equilibria(entry_game(0.75))
    assert len(found) == 3 and not found.exact
    assert all(eq.is_equilibrium() for eq in found)
    mixed = found.mixed()[0]
    assert math.isclose(mixed.strategies[0][0][0], 2 / 3)


def test_interim_regret_of_a_profile_that_is_not_an_equilibrium() -> None:
    # Everybody plays Build/Build/Out at q = 3/4. The weak type gets 2 but Don't would give 3:
    # regret 1. The tough type gets 7/2 and Don't would give 3: no regret. The entrant faces
    # builders only, so Out (0) beats Enter (-1): no regret.
    eq = BayesNashEquilibrium.from_strategies(
        entry_game(F(3, 4)), {"Incumbent": {"Tough": "Build", "Weak": "Build"}, "Entrant": "Out"}
    )
    assert eq.interim_regrets() == {
        ("Incumbent", "Tough"): 0,
        ("Incumbent", "Weak"): 1,
        ("Entrant", "default"): 0,
    }
    assert eq.regret() == 1 and not eq.is_equilibrium()


def test_profiles_are_validated() -> None:
    game = entry_game(F(3, 4))
    with pytest.raises(ProbabilityError):
        BayesNashEquilibrium.from_strategies(game, [[[F(1, 2), F(1, 3)], "Build"], ["Out"]])
    with pytest.raises(ShapeError, match="needs a strategy"):
        BayesNashEquilibrium.from_strategies(game, [[None, "Build"], ["Out"]])
    with pytest.raises(ShapeError, match="one per type"):
        BayesNashEquilibrium.from_strategies(game, [["Build"], ["Out"]])
    with pytest.raises(UnknownNameError):
        BayesNashEquilibrium.from_strategies(
            game, {"Incumbent": {"Tough": "Fight", "Weak": "Build"}, "Entrant": "Out"}
        )


def test_zero_probability_types_are_unconstrained() -> None:
    game = entry_game(F(1))  # the weak type never occurs
    for found in (bayes_nash_equilibria(game), pure_bayes_nash_equilibria(game)):
        assert all(eq.strategies[0][1] is None for eq in found)
        assert any("zero prior probability" in note for note in found.notes)
        assert all(("Incumbent", "Weak") not in eq.interim_regrets() for eq in found)
    # Complete information with a tough incumbent: the 2x2 game has pure equilibria (Build, Out)
    # and (Don't, Enter) and a mixed one where Tough mixes 1/2 (entrant indifferent: 1 - 2x = 0).
    labels = [eq.label for eq in bayes_nash_equilibria(game)]
    assert labels == [
        "Incumbent: Tough→Build, Weak→any (probability 0); Entrant: Out",
        "Incumbent: Tough→(Build 1/2, Don't 1/2), Weak→any (probability 0); Entrant: (Enter 1/2, Out 1/2)",
        "Incumbent: Tough→Don't, Weak→any (probability 0); Entrant: Enter",
    ]


# ----------------------------------------------------------------------------- Bayesian Cournot
# Inverse demand P = a - q1 - q2. Firm 1 has known cost c; firm 2's cost is c_H with probability
# theta and c_L otherwise, known to firm 2 only.
#   Firm 2 of cost c_i maximises (a - q1 - q2 - c_i) q2:   q2(c_i) = (a - c_i - q1) / 2.
#   Firm 1 maximises E[(a - q1 - q2 - c) q1]:             q1 = (a - c - E q2) / 2, with
#   E q2 = (a - E c2 - q1) / 2 and E c2 = theta c_H + (1 - theta) c_L. Substituting,
#   4 q1 = 2a - 2c - a + E c2 + q1, so q1 = (a - 2c + theta c_H + (1 - theta) c_L) / 3.
# Profits are strictly concave, so a grid containing these quantities contains them as a pure BNE
# of the discretised game (the continuous best response lies on the grid).
def cournot(a: int, c: int, c_high: int, c_low: int, theta: F, grid: list[F]) -> BayesianGame:
    names = [str(q) for q in grid]
    costs = {"High": c_high, "Low": c_low}

    def profit(types: tuple[str, ...], actions: tuple[str, ...]) -> tuple[F, F]:
        q1, q2 = F(actions[0]), F(actions[1])
        price = a - q1 - q2
        return (price - c) * q1, (price - costs[types[1]]) * q2

    return BayesianGame(
        ["Firm 1", "Firm 2"],
        [names, names],
        {"Firm 2": ["High", "Low"]},
        {"Firm 2": [theta, 1 - theta]},
        profit,
    )


@pytest.mark.parametrize(
    ("theta", "grid"),
    [
        (F(1, 2), [F(k, 2) for k in range(13)]),  # quantities 0, 1/2, ..., 6
        (F(1, 4), [2 + F(k, 12) for k in range(25)]),  # 2, 25/12, ..., 4
    ],
)
def test_bayesian_cournot_closed_form_is_a_pure_bne(theta: F, grid: list[F]) -> None:
    a, c, c_high, c_low = 12, 3, 4, 2
    q1 = F(a - 2 * c) / 3 + (theta * c_high + (1 - theta) * c_low) / 3
    q_high, q_low = (a - c_high - q1) / 2, (a - c_low - q1) / 2
    if theta == F(1, 2):
        assert (q1, q_high, q_low) == (3, F(5, 2), F(7, 2))
    else:
        assert (q1, q_high, q_low) == (F(17, 6), F(31, 12), F(43, 12))
    found = pure_bayes_nash_equilibria(cournot(a, c, c_high, c_low, theta, grid))
    profiles = [(F(eq.describe(0, 0)), F(eq.describe(1, "High")), F(eq.describe(1, "Low"))) for eq in found]
    assert (q1, q_high, q_low) in profiles
    assert all(eq.regret() == 0 for eq in found)


# ----------------------------------------------------------------------------- Bayes' rule
def test_posterior_is_exact_for_exact_inputs() -> None:
    # Prior 1/3 on Resolute; a resolute regime tests a missile with probability 3/4, an
    # irresolute one with probability 1/4. After a test: (1/3 * 3/4) / (1/3 * 3/4 + 2/3 * 1/4) = 3/5.
    prior = {"Resolute": F(1, 3), "Irresolute": F(2, 3)}
    likelihoods = {
        "Resolute": {"Test": F(3, 4), "Wait": F(1, 4)},
        "Irresolute": {"Test": F(1, 4), "Wait": F(3, 4)},
    }
    after = posterior(prior, likelihoods, "Test")
    assert after == {"Resolute": F(3, 5), "Irresolute": F(2, 5)}
    assert all(isinstance(v, F) for v in after.values())  # type: ignore[union-attr]
    # Updating twice on independent tests multiplies the likelihood ratios: 3 * 3 * (1/2) = 9/2.
    again = posterior(after, likelihoods, "Test")  # type: ignore[arg-type]
    assert again == {"Resolute": F(9, 11), "Irresolute": F(2, 11)}
    assert posterior([F(1, 2), F(1, 2)], [{"x": 1}, "y"], "x") == {0: 1, 1: 0}


def test_posterior_with_floats_and_symbols() -> None:
    floats = posterior({"H": 0.5, "L": 0.5}, {"H": {"m": 0.9}, "L": {"m": 0.3}}, "m")
    assert floats is not None and math.isclose(floats["H"], 0.75)
    p = sympy.Symbol("p", positive=True)
    symbolic = posterior({"H": p, "L": 1 - p}, {"H": {"m": 1}, "L": {"m": sympy.Rational(1, 2)}}, "m")
    assert symbolic is not None
    assert sympy.simplify(symbolic["H"] - 2 * p / (p + 1)) == 0


def test_posterior_on_a_zero_probability_observation() -> None:
    prior = {"Strong": F(9, 10), "Weak": F(1, 10)}
    pooling = {"Strong": "Beer", "Weak": "Beer"}
    with pytest.raises(ProbabilityError, match="probability zero"):
        posterior(prior, pooling, "Quiche")
    assert posterior(prior, pooling, "Quiche", on_zero="none") is None


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (({"H": F(1, 2), "L": F(1, 3)}, {"H": "m", "L": "m"}, "m"), ProbabilityError),
        (({"H": F(1, 2), "L": F(1, 2)}, {"H": {"m": F(3, 2)}, "L": "m"}, "m"), ProbabilityError),
        (({"H": F(1, 2), "L": F(1, 2)}, {"H": {"m": -1}, "L": "m"}, "m"), ProbabilityError),
        (({"H": F(1, 2), "L": F(1, 2)}, {"H": "m"}, "m"), ValidationError),
        (({"H": F(1, 2), "L": F(1, 2)}, {"H": "m", "L": "m", "X": "m"}, "m"), UnknownNameError),
        (({"H": F(1, 2), "L": F(1, 2)}, {"H": 1, "L": "m"}, "m"), ValidationError),
    ],
)
def test_posterior_rejects_bad_input(args: tuple[Any, ...], error: type[Exception]) -> None:
    with pytest.raises(error):
        posterior(*args)
    with pytest.raises(ValidationError):
        posterior({"H": 1}, {"H": "m"}, "m", on_zero="maybe")  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- the solver's interface
def test_solver_errors() -> None:
    with pytest.raises(ParametricGameError):
        bayes_nash_equilibria(entry_game(sympy.Symbol("q")))
    with pytest.raises(ParametricGameError):
        pure_bayes_nash_equilibria(entry_game(sympy.Symbol("q")))
    with pytest.raises(UnsupportedGameError):
        bayes_nash_equilibria(NormalFormGame.zero_sum([[1]]))  # type: ignore[arg-type]
    with pytest.raises(UnknownMethodError):
        bayes_nash_equilibria(entry_game(F(1, 2)), form="extensive")  # type: ignore[arg-type]
    with pytest.raises(BudgetExceededError):
        pure_bayes_nash_equilibria(entry_game(F(1, 2)), max_profiles=3)
    with pytest.raises(BudgetExceededError):
        bayes_nash_equilibria(entry_game(F(1, 2)), max_entries=3)
    with pytest.raises(ValidationError):
        bayes_nash_equilibria(entry_game(F(1, 2)), method="pure", time_limit=1)


def test_method_pure_and_rendering() -> None:
    found = bayes_nash_equilibria(entry_game(F(3, 4)), method="pure")
    assert isinstance(found, BayesNashSet) and len(found) == 2 and found.pure() == list(found)
    text = found.to_text()
    assert text.splitlines()[0] == "2 Bayes–Nash equilibria by pure, complete"
    assert "Incumbent[Tough]" in text and "u(Entrant)" in text
    assert "| Incumbent[Tough] |" in found.to_markdown()
    assert r"\begin{tabular}" in found.to_latex()
    assert "<table>" in found.to_html() == found._repr_html_()
    assert found == pure_bayes_nash_equilibria(entry_game(F(3, 4)))
    assert found.max_regret() == 0
    assert "BayesNashSet" in repr(found) and "BayesNashEquilibrium" in repr(found[0])
    assert found[0].to_float().isclose(found[0])


# ----------------------------------------------------------------------------- properties
@st.composite
def small_bayesian_games(
    draw: st.DrawFn, max_types: int = 2, max_actions: int = 2, players: int = 2
) -> BayesianGame:
    n_types = [draw(st.integers(1, max_types)) for _ in range(players)]
    n_actions = [draw(st.integers(1, max_actions)) for _ in range(players)]
    size = int(np.prod(n_types))
    weights = draw(st.lists(st.integers(0, 3), min_size=size, max_size=size).filter(lambda w: sum(w) > 0))
    prior = np.array([F(w, sum(weights)) for w in weights], dtype=object).reshape(n_types)
    count = players * size * int(np.prod(n_actions))
    values = draw(st.lists(st.integers(-4, 4), min_size=count, max_size=count))
    payoffs = np.array(values, dtype=object).reshape(players, *n_types, *n_actions)
    return BayesianGame(
        [f"P{i + 1}" for i in range(players)],
        [[f"a{k}" for k in range(m)] for m in n_actions],
        [[f"t{k}" for k in range(m)] for m in n_types],
        prior,
        payoffs,
    )


def brute_force_pure(game: BayesianGame) -> set[tuple[Any, ...]]:
    """Independent reference: loop over type-contingent pure strategies and deviations."""
    n = game.n_players
    kept = [game.positive_types(i) for i in range(n)]
    plans = [list(itertools.product(game.actions[i], repeat=len(kept[i]))) for i in range(n)]
    found = set()
    for combo in itertools.product(*plans):
        plan = [dict(zip(kept[i], combo[i], strict=True)) for i in range(n)]

        def interim(i: int, t: str, action: str, plan: list[dict[str, str]] = plan) -> F:
            total = F(0)
            for types in game.type_profiles():
                if types[i] != t or game.probability(types) == 0:
                    continue
                actions = [plan[j][types[j]] for j in range(n)]
                actions[i] = action
                total += game.probability(types) * game.payoff(types, actions)[i]
            return total

        if all(
            interim(i, t, plan[i][t]) >= interim(i, t, b)
            for i in range(n)
            for t in kept[i]
            for b in game.actions[i]
        ):
            found.add(tuple(combo))
    return found


def pure_key(eq: BayesNashEquilibrium) -> tuple[Any, ...]:
    strategies = eq.pure_strategies
    assert strategies is not None
    game = eq.game
    return tuple(tuple(strategies[p][t] for t in game.positive_types(p)) for p in game.players)


@settings(max_examples=60, deadline=None)
@given(small_bayesian_games())
def test_every_returned_bne_has_zero_interim_regret(game: BayesianGame) -> None:
    found = bayes_nash_equilibria(game)
    assert len(found) >= 1  # Nash's theorem; the 2-player solver is complete
    assert all(eq.exact and eq.regret() == 0 for eq in found)
    pure = pure_bayes_nash_equilibria(game)
    assert all(eq.regret() == 0 for eq in pure)
    assert {pure_key(eq) for eq in pure} == brute_force_pure(game)
    # pure profiles are vertices of the strategy space, so the complete solver lists them all
    assert {pure_key(eq) for eq in found.pure()} == {pure_key(eq) for eq in pure}


@settings(max_examples=30, deadline=None)
@given(small_bayesian_games(players=3))
def test_pure_solver_matches_brute_force_with_three_players(game: BayesianGame) -> None:
    # correlated priors and three players exercise the broadcasting of every type profile
    assert {pure_key(eq) for eq in pure_bayes_nash_equilibria(game)} == brute_force_pure(game)


@NEEDS_NPLAYER
@settings(max_examples=25, deadline=None)
@given(
    small_bayesian_games(max_types=2, max_actions=2).filter(
        lambda g: sum(len(g.positive_types(i)) for i in range(2)) <= 3
    )
)
def test_agent_form_equilibria_have_zero_interim_regret(game: BayesianGame) -> None:
    found = bayes_nash_equilibria(game, form="agent")
    assert all(eq.regret() == 0 for eq in found)
    assert {pure_key(eq) for eq in found.pure()} >= {
        pure_key(eq) for eq in pure_bayes_nash_equilibria(game)
    } or not found.complete
