"""ExtensiveFormGame: building, validation, perfect recall, normal forms, Kuhn's theorem, rendering."""

from __future__ import annotations

import itertools
from fractions import Fraction as F
from typing import Any

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import nea_games
from nea_games.errors import (
    BudgetExceededError,
    DuplicateNameError,
    NonFiniteError,
    PayoffTypeError,
    ProbabilityError,
    ShapeError,
    UnknownNameError,
    UnsupportedGameError,
    ValidationError,
)
from nea_games.games.extensive_form import ExtensiveFormGame

ENTRY = ("Entrant", {"Out": (0, 2), "In": ("Incumbent", {"Fight": (-1, -1), "Accommodate": (1, 1)})})
PLAYERS = ["Entrant", "Incumbent"]


def entry_game() -> ExtensiveFormGame:
    return ExtensiveFormGame(PLAYERS, ENTRY, title="Entry")


# --------------------------------------------------------------------------- building
def test_builder_and_nested_description_build_the_same_game() -> None:
    tree = ExtensiveFormGame.builder(PLAYERS, title="Entry")
    root = tree.root.decision("Entrant", ["Out", "In"])
    root.children["Out"].terminal(0, 2)
    inc = root["In"].decision("Incumbent", ["Fight", "Accommodate"])
    inc.children["Fight"].terminal({"Entrant": -1, "Incumbent": -1})
    inc.children["Accommodate"].terminal([1, 1])
    built = tree.build()
    assert built == entry_game()
    assert hash(built) == hash(entry_game())
    as_dicts = ExtensiveFormGame(
        PLAYERS,
        {
            "player": "Entrant",
            "actions": {
                "Out": {"payoffs": (0, 2)},
                "In": {"player": "Incumbent", "actions": {"Fight": (-1, -1), "Accommodate": (1, 1)}},
            },
        },
    )
    assert as_dicts == built


def test_nodes_are_addressed_by_action_label_and_path() -> None:
    game = ExtensiveFormGame(
        ["China", "DPRK"],
        {
            "player": "China",
            "label": "China",
            "actions": {"Shield": (0, 0), "Pressure": ("DPRK", {"Yield": (1, -1), "Hold": (-2, 1)})},
        },
    )
    node = game.root.children["Pressure"]
    assert node.player == "DPRK" and node.path == ("Pressure",) and node.is_decision
    assert node.parent == game.root
    assert game.node("China") == game.root
    assert game.node("Pressure/Hold").payoffs == (-2, 1)
    assert game.node(["Pressure", "Yield"]).is_terminal
    assert game.root.infoset == "China" and node.infoset == "Pressure"
    assert game.infosets_of("DPRK") == ("Pressure",)
    assert [n.name for n in game.terminals] == ["Shield", "Pressure/Yield", "Pressure/Hold"]
    with pytest.raises(UnknownNameError, match="did you mean 'Pressure'"):
        game.root["Presure"]
    with pytest.raises(UnknownNameError):
        game.node("nowhere")
    assert game.is_perfect_information and game.has_perfect_recall


def test_games_are_immutable_values() -> None:
    game = entry_game()
    with pytest.raises(AttributeError):
        game.title = "x"  # type: ignore[misc]
    assert game.kind == "exact" and game.is_exact
    assert "ExtensiveFormGame 'Entry'" in repr(game)


def test_information_set_actions_in_another_order_follow_the_first_node() -> None:
    game = ExtensiveFormGame(
        ["A", "B"],
        ("A", {"L": ("B", {"l": (1, 0), "r": (0, 1)}, "h"), "R": ("B", {"r": (2, 2), "l": (3, 3)}, "h")}),
    )
    assert game.node("R").actions == ("l", "r")
    assert game.node("R/l").payoffs == (3, 3)


