r"""The report as Markdown: a summary table, then one ``##`` section per model.

Headline quantities appear twice in their table, as plain text (readable in
any viewer) and as inline LaTeX ``$...$`` (typeset by viewers that render
math, such as GitHub or Jupyter). Equilibrium maps are linked as PNG files
relative to the Markdown file, so the folder can be moved as a whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from nea_games.games.normal_form import NormalFormGame
from nea_games.report._sections import HeadlineItem, Section, game_parts, own_renderer

__all__ = ["ILLUSTRATIVE", "cell", "is_formula", "render_markdown", "summary_rows"]

#: How many headline items of each model go into the summary table (models list the key ones first).
SUMMARY_ITEMS = 4

#: The caveat every report carries.
ILLUSTRATIVE = (
    "The default parameters of every model are illustrative calibrations, chosen so that each "
    "model reproduces the qualitative claim of the argument it formalises; they are not empirical "
    "estimates, and the numbers below should be read as properties of the models, not of the region."
)


def cell(text: str) -> str:
    """Text made safe for one Markdown table cell.

    Examples
    --------
    >>> cell("a | b\\nc")
    'a \\\\| b c'
    """
    return " ".join(text.replace("|", "\\|").split())


def is_formula(item: HeadlineItem) -> bool:
    """Whether a headline value is mathematics (a number or expression), not a word or a flag."""
    latex = item.latex
    return not (latex.startswith(r"\text{") and latex.endswith("}") and latex.count(r"\text{") == 1)


def summary_rows(sections: Sequence[Section]) -> list[tuple[str, str, str]]:
    """``(model, quantity, value)``: the first headline items of every section (or its error)."""
    rows: list[tuple[str, str, str]] = []
    for s in sections:
        if s.error:
            rows.append((s.label, "error", s.error))
        rows += [(s.label, item.name, item.text) for item in s.headline[:SUMMARY_ITEMS]]
    return rows


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines


def _game(section: Section) -> list[str]:
    if section.game is None:
        names = section.game_names
        if names:
            return ["The model's games: " + ", ".join(f"`{n}`" for n in names) + "."]
        return ["This model's result names no single main game."]
    lead, game = game_parts(section.game)
    lines = [lead, ""] if lead else []
    if isinstance(game, NormalFormGame):
        return [*lines, game.to_markdown(section.equilibria), "", "Pure equilibria are in bold."]
    title = getattr(game, "title", "") or ""
    text = game.to_text() if callable(getattr(game, "to_text", None)) else str(game)
    if title and text.startswith(title + "\n"):
        text = text[len(title) + 1 :]
    lines += [f"*{title}*", ""] if title else []
    return [*lines, "```text", text, "```"]


def reading(text: str) -> str:
    r"""A reading as Markdown: bullet lines set off by blank lines so that they form one list.

    Examples
    --------
    >>> print(reading("At delta = 4/5:\n- a\n- b\nSo."))
    At delta = 4/5:
    <BLANKLINE>
    - a
    - b
    <BLANKLINE>
    So.
    """
    out: list[str] = []
    previous = None
    for line in text.splitlines():
        bullet = line.lstrip().startswith("- ")
        if previous is not None and bullet != previous and line.strip() and out and out[-1].strip():
            out.append("")
        out.append(line)
        previous = bullet if line.strip() else None
    return "\n".join(out)


def _equilibria(section: Section) -> list[str]:
    equilibria = section.equilibria
    if equilibria is None:
        if not hasattr(section.result, "equilibria"):
            return []
        return ["### Equilibria", "", "Not computed: the model has symbolic parameters.", ""]
    render = getattr(equilibria, "to_markdown", None)
    body = render() if callable(render) else "```text\n" + str(equilibria) + "\n```"
    return ["### Equilibria", "", body, ""]


def _own_table(section: Section) -> list[str]:
    render = own_renderer(section.result, "to_markdown")
    if render is None:
        return []
    return ["### Results table", "", render(), ""]


def _headline(section: Section) -> list[str]:
    rows = [(i.name, i.text, f"${i.latex}$" if is_formula(i) else "") for i in section.headline]
    return ["### Headline thresholds and results", "", *_table(["quantity", "value", "formula"], rows), ""]


def _map(section: Section, out_dir: Path) -> list[str]:
    lines = ["### Equilibrium map", ""]
    figure = section.figure
    if figure is None:
        return [*lines, section.map_note, ""]
    link = figure.path.relative_to(out_dir).as_posix()
    axes = " and ".join(figure.parameters)
    lines += [f"![Equilibrium map of {section.label} over {axes}]({link})", ""]
    fixed = ", ".join(f"{k} = {v:g}" for k, v in figure.fixed.items())
    held = f" ({fixed} held fixed)" if fixed else ""
    lines += [f"Share of the {figure.points:,} grid points in each region{held}:", ""]
    lines += [f"- {name}: {share:.0%}" for name, share in figure.shares]
    return [*lines, ""]


def _parameters(section: Section) -> list[str]:
    if not section.parameters:
        return []
    parts = [
        f"**{name} = {value}**" if name in section.overrides else f"{name} = {value}"
        for name, value in section.parameters
    ]
    changed = " (values the scenario changed are in bold)" if section.overrides else ""
    return [f"**Parameters{changed}.** " + ", ".join(parts) + ".", ""]


def render_section(section: Section, out_dir: Path) -> str:
    """One model's ``##`` section."""
    lines = [f"## {section.title}", "", f"**Question.** {section.question}", ""]
    lines += _parameters(section)
    if section.error:
        return "\n".join([*lines, f"**This model could not be solved:** {section.error}", ""])
    lines += ["### The game", "", *_game(section), ""]
    lines += _equilibria(section)
    lines += _own_table(section)
    lines += _headline(section)
    lines += _map(section, out_dir)
    lines += ["### Reading", "", reading(section.reading) or "(The model gives no reading.)", ""]
    return "\n".join(lines)


def render_markdown(
    sections: Sequence[Section], *, out_dir: Path, created: str, version: str, scenario: bool = False
) -> str:
    """The whole report as Markdown text."""
    what = "the given scenarios" if scenario else "every model at its default parameters"
    lines: list[Any] = [
        "# nea_games report",
        "",
        f"Generated on {created} by nea_games {version}: {what}.",
        "",
        f"> {ILLUSTRATIVE}",
        "",
        "## Summary",
        "",
        *_table(["model", "quantity", "value"], summary_rows(sections)),
        "",
    ]
    lines += [render_section(s, out_dir) for s in sections]
    return "\n".join(lines).rstrip() + "\n"
