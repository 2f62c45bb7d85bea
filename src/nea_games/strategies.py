r"""Hypothesis strategies for games and model parameters, for property-testing.

A *property* is a statement :math:`\forall x \in X : P(x)` about every game
or parameter point :math:`x` of some class :math:`X`; hypothesis searches
:math:`X` for a counterexample and shrinks the one it finds. The strategies
here describe the classes:

* :func:`payoff_values`, :func:`normal_form_games`, :func:`bimatrix_games`:
  numeric games :math:`u_i(a_1, \dots, a_n)` with integer, fraction or
  float payoffs in a box;
* :func:`parametric_games`: games whose payoffs are polynomials of degree at
  most :math:`d` in given symbols :math:`\theta_1, \dots, \theta_k`,
  :math:`u_i(a) = \sum_{|\alpha| \le d} c_{i,a,\alpha}\,\theta^\alpha` with
  integer coefficients (affine for :math:`d = 1`);
* :func:`parameter_points`: points :math:`\theta` of a model's parameter space
  inside stated bounds :math:`\ell_j \le \theta_j \le h_j`, intersected with
  the ranges the model itself assumes, as exact fractions by default.

Requires the ``hypothesis`` package (installed with ``nea_games[test]``).

Examples
--------
A property a researcher might state: every equilibrium that ``solve``
returns is an equilibrium, exactly.

>>> from hypothesis import given, settings
>>> import nea_games
>>> from nea_games.strategies import bimatrix_games
>>> @settings(max_examples=5, deadline=None)
... @given(bimatrix_games(max_actions=3))
... def test_every_profile_is_an_equilibrium(game):
...     assert all(eq.regret() == 0 for eq in nea_games.solve(game))
>>> test_every_profile_is_an_equilibrium()
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any, Literal

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - exercised only without hypothesis
    raise ImportError("nea_games.strategies needs hypothesis: pip install 'nea_games[test]'") from error

import numpy as np
import sympy

from nea_games.errors import NeaGamesError, UnknownNameError, ValidationError
from nea_games.games._names import did_you_mean
from nea_games.games.normal_form import NormalFormGame

__all__ = [
    "PayoffKind",
    "bimatrix_games",
    "normal_form_games",
    "parameter_points",
    "parametric_games",
    "payoff_values",
]

PayoffKind = Literal["int", "fraction", "float"]


def payoff_values(
    kind: PayoffKind = "int", min_value: int = -10, max_value: int = 10
) -> st.SearchStrategy[Any]:
    """Single payoff entries of the given kind within ``[min_value, max_value]``.

    Integers and fractions produce ties (degenerate games) now and then;
    floats almost never do.
    """
    if min_value > max_value:
        raise ValidationError(f"payoff_values: min_value {min_value} exceeds max_value {max_value}")
    if kind == "int":
        return st.integers(min_value, max_value)
    if kind == "fraction":
        return st.fractions(min_value, max_value, max_denominator=12)
    if kind == "float":
        return st.floats(min_value, max_value, allow_nan=False, allow_infinity=False, width=64)
    raise ValidationError(f"payoff_values: unknown kind {kind!r}; use 'int', 'fraction' or 'float'")


def _draw_players(draw: st.DrawFn, players: int | st.SearchStrategy[int], owner: str) -> int:
    n = draw(players) if isinstance(players, st.SearchStrategy) else players
    if n < 1:
        raise ValidationError(f"{owner}: players must be at least 1, got {n}")
    return n


def _draw_shape(draw: st.DrawFn, n: int, actions: int | tuple[int, int]) -> list[int]:
    if isinstance(actions, int):
        return [actions] * n
    low, high = actions
    return [draw(st.integers(low, high)) for _ in range(n)]


@st.composite
def normal_form_games(
    draw: st.DrawFn,
    players: int | st.SearchStrategy[int] = 2,
    actions: int | tuple[int, int] = (1, 4),
    payoffs: PayoffKind = "int",
    min_value: int = -10,
    max_value: int = 10,
) -> NormalFormGame:
    """Random normal-form games.

    Parameters
    ----------
    players : int or strategy of int
        Number of players (or a strategy drawing it).
    actions : int or (min, max)
        Number of actions of each player, fixed or drawn per player.
    payoffs : {"int", "fraction", "float"}
        Kind of payoff entries.
    min_value, max_value : int
        Range of payoff entries.
    """
    n = _draw_players(draw, players, "normal_form_games")
    shape = _draw_shape(draw, n, actions)
    size = n * int(np.prod(shape))
    values = draw(st.lists(payoff_values(payoffs, min_value, max_value), min_size=size, max_size=size))
    array = np.empty(size, dtype=object)
    array[:] = values if payoffs != "fraction" else [Fraction(v) for v in values]
    return NormalFormGame.from_array(array.reshape(n, *shape))


def bimatrix_games(
    min_actions: int = 1,
    max_actions: int = 4,
    payoffs: PayoffKind = "int",
    min_value: int = -10,
    max_value: int = 10,
) -> st.SearchStrategy[NormalFormGame]:
    """Random two-player games with between ``min_actions`` and ``max_actions`` actions each."""
    return normal_form_games(
        players=2,
        actions=(min_actions, max_actions),
        payoffs=payoffs,
        min_value=min_value,
        max_value=max_value,
    )


# ---------------------------------------------------------------------------- parametric games
def _symbols(parameters: Sequence[str | sympy.Symbol] | str, owner: str) -> tuple[sympy.Symbol, ...]:
    names = parameters.replace(",", " ").split() if isinstance(parameters, str) else list(parameters)
    symbols = tuple(p if isinstance(p, sympy.Symbol) else sympy.Symbol(str(p)) for p in names)
    if not symbols:
        raise ValidationError(f"{owner}: give at least one parameter, e.g. parameters=('a', 'b')")
    if len({s.name for s in symbols}) != len(symbols):
        raise ValidationError(f"{owner}: parameter names repeat: {', '.join(s.name for s in symbols)}")
    return symbols


def parametric_games(
    parameters: Sequence[str | sympy.Symbol] | str = ("a", "b"),
    players: int | st.SearchStrategy[int] = 2,
    actions: int | tuple[int, int] = (1, 3),
    degree: int = 1,
    min_value: int = -5,
    max_value: int = 5,
) -> st.SearchStrategy[NormalFormGame]:
    """Random games whose payoffs are polynomials in the given parameters.

    Every payoff entry is :math:`\\sum_{|\\alpha| \\le d} c_\\alpha \\theta^\\alpha` with
    integer coefficients :math:`c_\\alpha` in ``[min_value, max_value]`` (so the
    game is exact once numbers are substituted), and every parameter occurs
    in at least one entry, so ``game.parameters`` is exactly the parameters
    asked for (sorted by name).

    Parameters
    ----------
    parameters : sequence of str or sympy.Symbol, or str
        The symbols :math:`\\theta_j`: names (``("a", "b")`` or ``"a b"``) or
        sympy symbols (keep their assumptions, e.g. ``positive=True``).
    players : int or strategy of int
        Number of players (or a strategy drawing it).
    actions : int or (min, max)
        Number of actions of each player, fixed or drawn per player.
    degree : int
        Largest total degree :math:`d` of a monomial: 1 for affine payoffs.
    min_value, max_value : int
        Range of the coefficients.

    Raises
    ------
    nea_games.errors.ValidationError
        For no parameters, repeated names, ``degree < 1`` or an empty coefficient range.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10, deadline=None)
    ... @given(parametric_games(["T", "R"], actions=2))
    ... def test_parameters(game):
    ...     assert [s.name for s in game.parameters] == ["R", "T"]
    ...     assert game.subs(T=1, R=2).kind == "exact"
    >>> test_parameters()
    """
    symbols = _symbols(parameters, "parametric_games")
    if degree < 1:
        raise ValidationError(f"parametric_games: degree must be at least 1, got {degree}")
    if min_value > max_value:
        raise ValidationError(f"parametric_games: min_value {min_value} exceeds max_value {max_value}")
    return _parametric_games(symbols, players, actions, degree, min_value, max_value)


@st.composite
def _parametric_games(
    draw: st.DrawFn,
    symbols: tuple[sympy.Symbol, ...],
    players: int | st.SearchStrategy[int],
    actions: int | tuple[int, int],
    degree: int,
    min_value: int,
    max_value: int,
) -> NormalFormGame:
    n = _draw_players(draw, players, "parametric_games")
    shape = _draw_shape(draw, n, actions)
    monomials = sorted(
        sympy.polys.monomials.itermonomials(symbols, degree),
        key=sympy.polys.orderings.monomial_key("grlex", list(reversed(symbols))),
    )
    size = n * int(np.prod(shape))
    coefficient = st.integers(min_value, max_value)
    row = st.lists(coefficient, min_size=len(monomials), max_size=len(monomials))
    rows = draw(st.lists(row, min_size=size, max_size=size))
    entries = [
        sum((sympy.Integer(c) * m for c, m in zip(cs, monomials, strict=True)), sympy.Integer(0))
        for cs in rows
    ]
    present: set[sympy.Basic] = set().union(*(e.free_symbols for e in entries))
    nonzero = (
        st.integers(min_value, max_value).filter(bool) if (min_value, max_value) != (0, 0) else st.just(1)
    )
    for symbol in symbols:
        if symbol not in present:  # make sure every parameter occurs
            k = draw(st.integers(0, size - 1))
            entries[k] = sympy.expand(entries[k] + draw(nonzero) * symbol)
    array = np.empty(size, dtype=object)
    array[:] = entries
    return NormalFormGame.from_array(array.reshape(n, *shape))


# ---------------------------------------------------------------------------- parameter points
Bound = tuple[Any, Any]


def _model_class(model: Any) -> type[Any]:
    if isinstance(model, str):
        from nea_games.models.registry import model_class

        return model_class(model)
    cls = model if isinstance(model, type) else type(model)
    if not dataclasses.is_dataclass(cls):
        raise ValidationError(
            f"parameter_points: expected a model class, instance or name, got {type(model).__name__}"
        )
    return cls


def _model_ranges(cls: type[Any]) -> Mapping[str, Any]:
    """The ranges a model module declares (its ``RANGES``), or none."""
    ranges = getattr(importlib.import_module(cls.__module__), "RANGES", {})
    return ranges if isinstance(ranges, Mapping) else {}


def _interval(name: str, bound: Bound | None, spec: Any, owner: str) -> tuple[Fraction, Fraction, bool, bool]:
    """The user's bounds intersected with the model's range: (low, high, open_low, open_high)."""
    low = spec.low if spec is not None else None
    high = spec.high if spec is not None else None
    open_low = bool(spec is not None and spec.open_low)
    open_high = bool(spec is not None and spec.open_high)
    if bound is not None:
        try:
            user_low, user_high = (Fraction(str(v)) if isinstance(v, float) else Fraction(v) for v in bound)
        except (TypeError, ValueError):
            raise ValidationError(
                f"{owner}: bounds for {name} must be two numbers (low, high), got {bound!r}"
            ) from None
        if user_low > user_high:
            raise ValidationError(f"{owner}: bounds for {name} have low {user_low} above high {user_high}")
        if low is None or user_low > low:
            low, open_low = user_low, False
        if high is None or user_high < high:
            high, open_high = user_high, False
    if low is None or high is None:
        where = spec.describe() if spec is not None else "(-oo, oo)"
        raise ValidationError(
            f"{owner}: {name} ranges over {where}; give finite bounds, e.g. bounds={{{name!r}: (0, 10)}}"
        )
    low, high = Fraction(low), Fraction(high)
    if low > high or (low == high and (open_low or open_high)):
        raise ValidationError(
            f"{owner}: the bounds for {name} leave no value in the model's range {spec.describe()}"
        )
    return low, high, open_low, open_high


def _inside(low: Fraction, high: Fraction, open_low: bool, open_high: bool) -> Any:
    """A predicate that drops the excluded end points of an open interval."""

    def inside(value: Any) -> bool:
        return not ((open_low and value <= low) or (open_high and value >= high))

    return inside


def parameter_points(
    model: Any,
    bounds: Mapping[str, Bound] | None = None,
    *,
    exact: bool = True,
    max_denominator: int = 20,
) -> st.SearchStrategy[dict[str, Any]]:
    """Valid parameter overrides for a model, drawn within stated bounds.

    Each draw is a dict ``{name: value}`` to pass to the model's constructor
    (``Model(**point)``, or ``dataclasses.replace(model, **point)`` for an
    instance). Each value lies in the given bounds *and* in the range the
    model assumes for that parameter (its module's ``RANGES``, e.g. [0, 1] for
    a probability, open at 0 for a strictly positive cost); points that the
    model still rejects (a joint condition such as ``v_low <= v_high``) are
    filtered out.

    Parameters
    ----------
    model : model class, instance, or registry name
        ``BufferDilemmaModel``, ``BufferDilemmaModel(q=0)`` or ``"buffer_dilemma"``. Parameters
        not drawn keep the instance's values (the defaults for a class or a name).
    bounds : mapping of name to (low, high), optional
        The parameters to draw and the closed interval for each. By default every
        parameter whose model range is bounded on both sides (the probabilities).
    exact : bool
        Draw :class:`fractions.Fraction` values (the default), or floats.
    max_denominator : int
        Largest denominator of a drawn fraction.

    Raises
    ------
    nea_games.errors.UnknownNameError
        For a parameter the model does not have (with a did-you-mean).
    nea_games.errors.ValidationError
        For bounds that are not two numbers, reversed, outside the model's range, or missing for
        a parameter whose range is unbounded.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from nea_games.models.buffer_dilemma import BufferDilemmaModel
    >>> @settings(max_examples=20, deadline=None)
    ... @given(parameter_points(BufferDilemmaModel, {"kappa": (0, 1), "B": (0, 60)}))
    ... def test_points(point):
    ...     assert 0 <= point["kappa"] <= 1 and 0 < point["B"] <= 60
    ...     BufferDilemmaModel(**point)  # never raises
    >>> test_points()
    """
    owner = "parameter_points"
    cls = _model_class(model)
    base = model if not isinstance(model, (type, str)) else None
    names = [f.name for f in dataclasses.fields(cls)]
    ranges = _model_ranges(cls)
    if bounds is None:
        chosen: dict[str, Bound | None] = {
            name: None
            for name in names
            if name in ranges and None not in (ranges[name].low, ranges[name].high)
        }
        if not chosen:
            raise ValidationError(
                f"{owner}: {cls.__name__} has no bounded parameter; give bounds={{name: (low, high)}}"
            )
    else:
        chosen = dict(bounds)
    for name in chosen:
        if name not in names:
            raise UnknownNameError(
                f"{owner}: {cls.__name__} has no parameter {name!r}{did_you_mean(name, names)}; "
                f"parameters: {', '.join(names)}"
            )
    draws = {}
    for name, bound in chosen.items():
        low, high, open_low, open_high = _interval(name, bound, ranges.get(name), owner)
        if exact:
            value: st.SearchStrategy[Any] = st.fractions(low, high, max_denominator=max_denominator)
        else:
            value = st.floats(float(low), float(high), allow_nan=False, allow_infinity=False)
        if open_low or open_high:
            value = value.filter(_inside(low, high, open_low, open_high))
        draws[name] = value

    def valid(point: dict[str, Any]) -> bool:
        try:
            if base is None:
                cls(**point)
            else:
                dataclasses.replace(base, **point)
        except NeaGamesError:
            return False
        return True

    return st.fixed_dictionaries(draws).filter(valid)
