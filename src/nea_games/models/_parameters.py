"""Parameter handling shared by the Northeast Asia models.

Every model is a frozen dataclass whose fields are numbers or sympy
expressions. :func:`convert` turns one raw value into the library's
representation (integers and rationals become :class:`fractions.Fraction`,
floats stay floats, sympy expressions with free symbols are kept) and
:func:`check_range` rejects numeric values outside the range the model
assumes, naming the model, the parameter and the range. Symbolic values are
never range-checked; :func:`range_assumptions` turns the same ranges into
sympy facts for :func:`nea_games.analysis.conditions.conditions`.

Examples
--------
>>> convert("Toy", "p", 1)
Fraction(1, 1)
>>> check_range("Toy", "p", Fraction(3, 2), 0, 1)
Traceback (most recent call last):
...
nea_games.errors.ValidationError: Toy: p must lie in [0, 1], got 3/2
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from nea_games.errors import NonFiniteError, PayoffTypeError, ProbabilityError, ValidationError

__all__ = [
    "Range",
    "check_range",
    "convert",
    "exact_output",
    "is_symbolic",
    "range_assumptions",
    "to_sympy",
    "validate_fields",
]


def is_symbolic(value: Any) -> bool:
    """True for a sympy expression with at least one free symbol."""
    return isinstance(value, sympy.Basic) and bool(value.free_symbols)


def convert(owner: str, name: str, value: Any) -> Any:
    """One parameter value as a ``Fraction``, a finite ``float`` or a symbolic sympy expression.

    Strings are parsed as exact numbers (``"3/5"``) only, never evaluated as code.

    Raises
    ------
    nea_games.errors.PayoffTypeError
        For booleans, non-numbers and non-real sympy numbers.
    nea_games.errors.NonFiniteError
        For NaN or infinite values.
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
        if value.is_real:
            return convert(owner, name, float(value))  # type: ignore[arg-type]
        raise PayoffTypeError(f"{owner}: {name} must be real, got {value}")
    if isinstance(value, numbers.Rational):
        return Fraction(int(value.numerator), int(value.denominator))
    if isinstance(value, numbers.Real):
        x = float(value)
        if not math.isfinite(x):
            raise NonFiniteError(f"{owner}: {name} must be finite, got {value!r}")
        return x
    raise PayoffTypeError(f"{owner}: {name} must be a number or sympy expression, got {type(value).__name__}")


@dataclass(frozen=True)
class Range:
    """The numeric range a model assumes for one parameter.

    ``None`` bounds are open to infinity. ``probability=True`` makes a
    violation a :class:`~nea_games.errors.ProbabilityError`.
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


PROBABILITY = Range(0, 1, probability=True)
POSITIVE = Range(0, None, open_low=True)
NONNEGATIVE = Range(0, None)
REAL = Range()


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
    """Raise if a numeric ``value`` lies outside the range; symbolic values pass.

    Raises
    ------
    nea_games.errors.ProbabilityError
        When ``probability`` is set and the value is outside the range.
    nea_games.errors.ValidationError
        Otherwise, when the value is outside the range.
    """
    if is_symbolic(value):
        return
    spec = Range(low, high, open_low, open_high, probability)
    if spec.contains(value):
        return
    error = ProbabilityError if probability else ValidationError
    raise error(f"{owner}: {name} must lie in {spec.describe()}, got {value}")


def validate_fields(owner: Any, ranges: Mapping[str, Range]) -> None:
    """Convert every field of a frozen dataclass in place and check it against ``ranges``.

    Call from ``__post_init__``. Fields missing from ``ranges`` are only converted.
    """
    title = type(owner).__name__
    for name in (f.name for f in dataclasses.fields(owner)):
        value = convert(title, name, getattr(owner, name))
        object.__setattr__(owner, name, value)
        spec = ranges.get(name)
        if spec is not None:
            check_range(
                title,
                name,
                value,
                spec.low,
                spec.high,
                open_low=spec.open_low,
                open_high=spec.open_high,
                probability=spec.probability,
            )


def range_assumptions(owner: Any, ranges: Mapping[str, Range]) -> list[Any]:
    """The ranges of the *symbolic* fields as sympy relations (for ``conditions(assumptions=...)``)."""
    facts: list[Any] = []
    for name, spec in ranges.items():
        value = getattr(owner, name)
        if not is_symbolic(value):
            continue
        if spec.low is not None:
            facts.append(value > spec.low if spec.open_low else value >= spec.low)
        if spec.high is not None:
            facts.append(value < spec.high if spec.open_high else value <= spec.high)
    return facts


def to_sympy(value: Any) -> Any:
    """A parameter value as a sympy object (Fractions become exact rationals)."""
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, float):
        return sympy.Float(value)
    return sympy.sympify(value)


def exact_output(value: Any) -> Any:
    """A derived quantity for a headline: rationals as ``Fraction``, other numbers as ``float``.

    Symbolic expressions and non-numbers (strings, tuples, booleans) are returned unchanged.
    """
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (Fraction, float)):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, sympy.Basic):
        if value.free_symbols or isinstance(value, (sympy.logic.boolalg.Boolean,)):
            if value is sympy.true or value is sympy.false:
                return bool(value)
            return value
        if value.is_Rational:
            return Fraction(int(value.p), int(value.q))  # type: ignore[attr-defined]
        if value in (sympy.oo, -sympy.oo):
            return float(value)  # type: ignore[arg-type]
        # exact irrationals such as 9/16 - sqrt(33)/16 stay sympy expressions
    return value
