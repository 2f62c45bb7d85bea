"""Reading and writing games in other programs' formats.

:mod:`nea_games.io.gambit`
    Gambit's ``.nfg`` and ``.efg`` files, with exact payoffs.
"""

from nea_games.io import gambit

__all__ = ["gambit"]
