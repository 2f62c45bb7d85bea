"""Gambit .nfg/.efg files: the documented formats, exact numbers, errors, round trips, pygambit.

The sample texts below follow the examples of Gambit's "Game representation
formats" documentation (Selten's IJGT 1975 figure 2 game in both .nfg forms).
"""

from __future__ import annotations

import io
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from nea_games import NormalFormGame
from nea_games.errors import ParametricGameError, ParseError, UnsupportedGameError, ValidationError
from nea_games.games import catalog
from nea_games.games.extensive_form import ExtensiveFormGame
from nea_games.io import gambit
from nea_games.strategies import normal_form_games

SELTEN_PAYOFF = """NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"
{ "Player 1" "Player 2" } { 3 2 }

1 1 0 2 0 2 1 1 0 3 2 0
"""

SELTEN_OUTCOME = """NFG 1 R "Selten (IJGT, 75), Figure 2, normal form" { "Player 1" "Player 2" }

{
{ "1" "2" "3" }
{ "1" "2" }
}

{
{ "" 1, 1 }
{ "" 0, 2 }
{ "" 0, 2 }
{ "" 1, 1 }
{ "" 0, 3 }
{ "" 2, 0 }
}
1 2 3 4 5 6
"""

BAYES = """EFG 2 R "General Bayes game, one stage" { "Player 1" "Player 2" }
c "ROOT" 1 "(0,1)" { "1G" 0.500000 "1B" 0.500000 } 0
c "" 2 "(0,2)" { "2g" 0.500000 "2b" 0.500000 } 0
p "" 1 1 "(1,1)" { "H" "L" } 0
p "" 2 1 "(2,1)" { "h" "l" } 0
t "" 1 "Outcome 1" { 10.000000 2.000000 }
t "" 2 "Outcome 2" { 0.000000 10.000000 }
p "" 2 1 "(2,1)" { "h" "l" } 0
t "" 3 "Outcome 3" { 2.000000 4.000000 }
t "" 4 "Outcome 4" { 4.000000 0.000000 }
p "" 1 1 "(1,1)" { "H" "L" } 0
p "" 2 2 "(2,2)" { "h" "l" } 0
t "" 5 "Outcome 5" { 10.000000 2.000000 }
t "" 6 "Outcome 6" { 0.000000 10.000000 }
p "" 2 2 "(2,2)" { "h" "l" } 0
t "" 7 "Outcome 7" { 2.000000 4.000000 }
t "" 8 "Outcome 8" { 4.000000 0.000000 }
c "" 3 "(0,3)" { "2g" 0.500000 "2b" 0.500000 } 0
p "" 1 2 "(1,2)" { "H" "L" } 0
p "" 2 1 "(2,1)" { "h" "l" } 0
t "" 9 "Outcome 9" { 4.000000 2.000000 }
t "" 10 "Outcome 10" { 2.000000 10.000000 }
p "" 2 1 "(2,1)" { "h" "l" } 0
t "" 11 "Outcome 11" { 0.000000 4.000000 }
t "" 12 "Outcome 12" { 10.000000 2.000000 }
p "" 1 2 "(1,2)" { "H" "L" } 0
p "" 2 2 "(2,2)" { "h" "l" } 0
t "" 13 "Outcome 13" { 4.000000 2.000000 }
t "" 14 "Outcome 14" { 2.000000 10.000000 }
p "" 2 2 "(2,2)" { "h" "l" } 0
t "" 15 "Outcome 15" { 0.000000 4.000000 }
t "" 16 "Outcome 16" { 10.000000 0.000000 }
"""

ENTRY = ExtensiveFormGame(
    ["Entrant", "Incumbent"],
    ("Entrant", {"Out": (0, 2), "In": ("Incumbent", {"Fight": (-1, -1), "Accommodate": (1, 1)})}),
    title="Entry game",
)

ROUND_TRIP_NAMES = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=6)


def F(text: str) -> Fraction:
    return Fraction(text)


