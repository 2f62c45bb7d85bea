"""One table renderer for every result object (equilibrium sets, correlated equilibria, ...).

A class that mixes in :class:`TableView` supplies ``_rows()`` (a header and
rows of strings), ``_summary()`` (one line) and ``notes``; it gets plain-text,
Markdown and HTML renderings, Jupyter's ``_repr_html_`` and ``__str__``.
"""

from __future__ import annotations

import html

__all__ = ["TableView"]


class TableView:
    """Mixin: text, Markdown and HTML tables from ``_rows()``, ``_summary()`` and ``notes``."""

    notes: tuple[str, ...]

    def _rows(self) -> tuple[list[str], list[list[str]]]:
        raise NotImplementedError

    def _summary(self) -> str:
        raise NotImplementedError

    def to_text(self) -> str:
        """Plain-text table, headed by a one-line summary and followed by the notes."""
        header, rows = self._rows()
        widths = [max(len(r[k]) for r in [header, *rows]) for k in range(len(header))]
        lines = [
            "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in [header, *rows]
        ]
        return "\n".join([self._summary(), *lines, *(f"note: {n}" for n in self.notes)])

    def to_markdown(self) -> str:
        """Markdown table, headed by the summary in italics and followed by the notes."""
        header, rows = self._rows()
        lines = ["| " + " | ".join(h.replace("|", "\\|") for h in header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
        return "\n".join([f"*{self._summary()}*", "", *lines, *(f"\n> {n}" for n in self.notes)])

    def to_html(self) -> str:
        """HTML table (used by Jupyter)."""
        header, rows = self._rows()
        parts = [f"<p><em>{html.escape(self._summary())}</em></p>", "<table>"]
        parts.append("<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr>")
        parts += ["<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows]
        parts.append("</table>")
        parts += [f"<p>{html.escape(n)}</p>" for n in self.notes]
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        return self.to_text()
