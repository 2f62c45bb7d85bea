"""Equilibria and sets of equilibria: the values every solver returns.

An :class:`Equilibrium` holds one mixed strategy per player (probabilities in
action order, ``Fraction`` when exact), the expected payoffs, the method that
found it, and can check itself (:meth:`Equilibrium.regret`). An
:class:`EquilibriumSet` collects the equilibria a solver found together with
what is known about the set: whether it is complete, whether the game is
degenerate, and which extreme equilibria belong to one connected component.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from nea_games._numeric import (
    TOLERANCE,
    as_fraction,
    deviation_payoffs,
    exact_values,
    expected_payoffs,
    sums_to_one,
    tolerance_for,
)
from nea_games.errors import ProbabilityError, ShapeError
from nea_games.games.normal_form import NormalFormGame
from nea_games.games.render import format_number
from nea_games.solvers._collection import EquilibriumCollection

__all__ = ["Equilibrium", "EquilibriumSet", "make_profile"]


def make_profile(
    game: NormalFormGame, strategies: Sequence[Sequence[Any]], *, exact: bool
) -> tuple[tuple[Any, ...], ...]:
    """Validate a mixed-strategy profile and convert it to Fractions (exact) or floats.

    Raises
    ------
    nea_games.errors.ShapeError
        If the number of strategies or of probabilities is wrong.
    nea_games.errors.ProbabilityError
        If a probability is negative, non-finite, or a strategy does not sum to one.
    """
    if len(strategies) != game.n_players:
        raise ShapeError(
            f"profile: expected {game.n_players} strategies (one per player), got {len(strategies)}"
        )
    profile = []
    for i, strategy in enumerate(strategies):
        name = game.players[i]
        values = list(strategy)
        if len(values) != game.n_actions[i]:
            raise ShapeError(
                f"strategy of {name!r}: expected {game.n_actions[i]} probabilities, got {len(values)}"
            )
        if exact:
            inexact = [v for v in values if isinstance(v, (float, np.floating))]
            if inexact:
                raise ProbabilityError(
                    f"strategy of {name!r}: {inexact[0]!r} is a float, but the profile is exact; "
                    "give Fractions or pass exact=False"
                )
            probs: tuple[Any, ...] = tuple(as_fraction(v) for v in values)
            if any(p.numerator < 0 for p in probs) or not sums_to_one(probs):
                raise ProbabilityError(f"strategy of {name!r}: {values} is not a probability vector")
        else:
            array = np.asarray(values, dtype=float)
            if not np.all(np.isfinite(array)):
                raise ProbabilityError(f"strategy of {name!r}: probabilities must be finite, got {values}")
            if array.min() < -1e-7 or abs(array.sum() - 1) > 1e-7:
                raise ProbabilityError(f"strategy of {name!r}: {values} is not a probability vector")
            array = np.clip(array, 0.0, None)
            array = array / array.sum()
            probs = tuple(float(p) for p in array)
        profile.append(probs)
    return tuple(profile)


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """One Nash equilibrium (or candidate profile) of a normal-form game.

    Attributes
    ----------
    game : NormalFormGame
        The game it belongs to.
    strategies : tuple of tuples
        ``strategies[i][k]`` is the probability that player ``i`` plays
        action ``k`` (``Fraction`` when exact, ``float`` otherwise).
    payoffs : tuple
        Expected payoff of each player.
    method : str
        The solver that found it.
    exact : bool
        Whether probabilities and payoffs are exact rationals.

    Examples
    --------
    >>> import nea_games
    >>> g = nea_games.NormalFormGame.zero_sum([[1, -1], [-1, 1]], players=["Even", "Odd"])
    >>> eq = nea_games.solve(g)[0]
    >>> eq.strategies
    ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))
    >>> eq["Even"]["a1"]
    Fraction(1, 2)
    >>> eq.regret()
    Fraction(0, 1)
    """

    game: NormalFormGame
    strategies: tuple[tuple[Any, ...], ...]
    payoffs: tuple[Any, ...] = field(default=())
    method: str = ""
    exact: bool = False

    @classmethod
    def from_strategies(
        cls,
        game: NormalFormGame,
        strategies: Sequence[Sequence[Any]],
        *,
        method: str = "",
        exact: bool | None = None,
    ) -> Equilibrium:
        """Build an equilibrium object from a profile, computing the expected payoffs.

        ``exact`` defaults to ``game.is_exact``. The profile is validated but
        *not* checked to be an equilibrium; use :meth:`is_equilibrium`.
        """
        exact = game.is_exact if exact is None else exact
        profile = make_profile(game, strategies, exact=exact)
        if exact and game.is_exact:  # integer arithmetic, see nea_games._numeric.exact_values
            return cls(game, profile, tuple(_exact_values(game, profile)[1]), method, exact)
        payoffs = expected_payoffs(game.payoffs if exact else game.float_payoffs(), profile)
        values = tuple(as_fraction(v) for v in payoffs) if exact else tuple(float(v) for v in payoffs)
        return cls(game, profile, values, method, exact)

    # ------------------------------------------------------------------ checks
    def player_regrets(self) -> tuple[Any, ...]:
        """For each player: best pure deviation payoff minus equilibrium payoff (>= 0)."""
        if self.exact and self.game.is_exact:  # exactly, on integers (nea_games._numeric.exact_values)
            best = _exact_values(self.game, self.strategies)[0]
            return tuple(b - as_fraction(v) for b, v in zip(best, self.payoffs, strict=True))
        payoffs = self.game.payoffs if self.exact else self.game.float_payoffs()
        out = []
        for i in range(self.game.n_players):
            dev = deviation_payoffs(payoffs, self.strategies, i)
            best = max(dev.tolist())
            out.append(best - self.payoffs[i])
        return tuple(out)

    def regret(self) -> Any:
        """Largest gain any player can get by deviating; 0 at a Nash equilibrium.

        Exact (a ``Fraction``) for exact equilibria.
        """
        return max(self.player_regrets())

    def is_equilibrium(self, tol: float | None = None) -> bool:
        """True when no player gains by deviating.

        Exact equilibria require a regret of exactly zero; float ones a regret
        of at most ``tol`` (default :data:`nea_games._numeric.TOLERANCE`
        scaled by the largest absolute payoff).
        """
        regret = self.regret()
        if self.exact and tol is None:
            return bool(regret == 0)
        bound = tolerance_for(self.game.float_payoffs()) if tol is None else tol
        return float(regret) <= bound

    # ------------------------------------------------------------------ views
    @property
    def support(self) -> tuple[tuple[str, ...], ...]:
        """Names of the actions each player plays with positive probability."""
        return tuple(
            tuple(a for a, p in zip(actions, probs, strict=True) if p > (0 if self.exact else TOLERANCE))
            for actions, probs in zip(self.game.actions, self.strategies, strict=True)
        )

    @property
    def is_pure(self) -> bool:
        """True when every player plays one action with probability one."""
        return all(len(s) == 1 for s in self.support)

    @property
    def pure_profile(self) -> tuple[str, ...] | None:
        """The action names of a pure equilibrium, else ``None``."""
        return tuple(s[0] for s in self.support) if self.is_pure else None

    @property
    def pure_profile_index(self) -> tuple[int, ...] | None:
        """The action positions of a pure equilibrium, else ``None``."""
        if not self.is_pure:
            return None
        return tuple(int(np.argmax([float(p) for p in s])) for s in self.strategies)

    def as_dict(self) -> dict[str, dict[str, Any]]:
        """``{player: {action: probability}}``."""
        return {
            player: dict(zip(actions, probs, strict=True))
            for player, actions, probs in zip(
                self.game.players, self.game.actions, self.strategies, strict=True
            )
        }

    def __getitem__(self, player: str | int) -> dict[str, Any]:
        i = self.game.player_index(player)
        return dict(zip(self.game.actions[i], self.strategies[i], strict=True))

    def payoff_of(self, player: str | int) -> Any:
        """Expected payoff of one player, by name or position."""
        return self.payoffs[self.game.player_index(player)]

    @property
    def label(self) -> str:
        """Plain-language description, e.g. ``"pure (D, D)"`` or a mixed profile."""
        if self.is_pure:
            return "pure (" + ", ".join(self.pure_profile or ()) + ")"
        parts = []
        for player, actions, probs in zip(self.game.players, self.game.actions, self.strategies, strict=True):
            played = [
                (a, p) for a, p in zip(actions, probs, strict=True) if p > (0 if self.exact else TOLERANCE)
            ]
            shown = (
                played[0][0] if len(played) == 1 else ", ".join(f"{a} {format_number(p)}" for a, p in played)
            )
            parts.append(f"{player}: {shown}")
        return "mixed (" + "; ".join(parts) + ")"

    def to_float(self) -> Equilibrium:
        """The same equilibrium with float probabilities and payoffs."""
        return Equilibrium(
            self.game,
            tuple(tuple(float(p) for p in s) for s in self.strategies),
            tuple(float(v) for v in self.payoffs),
            self.method,
            False,
        )

    def isclose(self, other: Equilibrium, tol: float = 1e-9) -> bool:
        """Same strategies: exactly if both are exact, else within ``tol``."""
        if len(self.strategies) != len(other.strategies):
            return False
        if self.exact and other.exact:
            return self.strategies == other.strategies
        for a, b in zip(self.strategies, other.strategies, strict=True):
            if len(a) != len(b) or any(abs(float(x) - float(y)) > tol for x, y in zip(a, b, strict=True)):
                return False
        return True

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Equilibrium):
            return NotImplemented
        return self.isclose(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        pay = ", ".join(format_number(v) for v in self.payoffs)
        return f"<Equilibrium {self.label} payoffs=({pay}) method={self.method!r}>"

    def _repr_html_(self) -> str:
        """Jupyter: one row per player with the actions played, their probabilities and the payoff."""
        import html

        rows = []
        for player, actions, probs, payoff in zip(
            self.game.players, self.game.actions, self.strategies, self.payoffs, strict=True
        ):
            floor = 0 if self.exact else TOLERANCE
            played = [(a, p) for a, p in zip(actions, probs, strict=True) if p > floor]
            strategy = ", ".join(a if len(played) == 1 else f"{a}: {format_number(p)}" for a, p in played)
            cells = (player, strategy, format_number(payoff))
            rows.append("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells) + "</tr>")
        method = f" (found by {html.escape(self.method)})" if self.method else ""
        return (
            f"<p>{html.escape(self.label)}{method}</p>"
            "<table><thead><tr><th>player</th><th>strategy</th><th>payoff</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )


def _exact_values(
    game: NormalFormGame, strategies: Sequence[Sequence[Any]]
) -> tuple[list[Fraction], list[Fraction]]:
    """Best deviation and expected payoff of every player, exactly, on the game's integer payoffs."""
    return exact_values(game.payoffs, game.integer_payoffs(), strategies)


