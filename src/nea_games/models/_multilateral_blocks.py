r"""Building blocks of the multilateral model, usable on their own.

* :func:`grieco_pd` — the prisoner's dilemma with relative-gains utilities
  :math:`U_i = V_i - \rho V_j` (Grieco 1988);
* :func:`public_goods_threshold` — :math:`\delta^*` of grim-trigger
  cooperation in the symmetric N-player public-goods game, with a common
  relative-gains weight on every other player;
* :func:`decisive_defection_threshold` — :math:`\delta^*` when, with
  probability :math:`\omega`, a defection removes the victim's ability to
  retaliate (Lipson 1984), so the defector keeps the temptation payoff;
* :func:`fta_domino` — the competitive-liberalisation ("domino", Baldwin
  1993) fixed point of FTA bloc growth;
* :func:`trust_threshold` — the minimum trust of Kydd's two-type trust game.

Each is derived by the library (``relative_gains``, ``RepeatedGame``,
``critical_value``), not written in by hand.
"""

from __future__ import annotations

from typing import Any

import sympy

from nea_games._values import check_range, sympy_value
from nea_games.analysis.conditions import critical_value
from nea_games.errors import ValidationError
from nea_games.games.normal_form import NormalFormGame
from nea_games.games.public_goods import public_goods_game
from nea_games.games.repeated import RepeatedGame
from nea_games.games.transforms import relative_gains

__all__ = [
    "decisive_defection_threshold",
    "fta_domino",
    "grieco_pd",
    "public_goods_threshold",
    "trust_threshold",
]


def grieco_pd(rho: Any, T: Any = 5, R: Any = 3, P: Any = 1, S: Any = 0) -> NormalFormGame:
    r"""The prisoner's dilemma with relative-gains weight :math:`\rho` on the other's payoff.

    Parameters
    ----------
    rho : number or sympy expression
        Relative-gains weight (share of the other's payoff counted as one's loss).
    T, R, P, S : numbers or sympy expressions, default 5, 3, 1, 0
        Temptation, reward, punishment and sucker's payoffs.

    Examples
    --------
    >>> grieco_pd(sympy.Rational(1, 2)).payoff(("C", "C"))
    (Fraction(3, 2), Fraction(3, 2))
    """
    pd = NormalFormGame.symmetric([[R, S], [T, P]], actions=["C", "D"], title="prisoner's dilemma")
    return relative_gains(pd, rho, title="Grieco prisoner's dilemma")


