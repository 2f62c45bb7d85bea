r"""Equilibrium selection: which of several equilibria is the more plausible?

Harsanyi and Selten (1988) rank equilibria by two criteria.

**Payoff dominance.** An equilibrium :math:`e` *payoff-dominates* :math:`f`
when every player strictly prefers it: :math:`u_i(e) > u_i(f)` for all
:math:`i`. :func:`payoff_dominant` returns the equilibria that no other one
dominates — by default in the weak (Pareto) sense, :math:`u_i(e') \ge u_i(e)`
for all :math:`i` with one inequality strict; with ``strict=True`` in
Harsanyi–Selten's strict sense.

**Risk dominance.** For two strict pure equilibria :math:`e = (a_1, \dots,
a_n)` and :math:`f = (b_1, \dots, b_n)`, let :math:`D` be the players with
:math:`a_i \ne b_i` and define the *deviation loss* of player :math:`i` at
:math:`e` as :math:`u_i(e) - u_i(b_i, e_{-i})`: what *i* loses by switching
alone to the action it plays in :math:`f`. Then :math:`e` risk-dominates
:math:`f` when

.. math::

    \prod_{i \in D} \bigl[u_i(e) - u_i(b_i, e_{-i})\bigr]
    > \prod_{i \in D} \bigl[u_i(f) - u_i(a_i, f_{-i})\bigr] .

For 2×2 games this *is* Harsanyi–Selten risk dominance (their Section 3.9;
it coincides with what their tracing procedure selects). For larger games
Harsanyi and Selten define risk dominance through the tracing procedure,
which is **not** implemented here: beyond 2×2 this module computes the
product-of-deviation-losses criterion above, a standard generalisation
(for two players it is H–S risk dominance in the 2×2 game spanned by the two
equilibria's actions). Mixed equilibria, and pure ones where a deviation
loss is not positive, are rejected with a :class:`~nea_games.errors.ValidationError`.

References
----------
J. C. Harsanyi and R. Selten (1988), *A General Theory of Equilibrium
Selection in Games*, MIT Press.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Sequence
from typing import Any

from nea_games._numeric import TOLERANCE, tolerance_for
from nea_games.errors import ShapeError, ValidationError
from nea_games.games.render import format_number
from nea_games.solvers.result import Equilibrium

__all__ = [
    "describe",
    "deviation_losses",
    "max_welfare",
    "payoff_dominant",
    "risk_dominance",
    "risk_dominant",
]


def _items(equilibria: Iterable[Equilibrium]) -> list[Equilibrium]:
    """The equilibria as a list, checked to belong to one game."""
    items = list(equilibria)
    for eq in items:
        if not isinstance(eq, Equilibrium):
            raise ValidationError(f"expected Equilibrium objects, got {type(eq).__name__}")
    if items:
        first = items[0].game
        if any(eq.game is not first and eq.game != first for eq in items[1:]):
            raise ValidationError("the equilibria belong to different games")
    return items


def _tolerance(items: Sequence[Equilibrium]) -> float:
    """0 when every equilibrium is exact (compare exactly), else the game's float tolerance."""
    if all(eq.exact for eq in items):
        return 0.0
    return tolerance_for(items[0].game.float_payoffs())


def _greater(a: Any, b: Any, tol: float) -> bool:
    return bool(a > b) if tol == 0.0 else float(a) > float(b) + tol


def payoff_dominant(equilibria: Iterable[Equilibrium], *, strict: bool = False) -> list[Equilibrium]:
    """The equilibria not payoff-dominated by another one in the list.

    Parameters
    ----------
    equilibria : EquilibriumSet or iterable of Equilibrium
    strict : bool
        ``False`` (default): drop an equilibrium when another is at least as
        good for every player and better for one (Pareto dominance).
        ``True``: drop it only when another is strictly better for every
        player (Harsanyi–Selten payoff dominance), which keeps more.

    Returns
    -------
    list of Equilibrium
        In the input order; equilibria with equal payoffs are all kept.

    Examples
    --------
    >>> from nea_games import NormalFormGame
    >>> from nea_games.solvers.pure import solve_pure
    >>> stag_hunt = NormalFormGame.symmetric([[4, 0], [3, 3]], actions=["Stag", "Hare"])
    >>> [eq.label for eq in payoff_dominant(solve_pure(stag_hunt))]
    ['pure (Stag, Stag)']
    """
    items = _items(equilibria)
    tol = _tolerance(items)

    def dominates(e: Equilibrium, f: Equilibrium) -> bool:
        pairs = list(zip(e.payoffs, f.payoffs, strict=True))
        if strict:
            return all(_greater(a, b, tol) for a, b in pairs)
        return all(not _greater(b, a, tol) for a, b in pairs) and any(_greater(a, b, tol) for a, b in pairs)

    return [f for f in items if not any(dominates(e, f) for e in items if e is not f)]


