"""Questions about games with parameters: exact conditions, parameter sweeps and equilibrium maps."""

from nea_games.analysis.bargaining import BargainingSolution, nash_bargaining, split_surplus
from nea_games.analysis.conditions import Condition, CriticalValue, conditions, critical_value
from nea_games.analysis.plots import equilibrium_map
from nea_games.analysis.stopping import BeliefStoppingProblem, belief_path
from nea_games.analysis.sweep import Sample, Sweepable, SweepResult, sweep

__all__ = [
    "BargainingSolution",
    "BeliefStoppingProblem",
    "Condition",
    "CriticalValue",
    "Sample",
    "SweepResult",
    "Sweepable",
    "belief_path",
    "conditions",
    "critical_value",
    "equilibrium_map",
    "nash_bargaining",
    "split_surplus",
    "sweep",
]
