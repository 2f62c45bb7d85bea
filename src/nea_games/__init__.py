"""nea_games: formal games of Northeast Asian security, and the solvers to analyse them.

The public API in one place::

    from nea_games import NormalFormGame, solve

See the documentation for tutorials; :mod:`nea_games.errors` for the
exceptions the library raises.
"""

from nea_games import errors
from nea_games.games import BayesianGame, BehaviourProfile, ExtensiveFormGame, NormalFormGame, SignallingGame
from nea_games.solvers import (
    BayesNashEquilibrium,
    BayesNashSet,
    CorrelatedEquilibrium,
    Equilibrium,
    EquilibriumSet,
    PerfectBayesianEquilibrium,
    PerfectBayesianSet,
    TreeEquilibriumSet,
    ZeroSumSolution,
    available_methods,
    backward_induction,
    bayes_nash_equilibria,
    correlated_equilibrium,
    correlated_polytope,
    describe,
    dominated_actions,
    intuitive_criterion,
    is_correlated_equilibrium,
    iterated_elimination,
    max_welfare,
    payoff_dominant,
    perfect_bayesian_equilibria,
    posterior,
    pure_bayes_nash_equilibria,
    pure_equilibria,
    risk_dominance,
    risk_dominant,
    solve,
    symbolic_backward_induction,
    zero_sum_solution,
)

__version__ = "0.1.0"

__all__ = [
    "BayesNashEquilibrium",
    "BayesNashSet",
    "BayesianGame",
    "BehaviourProfile",
    "CorrelatedEquilibrium",
    "Equilibrium",
    "EquilibriumSet",
    "ExtensiveFormGame",
    "NormalFormGame",
    "PerfectBayesianEquilibrium",
    "PerfectBayesianSet",
    "SignallingGame",
    "TreeEquilibriumSet",
    "ZeroSumSolution",
    "__version__",
    "available_methods",
    "backward_induction",
    "bayes_nash_equilibria",
    "correlated_equilibrium",
    "correlated_polytope",
    "describe",
    "dominated_actions",
    "errors",
    "intuitive_criterion",
    "is_correlated_equilibrium",
    "iterated_elimination",
    "max_welfare",
    "payoff_dominant",
    "perfect_bayesian_equilibria",
    "posterior",
    "pure_bayes_nash_equilibria",
    "pure_equilibria",
    "risk_dominance",
    "risk_dominant",
    "solve",
    "symbolic_backward_induction",
    "zero_sum_solution",
]