def deviation_losses(eq: Equilibrium, other: Equilibrium) -> dict[str, Any]:
    """What each player loses by deviating alone from ``eq`` to its action in ``other``.

    Only players whose actions differ between the two pure equilibria appear.

    Raises
    ------
    nea_games.errors.ValidationError
        If either equilibrium is mixed, or they belong to different games.

    Examples
    --------
    >>> from nea_games import NormalFormGame
    >>> from nea_games.solvers.pure import solve_pure
    >>> stag, hare = solve_pure(NormalFormGame.symmetric([[4, 0], [3, 3]], actions=["Stag", "Hare"]))
    >>> deviation_losses(hare, stag)
    {'Player 1': Fraction(3, 1), 'Player 2': Fraction(3, 1)}
    """
    _items([eq, other])
    for e in (eq, other):
        if not e.is_pure:
            raise ValidationError(f"risk dominance compares pure equilibria; {e.label} is mixed")
    game = eq.game
    exact = eq.exact and other.exact
    payoffs = game.payoffs if exact else game.float_payoffs()
    here, there = eq.pure_profile_index, other.pure_profile_index
    assert here is not None and there is not None
    losses = {}
    for i, player in enumerate(game.players):
        if here[i] != there[i]:
            deviation = list(here)
            deviation[i] = there[i]
            losses[player] = payoffs[(i, *here)] - payoffs[(i, *deviation)]
    return losses


def _loss_product(eq: Equilibrium, other: Equilibrium, tol: float) -> Any:
    product: Any = 1
    for player, loss in deviation_losses(eq, other).items():
        if not _greater(loss, 0, tol):
            raise ValidationError(
                f"risk dominance is defined for strict equilibria: at {eq.label}, {player} loses "
                f"{format_number(loss)} (nothing) by switching to its action in {other.label}"
            )
        product = product * loss
    return product


def risk_dominant(eq1: Equilibrium, eq2: Equilibrium) -> Equilibrium | None:
    """The equilibrium of the two that risk-dominates the other, or ``None`` for a tie.

    Compares the products of deviation losses (see the module docstring):
    Harsanyi–Selten risk dominance in 2×2 games, its product-of-losses
    generalisation otherwise. Two equal profiles are a tie.

    Raises
    ------
    nea_games.errors.ValidationError
        If an equilibrium is mixed, or a player's deviation loss is not
        positive (a non-strict equilibrium, where the criterion is undefined).

    Examples
    --------
    Stag hunt: (Stag, Stag) pays more, but (Hare, Hare) is safer — the losses
    from deviating are 1·1 at (Stag, Stag) and 3·3 at (Hare, Hare).

    >>> from nea_games import NormalFormGame
    >>> from nea_games.solvers.pure import solve_pure
    >>> stag, hare = solve_pure(NormalFormGame.symmetric([[4, 0], [3, 3]], actions=["Stag", "Hare"]))
    >>> risk_dominant(stag, hare).label
    'pure (Hare, Hare)'
    """
    items = _items([eq1, eq2])
    tol = _tolerance(items)
    if eq1.is_pure and eq2.is_pure and eq1.pure_profile == eq2.pure_profile:
        return None
    p1, p2 = _loss_product(eq1, eq2, tol), _loss_product(eq2, eq1, tol)
    scale = tol * max(1.0, abs(float(p1)), abs(float(p2)))
    if _greater(p1, p2, scale):
        return eq1
    if _greater(p2, p1, scale):
        return eq2
    return None


