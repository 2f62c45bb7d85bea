"""The six parties, their blocs and the named clubs of the multilateral model.

Bloc A is the United States with Japan and South Korea, bloc B China, Russia and North
Korea; a club is a set of them (the named ones: the region, bloc A, bloc B).
See :mod:`nea_games.models.multilateral`.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from nea_games.errors import UnknownNameError, ValidationError
from nea_games.games._names import did_you_mean

__all__ = [
    "BLOC_A",
    "BLOC_B",
    "CLUBS",
    "HYPOTHESES",
    "ISSUES",
    "STATES",
    "STRATEGIES",
    "bloc_of",
    "label",
    "members",
]

#: Bloc A: the United States and its two Northeast Asian allies.
BLOC_A: tuple[str, ...] = ("US", "JPN", "ROK")
#: Bloc B: China, Russia and North Korea.
BLOC_B: tuple[str, ...] = ("CHN", "RUS", "DPRK")
#: The six parties, in the order used for every payoff and weight array.
STATES: tuple[str, ...] = BLOC_A + BLOC_B
#: The named clubs; any tuple of state names is also accepted.
CLUBS: dict[str, tuple[str, ...]] = {"region": STATES, "bloc_A": BLOC_A, "bloc_B": BLOC_B}
#: The issue areas.
ISSUES: tuple[str, ...] = ("security", "economic")
#: The cooperative strategies offered, with the library's automaton behind each (see
#: :meth:`MultilateralModel.critical_discount`).
STRATEGIES: dict[str, str] = {
    "grim": "grim trigger",
    "tit_for_tat": "tit-for-tat (Nash)",
    "k_period": "k-period punishment",
}
#: The two hypotheses of the source, as (rho_R, rho_I) rules (see :meth:`MultilateralModel.hypothesis`).
HYPOTHESES: tuple[str, ...] = ("A: ideology", "B: rivalry")

_DEFAULT_DISTANCE: tuple[tuple[str, str, Fraction], ...] = (
    *((a, b, Fraction(1)) for a in BLOC_A for b in ("CHN", "DPRK")),
    *((a, "RUS", Fraction(1, 2)) for a in BLOC_A),
)


def bloc_of(state: str) -> str:
    """``"A"`` or ``"B"``: the bloc of one of the six states.

    Examples
    --------
    >>> bloc_of("RUS")
    'B'
    """
    if state in BLOC_A:
        return "A"
    if state in BLOC_B:
        return "B"
    raise UnknownNameError(f"unknown state {state!r}{did_you_mean(state, list(STATES))}; states: {STATES}")


def members(club: str | Sequence[str]) -> tuple[str, ...]:
    if isinstance(club, str):
        if club not in CLUBS:
            raise UnknownNameError(
                f"unknown club {club!r}{did_you_mean(club, list(CLUBS))}; known: {list(CLUBS)}"
            )
        return CLUBS[club]
    members = tuple(club)
    for m in members:
        bloc_of(m)
    if len(set(members)) != len(members):
        raise ValidationError(f"club {members}: a state is listed twice")
    return tuple(s for s in STATES if s in members)


def label(club: str | Sequence[str]) -> str:
    return club if isinstance(club, str) else "+".join(club)
