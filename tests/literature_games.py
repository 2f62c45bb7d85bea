"""Games from the literature with their equilibria derived by hand.

Each entry names its source and gives every Nash equilibrium as exact
probability vectors, with the derivation in a comment. Solver tests are
parametrised over this table (STYLE.md: tests as data).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction as F

from nea_games import NormalFormGame
from nea_games.games import catalog

Profile = tuple[tuple[F, ...], ...]


@dataclass(frozen=True)
class LiteratureGame:
    name: str
    source: str
    game: NormalFormGame
    equilibria: tuple[Profile, ...]
    payoffs: tuple[tuple[F, ...], ...]  # expected payoffs, same order as equilibria


def _p(*vectors: tuple[int | F, ...]) -> Profile:
    return tuple(tuple(F(x) for x in v) for v in vectors)


SHAPLEY = NormalFormGame.bimatrix(
    [[0, 1, 0], [0, 0, 1], [1, 0, 0]],
    [[0, 0, 1], [1, 0, 0], [0, 1, 0]],
    title="Shapley's game",
)

GAMES = [
    # Defect strictly dominates Cooperate for both: the unique equilibrium is (D, D).
    LiteratureGame(
        "prisoners_dilemma",
        "Axelrod 1984",
        catalog.prisoners_dilemma(),
        (_p((0, 1), (0, 1)),),
        ((F(1), F(1)),),
    ),
    # Stag hunt A=[[4,0],[3,3]]: two strict pure equilibria; the mixed one makes the other
    # indifferent: 4p = 3 so p(Stag) = 3/4, payoff 3.
    LiteratureGame(
        "stag_hunt",
        "Skyrms 2004",
        catalog.stag_hunt(),
        (_p((1, 0), (1, 0)), _p((F(3, 4), F(1, 4)), (F(3, 4), F(1, 4))), _p((0, 1), (0, 1))),
        ((F(4), F(4)), (F(3), F(3)), (F(3), F(3))),
    ),
    # Chicken A=[[0,-1],[1,-10]]: Swerve pays q-1 and Straight 11q-10 against Swerve-prob q,
    # equal at q = 9/10; payoff -1/10.
    LiteratureGame(
        "chicken",
        "Rapoport & Chammah 1966",
        catalog.chicken(),
        (_p((1, 0), (0, 1)), _p((F(9, 10), F(1, 10)), (F(9, 10), F(1, 10))), _p((0, 1), (1, 0))),
        ((F(-1), F(1)), (F(-1, 10), F(-1, 10)), (F(1), F(-1))),
    ),
    # Battle of the sexes: Column indifferent when p = 2(1-p), p = 2/3; Row when 2q = 1-q, q = 1/3.
    LiteratureGame(
        "battle_of_the_sexes",
        "Luce & Raiffa 1957",
        catalog.battle_of_the_sexes(),
        (_p((1, 0), (1, 0)), _p((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))), _p((0, 1), (0, 1))),
        ((F(2), F(1)), (F(2, 3), F(2, 3)), (F(1), F(2))),
    ),
    # Matching pennies: no pure equilibrium; each must make the other indifferent: 1/2 each, value 0.
    LiteratureGame(
        "matching_pennies",
        "von Neumann & Morgenstern 1944",
        catalog.matching_pennies(),
        (_p((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2))),),
        ((F(0), F(0)),),
    ),
    # Rock-paper-scissors: the unique equilibrium is uniform, value 0.
    LiteratureGame(
        "rock_paper_scissors",
        "textbook",
        catalog.rock_paper_scissors(),
        (_p((F(1, 3),) * 3, (F(1, 3),) * 3),),
        ((F(0), F(0)),),
    ),
    # Shapley's game: a cyclic 3x3 whose unique equilibrium is uniform, payoff 1/3 each.
    LiteratureGame(
        "shapley_game", "Shapley 1964", SHAPLEY, (_p((F(1, 3),) * 3, (F(1, 3),) * 3),), ((F(1, 3), F(1, 3)),)
    ),
]
