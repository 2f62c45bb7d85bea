"""Figures in the docs: matplotlib's plot directive in MyST pages, and nea_games figures.

Imported by ``docs/conf.py`` (which puts this folder on ``sys.path``) and by
``tests/test_docs.py``, so that the build and the tests run ``{plot}`` blocks
the same way.

* nea_games draws on :class:`matplotlib.figure.Figure` objects that pyplot
  does not manage (so that no window opens in a script), but the plot
  directive and sphinx-gallery save only the figures pyplot knows:
  :func:`adopt_figures` hands them over, and :func:`keep_last_value` keeps a
  figure that a block returns from its last line (``result.plot()``).
* The plot directive feeds its output back through
  ``state_machine.insert_input``, which MyST's stand-in state machine lacks:
  :func:`plot_directive_for_myst` makes it work in Markdown pages.
"""

from __future__ import annotations

import ast
from typing import Any

from sphinx.util import logging

logger = logging.getLogger(__name__)


def keep_last_value(code: str) -> str:
    """``code`` with its final expression, if it ends with one, assigned to ``_``.

    A ``{plot}`` block may end with ``result.plot()`` as a reader would type
    it in a notebook; keeping the value lets :func:`adopt_figures` find the
    figure. Only the text of that one statement changes, so line numbers in
    a traceback still match the page.
    """
    try:
        body = ast.parse(code).body
    except SyntaxError:
        return code  # the plot directive reports the error itself
    if not body or not isinstance(body[-1], ast.Expr) or body[-1].col_offset != 0:
        return code
    lines = code.splitlines(keepends=True)
    lines[body[-1].lineno - 1] = "_ = " + lines[body[-1].lineno - 1]
    return "".join(lines)


def adopt_figures(namespace: dict[str, Any]) -> None:
    """Give pyplot the figures a block drew without it.

    nea_games draws on :class:`matplotlib.figure.Figure` objects that pyplot
    does not manage (so that no window opens in a script); the plot
    directive only saves figures pyplot knows. ``pyplot.figure(figure)``
    (matplotlib >= 3.10) hands such a figure to pyplot.
    """
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    for value in list(namespace.values()):
        if isinstance(value, Figure) and value.canvas.manager is None:
            try:
                plt.figure(value)
            except ValueError:  # matplotlib < 3.10 adopts no figure: hand it over as 3.10 does
                from matplotlib import _pylab_helpers

                number = max(plt.get_fignums(), default=0) + 1
                manager = plt._get_backend_mod().new_figure_manager_given_figure(number, value)
                _pylab_helpers.Gcf._set_new_active_manager(manager)


def gallery_figures(block: Any, block_vars: dict[str, Any], gallery_conf: dict[str, Any]) -> str:
    """sphinx-gallery's matplotlib scraper, also for figures pyplot does not manage."""
    from sphinx_gallery.scrapers import matplotlib_scraper

    adopt_figures(block_vars["example_globals"])
    return matplotlib_scraper(block, block_vars, gallery_conf)


def plot_blocks_adopt_figures() -> None:
    """Make ``{plot}`` blocks that end in ``result.plot()`` show their figure."""
    from matplotlib.sphinxext import plot_directive

    run_code = plot_directive._run_code
    if getattr(run_code, "adopts_figures", False):
        return

    def _run_code(code, code_path, ns=None, function_name=None):
        namespace = run_code(keep_last_value(code), code_path, ns, function_name)
        adopt_figures(namespace)
        return namespace

    _run_code.adopts_figures = True
    plot_directive._run_code = _run_code


def plot_directive_for_myst() -> Any:
    """matplotlib's ``plot`` directive, made to work in MyST pages.

    The directive writes its output (the figure and the source) as
    reStructuredText and feeds it back through ``state_machine.insert_input``,
    which MyST's stand-in state machine lacks. Here the directive collects
    that text instead, and it is parsed the way MyST parses an ``{eval-rst}``
    block. In ``.rst`` pages the directive runs unchanged.
    """
    from docutils.utils import new_document
    from matplotlib.sphinxext.plot_directive import PlotDirective
    from myst_parser.mocking import MockRSTParser, MockStateMachine

    class MystPlotDirective(PlotDirective):
        def run(self):
            if not isinstance(self.state_machine, MockStateMachine):
                return super().run()
            inserted: list[str] = []
            self.state_machine.insert_input = lambda lines, source=None: inserted.append("\n".join(lines))
            messages = super().run()
            text = "\n".join(inserted)
            if not messages and "nofigs" not in self.options and ".. figure::" not in text:
                logger.warning(
                    "the plot block drew no figure: draw with matplotlib, or end the block with a "
                    "call that returns a Figure, such as result.plot()",
                    location=(self.state.document.settings.env.docname, self.lineno),
                )
            document = new_document(self.state.document["source"], self.state.document.settings)
            document.reporter = self.state.document.reporter
            # Pad the line numbers so that messages point at the block in the page.
            MockRSTParser().parse("\n" * (self.lineno - 1) + text, document)
            return [*messages, *document.children]

    return MystPlotDirective
