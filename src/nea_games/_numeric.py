"""Number handling shared by games and solvers.

nea_games keeps three kinds of payoffs apart:

``"exact"``
    Python ``int``, :class:`fractions.Fraction` and sympy rationals. Stored as
    ``Fraction`` in numpy object arrays; solvers keep results exact.
``"float"``
    Anything with a finite floating-point value. Stored as ``float64``;
    comparisons go through :func:`tolerance_for` and :data:`TOLERANCE`.
``"symbolic"``
    sympy expressions with free symbols (parametric games), or exact
    irrational constants.

All float comparisons in the library use the single absolute tolerance
``TOLERANCE * max(1, scale)`` where ``scale`` is the largest absolute payoff.
"""

from __future__ import annotations

import math
import numbers
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import reduce
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import sympy

from nea_games.errors import NonFiniteError, PayoffTypeError

__all__ = [
    "TOLERANCE",
    "Kind",
    "Number",
    "as_fraction",
    "classify",
    "convert_entries",
    "exact_values",
    "expected_payoffs",
    "integer_payoffs",
    "is_zero",
    "sums_to_one",
    "tolerance_for",
]

#: Relative tolerance used for every float comparison in the library.
TOLERANCE: float = 1e-9

Kind = Literal["exact", "float", "symbolic"]
Number = int | Fraction | float


def tolerance_for(values: npt.ArrayLike) -> float:
    """Absolute tolerance for comparing numbers of the size of ``values``.

    Examples
    --------
    >>> tolerance_for([1.0, -250.0]) == 250 * TOLERANCE
    True
    """
    array = np.asarray(values, dtype=float)
    scale = float(np.max(np.abs(array))) if array.size else 1.0
    return TOLERANCE * max(1.0, scale)


def _classify_one(value: Any, where: str) -> Kind:
    if isinstance(value, bool):
        raise PayoffTypeError(f"{where}: booleans are not payoffs, got {value!r}")
    if isinstance(value, (int, np.integer, Fraction)):
        return "exact"
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(float(value)):
            raise NonFiniteError(f"{where}: payoff is {float(value)!r}; payoffs must be finite")
        return "float"
    if isinstance(value, sympy.Basic):
        if value.free_symbols:
            return "symbolic"
        if value.is_Rational:
            return "exact"
        if value.is_Float:
            if not value.is_finite:
                raise NonFiniteError(f"{where}: payoff is {value}; payoffs must be finite")
            return "float"
        if value.is_number:
            if value.is_finite is False or value.has(sympy.nan, sympy.zoo):
                raise NonFiniteError(f"{where}: payoff is {value}; payoffs must be finite")
            if value.is_real is False:
                raise PayoffTypeError(f"{where}: payoff {value} is not a real number")
            return "symbolic"
        raise PayoffTypeError(f"{where}: cannot use {value!r} as a payoff")
    if isinstance(value, numbers.Rational):
        return "exact"
    if isinstance(value, numbers.Real):
        return _classify_one(float(value), where)
    raise PayoffTypeError(
        f"{where}: cannot use {value!r} of type {type(value).__name__} as a payoff; "
        "use int, Fraction, float or a sympy expression"
    )


def classify(values: Iterable[Any], where: str = "payoffs") -> Kind:
    """Return the common kind of a collection of payoff entries.

    Floats win over exact numbers (an exact game with one float entry becomes
    a float game); free symbols win over both.

    Examples
    --------
    >>> from fractions import Fraction
    >>> classify([1, Fraction(1, 2)])
    'exact'
    >>> classify([1, 0.5])
    'float'
    """
    kinds = {_classify_one(v, where) for v in values}
    if "symbolic" in kinds:
        return "symbolic"
    if "float" in kinds:
        return "float"
    return "exact"


