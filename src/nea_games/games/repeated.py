r"""Infinitely repeated games with discounting.

A stage game :math:`G = (N, (A_i), (u_i))` is played in periods
:math:`t = 0, 1, 2, \dots`; every player observes the past action profiles.
With a common discount factor :math:`\delta \in (0, 1)` a path of play
:math:`(a^t)` is worth the *normalised* discounted sum

.. math::

    U_i = (1 - \delta) \sum_{t \ge 0} \delta^t\, u_i(a^t)

to player *i*, on the same scale as the stage payoffs. Strategy profiles are
finite automata on public play (:class:`~nea_games.games._automata.Automaton`);
the sustainability of cooperation — the smallest :math:`\delta` at which a
profile is subgame perfect (Friedman 1971; Abreu 1988) — is computed by
:mod:`nea_games.solvers.repeated`, to which the methods of
:class:`RepeatedGame` delegate.

References
----------
J. W. Friedman (1971), "A non-cooperative equilibrium for supergames",
*Review of Economic Studies* 38, 1–12.
D. Abreu (1988), "On the theory of infinitely repeated games with
discounting", *Econometrica* 56, 383–396.
D. Fudenberg and E. Maskin (1986), "The folk theorem in repeated games with
discounting or with incomplete information", *Econometrica* 54, 533–554.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from functools import cached_property
from typing import Any

import sympy

from nea_games._numeric import classify
from nea_games.errors import UnknownNameError, ValidationError
from nea_games.games._automata import ANY, Automaton
from nea_games.games.normal_form import NormalFormGame

__all__ = ["ANY", "DELTA", "Automaton", "RepeatedGame"]

#: The symbol used when no discount factor is given.
DELTA = sympy.Symbol("delta", positive=True)


def _check_discount(discount: Any) -> Any:
    if discount is None:
        return DELTA
    if isinstance(discount, str):
        return sympy.Symbol(discount, positive=True)
    if isinstance(discount, sympy.Symbol):
        return discount
    kind = classify([discount], "discount")
    if kind == "symbolic":
        return sympy.sympify(discount)
    value = Fraction(discount) if kind == "exact" else float(discount)
    if isinstance(discount, sympy.Rational):
        value = Fraction(int(discount.p), int(discount.q))
    if not 0 < value < 1:
        raise ValidationError(f"discount: the discount factor must lie in (0, 1), got {discount!r}")
    return value


class RepeatedGame:
    """A stage game repeated infinitely often with a common discount factor.

    Parameters
    ----------
    stage : NormalFormGame
        The stage game (any number of players; numeric or parametric).
    discount : number, sympy expression, str or None
        The discount factor :math:`\\delta`: an exact or float number in
        ``(0, 1)``, a sympy symbol or expression, a symbol name, or ``None``
        for the symbol ``delta`` (positive).

    Raises
    ------
    nea_games.errors.ValidationError
        If a numeric discount factor is not in ``(0, 1)``.

    Examples
    --------
    >>> from nea_games.games.catalog import prisoners_dilemma
    >>> RepeatedGame(prisoners_dilemma(), 1.5)
    Traceback (most recent call last):
    ...
    nea_games.errors.ValidationError: discount: the discount factor must lie in (0, 1), got 1.5
    >>> game = RepeatedGame(prisoners_dilemma(), None)
    >>> game.parameters
    (delta,)
    >>> game.critical_discount("grim_trigger")
    1/2
    >>> game.subs(delta=sympy.Rational(3, 5)).is_equilibrium("grim_trigger")
    True
    """

    __slots__ = ("__dict__", "discount", "stage")

    stage: NormalFormGame
    discount: Any

    def __init__(self, stage: NormalFormGame, discount: Any = None) -> None:
        if not isinstance(stage, NormalFormGame):
            raise ValidationError(
                f"RepeatedGame: the stage must be a NormalFormGame, got {type(stage).__name__}"
            )
        if isinstance(discount, str) and "/" in discount:
            raise ValidationError(f"discount: expected a number in (0, 1) or a symbol name, got {discount!r}")
        object.__setattr__(self, "stage", stage)
        object.__setattr__(self, "discount", _check_discount(discount))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("RepeatedGame is immutable; build a new game instead")

    @property
    def players(self) -> tuple[str, ...]:
        """Player names of the stage game."""
        return self.stage.players

    @cached_property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """Free symbols of the stage payoffs and of the discount factor, sorted by name."""
        symbols = set(self.stage.parameters)
        if isinstance(self.discount, sympy.Basic):
            symbols |= self.discount.free_symbols
        return tuple(sorted(symbols, key=lambda s: s.name))

    @property
    def is_discount_symbolic(self) -> bool:
        """True when the discount factor is a sympy expression with free symbols."""
        return isinstance(self.discount, sympy.Basic) and bool(self.discount.free_symbols)

    def subs(self, values: Mapping[Any, Any] | None = None, /, **kwargs: Any) -> RepeatedGame:
        """Substitute values for parameters of the stage game and/or the discount factor.

        Examples
        --------
        >>> import sympy
        >>> from nea_games.games.catalog import prisoners_dilemma
        >>> RepeatedGame(prisoners_dilemma()).subs(delta=0.9).discount
        0.9
        """
        mapping: dict[Any, Any] = dict(values or {})
        mapping.update(kwargs)
        discount_symbols = (
            {s.name: s for s in self.discount.free_symbols} if self.is_discount_symbolic else {}
        )
        discount_values = {}
        stage_values = {}
        for key, value in mapping.items():
            name = key.name if isinstance(key, sympy.Symbol) else str(key)
            if name in discount_symbols:
                discount_values[discount_symbols[name]] = value
            if name in {p.name for p in self.stage.parameters}:
                stage_values[name] = value
            if name not in discount_symbols and name not in {p.name for p in self.stage.parameters}:
                from nea_games.games._names import did_you_mean

                known = [p.name for p in self.parameters]
                raise UnknownNameError(
                    f"subs: {name!r} is not a parameter of this repeated game{did_you_mean(name, known)}; "
                    f"parameters: {', '.join(known) or 'none'}"
                )
        discount = self.discount
        if discount_values:
            discount = discount.subs(discount_values)
            if not discount.free_symbols:
                only = next(iter(discount_values.values()))
                discount = only if discount == sympy.sympify(only) else discount
        return RepeatedGame(self.stage.subs(stage_values), discount)

    # ----------------------------------------------------------------- delegation
    def strategy(self, strategy: str | Automaton, **options: Any) -> Automaton:
        """The automaton for a built-in name (with its options) or a user's automaton, checked."""
        from nea_games.solvers.repeated import strategy_automaton

        return strategy_automaton(self.stage, strategy, **options)

    def is_equilibrium(self, strategy: str | Automaton, **options: Any) -> bool:
        """Whether ``strategy`` is a subgame-perfect equilibrium at :attr:`discount`.

        See :func:`nea_games.solvers.repeated.is_subgame_perfect` for the options.
        """
        from nea_games.solvers.repeated import is_subgame_perfect

        return is_subgame_perfect(self, strategy, **options)

    def critical_discount(self, strategy: str | Automaton, cooperative: Any = None, **options: Any) -> Any:
        """The smallest discount factor at which ``strategy`` is an equilibrium.

        See :func:`nea_games.solvers.repeated.critical_discount`.
        """
        from nea_games.solvers.repeated import critical_discount

        return critical_discount(self, strategy, cooperative, **options)

    def __repr__(self) -> str:
        return f"<RepeatedGame of {self.stage!r}, discount={self.discount}>"

    def _repr_html_(self) -> str:
        """Jupyter: the discount factor, then the stage game's payoff table."""
        import html

        return (
            f"<p>Repeated game, discount factor {html.escape(str(self.discount))}; stage game:</p>"
            + self.stage._repr_html_()
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RepeatedGame):
            return NotImplemented
        return self.stage == other.stage and self.discount == other.discount

    def __hash__(self) -> int:
        return hash((self.stage, self.discount))
