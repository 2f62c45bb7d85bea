r"""Subgame-perfect and Nash equilibria of game trees.

A behaviour profile of an extensive-form game is a *subgame-perfect
equilibrium* (SPE; Selten 1965) when it induces a Nash equilibrium in every
proper subgame. In a finite tree of perfect information, *backward
induction* finds them: at each decision node, from the leaves up, the mover
picks an action that maximises her payoff given the play already fixed below
(Zermelo 1913; Kuhn 1953). When a mover is indifferent every maximiser is
kept, and each choice starts its own branch of the enumeration, so all SPEs
in pure strategies are listed, not one chosen silently.

Trees with simultaneous moves or imperfect information are rolled back over
their proper subgames: each subgame that has no proper subgame of its own
(once the ones below are solved) is solved in its reduced normal form with
:func:`nea_games.solve`, and every equilibrium found starts its own branch
(see :mod:`nea_games.solvers._subgames`).

:func:`nash_equilibria` finds the Nash equilibria of any finite tree with
perfect recall through its reduced normal form and maps each back to
behaviour strategies (Kuhn's theorem). :func:`symbolic_backward_induction`
does backward induction on parametric trees with sympy (see
:mod:`nea_games.solvers._symbolic_tree`).

References
----------
Selten, R. (1965). Spieltheoretische Behandlung eines Oligopolmodells mit
Nachfrageträgheit. *Zeitschrift für die gesamte Staatswissenschaft* 121.
Kuhn, H. W. (1953). Extensive games and the problem of information.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from nea_games.errors import UnsupportedGameError
from nea_games.games._tree_nodes import path_text
from nea_games.games.extensive_form import BehaviourProfile, ExtensiveFormGame
from nea_games.games.render import format_number
from nea_games.solvers._collection import EquilibriumCollection
from nea_games.solvers._subgames import SubgameEngine
from nea_games.solvers._symbolic_tree import SymbolicSolution, symbolic_backward_induction
from nea_games.solvers.result import EquilibriumSet

__all__ = [
    "SymbolicSolution",
    "TreeEquilibriumSet",
    "backward_induction",
    "nash_equilibria",
    "symbolic_backward_induction",
]


class TreeEquilibriumSet(EquilibriumCollection[BehaviourProfile]):
    """Equilibria of a game tree as behaviour profiles, with what is known about the set.

    Parameters
    ----------
    game : ExtensiveFormGame
        The solved tree.
    equilibria : iterable of BehaviourProfile
        The equilibria, in the order the solver found them.
    method : str
        The solver's name.
    concept : str
        ``"subgame perfect"`` or ``"Nash"``.
    complete : bool
        True when the set holds every equilibrium the method targets (all
        pure SPEs of perfect-information trees; the combinations of all
        extreme equilibria of the subgames otherwise).
    degenerate : bool or None
        Whether some normal form solved on the way was degenerate.
    notes : sequence of str
        Plain-language remarks.
    normal_form_equilibria : EquilibriumSet, optional
        For :func:`nash_equilibria`, the equilibria of the reduced normal form.

    Examples
    --------
    >>> from nea_games.games.extensive_form import ExtensiveFormGame
    >>> from nea_games.solvers.backward import backward_induction
    >>> g = ExtensiveFormGame(["A", "B"], ("A", {"L": (1, 1), "R": ("B", {"l": (0, 0), "r": (1, 0)})}))
    >>> spe = backward_induction(g)
    >>> len(spe), spe.paths()
    (3, [('L',), ('L',), ('R', 'r')])
    >>> print(spe.to_text())
    3 subgame perfect equilibria by backward_induction, complete
    #  A (root)  B R  path   u(A)  u(B)
    1  L         l    L      1     1
    2  L         r    L      1     1
    3  R         r    R > r  1     0
    """

    def __init__(
        self,
        game: ExtensiveFormGame,
        equilibria: Iterable[BehaviourProfile],
        *,
        method: str,
        concept: str = "subgame perfect",
        complete: bool = True,
        degenerate: bool | None = None,
        notes: Sequence[str] = (),
        normal_form_equilibria: EquilibriumSet | None = None,
    ) -> None:
        self.game = game
        self._items = tuple(equilibria)
        self.method = method
        self.concept = concept
        self.complete = complete
        self.degenerate = degenerate
        self.notes = tuple(dict.fromkeys(notes))
        self.normal_form_equilibria = normal_form_equilibria

    def paths(self) -> list[tuple[str, ...] | None]:
        """The equilibrium path of each equilibrium (``None`` where play is random)."""
        return [p.path for p in self._items]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TreeEquilibriumSet):
            return NotImplemented
        return self.game == other.game and self.isclose(other)

    __hash__ = None  # type: ignore[assignment]

    # ------------------------------------------------------------------ rendering
    def _rows(self) -> tuple[list[str], list[list[str]]]:
        columns = [(p, h) for p in self.game.players for h in self.game.infosets_of(p)]
        header = ["#", *(f"{p} {h}" for p, h in columns), "path", *(f"u({p})" for p in self.game.players)]
        rows = []
        for k, prof in enumerate(self._items, start=1):
            cells = [str(k)]
            for _, h in columns:
                if h not in prof.behaviour:
                    cells.append("-")
                    continue
                sure = prof.choice(h)
                cells.append(
                    sure
                    if sure is not None
                    else ", ".join(f"{a} {format_number(q)}" for a, q in prof.behaviour[h].items() if q != 0)
                )
            path = prof.path
            cells.append("random" if path is None else " > ".join(path) or path_text(()))
            cells.extend(format_number(v) for v in prof.payoffs)
            rows.append(cells)
        return header, rows

    def _summary(self) -> str:
        n = len(self)
        bits = [f"{n} {self.concept} equilibri{'um' if n == 1 else 'a'} by {self.method}"]
        bits.append("complete" if self.complete else "NOT complete")
        if self.degenerate:
            bits.append("degenerate")
        return ", ".join(bits)

    def __repr__(self) -> str:
        return f"<TreeEquilibriumSet {self._summary()}>"


def _require_tree(tree: Any, what: str) -> ExtensiveFormGame:
    if not isinstance(tree, ExtensiveFormGame):
        raise UnsupportedGameError(f"{what}: expected an ExtensiveFormGame, got {type(tree).__name__}")
    tree._require_numeric()
    return tree


def backward_induction(
    tree: ExtensiveFormGame,
    *,
    method: str | None = None,
    max_equilibria: int | None = 10_000,
    **options: Any,
) -> TreeEquilibriumSet:
    """Every subgame-perfect equilibrium of a numeric tree, ties included.

    Parameters
    ----------
    tree : ExtensiveFormGame
        A numeric tree (substitute parameters first with ``tree.subs``).
    method : str, optional
        Normal-form method for subgames with simultaneous moves or imperfect
        information (default: :func:`nea_games.solve`'s complete default).
        Perfect-information steps never call a solver.
    max_equilibria : int or None, default 10_000
        Bound on the number of SPEs of any subgame; exceeding it raises
        :class:`~nea_games.errors.BudgetExceededError` before the
        combinations are built.
    **options
        Passed to :func:`nea_games.solve` for the subgames.

    Returns
    -------
    TreeEquilibriumSet
        Each SPE a :class:`~nea_games.games.extensive_form.BehaviourProfile`
        naming an action (or mixture) at *every* information set, on and off
        the equilibrium path, with its path and payoffs.

    Raises
    ------
    nea_games.errors.ParametricGameError
        If the tree has free parameters (see :func:`symbolic_backward_induction`).
    nea_games.errors.BudgetExceededError
        If ties or subgame equilibria produce more than ``max_equilibria`` SPEs.

    Examples
    --------
    Selten's entry game: the entrant enters and the incumbent accommodates.

    >>> from nea_games.games.extensive_form import ExtensiveFormGame
    >>> entry = ExtensiveFormGame(["Entrant", "Incumbent"], ("Entrant", {
    ...     "Out": (0, 2), "In": ("Incumbent", {"Fight": (-1, -1), "Accommodate": (1, 1)})}))
    >>> spe = backward_induction(entry)
    >>> len(spe), spe[0].path, spe[0].payoffs
    (1, ('In', 'Accommodate'), (Fraction(1, 1), Fraction(1, 1)))
    """
    game = _require_tree(tree, "backward_induction")
    engine = SubgameEngine(game, method=method, options=dict(options), max_equilibria=max_equilibria)
    partials = engine.solve(0)
    profiles = [
        BehaviourProfile.from_behaviour(
            game,
            p.behaviour,
            method="backward_induction",
            exact=game.kind == "exact",
            unspecified=p.unspecified,
        )
        for p in partials
    ]
    notes = list(engine.notes)
    if engine.solved_with:
        notes.append(
            "subgames without perfect information solved by " + ", ".join(sorted(engine.solved_with))
        )
    if any(p.unspecified for p in partials):
        notes.append(
            "'-' marks information sets a player's own play inside a subgame excludes; any action there "
            "gives a subgame-perfect equilibrium"
        )
    return TreeEquilibriumSet(
        game,
        profiles,
        method="backward_induction",
        complete=engine.complete,
        degenerate=engine.degenerate if engine.solved_with else None,
        notes=notes,
    )


def nash_equilibria(
    tree: ExtensiveFormGame,
    method: str | None = None,
    *,
    max_strategies: int | None = 100_000,
    **options: Any,
) -> TreeEquilibriumSet:
    """Nash equilibria of a tree via its reduced normal form, as behaviour profiles.

    The reduced normal form is solved with :func:`nea_games.solve` (all
    extreme equilibria for two players by default) and every equilibrium is
    mapped to behaviour strategies by Kuhn's theorem; mixed equilibria that
    map to the same behaviour profile are listed once. The normal-form set is
    kept in ``.normal_form_equilibria`` (with its ``degenerate`` flag).

    Raises
    ------
    nea_games.errors.UnsupportedGameError
        If a player lacks perfect recall.

    Examples
    --------
    >>> from nea_games.games.extensive_form import ExtensiveFormGame
    >>> pennies = ExtensiveFormGame(["A", "B"], ("A", {
    ...     "H": ("B", {"h": (1, -1), "t": (-1, 1)}, "B guesses"),
    ...     "T": ("B", {"h": (-1, 1), "t": (1, -1)}, "B guesses")}))
    >>> eqs = nash_equilibria(pennies, method="zero_sum")
    >>> eqs[0].at("B guesses")
    {'h': Fraction(1, 2), 't': Fraction(1, 2)}
    """
    game = _require_tree(tree, "nash_equilibria")
    if not game.has_perfect_recall:
        raise UnsupportedGameError(
            f"nash_equilibria: behaviour strategies need perfect recall: {game.perfect_recall_violation}"
        )
    from nea_games.solvers.api import solve

    nf = game.to_normal_form(reduced=True, max_strategies=max_strategies)
    found = solve(nf, method, **options)
    profiles: list[BehaviourProfile] = []
    for eq in found:
        profile = game.behaviour_strategy(eq, method=found.method)
        if not any(profile.isclose(p) for p in profiles):
            profiles.append(profile)
    notes = list(found.notes)
    if len(profiles) < len(found):
        notes.append(f"{len(found)} normal-form equilibria give {len(profiles)} distinct behaviour profiles")
    if found.degenerate:
        notes.append(
            "the reduced normal form is degenerate: the equilibria form continua; the extreme "
            "equilibria are listed"
        )
    return TreeEquilibriumSet(
        game,
        profiles,
        method=found.method,
        concept="Nash",
        complete=found.complete,
        degenerate=found.degenerate,
        notes=notes,
        normal_form_equilibria=found,
    )
