"""Sphinx configuration for the nea_games documentation.

Build with ``sphinx-build -W --keep-going -b html docs <output directory>``.
The build never writes into the source tree: pass an output directory
outside ``docs/`` (``tests/test_docs.py`` uses a temporary one). No
extension reaches the network, so the docs build offline.
"""

from __future__ import annotations

import nea_games

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
]

source_suffix = {".md": "markdown"}
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

html_theme = "furo"
html_title = f"nea_games {release}"
html_static_path: list[str] = []
html_show_sourcelink = False

pygments_style = "sphinx"
pygments_dark_style = "monokai"