# --------------------------------------------------------------------------- the .nfg formats
def test_payoff_form_lists_profiles_with_the_first_player_fastest() -> None:
    game = gambit.read_string(SELTEN_PAYOFF)
    assert isinstance(game, NormalFormGame)
    assert game.title == "Selten (IJGT, 75), Figure 2, normal form"
    assert game.players == ("Player 1", "Player 2")
    assert game.actions == (("1", "2", "3"), ("1", "2"))
    # profiles in file order: (1,1) (2,1) (3,1) (1,2) (2,2) (3,2)
    assert game.payoff(("1", "1")) == (1, 1)
    assert game.payoff(("2", "1")) == (0, 2)
    assert game.payoff(("3", "1")) == (0, 2)
    assert game.payoff(("1", "2")) == (1, 1)
    assert game.payoff(("2", "2")) == (0, 3)
    assert game.payoff(("3", "2")) == (2, 0)
    assert game.is_exact


def test_outcome_form_describes_the_same_game() -> None:
    document = gambit.read_document_string(SELTEN_OUTCOME)
    assert document.form == "outcome" and document.format == "nfg"
    assert document.game == gambit.read_string(SELTEN_PAYOFF)


def test_null_outcome_pays_zero_and_outcomes_may_repeat() -> None:
    text = 'NFG 1 R "" { "A" "B" } { { "x" "y" } { "u" "v" } } { { "win" 1 -1 } { "lose" -1, 1, } } 1 0 2 1'
    game = gambit.read_string(text)
    assert game.payoff(("x", "u")) == (1, -1)
    assert game.payoff(("y", "u")) == (0, 0)
    assert game.payoff(("x", "v")) == (-1, 1)
    assert game.payoff(("y", "v")) == (1, -1)


def test_numbers_are_read_exactly() -> None:
    text = 'NFG 1 D "" { "A" } { 8 } 0.1 1/3 -2/4 1.5 .25 2. 1e-3 -2.5E2'
    game = gambit.read_string(text)
    expected = [F("1/10"), F("1/3"), F("-1/2"), F("3/2"), F("1/4"), F(2), F("1/1000"), F(-250)]
    assert list(game.payoffs[0]) == expected
    assert all(type(v) is Fraction for v in game.payoffs[0])


def test_strings_with_escaped_quotes_backslashes_and_newlines() -> None:
    text = (
        r'NFG 1 R "a \"Bayesian\" game\\x" { "P \"1\"" "P2" } { { "up" "d\\own" } { "l" } } "two'
        + '\nlines" 1 2 3 4'
    )
    document = gambit.read_document_string(text)
    game = document.game
    assert game.title == 'a "Bayesian" game\\x'
    assert game.players == ('P "1"', "P2")
    assert game.actions[0] == ("up", "d\\own")
    assert document.comment == "two\nlines"
    assert gambit.read_document_string(gambit.to_string(document)) == document


def test_empty_and_repeated_names_are_made_valid() -> None:
    text = 'NFG 1 R "" { "" "B" "B" } { { "a" "" "a" } { "x" } { "y" } } ' + " ".join(["0"] * 9)
    game = gambit.read_string(text)
    assert game.players == ("Player 1", "B", "B_2")
    assert game.actions[0] == ("a", "2", "a_2")


def test_document_keeps_the_comment_and_the_form() -> None:
    text = 'NFG 1 R "t" { "A" "B" } { 1 2 } "my comment" { { "o" 1 2 } } 1 0'
    document = gambit.read_document_string(text)
    assert document.comment == "my comment"
    assert document.form == "outcome"
    again = gambit.read_document_string(gambit.to_string(document))
    assert again == document
    assert gambit.read_document_string(gambit.to_string(document, form="payoff")).form == "payoff"


