"""Subgame-perfect and Nash equilibria of trees, checked against textbook results derived here."""

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
    ParametricGameError,
    UnknownNameError,
    UnsupportedGameError,
)
from nea_games.games.extensive_form import BehaviourProfile, ExtensiveFormGame
from nea_games.solvers.backward import (
    TreeEquilibriumSet,
    backward_induction,
    nash_equilibria,
    symbolic_backward_induction,
)

# Selten's entry game (Selten 1965; Osborne 2004, ch. 5). Payoffs (Entrant, Incumbent).
ENTRY = ExtensiveFormGame(
    ["Entrant", "Incumbent"],
    ("Entrant", {"Out": (0, 2), "In": ("Incumbent", {"Fight": (-1, -1), "Accommodate": (1, 1)})}),
    title="Entry game",
)


def test_entry_game_has_one_subgame_perfect_equilibrium() -> None:
    # After In the incumbent compares Fight -1 with Accommodate 1: Accommodate. The entrant then
    # compares Out 0 with In 1: In. SPE = (In, Accommodate), payoffs (1, 1).
    spe = backward_induction(ENTRY)
    assert isinstance(spe, TreeEquilibriumSet) and spe.complete and len(spe) == 1
    (eq,) = spe
    assert eq.choice("(root)") == "In" and eq.choice("In") == "Accommodate"
    assert eq.path == ("In", "Accommodate") and eq.payoffs == (1, 1)
    assert eq.is_nash() and eq.is_subgame_perfect() and eq.regret() == 0
    assert "1 subgame perfect equilibrium" in spe.to_text()
    assert "In > Accommodate" in spe.to_markdown() and "<table>" in spe._repr_html_()


def test_entry_game_normal_form_is_degenerate_with_a_continuum_of_nash_equilibria() -> None:
    # Normal form: Out gives 0 whatever the incumbent plans; In gives -f + (1 - f) = 1 - 2f when the
    # incumbent fights with probability f. So (Out, f) is an equilibrium iff 1 - 2f <= 0, f >= 1/2;
    # the incumbent is indifferent after Out (2 either way), so every f in [1/2, 1] works. With In the
    # incumbent must accommodate. Extreme equilibria: (Out, Fight), (Out, f = 1/2), (In, Accommodate).
    nash = nash_equilibria(ENTRY)
    assert nash.degenerate is True and nash.concept == "Nash"
    assert nash.normal_form_equilibria is not None and nash.normal_form_equilibria.degenerate
    found = {(p.choice("(root)"), p.at("In")["Fight"]) for p in nash}
    assert found == {("Out", F(1)), ("Out", F(1, 2)), ("In", F(0))}
    assert all(p.is_nash() for p in nash)
    # Only (In, Accommodate) is subgame perfect.
    assert [p.is_subgame_perfect() for p in nash].count(True) == 1
    # A point inside the continuum is an equilibrium too; one below f = 1/2 is not.
    inside = ENTRY.behaviour_profile({"(root)": "Out", "In": {"Fight": F(3, 4), "Accommodate": F(1, 4)}})
    below = ENTRY.behaviour_profile({"(root)": "Out", "In": {"Fight": F(1, 4), "Accommodate": F(3, 4)}})
    assert inside.is_nash() and not below.is_nash() and below.regret() == F(1, 2)


def centipede(n: int) -> ExtensiveFormGame:
    """Rosenthal's centipede: at stage k the mover takes (k + 2 for her, k for the other) or passes."""

    def stage(k: int) -> Any:
        mover = k % 2
        take = (k + 2, k) if mover == 0 else (k, k + 2)
        if k == n - 1:
            rest: Any = (k + 1, k + 1)
        else:
            rest = stage(k + 1)
        return (("A", "B")[mover], {"Take": take, "Pass": rest}, f"stage {k + 1}")

    return ExtensiveFormGame(["A", "B"], stage(0), title=f"centipede({n})")


def test_centipede_spe_takes_at_every_node() -> None:
    # Last stage k = n-1: taking gives the mover k + 2 > k + 1 from passing; at each earlier stage
    # the mover compares k + 2 from taking with what the next mover's take leaves her, k + 1.
    game = centipede(6)
    (eq,) = backward_induction(game)
    assert all(eq.choice(f"stage {k}") == "Take" for k in range(1, 7))
    assert eq.path == ("Take",) and eq.payoffs == (2, 0)


