"""The documentation builds without a warning, and every example in it runs.

Examples in ``docs/**/*.md`` are fenced code blocks:

* ```` ```python ```` blocks are executed;
* ```` ```pycon ```` blocks are interactive sessions (``>>>`` prompts and the
  output they print) and are checked with :mod:`doctest`;
* ```` ```{plot} ```` blocks (matplotlib's plot directive) are executed each
  in a fresh namespace, as the directive does, and must draw at least one
  figure. The docs build runs them as well and fails on one that raises or
  draws nothing, so when the build test is in the same session the plot
  blocks are left to it: each block runs once, and ``-k <page>`` still
  checks a page's blocks without a build.

The python and pycon blocks of one page run in order in one namespace, like a
reader typing them into one Python session, and in a temporary working
directory so that a page that writes files leaves nothing behind.
"""

from __future__ import annotations

import doctest
import functools
import importlib.util
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if not {"_build", "auto_examples"} & set(p.parts))

#: Languages whose blocks are run; any other "py..." fence is refused below,
#: so that no Python example escapes testing by a spelling variant.
TESTED = {"python", "pycon"}
PLOT = "{plot}"
FENCE = re.compile(r"^(`{3,}|~{3,})\s*([^\s`]*)")
DOCTEST_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _closes(line: str, fence: str) -> bool:
    """A closing fence: at least as long as the opening one, nothing else on the line."""
    return line.startswith(fence) and not line.strip().strip(fence[0])


def code_blocks(page: Path) -> list[tuple[str, int, str]]:
    """``(language, first line number, code)`` of every top-level fenced block."""
    blocks = []
    lines = page.read_text(encoding="utf-8").splitlines()
    k = 0
    while k < len(lines):
        match = FENCE.match(lines[k])
        if not match:
            k += 1
            continue
        fence, language = match.group(1), match.group(2)
        start = k + 1
        k = start
        while k < len(lines) and not _closes(lines[k], fence):
            k += 1
        blocks.append((language, start + 1, "\n".join(lines[start:k]) + "\n"))
        k += 1
    return blocks


def _name(page: Path) -> str:
    return page.relative_to(DOCS).as_posix()


EXAMPLE_PAGES = [p for p in PAGES if any(lang in TESTED | {PLOT} for lang, _, _ in code_blocks(p))]
DIRECTIVE_OPTION = re.compile(r"^:([\w-]+):(.*)$")


def plot_block(code: str) -> tuple[dict[str, str], str]:
    """The options (``:name: value`` lines or a ``---`` YAML block) and the code of a ``{plot}`` block."""
    lines = code.splitlines()
    options: dict[str, str] = {}
    k = 0
    if lines and lines[0].strip() == "---":
        end = lines.index("---", 1)
        for entry in lines[1:end]:
            name, _, value = entry.partition(":")
            options[name.strip()] = value.strip()
        k = end + 1
    while k < len(lines) and (match := DIRECTIVE_OPTION.match(lines[k])):
        options[match.group(1)] = match.group(2).strip()
        k += 1
    # Blank lines keep the code's line numbers those of the page.
    return options, "\n" * k + "\n".join(lines[k:]) + "\n"


