"""Sphinx configuration for the nea_games documentation.

Build with ``python -m sphinx -W --keep-going -b html docs docs/_build/html``.
Besides the output directory, the build writes one folder into the source
tree: ``docs/auto_examples/``, the example gallery that sphinx-gallery makes
by running every script of ``examples/`` (ignored by git).
``tests/test_docs.py`` builds a copy of ``docs/`` so that it writes nothing
into the work tree. No extension reaches the network, so the docs build
offline.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from sphinx.util import logging

import nea_games

sys.path.insert(0, str(Path(__file__).resolve().parent / "tools"))
import figures  # docs/tools/figures.py: plot blocks and gallery figures

logger = logging.getLogger(__name__)

project = "nea_games"
author = "The nea_games developers"
copyright = "the nea_games developers (MIT licence)"
release = nea_games.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "numpydoc",
    "matplotlib.sphinxext.plot_directive",
    "sphinx_gallery.gen_gallery",
]

# Pages are Markdown; the gallery's generated pages are reStructuredText.
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# MyST: $...$ and $$...$$ for mathematics, ::: fences for admonitions.
myst_enable_extensions = ["dollarmath", "colon_fence", "deflist"]
myst_heading_anchors = 3

# autodoc + numpydoc: documented members in source order, signatures with
# their type hints, no autosummary stub tables (numpydoc_show_class_members).
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_preserve_defaults = True
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
# numpydoc loads autosummary; we write no autosummary stubs.
autosummary_generate = False

# matplotlib's plot directive: ```{plot} blocks in the pages run when the
# docs build (so a block that fails breaks the build) and their figures are
# embedded as PNG images. One format, one resolution, no "source"/format
# links beside the figure; the source is shown with :include-source: true.
plot_formats = [("png", 100)]
plot_html_show_formats = False
plot_html_show_source_link = False
plot_include_source = False
# Each block is self-contained: no implicit "import numpy as np" before it.
plot_pre_code = ""

# sphinx-gallery: every script of examples/ runs during the build; its
# printed output, and any figure it draws, go into its gallery page. The
# script's docstring is the page's introduction: a title line, a "=" underline,
# then paragraphs (reStructuredText).
sphinx_gallery_conf = {
    "examples_dirs": "../examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"\.py$",  # run every script, not only plot_*.py
    "within_subsection_order": "FileNameSortKey",
    "download_all_examples": False,
    # matplotlib's scraper, also for the figures nea_games draws without pyplot
    "image_scrapers": ("figures.gallery_figures",),
    "inspect_global_variables": False,
    "reset_modules": ("matplotlib",),
    "remove_config_comments": True,
    "write_computation_times": False,
    "show_signature": False,
}

_SECTION_UNDERLINE = re.compile(r"^-{3,}\s*$")


def _module_sections_as_rubrics(app, what, name, obj, options, lines):
    """Render numpydoc section headers of *module* docstrings as rubrics.

    numpydoc rewrites the sections ("Examples", "Notes", ...) of functions
    and classes into rubrics but leaves module docstrings alone, where
    docutils would turn them into document sections: they would clutter the
    page's table of contents and every module's "Examples" would claim the
    same label. Rewriting them the way numpydoc writes the others keeps the
    reference pages uniform.
    """
    if what != "module":
        return
    out: list[str] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        below = lines[k + 1] if k + 1 < len(lines) else ""
        if line.strip() and _SECTION_UNDERLINE.match(below) and len(below.strip()) >= len(line.strip()):
            out += [f".. rubric:: {line.strip()}", ""]
            k += 2
            continue
        out.append(line)
        k += 1
    lines[:] = out


def _check_page_references(app, env, node, contnode):
    """Warn about a broken link to the nea_games API written in a Markdown page.

    ``nitpicky`` would also flag the many references to numpy, sympy and
    private helpers inside docstrings, which cannot resolve without
    intersphinx; this check covers only what the pages themselves promise.
    """
    target = node.get("reftarget", "")
    source = node.source or ""
    ours = target.lstrip("~.").startswith("nea_games")
    if node.get("refdomain") == "py" and ours and source.endswith(".md"):
        logger.warning(
            "unresolved reference to the API: %s", target, location=node, type="ref", subtype="nea_games"
        )
    return None


def setup(app):
    app.connect("autodoc-process-docstring", _module_sections_as_rubrics)
    app.connect("missing-reference", _check_page_references)
    app.add_directive("plot", figures.plot_directive_for_myst(), override=True)
    figures.plot_blocks_adopt_figures()
    return {"parallel_read_safe": True}


html_theme = "furo"
html_title = f"nea_games {release}"
html_static_path: list[str] = []
html_show_sourcelink = False

pygments_style = "sphinx"
pygments_dark_style = "monokai"