def test_entry_followed_by_battle_of_the_sexes() -> None:
    # P1 stays Out (2, 0) or enters a simultaneous battle of the sexes with P2:
    #        a       b
    #   A  3, 1    0, 0
    #   B  0, 0    1, 3
    # Subgame equilibria: (A, a) worth 3 to P1; (B, b) worth 1; mixed: P1 plays A with p making P2
    # indifferent, p = 3(1 - p), p = 3/4; P2 plays a with q, 3q = 1 - q, q = 1/4; P1 gets 3/4.
    # Rolling back: 3 > 2 -> In; 1 < 2 -> Out; 3/4 < 2 -> Out. Three SPEs.
    game = ExtensiveFormGame(
        ["P1", "P2"],
        (
            "P1",
            {
                "Out": (2, 0),
                "In": (
                    "P1",
                    {
                        "A": ("P2", {"a": (3, 1), "b": (0, 0)}, "P2"),
                        "B": ("P2", {"a": (0, 0), "b": (1, 3)}, "P2"),
                    },
                ),
            },
        ),
    )
    spe = backward_induction(game)
    assert spe.complete and len(spe) == 3
    got = {(p.choice("(root)"), p.at("In")["A"], p.at("P2")["a"], p.payoffs) for p in spe}
    assert got == {
        ("In", F(1), F(1), (F(3), F(1))),
        ("Out", F(0), F(0), (F(2), F(0))),
        ("Out", F(3, 4), F(1, 4), (F(2), F(0))),
    }
    assert all(p.is_subgame_perfect() for p in spe)
    assert len(spe.mixed()) == 1 and len(spe.pure()) == 2
    assert any("vertex_enumeration" in note for note in spe.notes)


def test_chance_node_game_with_exact_probabilities() -> None:
    # Nature makes the regime Resolute (2/5) or Pragmatic (3/5); the DPRK sees it and China's move.
    # China cannot see the type. Pressure: a resolute DPRK holds (China -4), a pragmatic one yields
    # (China 3). China's expected payoff from Pressure is 2/5 * (-4) + 3/5 * 3 = 1/5 > 0 = Shield.
    dprk = lambda hold, yld: ("DPRK", {"Hold": hold, "Yield": yld})  # noqa: E731
    game = ExtensiveFormGame(
        ["China", "DPRK"],
        (
            "chance",
            {
                "Resolute": (
                    F(2, 5),
                    ("China", {"Pressure": dprk((-4, 1), (2, -2)), "Shield": (0, 0)}, "China"),
                ),
                "Pragmatic": (
                    F(3, 5),
                    ("China", {"Pressure": dprk((-4, -1), (3, 0)), "Shield": (0, 0)}, "China"),
                ),
            },
        ),
    )
    (eq,) = backward_induction(game)
    assert eq.choice("China") == "Pressure"
    assert eq.choice("Resolute/Pressure") == "Hold" and eq.choice("Pragmatic/Pressure") == "Yield"
    assert eq.payoffs == (F(1, 5), F(2, 5) * 1 + F(3, 5) * 0)
    assert eq.path is None
    assert eq.outcome_distribution() == {
        ("Resolute", "Pressure", "Hold"): F(2, 5),
        ("Pragmatic", "Pressure", "Yield"): F(3, 5),
    }
    assert eq.exact and eq.is_subgame_perfect()


def test_all_ties_are_reported() -> None:
    # B is indifferent after R (0 either way). If B plays l, A gets 0 from R < 1 from L: L.
    # If B plays r, A is indifferent between L (1) and R (1): both. SPEs: (L,l), (L,r), (R,r).
    game = ExtensiveFormGame(["A", "B"], ("A", {"L": (1, 1), "R": ("B", {"l": (0, 0), "r": (1, 0)})}))
    spe = backward_induction(game)
    assert {(p.choice("(root)"), p.choice("R")) for p in spe} == {("L", "l"), ("L", "r"), ("R", "r")}
    assert spe.paths().count(("L",)) == 2


