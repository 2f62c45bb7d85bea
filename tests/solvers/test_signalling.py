"""Pure perfect Bayesian equilibria of signalling games and the intuitive criterion.

Every expected value below is derived by hand in the comments.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import nea_games
from nea_games.errors import BudgetExceededError, ParametricGameError, UnknownNameError, UnsupportedGameError
from nea_games.games.signalling import SignallingGame
from nea_games.solvers.signalling import (
    BeliefSet,
    PerfectBayesianEquilibrium,
    belief_set,
    intuitive_criterion,
    perfect_bayesian_equilibria,
)


# ----------------------------------------------------------------------------- Beer–Quiche
# Cho & Kreps (1987). Prior: strong with probability 9/10. The sender gets 1 for its preferred
# breakfast (strong: beer, weak: quiche) plus 2 if the receiver does not duel; the receiver gets 1
# for dueling a weak sender or not dueling a strong one, 0 otherwise.
#
# Receiver's best response to a belief mu = mu(Weak | m): Duel pays mu, Don't pays 1 - mu, so
# Duel iff mu >= 1/2 (both at exactly 1/2).
#
# Separating, Strong->Beer, Weak->Quiche: beliefs are degenerate, receiver: Beer->Don't,
#   Quiche->Duel. Weak gets 1 + 0 = 1, but Beer would give 0 + 2 = 2: not an equilibrium.
# Separating, Strong->Quiche, Weak->Beer: receiver: Quiche->Don't, Beer->Duel. Weak gets 0 + 0
#   but Quiche gives 1 + 2 = 3: not an equilibrium. So no separating PBE.
# Pooling on Beer: posterior = prior, mu(Weak | Beer) = 1/10 < 1/2, so Don't; Strong gets 3,
#   Weak gets 0 + 2 = 2. Off the path, if the receiver did not duel after Quiche the weak type
#   would get 3 > 2 and deviate; so Duel after Quiche (Weak then gets 1 < 2, Strong 0 < 3), which
#   is optimal iff mu(Weak | Quiche) >= 1/2.
# Pooling on Quiche: symmetric: Don't after Quiche (Strong 2, Weak 3); Duel after Beer (Strong
#   would get 1 < 2), optimal iff mu(Weak | Beer) >= 1/2.
# Intuitive criterion. Quiche pool: u* = (Strong 2, Weak 3). After Beer the best Weak could get
#   is 0 + 2 = 2 < 3: Beer is equilibrium-dominated for Weak (J = {Weak}); for Strong it is not
#   (1 + 2 = 3 > 2). Beliefs on {Strong} make Don't the only best response, which gives Strong
#   3 > 2: Strong deviates, the Quiche pool fails.
#   Beer pool: u* = (Strong 3, Weak 2). After Quiche Strong gets at most 0 + 2 = 2 < 3: J =
#   {Strong}. Beliefs on {Weak} make Duel the only best response, giving Weak 1 + 0 = 1 <= 2: no
#   type deviates; the Beer pool survives.
def beer_quiche_payoffs(t: str, m: str, a: str) -> tuple[int, int]:
    preferred = "Beer" if t == "Strong" else "Quiche"
    return int(m == preferred) + 2 * int(a == "Don't"), int((a == "Duel") == (t == "Weak"))


def beer_quiche(prior_strong: Any = F(9, 10)) -> SignallingGame:
    return SignallingGame(
        ["Strong", "Weak"],
        {"Strong": prior_strong, "Weak": 1 - prior_strong},
        ["Beer", "Quiche"],
        ["Duel", "Don't"],
        beer_quiche_payoffs,
        title="Beer-Quiche",
    )


def test_beer_quiche_has_exactly_the_two_pooling_equilibria() -> None:
    found = perfect_bayesian_equilibria(beer_quiche())
    assert len(found) == 2 and found.complete
    assert [eq.kind for eq in found] == ["pooling", "pooling"]
    assert found.of_kind("separating") == [] and found.of_kind("semi-separating") == []
    beer, quiche = found
    assert beer.sender == ("Beer", "Beer") and beer.receiver == ("Don't", "Duel")
    assert quiche.sender == ("Quiche", "Quiche") and quiche.receiver == ("Duel", "Don't")
    # on-path beliefs equal the prior
    assert beer.beliefs == {"Beer": {"Strong": F(9, 10), "Weak": F(1, 10)}}
    assert quiche.beliefs == {"Quiche": {"Strong": F(9, 10), "Weak": F(1, 10)}}
    # off-path beliefs: mu(Weak | unsent message) in [1/2, 1]
    assert set(beer.off_path) == {"Quiche"} and set(quiche.off_path) == {"Beer"}
    assert beer.off_path["Quiche"].interval("Weak") == (F(1, 2), F(1))
    assert quiche.off_path["Beer"].interval("Weak") == (F(1, 2), F(1))
    assert beer.off_path["Quiche"].interval("Strong") == (F(0), F(1, 2))
    assert str(beer.off_path["Quiche"]) == "μ(Weak | Quiche) ∈ [1/2, 1]"
    assert beer.sender_payoffs == {"Strong": 3, "Weak": 2}
    assert quiche.sender_payoffs == {"Strong": 2, "Weak": 3}
    assert beer.receiver_payoff == F(9, 10)
    assert all(eq.is_equilibrium() and eq.violations() == [] for eq in found)


def test_intuitive_criterion_keeps_only_the_beer_pool() -> None:
    found = perfect_bayesian_equilibria(beer_quiche())
    assert [eq.sender for eq in found.surviving()] == [("Beer", "Beer")]
    beer, quiche = found
    kept, dropped = beer.intuitive_criterion(), intuitive_criterion(quiche)
    assert kept.survives and not dropped.survives
    (test,) = dropped.tests
    assert test.message == "Beer" and test.dominated == ("Weak",)
    assert test.responses == ("Don't",) and test.deviators == ("Strong",)
    assert test.guaranteed == {"Strong": 3}
    assert "Strong would deviate to Beer" in dropped.reason
    (test,) = kept.tests
    assert test.message == "Quiche" and test.dominated == ("Strong",)
    assert test.responses == ("Duel",) and test.deviators == () and test.guaranteed == {"Weak": 1}
    assert kept.reason.startswith("survives")


def test_beer_quiche_with_float_prior_has_the_same_structure() -> None:
    found = perfect_bayesian_equilibria(beer_quiche(0.9))
    assert [(eq.kind, eq.sender, eq.receiver) for eq in found] == [
        ("pooling", ("Beer", "Beer"), ("Don't", "Duel")),
        ("pooling", ("Quiche", "Quiche"), ("Duel", "Don't")),
    ]
    low, high = found[0].off_path["Quiche"].interval("Weak")  # type: ignore[misc]
    assert abs(low - 0.5) < 1e-12 and high == 1.0
    assert [eq.sender for eq in found.surviving()] == [("Beer", "Beer")]


def test_beer_quiche_with_a_weak_prior_has_no_pure_equilibrium() -> None:
    # Prior weak 9/10: pooling on Beer leaves mu(Weak | Beer) = 9/10 >= 1/2, so the receiver duels
    # and Weak (0 + 0) prefers Quiche (at least 1); pooling on Quiche likewise makes Strong
    # prefer Beer. Separation fails for any prior (see above).
    assert len(perfect_bayesian_equilibria(beer_quiche(F(1, 10)))) == 0


def test_every_pbe_is_a_nash_equilibrium_of_the_strategic_form() -> None:
    game = beer_quiche()
    strategic = game.to_bayesian_game().strategic_form()
    pure = {
        tuple(strategic.actions[i][k] for i, k in enumerate(index))
        for index in nea_games.pure_equilibria(strategic)
    }
    for eq in perfect_bayesian_equilibria(game):
        sender = "|".join(f"{t}:{m}" for t, m in zip(game.types, eq.sender, strict=True))
        receiver = "|".join(f"{m}:{a}" for m, a in zip(game.messages, eq.receiver, strict=True))
        assert (sender, receiver) in pure


# ----------------------------------------------------------------------------- three types
# An applicant of type Low, Mid or High (prior 1/3 each) stays Silent or sends a Costly signal
# (cost 3 for Low, 1 for Mid and High); the employer Rejects (0) or Accepts (worth 1 with Mid or
# High, -3 with Low). Acceptance is worth 2 to the applicant.
# * Pooling on Silent: the posterior is the prior; Accept pays (1 + 1 - 3)/3 = -1/3 < 0: Reject.
#   Everyone gets 0. After the unsent Costly signal, Accept would make Mid and High deviate
#   (2 - 1 = 1 > 0), so the employer must Reject, optimal iff mu_M + mu_H - 3 mu_L <= 0, i.e.
#   mu(Low | Costly) >= 1/4: a triangle with vertices (1,0,0), (1/4,3/4,0), (1/4,0,3/4).
#   Intuitive criterion: Costly is equilibrium-dominated for Low (at most 2 - 3 = -1 < 0); with
#   beliefs on {Mid, High} the employer Accepts, giving Mid and High 1 > 0: fails.
# * Semi-separating: Low Silent, Mid and High Costly. After Costly mu = (0, 1/2, 1/2): Accept
#   (1 > 0); after Silent mu = Low: Reject. Low: 0 vs 2 - 3 = -1, stays; Mid, High: 1 vs 0, stay.
#   Both messages are sent, so there is nothing for the criterion to restrict: survives.
# * No other pure PBE. Low never sends Costly: it costs 3, acceptance is worth only 2, and Silent
#   gives at least 0. With Low Silent, the remaining patterns are Mid alone Costly or High alone
#   Costly: the Costly type is accepted (it is revealed good: 2 - 1 = 1), while the good type
#   pooled with Low is rejected ((1 - 3)/2 < 0) and gets 0 < 1, so it would deviate.
COST = {"Low": 3, "Mid": 1, "High": 1}
VALUE = {"Low": -3, "Mid": 1, "High": 1}


def screening_game() -> SignallingGame:
    return SignallingGame(
        ["Low", "Mid", "High"],
        [F(1, 3)] * 3,
        ["Silent", "Costly"],
        ["Reject", "Accept"],
        lambda t, m, a: (
            2 * int(a == "Accept") - COST[t] * int(m == "Costly"),
            VALUE[t] * int(a == "Accept"),
        ),
        players=("Applicant", "Employer"),
    )


def test_three_types_pooling_and_semi_separating() -> None:
    found = perfect_bayesian_equilibria(screening_game())
    assert [(eq.kind, eq.sender, eq.receiver) for eq in found] == [
        ("pooling", ("Silent", "Silent", "Silent"), ("Reject", "Reject")),
        ("semi-separating", ("Silent", "Costly", "Costly"), ("Reject", "Accept")),
    ]
    pool, semi = found
    region = pool.off_path["Costly"]
    assert region.interval("Low") == (F(1, 4), F(1))
    assert {tuple(v.values()) for v in region.vertices()} == {
        (F(1), F(0), F(0)),
        (F(1, 4), F(3, 4), F(0)),
        (F(1, 4), F(0), F(3, 4)),
    }
    assert region.contains({"Low": F(1, 2), "Mid": F(1, 2)}) and not region.contains(
        {"Low": F(1, 5), "Mid": F(4, 5)}
    )
    assert region.inequalities() == ["3·μ(Low) - μ(Mid) - μ(High) ≥ 0  (Reject vs Accept)"]
    assert semi.beliefs["Costly"] == {"Low": 0, "Mid": F(1, 2), "High": F(1, 2)}
    assert semi.off_path == {}
    verdicts = found.intuitive()
    assert not verdicts[0].survives and verdicts[0].tests[0].deviators == ("Mid", "High")
    assert verdicts[1].survives and "every message is sent" in verdicts[1].reason
    assert [eq.kind for eq in found.surviving()] == ["semi-separating"]
    table = found.to_text()
    assert "semi-separating" in table and "Applicant" in table and "fails" in table
    assert "\\|" in perfect_bayesian_equilibria(beer_quiche()).to_markdown()
    assert "<table>" in found.to_html()


def test_belief_set_helpers() -> None:
    game = beer_quiche()
    duel = belief_set(game, "Quiche", "Duel")
    assert isinstance(duel, BeliefSet) and not duel.is_empty
    assert belief_set(game, "Quiche", "Duel", support=["Strong"]).is_empty
    assert belief_set(game, "Quiche", "Don't", support=["Strong"]).vertices() == ({"Strong": 1, "Weak": 0},)
    assert str(belief_set(game, "Quiche", "Don't")) == "μ(Weak | Quiche) ∈ [0, 1/2]"
    condition = duel.to_sympy()
    mu_s, mu_w = sorted(condition.free_symbols, key=lambda s: s.name)
    assert condition.subs({mu_s: F(1, 4), mu_w: F(3, 4)}) == True  # noqa: E712
    assert condition.subs({mu_s: F(3, 4), mu_w: F(1, 4)}) == False  # noqa: E712
    with pytest.raises(UnknownNameError):
        duel.interval("Medium")


def test_violations_explain_a_non_equilibrium() -> None:
    game = beer_quiche()
    bogus = PerfectBayesianEquilibrium(
        game,
        ("Beer", "Quiche"),
        ("Don't", "Duel"),
        {"Beer": {"Strong": 1, "Weak": 0}, "Quiche": {"Strong": 0, "Weak": 1}},
        {},
    )
    assert bogus.kind == "separating"
    assert bogus.violations() == ["type Weak gains 1 by sending Beer"]
    assert not bogus.is_equilibrium()


def test_solver_errors() -> None:
    import sympy

    with pytest.raises(ParametricGameError):
        perfect_bayesian_equilibria(beer_quiche(sympy.Symbol("p")))
    with pytest.raises(UnsupportedGameError):
        perfect_bayesian_equilibria(nea_games.NormalFormGame.zero_sum([[1]]))  # type: ignore[arg-type]
    with pytest.raises(BudgetExceededError):
        perfect_bayesian_equilibria(beer_quiche(), max_profiles=10)


# ----------------------------------------------------------------------------- property
def rationalisable(game: SignallingGame, m: int, a: int) -> bool:
    """Independent check with an LP: is response a optimal after m for some belief?"""
    n = len(game.types)
    u = np.array([[float(game.payoffs[1, k, m, b]) for b in range(len(game.responses))] for k in range(n)])
    a_ub = np.array([u[:, b] - u[:, a] for b in range(len(game.responses)) if b != a]).reshape(-1, n)
    result = linprog(
        np.zeros(n),
        A_ub=a_ub if a_ub.size else None,
        b_ub=np.zeros(len(a_ub)) if a_ub.size else None,
        A_eq=np.ones((1, n)),
        b_eq=[1.0],
        bounds=[(0, None)] * n,
        method="highs",
    )
    return bool(result.status == 0)


def brute_force(game: SignallingGame) -> set[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Independent reference: loop over all pure profiles and check the three PBE conditions."""
    n_t, n_m, n_a = len(game.types), len(game.messages), len(game.responses)
    found = set()
    for s in itertools.product(range(n_m), repeat=n_t):
        for r in itertools.product(range(n_a), repeat=n_m):
            if any(
                game.payoffs[0, k, m, r[m]] > game.payoffs[0, k, s[k], r[s[k]]]
                for k in range(n_t)
                for m in range(n_m)
            ):
                continue
            ok = True
            for m in range(n_m):
                senders = [k for k in range(n_t) if s[k] == m]
                if senders:
                    value = [
                        sum(game.prior[k] * game.payoffs[1, k, m, b] for k in senders) for b in range(n_a)
                    ]
                    ok &= value[r[m]] == max(value)
                else:
                    ok &= rationalisable(game, m, r[m])
            if ok:
                found.add((tuple(game.messages[j] for j in s), tuple(game.responses[b] for b in r)))
    return found


