"""Fuzzing the Gambit readers: any input either parses or raises ParseError, quickly.

Random bytes, random token soup, and valid files mutated by deleting,
duplicating, swapping and inserting tokens or truncating the text must never
raise anything but :class:`~nea_games.errors.ParseError` and must never hang
(each example runs under a deadline; pathological inputs are timed).
"""

from __future__ import annotations

import re
import time
from datetime import timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nea_games.errors import ParseError
from nea_games.games import catalog
from nea_games.games.extensive_form import ExtensiveFormGame
from nea_games.io import gambit

FUZZ = settings(max_examples=300, deadline=timedelta(seconds=2), suppress_health_check=[HealthCheck.too_slow])

TREE = ExtensiveFormGame(
    ["A", "B"],
    (
        "chance",
        {
            "x": (Fraction(1, 3), ("A", {"l": (1, -1), "r": ("B", {"u": (0, 2), "d": (3, 1)}, "b")}, "a")),
            "y": (
                Fraction(2, 3),
                ("A", {"l": (Fraction(1, 2), 0), "r": ("B", {"u": (2, 2), "d": (1, 0)}, "b")}, "a"),
            ),
        },
    ),
    title='a "tree"',
)

SEEDS = [
    gambit.to_string(catalog.prisoners_dilemma(), comment="pd"),
    gambit.to_string(catalog.mckelvey_mclennan_2x2x2(), form="outcome"),
    gambit.to_string(TREE, comment="seed"),
    'EFG 2 R "s" { "A" "B" } c "" 1 "n" { "x" 1/2 "y" .5 } 1 "o" { 1, 2 } p "" 1 1 "i" { "a" } 0 t "" 1 '
    'p "" 2 1 "j" { "b" "c" } 0 t "" 0 t "" 2 "q" { -1 1e1 }',
]
try:  # Gambit's own samples, when pygambit is installed
    import pygambit

    _DATA = Path(pygambit.__file__).parent / "catalog_data"
    SEEDS += [p.read_text(encoding="utf-8") for p in sorted(_DATA.rglob("*.[ne]fg"))[:8]]
except ImportError:  # pragma: no cover - pygambit is optional
    pass

TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\S+', re.DOTALL)
SOUP = st.sampled_from(
    [
        "NFG",
        "EFG",
        "1",
        "2",
        "R",
        "D",
        "{",
        "}",
        ",",
        '"x"',
        '""',
        "p",
        "c",
        "t",
        "0",
        "3",
        "-1",
        "1/2",
        "0.5",
        "1e3",
        '"',
        "\\",
        "/",
        ".",
        "-",
        "\n",
        " ",
        "9" * 30,
        '"a \\" b"',
        "é",
        "\x00",
    ]
)


def parses_or_fails_cleanly(text: str | bytes) -> None:
    try:
        gambit.read_document_string(text)
    except ParseError as error:
        assert error.line is None or error.line >= 1
        assert error.column is None or error.column >= 1


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    parses_or_fails_cleanly(data)
    parses_or_fails_cleanly(b"NFG 1 R " + data)
    parses_or_fails_cleanly(b"EFG 2 R " + data)


@FUZZ
@given(st.lists(SOUP, max_size=60))
def test_random_token_soup(tokens: list[str]) -> None:
    parses_or_fails_cleanly(" ".join(tokens))
    parses_or_fails_cleanly("NFG 1 R " + " ".join(tokens))
    parses_or_fails_cleanly('EFG 2 R "" { "A" "B" } ' + " ".join(tokens))


@st.composite
def mutated_files(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SEEDS))
    tokens = TOKEN.findall(text)
    for _ in range(draw(st.integers(1, 4))):
        if not tokens:
            break
        k = draw(st.integers(0, len(tokens) - 1))
        operation = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "replace", "truncate"]))
        if operation == "delete":
            del tokens[k]
        elif operation == "duplicate":
            tokens.insert(k, tokens[k])
        elif operation == "swap":
            j = draw(st.integers(0, len(tokens) - 1))
            tokens[k], tokens[j] = tokens[j], tokens[k]
        elif operation == "insert":
            tokens.insert(k, draw(SOUP))
        elif operation == "replace":
            tokens[k] = draw(SOUP)
        else:
            joined = " ".join(tokens)
            return joined[: draw(st.integers(0, len(joined)))]
    return " ".join(tokens)


@FUZZ
@given(mutated_files())
def test_mutated_valid_files(text: str) -> None:
    parses_or_fails_cleanly(text)


@FUZZ
@given(st.sampled_from(SEEDS), st.data())
def test_truncations_and_character_edits(text: str, data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(text)))
    parses_or_fails_cleanly(text[:cut])
    position = data.draw(st.integers(0, len(text)))
    character = data.draw(st.characters(blacklist_categories=("Cs",)))
    parses_or_fails_cleanly(text[:position] + character + text[position + 1 :])


def test_seeds_are_valid() -> None:
    for text in SEEDS:
        gambit.read_document_string(text)


PATHOLOGICAL = [
    "NFG 1 R " + '"' + "\\" * 200_001,  # unterminated string of backslashes
    "NFG 1 R " + '"' + "a" * 500_000,  # unterminated long string
    'NFG 1 R "t" { "A" } { 1 } ' + "1" * 500_000,  # enormous number
    'NFG 1 R "t" { "A" } { 1 } ' + "1" * 999 + "e999",  # the largest number allowed is still cheap
    'NFG 1 R "t" { "A" } { 1 } ' + "0." + "0" * 500_000,
    'NFG 1 R "t" { "A" "B" } { 100000 100000 } 1 2',  # declared table too large
    'NFG 1 R "t" { "A" } { 999999999999999999999 }',
    'NFG 1 R "t" { "A" "B" "C" } { 9999999 9999999 9999999 }',  # refused before naming strategies
    "{" * 200_000,
    'NFG 1 R "t" { ' + '"p" ' * 50_000 + "} { " + "1 " * 50_000 + "}",  # 50 000 players, one profile
    'EFG 2 R "t" { "A" } p "" 1 1 "" { "x" } 0 ' + 'p "" 1 1 0 ' * 30_000 + 't "" 0',  # very deep tree
    'EFG 2 R "t" { "A" } ' + 'p "" 1 1 "" { "x" "y" } 0 ' * 40_000,  # tree never closed
]


@pytest.mark.parametrize("text", PATHOLOGICAL, ids=range(len(PATHOLOGICAL)))
def test_pathological_inputs_fail_fast(text: str) -> None:
    start = time.perf_counter()
    parses_or_fails_cleanly(text)
    assert time.perf_counter() - start < 5.0
