r"""Guards for exponential algorithms: estimate the work, honour the caller's bound.

Support enumeration visits one candidate per support profile, and vertex
enumeration one point per vertex of the two best-response polytopes; both
numbers grow exponentially with the number of actions. For an
:math:`m \times n` game they are at most

.. math::

    \sum_{k \ge 1} \binom{m}{k}\binom{n}{k} = \binom{m+n}{m} - 1
    \quad\text{support pairs}, \qquad
    (f(m+n, m) - 1) + (f(m+n, n) - 1) \quad\text{nonzero vertices},

where :math:`f(N, d)` is McMullen's upper bound on the vertices of a
:math:`d`-polytope with :math:`N` facets
(:func:`nea_games.solvers._polytope.vertex_bound`); with three or more
players, :math:`\prod_i (2^{m_i} - 1)` support profiles after removing
dominated actions. :func:`estimate` gives that number before any solving.

Solvers call :func:`check_budget` with their estimate before starting, and
poll a :class:`Deadline` while they run, so a caller can bound the work with
``max_supports=`` / ``max_vertices=`` or ``time_limit=`` and gets a clear
error (or a partial result, flagged ``complete=False``, with
``on_budget="partial"``) instead of a hang.
"""

from __future__ import annotations

import numbers
import time
from dataclasses import dataclass, field
from typing import Any, Literal

from nea_games.errors import BudgetExceededError, UnknownMethodError, UnsupportedGameError, ValidationError

__all__ = ["Deadline", "OnBudget", "WorkEstimate", "check_budget", "check_on_budget", "estimate"]

OnBudget = Literal["raise", "partial"]


def check_on_budget(on_budget: Any, where: str) -> None:
    """Raise :class:`~nea_games.errors.ValidationError` unless ``on_budget`` is ``"raise"`` or ``"partial"``.

    Examples
    --------
    >>> check_on_budget("partial", "vertex_enumeration")
    >>> check_on_budget("stop", "vertex_enumeration")
    Traceback (most recent call last):
    ...
    nea_games.errors.ValidationError: vertex_enumeration: on_budget must be 'raise' or 'partial', got 'stop'
    """
    if on_budget not in ("raise", "partial"):
        raise ValidationError(f"{where}: on_budget must be 'raise' or 'partial', got {on_budget!r}")


def check_budget(
    estimated: int,
    max_supports: int | None,
    what: str,
    *,
    option: str = "max_supports",
    algorithm: str = "support enumeration",
    hint: str = "raise the bound or use a one-equilibrium method",
) -> None:
    """Raise :class:`~nea_games.errors.BudgetExceededError` if ``estimated`` exceeds the bound.

    ``max_supports`` is the caller's bound (``None``: no bound), passed as
    the option called ``option``; the message names the estimate, the
    bound and the algorithm.

    Examples
    --------
    >>> check_budget(100, 1000, "support profiles")
    >>> check_budget(10**6, 1000, "support profiles")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    nea_games.errors.BudgetExceededError: support enumeration would visit 1000000 support profiles, ...
    >>> check_budget(500, 20, "vertices", option="max_vertices", algorithm="VE")
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    nea_games.errors.BudgetExceededError: VE would visit 500 vertices, more than max_vertices=20; ...
    """
    if max_supports is None:
        return
    if not isinstance(max_supports, int) or isinstance(max_supports, bool) or max_supports < 0:
        raise ValidationError(f"{option} must be a non-negative integer, got {max_supports!r}")
    if estimated > max_supports:
        raise BudgetExceededError(
            f"{algorithm} would visit {estimated} {what}, more than {option}={max_supports}; {hint}"
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
        if self.time_limit is not None and not (
            isinstance(self.time_limit, numbers.Real)
            and not isinstance(self.time_limit, bool)
            and self.time_limit >= 0
        ):
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


@dataclass(frozen=True)
class WorkEstimate:
    """An a-priori bound on the work of an exponential method, and the option that bounds it.

    Attributes
    ----------
    method : str
        The solver method (canonical name).
    count : int
        Upper bound on the number of ``unit`` the method visits.
    unit : str
        What is counted (e.g. ``"support pairs"``).
    option : str
        The keyword of ``nea_games.solve`` that bounds ``count``.
    """

    method: str
    count: int
    unit: str
    option: str

    def __int__(self) -> int:
        return self.count

    def __str__(self) -> str:
        return f"{self.method}: at most {self.count} {self.unit} (bound with {self.option}=)"


def estimate(game: Any, method: str | None = None) -> WorkEstimate:
    """How much work an exponential method would do on ``game``, before solving.

    Parameters
    ----------
    game : NormalFormGame
        A numeric normal-form game.
    method : str, optional
        ``"vertex_enumeration"`` or ``"support_enumeration"`` (or an alias
        such as ``"enummixed"``); default: the method ``nea_games.solve``
        would use.

    Returns
    -------
    WorkEstimate
        An upper bound on the vertices (vertex enumeration: McMullen's bound
        for both best-response polytopes) or support pairs/profiles
        (support enumeration) visited, and the option that bounds it.

    Raises
    ------
    nea_games.errors.UnknownMethodError
        For an unknown method name.
    nea_games.errors.ValidationError
        For a method that does not enumerate (it has no work budget).
    nea_games.errors.UnsupportedGameError
        When the method does not apply to the game.

    Examples
    --------
    >>> from nea_games import NormalFormGame
    >>> bos = NormalFormGame.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> print(estimate(bos))  # two quadrilaterals, less their zero vertices
    vertex_enumeration: at most 6 vertices of the best-response polytopes (bound with max_vertices=)
    >>> int(estimate(bos, "support_enumeration"))  # four pure pairs and one mixed pair
    5
    """
    from nea_games.games.normal_form import NormalFormGame
    from nea_games.solvers.api import ALIASES, METHODS, _default_method

    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"estimate: expected a NormalFormGame, got {type(game).__name__}")
    name = method or _default_method(game)
    name = ALIASES.get(name, name)
    if name not in METHODS:
        raise UnknownMethodError(f"estimate: unknown method {method!r}; known: {', '.join(sorted(METHODS))}")
    if name == "vertex_enumeration":
        from nea_games.solvers.vertex_enumeration import estimate_vertices

        unit = "vertices of the best-response polytopes"
        return WorkEstimate(name, estimate_vertices(game), unit, "max_vertices")
    if name == "support_enumeration":
        if game.n_players >= 3:
            from nea_games.solvers.nplayer import estimate_support_profiles

            return WorkEstimate(name, estimate_support_profiles(game), "support profiles", "max_supports")
        from nea_games.solvers.support_enumeration import count_support_pairs

        if game.n_players != 2:
            raise UnsupportedGameError("estimate: support enumeration needs two or more players")
        m, n = game.n_actions
        return WorkEstimate(name, count_support_pairs(m, n), "support pairs", "max_supports")
    raise ValidationError(
        f"estimate: method {name!r} has no work budget (only vertex_enumeration and support_enumeration "
        "enumerate exponentially many candidates)"
    )
