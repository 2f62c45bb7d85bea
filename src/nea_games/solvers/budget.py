"""Guards for exponential algorithms: estimate the work, honour the caller's bound.

Support enumeration visits one candidate per support profile, a number that
grows exponentially with the number of actions. Solvers call
:func:`check_budget` with their estimate before starting, and poll a
:class:`Deadline` while they run, so a caller can bound the work with
``max_supports=`` or ``time_limit=`` and gets a clear error (or a partial,
flagged result with ``on_budget="partial"``) instead of a hang.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Literal

from nea_games.errors import BudgetExceededError, ValidationError

__all__ = ["Deadline", "OnBudget", "check_budget"]

OnBudget = Literal["raise", "partial"]


def check_budget(estimated: int, max_supports: int | None, what: str) -> None:
    """Raise :class:`~nea_games.errors.BudgetExceededError` if ``estimated > max_supports``.

    Examples
    --------
    >>> check_budget(100, 1000, "support profiles")
    >>> check_budget(10**6, 1000, "support profiles")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    nea_games.errors.BudgetExceededError: support enumeration would visit 1000000 support profiles, ...
    """
    if max_supports is None:
        return
    if not isinstance(max_supports, int) or isinstance(max_supports, bool) or max_supports < 0:
        raise ValidationError(f"max_supports must be a non-negative integer, got {max_supports!r}")
    if estimated > max_supports:
        raise BudgetExceededError(
            f"support enumeration would visit {estimated} {what}, more than max_supports={max_supports}; "
            "raise the bound or use a one-equilibrium method"
        )


@dataclass
class Deadline:
    """A wall-clock budget: ``Deadline(None)`` never expires.

    Examples
    --------
    >>> Deadline(None).expired()
    False
    >>> Deadline(0.0).expired()
    True
    """

    time_limit: float | None
    start: float = field(default_factory=time.perf_counter)

    def __post_init__(self) -> None:
        if self.time_limit is not None and not (self.time_limit >= 0):
            raise ValidationError(
                f"time_limit must be a non-negative number of seconds, got {self.time_limit!r}"
            )

    def expired(self) -> bool:
        """True once the time limit has passed."""
        return self.time_limit is not None and time.perf_counter() - self.start >= self.time_limit

    def elapsed(self) -> float:
        """Seconds since the deadline was created."""
        return time.perf_counter() - self.start

    def exceeded_message(self, done: int, total: int, what: str) -> str:
        """Plain-language note for a result cut short by the deadline."""
        return (
            f"time_limit={self.time_limit}s reached after {done} of {total} {what}; "
            "the result is partial (complete=False)"
        )
