"""The solved strategic-patience model: result value and its plain-language reading."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from nea_games.games.normal_form import NormalFormGame
from nea_games.models._result import HeadlineView, format_value

__all__ = ["StrategicPatienceResult", "reading"]


@dataclass(frozen=True)
class StrategicPatienceResult(HeadlineView):
    """The solved strategic-patience model.

    Attributes
    ----------
    model : StrategicPatienceModel
        The parameters.
    game : NormalFormGame
        The main game: US-Japan-ROK cohesion under containment.
    equilibria : EquilibriumSet or None
        All equilibria of ``game`` (support enumeration); ``None`` when a parameter is symbolic.
    headline : dict
        Named headline quantities of all four pieces, exact where the inputs are exact.
    reading : str
        A short plain-language reading.
    """

    model: Any
    game: NormalFormGame
    equilibria: Any
    headline: dict[str, Any] = field(default_factory=dict)
    reading: str = ""


def _v(value: Any) -> str:
    return format_value(value)


def reading(model: Any, h: Mapping[str, Any]) -> str:
    """A short reading of the headline (symbolic models get a generic sentence)."""
    if model.is_symbolic:
        return (
            "Symbolic parameters: the headline holds the thresholds and conditions rather than numbers. "
            "The US waits while its belief that the DPRK is committed is below "
            f"pi* = {_v(h['belief threshold pi*'])}; "
            f"the trilateral survives containment iff gamma >= {_v(h['critical gamma*'])}."
        )
    t_star = h["switch time t* (years)"]
    stays = (
        f"The US keeps waiting while its belief that the DPRK will never concede stays below "
        f"pi* = {_v(h['belief threshold pi*'])}"
    )
    if float(t_star) == float("inf"):
        first = f"{stays}; it never reaches that belief, so it never switches to containment."
    elif float(t_star) == 0:
        first = f"{stays}; its prior is already there, so it switches to containment at once."
    else:
        first = (
            f"{stays}; without a concession it switches to containment after t* = {_v(t_star)} ≈ "
            f"{float(t_star):.2f} years, so a shift happens with probability {_v(h['P(shift ever)'])} "
            f"(by the end of one term: {_v(h['P(shift within one term)'])})."
        )
    parts = [
        first,
        f"If the first administration's cost of waiting is {_v(model.k_first)} instead, the chance of a "
        f"shift within two terms is {_v(h['P(shift within two terms), k_first then k'])} ≈ "
        f"{float(h['P(shift within two terms), k_first then k']):.3f}.",
        f"In the war of attrition the {h['more likely to concede first']} is more likely to concede first "
        f"(expected duration {_v(h['expected attrition duration (years)'])} years).",
        f"US-Japan-ROK coordination is {h['cohesion under patience']} under patience and "
        f"{h['cohesion under containment']} under containment (the trilateral needs gamma >= "
        f"{_v(h['critical gamma*'])}; here gamma = {_v(model.gamma)}).",
    ]
    deal = h["one-shot disarmament deal exists"]
    phases = h["minimum phases of an action-for-action deal"]
    if deal:
        parts.append("A one-shot disarmament deal is credible.")
    elif phases is None:
        parts.append("No disarmament deal is credible, however it is phased.")
    else:
        temptation = _v(h["disarmament temptation delta*Delta/(1-delta)"])
        margin = _v(h["surplus available at once 1 - m_N"])
        parts.append(
            f"No one-shot disarmament deal is credible (temptation {temptation} > {margin}); "
            f"an action-for-action deal needs at least {phases} phases."
        )
    return " ".join(parts)
