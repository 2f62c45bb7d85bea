r"""Numeric headline of the learning and attrition pieces of the strategic-patience model.

The learning piece is a :class:`~nea_games.analysis.stopping.BeliefStoppingProblem`
(prior :math:`\pi_0`, rate :math:`\lambda`, flow cost :math:`k`, prize
:math:`D`, stop value 0); its threshold, switch time, shift probabilities
(also under a cost schedule across administrations) and the discretised
dynamic programme all come from that module. The attrition piece calls
:func:`nea_games.solvers.attrition.war_of_attrition` with prizes
``{"US": D, "DPRK": V_N}`` and cost rates ``{"US": k, "DPRK": c_N}``.
Both modules are imported when these functions run, not at import time.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import sympy

from nea_games.models._parameters import exact_output

__all__ = ["DP_STEP", "attrition_headline", "learning_headline"]

#: step (years) of the dynamic programme that cross-checks the closed-form switch time
DP_STEP = 0.01


def learning_headline(model: Any) -> dict[str, Any]:
    """Threshold, switch time, shift probabilities, schedule and DP cross-check (numeric model)."""
    problem = model.learning_problem()
    term = model.term
    t_star = problem.switch_time()
    never = isinstance(t_star, float) and math.isinf(t_star)
    shift_ever = Fraction(0) if never else problem.shift_probability(t_star)
    dp = problem.solve_dp(dt=DP_STEP)
    closed = float(t_star)
    agree = (math.isinf(dp.stop_time) and never) or abs(dp.stop_time - closed) <= 2 * DP_STEP
    schedule = {"flow_costs": [model.k_first, model.k], "terms": term}
    scheduled = problem.shift_probability(2 * term, **schedule)
    return {
        "belief threshold pi*": exact_output(problem.threshold()),
        "switch time t* (years)": exact_output(t_star),
        "P(shift within one term)": exact_output(problem.shift_probability(term)),
        "P(shift within two terms)": exact_output(problem.shift_probability(2 * term)),
        "P(shift ever)": exact_output(shift_ever),
        f"DP switch time (dt = {DP_STEP} years)": dp.stop_time,
        "DP agrees with closed form": bool(agree),
        "P(shift within two terms), k_first then k": exact_output(scheduled),
    }


def attrition_headline(model: Any) -> dict[str, Any]:
    """Concession hazards, expected duration and who concedes first in the war of attrition.

    Works for numeric and symbolic models alike (the solver returns sympy for symbols).
    """
    from nea_games.solvers.attrition import war_of_attrition

    result = war_of_attrition(
        prizes={"US": model.D, "DPRK": model.V_N}, cost_rates={"US": model.k, "DPRK": model.c_N}
    )
    hazards, first = result.hazards, result.first_to_concede
    out = {
        "attrition hazard US (switch to containment)": exact_output(hazards["US"]),
        "attrition hazard DPRK (concede)": exact_output(hazards["DPRK"]),
        "expected attrition duration (years)": exact_output(result.expected_duration),
        "P(US concedes first)": exact_output(first["US"]),
    }
    if isinstance(first["US"], sympy.Basic) and first["US"].free_symbols:
        out["DPRK more likely to concede first iff"] = hazards["DPRK"] > hazards["US"]
    else:
        us, dprk = first["US"], first["DPRK"]
        out["more likely to concede first"] = "US" if us > dprk else "DPRK" if dprk > us else "equally likely"
    return out
