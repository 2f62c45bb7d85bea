r"""The report as one self-contained HTML file.

Self-contained means the file needs nothing but itself, offline: the style
sheet is inline, every equilibrium map is embedded as a ``data:image/png``
URI, and there is no script and no link to any other resource.

Formulas are typeset as MathML, which browsers render natively (no
MathJax, which would have to be fetched from the network): an exact number
or sympy expression :math:`v` becomes presentation MathML from sympy's
printer, with the LaTeX source kept as an annotation; words, flags and
floats stay plain text.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import sympy

from nea_games.games.normal_form import NormalFormGame
from nea_games.models._result import format_latex, format_value
from nea_games.report._markdown import ILLUSTRATIVE, summary_rows
from nea_games.report._sections import HeadlineItem, Section, game_parts, own_renderer

__all__ = ["math_html", "render_html"]

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       max-width: 58rem; margin: 2rem auto; padding: 0 1.25rem; line-height: 1.55; color: #1f2328;
       background: #fff; }
h1 { font-size: 1.9rem; margin-bottom: .2rem; }
h2 { font-size: 1.4rem; margin-top: 2.6rem; padding-top: .6rem; border-top: 2px solid #d0d7de; }
h3 { font-size: 1.08rem; margin-top: 1.5rem; color: #333; }
p.meta { color: #57606a; margin-top: 0; }
.note { border-left: 4px solid #bf8700; background: #fff8c5; padding: .6rem .9rem; margin: 1rem 0; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .94rem; }
th, td { border: 1px solid #d0d7de; padding: .3rem .65rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
pre { background: #f6f8fa; padding: .75rem; overflow-x: auto; font-size: .86rem; line-height: 1.35; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
img { max-width: 100%; height: auto; border: 1px solid #d0d7de; }
nav ul { columns: 2; }
math { font-size: 1.08em; }
.params { font-size: .92rem; color: #333; }
.changed { font-weight: bold; background: #ddf4ff; }
"""


def _escape_mathml(body: str) -> str:
    """sympy writes relations as bare ``<`` and ``>``; escape them for HTML."""
    return body.replace("<mo><</mo>", "<mo>&lt;</mo>").replace("<mo>></mo>", "<mo>&gt;</mo>")


def _expression(value: Any) -> Any:
    """The value as a sympy expression worth typesetting, or ``None``."""
    if isinstance(value, bool) or value is None or isinstance(value, (str, float)):
        return None
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, int):
        return sympy.Integer(value)
    if isinstance(value, sympy.Basic):
        if value in (sympy.true, sympy.false) or value.has(sympy.Piecewise):
            return None
        return value
    return None


def math_html(value: Any) -> str:
    """A headline value as HTML: MathML for exact numbers and expressions, text otherwise.

    Examples
    --------
    >>> math_html(Fraction(9, 14))  # doctest: +ELLIPSIS
    '<math><semantics><mrow><mfrac><mn>9</mn><mn>14</mn></mfrac></mrow>...\\\\frac{9}{14}</annotation>...'
    >>> math_html("Shield")
    'Shield'
    >>> math_html({"Japan": Fraction(1, 2), "ROK": None})  # doctest: +ELLIPSIS
    'Japan: <math>...</math>; ROK: none'
    """
    if isinstance(value, Mapping):
        return "; ".join(f"{html.escape(str(k))}: {math_html(v)}" for k, v in value.items())
    if isinstance(value, (tuple, list)):
        return "(" + ", ".join(math_html(v) for v in value) + ")"
    expr = _expression(value)
    if expr is None:
        return html.escape(format_value(value))
    try:
        body = _escape_mathml(str(sympy.mathml(expr, printer="presentation")))
    except Exception:  # sympy's printer does not cover every object: fall back to text
        return html.escape(format_value(value))
    tex = html.escape(format_latex(value))
    return (
        f"<math><semantics><mrow>{body}</mrow>"
        f'<annotation encoding="application/x-tex">{tex}</annotation></semantics></math>'
    )


