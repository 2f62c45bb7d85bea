"""``nea-games solve`` and ``nea-games conditions``: equilibria, headline results, exact conditions."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import click

from nea_games.cli._common import (
    Target,
    jsonable,
    model_games,
    parse_assignments,
    pick_game,
    print_table,
    resolve,
    set_option,
)
from nea_games.cli._models import complete_target
from nea_games.errors import UnknownNameError, ValidationError

__all__ = ["conditions", "equilibria_json", "print_result_table", "solve"]


def print_result_table(result: Any) -> None:
    """An equilibrium set (or any table-like result) as a rich table; others as text."""
    rows = getattr(result, "_rows", None)
    summary = getattr(result, "_summary", None)
    if callable(rows) and callable(summary):
        header, body = rows()
        notes = tuple(getattr(result, "notes", ()))
        caption = "\n".join(f"note: {n}" for n in notes) or None
        print_table(summary(), header, body, caption=caption)
    else:
        click.echo(str(result))


def equilibria_json(equilibria: Any) -> dict[str, Any] | None:
    """Equilibria for ``--json``: labels, strategies (or behaviour) and payoffs, exact as strings."""
    if equilibria is None:
        return None
    items = []
    for eq in equilibria:
        item: dict[str, Any] = {}
        label = getattr(eq, "label", None)
        if isinstance(label, str):
            item["label"] = label
        if hasattr(eq, "as_dict"):
            item["strategies"] = jsonable(eq.as_dict())
        elif hasattr(eq, "behaviour"):
            item["behaviour"] = jsonable({k: dict(v) for k, v in eq.behaviour.items()})
            item["path"] = jsonable(getattr(eq, "path", None))
        players = getattr(getattr(eq, "game", None), "players", ())
        payoffs = tuple(getattr(eq, "payoffs", ()))
        if len(players) == len(payoffs):
            item["payoffs"] = {p: jsonable(v) for p, v in zip(players, payoffs, strict=True)}
        items.append(item)
    summary = getattr(equilibria, "_summary", None)
    return {
        "summary": summary() if callable(summary) else f"{len(items)} equilibria",
        "method": getattr(equilibria, "method", None),
        "complete": getattr(equilibria, "complete", None),
        "equilibria": items,
    }


def _headline_rows(result: Any) -> list[tuple[str, str]]:
    rows = getattr(result, "headline_rows", None)
    if callable(rows):
        return [(name, text) for name, text, *_ in rows()]
    from nea_games.models._result import format_value

    return [(name, format_value(v)) for name, v in getattr(result, "headline", {}).items()]


def _parameters(model: Any) -> dict[str, Any]:
    import dataclasses

    return {f.name: jsonable(getattr(model, f.name)) for f in dataclasses.fields(model)}


@click.command()
@click.argument("target", metavar="MODEL|FILE", shell_complete=complete_target)
@set_option
@click.option(
    "--method",
    default=None,
    help="Solver method (see `nea-games methods`); for a model, re-solves its main game with it.",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (exact values as strings).")
def solve(target: str, assignments: tuple[str, ...], method: str | None, as_json: bool) -> None:
    """Solve a model (at its defaults, or with --set), a scenario file or a Gambit game file.

    For a model or a .toml scenario, prints its equilibria, its headline
    quantities and a short reading; for a .nfg/.efg file, the game and all
    its equilibria.
    """
    from nea_games.solvers.api import solve as solve_game

    found = resolve(target)
    overrides = found.overrides(assignments)
    if found.model is None:
        game = found.game
        equilibria = solve_game(game, method=method)
        if as_json:
            out = {"file": found.name, "title": game.title, "equilibria": equilibria_json(equilibria)}
            click.echo(json.dumps(out, indent=2, ensure_ascii=False))
            return
        from nea_games.games.normal_form import NormalFormGame

        click.echo(f"{found.name}: {game.title}" if game.title else found.name)
        click.echo("")
        click.echo(game.to_text(equilibria) if isinstance(game, NormalFormGame) else game.to_text())
        click.echo("")
        print_result_table(equilibria)
        return

    from nea_games.models import registry

    model = registry.get(found.model, **overrides)
    result = model.solve()
    equilibria = getattr(result, "equilibria", None)
    if method is not None:
        main_game = getattr(result, "game", None)
        if main_game is None:
            raise ValidationError(
                f"--method: model {found.model!r} has no main game to solve at these values"
            )
        equilibria = solve_game(main_game, method=method)
    if as_json:
        out = {
            "model": found.model,
            "parameters": _parameters(model),
            "headline": jsonable(dict(getattr(result, "headline", {}))),
            "reading": getattr(result, "reading", ""),
            "equilibria": equilibria_json(equilibria),
        }
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    click.echo(f"{found.model}: {registry.KNOWN[found.model].summary}")
    click.echo("")
    if equilibria is not None:
        print_result_table(equilibria)
    elif callable(getattr(result, "_rows", None)):
        print_result_table(result)
    click.echo("")
    print_table("Headline", ["quantity", "value"], _headline_rows(result))
    reading = getattr(result, "reading", "")
    if reading:
        click.echo(reading)


# ---------------------------------------------------------------------------- conditions
def parse_profile(game: Any, text: str) -> tuple[Any, str]:
    """The ``--profile`` text as what :func:`~nea_games.analysis.conditions.conditions` takes.

    ``A,B``: one action per player (a normal-form game), one reduced strategy
    per player of a tree (Nash), or a repeated game's strategy name.
    ``infoset=action,...``: a pure behaviour profile of a tree (subgame perfect).
    """
    from nea_games.games.extensive_form import ExtensiveFormGame

    items = [item.strip() for item in text.split(",")]
    if not all(items):
        raise ValidationError(f"--profile: empty item in {text!r}; expected e.g. Cooperate,Cooperate")
    if isinstance(game, ExtensiveFormGame):
        if all("=" in item for item in items):
            pairs = [item.split("=", 1) for item in items]
            return {k.strip(): v.strip() for k, v in pairs}, "subgame perfect"
        return tuple(items), "nash"
    if any("=" in item for item in items):
        raise ValidationError(
            "--profile: infoset=action pairs are for game trees; give one action per player"
        )
    players = getattr(game, "players", ())
    if hasattr(game, "stage"):  # a repeated game: the profile is a strategy name
        return text.strip(), "subgame perfect"
    if len(items) != len(players):
        raise ValidationError(
            f"--profile: expected one action for each of the {len(players)} players "
            f"({', '.join(players)}), got {len(items)}"
        )
    return tuple(items), "subgame perfect"


def _symbolic_model(found: Target, assignments: Sequence[str], symbols: Sequence[str]) -> Any:
    import sympy

    from nea_games.games._names import did_you_mean
    from nea_games.models import registry

    model = str(found.model)
    given = parse_assignments(model, assignments)
    overrides = {k: v for k, v in found.overrides(assignments).items() if k not in symbols}
    names = registry.parameter_names(model)
    for name in symbols:
        if name not in names:
            raise UnknownNameError(
                f"--symbol {name}: model {model!r} has no parameter {name!r}{did_you_mean(name, names)}"
            )
        if name in given:
            raise ValidationError(f"--symbol {name}: the parameter is also given a value with --set")
    return registry.get(model, **overrides, **{name: sympy.Symbol(name) for name in symbols})


@click.command()
@click.argument("target", metavar="MODEL|FILE", shell_complete=complete_target)
@click.option("--profile", required=True, help="The pure profile, e.g. Cooperate,Cooperate or China=Shield.")
@click.option("--game", "game_name", default=None, help="Which of the model's games (default: the first).")
@click.option(
    "--symbol",
    "symbols",
    multiple=True,
    metavar="NAME",
    help="Keep this model parameter symbolic, so the condition is stated in it. Repeatable.",
)
@set_option
@click.option("--latex", is_flag=True, help="Print the condition as LaTeX.")
def conditions(
    target: str,
    profile: str,
    game_name: str | None,
    symbols: tuple[str, ...],
    assignments: tuple[str, ...],
    latex: bool,
) -> None:
    """The exact condition under which a pure profile is an equilibrium.

    For a model, the game is one of its games (`--game`), with the
    parameters named by `--symbol` left as symbols, so the condition is a
    relation in them, e.g. `kappa <= 1/2`. For a game tree the profile is a
    list of `infoset=action` pairs (subgame perfection), or one reduced
    strategy per player (Nash).
    """
    from nea_games.analysis.conditions import conditions as exact_conditions

    found = resolve(target)
    if found.model is None:
        if symbols or assignments:
            raise ValidationError("--symbol and --set apply to models, not to game files")
        if game_name is not None:
            raise ValidationError("--game applies to models, not to game files")
        game = found.game
    else:
        model = _symbolic_model(found, assignments, symbols)
        _, game = pick_game(model_games(model), game_name, f"model {found.model!r}")
    parsed, concept = parse_profile(game, profile)
    condition = exact_conditions(game, parsed, concept=concept)
    if latex:
        click.echo(condition.latex())
        return
    if condition.is_true:
        verdict = "always" if symbols else "yes"
    elif condition.is_false:
        verdict = "never" if symbols else "no"
    else:
        verdict = condition.text()
    click.echo(f"{condition.description}: {verdict}")
