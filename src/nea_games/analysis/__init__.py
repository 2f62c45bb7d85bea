"""Questions about games with parameters: exact conditions, parameter sweeps and equilibrium maps."""

from nea_games.analysis.conditions import Condition, CriticalValue, conditions, critical_value
from nea_games.analysis.plots import equilibrium_map
from nea_games.analysis.sweep import Sample, Sweepable, SweepResult, sweep

__all__ = [
    "Condition",
    "CriticalValue",
    "Sample",
    "SweepResult",
    "Sweepable",
    "conditions",
    "critical_value",
    "equilibrium_map",
    "sweep",
]
