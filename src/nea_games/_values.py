r"""Parameter values: one representation for every model, analysis and solver.

A parameter :math:`x` given by the user is stored as one of three kinds:

* **exact**: a :class:`fractions.Fraction` for a rational :math:`x \in \mathbb{Q}`
  (``int``, ``Fraction``, sympy ``Rational`` and text such as ``"3/5"``), or a sympy
  number for an exact irrational such as :math:`\log 12` or :math:`\sqrt{2}/2`;
* **float**: a finite Python ``float`` (any float input, numpy floats, sympy ``Float``);
* **symbolic**: a sympy expression with at least one free symbol, kept as given.

A computation is as exact as its least exact input (:func:`value_kind`): one float
makes it a float computation, one free symbol a symbolic one. Results go back to the
user through :func:`exact_output`, which maps sympy rationals to ``Fraction``, keeps
exact irrationals and formulas as sympy, and turns numbers into ``float`` when the
computation is a float one. :func:`check_range` enforces numeric ranges such as
:math:`x \in [0, 1]` or :math:`x \in (0, \infty)`; symbolic values are never
range-checked (their assumptions are the caller's business).

Examples
--------
>>> convert("Toy", "p", "3/5"), convert("Toy", "p", 0.5)
(Fraction(3, 5), 0.5)
>>> convert("Toy", "t", sympy.log(12))
log(12)
>>> value_kind([Fraction(1, 2), sympy.log(12)]), value_kind([Fraction(1, 2), 0.5])
('exact', 'float')
>>> check_range("Toy", "p", Fraction(3, 2), 0, 1, probability=True)
Traceback (most recent call last):
...
nea_games.errors.ProbabilityError: Toy: p must lie in [0, 1], got 3/2
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import sympy

from nea_games.errors import NonFiniteError, PayoffTypeError, ProbabilityError, ValidationError

__all__ = [
    "Kind",
    "Range",
    "check_range",
    "convert",
    "exact_output",
    "is_array",
    "is_symbolic",
    "sympy_value",
    "time_array",
    "to_sympy",
    "value_kind",
]

#: How a computation is carried out and its results returned.
Kind = Literal["exact", "float", "symbolic"]

_INFINITE = (sympy.oo, -sympy.oo, sympy.zoo, sympy.nan)


def is_symbolic(value: Any) -> bool:
    """True for a sympy expression with at least one free symbol.

    Examples
    --------
    >>> is_symbolic(sympy.Symbol("k") + 1), is_symbolic(sympy.sqrt(2)), is_symbolic(Fraction(1, 2))
    (True, False, False)
    """
    return isinstance(value, sympy.Basic) and bool(value.free_symbols)


def convert(owner: str, name: str, value: Any, *, irrationals: Literal["exact", "float"] = "exact") -> Any:
    """One value as a ``Fraction``, a finite ``float`` or a sympy expression (see the module docstring).

    Strings are parsed as exact numbers (``"3/5"``, ``"0.6"``) only, never evaluated as code.
    A sympy number that contains a ``Float`` becomes a ``float``.

    Parameters
    ----------
    owner, name : str
        The function or model and the parameter, for error messages (``"{owner}: {name} ..."``).
    value : object
        The raw value.
    irrationals : {"exact", "float"}
        What becomes of an exact irrational such as ``log(12)``: kept as a sympy number
        (the default), or evaluated to a ``float`` for code that computes only with
        rationals, floats and symbols (the models).

    Raises
    ------
    nea_games.errors.PayoffTypeError
        For booleans, non-numbers, unparsable text and non-real sympy numbers.
    nea_games.errors.NonFiniteError
        For NaN or infinite values.

    Examples
    --------
    >>> convert("Toy", "p", 1), convert("Toy", "p", sympy.Rational(1, 3))
    (Fraction(1, 1), Fraction(1, 3))
    >>> convert("Toy", "p", sympy.sqrt(2)), convert("Toy", "p", sympy.sqrt(2), irrationals="float")
    (sqrt(2), 1.4142135623730951)
    >>> convert("Toy", "p", float("inf"))
    Traceback (most recent call last):
    ...
    nea_games.errors.NonFiniteError: Toy: p must be finite, got inf
    """
    if isinstance(value, bool):
        raise PayoffTypeError(f"{owner}: {name} must be a number or sympy expression, got a bool")
    if isinstance(value, str):
        try:
            return Fraction(value.strip())
        except (ValueError, ZeroDivisionError):
            raise PayoffTypeError(
                f"{owner}: {name} must be a number such as 3/5 or 0.6, got the text {value!r}"
            ) from None
    if isinstance(value, sympy.Basic):
        if value.free_symbols:
            return value
        if value.is_Rational:
            return Fraction(int(value.p), int(value.q))  # type: ignore[attr-defined]
        if value in _INFINITE or value.is_finite is False:
            raise NonFiniteError(f"{owner}: {name} must be finite, got {value}")
        if value.is_real and (irrationals == "float" or value.atoms(sympy.Float)):
            return convert(owner, name, float(value))  # type: ignore[arg-type]
        if value.is_real:
            return value  # an exact irrational number such as log(12)
        raise PayoffTypeError(f"{owner}: {name} must be a finite real number, got {value}")
    if isinstance(value, numbers.Rational):
        return Fraction(int(value.numerator), int(value.denominator))
    if isinstance(value, numbers.Real):
        x = float(value)
        if not math.isfinite(x):
            raise NonFiniteError(f"{owner}: {name} must be finite, got {value!r}")
        return x
    raise PayoffTypeError(f"{owner}: {name} must be a number or sympy expression, got {type(value).__name__}")


def value_kind(values: Iterable[Any]) -> Kind:
    """``"symbolic"`` if a value has a free symbol, else ``"float"`` if one is a float, else ``"exact"``.

    Examples
    --------
    >>> value_kind([Fraction(1), sympy.Symbol("x")]), value_kind([Fraction(1), sympy.sqrt(2)])
    ('symbolic', 'exact')
    """
    items = list(values)
    if any(is_symbolic(v) for v in items):
        return "symbolic"
    return "float" if any(isinstance(v, float) for v in items) else "exact"


@dataclass(frozen=True)
class Range:
    """A numeric range for one parameter; ``None`` bounds are open to infinity.

    ``probability=True`` makes a violation a :class:`~nea_games.errors.ProbabilityError`.

    Examples
    --------
    >>> Range(0, None, open_low=True).describe(), Range(0, 1).contains(Fraction(1, 2))
    ('(0, oo)', True)
    """

    low: Any = None
    high: Any = None
    open_low: bool = False
    open_high: bool = False
    probability: bool = False

    def describe(self) -> str:
        """The range in interval notation, e.g. ``[0, 1]`` or ``(0, oo)``."""
        lo = "(" if self.open_low or self.low is None else "["
        hi = ")" if self.open_high or self.high is None else "]"
        low = "-oo" if self.low is None else str(self.low)
        high = "oo" if self.high is None else str(self.high)
        return f"{lo}{low}, {high}{hi}"

    def contains(self, value: Any) -> bool:
        """Whether a numeric value lies in the range."""
        if self.low is not None and (value <= self.low if self.open_low else value < self.low):
            return False
        return not (self.high is not None and (value >= self.high if self.open_high else value > self.high))

    def check(self, owner: str, name: str, value: Any) -> None:
        """Raise if a numeric ``value`` lies outside the range; symbolic values pass.

        Raises
        ------
        nea_games.errors.ProbabilityError
            When ``probability`` is set and the value is outside the range.
        nea_games.errors.ValidationError
            Otherwise, when the value is outside the range.
        """
        if is_symbolic(value) or self.contains(value):
            return
        error = ProbabilityError if self.probability else ValidationError
        raise error(f"{owner}: {name} must lie in {self.describe()}, got {value}")


def check_range(
    owner: str,
    name: str,
    value: Any,
    low: Any = None,
    high: Any = None,
    *,
    open_low: bool = False,
    open_high: bool = False,
    probability: bool = False,
) -> None:
    """Raise if a numeric ``value`` lies outside the range (see :meth:`Range.check`).

    Examples
    --------
    >>> check_range("Toy", "rate", Fraction(0), 0, open_low=True)
    Traceback (most recent call last):
    ...
    nea_games.errors.ValidationError: Toy: rate must lie in (0, oo), got 0
    """
    Range(low, high, open_low, open_high, probability).check(owner, name, value)


def to_sympy(value: Any) -> Any:
    """A value as a sympy object (a ``Fraction`` becomes an exact ``Rational``).

    Examples
    --------
    >>> to_sympy(Fraction(1, 3)), to_sympy(0.5)
    (1/3, 0.500000000000000)
    """
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, float):
        return sympy.Float(value)
    return sympy.sympify(value)


def sympy_value(owner: str, name: str, value: Any) -> Any:
    """A raw value checked by :func:`convert` and returned as a sympy object (:func:`to_sympy`).

    Examples
    --------
    >>> sympy_value("Toy", "T", "5/2"), sympy_value("Toy", "T", 2)
    (5/2, 2)
    """
    return to_sympy(convert(owner, name, value))


def exact_output(value: Any, kind: Kind | None = None) -> Any:
    """A result for the user: rationals as ``Fraction``, exact irrationals and formulas as sympy.

    With ``kind="float"`` every number becomes a ``float``, as does a sympy number that
    contains a ``Float`` (floats are contagious, as in :func:`convert`); infinities are always
    ``float`` (``inf`` for "never"). A sympy ``true``/``false`` becomes a ``bool``; other relations,
    expressions with free symbols and non-numbers (``None``, strings, tuples) are returned
    unchanged.

    Examples
    --------
    >>> exact_output(sympy.Rational(3, 4)), exact_output(sympy.log(12)), exact_output(sympy.oo)
    (Fraction(3, 4), log(12), inf)
    >>> exact_output(sympy.log(12), "float")
    2.484906649788...
    """
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, numbers.Number) and not isinstance(value, sympy.Basic):
        if kind == "float" and isinstance(value, numbers.Real):
            return float(value)
        if isinstance(value, numbers.Rational):
            return Fraction(int(value.numerator), int(value.denominator))
        return value
    if not isinstance(value, sympy.Basic):
        return value
    if value is sympy.true or value is sympy.false:
        return bool(value)
    if value.free_symbols or isinstance(value, sympy.logic.boolalg.Boolean):
        return value
    if value in (sympy.oo, -sympy.oo) or kind == "float" or value.atoms(sympy.Float):
        return float(value)  # type: ignore[arg-type]
    if value.is_Rational:
        return Fraction(int(value.p), int(value.q))  # type: ignore[attr-defined]
    return value  # exact irrationals such as 9/16 - sqrt(33)/16 stay sympy expressions


def is_array(value: Any) -> bool:
    """Whether ``value`` is a batch of numbers (a numpy array, list or tuple) rather than one number."""
    return isinstance(value, (np.ndarray, list, tuple))


def time_array(owner: str, t: Any) -> npt.NDArray[np.float64]:
    """A batch of times as a float array, each finite and :math:`\\ge 0`.

    Raises
    ------
    nea_games.errors.PayoffTypeError
        If an entry is not a number.
    nea_games.errors.NonFiniteError
        If a time is NaN or infinite.
    nea_games.errors.ValidationError
        If a time is negative.

    Examples
    --------
    >>> time_array("Toy", [0, 1.5])
    array([0. , 1.5])
    >>> time_array("Toy", [1, -2])
    Traceback (most recent call last):
    ...
    nea_games.errors.ValidationError: Toy: times must be >= 0, got min(t) = -2
    """
    try:
        array = np.asarray(t, dtype=float)
    except (TypeError, ValueError):
        raise PayoffTypeError(f"{owner}: t must be numbers, got {t!r}") from None
    if not np.all(np.isfinite(array)):
        raise NonFiniteError(f"{owner}: every time in t must be finite")
    if np.any(array < 0):
        raise ValidationError(f"{owner}: times must be >= 0, got min(t) = {array.min():g}")
    return array
