"""The sequence behaviour shared by every set of equilibria.

:class:`EquilibriumCollection` holds equilibria in a canonical order and
gives indexing, iteration, ``exact``, ``pure()``/``mixed()``, the largest
regret, and order-free set comparison (exact for exact members, within a
tolerance otherwise). Its members need ``exact``, ``is_pure``, ``regret()``
and ``isclose(other, tol)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Generic, Protocol, TypeVar, overload

from nea_games._tables import TableView

__all__ = ["EquilibriumCollection", "ResultSequence"]


class _Member(Protocol):
    @property
    def exact(self) -> bool: ...
    @property
    def is_pure(self) -> bool: ...
    def regret(self) -> Any: ...
    def isclose(self, other: Any, tol: float = ...) -> bool: ...


S = TypeVar("S")
T = TypeVar("T", bound=_Member)


class ResultSequence(TableView, Sequence[S], Generic[S]):
    """A read-only sequence of results kept in ``_items``, rendered as a table."""

    _items: tuple[S, ...]
    notes: tuple[str, ...]

    @overload
    def __getitem__(self, index: int) -> S: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[S]: ...
    def __getitem__(self, index: int | slice) -> S | Sequence[S]:
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[S]:
        return iter(self._items)


class EquilibriumCollection(ResultSequence[T]):
    """Base of the equilibrium sets: a read-only, set-comparable sequence."""

    @property
    def exact(self) -> bool:
        """True when every equilibrium is exact."""
        return all(eq.exact for eq in self._items)

    def pure(self) -> list[T]:
        """The equilibria in pure strategies."""
        return [eq for eq in self._items if eq.is_pure]

    def mixed(self) -> list[T]:
        """The equilibria in which someone randomises."""
        return [eq for eq in self._items if not eq.is_pure]

    def max_regret(self) -> Any:
        """Largest regret over the set (0 for an exact, verified set)."""
        return max((eq.regret() for eq in self._items), default=0)

    def isclose(self, other: Iterable[T], tol: float = 1e-9) -> bool:
        """Set equality: every equilibrium of one matches a distinct one of the other."""
        theirs = list(other)
        if len(theirs) != len(self._items):
            return False
        unused = list(range(len(theirs)))
        for eq in self._items:
            match = next((k for k in unused if eq.isclose(theirs[k], tol)), None)
            if match is None:
                return False
            unused.remove(match)
        return True

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, EquilibriumCollection)
        return self.isclose(other)

    __hash__ = None  # type: ignore[assignment]
