r"""N-player public-goods ("club") stage games with rivals outside the club.

A *club* :math:`K` is a set of states among all the states of a region.
Each member :math:`i \in K` contributes (``"C"``, :math:`x_i = 1`) or not
(``"D"``, :math:`x_i = 0`) its endowment :math:`e`; contributions are
multiplied by :math:`M` and shared equally among the members. Material
payoffs are

.. math::

   V_i = e(1 - x_i) + \frac{M}{|K|}\, e \sum_{j \in K} x_j
   \qquad (i \in K),

and, for a state :math:`j \notin K`,

.. math:: V_j = e - \eta\, e \sum_{k \in K} x_k \ \text{if } j \text{ is a rival of the club},
   \qquad V_j = e \ \text{otherwise},

where :math:`\eta` is the security externality (each contribution lowers
the material payoff of every rival-bloc state outside the club by
:math:`\eta e`). Outsiders keep their endowment, as a defecting member does.
With :math:`1 < M < |K|` the stage game is an N-player prisoner's dilemma:
not contributing is strictly dominant, yet full contribution beats full
defection.

Design. The *players* of the stage game are the members only (outsiders do
not move), but :class:`ClubGame` tracks every state's material payoff, so
that rivalry-weighted utilities :math:`U_i = V_i - \sum_{j \ne i}
\rho_{ij} V_j` may run over *all* states, outsiders included
(:meth:`ClubGame.stage_game` with ``weights=``). This is what the
multilateral model needs: a bloc club's members mind the gains they hand to
each other and the losses they inflict on rivals outside.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from nea_games.errors import ShapeError, ValidationError
from nea_games.games._names import check_names, index_of
from nea_games.games.normal_form import NormalFormGame
from nea_games.games.transforms import combine_payoffs, weight_matrix

__all__ = ["ClubGame", "public_goods_game"]

_ACTIONS = ("C", "D")


def _as_value(value: Any, name: str) -> Any:
    if isinstance(value, bool):
        raise ValidationError(f"{name}: expected a number or sympy expression, got {value!r}")
    if isinstance(value, float):
        if not np.isfinite(value):
            raise ValidationError(f"{name}: must be finite, got {value!r}")
        return value
    if isinstance(value, str):
        raise ValidationError(f"{name}: expected a number or sympy expression, got the string {value!r}")
    try:
        return sympy.sympify(value)
    except (sympy.SympifyError, TypeError):
        raise ValidationError(f"{name}: expected a number or sympy expression, got {value!r}") from None


@dataclass(frozen=True)
class ClubGame:
    r"""A public-goods club among some of a region's states, with rivals outside.

    Parameters
    ----------
    states : tuple of str
        Every state of the region, in order (members and outsiders).
    members : tuple of str
        The club :math:`K` (the players of the stage game, in ``states`` order).
    rivals : tuple of str
        Outsiders whose material payoff falls by :math:`\eta e` per contribution.
    multiplier, endowment, externality
        :math:`M`, :math:`e` and :math:`\eta` (numbers or sympy expressions).
    title : str
        Title of the stage games built.

    Examples
    --------
    >>> club = ClubGame.build(["US", "JPN", "CHN"], multiplier=2, members=["US", "JPN"],
    ...                       rivals=["CHN"], externality=sympy.Rational(1, 5))
    >>> club.material(("C", "C"))
    {'US': 2, 'JPN': 2, 'CHN': 3/5}
    """

    states: tuple[str, ...]
    members: tuple[str, ...]
    rivals: tuple[str, ...]
    multiplier: Any
    endowment: Any = 1
    externality: Any = 0
    title: str = ""

    @classmethod
    def build(
        cls,
        states: Sequence[str] | int,
        multiplier: Any,
        endowment: Any = 1,
        *,
        members: Sequence[str] | None = None,
        rivals: Sequence[str] | None = None,
        externality: Any = 0,
        title: str = "",
    ) -> ClubGame:
        """Validate the arguments and build a club (see :func:`public_goods_game`)."""
        if isinstance(states, bool):
            raise ValidationError("players: expected names or a number of players, got a boolean")
        if isinstance(states, int):
            if states < 1:
                raise ShapeError(f"players: need at least one player, got {states}")
            names = tuple(f"Player {k + 1}" for k in range(states))
        else:
            names = check_names(states, "players")
        chosen = names if members is None else check_names(members, "members")
        member_pos = sorted(index_of(m, names, "player") for m in chosen)
        member_t = tuple(names[k] for k in member_pos)
        rival_t: tuple[str, ...] = ()
        if rivals is not None and len(rivals) > 0:
            rival_names = check_names(rivals, "rivals")
            positions = sorted(index_of(r, names, "player") for r in rival_names)
            rival_t = tuple(names[k] for k in positions)
            inside = [r for r in rival_t if r in member_t]
            if inside:
                raise ValidationError(f"rivals: {', '.join(inside)} are club members, not outsiders")
        eta = _as_value(externality, "externality")
        if rival_t == () and sympy.sympify(eta) != 0:
            raise ValidationError("externality: a non-zero externality needs rivals outside the club")
        return cls(
            names,
            member_t,
            rival_t,
            _as_value(multiplier, "multiplier"),
            _as_value(endowment, "endowment"),
            eta,
            title,
        )

    @property
    def size(self) -> int:
        """Number of members :math:`|K|`."""
        return len(self.members)

    def material(self, profile: Sequence[str]) -> dict[str, Any]:
        """Material payoff of every state at a profile of the members' actions ("C"/"D")."""
        if isinstance(profile, str) or len(profile) != self.size:
            raise ShapeError(f"profile {profile!r}: expected one action per member ({self.size})")
        x = [1 - index_of(a, _ACTIONS, "action") for a in profile]
        return dict(zip(self.states, self._values(x), strict=True))

    def _values(self, x: Sequence[int]) -> list[Any]:
        e, m, eta = self.endowment, self.multiplier, self.externality
        total = sum(x)
        share = m * e * total / self.size if total else 0
        contributions = dict(zip(self.members, x, strict=True))
        out: list[Any] = []
        for s in self.states:
            if s in contributions:
                v = e * (1 - contributions[s]) + share
            elif s in self.rivals:
                v = e - eta * e * total
            else:
                v = e
            out.append(sympy.expand(v) if isinstance(v, sympy.Basic) else v)
        return out

    def material_payoffs(self) -> npt.NDArray[Any]:
        """Object array of shape ``(len(states), 2, ..., 2)``: every state's material payoff."""
        shape = (len(self.states),) + (2,) * self.size
        out = np.empty(shape, dtype=object)
        for index in itertools.product(range(2), repeat=self.size):
            values = self._values([1 - k for k in index])
            for s, v in enumerate(values):
                out[(s, *index)] = v
        return out

    def stage_game(self, weights: Any = None) -> NormalFormGame:
        r"""The members' stage game; with ``weights``, relative-gains utilities over all states.

        Parameters
        ----------
        weights : scalar, matrix or mapping, optional
            :math:`\rho_{ij}` over *all* states (``len(states)`` square
            matrix, mapping by state names, or one scalar for every pair);
            see :func:`nea_games.games.transforms.weight_matrix`. ``None``
            gives the material payoffs.

        Examples
        --------
        >>> club = ClubGame.build(["A", "B", "R"], 2, members=["A", "B"], rivals=["R"], externality=1)
        >>> club.stage_game({("A", "R"): 1, ("B", "R"): 1}).payoff(("C", "C"))
        (Fraction(3, 1), Fraction(3, 1))
        """
        rows = [self.states.index(m) for m in self.members]
        material = self.material_payoffs()
        if weights is None:
            payoffs = material[rows]
        else:
            payoffs = combine_payoffs(material, weight_matrix(weights, self.states), rows)
        return NormalFormGame(self.members, [_ACTIONS] * self.size, payoffs, title=self.title)


