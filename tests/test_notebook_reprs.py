"""Games, equilibria, conditions and sweeps render in Jupyter (``_repr_html_``, ``_repr_latex_``, PNG).

Jupyter calls these methods to show an object that ends a cell. Each test
builds a small game whose answer is worked out by hand in the comments and
checks that the rendering shows it.
"""

from __future__ import annotations

import base64
import html

import numpy as np
import pytest
import sympy

import nea_games
from nea_games import NormalFormGame, RepeatedGame, conditions, critical_value, sweep

STAG_HUNT = NormalFormGame.symmetric([[4, 0], [3, 3]], actions=["Stag", "Hare"])


def test_normal_form_game_is_an_html_table() -> None:
    text = STAG_HUNT._repr_html_()
    assert "<table" in text
    # payoffs (row, column): (Stag, Hare) gives the row player 0 and the column player 3
    assert "<td>0, 3</td>" in text.replace("*", "")
    assert text.count("<tr>") >= 3  # header and one row per action


def test_equilibrium_set_and_single_equilibrium() -> None:
    equilibria = nea_games.solve(STAG_HUNT)
    table = equilibria._repr_html_()
    assert "<table" in table and "3/4" in table
    # the mixed equilibrium of the 4/0/3/3 stag hunt: Stag with p where 4p = 3, so p = 3/4; payoff 3
    mixed = next(eq for eq in equilibria if not eq.is_pure)
    text = mixed._repr_html_()
    assert "<td>Stag: 3/4, Hare: 1/4</td><td>3</td>" in text
    assert text.count("<tr><td>") == 2  # one row per player
    pure = equilibria[0]
    assert "<td>Stag</td><td>4</td>" in pure._repr_html_()


def test_condition_and_critical_value_render_as_latex() -> None:
    T, R, P, S = sympy.symbols("T R P S")
    dilemma = NormalFormGame(
        ["Japan", "China"],
        [["C", "D"], ["C", "D"]],
        {("C", "C"): (R, R), ("C", "D"): (S, T), ("D", "C"): (T, S), ("D", "D"): (P, P)},
    )
    # (C, C) is an equilibrium iff neither gains by defecting: R >= T
    latex = conditions(dilemma, ("C", "C"))._repr_latex_()
    assert latex.startswith("$") and latex.endswith("$")
    assert latex == r"$R \geq T$"
    # grim trigger in the 5/3/1/0 dilemma: 3 >= (1 - delta) 5 + delta 1  <=>  delta >= 1/2
    relations = RepeatedGame(dilemma.subs(T=5, R=3, P=1, S=0), "delta")
    sustained = conditions(relations, "grim_trigger")
    assert r"\frac{1}{2}" in sustained._repr_latex_()
    threshold = critical_value(sustained, sympy.Symbol("delta", positive=True))
    assert threshold._repr_latex_() == r"$\delta \geq \frac{1}{2}$"


def test_extensive_form_game_is_an_escaped_text_tree() -> None:
    from nea_games.models.buffer_dilemma import BufferDilemmaModel

    tree = BufferDilemmaModel().tree()
    text = tree._repr_html_()
    assert text.startswith("<pre") and text.endswith("</pre>")
    assert html.escape("China's buffer dilemma") in text  # the apostrophe is escaped
    # China's payoff after (Pressure, Hold, Collapse) at the defaults: -c_C - B = -1 - 30
    assert "Collapse (1/5): (-31, -10)" in text


def test_repeated_game_shows_discount_and_stage_game() -> None:
    relations = RepeatedGame(STAG_HUNT, sympy.Rational(9, 10))
    text = relations._repr_html_()
    assert "discount factor 9/10" in text
    assert STAG_HUNT._repr_html_() in text


def test_sweep_result_embeds_its_equilibrium_map() -> None:
    pytest.importorskip("matplotlib")
    a, b = sympy.symbols("a b")
    hunt = NormalFormGame.symmetric([[a, 0], [b, 1]], actions=["Stag", "Hare"])
    # (Stag, Stag) is an equilibrium iff a >= b; (Hare, Hare) always (1 >= 0)
    result = sweep(hunt, {"a": np.linspace(0, 3, 31), "b": np.linspace(0, 3, 31)})
    png = result._repr_png_()
    assert png is not None and png.startswith(b"\x89PNG\r\n\x1a\n")
    text = result._repr_html_()
    assert "(Stag, Stag) &amp; (Hare, Hare)" in text and "(Hare, Hare)" in text
    # on a 31 x 31 grid with step 0.1, a >= b at 31 * 32 / 2 = 496 of 961 points: 51.6%
    assert "51.6%" in text
    assert f"data:image/png;base64,{base64.b64encode(png).decode('ascii')}" in text


def test_sweep_result_over_three_parameters_has_no_figure() -> None:
    a, b, c = sympy.symbols("a b c")
    game = NormalFormGame.symmetric([[a, c], [b, 1]], actions=["Stag", "Hare"])
    result = sweep(game, {"a": [0, 2], "b": [0, 1], "c": [0, 1]})
    assert result._repr_png_() is None
    assert "<img" not in result._repr_html_() and "<table>" in result._repr_html_()