def test_ties_multiply_and_the_budget_is_honoured() -> None:
    # Three independent subgames where B is indifferent between 2 actions: 2**3 = 8 SPEs.
    sub = ("B", {"x": (0, 0), "y": (0, 0)})
    game = ExtensiveFormGame(
        ["A", "B"], ("chance", {"1": (F(1, 3), sub), "2": (F(1, 3), sub), "3": (F(1, 3), sub)})
    )
    assert len(backward_induction(game)) == 8
    with pytest.raises(BudgetExceededError, match="max_equilibria=5"):
        backward_induction(game, max_equilibria=5)


def test_float_trees_compare_within_the_tolerance() -> None:
    game = ExtensiveFormGame(["A"], ("A", {"x": (0.1 + 0.2,), "y": (0.3,)}))
    assert len(backward_induction(game)) == 2
    assert not backward_induction(game).exact


def test_solver_input_errors() -> None:
    with pytest.raises(UnsupportedGameError):
        backward_induction(nea_games.NormalFormGame.bimatrix([[1]], [[1]]))  # type: ignore[arg-type]
    c = sympy.Symbol("c")
    parametric = ExtensiveFormGame(["A"], ("A", {"x": (c,), "y": (0,)}))
    with pytest.raises(ParametricGameError):
        backward_induction(parametric)
    forgetful = ExtensiveFormGame(
        ["A"], ("A", {"L": ("A", {"x": (1,), "y": (0,)}, "h"), "R": ("A", {"x": (0,), "y": (2,)}, "h")})
    )
    with pytest.raises(UnsupportedGameError, match="perfect recall"):
        nash_equilibria(forgetful)


def test_nash_equilibria_of_a_tree_map_back_to_behaviour() -> None:
    # Matching pennies as a tree: the unique equilibrium mixes 1/2-1/2 at both information sets.
    game = ExtensiveFormGame(
        ["A", "B"],
        ("A", {"H": ("B", {"h": (1, -1), "t": (-1, 1)}, "B"), "T": ("B", {"h": (-1, 1), "t": (1, -1)}, "B")}),
    )
    (eq,) = nash_equilibria(game)
    assert eq.at("(root)") == {"H": F(1, 2), "T": F(1, 2)} and eq.at("B") == {"h": F(1, 2), "t": F(1, 2)}
    assert eq.payoffs == (0, 0)
    assert backward_induction(game).isclose(nash_equilibria(game))


# --------------------------------------------------------------------------- property
@st.composite
def perfect_information_trees(draw: st.DrawFn) -> ExtensiveFormGame:
    n_players = draw(st.integers(1, 3))
    players = [f"P{i}" for i in range(n_players)]

    def grow(depth: int) -> Any:
        if depth >= 3 or draw(st.integers(0, 3)) == 0:
            return tuple(draw(st.integers(-1, 2)) for _ in players)  # narrow range: many ties
        width = draw(st.integers(1, 3))
        if draw(st.integers(0, 4)) == 0:
            return ("chance", {f"c{k}": (F(1, width), grow(depth + 1)) for k in range(width)})
        return (draw(st.sampled_from(players)), {f"a{k}": grow(depth + 1) for k in range(width)})

    return ExtensiveFormGame(players, grow(0))


def reduced_name(game: ExtensiveFormGame, profile: BehaviourProfile, player: str) -> str:
    plan = {h: profile.choice(h) for h in game.infosets_of(player)}
    for name, assignment in game.strategies(player).items():
        if all(plan[h] == a for h, a in assignment.items()):
            return name
    raise AssertionError("no reduced strategy matches")


@settings(max_examples=60, deadline=None)
@given(perfect_information_trees())
def test_backward_induction_profiles_are_nash_equilibria_of_the_normal_form(game: ExtensiveFormGame) -> None:
    nf = game.to_normal_form()
    spe = backward_induction(game)
    assert len(spe) >= 1
    for profile in spe:
        assert profile.is_pure and not profile.unspecified
        names = [reduced_name(game, profile, p) for p in game.players]
        strategies = [[int(a == n) for a in actions] for actions, n in zip(nf.actions, names, strict=True)]
        eq = nea_games.Equilibrium.from_strategies(nf, strategies)
        assert eq.is_equilibrium()
        assert eq.payoffs == profile.payoffs
        assert profile.is_subgame_perfect()
    # distinct profiles
    labels = [p.label for p in spe]
    assert len(set(labels)) == len(labels)


