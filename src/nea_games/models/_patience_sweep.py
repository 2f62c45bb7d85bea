r"""Vectorised sweep kernels of the strategic-patience model (numpy over parameter points).

``sweep_switch`` classifies each point by when the US switches to containment
(at once, within one term, within two terms, later) from the library-derived
closed forms of :mod:`nea_games.models._patience_learning`; ``sweep_commitment``
evaluates the one-shot condition :math:`\delta\Delta/(1-\delta) \le 1 - m_N`
and the minimum number of phases. The cohesion kernel lives with its game in
:mod:`nea_games.models._patience_trilateral`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from nea_games.models._patience_learning import learning_numpy

__all__ = ["COHESION", "COMMITMENT", "default_kind", "sweep_commitment", "sweep_switch"]

#: the parameters of the cohesion and commitment pieces
COHESION = ("G", "b", "gamma", "theta_US", "theta_JPN", "theta_ROK")
COMMITMENT = ("delta", "Delta", "m_N")


def default_kind(points: Mapping[str, Any]) -> str:
    """The sweep kind the swept parameter names point to (``"switch"`` unless all belong to one piece).

    Examples
    --------
    >>> default_kind({"gamma": None, "G": None}), default_kind({"pi0": None, "k": None})
    ('cohesion', 'switch')
    """
    names = set(points)
    if names and names <= set(COHESION):
        return "cohesion"
    if names and names <= set(COMMITMENT):
        return "commitment"
    return "switch"


def sweep_switch(a: Mapping[str, npt.NDArray[np.float64]]) -> dict[str, Any]:
    """Exclusive regions by switch time, with ``t*``, ``pi*`` and ``P(shift ever)`` (arrays per point)."""
    pi_star, t_star, shift = learning_numpy(a["pi0"], a["lam"], a["k"], a["D"])
    term = a["term"]
    at_once = t_star == 0
    return {
        "containment at once": at_once,
        "shift within one term": ~at_once & (t_star <= term),
        "shift within two terms": (t_star > term) & (t_star <= 2 * term),
        "patience beyond two terms": t_star > 2 * term,
        "t* (years)": t_star,
        "pi*": pi_star,
        "P(shift ever)": shift,
    }


def sweep_commitment(a: Mapping[str, npt.NDArray[np.float64]]) -> dict[str, Any]:
    """Whether a one-shot deal exists, and the minimum number of phases (``inf``: none works).

    Examples
    --------
    >>> out = sweep_commitment({k: np.array([v]) for k, v in (("delta", 0.9), ("Delta", 0.25), ("m_N", 0.5))})
    >>> bool(out["one-shot deal"][0]), float(out["minimum phases"][0])
    (False, 5.0)
    """
    delta, shift, share = a["delta"], a["Delta"], a["m_N"]
    temptation = delta * shift / (1 - delta)
    margin = 1 - share
    with np.errstate(divide="ignore", invalid="ignore"):
        phases = np.where(margin > 0, np.maximum(1.0, np.ceil(temptation / margin - 1e-12)), np.inf)
    phases = np.where(shift == 0, 1.0, phases)
    return {"one-shot deal": temptation <= margin + 1e-12, "minimum phases": phases}
