"""Every script in examples/ runs and prints what it promises."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.py"))


@pytest.mark.parametrize("script", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_runs(
    script: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", [str(script)])
    runpy.run_path(str(script), run_name="__main__")
    assert capsys.readouterr().out.strip()


def test_intelligence_sharing_reading(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(EXAMPLES[0].parent / "intelligence_sharing.py"), run_name="__main__")
    out = capsys.readouterr().out
    # stag hunt 4/0/3/3: (Share, Share) payoff-dominant; (Withhold, Withhold) risk-dominant since
    # deviation losses are (4-3)^2 = 1 at (S,S) versus (3-0)^2 = 9 at (W,W); threshold 3/4.
    assert "payoff-dominant: pure (Share, Share)" in out
    assert "risk-dominant:   pure (Withhold, Withhold)" in out
    assert "at least 3/4" in out