# --------------------------------------------------------------------------- symbolic
def test_symbolic_threshold_of_a_deterrence_game_matches_the_hand_derivation() -> None:
    # China pressures or shields; under pressure the DPRK collapses with probability q, costing China
    # B, else holds, costing China n; shielding costs s. Pressure: -(q*B + (1-q)*n); Shield: -n - s.
    # Pressure is optimal iff q*B + (1 - q)*n <= n + s iff q*(B - n) <= s iff q <= s/(B - n) when B > n.
    q = sympy.Symbol("q")
    B, n, s = sympy.symbols("B n s", positive=True)
    game = ExtensiveFormGame(
        ["China"],
        {
            "player": "China",
            "label": "China",
            "actions": {
                "Shield": (-n - s,),
                "Pressure": ("chance", {"Collapse": (q, (-B,)), "Hold": (1 - q, (-n,))}),
            },
        },
    )
    numbers = {B: 30, n: 10, s: 4}
    sol = symbolic_backward_induction(game.subs(numbers))
    # With B = 30, n = 10, s = 4: q* = 4/20 = 1/5.
    assert sol.condition("China", "Pressure") == (q <= sympy.Rational(1, 5))
    assert sol.condition("China", "Shield") == (q >= sympy.Rational(1, 5))
    assert sol.thresholds("China", q) == [sympy.Rational(1, 5)]
    # Fully symbolic: the threshold is s/(B - n).
    general = symbolic_backward_induction(game, given=[n < B])
    (threshold,) = general.thresholds("China", "q")
    assert sympy.simplify(threshold - s / (B - n)) == 0
    for point in [
        dict(B=30, n=10, s=4, q=sympy.Rational(1, 10)),
        dict(B=20, n=5, s=9, q=sympy.Rational(7, 10)),
    ]:
        (regime,) = general.at(**{str(k): v for k, v in point.items()})
        pressure = point["q"] <= sympy.Rational(point["s"], point["B"] - point["n"])
        assert regime.choices["China"] == ("Pressure" if pressure else "Shield")
    assert "Pressure iff" in general.to_text()


def test_symbolic_backward_induction_honours_assumptions() -> None:
    # A pays c > 0 to Act for a benefit 1: Act iff c <= 1. With c assumed negative Act always wins.
    c = sympy.Symbol("c")
    game = ExtensiveFormGame(["A"], ("A", {"Act": (1 - c,), "Wait": (0,)}))
    assert symbolic_backward_induction(game, {"c": {"positive": True}}).condition("(root)", "Act") == (c <= 1)
    always = symbolic_backward_induction(game, {c: {"negative": True}})
    assert always.condition("(root)", "Act") == sympy.true
    assert always.condition("(root)", "Wait") == sympy.false
    with pytest.raises(UnknownNameError):
        symbolic_backward_induction(game, {"d": {"positive": True}})


def test_symbolic_solution_agrees_with_numeric_backward_induction() -> None:
    # Two-stage perfect-information tree with parameters a, b; compare at grid points.
    a, b = sympy.symbols("a b")
    game = ExtensiveFormGame(
        ["A", "B"],
        ("A", {"L": (a, 1), "R": ("B", {"l": (2, b), "r": (0, 0)})}),
    )
    sol = symbolic_backward_induction(game)
    for va, vb in itertools.product([-1, 1, 3], [-1, 1]):
        numeric = backward_induction(game.subs(a=va, b=vb))
        symbolic = sol.at(a=va, b=vb)
        assert {tuple(sorted(r.choices.items())) for r in symbolic} == {
            tuple(sorted((h, p.choice(h)) for h in p.behaviour)) for p in numeric
        }


def test_symbolic_subgame_with_simultaneous_moves_gives_pure_equilibria_conditions() -> None:
    # Coordination subgame with a parameter t: (A, a) pays (t, 1), (B, b) pays (1, 1), else 0.
    # (A, a) is an equilibrium iff t >= 0; (B, b) always. Mixed equilibria are not derived.
    t = sympy.Symbol("t")
    game = ExtensiveFormGame(
        ["P1", "P2"],
        ("P1", {"A": ("P2", {"a": (t, 1), "b": (0, 0)}, "h"), "B": ("P2", {"a": (0, 0), "b": (1, 1)}, "h")}),
    )
    sol = symbolic_backward_induction(game)
    assert not sol.complete and sol.notes
    assert sol.condition("(root)", "B") == sympy.true
    assert sol.condition("(root)", "A") == (t >= 0)