# --------------------------------------------------------------------------- errors
BAD_FILES = [
    (
        'NFG 1 R "t" { "A" "B"',
        "expected a quoted name or '}' closing the player list, found end of file",
        1,
        22,
    ),
    ("hello", "expected 'NFG' or 'EFG' at the start of a Gambit file, found the word 'hello'", 1, 1),
    ('NFG 2 R "t" { "A" } { 1 } 1', "expected the version number 1 after 'NFG', found the number 2", 1, 5),
    (
        'NFG 1 R "t" { "A" } { 2 }\n1',
        "expected the payoff of player 1 at profile (2), found end of file",
        2,
        2,
    ),
    (
        'NFG 1 R "t" { "A" } { 1 }\n1 2',
        "expected the end of the file after 1 profiles, found the number 2",
        2,
        3,
    ),
    ('NFG 1 R "t" { "A" } { 1 } 1, ', "expected the end of the file after 1 profiles, found ','", 1, 28),
    (
        'NFG 1 R "t" { "A" } { 1 } { { "o" 1 } } 2',
        "refers to outcome 2, but only 1 outcomes are defined",
        1,
        41,
    ),
    ('NFG 1 R "t" { "A" } { 1 } { { "o" 1 2 } } 1', "expected '}' closing outcome 1 (1 players)", 1, 37),
    ('NFG 1 R "t" { "A" } { 1 } { { 1 } } 1', "expected the name of outcome 1 (a quoted string)", 1, 31),
    ('NFG 1 R "t {', "unterminated string", 1, 9),
    ('NFG 1 R "t" { "A" } { 1 } 1/0', "division by zero", 1, 27),
    ('NFG 1 R "t" { "A" } { 0 }', "the number of strategies of player 1 (at least 1), found 0", 1, 23),
    ('NFG 1 R "t" { "A" "B" } { 2 }', "expected the strategies of player 2 (2 players), found '}'", 1, 29),
    ('NFG 1 R "t" { } { }', "the player list is empty", 1, 13),
    ('NFG 1 R "t" { "A" } { 1 } 1.5/2', "malformed number '1.5/'", 1, 27),
    ('NFG 1 R "t" { "A" } { 1 } 12abc', "malformed number '12a'", 1, 27),
    ('NFG 1 R "t" { "A" } { 1 } 1e5000', "exponent of 1e5000 is out of range", 1, 27),
    ('NFG 1 R "t" { "A" } { 1 } ' + "9" * 2000, "number too long", 1, 27),
    ('NFG 1 R "t" { "A" } { 1 } #', "unexpected character '#'", 1, 27),
    ('NFG 1 R "t" { "A" "B" "C" } { 1000 1000 1000 }', "more than 10000000 payoff entries", 1, 13),
    ('EFG 2 R "t" { "A" }', "expected a node ('p', 'c' or 't'), found end of file", 1, 20),
    (
        'EFG 2 R "t" { "A" } p "" 1 1 0 t "" 0',
        "expected the name and action list of information set 1 of player 1",
        1,
        30,
    ),
    (
        'EFG 2 R "t" { "A" } p "" 2 1 "" { "x" } 0 t "" 0',
        "player 2 does not exist (the game has 1 players)",
        1,
        26,
    ),
    (
        'EFG 2 R "t" { "A" } p "" 1 1 "" { "x" "y" } 0 t "" 0',
        "expected a node ('p', 'c' or 't'), found end",
        1,
        53,
    ),
    (
        'EFG 2 R "t" { "A" } t "" 0 t "" 0',
        "expected the end of the file after the last node of the tree",
        1,
        28,
    ),
    ('EFG 2 R "t" { "A" } t "" 0 "o" { 1 }', "the null outcome 0 cannot have a name or payoffs", 1, 28),
    (
        'EFG 2 R "t" { "A" } t "" 3',
        "expected the name and payoffs of outcome 3, which appears here first",
        1,
        27,
    ),
    ('EFG 2 R "t" { "A" } t "" 1 "o" { 1 2 }', "expected '}' closing outcome 1 (1 players)", 1, 36),
    (
        'EFG 2 R "t" { "A" } c "" 1 "" { "h" 1/2 "t" 1/3 } 0 t "" 0 t "" 0',
        "the probabilities at chance event 1 sum to 5/6, not exactly 1",
        1,
        49,
    ),
    ('EFG 2 R "t" { "A" } c "" 1 "" { "h" 3/2 "t" -1/2 } 0 t "" 0 t "" 0', "is not in [0, 1]", 1, 37),
    ('EFG 2 R "t" { "A" } p "" 1 1 "" { } 0', "information set 1 of player 1 has no actions", 1, 35),
    (
        'EFG 2 R "t" { "A" } p "" 1 1 "i" { "x" "y" } 0 p "" 1 1 "i" { "x" "z" } 0 t "" 0 t "" 0 t "" 0',
        "information set 1 of player 1 is declared again differently",
        1,
        55,
    ),
    (
        'EFG 2 R "t" { "A" } p "" 1 1 "i" { "x" "y" } 0 t "" 1 "o" { 1 } t "" 1 "o" { 2 }',
        "outcome 1 is declared again with a different name or payoffs",
        1,
        70,
    ),
    ('EFG 2 R "t" { "A" } p "" 1 1 "i" 0 t "" 0', "expected '{' opening the action list", 1, 34),
]


