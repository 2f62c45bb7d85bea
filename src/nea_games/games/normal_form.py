r"""Normal-form (strategic-form) games with any number of players.

A normal-form game has players :math:`i = 1, \dots, n`, a finite set of
actions :math:`A_i` for each, and payoffs :math:`u_i(a_1, \dots, a_n)`.
nea_games stores payoffs in one array of shape ``(n_players, *n_actions)``:
``payoffs[i][a_1, ..., a_n]`` is player *i*'s payoff at the profile
:math:`(a_1, \dots, a_n)`. The layout is the same for every player (nobody
passes a transpose).

Games are immutable values with named players and actions. Entries may be
``int``, :class:`fractions.Fraction`, ``float`` or sympy expressions; a game
with free sympy symbols is *parametric* (see :attr:`NormalFormGame.parameters`
and :meth:`NormalFormGame.subs`).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import sympy

from nea_games._numeric import Kind, classify, convert_entries, integer_payoffs
from nea_games.errors import ParametricGameError, ShapeError, UnknownNameError, ValidationError
from nea_games.games import render
from nea_games.games._names import check_names, index_of
from nea_games.games._payoff_input import payoff_array

if TYPE_CHECKING:
    import nashpy

__all__ = ["NormalFormGame"]


def _default_actions(shape: Sequence[int]) -> list[list[str]]:
    return [[f"a{k + 1}" for k in range(m)] for m in shape]


class NormalFormGame:
    """A finite game in normal form with named players and actions.

    Parameters
    ----------
    players : sequence of str
        Player names, in order.
    actions : sequence of sequences of str
        ``actions[i]`` lists the action names of player ``i``.
    payoffs : array_like or mapping
        Either one array of shape ``(n_players, *n_actions)`` with
        ``payoffs[i][a_1, ..., a_n]`` player i's payoff; or a sequence of
        per-player arrays (the same thing); or a mapping from player name to
        that player's array; or a mapping from action-name profiles (tuples)
        to payoff tuples, which must cover every profile. Entries may be int,
        Fraction, float or sympy expressions.
    title : str, optional
        A short description used when the game is rendered or saved.

    Raises
    ------
    nea_games.errors.ShapeError
        If the payoffs do not match the numbers of players and actions.
    nea_games.errors.DuplicateNameError
        If two players, or two actions of one player, share a name.
    nea_games.errors.NonFiniteError
        If a payoff is NaN or infinite.
    nea_games.errors.PayoffTypeError
        If a payoff is not a number or sympy expression.

    Examples
    --------
    The prisoner's dilemma, given as a mapping from profiles to payoffs:

    >>> from nea_games import NormalFormGame
    >>> pd = NormalFormGame(
    ...     ["Row", "Col"],
    ...     [["C", "D"], ["C", "D"]],
    ...     {("C", "C"): (3, 3), ("C", "D"): (0, 5), ("D", "C"): (5, 0), ("D", "D"): (1, 1)},
    ... )
    >>> pd.payoff(("D", "C"))
    (Fraction(5, 1), Fraction(0, 1))
    >>> print(pd)
    Row \\ Col  C     D
    C          3, 3  0, 5
    D          5, 0  1, 1

    Payoffs with sympy symbols make a parametric game:

    >>> import sympy
    >>> T = sympy.Symbol("T")
    >>> g = NormalFormGame.symmetric([[3, 0], [T, 1]], actions=["C", "D"])
    >>> g.parameters
    (T,)
    >>> g.subs(T=5) == pd.with_names(players=["Player 1", "Player 2"])
    True
    """

    __slots__ = ("__dict__", "_actions", "_kind", "_payoffs", "_players", "title")

    _players: tuple[str, ...]
    _actions: tuple[tuple[str, ...], ...]
    _payoffs: npt.NDArray[Any]
    _kind: Kind
    title: str

    def __init__(
        self,
        players: Sequence[str],
        actions: Sequence[Sequence[str]],
        payoffs: Any,
        *,
        title: str = "",
    ) -> None:
        players_t = check_names(players, "players")
        if isinstance(actions, (str, bytes)) or not isinstance(actions, Sequence):
            raise ValidationError("actions: expected one list of action names per player")
        if len(actions) != len(players_t):
            raise ShapeError(f"actions: got {len(actions)} action lists for {len(players_t)} players")
        actions_t = tuple(
            check_names(a, f"actions of {p!r}") for p, a in zip(players_t, actions, strict=True)
        )
        array = payoff_array(payoffs, players_t, actions_t)
        kind = classify(array.reshape(-1), "payoffs")
        stored = convert_entries(array, kind)
        stored.setflags(write=False)
        object.__setattr__(self, "_players", players_t)
        object.__setattr__(self, "_actions", actions_t)
        object.__setattr__(self, "_payoffs", stored)
        object.__setattr__(self, "_kind", kind)
        object.__setattr__(self, "title", str(title))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("NormalFormGame is immutable; build a new game instead")

    # ----------------------------------------------------------------- constructors
    @classmethod
    def from_array(cls, payoffs: npt.ArrayLike, *, title: str = "") -> NormalFormGame:
        """Build a game from an array of shape ``(n_players, *n_actions)`` with default names.

        Players are named ``"Player 1"``, ..., actions ``"a1"``, ``"a2"``, ...

        Examples
        --------
        >>> NormalFormGame.from_array([[[1, 0], [0, 1]], [[0, 1], [1, 0]]]).actions
        (('a1', 'a2'), ('a1', 'a2'))
        """
        array = np.asarray(payoffs, dtype=object)
        if array.ndim < 2:
            raise ShapeError(f"payoffs: expected shape (n_players, *n_actions), got shape {array.shape}")
        n = array.shape[0]
        if array.ndim - 1 != n:
            raise ShapeError(
                f"payoffs: the first axis says {n} players but there are {array.ndim - 1} action axes"
            )
        players = [f"Player {i + 1}" for i in range(n)]
        return cls(players, _default_actions(array.shape[1:]), array, title=title)

    @classmethod
    def bimatrix(
        cls,
        A: npt.ArrayLike,
        B: npt.ArrayLike,
        *,
        players: Sequence[str] = ("Player 1", "Player 2"),
        actions: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> NormalFormGame:
        """A two-player game from the row player's matrix ``A`` and the column player's ``B``.

        ``A[r, c]`` and ``B[r, c]`` are the payoffs when the row player plays
        ``r`` and the column player ``c`` (no transpose for the column player).

        Examples
        --------
        >>> g = NormalFormGame.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], actions=[["C", "D"], ["C", "D"]])
        >>> g.n_actions
        (2, 2)
        """
        a = np.array(A, dtype=object)
        b = np.array(B, dtype=object)
        if a.ndim != 2 or b.ndim != 2:
            raise ShapeError(f"bimatrix: A and B must be matrices, got shapes {a.shape} and {b.shape}")
        if a.shape != b.shape:
            raise ShapeError(f"bimatrix: A has shape {a.shape} but B has shape {b.shape}")
        return cls(players, actions or _default_actions(a.shape), np.stack([a, b]), title=title)

    @classmethod
    def zero_sum(
        cls,
        A: npt.ArrayLike,
        *,
        players: Sequence[str] = ("Player 1", "Player 2"),
        actions: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> NormalFormGame:
        """A two-player zero-sum game: the column player's payoff is ``-A``.

        Examples
        --------
        >>> g = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
        >>> g.is_zero_sum
        True
        """
        a = np.array(A, dtype=object)
        if a.ndim != 2:
            raise ShapeError(f"zero_sum: A must be a matrix, got shape {a.shape}")
        return cls.bimatrix(a, -a, players=players, actions=actions, title=title)

    @classmethod
    def symmetric(
        cls,
        A: npt.ArrayLike,
        *,
        players: Sequence[str] = ("Player 1", "Player 2"),
        actions: Sequence[str] | None = None,
        title: str = "",
    ) -> NormalFormGame:
        """A symmetric two-player game: ``A[r, c]`` is the payoff of playing ``r`` against ``c``.

        The column player's matrix is ``A`` transposed, and both players have
        the same action names.

        Examples
        --------
        >>> g = NormalFormGame.symmetric([[3, 0], [5, 1]], actions=["C", "D"])
        >>> g.payoff(("C", "D"))
        (Fraction(0, 1), Fraction(5, 1))
        """
        a = np.array(A, dtype=object)
        if a.ndim != 2 or a.shape[0] != a.shape[1]:
            raise ShapeError(f"symmetric: A must be a square matrix, got shape {a.shape}")
        names = list(actions) if actions is not None else _default_actions(a.shape[:1])[0]
        return cls.bimatrix(a, a.T, players=players, actions=[names, names], title=title)

    @classmethod
    def from_nashpy(
        cls,
        game: nashpy.Game,
        *,
        players: Sequence[str] = ("Player 1", "Player 2"),
        actions: Sequence[Sequence[str]] | None = None,
    ) -> NormalFormGame:
        """Convert a :class:`nashpy.Game` (its ``payoff_matrices``)."""
        matrices = getattr(game, "payoff_matrices", None)
        if matrices is None or len(matrices) != 2:
            raise ValidationError("from_nashpy: expected a nashpy.Game with two payoff matrices")
        return cls.bimatrix(matrices[0], matrices[1], players=players, actions=actions)

    # ----------------------------------------------------------------- basic data
    @property
    def players(self) -> tuple[str, ...]:
        """Player names, in order."""
        return self._players

    @property
    def actions(self) -> tuple[tuple[str, ...], ...]:
        """Action names, one tuple per player."""
        return self._actions

    @property
    def payoffs(self) -> npt.NDArray[Any]:
        """Read-only payoff array of shape ``(n_players, *n_actions)``.

        ``float64`` for float games; an object array of ``Fraction`` for exact
        games and of sympy expressions for symbolic ones.
        """
        return self._payoffs

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self._players)

    @property
    def n_actions(self) -> tuple[int, ...]:
        """Number of actions of each player."""
        return tuple(len(a) for a in self._actions)

    @property
    def shape(self) -> tuple[int, ...]:
        """Shape of :attr:`payoffs`: ``(n_players, *n_actions)``."""
        return self._payoffs.shape

    @property
    def kind(self) -> Kind:
        """``"exact"``, ``"float"`` or ``"symbolic"`` (see :mod:`nea_games._numeric`)."""
        return self._kind

    @property
    def is_exact(self) -> bool:
        """True when every payoff is an exact rational number."""
        return self._kind == "exact"

    @cached_property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """Free sympy symbols of the payoffs, sorted by name (empty for numeric games)."""
        if self._kind != "symbolic":
            return ()
        symbols: set[sympy.Symbol] = set()
        for value in self._payoffs.reshape(-1):
            symbols |= value.free_symbols
        return tuple(sorted(symbols, key=lambda s: s.name))

    @property
    def is_parametric(self) -> bool:
        """True when the payoffs contain free sympy symbols."""
        return bool(self.parameters)

    @cached_property
    def is_zero_sum(self) -> bool:
        """True when the payoffs sum to zero at every profile (any number of players)."""
        total = self._payoffs.sum(axis=0)
        if self._kind == "float":
            return bool(np.all(np.abs(total) <= 1e-9 * max(1.0, float(np.abs(self._payoffs).max()))))
        if self._kind == "symbolic":
            return all(sympy.simplify(v) == 0 for v in total.reshape(-1))
        return all(v == 0 for v in total.reshape(-1))

    def player_index(self, player: str | int) -> int:
        """Position of a player given by name or position."""
        return index_of(player, self._players, "player")

    def action_index(self, player: str | int, action: str | int) -> int:
        """Position of ``action`` among the actions of ``player``."""
        i = self.player_index(player)
        return index_of(action, self._actions[i], f"action of {self._players[i]!r}")

    def profile_index(self, profile: Sequence[str | int]) -> tuple[int, ...]:
        """Positions of an action profile given by names or positions."""
        if isinstance(profile, str) or len(profile) != self.n_players:
            raise ShapeError(f"profile {profile!r}: expected one action per player ({self.n_players})")
        return tuple(self.action_index(i, a) for i, a in enumerate(profile))

    def payoff(self, profile: Sequence[str | int]) -> tuple[Any, ...]:
        """Payoff of every player at a pure profile given by action names or positions."""
        index = self.profile_index(profile)
        return tuple(self._payoffs[(i, *index)] for i in range(self.n_players))

    def __getitem__(self, profile: Sequence[str | int]) -> tuple[Any, ...]:
        return self.payoff(profile)

    # ----------------------------------------------------------------- numeric views
    def _require_numeric(self) -> None:
        if self._kind == "symbolic":
            params = self.parameters
            if params:
                names = ", ".join(str(p) for p in params)
                raise ParametricGameError(
                    f"the game has free parameters ({names}); substitute values with game.subs(...)"
                )

    @cached_property
    def _float_payoffs(self) -> npt.NDArray[np.float64]:
        self._require_numeric()
        if self._kind == "float":
            return self._payoffs
        array = np.array([float(v) for v in self._payoffs.reshape(-1)], dtype=float)
        array = array.reshape(self.shape)
        array.setflags(write=False)
        return array

    def float_payoffs(self) -> npt.NDArray[np.float64]:
        """Payoffs as a read-only ``float64`` array.

        Raises
        ------
        nea_games.errors.ParametricGameError
            If the game has free parameters.
        """
        return self._float_payoffs

    @cached_property
    def _integer_payoffs(self) -> npt.NDArray[Any]:
        return integer_payoffs(self._payoffs)

    def integer_payoffs(self) -> npt.NDArray[Any]:
        """Each player's payoffs scaled by a positive integer to be integers (exact games only).

        Positive rescaling of a player's payoffs does not change any
        equilibrium, so exact solvers work on these integers.
        """
        if self._kind != "exact":
            raise ValidationError(f"integer_payoffs: the game is {self._kind}, not exact")
        return self._integer_payoffs

    # ----------------------------------------------------------------- transformations
    def subs(self, values: Mapping[Any, Any] | None = None, /, **kwargs: Any) -> NormalFormGame:
        """Substitute values for parameters and return a new game.

        Parameters may be named by their symbol or its name. Substituting
        every parameter with exact numbers gives an exact game; with floats, a
        float game.

        Raises
        ------
        nea_games.errors.UnknownNameError
            If a name is not a parameter of the game.

        Examples
        --------
        >>> import sympy
        >>> b = sympy.Symbol("b")
        >>> g = NormalFormGame.bimatrix([[b, 0], [0, 1]], [[1, 0], [0, b]])
        >>> g.subs(b=2).payoff((0, 0))
        (Fraction(2, 1), Fraction(1, 1))
        """
        mapping: dict[Any, Any] = dict(values or {})
        mapping.update(kwargs)
        by_name = {p.name: p for p in self.parameters}
        substitution: dict[sympy.Symbol, Any] = {}
        for key, value in mapping.items():
            name = key.name if isinstance(key, sympy.Symbol) else str(key)
            if name not in by_name:
                from nea_games.games._names import did_you_mean

                known = ", ".join(by_name) or "none"
                raise UnknownNameError(
                    f"subs: {name!r} is not a parameter of this game{did_you_mean(name, list(by_name))}; "
                    f"parameters: {known}"
                )
            substitution[by_name[name]] = sympy.nsimplify(value) if isinstance(value, str) else value
        if self._kind != "symbolic" or not substitution:
            return self
        flat = [sympy.sympify(v).subs(substitution) for v in self._payoffs.reshape(-1)]
        array = np.empty(len(flat), dtype=object)
        array[:] = flat
        return NormalFormGame(self._players, self._actions, array.reshape(self.shape), title=self.title)

    def with_names(
        self,
        *,
        players: Sequence[str] | None = None,
        actions: Sequence[Sequence[str]] | None = None,
        title: str | None = None,
    ) -> NormalFormGame:
        """The same payoffs under new player and/or action names."""
        return NormalFormGame(
            players if players is not None else self._players,
            actions if actions is not None else self._actions,
            self._payoffs,
            title=self.title if title is None else title,
        )

    def permute_players(self, order: Sequence[str | int]) -> NormalFormGame:
        """Relabel the players: the new player ``k`` is the old player ``order[k]``.

        Examples
        --------
        >>> g = NormalFormGame.bimatrix([[1, 2]], [[3, 4]], players=["R", "C"])
        >>> g.permute_players(["C", "R"]).payoff(("a2", "a1"))
        (Fraction(4, 1), Fraction(2, 1))
        """
        positions = [self.player_index(p) for p in order]
        if sorted(positions) != list(range(self.n_players)):
            raise ValidationError(f"permute_players: {list(order)!r} is not a permutation of the players")
        array = self._payoffs[positions].transpose(0, *(1 + p for p in positions))
        return NormalFormGame(
            [self._players[p] for p in positions],
            [self._actions[p] for p in positions],
            array,
            title=self.title,
        )

    def permute_actions(self, player: str | int, order: Sequence[str | int]) -> NormalFormGame:
        """Reorder one player's actions: the new action ``k`` is the old ``order[k]``."""
        i = self.player_index(player)
        positions = [self.action_index(i, a) for a in order]
        if sorted(positions) != list(range(self.n_actions[i])):
            raise ValidationError(
                f"permute_actions: {list(order)!r} is not a permutation of {self._players[i]!r}'s actions"
            )
        array = np.take(self._payoffs, positions, axis=i + 1)
        actions = list(self._actions)
        actions[i] = tuple(self._actions[i][p] for p in positions)
        return NormalFormGame(self._players, actions, array, title=self.title)

    def affine_transform(self, player: str | int, scale: Any, shift: Any = 0) -> NormalFormGame:
        """Replace one player's payoffs ``u`` by ``scale * u + shift`` (``scale > 0``).

        Positive affine transformations leave every Nash equilibrium unchanged.
        """
        i = self.player_index(player)
        if not (scale > 0):
            raise ValidationError(f"affine_transform: scale must be positive, got {scale!r}")
        array = self._payoffs.copy()
        if array.dtype != object and isinstance(scale, (int, float)) and isinstance(shift, (int, float)):
            array[i] = float(scale) * array[i] + float(shift)
        else:
            array = array.astype(object)
            array[i] = scale * array[i] + shift
        return NormalFormGame(self._players, self._actions, array, title=self.title)

    # ----------------------------------------------------------------- conversions
    def to_nashpy(self) -> nashpy.Game:
        """Convert a numeric two-player game to :class:`nashpy.Game` (float matrices)."""
        import nashpy

        if self.n_players != 2:
            from nea_games.errors import UnsupportedGameError

            raise UnsupportedGameError(f"to_nashpy: nashpy handles 2 players, this game has {self.n_players}")
        payoffs = self.float_payoffs()
        return nashpy.Game(np.array(payoffs[0]), np.array(payoffs[1]))

    def profiles(self) -> list[tuple[str, ...]]:
        """Every pure profile as a tuple of action names, in array (C) order."""
        return list(itertools.product(*self._actions))

    # ----------------------------------------------------------------- rendering
    def to_text(self, equilibria: Any = None) -> str:
        """Plain-text payoff table; pure equilibria in ``equilibria`` are starred."""
        return render.to_text(self, equilibria)

    def to_markdown(self, equilibria: Any = None) -> str:
        """Markdown payoff table; pure equilibria in ``equilibria`` are in bold."""
        return render.to_markdown(self, equilibria)

    def to_latex(self, equilibria: Any = None) -> str:
        """LaTeX ``tabular`` payoff table; pure equilibria in ``equilibria`` are boxed."""
        return render.to_latex(self, equilibria)

    def to_html(self, equilibria: Any = None) -> str:
        """HTML payoff table; pure equilibria in ``equilibria`` are highlighted."""
        return render.to_html(self, equilibria)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        title = f" {self.title!r}" if self.title else ""
        shape = "x".join(str(m) for m in self.n_actions)
        params = f", parameters={list(map(str, self.parameters))}" if self.parameters else ""
        return f"<NormalFormGame{title} {shape}: players={list(self._players)}, kind={self._kind}{params}>"

    # ----------------------------------------------------------------- value semantics
    def _key(self) -> tuple[Any, ...]:
        return (self._players, self._actions, self._kind, tuple(self._payoffs.reshape(-1).tolist()))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())
