"""nea_games: formal games of Northeast Asian security, and the solvers to analyse them.

The public API in one place::

    from nea_games import NormalFormGame, solve

See the documentation for tutorials; :mod:`nea_games.errors` for the
exceptions the library raises.
"""

from nea_games import errors
from nea_games.analysis import (
    Condition,
    CriticalValue,
    Sample,
    SweepResult,
    conditions,
    critical_value,
    sweep,
)
from nea_games.games import BayesianGame, BehaviourProfile, ExtensiveFormGame, NormalFormGame, SignallingGame
from nea_games.games.public_goods import ClubGame, public_goods_game
from nea_games.games.repeated import Automaton, RepeatedGame
from nea_games.games.transforms import relative_gains
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
from nea_games.solvers.repeated import (
    critical_discount,
    critical_discount_function,
    feasible_ir_set,
    is_subgame_perfect,
    minmax,
)

__version__ = "0.1.0"

__all__ = [
    "Automaton",
    "BayesNashEquilibrium",
    "BayesNashSet",
    "BayesianGame",
    "BehaviourProfile",
    "ClubGame",
    "Condition",
    "CorrelatedEquilibrium",
    "CriticalValue",
    "Equilibrium",
    "EquilibriumSet",
    "ExtensiveFormGame",
    "NormalFormGame",
    "PerfectBayesianEquilibrium",
    "PerfectBayesianSet",
    "RepeatedGame",
    "Sample",
    "SignallingGame",
    "SweepResult",
    "TreeEquilibriumSet",
    "ZeroSumSolution",
    "__version__",
    "available_methods",
    "backward_induction",
    "bayes_nash_equilibria",
    "conditions",
    "correlated_equilibrium",
    "correlated_polytope",
    "critical_discount",
    "critical_discount_function",
    "critical_value",
    "describe",
    "dominated_actions",
    "errors",
    "feasible_ir_set",
    "intuitive_criterion",
    "is_correlated_equilibrium",
    "is_subgame_perfect",
    "iterated_elimination",
    "max_welfare",
    "minmax",
    "payoff_dominant",
    "perfect_bayesian_equilibria",
    "posterior",
    "public_goods_game",
    "pure_bayes_nash_equilibria",
    "pure_equilibria",
    "relative_gains",
    "risk_dominance",
    "risk_dominant",
    "solve",
    "sweep",
    "symbolic_backward_induction",
    "zero_sum_solution",
]