@functools.cache
def _figures() -> Any:
    """docs/tools/figures.py: the build's own helpers for plot blocks."""
    spec = importlib.util.spec_from_file_location("figures", DOCS / "tools" / "figures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_plot_block(code: str, name: str, namespace: dict[str, object]) -> int:
    """Run a plot block the way the docs build does; the number of figures it drew."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figures = _figures()
    plt.close("all")
    try:
        exec(compile(figures.keep_last_value(code), name, "exec"), namespace)
        figures.adopt_figures(namespace)
        return len(plt.get_fignums())
    finally:
        plt.close("all")


EXAMPLES = ROOT / "examples"
GALLERY = "auto_examples"  # sphinx_gallery_conf["gallery_dirs"] in docs/conf.py


def gallery_output(page: str) -> str:
    """What a script printed, from its sphinx-gallery page (reStructuredText), or ``""``."""
    block = r"^\.\. rst-class:: sphx-glr-script-out\n\n \.\. code-block:: none\n\n((?:    .*\n|\n)+)"
    match = re.search(block, page, re.M)
    return textwrap.dedent(match.group(1)).strip() if match else ""


def test_docs_build_without_warnings(tmp_path: Path) -> None:
    """Build the site from a copy of docs/ (the gallery is written into the source tree).

    The build runs every ``{plot}`` block of the pages and, through
    sphinx-gallery, every script of examples/: a failure in either fails it.
    tests/test_examples.py leaves the plain "does it run" check of the
    scripts to this test when both are collected, so each script runs once.
    """
    for module in ("sphinx", "myst_parser", "sphinx_gallery", "matplotlib"):
        pytest.importorskip(module)
    source = tmp_path / "docs"
    shutil.copytree(DOCS, source, ignore=shutil.ignore_patterns("_build", GALLERY))
    shutil.copytree(EXAMPLES, tmp_path / "examples", ignore=shutil.ignore_patterns("__pycache__"))
    before = set(source.rglob("*"))
    command = [
        sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
        "-d", str(tmp_path / "doctrees"), str(source), str(tmp_path / "html"),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert done.returncode == 0, f"sphinx-build failed:\n{done.stderr}\n{done.stdout[-3000:]}"
    assert (tmp_path / "html" / "index.html").exists()
    written = [p for p in set(source.rglob("*")) - before if GALLERY not in p.relative_to(source).parts]
    assert not written, f"the docs build wrote into docs/: {sorted(written)}"
    for script in sorted(EXAMPLES.glob("*.py")):
        page = source / GALLERY / f"{script.stem}.rst"
        assert page.exists(), f"no gallery page for examples/{script.name}"
        assert gallery_output(page.read_text(encoding="utf-8")), f"examples/{script.name} printed nothing"
        assert (tmp_path / "html" / GALLERY / f"{script.stem}.html").exists()


def test_every_python_block_is_tested() -> None:
    for page in PAGES:
        for language, line, _ in code_blocks(page):
            spelled_like_python = language.lower().startswith(("py", "ipython"))
            assert language in TESTED or not spelled_like_python, (
                f"{_name(page)}:{line}: use ```python or ```pycon so the example is tested, not ```{language}"
            )


def test_tutorials_and_how_tos_have_examples() -> None:
    for folder in ("tutorials", "how-to"):
        for page in sorted((DOCS / folder).glob("*.md")):
            if page.name != "index.md":
                assert page in EXAMPLE_PAGES, f"{_name(page)} has no tested example"


def test_every_public_module_is_in_the_reference() -> None:
    """Each public module (top level, subpackages, packages of private modules) has a reference page."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in (DOCS / "reference").rglob("*.md"))
    documented = set(re.findall(r"automodule::\s*(\S+)", text))
    package = ROOT / "src" / "nea_games"
    modules = [*package.glob("*.py"), *package.glob("*/*.py")]
    public = {
        "nea_games." + ".".join(path.relative_to(package).with_suffix("").parts)
        for path in modules
        if not path.name.startswith("_")
    }
    # a subpackage whose modules are all private is documented by its package page
    public |= {
        f"nea_games.{path.parent.name}"
        for path in package.glob("*/__init__.py")
        if not any(not p.name.startswith("_") for p in path.parent.glob("*.py"))
    }
    missing = sorted(public - documented)
    assert not missing, f"no docs/reference/ page for {missing}: run python docs/tools/generate_reference.py"


# The property-testing guide shows `.example()` the way hypothesis intends it: interactively.
@pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
@pytest.mark.parametrize("page", EXAMPLE_PAGES, ids=_name)
def test_examples_run(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    pytest.importorskip("hypothesis")
    # The docs build runs every plot block too (and fails on one that raises or draws nothing):
    # when it is part of this session, plot blocks are left to it so that none runs twice.
    plots_run_by_build = any(
        item.nodeid.endswith("::test_docs_build_without_warnings") for item in request.session.items
    )
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    plot_namespace: dict[str, object] = {"__name__": "__plot__"}
    name = _name(page)
    for language, line, code in code_blocks(page):
        if language == "python":
            exec(compile(code, f"{name}:{line}", "exec"), namespace)
        elif language == "pycon":
            test = doctest.DocTestParser().get_doctest(code, namespace, f"{name}:{line}", str(page), line - 1)
            report: list[str] = []
            runner = doctest.DocTestRunner(optionflags=DOCTEST_FLAGS)
            result = runner.run(test, out=report.append, clear_globs=False)
            namespace.update(test.globs)  # the DocTest ran in a copy of the namespace
            assert result.failed == 0, "".join(report)
        elif language == PLOT and not plots_run_by_build:
            options, source = plot_block(code)
            fresh: dict[str, object] = {"__name__": "__plot__"}
            shared = "context" in options
            figures = run_plot_block(source, f"{name}:{line}", plot_namespace if shared else fresh)
            assert figures or "nofigs" in options, (
                f"{name}:{line}: the plot block drew no figure (draw with matplotlib, or end the block "
                "with a call that returns a Figure, such as result.plot())"
            )
