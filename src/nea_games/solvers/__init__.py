"""How to find equilibria: one module per family of algorithms, behind :func:`solve`."""

from nea_games.solvers.api import available_methods, solve
from nea_games.solvers.pure import dominated_actions, iterated_elimination, pure_equilibria
from nea_games.solvers.result import Equilibrium, EquilibriumSet

__all__ = [
    "Equilibrium",
    "EquilibriumSet",
    "available_methods",
    "dominated_actions",
    "iterated_elimination",
    "pure_equilibria",
    "solve",
]
