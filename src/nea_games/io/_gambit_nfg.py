"""Reader and writer of Gambit's strategic-form (``.nfg``) files.

Grammar accepted (tokens as in :mod:`nea_games.io._gambit_lexer`)::

    file      := "NFG" "1" ("R" | "D") title players strategies [comment] body
    players   := "{" string* "}"
    strategies:= "{" count+ "}"                       (number of strategies of each player)
               | "{" ( "{" string+ "}" )+ "}"         (strategy names of each player)
    body      := number*                              payoff form: one payoff per player and profile
               | "{" outcome* "}" index*              outcome form
    outcome   := "{" string number ( [","] number )* [","] "}"

Profiles are listed with the first player's strategy varying fastest. In the
outcome form, each profile gets the number of an outcome (1-based, in the order
listed), ``0`` being the null outcome that pays zero to everybody.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import sympy

from nea_games.errors import NeaGamesError, ParametricGameError, ParseError, UnsupportedGameError
from nea_games.games.normal_form import NormalFormGame
from nea_games.io._gambit_lexer import Lexer, format_number, quote

__all__ = ["MAX_PAYOFF_ENTRIES", "NfgForm", "exact_entries", "parse_nfg", "unique_names", "write_nfg"]

#: Largest table a file may declare: players x profiles payoff entries.
MAX_PAYOFF_ENTRIES = 10_000_000

NfgForm = Literal["payoff", "outcome"]


@dataclass(frozen=True)
class NfgParse:
    """What an ``.nfg`` file holds besides the game: its comment and form."""

    game: NormalFormGame
    comment: str
    form: NfgForm


def unique_names(labels: Sequence[str], default: Callable[[int], str]) -> tuple[str, ...]:
    """Turn file labels into distinct non-empty names.

    An empty label becomes ``default(k)`` (``k`` is 1-based); a label already
    taken gets the first free suffix ``_2``, ``_3``, ...

    Examples
    --------
    >>> unique_names(["a", "", "a", "a_2"], lambda k: str(k))
    ('a', '2', 'a_2', 'a_2_2')
    """
    seen: set[str] = set()
    counters: dict[str, int] = {}
    result = []
    for k, label in enumerate(labels, start=1):
        name = label if label else default(k)
        if name in seen:
            base = name
            suffix = counters.get(base, 2)
            while f"{base}_{suffix}" in seen:
                suffix += 1
            counters[base] = suffix + 1
            name = f"{base}_{suffix}"
        seen.add(name)
        result.append(name)
    return tuple(result)


# --------------------------------------------------------------------------- reading
def read_header(lexer: Lexer, magic: str, version: str) -> None:
    """``NFG 1 R`` or ``EFG 2 R`` (``D`` is accepted for ``R``, as Gambit does)."""
    token = lexer.peek()
    if token.kind != "word" or token.text != magic:
        lexer.expected(f"{magic!r} at the start of the file", token)
    lexer.next()
    token = lexer.peek()
    if token.kind != "number" or token.text != version:
        lexer.expected(f"the version number {version} after {magic!r}", token)
    lexer.next()
    token = lexer.peek()
    if token.kind != "word" or token.text not in ("R", "D"):
        lexer.expected(f"'R' after '{magic} {version}'", token)
    lexer.next()


def read_string_list(lexer: Lexer, what: str) -> list[str]:
    """``{ "a" "b" ... }`` (possibly empty)."""
    lexer.expect("{", f"'{{' opening the {what}")
    items = []
    while not lexer.at("}"):
        token = lexer.peek()
        if token.kind != "string":
            lexer.expected(f"a quoted name or '}}' closing the {what}", token)
        items.append(lexer.next().text)
    lexer.next()
    return items


def read_payoff_vector(lexer: Lexer, n_players: int, what: str) -> tuple[Fraction, ...]:
    """``{ x1[,] x2[,] ... }`` with exactly one number per player."""
    lexer.expect("{", f"'{{' opening the payoffs of {what}")
    return _rest_of_vector(lexer, n_players, what)


def _strategies(lexer: Lexer, n_players: int) -> tuple[list[int], list[list[str]] | None]:
    """The strategy counts or names: ``(shape, names)``, ``names`` None for counts."""
    lexer.expect("{", "'{' opening the list of strategies")
    shape: list[int] = []
    names: list[list[str]] | None = None
    if lexer.at("{"):
        names = []
        while lexer.at("{"):
            if len(names) == n_players:
                lexer.expected(f"'}}' closing the strategy lists ({n_players} players)")
            labels = read_string_list(lexer, f"strategy list of player {len(names) + 1}")
            if not labels:
                lexer.error(f"player {len(names) + 1} has no strategies", lexer.peek().offset)
            names.append(labels)
            shape.append(len(labels))
    else:
        while lexer.at("number"):
            if len(shape) == n_players:
                lexer.expected(f"'}}' closing the strategy counts ({n_players} players)")
            shape.append(lexer.integer(f"the number of strategies of player {len(shape) + 1}", minimum=1))
    if len(shape) != n_players:
        lexer.expected(f"the strategies of player {len(shape) + 1} ({n_players} players)")
    lexer.expect("}", "'}' closing the list of strategies")
    return shape, names


def _table_size(lexer: Lexer, shape: Sequence[int], offset: int) -> int:
    """Number of profiles, refusing tables of more than MAX_PAYOFF_ENTRIES entries."""
    size = len(shape)
    for m in shape:
        size *= m
        if size > MAX_PAYOFF_ENTRIES:
            lexer.error(
                f"the declared table {'x'.join(map(str, shape))} has more than "
                f"{MAX_PAYOFF_ENTRIES} payoff entries (nea_games.io.gambit.MAX_PAYOFF_ENTRIES)",
                offset,
            )
    return size // len(shape)


def _profile_name(k: int, shape: Sequence[int]) -> str:
    digits = []
    for m in shape:
        digits.append(str(k % m + 1))
        k //= m
    return "profile (" + ",".join(digits) + ")"


def _to_array(values: list[Fraction], n_players: int, shape: Sequence[int]) -> npt.NDArray[Any]:
    flat = np.empty(len(values), dtype=object)
    flat[:] = values
    by_player = flat.reshape(-1, n_players).T
    return by_player.reshape((n_players, *shape), order="F")


def parse_nfg(lexer: Lexer) -> NfgParse:
    """Parse a whole ``.nfg`` file from ``lexer`` (which must be at its start)."""
    read_header(lexer, "NFG", "1")
    title = lexer.string("the title of the game (a quoted string)")
    players_at = lexer.peek().offset
    players = read_string_list(lexer, "player list")
    if not players:
        lexer.error("the player list is empty; a game needs at least one player", players_at)
    n = len(players)
    shape, names = _strategies(lexer, n)
    n_profiles = _table_size(lexer, shape, players_at)
    strategies = names if names is not None else [[str(k) for k in range(1, m + 1)] for m in shape]
    comment = lexer.accept("string")
    values: list[Fraction] = []
    form: NfgForm
    if lexer.at("{"):
        form = "outcome"
        lexer.next()
        outcomes: list[tuple[Fraction, ...]] = [tuple(Fraction(0) for _ in range(n))]
        while not lexer.at("}"):
            if not lexer.at("{"):
                lexer.expected("'{' opening an outcome or '}' closing the outcome list")
            lexer.next()
            lexer.string(f"the name of outcome {len(outcomes)} (a quoted string)")
            payoffs = _rest_of_vector(lexer, n, f"outcome {len(outcomes)}")
            outcomes.append(payoffs)
        lexer.next()
        for k in range(n_profiles):
            token = lexer.peek()
            index = lexer.integer(f"the outcome number of {_profile_name(k, shape)}")
            if index >= len(outcomes):
                lexer.error(
                    f"{_profile_name(k, shape)} refers to outcome {index}, but only "
                    f"{len(outcomes) - 1} outcomes are defined",
                    token.offset,
                )
            values.extend(outcomes[index])
    else:
        form = "payoff"
        for k in range(n_profiles):
            for i in range(n):
                values.append(lexer.number(f"the payoff of player {i + 1} at {_profile_name(k, shape)}"))
    if not lexer.at("eof"):
        lexer.expected(f"the end of the file after {n_profiles} profiles")
    game = _make_game(lexer, title, players, strategies, _to_array(values, n, shape))
    return NfgParse(game, comment.text if comment else "", form)


def _rest_of_vector(lexer: Lexer, n_players: int, what: str) -> tuple[Fraction, ...]:
    values: list[Fraction] = []
    while not lexer.at("}"):
        if len(values) == n_players:
            lexer.expected(f"'}}' closing {what} ({n_players} players)")
        values.append(lexer.number(f"a payoff of {what}"))
        lexer.accept(",")
    if len(values) != n_players:
        lexer.expected(f"a payoff of {what} ({len(values)} given for {n_players} players)")
    lexer.next()
    return tuple(values)


def _make_game(
    lexer: Lexer, title: str, players: list[str], strategies: list[list[str]], array: npt.NDArray[Any]
) -> NormalFormGame:
    names = unique_names(players, lambda k: f"Player {k}")
    actions = [unique_names(s, str) for s in strategies]
    try:
        return NormalFormGame(names, actions, array, title=title)
    except NeaGamesError as error:  # pragma: no cover - the parser has checked everything
        raise ParseError(f"the file does not describe a valid game: {error}", source=lexer.source) from None


# --------------------------------------------------------------------------- writing
def exact_entries(values: Any, what: str) -> list[Any]:
    """Entries as Fractions or floats, refusing parameters and irrational constants."""
    result: list[Any] = []
    for value in values:
        if isinstance(value, sympy.Basic):
            if value.free_symbols:
                names = ", ".join(sorted(str(s) for s in value.free_symbols))
                raise ParametricGameError(
                    f"{what} has free parameters ({names}); Gambit files hold numbers only, "
                    "so substitute values first with game.subs(...)"
                )
            if not value.is_Rational:
                raise UnsupportedGameError(
                    f"{what} contains the irrational number {value}, which a Gambit file cannot hold exactly"
                )
            value = Fraction(int(value.p), int(value.q))
        elif not isinstance(value, (float, np.floating)):
            value = Fraction(value)
        result.append(value)
    return result


def write_nfg(game: NormalFormGame, *, comment: str = "", form: NfgForm = "payoff") -> str:
    """The text of an ``.nfg`` file for ``game``, in the payoff or the outcome form."""
    n = game.n_players
    entries = exact_entries(np.asarray(game.payoffs).reshape(-1), "the game")
    flat = np.empty(len(entries), dtype=object)
    flat[:] = entries
    # one column per profile, first player's action varying fastest
    table = flat.reshape(game.shape).reshape(n, -1, order="F")
    vectors = [tuple(table[:, k]) for k in range(table.shape[1])]
    lines = [f"NFG 1 R {quote(game.title)} {{ {' '.join(quote(p) for p in game.players)} }}", ""]
    lines.append("{ " + "\n".join("{ " + " ".join(quote(a) for a in acts) + " }" for acts in game.actions))
    lines.append("}")
    lines.append(quote(comment))
    lines.append("")
    if form == "payoff":
        lines.extend(" ".join(format_number(v) for v in vector) for vector in vectors)
    else:
        numbers: dict[tuple[Any, ...], int] = {}
        indices = []
        for vector in vectors:
            if all(v == 0 for v in vector):
                indices.append(0)
            else:
                indices.append(numbers.setdefault(vector, len(numbers) + 1))
        lines.append("{")
        for key in numbers:
            lines.append('{ "" ' + ", ".join(format_number(v) for v in key) + " }")
        lines.append("}")
        lines.append(" ".join(map(str, indices)))
    return "\n".join(lines) + "\n"
