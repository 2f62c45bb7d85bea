"""The solved multilateral model: headline, reading and the table of δ*.

See :mod:`nea_games.models.multilateral`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sympy

from nea_games._tables import TableView
from nea_games.models._multilateral_states import CLUBS, HYPOTHESES, ISSUES
from nea_games.models._result import HeadlineView

if TYPE_CHECKING:
    from nea_games.models.multilateral import MultilateralModel

__all__ = ["MultilateralResult", "holds", "reading"]


def holds(relation: Any) -> bool:
    return bool(relation) if relation in (sympy.true, sympy.false) else False


def reading(
    model: MultilateralModel, table: Mapping[tuple[str, str, str], Any], headline: Mapping[str, Any]
) -> str:
    def verdict(value: Any) -> str:
        relation = sympy.sympify(sympy.sympify(model.delta) >= sympy.sympify(value))
        if relation not in (sympy.true, sympy.false):
            return "depends on the parameters"
        return "holds" if holds(relation) else "fails"

    lines = [f"At delta = {model.delta}, under {model.strategy_label} and the model's own weights:"]
    for issue in ISSUES:
        held = headline[f"sustainable clubs, {issue}"]
        lines.append(f"- {issue}: sustainable clubs are {', '.join(held) if held else 'none'}.")
        if f"sustainable iff, {issue}" in headline:
            undecided = ", ".join(headline[f"sustainable iff, {issue}"])
            lines.append(f"  Whether {undecided} hold(s) depends on the parameters (see the headline).")
    for hyp in HYPOTHESES:
        security = verdict(table[("region", "security", hyp)])
        economic = verdict(table[("region", "economic", hyp)])
        lines.append(
            f"- Hypothesis {hyp}: region-wide security cooperation {security}, "
            f"region-wide economic cooperation {economic}."
        )
    at = headline["critical rivalry for region-wide security, at delta"]
    rho_bar = headline.get("critical rivalry for region-wide security")
    lines.append(
        "- Region-wide security cooperation holds only if rivalry rho_R is at most "
        + (f"{rho_bar} (= {at} at this delta)." if rho_bar is not None else f"{at} at this delta.")
    )
    lines.append("The defaults are illustrative calibrations, not estimates.")
    return "\n".join(lines)


@dataclass(frozen=True)
class MultilateralResult(HeadlineView, TableView):
    """The solution of a :class:`MultilateralModel`.

    ``str(result)`` shows the headline and the reading; :meth:`to_text` the table of δ*
    per club, issue and hypothesis.

    Attributes
    ----------
    model : MultilateralModel
        The parameters that were solved.
    table : dict
        ``{(club, issue, hypothesis): delta*}`` for the named clubs, both
        issue areas and both hypotheses.
    headline : dict
        Which clubs are sustainable at ``delta`` on each issue, δ* of each
        club under the model's own weights, and the critical rivalry
        ρ̄(δ) for region-wide security cooperation (and its value at ``delta``).
    reading : str
        A plain-language summary.
    equilibria : EquilibriumSet or None
        The Nash equilibria of the region-wide security stage game (everyone defects);
        ``None`` when a parameter is symbolic.
    game : RepeatedGame or None
        The main game: region-wide security cooperation, repeated.

    Examples
    --------
    >>> from nea_games.models.multilateral import MultilateralModel
    >>> result = MultilateralModel().solve()
    >>> result.table[("region", "security", "B: rivalry")]
    29/32
    >>> print(result.to_text().splitlines()[0])
    delta* of cooperation under grim trigger (sustainable iff delta >= delta*; delta = 4/5)
    """

    model: MultilateralModel
    table: dict[tuple[str, str, str], Any]
    headline: dict[str, Any]
    reading: str
    equilibria: Any = None
    game: Any = None
    notes: tuple[str, ...] = ("illustrative calibration, not estimates",)

    def _rows(self) -> tuple[list[str], list[list[str]]]:
        header = ["club", "issue", *HYPOTHESES]
        rows = [
            [club, issue, *(str(self.table[(club, issue, h)]) for h in HYPOTHESES)]
            for club in CLUBS
            for issue in ISSUES
        ]
        return header, rows

    def _summary(self) -> str:
        delta = self.model.delta
        label = self.model.strategy_label
        return f"delta* of cooperation under {label} (sustainable iff delta >= delta*; delta = {delta})"

    def to_markdown(self) -> str:
        """The headline table and reading, then the table of δ*."""
        return HeadlineView.to_markdown(self) + "\n\n" + TableView.to_markdown(self)

    def _repr_html_(self) -> str:
        return HeadlineView._repr_html_(self) + self.to_html()
