r"""Parameter handling shared by the Northeast Asia models.

Every model is a frozen dataclass whose fields are numbers or sympy
expressions, each assumed to lie in a range such as :math:`p \in [0, 1]` or
:math:`k \in (0, \infty)` (a :class:`Range`). :func:`validate_fields`
converts every field to the library's representation with :func:`convert`
(integers and rationals become :class:`fractions.Fraction`, floats and exact
irrationals such as ``sqrt(2)`` become floats, expressions with free symbols
stay sympy) and rejects numeric values outside
their range, naming the model, the parameter and the range. Symbolic values
are never range-checked; :func:`range_assumptions` turns the same ranges into
sympy facts for :func:`nea_games.analysis.conditions.conditions`.

The number handling itself (conversion, :func:`check_range`,
:func:`is_symbolic`, :func:`to_sympy`, :func:`exact_output`) lives in
:mod:`nea_games._values`, shared with the analysis and solver modules, and is
re-exported here for the models. Unlike the analysis functions, which keep an
exact irrational input exact, a model evaluates it to a float: its game
solvers and root finders work over the rationals.

Examples
--------
>>> from dataclasses import dataclass
>>> import sympy
>>> @dataclass(frozen=True)
... class Toy:
...     p: object = "1/2"
...     def __post_init__(self) -> None:
...         validate_fields(self, {"p": PROBABILITY})
>>> Toy().p
Fraction(1, 2)
>>> range_assumptions(Toy(sympy.Symbol("p")), {"p": PROBABILITY})
[p >= 0, p <= 1]
>>> Toy(2)
Traceback (most recent call last):
...
nea_games.errors.ProbabilityError: Toy: p must lie in [0, 1], got 2
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from nea_games import _values
from nea_games._values import Range, check_range, exact_output, is_symbolic, to_sympy

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


def convert(owner: str, name: str, value: Any) -> Any:
    """One model parameter as a ``Fraction``, a ``float`` or a symbolic expression.

    :func:`nea_games._values.convert` with exact irrationals (``sqrt(2)``, ``log(3)``)
    evaluated to floats: the models compute with rationals, floats and symbols, and
    their exact game solvers need rational payoffs.
    """
    return _values.convert(owner, name, value, irrationals="float")


PROBABILITY = Range(0, 1, probability=True)
POSITIVE = Range(0, None, open_low=True)
NONNEGATIVE = Range(0, None)
REAL = Range()


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
            spec.check(title, name, value)


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
