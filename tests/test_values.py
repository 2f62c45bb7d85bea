"""The shared parameter-value helpers (nea_games._values) and the models' variant of them.

Expected values are the definitions of the three kinds written out by hand: rationals are
``Fraction``, floats are finite ``float``, anything with a free symbol stays symbolic; exact
irrationals stay sympy numbers for the analysis functions and become floats in a model.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from nea_games import _values
from nea_games._values import (
    Range,
    check_range,
    convert,
    exact_output,
    is_symbolic,
    sympy_value,
    time_array,
    to_sympy,
    value_kind,
)
from nea_games.errors import NonFiniteError, PayoffTypeError, ProbabilityError, ValidationError
from nea_games.models import _parameters
from nea_games.models.quasi_alliance import QuasiAllianceModel

F = Fraction
x = sympy.Symbol("x")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (3, F(3)),
        (F(2, 6), F(1, 3)),
        (sympy.Rational(5, 4), F(5, 4)),
        (" 3/5 ", F(3, 5)),
        ("0.25", F(1, 4)),
        (np.int64(7), F(7)),
        (0.5, 0.5),
        (np.float64(0.25), 0.25),
        (sympy.Float(0.5), 0.5),
    ],
)
def test_convert_numbers(raw: object, expected: object) -> None:
    out = convert("Toy", "p", raw)
    assert out == expected and type(out) is type(expected)


def test_convert_keeps_symbols_and_exact_irrationals() -> None:
    assert convert("Toy", "p", x + 1) == x + 1
    assert convert("Toy", "t", sympy.log(12)) == sympy.log(12)
    # a Float inside an otherwise exact number makes the whole number a float
    assert convert("Toy", "t", sympy.Float(0.5) * sympy.sqrt(2)) == pytest.approx(math.sqrt(2) / 2)
    # the models evaluate exact irrationals: sqrt(2) = 1.41421356...
    assert convert("Toy", "p", sympy.sqrt(2), irrationals="float") == pytest.approx(1.4142135623730951)
    assert _parameters.convert("Toy", "p", sympy.sqrt(2)) == pytest.approx(1.4142135623730951)
    assert _parameters.convert("Toy", "p", x) == x


@pytest.mark.parametrize(
    ("raw", "error", "words"),
    [
        (True, PayoffTypeError, "got a bool"),
        ("fast", PayoffTypeError, "got the text 'fast'"),
        ("1/0", PayoffTypeError, "got the text"),
        ([1], PayoffTypeError, "got list"),
        (sympy.I, PayoffTypeError, "finite real number"),
        (float("nan"), NonFiniteError, "finite"),
        (float("-inf"), NonFiniteError, "finite"),
        (sympy.oo, NonFiniteError, "finite"),
        (sympy.zoo, NonFiniteError, "finite"),
    ],
)
def test_convert_rejects(raw: object, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=f"^Toy: p must .*{words}"):
        convert("Toy", "p", raw)


def test_value_kind() -> None:
    assert value_kind([F(1), sympy.sqrt(2)]) == "exact"
    assert value_kind([F(1), 0.5]) == "float"
    assert value_kind([0.5, x]) == "symbolic"
    assert value_kind([]) == "exact"
    assert is_symbolic(x) and not is_symbolic(sympy.sqrt(2)) and not is_symbolic(0.5)


def test_check_range_both_sides_of_each_bound() -> None:
    check_range("Toy", "p", F(0), 0, 1, probability=True)  # closed ends are inside
    check_range("Toy", "p", F(1), 0, 1, probability=True)
    with pytest.raises(ProbabilityError, match=r"^Toy: p must lie in \[0, 1\], got -1/10$"):
        check_range("Toy", "p", F(-1, 10), 0, 1, probability=True)
    with pytest.raises(ProbabilityError, match=r"got 11/10"):
        check_range("Toy", "p", F(11, 10), 0, 1, probability=True)
    check_range("Toy", "rate", F(1, 1000), 0, open_low=True)
    with pytest.raises(ValidationError, match=r"^Toy: rate must lie in \(0, oo\), got 0$"):
        check_range("Toy", "rate", F(0), 0, open_low=True)
    check_range("Toy", "rate", x, 0, open_low=True)  # symbols are not range-checked
    # an exact irrational is compared exactly: sqrt(2)/2 = 0.707... lies in (0, 1), sqrt(2) does not
    check_range("Toy", "p", sympy.sqrt(2) / 2, 0, 1)
    with pytest.raises(ValidationError, match="sqrt"):
        check_range("Toy", "p", sympy.sqrt(2), 0, 1)
    assert Range(None, 0, open_high=True).describe() == "(-oo, 0)"


def test_exact_output() -> None:
    assert exact_output(sympy.Rational(3, 4)) == F(3, 4)
    assert type(exact_output(sympy.Integer(2))) is F
    assert exact_output(sympy.log(12)) == sympy.log(12)
    assert exact_output(sympy.log(12), "float") == pytest.approx(math.log(12))
    assert exact_output(sympy.Float(0.25)) == 0.25 and type(exact_output(sympy.Float(0.25))) is float
    assert exact_output(sympy.oo) == math.inf and exact_output(-sympy.oo) == -math.inf
    assert exact_output(sympy.true) is True and exact_output(sympy.false) is False
    assert exact_output(x > 1) == (x > 1)
    assert exact_output(2) == F(2) and exact_output(2, "float") == 2.0
    assert exact_output(None) is None and exact_output("Pressure") == "Pressure"


def test_sympy_value_and_to_sympy() -> None:
    assert sympy_value("Toy", "T", "5/2") == sympy.Rational(5, 2)
    assert to_sympy(F(1, 3)) == sympy.Rational(1, 3) and to_sympy(0.5) == sympy.Float(0.5)
    with pytest.raises(PayoffTypeError, match="Toy: T"):
        sympy_value("Toy", "T", "__import__('os')")  # text is parsed as a number, never run


def test_time_array() -> None:
    np.testing.assert_array_equal(time_array("Toy", [0, 2.5]), [0.0, 2.5])
    with pytest.raises(ValidationError, match="times must be >= 0"):
        time_array("Toy", [1, -1])
    with pytest.raises(NonFiniteError):
        time_array("Toy", [math.inf])
    with pytest.raises(PayoffTypeError):
        time_array("Toy", ["soon"])
    assert _values.is_array((1, 2)) and not _values.is_array(F(1))


def test_a_model_evaluates_an_exact_irrational_parameter() -> None:
    # sqrt(2)/4 = 0.35355...: the model stores it as a float and solves in floats
    model = QuasiAllianceModel(kappa=sympy.sqrt(2) / 4)
    assert isinstance(model.kappa, float) and model.kappa == pytest.approx(math.sqrt(2) / 4)


@given(st.fractions(min_value=-100, max_value=100, max_denominator=1000))
def test_fractions_round_trip_exactly(value: Fraction) -> None:
    assert convert("Toy", "p", str(value)) == value
    assert exact_output(to_sympy(convert("Toy", "p", value))) == value


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_finite_floats_stay_floats(value: float) -> None:
    out = convert("Toy", "p", value)
    assert type(out) is float and out == value
    assert exact_output(to_sympy(out)) == value
