"""Cross-checks against pygambit (optional): files travel both ways with the same payoffs and equilibria.

pygambit is GPL-licensed and used here only through files, as DESIGN.md §5
requires; the library never imports it. Gambit's own sample games come from
the ``catalog_data`` folder that the installed pygambit ships.
"""

from __future__ import annotations

import contextlib
import io
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nea_games
from nea_games import NormalFormGame
from nea_games.games import catalog
from nea_games.games.extensive_form import ExtensiveFormGame
from nea_games.io import gambit
from nea_games.strategies import normal_form_games

gbt = pytest.importorskip("pygambit")

CATALOG_DATA = Path(gbt.__file__).parent / "catalog_data"
SAMPLES = sorted(CATALOG_DATA.rglob("*.nfg")) + sorted(CATALOG_DATA.rglob("*.efg"))
NFG_SAMPLES = [p for p in SAMPLES if p.suffix == ".nfg"]
EFG_SAMPLES = [p for p in SAMPLES if p.suffix == ".efg"]


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(CATALOG_DATA)) for p in paths]


def _pygambit_read(text: str, kind: str) -> Any:
    reader = gbt.read_nfg if kind == "nfg" else gbt.read_efg
    return reader(io.BytesIO(text.encode("utf-8")))


def _pygambit_arrays(game: Any) -> np.ndarray:
    """Payoff array (n_players, *n_strategies); pygambit's ``to_arrays`` fails on null outcomes."""
    players = list(game.players)
    shape = tuple(len(p.strategies) for p in players)
    array = np.zeros((len(players), *shape), dtype=object)
    for profile in np.ndindex(*shape):
        outcome = game[tuple(int(k) for k in profile)]
        for i, player in enumerate(players):
            array[(i, *profile)] = Fraction(0) if outcome is None else Fraction(str(outcome[player]))
    return array


def _pygambit_terminal_payoffs(game: Any) -> list[tuple[Fraction, ...]]:
    """Terminal payoffs in pre-order, summing the outcomes along each path."""
    result = []
    stack = [game.root]
    while stack:
        node = stack.pop()
        stack.extend(reversed(list(node.children)))
        if not node.is_terminal:
            continue
        total = [Fraction(0)] * len(game.players)
        current = node
        while current is not None:
            with contextlib.suppress(KeyError):  # KeyError: no outcome at this node
                increments = [Fraction(str(current.outcome[p])) for p in game.players]
                total = [t + d for t, d in zip(total, increments, strict=True)]
            current = current.parent
        result.append(tuple(total))
    return result


def _equilibria_of_pygambit(game: Any) -> set[tuple[tuple[Fraction, ...], ...]]:
    result = gbt.nash.enummixed_solve(game, rational=True)
    return {
        tuple(tuple(Fraction(str(eq[s])) for s in player.strategies) for player in game.players)
        for eq in result.equilibria
    }


def _equilibria_of_nea_games(game: NormalFormGame) -> set[tuple[tuple[Fraction, ...], ...]]:
    return {tuple(tuple(Fraction(p) for p in s) for s in eq.strategies) for eq in nea_games.solve(game)}


# --------------------------------------------------------------------------- nea_games -> pygambit
@pytest.mark.parametrize("form", ["payoff", "outcome"])
@pytest.mark.parametrize("name", sorted(catalog.CATALOG))
def test_written_nfg_files_load_in_pygambit(name: str, form: Any) -> None:
    game = catalog.CATALOG[name]()
    theirs = _pygambit_read(gambit.to_string(game, form=form, comment="from nea_games"), "nfg")
    assert theirs.title == game.title
    assert theirs.description == "from nea_games"
    assert tuple(p.label for p in theirs.players) == game.players
    assert tuple(tuple(s.label for s in p.strategies) for p in theirs.players) == game.actions
    assert np.array_equal(_pygambit_arrays(theirs), game.payoffs)


@settings(max_examples=25)
@given(
    game=normal_form_games(players=st.integers(1, 3), actions=(1, 3), payoffs="fraction"),
    form=st.sampled_from(["payoff", "outcome"]),
)
def test_written_random_games_load_in_pygambit_with_identical_payoffs(
    game: NormalFormGame, form: Any
) -> None:
    theirs = _pygambit_read(gambit.to_string(game, form=form), "nfg")
    assert np.array_equal(_pygambit_arrays(theirs), game.payoffs)


# printable ASCII with single inner spaces, as Gambit 16.7 requires (backslashes are tested
# separately); starting with a letter, because pygambit 16.7 wrongly reports a numeric player
# label such as "3" as a duplicate of the default label of the third player while reading
GAMBIT_LABELS = st.from_regex(r"[A-Za-z]([ ]?[!-\[\]-~]){0,5}", fullmatch=True)


