"""Every script in examples/ runs and prints what it promises.

The docs build (``tests/test_docs.py::test_docs_build_without_warnings``)
runs every script too, for the example gallery, and checks that each printed
something. When that test is collected in the same session, the plain "it
runs and prints" check here is skipped, so that no script runs twice; run
this file alone (``pytest tests/test_examples.py``) for a quick check of the
scripts without building the docs. The checks of what a script prints stay
here.
"""

from __future__ import annotations

import importlib.util
import runpy
import sys
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.py"))
BUILD_TEST = "test_docs.py::test_docs_build_without_warnings"


def gallery_runs_examples(session: pytest.Session) -> bool:
    """Whether this session's docs build will run the scripts (its tools installed, its test selected)."""
    tools = ("sphinx", "myst_parser", "sphinx_gallery", "matplotlib")
    installed = all(importlib.util.find_spec(name) is not None for name in tools)
    return installed and any(item.nodeid.endswith(BUILD_TEST) for item in session.items)


@pytest.mark.parametrize("script", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_runs(
    script: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    if gallery_runs_examples(request.session):
        pytest.skip(f"run by the docs build's example gallery ({BUILD_TEST})")
    monkeypatch.setattr(sys, "argv", [str(script)])
    runpy.run_path(str(script), run_name="__main__")
    assert capsys.readouterr().out.strip()


def test_every_example_has_a_gallery_header() -> None:
    """sphinx-gallery's page title: a title line, then a line of "=" at least as long, then text."""
    for script in EXAMPLES:
        lines = script.read_text(encoding="utf-8").splitlines()
        title = lines[0].removeprefix('"""')
        assert lines[0].startswith('"""') and title.strip(), f"{script.name}: start with a docstring title"
        underline = lines[1]
        assert set(underline) == {"="} and len(underline) >= len(title), (
            f"{script.name}: underline the title with at least {len(title)} '='"
        )
        assert lines[2] == "" and lines[3].strip(), f"{script.name}: a blank line, then a paragraph"


def test_intelligence_sharing_reading(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(EXAMPLES[0].parent / "intelligence_sharing.py"), run_name="__main__")
    out = capsys.readouterr().out
    # stag hunt 4/0/3/3: (Share, Share) payoff-dominant; (Withhold, Withhold) risk-dominant since
    # deviation losses are (4-3)^2 = 1 at (S,S) versus (3-0)^2 = 9 at (W,W); threshold 3/4.
    assert "payoff-dominant: pure (Share, Share)" in out
    assert "risk-dominant:   pure (Withhold, Withhold)" in out
    assert "at least 3/4" in out
