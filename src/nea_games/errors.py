"""Exception types raised by nea_games.

Every error the library raises on purpose derives from :class:`NeaGamesError`,
so ``except nea_games.errors.NeaGamesError`` catches them all. The specific
subclasses also derive from the matching built-in (``ValueError``,
``TypeError``, ``RuntimeError``) so that generic handlers keep working.

Messages always say *what* is wrong and *where* (which player, which
argument, which entry), so that a user never has to read a traceback from
deep inside numpy or sympy.

Examples
--------
>>> import nea_games
>>> from nea_games.errors import ShapeError
>>> try:
...     nea_games.NormalFormGame(["Row", "Col"], [["U", "D"], ["L", "R"]], [[1, 2], [3, 4]])
... except ShapeError as error:
...     print(error)
payoffs: expected an array of shape (2, 2, 2) (n_players, *n_actions), got shape (2, 2)
"""

from __future__ import annotations

__all__ = [
    "BudgetExceededError",
    "DuplicateNameError",
    "NeaGamesError",
    "NonFiniteError",
    "ParametricGameError",
    "ParseError",
    "PayoffTypeError",
    "ProbabilityError",
    "ScenarioError",
    "ShapeError",
    "SolverError",
    "UnknownMethodError",
    "UnknownNameError",
    "UnsupportedGameError",
    "ValidationError",
]


class NeaGamesError(Exception):
    """Base class of every exception raised by nea_games."""


class ValidationError(NeaGamesError, ValueError):
    """An argument has the right type but a value the library cannot accept."""


class ShapeError(ValidationError):
    """An array has the wrong shape (payoffs, strategies, names)."""


class DuplicateNameError(ValidationError):
    """Two players, or two actions of one player, share a name."""


class UnknownNameError(ValidationError):
    """A player, action, method or parameter name is not known."""


class NonFiniteError(ValidationError):
    """A payoff or probability is NaN or infinite."""


class PayoffTypeError(NeaGamesError, TypeError):
    """A payoff entry is of a type the library cannot use (e.g. a string)."""


class ProbabilityError(ValidationError):
    """Probabilities are negative, exceed one, or do not sum to one."""


class UnknownMethodError(UnknownNameError):
    """``solve`` was asked for a method that does not exist."""


class ParametricGameError(NeaGamesError, TypeError):
    """A game with free sympy parameters was given where numbers are required.

    Substitute values first with ``game.subs(...)``.
    """


class UnsupportedGameError(NeaGamesError, TypeError):
    """A method does not apply to this kind of game (e.g. a 2-player solver on 3 players)."""


class BudgetExceededError(NeaGamesError, RuntimeError):
    """The estimated or actual work of an exponential algorithm exceeds the caller's bound."""


class SolverError(NeaGamesError, RuntimeError):
    """A solver failed in a way that is not the caller's fault (numerical breakdown)."""


class ParseError(ValidationError):
    """A file or text could not be parsed.

    Parameters
    ----------
    message
        What was expected and what was found.
    line, column
        1-based position of the problem, when known.
    source
        The file name or a short description of the input.
    """

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        source: str | None = None,
    ) -> None:
        self.message = message
        self.line = line
        self.column = column
        self.source = source
        where = source or "<input>"
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}")


class ScenarioError(ValidationError):
    """A scenario file names an unknown model, parameter or key, or gives a value it cannot use."""