@pytest.mark.parametrize(("text", "message", "line", "column"), BAD_FILES)
def test_malformed_files_raise_parse_errors_with_position(
    text: str, message: str, line: int, column: int
) -> None:
    with pytest.raises(ParseError) as info:
        gambit.read_string(text)
    error = info.value
    assert message in error.message
    assert (error.line, error.column) == (line, column), str(error)
    assert str(error).startswith(f"<string>:{line}:{column}: ")


def test_error_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "game.nfg"
    path.write_text('NFG 1 R "t"\n{ "A" "B"\n', encoding="utf-8")
    with pytest.raises(ParseError) as info:
        gambit.read(path)
    assert str(info.value) == (
        f"{path}:3:1: expected a quoted name or '}}' closing the player list, found end of file"
    )


def test_format_argument() -> None:
    with pytest.raises(ParseError, match="expected 'EFG' at the start"):
        gambit.read_string(SELTEN_PAYOFF, format="efg")
    assert gambit.read_string(SELTEN_PAYOFF, format=".NFG") == gambit.read_string(SELTEN_PAYOFF)
    with pytest.raises(ValidationError, match="format"):
        gambit.read_string(SELTEN_PAYOFF, format="xml")


# --------------------------------------------------------------------------- files and encodings
def test_read_and_write_paths_and_file_objects(tmp_path: Path) -> None:
    game = catalog.prisoners_dilemma()
    path = tmp_path / "pd.nfg"
    gambit.write(game, path)
    assert gambit.read(path) == game
    assert gambit.read(str(path)).title == game.title
    with open(path, "rb") as handle:
        assert gambit.read(handle) == game
    with open(path, encoding="utf-8") as handle:
        assert gambit.read(handle) == game
    buffer = io.StringIO()
    gambit.write(game, buffer, form="outcome")
    assert gambit.read_string(buffer.getvalue()) == game


def test_utf8_names_and_latin1_fallback() -> None:
    game = NormalFormGame.bimatrix([[1]], [[2]], players=["한국", "中国"], title="동북아")
    assert gambit.read_string(gambit.to_string(game).encode("utf-8")) == game
    latin = 'NFG 1 R "caf\xe9" { "A" } { 1 } 1'.encode("latin-1")
    assert gambit.read_string(latin).title == "café"


# --------------------------------------------------------------------------- writing and round trips
@pytest.mark.parametrize("name", sorted(catalog.CATALOG))
@pytest.mark.parametrize("form", ["payoff", "outcome"])
def test_catalog_games_round_trip(name: str, form: Any) -> None:
    game = catalog.CATALOG[name]()
    text = gambit.to_string(game, form=form, comment=f"{name}, {form} form")
    document = gambit.read_document_string(text)
    assert document.game == game
    assert document.game.title == game.title
    assert document.form == form
    assert document.comment == f"{name}, {form} form"
    assert gambit.to_string(document) == text


@settings(max_examples=60)
@given(
    game=normal_form_games(players=st.integers(1, 3), actions=(1, 3), payoffs="fraction"),
    form=st.sampled_from(["payoff", "outcome"]),
)
def test_random_exact_games_round_trip(game: NormalFormGame, form: Any) -> None:
    assert gambit.read_string(gambit.to_string(game, form=form)) == game


