"""``nea-games export``: a model's game, or a game file, as .nfg, .efg, LaTeX or JSON.

The JSON form is built here from the games' public attributes:

* a normal-form game: ``{"kind": "normal form", "title", "players", "actions",
  "payoffs"}`` with ``payoffs[i]`` player *i*'s nested payoff table
  (``payoffs[i][a_1][a_2]...``), exact numbers as strings (``"9/14"``);
* a game tree: ``{"kind": "extensive form", "title", "players", "root"}``, each
  node ``{"player", "infoset", "children": {action: node}}``, chance nodes
  ``{"chance": {outcome: probability}, "children": ...}``, terminal nodes
  ``{"payoffs": [...]}``;
* a repeated game: ``{"kind": "repeated", "discount", "stage": <normal form>}``.
"""

from __future__ import annotations

import json
from typing import Any

import click

from nea_games.cli._common import jsonable, model_games, pick_game, resolve, set_option
from nea_games.cli._models import complete_target
from nea_games.errors import UnsupportedGameError

__all__ = ["export", "game_json", "render"]

FORMATS = ("nfg", "efg", "latex", "json")


def game_json(game: Any) -> dict[str, Any]:
    """A game as a JSON-ready dict (see the module docstring)."""
    from nea_games.games.extensive_form import ExtensiveFormGame
    from nea_games.games.normal_form import NormalFormGame

    if isinstance(game, NormalFormGame):
        return {
            "kind": "normal form",
            "title": game.title,
            "players": list(game.players),
            "actions": [list(a) for a in game.actions],
            "payoffs": [jsonable(table.tolist()) for table in game.payoffs],
        }
    if isinstance(game, ExtensiveFormGame):
        return {
            "kind": "extensive form",
            "title": game.title,
            "players": list(game.players),
            "root": _node_json(game.root),
        }
    stage = getattr(game, "stage", None)
    if isinstance(stage, NormalFormGame):
        return {
            "kind": "repeated",
            "discount": jsonable(getattr(game, "discount", None)),
            "stage": game_json(stage),
        }
    raise UnsupportedGameError(f"export: cannot write a {type(game).__name__} as JSON")


def _node_json(root: Any) -> dict[str, Any]:
    """Iterative (deep trees must not hit the recursion limit)."""
    out: dict[str, Any] = {}
    stack = [(root, out)]
    while stack:
        node, into = stack.pop()
        if node.label:
            into["label"] = node.label
        if node.is_terminal:
            into["payoffs"] = jsonable(list(node.payoffs))
            continue
        if node.is_chance:
            into["chance"] = jsonable(dict(node.probabilities))
        else:
            into["player"] = node.player
            into["infoset"] = node.infoset
        children: dict[str, Any] = {}
        into["children"] = children
        for action, child in node.children.items():
            children[action] = {}
            stack.append((child, children[action]))
    return out


def render(game: Any, fmt: str) -> str:
    """The text of ``game`` in format ``fmt`` (one of nfg, efg, latex, json)."""
    from nea_games.games.extensive_form import ExtensiveFormGame
    from nea_games.games.normal_form import NormalFormGame
    from nea_games.io import gambit

    stage = getattr(game, "stage", None)
    if fmt == "json":
        return json.dumps(game_json(game), indent=2, ensure_ascii=False) + "\n"
    if isinstance(stage, NormalFormGame):  # a repeated game: its stage game
        game = stage
    if fmt == "efg":
        if not isinstance(game, ExtensiveFormGame):
            raise UnsupportedGameError(
                "export: an .efg file holds a game tree; this is a normal-form game (use nfg)"
            )
        return gambit.to_string(game)
    if isinstance(game, ExtensiveFormGame):  # nfg / latex of a tree: its reduced normal form
        nf = game.to_normal_form()
        if fmt == "nfg":
            return gambit.to_string(nf, comment=f"reduced normal form of the tree {game.title!r}")
        return f"% reduced normal form of the tree {game.title!r}\n{nf.to_latex()}\n"
    if fmt == "nfg":
        return gambit.to_string(game)
    return str(game.to_latex()) + "\n"


@click.command()
@click.argument("target", metavar="MODEL|FILE", shell_complete=complete_target)
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="Output format.")
@click.option("--game", "game_name", default=None, help="Which of the model's games (default: the first).")
@set_option
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write here (default: stdout)."
)
def export(
    target: str, fmt: str, game_name: str | None, assignments: tuple[str, ...], output: str | None
) -> None:
    """Export a model's (or a scenario's) game, or convert a Gambit file, to .nfg, .efg, LaTeX or JSON.

    A game tree exported as nfg or latex is written as its reduced normal
    form; a repeated game as its stage game (JSON keeps the discount factor).
    """
    from nea_games.errors import ValidationError
    from nea_games.models import registry

    found = resolve(target)
    overrides = found.overrides(assignments)
    if found.model is None:
        if game_name is not None:
            raise ValidationError("--game applies to models and scenarios, not to game files")
        game = found.game
    else:
        model = registry.get(found.model, **overrides)
        _, game = pick_game(model_games(model), game_name, f"model {found.model!r}")
    text = render(game, fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    with open(output, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    click.echo(f"wrote {output}", err=True)
