"""Named textbook games, each with its source.

Every function returns a fresh exact :class:`~nea_games.games.normal_form.NormalFormGame`
whose payoffs are the usual textbook numbers. They serve as teaching examples,
as the demo of the command line, and as fixtures for tests (the tests write
the expected equilibria out by hand; nothing here states them).

Examples
--------
>>> from nea_games.games import catalog
>>> sorted(catalog.CATALOG)[:3]
['battle_of_the_sexes', 'chicken', 'matching_pennies']
>>> print(catalog.prisoners_dilemma())
Row \\ Column  Cooperate  Defect
Cooperate     3, 3       0, 5
Defect        5, 0       1, 1
"""

from __future__ import annotations

from collections.abc import Callable

from nea_games.games.normal_form import NormalFormGame

__all__ = [
    "CATALOG",
    "battle_of_the_sexes",
    "chicken",
    "matching_pennies",
    "mckelvey_mclennan_2x2x2",
    "prisoners_dilemma",
    "rock_paper_scissors",
    "stag_hunt",
]

_TWO = ("Row", "Column")


def prisoners_dilemma() -> NormalFormGame:
    """The prisoner's dilemma with T=5, R=3, P=1, S=0 (Axelrod 1984).

    The security dilemma in its barest form: each side is better off arming
    (Defect) whatever the other does, yet both prefer mutual restraint.
    """
    return NormalFormGame.symmetric(
        [[3, 0], [5, 1]], players=_TWO, actions=["Cooperate", "Defect"], title="Prisoner's dilemma"
    )


def stag_hunt() -> NormalFormGame:
    """The stag hunt (Rousseau; Skyrms 2004): cooperation pays only if the other cooperates."""
    return NormalFormGame.symmetric(
        [[4, 0], [3, 3]], players=_TWO, actions=["Stag", "Hare"], title="Stag hunt"
    )


def chicken() -> NormalFormGame:
    """Chicken (Rapoport & Chammah 1966), the crisis-bargaining game of brinkmanship."""
    return NormalFormGame.symmetric(
        [[0, -1], [1, -10]], players=_TWO, actions=["Swerve", "Straight"], title="Chicken"
    )


def battle_of_the_sexes() -> NormalFormGame:
    """Battle of the sexes (Luce & Raiffa 1957): coordination with conflicting preferences."""
    return NormalFormGame.bimatrix(
        [[2, 0], [0, 1]],
        [[1, 0], [0, 2]],
        players=_TWO,
        actions=[["Opera", "Football"], ["Opera", "Football"]],
        title="Battle of the sexes",
    )


def matching_pennies() -> NormalFormGame:
    """Matching pennies: a zero-sum game with no pure equilibrium."""
    return NormalFormGame.zero_sum(
        [[1, -1], [-1, 1]],
        players=_TWO,
        actions=[["Heads", "Tails"], ["Heads", "Tails"]],
        title="Matching pennies",
    )


def rock_paper_scissors() -> NormalFormGame:
    """Rock-paper-scissors: zero-sum, unique equilibrium in full mixing."""
    names = ["Rock", "Paper", "Scissors"]
    return NormalFormGame.zero_sum(
        [[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
        players=_TWO,
        actions=[names, names],
        title="Rock-paper-scissors",
    )


def mckelvey_mclennan_2x2x2() -> NormalFormGame:
    """A three-player 2x2x2 game with nine equilibria, two of them totally mixed.

    From McKelvey & McLennan (1997), "The maximal number of regular totally
    mixed Nash equilibria", *Journal of Economic Theory* 72; also distributed
    with Gambit as ``contrib/games/2x2x2.nfg``.
    """
    payoffs = {
        ("1", "1", "1"): (9, 8, 12),
        ("2", "1", "1"): (0, 0, 0),
        ("1", "2", "1"): (0, 0, 0),
        ("2", "2", "1"): (9, 8, 2),
        ("1", "1", "2"): (0, 0, 0),
        ("2", "1", "2"): (3, 4, 6),
        ("1", "2", "2"): (3, 4, 6),
        ("2", "2", "2"): (0, 0, 0),
    }
    return NormalFormGame(
        ["Player 1", "Player 2", "Player 3"],
        [["1", "2"], ["1", "2"], ["1", "2"]],
        payoffs,
        title="McKelvey-McLennan 2x2x2",
    )


CATALOG: dict[str, Callable[[], NormalFormGame]] = {
    "prisoners_dilemma": prisoners_dilemma,
    "stag_hunt": stag_hunt,
    "chicken": chicken,
    "battle_of_the_sexes": battle_of_the_sexes,
    "matching_pennies": matching_pennies,
    "rock_paper_scissors": rock_paper_scissors,
    "mckelvey_mclennan_2x2x2": mckelvey_mclennan_2x2x2,
}