@settings(max_examples=30)
@given(
    game=normal_form_games(players=st.integers(2, 3), actions=(1, 3), payoffs="int"),
    names=st.lists(ROUND_TRIP_NAMES, min_size=3, max_size=3, unique=True),
    title=st.text(max_size=10),
)
def test_names_and_titles_round_trip(game: NormalFormGame, names: list[str], title: str) -> None:
    renamed = game.with_names(players=names[: game.n_players], title=title)
    back = gambit.read_string(gambit.to_string(renamed))
    assert back == renamed and back.title == title


@settings(max_examples=30)
@given(game=normal_form_games(players=st.integers(1, 3), actions=(1, 3), payoffs="float"))
def test_float_games_read_back_as_the_exact_decimals_of_the_same_floats(game: NormalFormGame) -> None:
    back = gambit.read_string(gambit.to_string(game, form="outcome"))
    assert back.is_exact
    assert np.array_equal(back.float_payoffs(), game.float_payoffs())


def test_outcome_form_lists_each_payoff_vector_once() -> None:
    game = NormalFormGame.bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    text = gambit.to_string(game, form="outcome")
    assert text.endswith('{\n{ "" 1, 1 }\n}\n1 0 0 1\n')


def test_parametric_and_irrational_games_cannot_be_written() -> None:
    b = sympy.Symbol("b")
    with pytest.raises(ParametricGameError, match=r"free parameters \(b\).*game.subs"):
        gambit.to_string(NormalFormGame.bimatrix([[b]], [[1]]))
    with pytest.raises(UnsupportedGameError, match="irrational"):
        gambit.to_string(NormalFormGame.bimatrix([[sympy.sqrt(2)]], [[1]]))
    q = sympy.Symbol("q")
    tree = ExtensiveFormGame(["A"], ("chance", {"H": (q, (1,)), "T": (1 - q, (0,))}))
    with pytest.raises(ParametricGameError, match=r"free parameters \(q\)"):
        gambit.to_string(tree)
    with pytest.raises(UnsupportedGameError, match="cannot write a dict"):
        gambit.to_string({})  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="form"):
        gambit.to_string(catalog.chicken(), form="table")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- the .efg format
def test_efg_sample_from_the_documentation() -> None:
    document = gambit.read_document_string(BAYES)
    assert document.format == "efg"
    tree, game = document.tree, document.game
    assert tree is not None and isinstance(game, ExtensiveFormGame)
    assert len(tree.nodes) == 31 and len(tree.outcomes) == 16
    assert [i.label for i in tree.infosets] == ["(0,1)", "(0,2)", "(1,1)", "(2,1)", "(2,2)", "(0,3)", "(1,2)"]
    assert tree.infosets[0].probabilities == (F("1/2"), F("1/2"))
    assert game.players == ("Player 1", "Player 2")
    assert game.root.is_chance and game.root.label == "ROOT"
    assert set(game.infosets) == {"(1,1)", "(2,1)", "(2,2)", "(1,2)"}
    assert len(game.infosets["(2,1)"]) == 4
    leaf = game.node(("1G", "2g", "H", "h"))
    assert leaf.payoffs == (10, 2)
    assert game.node(("1B", "2b", "L", "l")).payoffs == (10, 0)
    assert game.has_perfect_recall


def test_efg_outcomes_on_inner_nodes_add_up_and_repeats_may_omit_descriptions() -> None:
    text = """EFG 2 R "stages" { "A" "B" } "two stages"
    c "" 1 "nature" { "x" 1/3 "y" 2/3 } 1 "entry fee" { -1, 0 }
    p "" 1 1 "i" { "l" "r" } 2 "stage 1" { 1 1 }
    t "" 3 "end" { 0, 5 }
    t "" 3
    c "" 1 0
    t "" 0
    t "" 2
    """
    document = gambit.read_document_string(text)
    game = document.game
    assert isinstance(game, ExtensiveFormGame)
    assert [t.payoffs for t in game.terminals] == [(0, 6), (0, 6), (-1, 0), (0, 1)]
    assert game.node(("y",)).probabilities == {"x": F("1/3"), "y": F("2/3")}
    assert document.comment == "two stages"
    assert gambit.read_document_string(gambit.to_string(document)) == document


