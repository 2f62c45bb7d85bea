"""The documentation builds without a warning, and every example in it runs.

Examples in ``docs/**/*.md`` are fenced code blocks:

* ```` ```python ```` blocks are executed;
* ```` ```pycon ```` blocks are interactive sessions (``>>>`` prompts and the
  output they print) and are checked with :mod:`doctest`.

The blocks of one page run in order in one namespace, like a reader typing
them into one Python session, and in a temporary working directory so that a
page that writes files leaves nothing behind.
"""

from __future__ import annotations

import doctest
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.parts)

#: Languages whose blocks are run; any other "py..." fence is refused below,
#: so that no Python example escapes testing by a spelling variant.
TESTED = {"python", "pycon"}
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


EXAMPLE_PAGES = [p for p in PAGES if any(lang in TESTED for lang, _, _ in code_blocks(p))]


def test_docs_build_without_warnings(tmp_path: Path) -> None:
    pytest.importorskip("sphinx")
    pytest.importorskip("myst_parser")
    command = [
        sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
        "-d", str(tmp_path / "doctrees"), str(DOCS), str(tmp_path / "html"),
    ]
    before = set(DOCS.rglob("*"))
    done = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, f"sphinx-build failed:\n{done.stderr}\n{done.stdout[-3000:]}"
    assert (tmp_path / "html" / "index.html").exists()
    assert set(DOCS.rglob("*")) == before, "the docs build must not write into docs/"


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
    """Each public module of a subpackage (games, solvers, io, ...) has an API reference page."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in (DOCS / "reference").rglob("*.md"))
    documented = set(re.findall(r"automodule::\s*(\S+)", text))
    package = ROOT / "src" / "nea_games"
    public = {"nea_games.errors", "nea_games.strategies"} | {
        "nea_games." + ".".join(path.relative_to(package).with_suffix("").parts)
        for path in package.glob("*/*.py")
        if not path.name.startswith("_")
    }
    missing = sorted(public - documented)
    assert not missing, f"no docs/reference/ page for {missing}: run python docs/tools/generate_reference.py"


# The property-testing guide shows `.example()` the way hypothesis intends it: interactively.
@pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
@pytest.mark.parametrize("page", EXAMPLE_PAGES, ids=_name)
def test_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("hypothesis")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__docs__"}
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
