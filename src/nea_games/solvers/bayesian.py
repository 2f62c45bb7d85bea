r"""Bayes–Nash equilibria of finite Bayesian games, and Bayes' rule over types.

A profile of behaviour strategies :math:`\sigma_i : T_i \to \Delta(A_i)` is a
Bayes–Nash equilibrium (BNE) when every type of positive prior probability
best responds to its interim belief (Harsanyi 1967–68; Fudenberg & Tirole
1991, §6.2):

.. math::

    \operatorname{supp} \sigma_i(\cdot \mid t_i) \subseteq
    \arg\max_{a \in A_i} \sum_{t_{-i}} p(t_{-i} \mid t_i)
    \sum_{a_{-i}} \textstyle\prod_{j \ne i} \sigma_j(a_j \mid t_j)\, u_i(t, (a, a_{-i})).

These are exactly the Nash equilibria of the *agent normal form* (one player
per player-type, Selten 1975), and, mapped to behaviour strategies, of the
*strategic (ex-ante) form*. The solvers here:

* :func:`bayes_nash_equilibria` builds one of those normal forms and calls
  :func:`nea_games.solve` on it, so the result is complete whenever the
  normal-form method is (vertex enumeration for two players, support
  enumeration for more), then maps every equilibrium back to type-contingent
  strategies. By default (``form="auto"``) a two-player game is solved in its
  strategic form (two players, so the complete vertex enumeration applies)
  and a game with more players in its agent form.
* :func:`pure_bayes_nash_equilibria` enumerates pure BNE directly, vectorised
  over all agent profiles: for each agent one array of interim payoffs and
  one comparison with its maximum along the agent's own axis.
* :func:`posterior` applies Bayes' rule, exactly for exact inputs.

**Types of zero prior probability** are left out of both normal forms; in
every returned equilibrium their strategy is ``None`` ("unconstrained"), as
the ex-ante definition of BNE puts no restriction on them and Bayes' rule
gives them no belief. Give such a type a small positive probability, or model
the situation as a signalling game with off-path beliefs, if its behaviour
matters.

References
----------
Harsanyi, J. C. (1967–68). Games with incomplete information played by
"Bayesian" players, I–III. *Management Science* 14.
Selten, R. (1975). Reexamination of the perfectness concept for equilibrium
points in extensive games. *International Journal of Game Theory* 4.
Fudenberg, D., & Tirole, J. (1991). *Game Theory*, ch. 6 and 8. MIT Press.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from fractions import Fraction
from functools import reduce
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import sympy

from nea_games._numeric import as_fraction, classify, tolerance_for
from nea_games.errors import (
    BudgetExceededError,
    ProbabilityError,
    UnknownMethodError,
    UnknownNameError,
    UnsupportedGameError,
    ValidationError,
)
from nea_games.games import _bayesian_forms as forms
from nea_games.games._probability import check_distribution, is_exact_zero
from nea_games.games.bayesian import MAX_ENTRIES, BayesianGame
from nea_games.solvers.bayesian_result import BayesNashEquilibrium, BayesNashSet, _numeric_arrays

__all__ = ["bayes_nash_equilibria", "posterior", "pure_bayes_nash_equilibria"]

Form = Literal["auto", "agent", "strategic"]


def _integer_arrays(game: BayesianGame) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
    """Prior and each player's payoffs scaled by positive integers to integers (exact games).

    Positive scalings leave every comparison between one player's expected
    payoffs unchanged. Returns int64 arrays when the ex-ante sums cannot
    overflow, else object arrays of Python ints.
    """
    prior = game.prior
    lcm_p = reduce(math.lcm, (as_fraction(v).denominator for v in prior.reshape(-1)), 1)
    prior_int = np.array([int(v * lcm_p) for v in prior.reshape(-1)], dtype=object).reshape(prior.shape)
    payoffs = np.empty(game.payoffs.shape, dtype=object)
    for i in range(game.n_players):
        block = game.payoffs[i].reshape(-1)
        lcm_u = reduce(math.lcm, (as_fraction(v).denominator for v in block), 1)
        payoffs[i] = np.array([int(v * lcm_u) for v in block], dtype=object).reshape(game.payoffs.shape[1:])
    largest_u = max((abs(int(v)) for v in payoffs.reshape(-1)), default=0)
    if lcm_p * largest_u < 2**60:
        return prior_int.astype(np.int64), payoffs.astype(np.int64)
    return prior_int, payoffs


def pure_bayes_nash_equilibria(game: BayesianGame, *, max_profiles: int | None = 10**7) -> BayesNashSet:
    """Every pure-strategy Bayes–Nash equilibrium, enumerated directly and vectorised.

    For each agent (player-type of positive probability) the ex-ante (exact
    games, on integer-scaled payoffs) or interim (float games) payoff of every
    agent profile is built by broadcasting, and compared with its maximum
    along the agent's own axis; the equilibria are the profiles where every
    comparison holds. Exact games are compared exactly, float games within
    :func:`nea_games._numeric.tolerance_for` of the payoffs.

    Parameters
    ----------
    game : BayesianGame
        A numeric game.
    max_profiles : int or None
        Refuse (``BudgetExceededError``) when there are more agent profiles.

    Returns
    -------
    BayesNashSet
        Complete (all pure BNE); types of zero probability are ``None``.

    Examples
    --------
    Each type of the row player has a dominant action (s plays x, t plays
    y); the column player wants to match the row player's action and, not
    seeing the type, matches the likelier type (s, prior 2/3).

    >>> from fractions import Fraction as F
    >>> g = BayesianGame(["A", "B"], [["x", "y"], ["x", "y"]], {"A": ["s", "t"]}, {"A": [F(2, 3), F(1, 3)]},
    ...                  lambda t, a: (1 if a[0] == ("x" if t[0] == "s" else "y") else 0,
    ...                                1 if a[1] == a[0] else 0))
    >>> [eq.label for eq in pure_bayes_nash_equilibria(g)]
    ['A: s→x, t→y; B: x']
    """
    game.require_numeric()
    exact = game.is_exact
    pairs, position = forms.agent_layout(game, False)
    shape = tuple(game.n_actions[i] for i, _ in pairs)
    count = int(np.prod(shape, dtype=float))
    if max_profiles is not None and count > max_profiles:
        raise BudgetExceededError(
            f"pure_bayes_nash_equilibria: {count:.3g} agent profiles exceed max_profiles={max_profiles}"
        )
    if exact:
        prior, payoffs = _integer_arrays(game)
        tol: Any = 0
    else:
        prior, payoffs = _numeric_arrays(game, False)
        tol = tolerance_for(payoffs)
    tables = forms.agent_tables(game, prior, payoffs, pairs, position, conditional=not exact)
    mask = np.ones(shape, dtype=bool)
    for k, table in enumerate(tables):
        full = np.broadcast_to(np.asarray(table), shape)
        best = full.max(axis=k, keepdims=True)
        mask &= np.asarray(full >= best - tol if tol else full == best, dtype=bool)
    equilibria = []
    for index in np.argwhere(mask):
        rows: list[list[Any]] = [[None] * m for m in game.n_types]
        for (i, t), a in zip(pairs, index, strict=True):
            rows[i][t] = game.actions[i][int(a)]
        equilibria.append(BayesNashEquilibrium.from_strategies(game, rows, method="pure", exact=exact))
    return BayesNashSet(
        game, equilibria, method="pure", complete=True, notes=_notes(game, "pure strategies only")
    )


def _notes(game: BayesianGame, *extra: str) -> tuple[str, ...]:
    notes = list(extra)
    for player, names in game.null_types.items():
        notes.append(
            f"type(s) {', '.join(names)} of {player} have zero prior probability and are unconstrained (None)"
        )
    return tuple(notes)


def _behaviour(game: BayesianGame, i: int, vector: Sequence[Any]) -> list[Any]:
    """Strategic-form mixed strategy of player *i* -> one action distribution per type (None if null)."""
    kept = game.positive_types(i)
    m = game.n_actions[i]
    array = np.asarray(list(vector), dtype=object).reshape((m,) * len(kept))
    rows: list[Any] = [None] * game.n_types[i]
    for axis, name in enumerate(kept):
        others = tuple(ax for ax in range(len(kept)) if ax != axis)
        marginal = array.sum(axis=others) if others else array
        rows[game.type_index(i, name)] = list(np.asarray(marginal).reshape(-1))
    return rows


def bayes_nash_equilibria(
    game: BayesianGame,
    method: str | None = None,
    *,
    form: Form = "auto",
    max_entries: int | None = MAX_ENTRIES,
    **options: Any,
) -> BayesNashSet:
    """All Bayes–Nash equilibria, through a normal form and :func:`nea_games.solve`.

    Parameters
    ----------
    game : BayesianGame
        A numeric game (substitute parameters first with ``game.subs``).
    method : str, optional
        A :func:`nea_games.solve` method for the normal form, or ``"pure"``
        for :func:`pure_bayes_nash_equilibria`. The default is the complete
        method for the normal form's number of players.
    form : {"auto", "agent", "strategic"}
        Which normal form to solve. ``"agent"``: one player per player-type
        (the equilibria are read off directly). ``"strategic"``: the ex-ante
        form, whose mixed equilibria are mapped to behaviour strategies
        (:math:`\\sigma_i(a \\mid t_i)` = probability of the strategies that
        play *a* at :math:`t_i`) and deduplicated. ``"auto"`` (default):
        strategic for two players, agent otherwise.
    max_entries : int or None
        Bound on the size of the normal form built.
    **options
        Passed to :func:`nea_games.solve`.

    Returns
    -------
    BayesNashSet
        ``complete`` is the normal-form solver's flag. Through the strategic
        form, "complete" means every extreme equilibrium of the strategic
        form is represented (several may map to one behaviour profile).

    Raises
    ------
    nea_games.errors.ParametricGameError
        If the game has free parameters.
    nea_games.errors.UnsupportedGameError
        If ``game`` is not a :class:`~nea_games.games.bayesian.BayesianGame`.

    Examples
    --------
    Entry deterrence (Fudenberg & Tirole 1991, §6.1) with prior 3/4 on a
    tough incumbent: three BNE, one of them mixed.

    >>> from fractions import Fraction as F
    >>> INC = {"Tough": {("Build", "Enter"): F(3, 2), ("Build", "Out"): F(7, 2),
    ...                  ("Don't", "Enter"): 2, ("Don't", "Out"): 3},
    ...        "Weak": {("Build", "Enter"): 0, ("Build", "Out"): 2,
    ...                 ("Don't", "Enter"): 2, ("Don't", "Out"): 3}}
    >>> ENT = {("Build", "Enter"): -1, ("Don't", "Enter"): 1}
    >>> game = BayesianGame(["Incumbent", "Entrant"], [["Build", "Don't"], ["Enter", "Out"]],
    ...                     {"Incumbent": ["Tough", "Weak"]}, {"Incumbent": [F(3, 4), F(1, 4)]},
    ...                     lambda t, a: (INC[t[0]][a], ENT.get(a, 0)))
    >>> for eq in bayes_nash_equilibria(game):
    ...     print(eq.label, eq.regret())
    Incumbent: Tough→Build, Weak→Don't; Entrant: Out 0
    Incumbent: Tough→(Build 2/3, Don't 1/3), Weak→Don't; Entrant: (Enter 1/2, Out 1/2) 0
    Incumbent: Tough→Don't, Weak→Don't; Entrant: Enter 0
    """
    from nea_games.solvers.api import solve

    if not isinstance(game, BayesianGame):
        raise UnsupportedGameError(
            f"bayes_nash_equilibria: expected a BayesianGame, got {type(game).__name__}"
        )
    game.require_numeric()
    if method in ("pure", "enumpure"):
        if options:
            raise ValidationError(
                f"bayes_nash_equilibria: method 'pure' takes no options, got {sorted(options)}"
            )
        return pure_bayes_nash_equilibria(game)
    if form not in ("auto", "agent", "strategic"):
        raise UnknownMethodError(
            f"bayes_nash_equilibria: form must be 'auto', 'agent' or 'strategic', not {form!r}"
        )
    chosen = ("strategic" if game.n_players == 2 else "agent") if form == "auto" else form
    if chosen == "agent":
        normal = game.agent_normal_form(max_entries=max_entries)
    else:
        normal = game.strategic_form(max_entries=max_entries)
    found = solve(normal, method, **options)
    pairs = [(game.player_index(p), game.type_index(p, t)) for p, t in game.agents()]
    equilibria: list[BayesNashEquilibrium] = []
    for eq in found:
        if chosen == "agent":
            rows: list[list[Any]] = [[None] * m for m in game.n_types]
            for (i, t), vector in zip(pairs, eq.strategies, strict=True):
                rows[i][t] = list(vector)
        else:
            rows = [_behaviour(game, i, vector) for i, vector in enumerate(eq.strategies)]
        candidate = BayesNashEquilibrium.from_strategies(
            game, rows, method=f"{found.method} ({chosen} form)", exact=eq.exact
        )
        if not any(candidate.isclose(other) for other in equilibria):
            equilibria.append(candidate)
    shape = "x".join(str(m) for m in normal.n_actions)
    notes = _notes(game, f"solved as the {chosen} normal form ({shape}) by {found.method}", *found.notes)
    return BayesNashSet(
        game,
        equilibria,
        method=f"{found.method} ({chosen} form)",
        complete=found.complete,
        degenerate=found.degenerate,
        notes=notes,
    )


# --------------------------------------------------------------------------- Bayes' rule
def _likelihood(row: Any, observation: Hashable, where: str) -> Any:
    if isinstance(row, Mapping):
        return row.get(observation, 0)
    if isinstance(row, str):  # a pure strategy: the observation it sends for sure
        return 1 if row == observation else 0
    raise ValidationError(f"{where}: expected a mapping observation -> probability or an observation name")


def _check_likelihood_row(row: Mapping[Hashable, Any], where: str) -> None:
    entries = list(row.values())
    if not entries or classify(entries, where) == "symbolic":
        return
    slack = 1e-9 if classify(entries, where) == "float" else 0
    if min(entries) < 0 or sum(entries) > 1 + slack:
        raise ProbabilityError(f"{where}: {dict(row)} is not a probability distribution")


def posterior(
    prior: Mapping[Any, Any] | Sequence[Any],
    likelihoods: Mapping[Any, Any] | Sequence[Any],
    observation: Hashable,
    *,
    on_zero: Literal["raise", "none"] = "raise",
) -> dict[Any, Any] | None:
    r"""Posterior over types after an observation, by Bayes' rule.

    .. math:: \mu(t \mid m) = \frac{p(t)\, \sigma(m \mid t)}{\sum_s p(s)\, \sigma(m \mid s)}

    Parameters
    ----------
    prior : mapping or sequence
        ``{type: probability}`` (or a sequence, whose positions are the types).
    likelihoods : mapping or sequence
        For each type, the probability of each observation: a mapping
        ``{observation: probability}`` (missing observations have
        probability 0), or the name of the one observation the type produces
        for sure (a pure strategy).
    observation : hashable
        What was observed.
    on_zero : {"raise", "none"}
        What to do when the observation has probability zero (off the
        equilibrium path, where Bayes' rule says nothing): raise
        :class:`~nea_games.errors.ProbabilityError` (default) or return ``None``.

    Returns
    -------
    dict or None
        ``{type: posterior probability}``: ``Fraction`` for exact inputs,
        floats for floats, simplified sympy expressions for symbolic ones.

    Examples
    --------
    Beer–Quiche: both types drink beer, so beer reveals nothing; a strong
    type separating on beer makes quiche a sure sign of weakness.

    >>> from fractions import Fraction as F
    >>> prior = {"Strong": F(9, 10), "Weak": F(1, 10)}
    >>> posterior(prior, {"Strong": "Beer", "Weak": "Beer"}, "Beer")
    {'Strong': Fraction(9, 10), 'Weak': Fraction(1, 10)}
    >>> posterior(prior, {"Strong": "Beer", "Weak": {"Beer": F(1, 3), "Quiche": F(2, 3)}}, "Beer")
    {'Strong': Fraction(27, 28), 'Weak': Fraction(1, 28)}
    >>> print(posterior(prior, {"Strong": "Beer", "Weak": "Beer"}, "Quiche", on_zero="none"))
    None
    """
    if on_zero not in ("raise", "none"):
        raise ValidationError(f"posterior: on_zero must be 'raise' or 'none', not {on_zero!r}")
    types = list(prior.keys()) if isinstance(prior, Mapping) else list(range(len(prior)))
    prior_values = [prior[t] for t in types] if isinstance(prior, Mapping) else list(prior)
    if isinstance(likelihoods, Mapping):
        unknown = [t for t in likelihoods if t not in types]
        if unknown:
            raise UnknownNameError(f"posterior: likelihood given for unknown type {unknown[0]!r}")
        missing = [t for t in types if t not in likelihoods]
        if missing:
            raise ValidationError(f"posterior: no likelihood for type {missing[0]!r}")
        rows = [likelihoods[t] for t in types]
    else:
        rows = list(likelihoods)
        if len(rows) != len(types):
            raise ValidationError(f"posterior: {len(rows)} likelihoods for {len(types)} types")
    values = [
        _likelihood(row, observation, f"likelihoods[{t!r}]") for t, row in zip(types, rows, strict=True)
    ]
    for t, row in zip(types, rows, strict=True):
        if isinstance(row, Mapping):
            _check_likelihood_row(row, f"likelihoods[{t!r}]")
    p = check_distribution(np.array(prior_values, dtype=object), "prior")
    kind = classify([*p.tolist(), *values], "posterior")
    if kind == "exact":
        joint: list[Any] = [as_fraction(a) * as_fraction(b) for a, b in zip(p.tolist(), values, strict=True)]
        total: Any = sum(joint, Fraction(0))
    elif kind == "float":
        joint = [float(a) * float(b) for a, b in zip(p.tolist(), values, strict=True)]
        total = math.fsum(joint)
    else:
        joint = [sympy.sympify(a) * sympy.sympify(b) for a, b in zip(p.tolist(), values, strict=True)]
        total = sympy.simplify(sympy.Add(*joint))
    if is_exact_zero(total):
        if on_zero == "none":
            return None
        raise ProbabilityError(
            f"posterior: the observation {observation!r} has probability zero under the prior and "
            "likelihoods; Bayes' rule does not apply (it is off the equilibrium path)"
        )
    if kind == "symbolic":
        return {t: sympy.simplify(j / total) for t, j in zip(types, joint, strict=True)}
    return {t: j / total for t, j in zip(types, joint, strict=True)}