def test_efg_names_are_made_valid() -> None:
    text = (
        'EFG 2 R "" { "" "chance" } p "n" 1 1 "" { "a" "a" } 0 p "n" 2 1 "" { "" "" } 0 '
        't "" 0 t "" 0 p "" 2 2 "" { "u" } 0 t "" 0'
    )
    game = gambit.read_string(text)
    assert isinstance(game, ExtensiveFormGame)
    assert game.players == ("Player 1", "chance_2")
    assert game.root.actions == ("a", "a_2")
    assert game.root.label == "n" and game.root["a"].label is None
    assert game.root["a"].actions == ("1", "2")
    assert set(game.infosets) == {"(root)", "a", "a_2"}


def test_extensive_form_games_round_trip() -> None:
    text = gambit.to_string(ENTRY, comment="Selten")
    document = gambit.read_document_string(text)
    assert document.game == ENTRY and document.game.title == "Entry game"
    assert document.comment == "Selten"
    builder = ExtensiveFormGame.builder(["China", "DPRK"], title="Buffer")
    nature = builder.root.chance({"Resolute": Fraction(7, 10), "Pliant": Fraction(3, 10)}, label="Nature")
    for kind in ("Resolute", "Pliant"):
        china = nature[kind].decision("China", ["Pressure", "Shield"], infoset="China")
        dprk = china["Pressure"].decision("DPRK", ["Denuclearise", "Hold"], label=f"DPRK {kind}")
        dprk["Denuclearise"].terminal(Fraction(-1, 2), 2)
        dprk["Hold"].terminal(-11, -3)
        china["Shield"].terminal(0, Fraction(1, 3))
    game = builder.build()
    assert gambit.read_string(gambit.to_string(game)) == game


def test_float_probabilities_are_written_to_sum_to_exactly_one() -> None:
    third = 1 / 3
    game = ExtensiveFormGame(
        ["A"], ("chance", {"x": (third, (0.1,)), "y": (third, (2.5,)), "z": (third, (1.0,))})
    )
    back = gambit.read_string(gambit.to_string(game))
    assert isinstance(back, ExtensiveFormGame) and back.is_exact
    probabilities = back.root.probabilities
    assert sum(probabilities.values()) == 1
    assert all(abs(float(p) - third) < 1e-15 for p in probabilities.values())
    assert [float(t.payoffs[0]) for t in back.terminals] == [0.1, 2.5, 1.0]


def _exact_fractions() -> st.SearchStrategy[Fraction]:
    return st.fractions(-20, 20, max_denominator=9)


@st.composite
def game_trees(draw: st.DrawFn) -> ExtensiveFormGame:
    """Random trees with chance moves and information sets shared between same-shaped nodes."""
    players = ["P1", "P2", "P3"][: draw(st.integers(1, 3))]
    infosets: dict[tuple[str, int], list[str]] = {}

    def subtree(depth: int) -> Any:
        kind = draw(st.sampled_from(["terminal", "decision", "chance"] if depth < 3 else ["terminal"]))
        if kind == "terminal":
            return tuple(draw(_exact_fractions()) for _ in players)
        n = draw(st.integers(1, 3))
        if kind == "chance":
            weights = [draw(st.integers(0, 4)) for _ in range(n - 1)] + [1]
            total = sum(weights)
            return (
                "chance",
                {f"e{k}": (Fraction(w, total), subtree(depth + 1)) for k, w in enumerate(weights)},
            )
        player = draw(st.sampled_from(players))
        labels = infosets.setdefault((player, n), [])
        if labels and draw(st.booleans()):
            label = draw(st.sampled_from(labels))
        else:
            label = f"{player}.{n}.{len(labels)}"
            labels.append(label)
        return (player, {f"a{k}": subtree(depth + 1) for k in range(n)}, label)

    return ExtensiveFormGame(players, subtree(0), title=draw(st.text(max_size=8)))


@settings(max_examples=40)
@given(game=game_trees())
def test_random_trees_round_trip(game: ExtensiveFormGame) -> None:
    back = gambit.read_string(gambit.to_string(game))
    assert back == game
    assert back.title == game.title
