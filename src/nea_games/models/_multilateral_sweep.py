r"""Vectorised critical discount factors of the multilateral model's clubs, for sweeps.

Every named club's stage game is linear in the rivalry weight :math:`\rho_R`, and its
cooperative profile (all ``C``) is backed by a punishment with the stage equilibrium
(all ``D``). For member *i* write :math:`R_i` for its payoff when all cooperate,
:math:`T_i` when it alone defects and :math:`P_i` when all defect. The one-shot
deviation principle then gives, member by member,

* grim trigger (Friedman 1971): :math:`\delta^*_i = (T_i - R_i)/(T_i - P_i)`;
* :math:`k`-period punishment: the smallest :math:`\delta` with
  :math:`T_i - R_i \le (R_i - P_i)(\delta + \delta^2 + \dots + \delta^k)`;
* tit-for-tat in the Nash sense (each member cooperates iff all others did last period):
  with three or more members one defection makes every non-deviator see a defector
  among the others in every later period, so the club falls into permanent defection and
  :math:`\delta^*` equals grim trigger's (the named clubs all have at least three members);

with :math:`\delta^*_i = 0` when :math:`T_i \le R_i`, :math:`\infty` when the deviation gains
but :math:`R_i \le P_i` or the gain can never be recovered, and :math:`\delta^* = \max_i \delta^*_i`.
These are the constraints :func:`nea_games.solvers.repeated.critical_discount` checks on the
strategy automata; the tests compare the two at sample points. Payoffs are lambdified once
per model, so a sweep is a handful of numpy operations over all points.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from nea_games.analysis._conditions_simplify import Assumptions
from nea_games.errors import ValidationError
from nea_games.models._multilateral_states import CLUBS, ISSUES

__all__ = ["discount_from_payoffs", "grim_discount_expression", "sweep_clubs"]

FloatArray = npt.NDArray[np.float64]


def _k_period(gain: FloatArray, loss: FloatArray, k: int) -> FloatArray:
    """Smallest delta in (0, 1) with gain <= loss (delta + ... + delta^k), by vectorised bisection."""
    ratio = np.divide(gain, loss, out=np.full_like(gain, np.inf), where=loss > 0)
    out = np.where(gain <= 0, 0.0, np.inf)
    todo = (gain > 0) & (loss > 0) & (ratio < k)
    low, high = np.zeros(int(todo.sum())), np.ones(int(todo.sum()))
    target = ratio[todo]
    for _ in range(60):
        mid = (low + high) / 2
        total = sum(mid**j for j in range(1, k + 1))
        enough = total >= target
        high = np.where(enough, mid, high)
        low = np.where(enough, low, mid)
    out[todo] = high
    return out


def discount_from_payoffs(
    R: FloatArray, T: FloatArray, P: FloatArray, strategy: str, k: int = 1
) -> FloatArray:
    """:math:`\\delta^* = \\max_i \\delta^*_i` from arrays of shape (members, points).

    Examples
    --------
    A prisoner's dilemma with T, R, P = 5, 3, 1: grim trigger needs 1/2, one-period punishment 1.

    >>> R, T, P = (np.array([[v], [v]], dtype=float) for v in (3, 5, 1))
    >>> discount_from_payoffs(R, T, P, "grim"), discount_from_payoffs(R, T, P, "k_period", 1)
    (array([0.5]), array([inf]))
    >>> discount_from_payoffs(R, T, P, "k_period", 2).round(6)  # delta + delta^2 = 1
    array([0.618034])
    """
    gain, loss = T - R, R - P
    if strategy in ("grim", "tit_for_tat"):
        with np.errstate(divide="ignore", invalid="ignore"):
            each = np.where(gain <= 0, 0.0, np.where(loss > 0, gain / (T - P), np.inf))
    elif strategy == "k_period":
        each = _k_period(gain.reshape(-1), loss.reshape(-1), k).reshape(gain.shape)
    else:  # pragma: no cover - the model validates the name
        raise ValidationError(f"unknown strategy {strategy!r}")
    return np.asarray(each.max(axis=0), dtype=float)


@functools.lru_cache(maxsize=32)
def _payoff_functions(model: Any) -> dict[tuple[str, str], Any]:
    """``(club, issue) -> f(rho) -> (R, T, P)`` arrays of shape (members, points)."""
    rho = sympy.Symbol("rho_R", nonnegative=True)
    symbolic = replace(model, rho_R=rho, delta=sympy.Rational(1, 2))
    out: dict[tuple[str, str], Any] = {}
    for club in CLUBS:
        for issue in ISSUES:
            game = symbolic.club_game(club, issue)
            if set(game.parameters) - {rho}:
                raise ValidationError("sweep: every parameter other than rho_R and delta must be numeric")
            n = len(game.players)
            cooperate, defect = ("C",) * n, ("D",) * n
            R = [game.payoff(cooperate)[i] for i in range(n)]
            T = [game.payoff((*cooperate[:i], "D", *cooperate[i + 1 :]))[i] for i in range(n)]
            P = [game.payoff(defect)[i] for i in range(n)]
            entries = [sympy.sympify(v) for v in (*R, *T, *P)]
            out[(club, issue)] = (n, sympy.lambdify([rho], entries, modules="numpy"))
    return out


def grim_discount_expression(game: Any, assumptions: Sequence[Any] = ()) -> Any:
    r"""Grim trigger's :math:`\delta^*` of a parametric club game, in sympy, regime by regime.

    A fallback for symbolic models where the library's sign analysis cannot split the
    domain (e.g. whether defecting pays depends on a symbolic ``M``). A member's payoff is
    linear in every contribution, so its gain from defecting, :math:`g_i = T_i - R_i`, does
    not depend on what the others do: in the stage equilibrium the members with
    :math:`g_i > 0` defect and the others contribute. For each sign pattern of the
    :math:`g_i` allowed by ``assumptions``, :math:`\delta^* = \max_i g_i / (T_i - N_i)`
    over the defectors, with :math:`N_i` the payoff in that equilibrium (``oo`` when
    :math:`T_i \le N_i`: the others contribute anyway and cannot punish), and 0 when no
    member gains by defecting. Members with the same :math:`g_i` share a sign, so the
    number of patterns is :math:`2^{\text{distinct gains}}` (at most 8 for the named clubs).

    Examples
    --------
    >>> from nea_games.models.multilateral import MultilateralModel
    >>> M = sympy.Symbol("M")
    >>> game = MultilateralModel(M=M).club_game("bloc_A", "security")
    >>> grim_discount_expression(game, [M > 1, M < 3])
    Piecewise((0, M >= 123/50), (-(50*M - 123)/(2*(50*M + 27)), True))
    """
    n = len(game.players)
    facts = Assumptions(assumptions)
    cooperate = ("C",) * n

    def payoff(i: int, profile: tuple[str, ...]) -> Any:
        return sympy.sympify(game.payoff(profile)[i])

    R = [payoff(i, cooperate) for i in range(n)]
    T = [payoff(i, (*cooperate[:i], "D", *cooperate[i + 1 :])) for i in range(n)]
    groups: dict[Any, list[int]] = {}
    for i in range(n):
        groups.setdefault(sympy.factor(sympy.simplify(T[i] - R[i])), []).append(i)
    pieces: list[tuple[Any, Any]] = []
    for pattern in itertools.product((False, True), repeat=len(groups)):
        signs = [
            sympy.Gt(g, 0) if defect else sympy.Le(g, 0) for g, defect in zip(groups, pattern, strict=True)
        ]
        regime = facts.conjunction(signs)
        if regime is sympy.false:
            continue
        defectors = [i for (_, members), d in zip(groups.items(), pattern, strict=True) if d for i in members]
        nash = tuple("D" if i in defectors else "C" for i in range(n))
        ratios = []
        for i in defectors:
            loss = sympy.factor(sympy.simplify(T[i] - payoff(i, nash)))
            punishable = facts.decide(sympy.Gt(loss, 0)) if loss != 0 else sympy.false
            ratio = sympy.factor(sympy.simplify((T[i] - R[i]) / loss)) if loss != 0 else sympy.oo
            if punishable is sympy.true:
                ratios.append(ratio)
            elif punishable is sympy.false:
                ratios.append(sympy.oo)
            else:
                ratios.append(sympy.Piecewise((ratio, punishable), (sympy.oo, True)))
        pieces.append((sympy.Max(*ratios) if ratios else sympy.S.Zero, regime))
    if len(pieces) == 1:
        return pieces[0][0]
    return sympy.Piecewise(*pieces[:-1], (pieces[-1][0], True))


def sweep_clubs(model: Any, rho: FloatArray, delta: FloatArray) -> dict[str, npt.NDArray[Any]]:
    """Sustainability (``"region security"`` ...) and δ* (``"delta* region security"`` ...) at the points."""
    strategy = model.strategy
    out: dict[str, npt.NDArray[Any]] = {}
    for (club, issue), (n, function) in _payoff_functions(model).items():
        values = np.array([np.broadcast_to(np.asarray(v, dtype=float), rho.shape) for v in function(rho)])
        R, T, P = values[:n], values[n : 2 * n], values[2 * n :]
        critical = discount_from_payoffs(R, T, P, strategy, int(model.k))
        out[f"{club} {issue}"] = delta >= critical - 1e-12
        out[f"delta* {club} {issue}"] = critical
    return out
