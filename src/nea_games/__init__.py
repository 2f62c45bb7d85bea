"""nea_games: formal games of Northeast Asian security, and the solvers to analyse them.

The public API in one place::

    from nea_games import NormalFormGame, solve

See the documentation for tutorials; :mod:`nea_games.errors` for the
exceptions the library raises.
"""

from nea_games import errors
from nea_games.games import NormalFormGame
from nea_games.solvers import (
    Equilibrium,
    EquilibriumSet,
    available_methods,
    dominated_actions,
    iterated_elimination,
    pure_equilibria,
    solve,
)

__version__ = "0.1.0"

__all__ = [
    "Equilibrium",
    "EquilibriumSet",
    "NormalFormGame",
    "__version__",
    "available_methods",
    "dominated_actions",
    "errors",
    "iterated_elimination",
    "pure_equilibria",
    "solve",
]