@settings(max_examples=20)
@given(
    game=normal_form_games(players=st.integers(2, 3), actions=2, payoffs="int"),
    names=st.lists(GAMBIT_LABELS, min_size=3, max_size=3, unique=True),
    actions=st.lists(GAMBIT_LABELS, min_size=2, max_size=2, unique=True),
    title=st.text(
        alphabet=st.characters(min_codepoint=32, max_codepoint=126, blacklist_characters="\\"), max_size=8
    ),
)
def test_written_names_and_titles_load_in_pygambit(
    game: NormalFormGame, names: list[str], actions: list[str], title: str
) -> None:
    """Plain names (printable ASCII, single inner spaces) survive, with quotes and backslashes."""
    renamed = game.with_names(
        players=names[: game.n_players], actions=[actions] * game.n_players, title=title
    )
    theirs = _pygambit_read(gambit.to_string(renamed), "nfg")
    assert tuple(p.label for p in theirs.players) == renamed.players
    assert tuple(tuple(s.label for s in p.strategies) for p in theirs.players) == renamed.actions
    assert theirs.title == title


def test_backslashes_inside_names_load_in_pygambit() -> None:
    game = NormalFormGame.bimatrix([[1]], [[2]], players=["A\\B", 'say "no"'], title="C:\\games\\x")
    theirs = _pygambit_read(gambit.to_string(game), "nfg")
    assert tuple(p.label for p in theirs.players) == game.players
    assert theirs.title == game.title


@pytest.mark.parametrize(
    "name",
    [
        "prisoners_dilemma",
        "stag_hunt",
        "chicken",
        "battle_of_the_sexes",
        "matching_pennies",
        "rock_paper_scissors",
    ],
)
def test_written_games_have_the_same_equilibria_in_pygambit(name: str) -> None:
    game = catalog.CATALOG[name]()
    theirs = _pygambit_read(gambit.to_string(game), "nfg")
    assert _equilibria_of_nea_games(game) == _equilibria_of_pygambit(theirs)


def test_written_efg_files_load_in_pygambit() -> None:
    builder = ExtensiveFormGame.builder(["China", "DPRK"], title="Buffer dilemma")
    nature = builder.root.chance({"Resolute": Fraction(7, 10), "Pliant": Fraction(3, 10)})
    for kind in ("Resolute", "Pliant"):
        china = nature[kind].decision("China", ["Pressure", "Shield"], infoset="China")
        dprk = china["Pressure"].decision("DPRK", ["Denuclearise", "Hold"], label=f"DPRK {kind}")
        dprk["Denuclearise"].terminal(Fraction(-1, 3), 2)
        dprk["Hold"].terminal(-11, -3 if kind == "Resolute" else -5)
        china["Shield"].terminal(0, Fraction(5, 2))
    game = builder.build()
    theirs = _pygambit_read(gambit.to_string(game, comment="from nea_games"), "efg")
    assert theirs.title == game.title and theirs.description == "from nea_games"
    assert tuple(p.label for p in theirs.players) == game.players
    assert _pygambit_terminal_payoffs(theirs) == [t.payoffs for t in game.terminals]
    assert len(next(iter(theirs.players)).infosets) == 1  # China cannot see nature's draw
    assert theirs.is_perfect_recall == game.has_perfect_recall


# --------------------------------------------------------------------------- Gambit's samples -> nea_games
def test_pygambit_ships_sample_games() -> None:
    assert len(NFG_SAMPLES) >= 4 and len(EFG_SAMPLES) >= 20


@pytest.mark.parametrize("path", NFG_SAMPLES, ids=_ids(NFG_SAMPLES))
def test_gambit_nfg_samples_load_with_the_same_payoffs(path: Path) -> None:
    document = gambit.read_document(path)
    theirs = gbt.read_nfg(str(path))
    assert isinstance(document.game, NormalFormGame)
    assert document.game.title == theirs.title
    assert document.comment == theirs.description
    assert np.array_equal(_pygambit_arrays(theirs), document.game.payoffs)
    assert gambit.read_document_string(gambit.to_string(document)) == document


@pytest.mark.parametrize("path", EFG_SAMPLES, ids=_ids(EFG_SAMPLES))
def test_gambit_efg_samples_load_with_the_same_payoffs(path: Path) -> None:
    document = gambit.read_document(path)
    theirs = gbt.read_efg(str(path))
    game = document.game
    assert isinstance(game, ExtensiveFormGame)
    assert game.title == theirs.title and document.comment == theirs.description
    assert [t.payoffs for t in game.terminals] == _pygambit_terminal_payoffs(theirs)
    assert game.has_perfect_recall == theirs.is_perfect_recall
    assert gambit.read_document_string(gambit.to_string(document)) == document
    if game.has_perfect_recall:
        # the reduced normal forms agree up to the order of strategies
        ours = game.to_normal_form()
        arrays = _pygambit_arrays(theirs)
        assert ours.n_actions == arrays.shape[1:]
        mine = sorted(tuple(ours.payoffs[(slice(None), *k)]) for k in np.ndindex(*ours.n_actions))
        gambits = sorted(tuple(arrays[(slice(None), *k)]) for k in np.ndindex(*arrays.shape[1:]))
        assert mine == gambits


@pytest.mark.parametrize(
    "path",
    [p for p in NFG_SAMPLES if gambit.read(p).n_players == 2],
    ids=_ids([p for p in NFG_SAMPLES if gambit.read(p).n_players == 2]),
)
def test_gambit_nfg_samples_have_the_same_equilibria(path: Path) -> None:
    game = gambit.read(path)
    assert isinstance(game, NormalFormGame)
    assert _equilibria_of_nea_games(game) == _equilibria_of_pygambit(gbt.read_nfg(str(path)))
