"""``solve``: one entry point in front of every equilibrium algorithm.

Methods are looked up by name in :data:`METHODS` and imported only when
used, so that importing nea_games stays cheap.
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from nea_games.errors import UnknownMethodError, UnsupportedGameError, ValidationError
from nea_games.games._names import did_you_mean
from nea_games.games.normal_form import NormalFormGame
from nea_games.solvers.result import EquilibriumSet

if TYPE_CHECKING:
    from nea_games.solvers.backward import TreeEquilibriumSet

__all__ = ["METHODS", "MethodInfo", "available_methods", "solve"]


@dataclass(frozen=True)
class MethodInfo:
    """What a solver method does and where it lives."""

    name: str
    module: str
    function: str
    players: str  # "2", "n" or "1+"
    complete: bool
    summary: str


METHODS: dict[str, MethodInfo] = {
    info.name: info
    for info in [
        MethodInfo(
            "pure",
            "nea_games.solvers.pure",
            "solve_pure",
            "n",
            True,
            "all pure-strategy equilibria, vectorised over profiles",
        ),
        MethodInfo(
            "vertex_enumeration",
            "nea_games.solvers.vertex_enumeration",
            "solve_vertex_enumeration",
            "2",
            True,
            "all (extreme) equilibria of a 2-player game by enumerating best-response polytope vertices",
        ),
        MethodInfo(
            "support_enumeration",
            "nea_games.solvers.support_enumeration",
            "solve_support_enumeration",
            "n",
            True,
            "all equilibria by enumerating supports (linear for 2 players, polynomial for more)",
        ),
        MethodInfo(
            "lemke_howson",
            "nea_games.solvers.lemke_howson",
            "solve_lemke_howson",
            "2",
            False,
            "one equilibrium by Lemke-Howson with lexicographic pivoting",
        ),
        MethodInfo(
            "zero_sum",
            "nea_games.solvers.zero_sum",
            "solve_zero_sum",
            "2",
            False,
            "value and optimal strategies of a 2-player zero-sum game by linear programming",
        ),
        MethodInfo(
            "nashpy_support_enumeration",
            "nea_games.solvers.nashpy_backend",
            "solve_nashpy_support",
            "2",
            False,
            "nashpy's support enumeration (for comparison; may miss equilibria)",
        ),
        MethodInfo(
            "nashpy_vertex_enumeration",
            "nea_games.solvers.nashpy_backend",
            "solve_nashpy_vertex",
            "2",
            False,
            "nashpy's vertex enumeration (for comparison)",
        ),
        MethodInfo(
            "nashpy_lemke_howson",
            "nea_games.solvers.nashpy_backend",
            "solve_nashpy_lemke_howson",
            "2",
            False,
            "nashpy's Lemke-Howson (for comparison; can cycle on degenerate games)",
        ),
    ]
}

ALIASES: dict[str, str] = {
    "enumpure": "pure",
    "enummixed": "vertex_enumeration",
    "vertex": "vertex_enumeration",
    "support": "support_enumeration",
    "enumpoly": "support_enumeration",
    "lcp": "lemke_howson",
    "lp": "zero_sum",
}


def available_methods() -> dict[str, str]:
    """Method names with a one-line description.

    Examples
    --------
    >>> "vertex_enumeration" in available_methods()
    True
    """
    methods = {name: info.summary for name, info in METHODS.items()}
    methods["backward_induction"] = "subgame-perfect equilibria of a game tree (all ties enumerated)"
    return methods


def _default_method(game: NormalFormGame) -> str:
    if game.n_players == 2:
        return "vertex_enumeration"
    if game.n_players == 1:
        return "pure"
    return "support_enumeration"


TREE_METHODS = ("backward_induction", "subgame_perfect", "spe")


def _solve_tree(tree: Any, method: str | None, options: dict[str, Any]) -> TreeEquilibriumSet:
    from nea_games.solvers import backward

    tree._require_numeric()
    if method in TREE_METHODS:
        return backward.backward_induction(tree, **options)
    # any other method names the normal-form solver used on the reduced normal form
    return backward.nash_equilibria(tree, method, **options)


def solve(game: Any, method: str | None = None, **options: Any) -> Any:
    """Find Nash equilibria of a game.

    Parameters
    ----------
    game : NormalFormGame, ExtensiveFormGame, BayesianGame or SignallingGame
        A numeric game (substitute parameters first with ``game.subs``).
        A Bayesian game gives its Bayes-Nash equilibria (a ``BayesNashSet``);
        a signalling game its pure perfect Bayesian equilibria (a
        ``PerfectBayesianSet``).
        For a tree, ``method="backward_induction"`` gives its subgame-perfect
        equilibria (a ``TreeEquilibriumSet``); any other method gives its Nash
        equilibria through the reduced normal form, solved with that method.
    method : str, optional
        One of :func:`available_methods` (or an alias such as
        ``"enummixed"``). The default is a complete method:
        ``"vertex_enumeration"`` for two players, ``"support_enumeration"``
        for more, ``"pure"`` for one.
    **options
        Passed to the method (e.g. ``max_supports=`` or ``time_limit=`` for
        support enumeration, ``initial_label=`` for Lemke-Howson).

    Returns
    -------
    EquilibriumSet or TreeEquilibriumSet
        Every equilibrium verified; ``.complete`` says whether the set is
        guaranteed to hold all equilibria the method targets.

    Raises
    ------
    nea_games.errors.UnknownMethodError
        For an unknown method name.
    nea_games.errors.UnsupportedGameError
        When the method does not apply to the game (e.g. 2-player only).
    nea_games.errors.ParametricGameError
        When the game has free parameters.

    Examples
    --------
    >>> import nea_games
    >>> pd = nea_games.NormalFormGame.symmetric([[3, 0], [5, 1]], actions=["Cooperate", "Defect"])
    >>> eqs = nea_games.solve(pd)
    >>> [eq.label for eq in eqs]
    ['pure (Defect, Defect)']
    >>> eqs[0].payoffs
    (Fraction(1, 1), Fraction(1, 1))
    """
    from nea_games.games.bayesian import BayesianGame
    from nea_games.games.extensive_form import ExtensiveFormGame
    from nea_games.games.signalling import SignallingGame

    if isinstance(game, ExtensiveFormGame):
        return _solve_tree(game, method, options)
    if isinstance(game, BayesianGame):
        from nea_games.solvers.bayesian import bayes_nash_equilibria

        return bayes_nash_equilibria(game, method, **options)
    if isinstance(game, SignallingGame):
        from nea_games.solvers.signalling import perfect_bayesian_equilibria

        if method not in (None, "perfect_bayesian", "pbe"):
            raise UnknownMethodError(
                f"solve: signalling games are solved with method 'perfect_bayesian', not {method!r}"
            )
        return perfect_bayesian_equilibria(game, **options)
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"solve: expected a game object, got {type(game).__name__}")
    name = method or _default_method(game)
    name = ALIASES.get(name, name)
    if name not in METHODS:
        known = sorted(METHODS) + sorted(ALIASES)
        raise UnknownMethodError(
            f"solve: unknown method {method!r}{did_you_mean(str(method), known)}; "
            f"known: {', '.join(sorted(METHODS))}"
        )
    info = METHODS[name]
    if info.players == "2" and game.n_players != 2:
        raise UnsupportedGameError(
            f"solve: method {name!r} needs a 2-player game, this one has {game.n_players} players"
        )
    game._require_numeric()
    function = getattr(importlib.import_module(info.module), info.function)
    _check_options(function, name, options)
    result: EquilibriumSet = function(game, **options)
    return result


def _check_options(function: Any, method: str, options: dict[str, Any]) -> None:
    """Raise a clear error for options the method does not take (instead of a TypeError)."""
    try:
        inspect.signature(function).bind(None, **options)
    except TypeError:
        accepted = [
            p.name
            for p in list(inspect.signature(function).parameters.values())[1:]
            if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
        unknown = [k for k in options if k not in accepted]
        raise ValidationError(
            f"solve: method {method!r} does not take the option(s) {', '.join(map(repr, unknown))}; "
            f"it takes: {', '.join(accepted) or 'no options'}"
        ) from None