def _sort_key(eq: Equilibrium) -> tuple[float, ...]:
    return tuple(-float(p) for s in eq.strategies for p in s)


class EquilibriumSet(EquilibriumCollection[Equilibrium]):
    """The equilibria a solver found, with what is known about the set.

    Parameters
    ----------
    game : NormalFormGame
        The solved game.
    equilibria : iterable of Equilibrium
        Sorted into a canonical order (pure profiles first, by action order).
    method : str
        The solver's name.
    complete : bool
        True when the solver guarantees these are *all* the equilibria it
        targets (all extreme equilibria for degenerate games).
    degenerate : bool or None
        Whether the game was found degenerate (``None`` if not checked).
    components : sequence of sequences of int
        Groups of indices into this set whose equilibria lie in one connected
        component of the equilibrium set (degenerate games only).
    notes : sequence of str
        Plain-language remarks (degeneracy, budgets hit, tolerances).

    Notes
    -----
    Sets compare as sets: ``s1 == s2`` ignores order and compares exact
    equilibria exactly, float ones within ``1e-9`` (see :meth:`isclose`).

    Examples
    --------
    >>> import nea_games
    >>> g = nea_games.NormalFormGame.symmetric([[4, 0], [3, 3]], actions=["Stag", "Hare"])
    >>> eqs = nea_games.solve(g)
    >>> len(eqs), eqs.complete
    (3, True)
    >>> [eq.label for eq in eqs.pure()]
    ['pure (Stag, Stag)', 'pure (Hare, Hare)']
    """

    def __init__(
        self,
        game: NormalFormGame,
        equilibria: Sequence[Equilibrium] | Iterator[Equilibrium],
        *,
        method: str,
        complete: bool = True,
        degenerate: bool | None = None,
        components: Sequence[Sequence[int]] = (),
        notes: Sequence[str] = (),
        sort: bool = True,
    ) -> None:
        items = list(equilibria)
        order = (
            sorted(range(len(items)), key=lambda k: _sort_key(items[k])) if sort else list(range(len(items)))
        )
        new_position = {old: new for new, old in enumerate(order)}
        self.game = game
        self.method = method
        self.complete = complete
        self.degenerate = degenerate
        self.notes = tuple(notes)
        self._items = tuple(items[k] for k in order)
        self.components = tuple(sorted(tuple(sorted(new_position[k] for k in comp)) for comp in components))

    # ------------------------------------------------------------------ rendering
    def _rows(self, latex: bool = False) -> tuple[list[str], list[list[str]]]:
        game = self.game
        header = ["#", *game.players, *(f"u({p})" for p in game.players)]
        rows = []
        for k, eq in enumerate(self._items, start=1):
            cells = [str(k)]
            for actions, probs in zip(game.actions, eq.strategies, strict=True):
                played = [
                    (a, p) for a, p in zip(actions, probs, strict=True) if p > (0 if eq.exact else TOLERANCE)
                ]
                if len(played) == 1:
                    cells.append(played[0][0])
                else:
                    cells.append(", ".join(f"{a}: {format_number(p, latex)}" for a, p in played))
            cells.extend(format_number(v, latex) for v in eq.payoffs)
            rows.append(cells)
        return header, rows

    def _summary(self) -> str:
        bits = [f"{len(self)} equilibri{'um' if len(self) == 1 else 'a'} by {self.method}"]
        bits.append("complete" if self.complete else "NOT complete")
        if self.degenerate:
            bits.append("degenerate game")
        return ", ".join(bits)

    def to_latex(self) -> str:
        """LaTeX ``tabular`` of the equilibria."""
        header, rows = self._rows(latex=True)
        lines = [r"\begin{tabular}{" + "l" * len(header) + "}", " & ".join(header) + r" \\ \hline"]
        lines += [" & ".join(f"${c}$" if k else c for k, c in enumerate(r)) + r" \\" for r in rows]
        lines.append(r"\end{tabular}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<EquilibriumSet {self._summary()}>"
