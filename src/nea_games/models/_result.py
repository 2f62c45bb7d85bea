"""What every solved model offers: a headline, a reading, and renderings of both.

A model's ``solve()`` returns a frozen dataclass that mixes in
:class:`HeadlineView`. The mixin needs two attributes, ``headline`` (a
mapping from a descriptive name to an exact quantity) and ``reading`` (a
short plain-language paragraph), and gives the result a plain-text
``str()``, Markdown and HTML renderings for notebooks and reports, and
:meth:`HeadlineView.headline_rows` with every value formatted as text and
LaTeX. The CLI and the report print results through these, so every model
prints the same way.

Examples
--------
>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Toy(HeadlineView):
...     headline: dict
...     reading: str
>>> print(Toy({"threshold": Fraction(9, 14)}, "China shields."))
threshold: 9/14
<BLANKLINE>
China shields.
>>> format_value({"Japan": Fraction(3, 4), "ROK": Fraction(8, 9)})
'Japan: 3/4; ROK: 8/9'
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from fractions import Fraction
from typing import Any, Protocol, runtime_checkable

import sympy

__all__ = ["HeadlineView", "ModelResult", "format_latex", "format_value"]


def format_value(value: Any) -> str:
    """A headline value as short plain text (exact where the value is exact)."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {format_value(v)}" for k, v in value.items())
    if isinstance(value, (tuple, list)):
        return "(" + ", ".join(format_value(v) for v in value) + ")"
    if isinstance(value, sympy.Basic):
        if value is sympy.true or value is sympy.false:
            return format_value(bool(value))
        return str(sympy.sstr(value))
    return str(value)


def format_latex(value: Any) -> str:
    """A headline value as LaTeX math (without surrounding ``$``)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return r"\text{" + format_value(value).replace("_", r"\_") + "}"
    if isinstance(value, Fraction):
        return str(sympy.latex(sympy.Rational(value.numerator, value.denominator)))
    if isinstance(value, float):
        return format_value(value)
    if isinstance(value, Mapping):
        return r",\ ".join(rf"\text{{{k}}}: {format_latex(v)}" for k, v in value.items())
    if isinstance(value, (tuple, list)):
        return r"\left(" + ", ".join(format_latex(v) for v in value) + r"\right)"
    if isinstance(value, sympy.Basic):
        return str(sympy.latex(value))
    return r"\text{" + str(value).replace("_", r"\_") + "}"


@runtime_checkable
class ModelResult(Protocol):
    """The protocol of a solved model, as used by the CLI and the report."""

    @property
    def headline(self) -> Mapping[str, Any]:
        """Named headline quantities, exact where the inputs are exact."""

    @property
    def reading(self) -> str:
        """A short plain-language reading of the result."""


class HeadlineView:
    """Mixin giving a result with ``headline`` and ``reading`` its text, Markdown and HTML forms."""

    headline: Mapping[str, Any]
    reading: str

    def headline_rows(self) -> list[tuple[str, str, str]]:
        """``(name, text, latex)`` for every headline quantity."""
        return [(name, format_value(v), format_latex(v)) for name, v in self.headline.items()]

    def __str__(self) -> str:
        lines = [f"{name}: {text}" for name, text, _ in self.headline_rows()]
        return "\n".join([*lines, "", self.reading])

    def to_markdown(self) -> str:
        """The headline as a Markdown table followed by the reading."""
        rows = ["| quantity | value |", "| --- | --- |"]
        rows += [f"| {name} | ${tex}$ |" for name, _, tex in self.headline_rows()]
        return "\n".join([*rows, "", self.reading])

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def _repr_html_(self) -> str:
        body = "".join(
            f"<tr><td>{html.escape(name)}</td><td>\\({html.escape(tex)}\\)</td></tr>"
            for name, _, tex in self.headline_rows()
        )
        return (
            f"<table><thead><tr><th>quantity</th><th>value</th></tr></thead><tbody>{body}</tbody></table>"
            f"<p>{html.escape(self.reading)}</p>"
        )