def as_fraction(value: Any) -> Fraction:
    """Convert an exact number (int, Fraction, sympy Rational) to ``Fraction``."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, (int, np.integer)):
        return Fraction(int(value))
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    if isinstance(value, numbers.Rational):
        return Fraction(int(value.numerator), int(value.denominator))
    raise PayoffTypeError(f"{value!r} is not an exact rational number")


def _to_symbolic(value: Any) -> Any:
    if isinstance(value, sympy.Basic):
        return value
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, (float, np.floating)):
        return sympy.Float(float(value))
    return sympy.sympify(int(value))


def convert_entries(array: npt.NDArray[Any], kind: Kind) -> npt.NDArray[Any]:
    """Convert every entry of an object array to the storage type of ``kind``."""
    flat = array.reshape(-1)
    if kind == "float":
        out = np.empty(flat.shape, dtype=float)
        for k, value in enumerate(flat):
            out[k] = float(value)
        return out.reshape(array.shape)
    converter = as_fraction if kind == "exact" else _to_symbolic
    result = np.empty(flat.shape, dtype=object)
    for k, value in enumerate(flat):
        result[k] = converter(value)
    return result.reshape(array.shape)


def integer_payoffs(payoffs: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """Scale each player's exact payoffs by a positive integer to make them integers.

    A positive rescaling of one player's payoffs leaves every equilibrium
    unchanged, so solvers can work with integers. Returns ``int64`` when every
    entry fits comfortably, else an object array of Python ints.

    Examples
    --------
    >>> from fractions import Fraction
    >>> integer_payoffs(np.array([[Fraction(1, 2), 1], [Fraction(1, 3), 2]], dtype=object))
    array([[1, 2],
           [1, 6]])
    """
    out = np.empty(payoffs.shape, dtype=object)
    for i in range(payoffs.shape[0]):
        entries = [as_fraction(v) for v in payoffs[i].reshape(-1)]
        lcm = reduce(math.lcm, (f.denominator for f in entries), 1)
        out[i] = np.array([int(f * lcm) for f in entries], dtype=object).reshape(payoffs.shape[1:])
    largest = max((abs(int(v)) for v in out.reshape(-1)), default=0)
    if largest < 2**40:
        return out.astype(np.int64)
    return out


def is_zero(value: Any, tol: float) -> bool:
    """True when ``value`` is zero: exactly for exact numbers, within ``tol`` for floats."""
    if isinstance(value, (Fraction, int, np.integer)):
        return value == 0
    return abs(float(value)) <= tol


def expected_payoffs(payoffs: npt.NDArray[Any], strategies: Sequence[Sequence[Any]]) -> list[Any]:
    """Expected payoff of every player under a mixed-strategy profile.

    ``payoffs`` has shape ``(n_players, *n_actions)``; ``strategies[i]`` is
    player i's probability vector. Exact inputs give exact outputs.

    Examples
    --------
    >>> A = np.array([[[1, 0], [0, 1]], [[0, 1], [1, 0]]], dtype=float)
    >>> expected_payoffs(A, [[0.5, 0.5], [0.5, 0.5]])
    [0.5, 0.5]
    """
    values = []
    for i in range(payoffs.shape[0]):
        values.append(_contract(payoffs[i], strategies, skip=None))
    return values


def deviation_payoffs(
    payoffs: npt.NDArray[Any], strategies: Sequence[Sequence[Any]], player: int
) -> npt.NDArray[Any]:
    """Payoff of each pure action of ``player`` against the others' mixed strategies."""
    return np.asarray(_contract(payoffs[player], strategies, skip=player))


def _contract(table: npt.NDArray[Any], strategies: Sequence[Sequence[Any]], skip: int | None) -> Any:
    result: Any = table
    # contract from the last axis so that earlier axis numbers stay valid
    for j in range(len(strategies) - 1, -1, -1):
        if j == skip:
            continue
        vector = np.asarray(strategies[j], dtype=table.dtype if table.dtype != object else object)
        result = np.tensordot(result, vector, axes=([j], [0]))
    if isinstance(result, np.ndarray) and result.ndim == 0:
        return result.item()
    return result


# --------------------------------------------------------------------------- exact values on integers
#: Largest magnitude an ``int64`` contraction may reach before Python integers are used instead.
_INT64_SAFE = 2**62


