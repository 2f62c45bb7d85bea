r"""Bayes–Nash equilibria and sets of them: the values the Bayesian solvers return.

A :class:`BayesNashEquilibrium` holds a behaviour strategy
:math:`\sigma_i(\cdot \mid t_i) \in \Delta(A_i)` for every player and type and
checks itself by *interim* regret: for each player *i* and type :math:`t_i`
of positive probability,

.. math::

    r_i(t_i) = \max_{a \in A_i} U_i(a \mid t_i, \sigma_{-i})
               - \sum_{a} \sigma_i(a \mid t_i)\, U_i(a \mid t_i, \sigma_{-i}),
    \qquad
    U_i(a \mid t_i, \sigma_{-i}) = \sum_{t_{-i}} p(t_{-i} \mid t_i)
        \sum_{a_{-i}} \prod_{j \ne i} \sigma_j(a_j \mid t_j)\, u_i(t, (a, a_{-i})).

The profile is a Bayes–Nash equilibrium iff every :math:`r_i(t_i)` is zero
(Harsanyi 1967–68; Fudenberg & Tirole 1991, Definition 6.1). Types of zero
prior probability are unconstrained: their strategy may be ``None`` and they
have no regret.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from nea_games._numeric import TOLERANCE, as_fraction, deviation_payoffs, tolerance_for
from nea_games.errors import ProbabilityError, ShapeError
from nea_games.games._probability import is_exact_zero
from nea_games.games.bayesian import BayesianGame
from nea_games.games.render import format_number
from nea_games.solvers._collection import EquilibriumCollection

__all__ = ["BayesNashEquilibrium", "BayesNashSet"]

Strategy = tuple[Any, ...]
_ALL: tuple[Any, ...] = (slice(None),)


def _numeric_arrays(game: BayesianGame, exact: bool) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
    """Prior and payoffs as Fractions (exact) or float arrays."""
    game.require_numeric()
    if exact:
        return game.prior, game.payoffs
    prior = np.array([float(v) for v in game.prior.reshape(-1)], dtype=float).reshape(game.prior.shape)
    payoffs = np.array([float(v) for v in game.payoffs.reshape(-1)], dtype=float).reshape(game.payoffs.shape)
    return prior, payoffs


def _vector(game: BayesianGame, i: int, k: int, value: Any, exact: bool) -> Strategy | None:
    """One behaviour strategy: a name, a mapping action -> probability, or a vector."""
    where = f"strategy of {game.players[i]!r} of type {game.types[i][k]!r}"
    if value is None:
        return None
    m = game.n_actions[i]
    if isinstance(value, str):
        values: list[Any] = [0] * m
        values[game.action_index(i, value)] = 1
    elif isinstance(value, Mapping):
        values = [0] * m
        for action, p in value.items():
            values[game.action_index(i, action)] = p
    else:
        values = list(value)
        if len(values) != m:
            raise ShapeError(f"{where}: expected {m} probabilities, got {len(values)}")
    if exact:
        probs: Strategy = tuple(as_fraction(v) for v in values)
        if any(p < 0 for p in probs) or sum(probs) != 1:
            raise ProbabilityError(f"{where}: {values} is not a probability vector")
        return probs
    array = np.asarray([float(v) for v in values])
    if not np.all(np.isfinite(array)) or array.min() < -1e-7 or abs(array.sum() - 1) > 1e-7:
        raise ProbabilityError(f"{where}: {values} is not a probability vector")
    array = np.clip(array, 0.0, None)
    return tuple(float(p) for p in array / array.sum())


@dataclass(frozen=True, eq=False)
class BayesNashEquilibrium:
    """A behaviour-strategy profile of a Bayesian game, able to check itself.

    Attributes
    ----------
    game : BayesianGame
        The game.
    strategies : tuple
        ``strategies[i][k]`` is the probability vector over player *i*'s
        actions played by its type *k* (``Fraction`` when exact), or ``None``
        for a type of zero prior probability (unconstrained).
    method : str
        How it was found.
    exact : bool
        Whether probabilities are exact rationals.

    Examples
    --------
    >>> g = BayesianGame(["A", "B"], [["x", "y"], ["l", "r"]], {"A": ["s", "t"]}, {"A": [Fraction(1, 2)] * 2},
    ...                  lambda t, a: (1 if (a[0] == "x") == (t[0] == "s") else 0, 1 if a[1] == "l" else 0))
    >>> eq = BayesNashEquilibrium.from_strategies(g, {"A": {"s": "x", "t": "y"}, "B": {"default": "l"}})
    >>> eq.regret(), eq.is_equilibrium()
    (Fraction(0, 1), True)
    >>> eq.label
    'A: s→x, t→y; B: l'
    >>> eq.interim_payoffs
    ((Fraction(1, 1), Fraction(1, 1)), (Fraction(1, 1),))
    """

    game: BayesianGame
    strategies: tuple[tuple[Strategy | None, ...], ...]
    method: str = ""
    exact: bool = False

    @classmethod
    def from_strategies(
        cls, game: BayesianGame, strategies: Any, *, method: str = "", exact: bool | None = None
    ) -> BayesNashEquilibrium:
        """Build (and validate, but not check) a profile.

        ``strategies`` is a sequence (per player) of sequences (per type), or
        a mapping ``{player: {type: strategy}}``; a strategy is an action
        name, a mapping ``{action: probability}``, a probability vector, or
        ``None`` (only for types of zero probability). ``exact`` defaults to
        ``game.is_exact``.
        """
        exact = game.is_exact if exact is None else exact
        if isinstance(strategies, Mapping):
            rows: list[list[Any]] = [[None] * m for m in game.n_types]
            for player, by_type in strategies.items():
                i = game.player_index(player)
                if not isinstance(by_type, Mapping):
                    by_type = {game.types[i][0]: by_type} if game.n_types[i] == 1 else by_type
                if not isinstance(by_type, Mapping):
                    raise ShapeError(f"strategies[{player!r}]: expected a mapping from type to strategy")
                for type_, value in by_type.items():
                    rows[i][game.type_index(i, type_)] = value
        else:
            rows = [list(s) for s in strategies]
            if len(rows) != game.n_players:
                raise ShapeError(
                    f"strategies: expected {game.n_players} players' strategies, got {len(rows)}"
                )
        profile: list[tuple[Strategy | None, ...]] = []
        for i, row in enumerate(rows):
            if len(row) != game.n_types[i]:
                raise ShapeError(
                    f"strategies of {game.players[i]!r}: expected one per type ({game.n_types[i]}), "
                    f"got {len(row)}"
                )
            kept = set(game.positive_types(i))
            vectors = tuple(_vector(game, i, k, v, exact) for k, v in enumerate(row))
            for k, vector in enumerate(vectors):
                if vector is None and game.types[i][k] in kept:
                    raise ShapeError(
                        f"strategies: type {game.types[i][k]!r} of {game.players[i]!r} has positive "
                        "probability and needs a strategy"
                    )
            profile.append(vectors)
        return cls(game, tuple(profile), method, exact)

    # ------------------------------------------------------------------ values
    @cached_property
    def _interim_table(self) -> list[list[list[Any] | None]]:
        """``[i][k]``: interim payoff of each action of player *i*'s type *k* (None for null types)."""
        game = self.game
        prior, payoffs = _numeric_arrays(game, self.exact)
        zero: Any = Fraction(0) if self.exact else 0.0
        sums: list[list[Any]] = [[None] * m for m in game.n_types]
        masses: list[list[Any]] = [[zero] * m for m in game.n_types]
        for t in itertools.product(*(range(m) for m in game.n_types)):
            weight = prior[t]
            if is_exact_zero(weight):
                continue
            local = [self.strategies[j][t[j]] or () for j in range(game.n_players)]
            block = payoffs[_ALL + t]
            for i in range(game.n_players):
                values = deviation_payoffs(block, local, i) * weight
                sums[i][t[i]] = values if sums[i][t[i]] is None else sums[i][t[i]] + values
                masses[i][t[i]] = masses[i][t[i]] + weight
        return [
            [None if sums[i][k] is None else list(sums[i][k] / masses[i][k]) for k in range(game.n_types[i])]
            for i in range(game.n_players)
        ]

    @property
    def interim_payoffs(self) -> tuple[tuple[Any, ...], ...]:
        """``[i][k]``: expected payoff of player *i*'s type *k* (``None`` for zero-probability types)."""
        table = self._interim_table
        out = []
        for i, row in enumerate(table):
            values = []
            for k, dev in enumerate(row):
                strategy = self.strategies[i][k]
                values.append(
                    None
                    if dev is None or strategy is None
                    else sum(p * v for p, v in zip(strategy, dev, strict=True))
                )
            out.append(tuple(values))
        return tuple(out)

    @property
    def payoffs(self) -> tuple[Any, ...]:
        """Ex-ante expected payoff of each player."""
        interim = self.interim_payoffs
        out = []
        for i in range(self.game.n_players):
            marginal = list(self.game.marginal(i).values())
            total: Any = Fraction(0) if self.exact else 0.0
            for k, value in enumerate(interim[i]):
                if value is not None:
                    total += (marginal[k] if self.exact else float(marginal[k])) * value
            out.append(total)
        return tuple(out)

    def interim_regrets(self) -> dict[tuple[str, str], Any]:
        """``{(player, type): regret}`` for every type of positive probability (all >= 0)."""
        table = self._interim_table
        out = {}
        for i, row in enumerate(table):
            for k, dev in enumerate(row):
                strategy = self.strategies[i][k]
                if dev is None or strategy is None:
                    continue
                value = sum(p * v for p, v in zip(strategy, dev, strict=True))
                out[(self.game.players[i], self.game.types[i][k])] = max(dev) - value
        return out

    def regret(self) -> Any:
        """Largest interim regret over players and types; 0 at a Bayes–Nash equilibrium."""
        return max(self.interim_regrets().values(), default=Fraction(0) if self.exact else 0.0)

    def is_equilibrium(self, tol: float | None = None) -> bool:
        """True when no type of any player gains by deviating (exactly, for exact profiles)."""
        regret = self.regret()
        if self.exact and tol is None:
            return bool(regret == 0)
        bound = tolerance_for(_numeric_arrays(self.game, False)[1]) if tol is None else tol
        return float(regret) <= bound

    # ------------------------------------------------------------------ views
    def _threshold(self) -> Any:
        return 0 if self.exact else TOLERANCE

    @property
    def is_pure(self) -> bool:
        """True when every type plays one action with probability one."""
        return all(
            s is None or sum(1 for p in s if p > self._threshold()) == 1
            for row in self.strategies
            for s in row
        )

    @property
    def pure_strategies(self) -> dict[str, dict[str, str | None]] | None:
        """``{player: {type: action}}`` for a pure profile (``None`` for null types), else ``None``."""
        if not self.is_pure:
            return None
        return {
            player: {
                t: None if s is None else self.game.actions[i][int(np.argmax([float(p) for p in s]))]
                for t, s in zip(self.game.types[i], self.strategies[i], strict=True)
            }
            for i, player in enumerate(self.game.players)
        }

    def strategy(self, player: str | int, type_: str | int) -> dict[str, Any] | None:
        """``{action: probability}`` of one type of one player (``None`` if unconstrained)."""
        i = self.game.player_index(player)
        s = self.strategies[i][self.game.type_index(i, type_)]
        return None if s is None else dict(zip(self.game.actions[i], s, strict=True))

    def __getitem__(self, player: str | int) -> dict[str, dict[str, Any] | None]:
        i = self.game.player_index(player)
        return {t: self.strategy(i, t) for t in self.game.types[i]}

    def describe(self, player: str | int, type_: str | int, latex: bool = False) -> str:
        """Short text for one type's strategy: an action, a mixture, or ``"any"``."""
        i = self.game.player_index(player)
        s = self.strategies[i][self.game.type_index(i, type_)]
        if s is None:
            return "any (probability 0)"
        played = [(a, p) for a, p in zip(self.game.actions[i], s, strict=True) if p > self._threshold()]
        if len(played) == 1:
            return _tex(played[0][0]) if latex else played[0][0]
        if latex:
            return "(" + ", ".join(f"{_tex(a)} ${format_number(p, True)}$" for a, p in played) + ")"
        return "(" + ", ".join(f"{a} {format_number(p)}" for a, p in played) + ")"

    @property
    def label(self) -> str:
        """Plain-language description, e.g. ``"Incumbent: Tough→Build, Weak→Don't; Entrant: Out"``."""
        parts = []
        for i, player in enumerate(self.game.players):
            if self.game.n_types[i] == 1:
                parts.append(f"{player}: {self.describe(i, 0)}")
            else:
                inner = ", ".join(f"{t}→{self.describe(i, t)}" for t in self.game.types[i])
                parts.append(f"{player}: {inner}")
        return "; ".join(parts)

    def to_float(self) -> BayesNashEquilibrium:
        """The same profile with float probabilities."""
        strategies = tuple(
            tuple(None if s is None else tuple(float(p) for p in s) for s in row) for row in self.strategies
        )
        return BayesNashEquilibrium(self.game, strategies, self.method, False)

    def isclose(self, other: BayesNashEquilibrium, tol: float = 1e-9) -> bool:
        """Same strategies for every type (exactly if both exact, else within ``tol``)."""
        if len(self.strategies) != len(other.strategies):
            return False
        for row_a, row_b in zip(self.strategies, other.strategies, strict=True):
            if len(row_a) != len(row_b):
                return False
            for a, b in zip(row_a, row_b, strict=True):
                if (a is None) != (b is None):
                    return False
                if a is None or b is None:
                    continue
                if self.exact and other.exact:
                    if a != b:
                        return False
                elif len(a) != len(b) or any(
                    abs(float(x) - float(y)) > tol for x, y in zip(a, b, strict=True)
                ):
                    return False
        return True

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BayesNashEquilibrium):
            return NotImplemented
        return self.isclose(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        pay = ", ".join(format_number(v) for v in self.payoffs)
        return f"<BayesNashEquilibrium {self.label} payoffs=({pay}) method={self.method!r}>"


def _tex(text: str) -> str:
    """Escape LaTeX's special characters in a name."""
    for char in "&%$#_{}":
        text = text.replace(char, "\\" + char)
    return text


def _sort_key(eq: BayesNashEquilibrium) -> tuple[float, ...]:
    return tuple(-float(p) for row in eq.strategies for s in row if s is not None for p in s)


class BayesNashSet(EquilibriumCollection[BayesNashEquilibrium]):
    """The Bayes–Nash equilibria a solver found, with what is known about the set.

    Parameters
    ----------
    game : BayesianGame
    equilibria : iterable of BayesNashEquilibrium
        Sorted into a canonical order (pure ones first, by action order).
    method : str
    complete : bool
        True when the underlying solver guarantees all equilibria it
        targets were found.
    degenerate : bool or None
        Whether the normal form solved was degenerate (``None`` if unknown).
    notes : sequence of str
        Plain-language remarks.

    Examples
    --------
    >>> g = BayesianGame(["A", "B"], [["x", "y"], ["l", "r"]], {"A": ["s", "t"]}, {"A": [Fraction(1, 2)] * 2},
    ...                  lambda t, a: (1 if (a[0] == "x") == (t[0] == "s") else 0, 1 if a[1] == "l" else 0))
    >>> eq = BayesNashEquilibrium.from_strategies(g, [["x", "y"], ["l"]])
    >>> print(BayesNashSet(g, [eq], method="by hand"))
    1 Bayes–Nash equilibrium by by hand, complete
    #  A[s]  A[t]  B  u(A)  u(B)
    1  x     y     l  1     1
    """

    def __init__(
        self,
        game: BayesianGame,
        equilibria: Iterable[BayesNashEquilibrium],
        *,
        method: str,
        complete: bool = True,
        degenerate: bool | None = None,
        notes: Sequence[str] = (),
    ) -> None:
        self.game = game
        self.method = method
        self.complete = complete
        self.degenerate = degenerate
        self.notes = tuple(notes)
        self._items = tuple(sorted(equilibria, key=_sort_key))

    # ------------------------------------------------------------------ rendering
    def _rows(self, latex: bool = False) -> tuple[list[str], list[list[str]]]:
        game = self.game
        agents = [(game.player_index(p), t) for p, t in game.agents()]
        header = ["#", *(game.agent_name(i, t) for i, t in agents), *(f"u({p})" for p in game.players)]
        rows = []
        for k, eq in enumerate(self._items, start=1):
            cells = [str(k), *(eq.describe(i, t, latex) for i, t in agents)]
            cells.extend(f"${format_number(v, True)}$" if latex else format_number(v) for v in eq.payoffs)
            rows.append(cells)
        return header, rows

    def _summary(self) -> str:
        bits = [f"{len(self)} Bayes–Nash equilibri{'um' if len(self) == 1 else 'a'} by {self.method}"]
        bits.append("complete" if self.complete else "NOT complete")
        if self.degenerate:
            bits.append("degenerate")
        return ", ".join(bits)

    def to_latex(self) -> str:
        """LaTeX ``tabular`` of the equilibria."""
        header, rows = self._rows(latex=True)
        lines = [r"\begin{tabular}{" + "l" * len(header) + "}", " & ".join(map(_tex, header)) + r" \\ \hline"]
        lines += [" & ".join(r) + r" \\" for r in rows]
        lines.append(r"\end{tabular}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<BayesNashSet {self._summary()}>"
