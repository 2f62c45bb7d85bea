"""Validation and arithmetic of probability distributions (priors, beliefs).

Probabilities follow the same three kinds as payoffs (see
:mod:`nea_games._numeric`): exact (``Fraction``), float, or symbolic (sympy).
A distribution must be non-negative and sum to one: exactly for exact
entries, within :data:`nea_games._numeric.TOLERANCE` for floats, and
identically (after ``sympy.simplify``) for symbolic ones. A symbolic entry is
rejected as negative only when sympy can prove it negative.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from nea_games._numeric import TOLERANCE, Kind, classify, convert_entries
from nea_games.errors import NeaGamesError, NonFiniteError, ProbabilityError

__all__ = ["check_distribution", "combine_kinds", "is_exact_zero", "probability_kind"]

_RANK: dict[Kind, int] = {"exact": 0, "float": 1, "symbolic": 2}


def combine_kinds(*kinds: Kind) -> Kind:
    """The kind that can hold all of ``kinds``: symbolic > float > exact.

    Examples
    --------
    >>> combine_kinds("exact", "float")
    'float'
    """
    return max(kinds, key=lambda k: _RANK[k])


def probability_kind(values: npt.NDArray[Any], where: str) -> Kind:
    """Kind of an array of probabilities, with probability wording in errors."""
    try:
        return classify(values.reshape(-1), where)
    except NonFiniteError:
        raise NonFiniteError(f"{where}: probabilities must be finite numbers") from None
    except NeaGamesError as error:
        text = str(error).replace("payoff", "probability")
        raise type(error)(text) from None


def is_exact_zero(value: Any) -> bool:
    """True when ``value`` is exactly zero (a symbolic entry only if it simplifies to 0).

    Examples
    --------
    >>> is_exact_zero(Fraction(0)), is_exact_zero(0.0), is_exact_zero(1e-30)
    (True, True, False)
    """
    if isinstance(value, sympy.Basic):
        return bool(value == 0 or (value.free_symbols and sympy.simplify(value) == 0))
    return bool(value == 0)


def check_distribution(values: npt.NDArray[Any], where: str, kind: Kind | None = None) -> npt.NDArray[Any]:
    """Validate a probability distribution of any shape and convert it to ``kind``.

    Parameters
    ----------
    values : ndarray of object
        The probabilities (one per outcome; the array may have several axes).
    where : str
        Name used in error messages, e.g. ``"prior"``.
    kind : {"exact", "float", "symbolic"}, optional
        Storage kind; by default the kind of the entries.

    Raises
    ------
    nea_games.errors.ProbabilityError
        If an entry is negative, exceeds one, or the entries do not sum to one.
    nea_games.errors.NonFiniteError
        If an entry is NaN or infinite.

    Examples
    --------
    >>> check_distribution(np.array([Fraction(1, 3), Fraction(2, 3)], dtype=object), "prior")
    array([Fraction(1, 3), Fraction(2, 3)], dtype=object)
    >>> check_distribution(np.array([0.5, 0.6], dtype=object), "prior")
    Traceback (most recent call last):
    ...
    nea_games.errors.ProbabilityError: prior: probabilities sum to 1.1, not 1
    """
    own = probability_kind(values, where)
    kind = combine_kinds(own, kind) if kind is not None else own
    stored = convert_entries(values, kind)
    flat = stored.reshape(-1)
    if flat.size == 0:
        raise ProbabilityError(f"{where}: no probabilities given")
    if kind == "float":
        if float(np.min(flat)) < -TOLERANCE:
            raise ProbabilityError(f"{where}: probabilities must be non-negative, got {float(np.min(flat))}")
        if float(np.max(flat)) > 1 + TOLERANCE:
            raise ProbabilityError(f"{where}: a probability exceeds one ({float(np.max(flat))})")
        total = float(np.sum(flat))
        if abs(total - 1.0) > TOLERANCE * max(1, flat.size):
            raise ProbabilityError(f"{where}: probabilities sum to {total:.12g}, not 1")
        clipped: npt.NDArray[Any] = np.clip(stored.astype(float), 0.0, 1.0)
        clipped.setflags(write=False)
        return clipped
    if kind == "exact":
        for value in flat:
            if value < 0:
                raise ProbabilityError(f"{where}: probabilities must be non-negative, got {value}")
        total_f = sum(flat, Fraction(0))
        if total_f != 1:
            raise ProbabilityError(f"{where}: probabilities sum to {total_f}, not 1")
        stored.setflags(write=False)
        return stored
    for value in flat:
        if value.is_negative:
            raise ProbabilityError(f"{where}: probability {value} is negative")
    total_s = sympy.simplify(sympy.Add(*flat) - 1)
    if total_s != 0:
        raise ProbabilityError(f"{where}: probabilities sum to {sympy.simplify(total_s + 1)}, not 1")
    stored.setflags(write=False)
    return stored