@st.composite
def signalling_games(draw: st.DrawFn) -> SignallingGame:
    n_t, n_m, n_a = draw(st.integers(1, 3)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    weights = draw(st.lists(st.integers(1, 4), min_size=n_t, max_size=n_t))
    values = draw(st.lists(st.integers(-3, 3), min_size=2 * n_t * n_m * n_a, max_size=2 * n_t * n_m * n_a))
    return SignallingGame(
        [f"t{k}" for k in range(n_t)],
        [F(w, sum(weights)) for w in weights],
        [f"m{k}" for k in range(n_m)],
        [f"a{k}" for k in range(n_a)],
        np.array(values, dtype=object).reshape(2, n_t, n_m, n_a),
    )


@settings(max_examples=60, deadline=None)
@given(signalling_games())
def test_solver_agrees_with_brute_force_and_checks_itself(game: SignallingGame) -> None:
    found = perfect_bayesian_equilibria(game)
    assert {(eq.sender, eq.receiver) for eq in found} == brute_force(game)
    for eq in found:
        assert eq.violations() == []
        for message, region in eq.off_path.items():
            vertex = region.vertices()[0]
            assert region.contains(vertex)
            j = game.message_index(message)
            value = [
                sum(vertex[t] * game.payoffs[1, k, j, b] for k, t in enumerate(game.types))
                for b in range(len(game.responses))
            ]
            assert value[game.response_index(eq.response(message))] == max(value)
        eq.intuitive_criterion()  # never raises
