"""How to find equilibria: one module per family of algorithms, behind :func:`solve`."""

from nea_games.solvers.api import available_methods, solve
from nea_games.solvers.attrition import AttritionEquilibrium, war_of_attrition
from nea_games.solvers.backward import TreeEquilibriumSet, backward_induction, symbolic_backward_induction
from nea_games.solvers.bayesian import bayes_nash_equilibria, posterior, pure_bayes_nash_equilibria
from nea_games.solvers.bayesian_result import BayesNashEquilibrium, BayesNashSet
from nea_games.solvers.coalitional import Core, banzhaf_index, core, shapley_value
from nea_games.solvers.correlated import (
    CorrelatedEquilibrium,
    correlated_equilibrium,
    correlated_polytope,
    is_correlated_equilibrium,
)
from nea_games.solvers.pure import dominated_actions, iterated_elimination, pure_equilibria
from nea_games.solvers.result import Equilibrium, EquilibriumSet
from nea_games.solvers.selection import describe, max_welfare, payoff_dominant, risk_dominance, risk_dominant
from nea_games.solvers.signalling import (
    PerfectBayesianEquilibrium,
    PerfectBayesianSet,
    intuitive_criterion,
    perfect_bayesian_equilibria,
)
from nea_games.solvers.zero_sum import ZeroSumSolution, zero_sum_solution

__all__ = [
    "AttritionEquilibrium",
    "BayesNashEquilibrium",
    "BayesNashSet",
    "Core",
    "CorrelatedEquilibrium",
    "Equilibrium",
    "EquilibriumSet",
    "PerfectBayesianEquilibrium",
    "PerfectBayesianSet",
    "TreeEquilibriumSet",
    "ZeroSumSolution",
    "available_methods",
    "backward_induction",
    "banzhaf_index",
    "bayes_nash_equilibria",
    "core",
    "correlated_equilibrium",
    "correlated_polytope",
    "describe",
    "dominated_actions",
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
    "shapley_value",
    "solve",
    "symbolic_backward_induction",
    "war_of_attrition",
    "zero_sum_solution",
]
