"""Shared helpers for the benchmarks: timing, optional peers, table printing."""

from __future__ import annotations

import importlib
import statistics
import time
from collections.abc import Callable
from typing import Any


def optional(module: str) -> Any | None:
    """Import a peer library if it is installed, else None."""
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def time_call(function: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """Best-of-``repeat`` wall time in seconds, and the last result."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def print_table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(r[k])) for r in [header, *rows]) for k in range(len(header))]
    print("  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True)))
    for row in rows:
        print("  ".join(str(c).rjust(w) for c, w in zip(row, widths, strict=True)))
