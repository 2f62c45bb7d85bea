"""The main job: a report on every Northeast Asia model, in Markdown and self-contained HTML.

For each model :math:`m` (at its default parameters, or as a scenario file
sets them) the report solves :math:`m`, states its question, shows its game
and equilibria, lists its headline thresholds as formulas, draws its
equilibrium map :math:`\\theta \\mapsto E_m(\\theta)` over a two-parameter
grid and gives a short reading; a summary table of the key headline items
opens the report. ``nea-games report`` calls :func:`write_report`.

Examples
--------
>>> from nea_games.report import Report, write_report
>>> callable(write_report), Report.__name__
(True, 'Report')
"""

from nea_games.report._sections import Section
from nea_games.report._write import Report, write_report

__all__ = ["Report", "Section", "write_report"]
