"""The README's Python example runs, and its Quick start has exactly the two promised commands."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_quick_start_has_exactly_two_commands() -> None:
    text = README.read_text()
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```bash\n(.*?)\n```", quick, flags=re.S)
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    assert "nea-games" in commands[0] and "pytest" in commands[1]


def test_python_example_runs(capsys) -> None:  # type: ignore[no-untyped-def]
    text = README.read_text()
    block = re.search(r"```python\n(.*?)\n```", text, flags=re.S)
    assert block is not None
    exec(compile(block.group(1), "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "{'Share': Fraction(3, 4), 'Withhold': Fraction(1, 4)}" in out