def public_goods_game(
    players: Sequence[str] | int,
    multiplier: Any,
    endowment: Any = 1,
    *,
    members: Sequence[str] | None = None,
    rivals: Sequence[str] | None = None,
    externality: Any = 0,
    weights: Any = None,
    title: str = "",
) -> NormalFormGame:
    r"""The N-player club stage game of the module docstring, as a normal-form game.

    Parameters
    ----------
    players : sequence of str or int
        All states of the region (or their number, named ``"Player k"``).
    multiplier : number or sympy expression
        :math:`M`; a social dilemma needs :math:`1 < M < |K|`.
    endowment : number or sympy expression, default 1
        :math:`e`.
    members : sequence of str, optional
        The club :math:`K` (default: everyone). Only members are players.
    rivals : sequence of str, optional
        Outsiders hurt by each contribution (rival-bloc states outside K).
    externality : number or sympy expression, default 0
        :math:`\eta`.
    weights : optional
        Relative-gains weights over *all* states (see
        :meth:`ClubGame.stage_game`); ``None`` for material payoffs.
    title : str, optional

    Returns
    -------
    NormalFormGame
        Players are the members; each has actions ``("C", "D")``.

    Examples
    --------
    >>> import sympy
    >>> M, e = sympy.symbols("M e", positive=True)
    >>> g = public_goods_game(3, M, e)
    >>> g.payoff(("C", "C", "D"))
    (2*M*e/3, 2*M*e/3, 2*M*e/3 + e)
    """
    club = ClubGame.build(
        players,
        multiplier,
        endowment,
        members=members,
        rivals=rivals,
        externality=externality,
        title=title,
    )
    return club.stage_game(weights)
