"""A progress bar for long runs, shown only when a run is long and the output is a terminal.

Uses rich (a dependency of nea_games) when available; callers
pass ``progress=True`` to force, ``False`` to silence, ``None`` (default) to
show a bar only on an interactive terminal once the run has taken more than
two seconds.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

__all__ = ["track"]

T = TypeVar("T")


def track(items: Iterable[T], total: int, description: str, progress: bool | None = None) -> Iterator[T]:
    """Yield ``items``, drawing a progress bar on long interactive runs."""
    if progress is False or (progress is None and not sys.stderr.isatty()):
        yield from items
        return
    try:
        from rich.progress import Progress
    except ImportError:  # pragma: no cover - rich comes with typer
        yield from items
        return
    start = time.perf_counter()
    iterator = iter(items)
    with Progress(transient=True, disable=False) as bar:
        task = None
        for done, item in enumerate(iterator):
            if task is None and (progress or time.perf_counter() - start > 2.0):
                task = bar.add_task(description, total=total, completed=done)
            yield item
            if task is not None:
                bar.advance(task)
