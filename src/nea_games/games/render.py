"""Render normal-form games as text, Markdown, LaTeX and HTML tables.

Two-player games are one matrix (row player down the side, column player
across the top, cells ``"u_row, u_col"``). Games with more players are shown
as one matrix per combination of the actions of players 3, 4, ...
Pure equilibria passed in ``equilibria`` are marked in the cells; mixed ones
are listed under the table.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import sympy

if TYPE_CHECKING:
    from nea_games.games.normal_form import NormalFormGame

__all__ = ["format_number", "to_html", "to_latex", "to_markdown", "to_text"]


def format_number(value: Any, latex: bool = False) -> str:
    """Short human-readable form of a payoff or probability."""
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        if latex:
            sign = "-" if value < 0 else ""
            return rf"{sign}\tfrac{{{abs(value.numerator)}}}{{{value.denominator}}}"
        return str(value)
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, sympy.Basic):
        return str(sympy.latex(value) if latex else sympy.sstr(value))
    return str(value)


def _split_equilibria(game: NormalFormGame, equilibria: Any) -> tuple[set[tuple[int, ...]], list[Any]]:
    """Pure profiles to mark (as index tuples), and the mixed equilibria to list."""
    if equilibria is None:
        return set(), []
    items: Iterable[Any] = [equilibria] if hasattr(equilibria, "strategies") else equilibria
    pure: set[tuple[int, ...]] = set()
    mixed = []
    for eq in items:
        if eq.is_pure:
            pure.add(tuple(eq.pure_profile_index))
        else:
            mixed.append(eq)
    return pure, mixed


def _slices(game: NormalFormGame) -> list[tuple[str, tuple[int, ...]]]:
    """One (caption, indices of players 3..n) per matrix to draw."""
    if game.n_players <= 2:
        return [("", ())]
    rest = range(2, game.n_players)
    result = []
    for combo in itertools.product(*(range(game.n_actions[i]) for i in rest)):
        caption = ", ".join(
            f"{game.players[i]} plays {game.actions[i][k]}" for i, k in zip(rest, combo, strict=True)
        )
        result.append((caption, combo))
    return result


def _grid(
    game: NormalFormGame, fixed: tuple[int, ...], latex: bool = False
) -> list[list[tuple[str, tuple[int, ...]]]]:
    rows = range(game.n_actions[0])
    cols = range(game.n_actions[1]) if game.n_players >= 2 else [None]
    grid = []
    for r in rows:
        line = []
        for c in cols:
            index = (r,) if c is None else (r, c, *fixed)
            cell = ", ".join(format_number(game.payoffs[(i, *index)], latex) for i in range(game.n_players))
            line.append((cell, index))
        grid.append(line)
    return grid


def _col_names(game: NormalFormGame) -> tuple[str, ...]:
    return game.actions[1] if game.n_players >= 2 else ("payoff",)


def _corner(game: NormalFormGame) -> str:
    return f"{game.players[0]} \\ {game.players[1]}" if game.n_players >= 2 else game.players[0]


def _mixed_lines(mixed: list[Any]) -> list[str]:
    return [f"Equilibrium: {eq.label}" for eq in mixed]


def to_text(game: NormalFormGame, equilibria: Any = None) -> str:
    """Plain-text table; starred cells are pure equilibria."""
    pure, mixed = _split_equilibria(game, equilibria)
    blocks = []
    for caption, fixed in _slices(game):
        grid = _grid(game, fixed)
        cells = [[cell + ("*" if index in pure else "") for cell, index in row] for row in grid]
        header = [_corner(game), *_col_names(game)]
        body = [[name, *row] for name, row in zip(game.actions[0], cells, strict=True)]
        widths = [max(len(line[k]) for line in [header, *body]) for k in range(len(header))]
        lines = [
            "  ".join(text.ljust(w) for text, w in zip(line, widths, strict=True)).rstrip()
            for line in [header, *body]
        ]
        blocks.append("\n".join(([caption] if caption else []) + lines))
    text = "\n\n".join(blocks)
    extra = _mixed_lines(mixed)
    if pure:
        extra.insert(0, "* pure Nash equilibrium")
    return text + ("\n" + "\n".join(extra) if extra else "")


def to_markdown(game: NormalFormGame, equilibria: Any = None) -> str:
    """Markdown table; bold cells are pure equilibria."""
    pure, mixed = _split_equilibria(game, equilibria)
    blocks = []
    for caption, fixed in _slices(game):
        grid = _grid(game, fixed)
        header = [_corner(game).replace("\\", "\\\\"), *_col_names(game)]
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for name, row in zip(game.actions[0], grid, strict=True):
            cells = [f"**{cell}**" if index in pure else cell for cell, index in row]
            lines.append("| " + " | ".join([f"**{name}**", *cells]) + " |")
        blocks.append("\n".join(([f"*{caption}*", ""] if caption else []) + lines))
    extra = [f"- {line}" for line in _mixed_lines(mixed)]
    return "\n\n".join(blocks) + ("\n\n" + "\n".join(extra) if extra else "")


def _latex_escape(text: str) -> str:
    for char, repl in [
        ("\\", r"\textbackslash{}"),
        ("&", r"\&"),
        ("%", r"\%"),
        ("$", r"\$"),
        ("#", r"\#"),
        ("_", r"\_"),
        ("{", r"\{"),
        ("}", r"\}"),
    ]:
        text = text.replace(char, repl)
    return text


def to_latex(game: NormalFormGame, equilibria: Any = None) -> str:
    r"""LaTeX ``tabular``; boxed cells (``\fbox``) are pure equilibria."""
    pure, mixed = _split_equilibria(game, equilibria)
    blocks = []
    for caption, fixed in _slices(game):
        grid = _grid(game, fixed, latex=True)
        cols = _col_names(game)
        lines = [r"\begin{tabular}{r|" + "c" * len(cols) + "}"]
        lines.append(" & ".join([_latex_escape(_corner(game)), *map(_latex_escape, cols)]) + r" \\ \hline")
        for name, row in zip(game.actions[0], grid, strict=True):
            cells = [rf"\fbox{{${cell}$}}" if index in pure else f"${cell}$" for cell, index in row]
            lines.append(" & ".join([_latex_escape(name), *cells]) + r" \\")
        lines.append(r"\end{tabular}")
        if caption:
            lines.insert(0, rf"\textit{{{_latex_escape(caption)}}}\\")
        blocks.append("\n".join(lines))
    extra = [_latex_escape(line) + r"\\" for line in _mixed_lines(mixed)]
    return "\n\n".join(blocks) + ("\n\n" + "\n".join(extra) if extra else "")


def to_html(game: NormalFormGame, equilibria: Any = None) -> str:
    """HTML table for notebooks; highlighted cells are pure equilibria."""
    pure, mixed = _split_equilibria(game, equilibria)
    esc = html.escape
    parts = ['<div class="nea-games-game">']
    if game.title:
        parts.append(f"<p><strong>{esc(game.title)}</strong></p>")
    for caption, fixed in _slices(game):
        grid = _grid(game, fixed)
        if caption:
            parts.append(f"<p><em>{esc(caption)}</em></p>")
        parts.append('<table style="border-collapse:collapse">')
        head = "".join(f"<th>{esc(c)}</th>" for c in _col_names(game))
        parts.append(f"<tr><th>{esc(_corner(game))}</th>{head}</tr>")
        for name, row in zip(game.actions[0], grid, strict=True):
            cells = "".join(
                f'<td style="background:#ffe08a;font-weight:bold">{esc(cell)}</td>'
                if index in pure
                else f"<td>{esc(cell)}</td>"
                for cell, index in row
            )
            parts.append(f"<tr><th>{esc(name)}</th>{cells}</tr>")
        parts.append("</table>")
    if mixed:
        parts.append("<ul>" + "".join(f"<li>{esc(line)}</li>" for line in _mixed_lines(mixed)) + "</ul>")
    parts.append("</div>")
    return "\n".join(parts)