# --------------------------------------------------------------------------- validation
@pytest.mark.parametrize(
    ("tree", "error", "message"),
    [
        (("A", {"L": (1, 0), "R": ("B", {"l": (0,), "r": (1, 1)})}), ShapeError, "node R/l"),
        (("A", {"L": (1, 0), "R": ("Nobody", {"l": (0, 0)})}), UnknownNameError, "node R"),
        (("A", {"L": (1, float("nan"))}), NonFiniteError, "node L"),
        (("A", {"L": (1, "two")}), ValidationError, "node L"),
        (("chance", {"H": (F(1, 2), (1, 1)), "T": (F(1, 3), (0, 0))}), ProbabilityError, "sum to 5/6"),
        (("chance", {"H": (F(3, 2), (1, 1)), "T": (F(-1, 2), (0, 0))}), ProbabilityError, "outside"),
        (("chance", {"H": (0.5, (1, 1)), "T": (0.4, (0, 0))}), ProbabilityError, "not 1"),
        (("chance", {"H": (float("inf"), (1, 1)), "T": (0, (0, 0))}), NonFiniteError, "probability"),
        (
            ("A", {"L": ("B", {"l": (1, 0), "r": (0, 1)}, "h"), "R": ("A", {"l": (2, 2), "r": (3, 3)}, "h")}),
            ValidationError,
            "one player moves",
        ),
        (
            ("A", {"L": ("B", {"l": (1, 0), "r": (0, 1)}, "h"), "R": ("B", {"l": (2, 2), "x": (3, 3)}, "h")}),
            ValidationError,
            "differ",
        ),
        (("A", {"L": (1, 0), "R": ["oops"]}), ValidationError, "node R"),
        (("A", {"L": (1, 0), "R": {"payoffs": (1, 1), "extra": 2}}), ValidationError, "node R"),
        (("chance", {"H": (1, (1, 1)), "T": 0}), ValidationError, "probability, subtree"),
    ],
)
def test_invalid_trees_are_rejected_naming_the_node(tree: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        ExtensiveFormGame(["A", "B"], tree)


def test_a_string_payoff_is_a_type_error() -> None:
    tree = ExtensiveFormGame.builder(["A"])
    tree.root.decision("A", ["x"]).children["x"].terminal({"A": "one"})
    with pytest.raises(PayoffTypeError, match="node x"):
        tree.build()


def test_every_path_must_end_in_a_terminal_node() -> None:
    tree = ExtensiveFormGame.builder(PLAYERS)
    root = tree.root.decision("Entrant", ["Out", "In"])
    root.children["Out"].terminal(0, 2)
    root.children["In"].decision("Incumbent", ["Fight", "Accommodate"]).children["Fight"].terminal(-1, -1)
    with pytest.raises(ValidationError, match="node In/Accommodate has no move"):
        tree.build()


def test_builder_misuse() -> None:
    tree = ExtensiveFormGame.builder(["A"])
    node = tree.root.decision("A", ["x", "y"])
    with pytest.raises(ValidationError, match="already defined"):
        node.terminal(1)
    with pytest.raises(DuplicateNameError):
        node.children["x"].decision("A", ["u", "u"])
    with pytest.raises(ValidationError, match="no action 'z'"):
        node["z"]
    node["x"].terminal(1, label="end")
    node["y"].terminal(2, label="end")
    with pytest.raises(DuplicateNameError, match="label 'end'"):
        tree.build()
    with pytest.raises(DuplicateNameError, match="reserved"):
        ExtensiveFormGame.builder(["chance"])
    with pytest.raises(ValidationError, match="probabilities"):
        ExtensiveFormGame.builder(["A"]).root.chance(["H", "T"])
    ok = ExtensiveFormGame.builder(["A"])
    ok.root.terminal(0)
    ok.build()
    with pytest.raises(ValidationError, match="already built"):
        ok.root.terminal(1)


def test_two_nodes_with_the_same_default_infoset_name_are_rejected() -> None:
    with pytest.raises(DuplicateNameError, match="information-set"):
        ExtensiveFormGame(["A", "B"], ("A", {"L": ("B", {"x": (0, 0)}, "R"), "R": ("B", {"x": (1, 1)})}))


def test_symbolic_probabilities_must_sum_to_one_identically() -> None:
    q, r = sympy.symbols("q r")
    ok = ExtensiveFormGame(["A"], ("chance", {"H": (q, (1,)), "T": (1 - q, (0,))}))
    assert ok.parameters == (q,)
    with pytest.raises(ProbabilityError, match="not identically 1"):
        ExtensiveFormGame(["A"], ("chance", {"H": (q, (1,)), "T": (r, (0,))}))
    with pytest.raises(ProbabilityError, match="outside"):
        ExtensiveFormGame(["A"], ("chance", {"H": (sympy.Integer(-1), (1,)), "T": (2 - q + q, (0,))}))


def test_float_probabilities_are_checked_within_the_tolerance() -> None:
    game = ExtensiveFormGame(["A"], ("chance", {"a": (0.1, (1,)), "b": (0.2, (2,)), "c": (0.7, (3,))}))
    assert game.kind == "float"


# --------------------------------------------------------------------------- perfect recall
def test_forgetting_an_own_action_breaks_perfect_recall() -> None:
    game = ExtensiveFormGame(
        ["A"],
        ("A", {"L": ("A", {"x": (1,), "y": (0,)}, "later"), "R": ("A", {"x": (0,), "y": (2,)}, "later")}),
    )
    assert not game.has_perfect_recall
    assert "'later'" in (game.perfect_recall_violation or "")
    with pytest.raises(UnsupportedGameError, match="perfect recall"):
        game.behaviour_strategy(nea_games.solve(game.to_normal_form(), method="pure")[0])


def test_forgetting_what_one_knew_breaks_perfect_recall() -> None:
    # A learns the coin, then moves twice; at the second move she has forgotten the coin
    # although her first move was taken at two different information sets.
    game = ExtensiveFormGame(
        ["A"],
        (
            "chance",
            {
                "H": (F(1, 2), ("A", {"go": ("A", {"x": (1,), "y": (0,)}, "second")}, "knows H")),
                "T": (F(1, 2), ("A", {"go": ("A", {"x": (0,), "y": (1,)}, "second")}, "knows T")),
            },
        ),
    )
    assert not game.has_perfect_recall
    assert "knows H" in (game.perfect_recall_violation or "")


def test_absent_mindedness_breaks_perfect_recall() -> None:
    game = ExtensiveFormGame(
        ["A"], ("A", {"exit": (0,), "go": ("A", {"exit": (4,), "go": (1,)}, "(root)")}, "(root)")
    )
    assert not game.has_perfect_recall


def test_imperfect_information_with_perfect_recall() -> None:
    game = ExtensiveFormGame(
        ["A", "B"],
        ("A", {"L": ("B", {"l": (1, 0), "r": (0, 1)}, "h"), "R": ("B", {"l": (2, 2), "r": (3, 3)}, "h")}),
    )
    assert game.has_perfect_recall and game.perfect_recall_violation is None
    assert not game.is_perfect_information
    assert [n.path for n in game.infosets["h"]] == [("L",), ("R",)]


# --------------------------------------------------------------------------- parameters
def test_parametric_trees_substitute_to_exact_games() -> None:
    q, c = sympy.symbols("q c")
    game = ExtensiveFormGame(
        ["A"], ("A", {"Safe": (0,), "Risky": ("chance", {"Win": (q, (1,)), "Lose": (1 - q, (-c,))})})
    )
    assert game.parameters == (c, q) and game.is_parametric and game.kind == "symbolic"
    half = game.subs(q=F(1, 2))
    assert half.parameters == (c,)
    concrete = half.subs({"c": 3})
    assert concrete.kind == "exact"
    assert concrete.node("Risky").probabilities == {"Win": F(1, 2), "Lose": F(1, 2)}
    assert concrete.to_normal_form().payoff(("Risky",)) == (F(-1),)
    assert game.subs(q="0.25", c=1).node("Risky").probabilities["Win"] == F(1, 4)
    with pytest.raises(UnknownNameError, match="did you mean 'q'"):
        game.subs(qq=1)
    with pytest.raises(nea_games.errors.ParametricGameError):
        game._require_numeric()


# --------------------------------------------------------------------------- normal form
def test_entry_game_normal_form() -> None:
    nf = entry_game().to_normal_form()
    assert nf.players == tuple(PLAYERS)
    assert nf.actions == (("Out", "In"), ("Fight", "Accommodate"))
    # Out ends the game whatever the incumbent plans: (0, 2) in both columns.
    assert nf.payoff(("Out", "Fight")) == nf.payoff(("Out", "Accommodate")) == (0, 2)
    assert nf.payoff(("In", "Fight")) == (-1, -1)


def centipede() -> ExtensiveFormGame:
    return ExtensiveFormGame(
        ["A", "B"],
        (
            "A",
            {
                "Take": (1, 0),
                "Pass": ("B", {"Take": (0, 2), "Pass": ("A", {"Take": (3, 1), "Pass": (2, 4)})}),
            },
        ),
    )


def test_reduced_normal_form_merges_strategies_that_differ_only_where_play_never_goes() -> None:
    game = centipede()
    full = game.to_normal_form(reduced=False)
    reduced = game.to_normal_form()
    assert full.actions[0] == ("Take/Take", "Take/Pass", "Pass/Take", "Pass/Pass")
    assert reduced.actions == (("Take", "Pass/Take", "Pass/Pass"), ("Take", "Pass"))
    # Take/Take and Take/Pass are the same rows of the full form: merged into "Take".
    assert (
        full.payoff(("Take/Take", "Pass"))
        == full.payoff(("Take/Pass", "Pass"))
        == reduced.payoff(("Take", "Pass"))
    )
    assert reduced.payoff(("Pass/Pass", "Pass")) == (2, 4)
    assert game.strategies("A")["Pass/Take"] == {"(root)": "Pass", "Pass/Pass": "Take"}
    with pytest.raises(BudgetExceededError):
        game.to_normal_form(reduced=False, max_strategies=3)


def test_chance_is_expected_out_exactly() -> None:
    # Nature: Good with 1/3, Bad with 2/3; A cannot see it.
    game = ExtensiveFormGame(
        ["A", "B"],
        (
            "chance",
            {
                "Good": (F(1, 3), ("A", {"Go": (3, 1), "Stop": (0, 0)}, "A")),
                "Bad": (F(2, 3), ("A", {"Go": (-1, 2), "Stop": (0, 0)}, "A")),
            },
        ),
    )
    nf = game.to_normal_form()
    # Go: 1/3 * 3 + 2/3 * (-1) = 1/3 for A, 1/3 * 1 + 2/3 * 2 = 5/3 for B.
    assert nf.payoff(("Go", "(no move)")) == (F(1, 3), F(5, 3))
    assert nf.is_exact


def test_kuhn_maps_a_mixed_equilibrium_to_behaviour_strategies() -> None:
    # A moves twice: first In/Out, then (after B) Left/Right; mixing over A's reduced strategies
    # In/Left 1/4, In/Right 1/4, Out 1/2 gives In with 1/2 and Left with 1/2 given In.
    game = ExtensiveFormGame(
        ["A", "B"],
        ("A", {"Out": (0, 0), "In": ("B", {"b": ("A", {"Left": (1, 1), "Right": (2, 2)}, "second")})}),
    )
    nf = game.to_normal_form()
    assert nf.actions[0] == ("Out", "In/Left", "In/Right")
    eq = nea_games.Equilibrium.from_strategies(nf, [[F(1, 2), F(1, 4), F(1, 4)], [1]])
    profile = game.behaviour_strategy(eq)
    assert profile.at("(root)") == {"Out": F(1, 2), "In": F(1, 2)}
    assert profile.at("second") == {"Left": F(1, 2), "Right": F(1, 2)}
    assert profile.payoffs == eq.payoffs == (F(3, 4), F(3, 4))
    # Pure Out leaves the later information set unspecified: no action there matters.
    out = game.behaviour_strategy(nea_games.Equilibrium.from_strategies(nf, [[1, 0, 0], [1]]))
    assert out.unspecified == frozenset({"second"})
    with pytest.raises(ValidationError, match="excluded"):
        out.at("second")
    other = nea_games.NormalFormGame.bimatrix([[1]], [[1]])
    with pytest.raises(ValidationError, match="does not belong"):
        game.behaviour_strategy(nea_games.Equilibrium.from_strategies(other, [[1], [1]]))


def test_behaviour_profiles_validate_their_input() -> None:
    game = entry_game()
    with pytest.raises(UnknownNameError):
        game.behaviour_profile({"nowhere": "In"})
    with pytest.raises(UnknownNameError):
        game.behaviour_profile({"(root)": "Inn"})
    with pytest.raises(ProbabilityError):
        game.behaviour_profile({"(root)": {"In": F(1, 2)}})
    with pytest.raises(ValidationError, match="names no action"):
        game.behaviour_profile({"(root)": "In"})
    mixed = game.behaviour_profile({"(root)": {"In": F(1, 2), "Out": F(1, 2)}, "In": "Fight"})
    assert mixed.outcome_distribution() == {("Out",): F(1, 2), ("In", "Fight"): F(1, 2)}
    assert mixed.path is None and not mixed.is_pure
    assert mixed.payoff_of("Entrant") == F(-1, 2)
    assert "Out 1/2" in mixed.to_text()


# --------------------------------------------------------------------------- normal form property
@st.composite
def random_trees(draw: st.DrawFn) -> ExtensiveFormGame:
    """Random trees with chance nodes and (same-depth) information sets, integer payoffs."""
    n_players = draw(st.integers(1, 3))
    players = [f"P{i}" for i in range(n_players)]
    counter = itertools.count()
    levels: dict[tuple[int, str, int], list[dict[str, Any]]] = {}

    def grow(depth: int) -> Any:
        kind = (
            draw(st.sampled_from(["terminal", "decision", "decision", "chance"])) if depth < 3 else "terminal"
        )
        if kind == "terminal":
            return tuple(draw(st.integers(-2, 2)) for _ in players)
        width = draw(st.integers(1, 3))
        if kind == "chance":
            weights = [draw(st.integers(1, 3)) for _ in range(width)]
            return {"chance": {f"c{k}": (F(w, sum(weights)), grow(depth + 1)) for k, w in enumerate(weights)}}
        player = draw(st.sampled_from(players))
        node = {"player": player, "actions": {f"a{k}": grow(depth + 1) for k in range(width)}}
        node["infoset"] = f"h{next(counter)}"
        levels.setdefault((depth, player, width), []).append(node)
        return node

    tree = grow(0)
    for group in levels.values():  # join some same-depth nodes into one information set
        if len(group) > 1 and draw(st.booleans()):
            for node in group[1:]:
                node["infoset"] = group[0]["infoset"]
    return ExtensiveFormGame(players, tree)


def direct_value(game: ExtensiveFormGame, plan: dict[str, str]) -> tuple[Any, ...]:
    """Independent reference: walk the tree following ``plan`` and averaging over chance."""

    def walk(node: Any) -> tuple[Any, ...]:
        if node.is_terminal:
            return node.payoffs
        if node.is_chance:
            parts = [tuple(p * v for v in walk(node.children[o])) for o, p in node.probabilities.items()]
            return tuple(sum(col, F(0)) for col in zip(*parts, strict=True))
        return walk(node.children[plan[node.infoset]])

    return walk(game.root)


@settings(max_examples=60, deadline=None)
@given(random_trees(), st.booleans())
def test_normal_form_preserves_the_expected_payoff_of_every_pure_profile(
    game: ExtensiveFormGame, reduced: bool
) -> None:
    nf = game.to_normal_form(reduced=reduced)
    plans = [game.strategies(p, reduced=reduced) for p in game.players]
    for names in itertools.product(*(list(p) for p in plans)):
        plan: dict[str, str] = {}
        for player_plans, name in zip(plans, names, strict=True):
            plan.update(player_plans[name])
        assert nf.payoff(names) == direct_value(game, plan)


# --------------------------------------------------------------------------- rendering
def test_text_outline_shows_players_probabilities_and_payoffs() -> None:
    game = ExtensiveFormGame(
        ["A"], ("chance", {"H": (F(1, 3), ("A", {"x": (1,), "y": (0,)}, "I")), "T": (F(2, 3), (5,))})
    )
    assert game.to_text() == "\n".join(
        ["chance", "├─ H (1/3): A [I]", "│  ├─ x: (1)", "│  └─ y: (0)", "└─ T (2/3): (5)"]
    )
    assert str(entry_game()).startswith("Entry\nEntrant [(root)]")


def test_plot_draws_nodes_information_sets_and_payoffs() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    game = ExtensiveFormGame(
        ["A", "B"],
        (
            "chance",
            {
                "H": (F(1, 3), ("A", {"x": ("B", {"l": (1, 2), "r": (0, 0)}, "B"), "y": (0, 1)}, "A-H")),
                "T": (F(2, 3), ("A", {"x": ("B", {"l": (3, 4), "r": (5, 6)}, "B"), "y": (7, 8)}, "A-T")),
            },
        ),
        title="Slide",
    )
    fig = game.plot()
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert any("1/3" in t for t in texts) and any("2/3" in t for t in texts)
    assert "5\n6" in texts and "Chance" in texts and "B" in texts
    dashed = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert len(dashed) == 1  # the information set B joins two nodes
    plt.close(fig)
    fig2, ax2 = plt.subplots()
    assert entry_game().plot(ax=ax2) is fig2
    plt.close(fig2)


def test_absent_minded_driver_normal_form() -> None:
    # Piccione & Rubinstein (1997): one information set visited twice. A pure strategy takes
    # the same action at both visits, so Exit pays 0 (first exit) and Continue pays 1 (the end);
    # the terminal after Continue-then-Exit (payoff 4) is reachable by no pure strategy.
    from nea_games import ExtensiveFormGame

    tree = ExtensiveFormGame(
        ["Driver"],
        ("Driver", {"Exit": (0,), "Continue": ("Driver", {"Exit": (4,), "Continue": (1,)}, "X")}, "X"),
    )
    assert not tree.has_perfect_recall
    normal = tree.to_normal_form()
    assert dict(zip(normal.actions[0], (normal.payoffs[0][k] for k in range(2)), strict=True)) == {
        "Exit": 0,
        "Continue": 1,
    }