def public_goods_threshold(n: int, M: Any = 2, e: Any = 1, rho: Any = 0) -> Any:
    r""":math:`\delta^*` of grim trigger in the N-player public-goods game with common weight :math:`\rho`.

    Parameters
    ----------
    n : int
        Number of players (at least 2).
    M, e : numbers or sympy expressions
        Multiplier (:math:`1 < M < n`) and endowment.
    rho : number or sympy expression
        Relative-gains weight on each other player (:math:`(n-1)\rho < 1` assumed if symbolic).

    Examples
    --------
    >>> public_goods_threshold(4, 2)
    1/3
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 2:
        raise ValidationError(f"n: need an integer of at least 2, got {n!r}")
    m, weight = (sympy_value("public_goods_threshold", k, v) for k, v in (("M", M), ("rho", rho)))
    facts = []
    for fact in (m > 1, m < n, (n - 1) * weight < 1):
        if fact is sympy.false:
            raise ValidationError(
                f"public_goods_threshold: {fact} fails (need 1 < M < n and (n - 1)·rho < 1)"
            )
        if fact is not sympy.true:
            facts.append(fact)
    game = public_goods_game(n, M, e, weights=rho)
    return RepeatedGame(game).critical_discount("grim_trigger", ("C",) * n, assumptions=facts)


def decisive_defection_threshold(omega: Any, T: Any = 5, R: Any = 3, P: Any = 1) -> Any:
    r""":math:`\delta^*` of grim trigger when a defection is decisive with probability :math:`\omega`.

    Cooperating forever is worth :math:`R/(1-\delta)`; defecting gives
    :math:`T` now and then, with probability :math:`\omega`, :math:`T` forever
    (the victim can no longer retaliate) or else the punishment :math:`P`.
    The condition is solved for :math:`\delta` by
    :func:`~nea_games.analysis.conditions.critical_value`; in closed form
    :math:`\delta^* = (T - R)/((1 - \omega)(T - P))` (never when it exceeds 1).

    Examples
    --------
    >>> decisive_defection_threshold(0)
    1/2
    >>> decisive_defection_threshold(sympy.Rational(1, 4))
    2/3
    """
    delta = sympy.Symbol("delta", positive=True)
    owner = "decisive_defection_threshold"
    w, t, r, p = (sympy_value(owner, k, v) for k, v in (("omega", omega), ("T", T), ("R", R), ("P", P)))
    check_range(owner, "omega", w, 0, 1, probability=True)
    if not (t.free_symbols or r.free_symbols or p.free_symbols) and not t > r > p:
        raise ValidationError(f"need T > R > P, got T={t}, R={r}, P={p}")
    if w == 1:
        return sympy.oo
    condition = r >= (1 - delta) * t + delta * (w * t + (1 - w) * p)
    facts = [delta < 1, t > r, r > p, w < 1, w >= 0]
    value = critical_value(condition, delta, assumptions=[f for f in facts if f not in (sympy.true,)])
    threshold = sympy.simplify(value.threshold)
    if threshold.is_number and threshold >= 1:
        return sympy.oo
    return threshold


def fta_domino(alpha: Any, beta: Any, resistance: Any) -> tuple[int, tuple[int, ...]]:
    r"""Competitive liberalisation (Baldwin's domino): the size of an FTA bloc at its fixed point.

    Country :math:`i` joins when the pressure :math:`\alpha + \beta n` reaches
    its resistance :math:`r_i`, where :math:`n` is the number of members.
    Starting from an empty bloc, joining is iterated until no outsider's
    resistance is reached: the result is the smallest fixed point
    :math:`n = \#\{i : \alpha + \beta n \ge r_i\}`.

    Parameters
    ----------
    alpha : number
        Pressure to join an empty bloc.
    beta : number
        Extra pressure per member (non-negative).
    resistance : sequence of numbers
        :math:`r_i` of each country.

    Returns
    -------
    tuple
        The bloc size and the members' positions in ``resistance``, in joining order.

    Examples
    --------
    >>> fta_domino(1, 1, [1, 2, 3, 5])
    (3, (0, 1, 2))
    """
    a, b = sympy_value("fta_domino", "alpha", alpha), sympy_value("fta_domino", "beta", beta)
    rs = [sympy_value("fta_domino", f"resistance[{k}]", r) for k, r in enumerate(resistance)]
    if any(v.free_symbols for v in (a, b, *rs)):
        raise ValidationError("fta_domino: alpha, beta and the resistances must be numbers")
    check_range("fta_domino", "beta", b, 0)
    members: list[int] = []
    while True:
        pressure = a + b * len(members)
        joining = [k for k, r in enumerate(rs) if k not in members and pressure >= r]
        if not joining:
            return len(members), tuple(members)
        members.extend(sorted(joining, key=lambda k: (rs[k], k)))


def trust_threshold(R: Any = 3, T: Any = 2, P: Any = 1, S: Any = 0) -> Any:
    r"""Kydd's two-type trust game: the minimum trust :math:`p^*` for cooperation.

    Each state is *trustworthy* (assurance preferences, :math:`R > T`:
    it prefers mutual cooperation to exploiting a cooperator) or
    *untrustworthy* (a prisoner's-dilemma type, which always defects). With
    probability :math:`p` the other state is trustworthy. The equilibrium in
    which trustworthy types cooperate exists iff a trustworthy type prefers
    cooperating, :math:`pR + (1-p)S \ge pT + (1-p)P`, i.e. iff
    :math:`p \ge p^* = (P - S)/((R - T) + (P - S))`, solved for :math:`p` by
    :func:`~nea_games.analysis.conditions.critical_value`.

    Parameters
    ----------
    R, T, P, S : numbers or sympy expressions, default 3, 2, 1, 0
        The trustworthy type's payoffs, with :math:`R > T` and :math:`P > S`.

    Examples
    --------
    >>> trust_threshold()
    1/2
    >>> trust_threshold(R=4)
    1/3
    """
    p = sympy.Symbol("p", nonnegative=True)
    r, t, q, s = (sympy_value("trust_threshold", k, v) for k, v in (("R", R), ("T", T), ("P", P), ("S", S)))
    if not any(v.free_symbols for v in (r, t, q, s)) and not (r > t and q > s):
        raise ValidationError(f"trust_threshold: need R > T and P > S, got R={r}, T={t}, P={q}, S={s}")
    condition = p * r + (1 - p) * s >= p * t + (1 - p) * q
    facts = [f for f in (r > t, q > s) if f is not sympy.true]
    return sympy.simplify(critical_value(condition, p, assumptions=facts).threshold)