def _item_html(item: HeadlineItem) -> str:
    if item.value is None:
        return html.escape(item.text)
    return math_html(item.value)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """An HTML table; cells are already HTML."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _pre(text: str) -> str:
    return f"<pre>{html.escape(text)}</pre>"


def _prose(text: str) -> str:
    """Plain text as paragraphs, with lines starting ``- `` as bullet lists."""
    out: list[str] = []
    paragraph: list[str] = []
    bullets: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append("<p>" + html.escape(" ".join(paragraph)) + "</p>")
            paragraph.clear()
        if bullets:
            out.append("<ul>" + "".join(f"<li>{html.escape(b)}</li>" for b in bullets) + "</ul>")
            bullets.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("- "):
            if paragraph:
                flush()
            bullets.append(stripped[2:])
        elif not stripped:
            flush()
        else:
            if bullets:
                flush()
            paragraph.append(stripped)
    flush()
    return "".join(out)


#: Normal-form games with more profiles than this are folded (HTML ``<details>``).
FOLD_PROFILES = 16


def _game(section: Section) -> str:
    if section.game is None:
        names = ", ".join(f"<code>{html.escape(n)}</code>" for n in section.game_names)
        return (
            f"<p>The model's games: {names}.</p>"
            if names
            else "<p>This model's result names no single game.</p>"
        )
    lead, game = game_parts(section.game)
    intro = f"<p>{html.escape(lead)}</p>" if lead else ""
    if isinstance(game, NormalFormGame):
        table = game.to_html(section.equilibria) + "<p>Pure equilibria are highlighted.</p>"
        profiles = len(game.profiles())
        if profiles > FOLD_PROFILES:
            table = f"<details><summary>Payoff tables ({profiles} profiles)</summary>{table}</details>"
        return intro + table
    render = getattr(game, "to_text", None)
    return intro + _pre(render() if callable(render) else str(game))


def _equilibria(section: Section) -> str:
    equilibria = section.equilibria
    if equilibria is None:
        if not hasattr(section.result, "equilibria"):
            return ""
        return "<h3>Equilibria</h3><p>Not computed: the model has symbolic parameters.</p>"
    render = getattr(equilibria, "to_html", None)
    return "<h3>Equilibria</h3>" + (render() if callable(render) else _pre(str(equilibria)))


def _own_table(section: Section) -> str:
    render = own_renderer(section.result, "to_html")
    return "" if render is None else "<h3>Results table</h3>" + render()


def _map(section: Section) -> str:
    figure = section.figure
    if figure is None:
        return "<h3>Equilibrium map</h3><p>" + html.escape(section.map_note) + "</p>"
    data = base64.b64encode(Path(figure.path).read_bytes()).decode("ascii")
    axes = " and ".join(figure.parameters)
    alt = html.escape(f"Equilibrium map of {section.label} over {axes}")
    fixed = ", ".join(f"{k} = {v:g}" for k, v in figure.fixed.items())
    held = f" ({html.escape(fixed)} held fixed)" if fixed else ""
    shares = "".join(f"<li>{html.escape(n)}: {s:.0%}</li>" for n, s in figure.shares)
    return (
        f'<h3>Equilibrium map</h3><p><img src="data:image/png;base64,{data}" alt="{alt}"></p>'
        f"<p>Share of the {figure.points:,} grid points in each region{held}:</p><ul>{shares}</ul>"
    )


def _parameters(section: Section) -> str:
    if not section.parameters:
        return ""
    parts = [f"{html.escape(name)}&nbsp;=&nbsp;{html.escape(value)}" for name, value in section.parameters]
    parts = [
        f'<span class="changed">{part}</span>' if name in section.overrides else part
        for part, (name, _) in zip(parts, section.parameters, strict=True)
    ]
    changed = " (values the scenario changed are highlighted)" if section.overrides else ""
    return f'<p class="params"><strong>Parameters{changed}.</strong> ' + ", ".join(parts) + ".</p>"


def render_section(section: Section) -> str:
    """One model's section as HTML."""
    opening = [
        f'<section id="{html.escape(section.key)}">',
        f"<h2>{html.escape(section.title)}</h2>",
        f"<p><strong>Question.</strong> {html.escape(section.question)}</p>",
        _parameters(section),
    ]
    if section.error:
        error = html.escape(section.error)
        failed = f'<p class="note"><strong>This model could not be solved:</strong> {error}</p>'
        return "\n".join([*opening, failed, "</section>"])
    headline = _table(["quantity", "value"], [(html.escape(i.name), _item_html(i)) for i in section.headline])
    return "\n".join(
        [
            *opening,
            "<h3>The game</h3>",
            _game(section),
            _equilibria(section),
            _own_table(section),
            "<h3>Headline thresholds and results</h3>",
            headline,
            _map(section),
            "<h3>Reading</h3>",
            _prose(section.reading or "(The model gives no reading.)"),
            "</section>",
        ]
    )


def render_html(sections: Sequence[Section], *, created: str, version: str, scenario: bool = False) -> str:
    """The whole report as one self-contained HTML document."""
    what = "the given scenarios" if scenario else "every model at its default parameters"
    summary = _table(
        ["model", "quantity", "value"], [tuple(map(html.escape, r)) for r in summary_rows(sections)]
    )
    contents = "".join(
        f'<li><a href="#{html.escape(s.key)}">{html.escape(s.title)}</a></li>' for s in sections
    )
    body = "\n".join(render_section(s) for s in sections)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>nea_games report</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        "<h1>nea_games report</h1>\n"
        f'<p class="meta">Generated on {html.escape(created)} by nea_games {html.escape(version)}: '
        f"{what}.</p>\n"
        f'<p class="note">{html.escape(ILLUSTRATIVE)}</p>\n'
        f"<nav><h2>Contents</h2><ul>{contents}</ul></nav>\n"
        f"<h2>Summary</h2>\n{summary}\n{body}\n</body>\n</html>\n"
    )
