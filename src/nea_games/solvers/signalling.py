r"""Pure perfect Bayesian equilibria of signalling games, and the intuitive criterion.

In a signalling game (:class:`~nea_games.games.signalling.SignallingGame`) a
pure perfect Bayesian equilibrium (PBE) is a sender strategy
:math:`s : T \to M`, a receiver strategy :math:`r : M \to A` and beliefs
:math:`\mu(\cdot \mid m) \in \Delta(T)` such that (Fudenberg & Tirole 1991,
Definition 8.1)

1. every type's message is optimal: :math:`u_S(t, s(t), r(s(t))) \ge
   u_S(t, m, r(m))` for all :math:`m`;
2. every response is optimal given the belief: :math:`r(m) \in \arg\max_a
   \sum_t \mu(t \mid m)\, u_R(t, m, a)`;
3. on the path (:math:`m \in s(T)`) beliefs follow Bayes' rule,
   :math:`\mu(t \mid m) \propto p(t)\,[s(t) = m]`; off the path they are free.

The solver visits every sender strategy (:math:`|M|^{|T|}`), computes the
on-path posteriors exactly, and for every off-path message keeps each
response that is optimal for *some* belief, recording the whole set of such
beliefs (:class:`~nea_games.solvers._beliefs.BeliefSet`: an interval for two
types, a polytope given by inequalities and vertices otherwise). The sender's
incentive constraints are then checked for all compatible receiver strategies
at once (vectorised). Equilibria are classified as *pooling* (one message),
*separating* (a different message for every type) or *semi-separating* (pure
partial pooling: some types share a message, others do not).

**Intuitive criterion** (Cho & Kreps 1987). Let :math:`u^*(t)` be the
equilibrium payoffs. For an off-path message :math:`m`, let :math:`BR(S, m)`
be the responses optimal against some belief supported on :math:`S`, and

.. math::

    J(m) = \{t : u^*(t) > \max_{a \in BR(T, m)} u_S(t, m, a)\}

the types for which :math:`m` is *equilibrium-dominated*. The equilibrium
fails the criterion if some type :math:`t \notin J(m)` has
:math:`\min_{a \in BR(T \setminus J(m), m)} u_S(t, m, a) > u^*(t)`: once the
receiver rules out the types in :math:`J(m)`, that type gains by sending
:math:`m` whatever the receiver then does.

Only pure strategies are enumerated: equilibria in which the sender mixes
(hybrid equilibria) or the receiver mixes off the path are not listed.

References
----------
Cho, I.-K., & Kreps, D. M. (1987). Signaling games and stable equilibria.
*Quarterly Journal of Economics* 102(2), 179–221.
Fudenberg, D., & Tirole, J. (1991). *Game Theory*, §8.2 and §11.2. MIT Press.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from functools import reduce
from typing import Any

import numpy as np

from nea_games.errors import BudgetExceededError, UnsupportedGameError
from nea_games.games.signalling import SignallingGame
from nea_games.solvers._beliefs import BeliefSet, belief_set, numeric_tables
from nea_games.solvers._signalling_result import (
    DeviationTest,
    IntuitiveCriterionResult,
    PerfectBayesianEquilibrium,
    PerfectBayesianSet,
    intuitive_criterion,
)
from nea_games.solvers.bayesian import posterior

__all__ = [
    "BeliefSet",
    "DeviationTest",
    "IntuitiveCriterionResult",
    "PerfectBayesianEquilibrium",
    "PerfectBayesianSet",
    "belief_set",
    "intuitive_criterion",
    "perfect_bayesian_equilibria",
]


def perfect_bayesian_equilibria(
    game: SignallingGame, *, max_profiles: int | None = 10**6
) -> PerfectBayesianSet:
    """Every pure perfect Bayesian equilibrium of a signalling game, with supporting beliefs.

    Parameters
    ----------
    game : SignallingGame
        A numeric signalling game.
    max_profiles : int or None
        Refuse (``BudgetExceededError``) when there are more than this many
        pure strategy profiles (:math:`|M|^{|T|} |A|^{|M|}`).

    Returns
    -------
    PerfectBayesianSet
        One entry per pair (sender strategy, receiver strategy); each holds
        the on-path beliefs and, per unsent message, the set of off-path
        beliefs that support it. ``.intuitive()`` applies Cho–Kreps.

    Examples
    --------
    Beer–Quiche (Cho & Kreps 1987) with prior 9/10 on the strong type:

    >>> from fractions import Fraction as F
    >>> def u(t, m, a):
    ...     preferred = "Beer" if t == "Strong" else "Quiche"
    ...     return (m == preferred) + 2 * (a == "Don't"), int((a == "Duel") == (t == "Weak"))
    >>> bq = SignallingGame(["Strong", "Weak"], {"Strong": F(9, 10), "Weak": F(1, 10)},
    ...                     ["Beer", "Quiche"], ["Duel", "Don't"], u)
    >>> pbe = perfect_bayesian_equilibria(bq)
    >>> for eq in pbe:
    ...     print(eq.label, "|", *eq.off_path.values())
    pooling on Beer; Receiver: Beer→Don't, Quiche→Duel | μ(Weak | Quiche) ∈ [1/2, 1]
    pooling on Quiche; Receiver: Beer→Duel, Quiche→Don't | μ(Weak | Beer) ∈ [1/2, 1]
    >>> [eq.label for eq in pbe.surviving()]
    ["pooling on Beer; Receiver: Beer→Don't, Quiche→Duel"]
    >>> print(pbe[1].intuitive_criterion().reason)  # doctest: +NORMALIZE_WHITESPACE
    fails: Beer is equilibrium-dominated for Weak; with beliefs on the other types every best response
    (Don't) gives Strong at least 3 > 2, so Strong would deviate to Beer
    """
    if not isinstance(game, SignallingGame):
        raise UnsupportedGameError(
            f"perfect_bayesian_equilibria: expected a SignallingGame, got {type(game).__name__}"
        )
    prior, payoffs, exact, tol = numeric_tables(game)
    n_t, n_m, n_a = len(game.types), len(game.messages), len(game.responses)
    total = n_m**n_t * n_a**n_m
    if max_profiles is not None and total > max_profiles:
        raise BudgetExceededError(
            f"perfect_bayesian_equilibria: {total} pure strategy profiles exceed max_profiles={max_profiles}"
        )
    sets = {(j, a): belief_set(game, j, a) for j in range(n_m) for a in range(n_a)}
    feasible = [[a for a in range(n_a) if not sets[(j, a)].is_empty] for j in range(n_m)]
    scale = reduce(math.lcm, (v.denominator for v in payoffs[0].reshape(-1)), 1)
    sender = np.array([int(v * scale) for v in payoffs[0].reshape(-1)], dtype=object).reshape(
        payoffs[0].shape
    )
    if max((abs(v) for v in sender.reshape(-1)), default=0) < 2**62:
        sender = sender.astype(np.int64)
    slack = tol * scale
    prior_map = dict(zip(game.types, prior.tolist(), strict=True))
    found = []
    for s in itertools.product(range(n_m), repeat=n_t):
        choices: list[list[int]] = []
        beliefs: dict[str, dict[str, Any]] = {}
        for j in range(n_m):
            if j not in s:
                choices.append(feasible[j])
                continue
            mu = posterior(
                prior_map, {t: game.messages[s[k]] for k, t in enumerate(game.types)}, game.messages[j]
            )
            assert mu is not None
            values = [
                sum((mu[t] * payoffs[1, k, j, a] for k, t in enumerate(game.types)), Fraction(0))
                for a in range(n_a)
            ]
            best = max(values)
            choices.append([a for a in range(n_a) if values[a] >= best - tol])
            beliefs[game.messages[j]] = {t: (v if exact else float(v)) for t, v in mu.items()}
        plans = np.array(list(itertools.product(*choices)), dtype=np.intp).reshape(-1, n_m)
        if plans.shape[0] == 0:
            continue
        outcome = sender[:, np.arange(n_m)[None, :], plans]  # (types, plans, messages)
        chosen = outcome[np.arange(n_t)[:, None], np.arange(plans.shape[0])[None, :], np.array(s)[:, None]]
        ok = np.all(chosen >= outcome.max(axis=2) - slack, axis=0)
        for plan in plans[np.asarray(ok, dtype=bool)]:
            off = {game.messages[j]: sets[(j, int(plan[j]))] for j in range(n_m) if j not in s}
            found.append(
                PerfectBayesianEquilibrium(
                    game,
                    tuple(game.messages[j] for j in s),
                    tuple(game.responses[int(a)] for a in plan),
                    beliefs,
                    off,
                    exact,
                )
            )
    notes = (
        "pure strategies only: equilibria in which the sender mixes (hybrid) or the receiver mixes "
        "are not listed",
        "off-path belief sets contain every belief that makes the receiver's response optimal",
    )
    return PerfectBayesianSet(game, found, notes=notes)