def risk_dominance(equilibria: Iterable[Equilibrium]) -> list[Equilibrium]:
    """The pure equilibria that no other pure equilibrium risk-dominates.

    Mixed equilibria in the input are ignored. With more than two equilibria
    the pairwise relation need not be transitive and can cycle, so the result
    may hold several equilibria (ties) or none.

    Examples
    --------
    >>> from nea_games import NormalFormGame
    >>> from nea_games.solvers.pure import solve_pure
    >>> eqs = solve_pure(NormalFormGame.symmetric([[4, 0], [3, 3]], actions=["Stag", "Hare"]))
    >>> [eq.label for eq in risk_dominance(eqs)]
    ['pure (Hare, Hare)']
    """
    pure = [eq for eq in _items(equilibria) if eq.is_pure]
    return [f for f in pure if not any(e is not f and risk_dominant(e, f) is e for e in pure)]


def max_welfare(equilibria: Iterable[Equilibrium], weights: Sequence[Any] | None = None) -> list[Equilibrium]:
    """The equilibria with the largest (weighted) sum of payoffs; ties are all returned.

    Parameters
    ----------
    equilibria : EquilibriumSet or iterable of Equilibrium
    weights : sequence of numbers, optional
        One weight per player (default: all 1).

    Examples
    --------
    >>> from nea_games import NormalFormGame
    >>> from nea_games.solvers.pure import solve_pure
    >>> bos = NormalFormGame.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], actions=[["Opera", "Fight"]] * 2)
    >>> [eq.label for eq in max_welfare(solve_pure(bos))]
    ['pure (Opera, Opera)', 'pure (Fight, Fight)']
    >>> [eq.label for eq in max_welfare(solve_pure(bos), weights=[1, 2])]
    ['pure (Fight, Fight)']
    """
    items = _items(equilibria)
    if not items:
        return []
    n = items[0].game.n_players
    w = [1] * n if weights is None else list(weights)
    if len(w) != n:
        raise ShapeError(f"max_welfare: expected {n} weights (one per player), got {len(w)}")
    exact_weights = all(isinstance(v, numbers.Rational) and not isinstance(v, bool) for v in w)
    tol = _tolerance(items) if exact_weights else tolerance_for(items[0].game.float_payoffs())
    values = [sum(wi * v for wi, v in zip(w, eq.payoffs, strict=True)) for eq in items]
    scale = tol * max(1.0, *(abs(float(v)) for v in values))
    best = max(values)
    return [eq for eq, v in zip(items, values, strict=True) if not _greater(best, v, scale)]


def describe(eq: Equilibrium) -> str:
    """One plain-language sentence: pure or mixed, who plays what, the expected payoffs.

    :attr:`Equilibrium.label` is the short form of the same information.

    Examples
    --------
    >>> from nea_games import NormalFormGame, Equilibrium
    >>> from fractions import Fraction
    >>> stag_hunt = NormalFormGame.symmetric([[4, 0], [3, 3]], actions=["Stag", "Hare"],
    ...                                      players=["US", "China"])
    >>> print(describe(Equilibrium.from_strategies(stag_hunt, [[1, 0], [1, 0]])))
    In the pure (Stag, Stag) equilibrium, US plays Stag and China plays Stag; expected payoffs: US 4, China 4.
    >>> mixed = Equilibrium.from_strategies(stag_hunt, [[Fraction(3, 4), Fraction(1, 4)]] * 2)
    >>> print(describe(mixed))  # doctest: +NORMALIZE_WHITESPACE
    In this mixed equilibrium, US mixes Stag (3/4) and Hare (1/4), and China mixes Stag (3/4)
    and Hare (1/4); expected payoffs: US 3, China 3.
    """
    game = eq.game
    cut = 0 if eq.exact else TOLERANCE
    parts = []
    for player, actions, probs in zip(game.players, game.actions, eq.strategies, strict=True):
        played = [(a, p) for a, p in zip(actions, probs, strict=True) if p > cut]
        if len(played) == 1:
            parts.append(f"{player} plays {played[0][0]}")
        else:
            options = [f"{a} ({format_number(p)})" for a, p in played]
            parts.append(f"{player} mixes " + ", ".join(options[:-1]) + f" and {options[-1]}")
    if len(parts) == 1:
        joined = parts[0]
    else:  # a serial comma when the parts themselves contain "and"
        joined = ", ".join(parts[:-1]) + (" and " if eq.is_pure else ", and ") + parts[-1]
    opening = f"In the {eq.label} equilibrium" if eq.is_pure else "In this mixed equilibrium"
    pays = ", ".join(f"{p} {format_number(v)}" for p, v in zip(game.players, eq.payoffs, strict=True))
    return f"{opening}, {joined}; expected payoffs: {pays}."