def _common_denominator(strategy: Sequence[Any]) -> tuple[list[int], int]:
    """``strategy`` as integer numerators over the least common denominator of its entries."""
    values = [as_fraction(v) for v in strategy]
    denominator = reduce(math.lcm, (v.denominator for v in values), 1)
    return [v.numerator * (denominator // v.denominator) for v in values], denominator


def sums_to_one(values: Sequence[Fraction]) -> bool:
    """True when exact ``values`` sum to exactly one (integer arithmetic over a common denominator).

    Examples
    --------
    >>> sums_to_one([Fraction(1, 3), Fraction(2, 3)]), sums_to_one([Fraction(1, 2), Fraction(1, 3)])
    (True, False)
    """
    numerators, denominator = _common_denominator(values)
    return sum(numerators) == denominator


@dataclass(frozen=True)
class _Tables:
    """Per-game constants of :func:`exact_values`: each player's scale, largest entry, object copy."""

    scales: tuple[int, ...]
    largest: tuple[int, ...]
    objects: npt.NDArray[Any]


#: ``id(integer table) -> (weak reference, constants)``; games cache their integer table, so it repeats.
_TABLES: dict[int, tuple[weakref.ref[npt.NDArray[Any]], _Tables]] = {}


def _tables(payoffs: npt.NDArray[Any], integer: npt.NDArray[Any]) -> _Tables:
    """The constants for ``integer``, computed once per table object."""
    cached = _TABLES.get(id(integer))
    if cached is not None and cached[0]() is integer:
        return cached[1]
    scales, largest = [], []
    for i in range(integer.shape[0]):
        flat = integer[i].reshape(-1)
        nonzero = np.flatnonzero(flat != 0)
        if len(nonzero):  # integer[i] = s * payoffs[i] for one positive integer s
            k = int(nonzero[0])
            scales.append(int(Fraction(int(flat[k])) / as_fraction(payoffs[i].reshape(-1)[k])))
        else:
            scales.append(1)
        largest.append(max((abs(int(v)) for v in flat.tolist()), default=0))
    tables = _Tables(tuple(scales), tuple(largest), integer.astype(object))
    if len(_TABLES) >= 64:
        _TABLES.clear()
    _TABLES[id(integer)] = (weakref.ref(integer), tables)
    return tables


def _contract_axis(result: Any, vector: npt.NDArray[Any], axis: int) -> Any:
    if result.ndim == 2:  # the two-player case, without tensordot's overhead
        return result @ vector if axis == 1 else vector @ result
    return np.tensordot(result, vector, axes=([axis], [0]))


def exact_values(
    payoffs: npt.NDArray[Any], integer: npt.NDArray[Any], strategies: Sequence[Sequence[Any]]
) -> tuple[list[Fraction], list[Fraction]]:
    r"""Every player's best pure-deviation payoff and expected payoff, exactly, in integer arithmetic.

    ``payoffs`` are the exact payoffs (``Fraction``) and ``integer`` the same
    tables with each player's scaled by a positive integer :math:`s_i` (as
    :func:`integer_payoffs` returns them); ``strategies`` are exact
    probability vectors. Each strategy is written as integer numerators
    :math:`c_j` over its least common denominator :math:`D_j`. Contracting
    player :math:`i`'s integer table with the other players' numerators gives
    :math:`s_i \prod_{j \ne i} D_j` times the payoff of each of
    :math:`i`'s pure actions, in integers (``int64`` when the bound
    :math:`\max|u_i| \prod_j D_j` fits, Python integers otherwise); the
    maximum and the product with :math:`c_i` are divided back into one
    ``Fraction`` each. The results equal the ``Fraction`` computation exactly.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> exact = np.array([[[F(2), F(0)], [F(0), F(1)]], [[F(1), F(0)], [F(0), F(2)]]], dtype=object)
    >>> best, expected = exact_values(exact, integer_payoffs(exact), [[F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)]])
    >>> best == expected == [F(2, 3), F(2, 3)]
    True
    >>> exact_values(exact, integer_payoffs(exact), [[1, 0], [0, 1]])  # (row 0, column 1) pays 0
    ([Fraction(1, 1), Fraction(1, 1)], [Fraction(0, 1), Fraction(0, 1)])
    """
    tables = _tables(payoffs, integer)
    columns = [_common_denominator(s) for s in strategies]
    everything = math.prod(d for _, d in columns)
    best: list[Fraction] = []
    expected: list[Fraction] = []
    for i in range(integer.shape[0]):
        small = integer.dtype != object and tables.largest[i] * everything < _INT64_SAFE
        dtype: Any = np.int64 if small else object
        result: Any = integer[i] if small else tables.objects[i]
        for j in range(len(columns) - 1, -1, -1):  # contract from the last axis, skipping player i
            if j != i:
                result = _contract_axis(result, np.array(columns[j][0], dtype=dtype), j)
        scale = tables.scales[i] * (everything // columns[i][1])
        deviations = [int(v) for v in np.asarray(result).reshape(-1).tolist()]
        total = sum(v * c for v, c in zip(deviations, columns[i][0], strict=True))
        best.append(Fraction(max(deviations), scale))
        expected.append(Fraction(total, scale * columns[i][1]))
    return best, expected
